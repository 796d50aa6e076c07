"""`hpdesk target explain` and `hpdesk indicator …` on the command line."""

from __future__ import annotations

import json

from hpdesk.cli import main


def test_explain_json_has_kind_parts_verdict_and_reason(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["target", "explain", "≥80", "--unit", "%", "--value", "85.1", "--year", "2025", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["kind"] == "threshold"
    assert payload["parts"] == [{"operator": "≥", "value": 80.0, "unit": "%"}]
    assert payload["verdict"] == "met" and "85.1%" in payload["reason"]


def test_explain_with_history_and_baseline_judges_progress(capsys) -> None:  # type: ignore[no-untyped-def]
    code = main(["target", "explain", "≥92.3", "--unit", "%", "--baseline", "85", "--baseline-year", "2018",
                 "--history", "2020:86,2022:88", "--target-year", "2030", "--json"])
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["year"], payload["verdict"]) == (2022, "on_track")


def test_malformed_history_is_a_user_error(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["target", "explain", "持续提高", "--history", "2019=1"]) == 2
    assert "2019:1.2" in capsys.readouterr().err
