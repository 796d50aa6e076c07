"""The scripting commands for units, assignments, periods, reports, review, completeness and indicator values:
each with --json, and a user's mistake exits 2 with one line. `assign` has verbs (set, suggest, confirm, remove,
list); its old flag spellings still do the same."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from plan_builder import build_plan

from pg_fixtures import BOTH_BACK_ENDS
import hpdesk.cli
from hpdesk.cli import indicator_commands, main, period_commands, report_commands, today_argv, unit_commands
from hpdesk.cli.unit_commands import legacy_assign_arguments
from hpdesk.services.workspace import open_workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

Capture = pytest.CaptureFixture[str]
RECORDS_COMMANDS = [unit_commands, period_commands, report_commands, indicator_commands]


@pytest.fixture(autouse=True)
def _only_the_records_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse with this feature's command modules only, so these tests do not depend on other features' commands
    (tests/architecture builds the full parser)."""
    assert all(module in hpdesk.cli.COMMAND_MODULES for module in RECORDS_COMMANDS)
    monkeypatch.setattr(hpdesk.cli, "COMMAND_MODULES", RECORDS_COMMANDS)


@pytest.fixture
def planned_dir(workspace_dir: Path) -> Path:
    with open_workspace(workspace_dir, actor="tester") as workspace:
        build_plan(workspace)
    return workspace_dir


def _run(capsys: Capture, workspace: Path, *args: str) -> Any:
    code = main(["--workspace", str(workspace), *args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def _fails(capsys: Capture, workspace: Path, *args: str) -> str:
    assert main(["--workspace", str(workspace), *args]) == 2
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1
    return error


def test_units_are_added_seeded_and_listed(capsys: Capture, planned_dir: Path) -> None:
    added = _run(capsys, planned_dir, "unit", "add", "北下街街道", "--type", "street", "--alias", "北下街办事处",
                 "--counterpart", "市民政局")
    assert (added["name"], added["aliases"], added["counterparts"]) == ("北下街街道", ["北下街办事处"], ["市民政局"])
    seeded = _run(capsys, planned_dir, "unit", "seed-from-plan")
    assert "区卫生健康委" in [unit["name"] for unit in seeded]
    listed = _run(capsys, planned_dir, "unit", "list")
    assert listed[0]["name"] == "北下街街道" and len(listed) == 1 + len(seeded)
    edited = _run(capsys, planned_dir, "unit", "edit", "北下街办事处", "--add-alias", "北下街", "--type", "street")
    assert edited["aliases"] == ["北下街办事处", "北下街"]


def test_assign_by_hand_in_bulk_and_by_suggestion(capsys: Capture, planned_dir: Path) -> None:
    _run(capsys, planned_dir, "unit", "seed-from-plan")
    _run(capsys, planned_dir, "unit", "add", "北下街街道", "--type", "street")
    assigned = _run(capsys, planned_dir, "assign", "A01-T001", "A01-T002", "--lead", "区卫生健康委", "--co", "北下街街道")
    assert [a["role"] for a in assigned["A01-T002"]] == ["lead", "co"]
    suggested = _run(capsys, planned_dir, "assign", "--suggest", "--apply")
    assert suggested == {"A02-T001": {"lead": "区市场监管局", "co": []}}
    assert _run(capsys, planned_dir, "assign", "--confirm") == {"confirmed_tasks": 1}
    rows = _run(capsys, planned_dir, "assign", "--list")
    assert [(row["task_code"], row["confirmed"]) for row in rows] == [
        ("A01-T001", True), ("A01-T002", True), ("A02-T001", True)]


def test_periods_are_created_generated_listed_locked_and_unlocked(capsys: Capture, planned_dir: Path) -> None:
    created = _run(capsys, planned_dir, "period", "create", "--year", "2025")
    assert [p["label"] for p in created] == ["2025H1", "2025H2"]
    generated = _run(capsys, planned_dir, "period", "generate", "--from", "2024", "--to", "2025")
    assert "2024Q1" in [p["label"] for p in generated] and "2025" in [p["label"] for p in generated]
    listed = _run(capsys, planned_dir, "period", "list", "--kind", "semiannual", "--year", "2025")
    assert [(p["label"], p["name"], p["due_date"], p["state"]) for p in listed] == [
        ("2025H1", "2025年上半年", "2025-06-15", "open"), ("2025H2", "2025年下半年", "2025-12-15", "open")]
    assert _run(capsys, planned_dir, "period", "lock", "2025H1")["state"] == "locked"
    assert "--reason" in _fails(capsys, planned_dir, "period", "unlock", "2025H1")
    assert _run(capsys, planned_dir, "period", "unlock", "2025H1", "--reason", "补报")["state"] == "open"


def test_the_cadence_is_shown_and_changed(capsys: Capture, planned_dir: Path) -> None:
    assert _run(capsys, planned_dir, "period", "cadence")["cadence"]["semiannual_due"] == [[6, 15], [12, 15]]
    changed = _run(capsys, planned_dir, "period", "cadence", "--semiannual-due", "6-10", "12-10")
    assert changed["cadence"]["semiannual_due"] == [[6, 10], [12, 10]]
    assert _run(capsys, planned_dir, "period", "create", "2026H1")[0]["due_date"] == "2026-06-10"
    assert "6-15" in _fails(capsys, planned_dir, "period", "cadence", "--annual-due", "June")


def test_a_report_is_filled_reviewed_and_counted(capsys: Capture, planned_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPDESK_LANG", "zh")
    _run(capsys, planned_dir, "unit", "add", "区卫生健康委")
    _run(capsys, planned_dir, "unit", "add", "北下街街道", "--type", "street")
    _run(capsys, planned_dir, "assign", "A01-T001", "--lead", "区卫生健康委", "--co", "北下街街道")
    _run(capsys, planned_dir, "period", "create", "--year", "2025")
    report = _run(capsys, planned_dir, "report", "set", "--task", "A01-T001", "--unit", "北下街街道", "--period",
                  "2025H1", "--status", "done", "--narrative", "讲座3场", "--figure", "培训人数=120人",
                  "--figure", "场次=3场", "--problems", "场地不足", "--next-steps", "进社区")
    assert report["figures"] == [{"name": "培训人数", "value": 120.0, "unit": "人"},
                                 {"name": "场次", "value": 3.0, "unit": "场"}]
    key = ("--task", "A01-T001", "--unit", "北下街街道", "--period", "2025H1")
    _run(capsys, planned_dir, "review", "submit", *key)
    assert "退回理由" in _fails(capsys, planned_dir, "review", "return", *key)
    approved = _run(capsys, planned_dir, "review", "approve", *key, "--comment", "材料齐全")
    assert (approved["review_state"], approved["review_comment"]) == ("approved", "材料齐全")
    shown = _run(capsys, planned_dir, "report", "show", "--task", "A01-T001", "--period", "2025H1")
    assert shown["narrative"] == "【北下街街道（配合）】讲座3场" and len(shown["parts"]) == 1
    one = _run(capsys, planned_dir, "report", "show", *key)
    assert one["unit"] == "北下街街道"
    queue = _run(capsys, planned_dir, "report", "list", "--period", "2025H1", "--review-state", "approved")
    assert [r["unit"] for r in queue] == ["北下街街道"]
    expected = _run(capsys, planned_dir, "report", "expected", "--period", "2025H1", "--overdue", "--today",
                    "2025-06-20")
    assert [(r["unit"], r["review_state"]) for r in expected] == [("区卫生健康委", "draft")]
    result = _run(capsys, planned_dir, "completeness", "--period", "2025H1", "--today", "2025-06-20")
    total = result["total"]
    assert (total["expected"], total["reported"], total["approved"], total["overdue"]) == (2, 1, 1, 1)
    assert [row["key"] for row in result["by_unit"]] == ["区卫生健康委", "北下街街道"]
    overview = _run(capsys, planned_dir, "completeness", "--today", "2025-06-20")
    assert [p["label"] for p in overview] == ["2025H1", "2025H2"]


def test_a_locked_period_edit_needs_a_reason_and_is_flagged(capsys: Capture, planned_dir: Path) -> None:
    _run(capsys, planned_dir, "unit", "add", "区卫生健康委")
    _run(capsys, planned_dir, "assign", "A01-T001", "--lead", "区卫生健康委")
    _run(capsys, planned_dir, "period", "create", "2025H1")
    _run(capsys, planned_dir, "period", "lock", "2025H1")
    key = ("--task", "A01-T001", "--unit", "区卫生健康委", "--period", "2025H1")
    assert "--reason" in _fails(capsys, planned_dir, "report", "set", *key, "--narrative", "改")
    changed = _run(capsys, planned_dir, "report", "set", *key, "--narrative", "改", "--reason", "补报")
    assert changed["changed_after_lock"] is True


@pytest.mark.parametrize("args", [
    ("assign", "A09-T001", "--lead", "区卫生健康委"), ("assign", "A01-T001"), ("period", "create", "2025H3"),
    ("period", "lock", "2024H1"), ("unit", "add", "区卫健委", "--type", "department"),
    ("report", "set", "--task", "A01-T001", "--unit", "区卫生健康委", "--period", "2025H1", "--figure", "培训人数"),
    ("indicator", "set", "I999", "--year", "2025", "--value", "1"),
])
def test_mistakes_exit_2_with_one_line(capsys: Capture, planned_dir: Path, args: tuple[str, ...]) -> None:
    main(["--workspace", str(planned_dir), "unit", "add", "区卫生健康委", "--alias", "区卫健委"])
    capsys.readouterr()
    _fails(capsys, planned_dir, *args)


def test_indicator_values_and_judgements(capsys: Capture, planned_dir: Path) -> None:
    value = _run(capsys, planned_dir, "indicator", "set", "I001", "--year", "2025", "--value", "95.25%以上",
                 "--as-of", "2025-12-31", "--source", "区疾控中心", "--note", "抽样")
    assert (value["value_text"], value["value"], value["as_of"], value["source"]) == (
        "95.25%以上", 95.25, "2025-12-31", "区疾控中心")
    assert value["evaluation"]["verdict"] == "met"
    judged = _run(capsys, planned_dir, "indicator", "judge", "I001", "--year", "2025", "--verdict", "not_met",
                  "--reason", "口径不一致")
    assert judged["judgement"] == "not_met" and judged["judged_by"] and judged["judged_at"]
    direction = _run(capsys, planned_dir, "indicator", "direction", "I002", "lower")
    assert direction == {"code": "I002", "direction": "lower"}
    values = _run(capsys, planned_dir, "indicator", "values", "--year", "2025")
    assert [v["indicator_code"] for v in values] == ["I001"]


@pytest.mark.parametrize(("old", "new"), [
    (["A01-T001", "A01-T002", "--lead", "区卫健委", "--co", "街道"],
     ["set", "A01-T001", "A01-T002", "--lead", "区卫健委", "--co", "街道"]),
    (["--suggest", "--apply"], ["suggest", "--apply"]),
    (["--confirm", "A01-T001"], ["confirm", "A01-T001"]),
    (["--confirm"], ["confirm"]),
    (["A01-T001", "--remove", "街道", "--json"], ["remove", "A01-T001", "--unit", "街道", "--json"]),
    (["A01-T001", "--remove=街道"], ["remove", "A01-T001", "--unit=街道"]),
    (["--list", "--state", "confirmed"], ["list", "--state", "confirmed"]),
    (["list", "--state", "confirmed"], ["list", "--state", "confirmed"]),
    (["--help"], ["--help"]),
])
def test_old_assign_flags_are_read_as_todays_verbs(old: list[str], new: list[str]) -> None:
    assert legacy_assign_arguments(old) == new


def test_only_the_assign_command_is_rewritten_after_the_global_options() -> None:
    assert today_argv(["--workspace", "w", "--verbose", "assign", "--list"]) == [
        "--workspace", "w", "--verbose", "assign", "list"]
    assert today_argv(["--workspace=w", "assign", "A01-T001", "--lead", "x"]) == [
        "--workspace=w", "assign", "set", "A01-T001", "--lead", "x"]
    assert today_argv(["unit", "list", "--list"]) == ["unit", "list", "--list"]
    assert today_argv(["--workspace", "assign", "info"]) == ["--workspace", "assign", "info"]


def test_the_assign_verbs_set_suggest_confirm_remove_and_list(capsys: Capture, planned_dir: Path) -> None:
    _run(capsys, planned_dir, "unit", "seed-from-plan")
    _run(capsys, planned_dir, "unit", "add", "北下街街道", "--type", "street")
    assigned = _run(capsys, planned_dir, "assign", "set", "A01-T001", "A01-T002", "--lead", "区卫生健康委",
                    "--co", "北下街街道")
    assert [a["role"] for a in assigned["A01-T002"]] == ["lead", "co"]
    removed = _run(capsys, planned_dir, "assign", "remove", "A01-T002", "--unit", "北下街街道")
    assert [a["unit"] for a in removed["A01-T002"]] == ["区卫生健康委"]
    assert _run(capsys, planned_dir, "assign", "suggest") == {"A02-T001": {"lead": "区市场监管局", "co": []}}
    assert _run(capsys, planned_dir, "assign", "list", "--state", "unassigned") != []  # suggesting stored nothing
    _run(capsys, planned_dir, "assign", "suggest", "--apply")
    assert [row["task_code"] for row in _run(capsys, planned_dir, "assign", "list", "--state", "unconfirmed")] == [
        "A02-T001"]
    assert _run(capsys, planned_dir, "assign", "confirm", "A02-T001") == {"confirmed_tasks": 1}
    rows = _run(capsys, planned_dir, "assign", "list")
    assert [(row["task_code"], row["confirmed"]) for row in rows] == [
        ("A01-T001", True), ("A01-T002", True), ("A02-T001", True)]


def test_the_old_remove_spelling_takes_the_unit_off(capsys: Capture, planned_dir: Path) -> None:
    _run(capsys, planned_dir, "unit", "seed-from-plan")
    _run(capsys, planned_dir, "unit", "add", "北下街街道", "--type", "street")
    _run(capsys, planned_dir, "assign", "A01-T001", "--lead", "区卫生健康委", "--co", "北下街街道")
    removed = _run(capsys, planned_dir, "assign", "A01-T001", "--remove", "北下街街道")
    assert [a["unit"] for a in removed["A01-T001"]] == ["区卫生健康委"]


def test_assign_set_without_a_lead_is_one_line_exit_2(capsys: Capture, planned_dir: Path) -> None:
    assert main(["--workspace", str(planned_dir), "assign", "set", "A01-T001"]) == 2
    error = capsys.readouterr().err
    assert len(error.strip().splitlines()) == 1 and "A01-T001" in error


def test_without_json_the_result_prints_as_lines(capsys: Capture, planned_dir: Path) -> None:
    _run(capsys, planned_dir, "unit", "seed-from-plan")
    assert main(["--workspace", str(planned_dir), "assign", "suggest"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "建议 3 项任务" and "  A02-T001\t牵头 区市场监管局\t配合 —" in lines[1:]


def test_indicator_list_totals_name_the_verdicts_in_chinese(capsys: Capture, planned_dir: Path) -> None:
    main(["--workspace", str(planned_dir), "indicator", "set", "I001", "--year", "2025", "--value", "95.25%以上"])
    capsys.readouterr()
    assert main(["--workspace", str(planned_dir), "indicator", "list", "--year", "2025"]) == 0
    totals = capsys.readouterr().out.strip().splitlines()[-1]
    assert totals.startswith("合计：已达标 1，") and "未填报" in totals
    assert not any(code in totals for code in ("met", "not_met", "on_track", "needs_judgement", "no_value"))
