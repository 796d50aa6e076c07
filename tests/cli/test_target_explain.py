"""`hpdesk target explain`: how a target is read, and its verdict for a value or a history."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hpdesk.cli import main

# Runs once, not on both back ends: no workspace (how a target is read).


@pytest.fixture(autouse=True)
def chinese_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI renders reasons in the process locale; these tests read the Chinese a county clerk sees."""
    monkeypatch.setenv("HPDESK_LANG", "zh")


def explain(capsys, *args: str) -> dict:  # type: ignore[no-untyped-def]
    assert main(["target", "explain", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_explain_json_has_kind_parts_verdict_and_reason(capsys) -> None:  # type: ignore[no-untyped-def]
    payload = explain(capsys, "≥80", "--unit", "%", "--value", "85.1", "--year", "2025")
    assert payload["kind"] == "threshold"
    assert payload["parts"] == [{"operator": "≥", "value": 80.0, "unit": "%"}]
    assert payload["verdict"] == "met" and payload["reason"] == "2025年值 85.1% ≥ 目标 80%，已达标"


def test_the_reason_follows_an_english_locale(capsys, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HPDESK_LANG", "en")
    payload = explain(capsys, "≥80", "--unit", "%", "--value", "85.1", "--year", "2025")
    assert payload["reason"] == "Value for 2025: 85.1% ≥ the target 80%: met"


def test_explain_without_a_value_gives_the_reading_and_no_verdict(capsys) -> None:  # type: ignore[no-untyped-def]
    payload = explain(capsys, "控制在10%以下")
    assert (payload["kind"], payload["direction"], payload["reason"]) == ("threshold", "lower", "阈值：≤10%")
    assert "verdict" not in payload


def test_history_up_to_the_year_before_the_target_judges_progress(capsys) -> None:  # type: ignore[no-untyped-def]
    payload = explain(capsys, "≥80", "--unit", "%", "--baseline", "53.97(截至2019年3月)", "--history", "2023:70,2024:72",
                      "--year", "2025")
    assert (payload["year"], payload["target_year"], payload["verdict"]) == (2024, 2025, "off_track")
    assert "按基期2019年 53.97% 到2025年目标 ≥80% 的线性进度，2024年应达到 75.66%，实际 72%" in payload["reason"]


def test_explicit_target_year_makes_year_the_judged_year(capsys) -> None:  # type: ignore[no-untyped-def]
    payload = explain(capsys, "≥92.3", "--unit", "%", "--baseline", "85", "--baseline-year", "2018",
                      "--history", "2020:86,2022:88", "--year", "2022", "--target-year", "2030")
    assert (payload["year"], payload["target_year"], payload["verdict"]) == (2022, 2030, "on_track")


def test_bare_number_uses_the_direction_argument(capsys) -> None:  # type: ignore[no-untyped-def]
    unknown = explain(capsys, "25", "--unit", "%", "--value", "30", "--year", "2022")
    assert unknown["verdict"] == "needs_judgement" and unknown["parts"][0]["operator"] == ""
    known = explain(capsys, "25", "--unit", "%", "--direction", "higher", "--value", "30", "--year", "2022")
    assert known["verdict"] == "met" and known["parts"][0]["operator"] == "≥"


def test_ambiguous_percent_says_so(capsys) -> None:  # type: ignore[no-untyped-def]
    payload = explain(capsys, "比2019年提高10%", "--unit", "%", "--history", "2019:50,2022:56", "--year", "2022")
    assert payload["verdict"] == "needs_judgement" and "个百分点" in payload["ambiguity"]
    assert "≥55%" in payload["reason"] and "≥60%" in payload["reason"]


def test_value_written_in_another_unit_is_converted(capsys) -> None:  # type: ignore[no-untyped-def]
    payload = explain(capsys, "≤4‰", "--unit", "‰", "--value", "0.39%", "--year", "2025")
    assert payload["verdict"] == "met" and "3.9‰" in payload["reason"]


def test_rate_target_with_unit_spelled_as_the_city_does(capsys) -> None:  # type: ignore[no-untyped-def]
    payload = explain(capsys, "每年递减1%", "--unit", "十万分之", "--baseline", "55.4", "--baseline-year", "2018",
                      "--value", "52", "--year", "2024", "--target-year", "2030")
    assert payload["unit"] == "1/10万" and payload["kind"] == "rate" and payload["verdict"] == "on_track"


def test_state_needs_judgement_with_a_chinese_reason(capsys) -> None:  # type: ignore[no-untyped-def]
    payload = explain(capsys, "有效控制", "--value", "1", "--year", "2025")
    assert payload["kind"] == "state" and payload["verdict"] == "needs_judgement" and "人工判断" in payload["reason"]


def test_plain_output_is_short_chinese_lines(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["target", "explain", "≥80", "--unit", "%", "--value", "70", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "读法：阈值：≥80%" in out and "结论：未达标（not_met）" in out and "理由：" in out


@pytest.mark.parametrize("args", [["--history", "2019=1"], ["--value", "abc", "--year", "2020"]])
def test_malformed_history_or_value_is_a_user_error(capsys, monkeypatch, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HPDESK_LANG", "zh")
    assert main(["target", "explain", "持续提高", *args]) == 2
    err = capsys.readouterr().err
    assert "2019:1.2" in err or "读不出数值" in err


@pytest.mark.slow
def test_explain_runs_as_a_command() -> None:
    completed = subprocess.run([sys.executable, "-m", "hpdesk", "target", "explain", "≤4.1", "--unit", "‰",
                                "--value", "3.9", "--year", "2025", "--json"],
                               capture_output=True, text=True, encoding="utf-8", check=False, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["verdict"] == "met"
