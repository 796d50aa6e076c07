"""The scripting commands for the clerk's daily work, in one session of use."""

from __future__ import annotations

import json
from pathlib import Path

from hpdesk.cli import main


def _run(capsys, workspace: Path, *args: str) -> dict | list:  # type: ignore[no-untyped-def]
    assert main(["--workspace", str(workspace), *args, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_unit_assign_period_report_review_completeness(capsys, workspace_dir: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    _run(capsys, workspace_dir, "import-plan", str(sample_copy("taian_task_breakdown.xlsx")))
    _run(capsys, workspace_dir, "unit", "seed-from-plan")
    _run(capsys, workspace_dir, "unit", "add", "北下街街道", "--type", "street")
    _run(capsys, workspace_dir, "assign", "A01-T001", "--lead", "区卫生健康委", "--co", "北下街街道")
    periods = _run(capsys, workspace_dir, "period", "create", "--year", "2025")
    assert [p["label"] for p in periods] == ["2025H1", "2025H2"]  # type: ignore[index]
    listed = _run(capsys, workspace_dir, "period", "list")
    assert listed[0]["due_date"] == "2025-06-15" and listed[0]["state"] == "open"  # type: ignore[index]
    report = _run(capsys, workspace_dir, "report", "set", "--task", "A01-T001", "--unit", "北下街街道", "--period",
                  "2025H1", "--status", "done", "--narrative", "讲座3场", "--figure", "培训人数=120人")
    assert report["figures"] == [{"name": "培训人数", "value": 120.0, "unit": "人"}]  # type: ignore[index]
    _run(capsys, workspace_dir, "review", "submit", "--task", "A01-T001", "--unit", "北下街街道", "--period", "2025H1")
    approved = _run(capsys, workspace_dir, "review", "approve", "--task", "A01-T001", "--unit", "北下街街道",
                    "--period", "2025H1", "--comment", "材料齐全")
    assert approved["review_state"] == "approved"  # type: ignore[index]
    result = _run(capsys, workspace_dir, "completeness", "--period", "2025H1", "--today", "2025-06-20")
    assert (result["total"]["expected"], result["total"]["approved"], result["total"]["overdue"]) == (2, 1, 1)  # type: ignore[index]


def test_locked_period_edit_without_reason_exits_2(capsys, workspace_dir: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    _run(capsys, workspace_dir, "import-plan", str(sample_copy("taian_task_breakdown.xlsx")))
    _run(capsys, workspace_dir, "unit", "add", "区卫生健康委")
    _run(capsys, workspace_dir, "assign", "A01-T001", "--lead", "区卫生健康委")
    _run(capsys, workspace_dir, "period", "create", "2025H1")
    _run(capsys, workspace_dir, "period", "lock", "2025H1")
    code = main(["--workspace", str(workspace_dir), "report", "set", "--task", "A01-T001", "--unit", "区卫生健康委",
                 "--period", "2025H1", "--narrative", "改"])
    assert code == 2 and "--reason" in capsys.readouterr().err
