"""`hpdesk unit merge FROM INTO`: the service Settings → Units uses, from the command line — a preview that changes
nothing, clashing reports refused (exit 2, one line, nothing changed) until --keep-reports chooses, then one merge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from plan_builder import build_plan

from hpdesk.cli import main
from hpdesk.services.assignments import assign_task
from hpdesk.services.periods import create_periods
from hpdesk.services.reports import ReportChanges, list_reports, set_report
from hpdesk.services.units import add_unit, list_units
from hpdesk.services.workspace import open_workspace
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def twins_dir(workspace_dir: Path) -> Path:
    """区工信局 and 区工业信息化局 both carry A01-T002 and both reported on it for 2025H1."""
    with open_workspace(workspace_dir, actor="tester") as workspace:
        build_plan(workspace)
        add_unit(workspace, "区工业信息化局")
        add_unit(workspace, "区工信局", aliases=["工信局"])
        create_periods(workspace, 2025)
        assign_task(workspace, "A01-T001", "区工信局")
        assign_task(workspace, "A01-T002", "区工业信息化局", ["区工信局"])
        set_report(workspace, "A01-T002", "区工业信息化局", "2025H1",
                   ReportChanges(status="in_progress", narrative="牵头单位的报告"))
        set_report(workspace, "A01-T002", "区工信局", "2025H1", ReportChanges(status="done", narrative="配合单位的报告"))
    return workspace_dir


def _state(root: Path) -> tuple[list[str], dict[tuple[str, str], str]]:
    with open_workspace(root, actor="tester") as workspace:
        return ([unit.name for unit in list_units(workspace)],
                {(r.task_code, r.unit): r.narrative for r in list_reports(workspace, "2025H1")})


def _run(capsys: Capture, root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--workspace", str(root), "unit", "merge", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_dry_run_names_the_clashes_and_changes_nothing(capsys: Capture, twins_dir: Path) -> None:
    before = _state(twins_dir)
    code, out, _err = _run(capsys, twins_dir, "工信局", "区工业信息化局", "--dry-run")
    assert code == 0
    assert "将“区工信局”并入“区工业信息化局”（仅预览，未合并）：任务2项" in out
    assert "两单位都有报告：A01-T002（2025年上半年）" in out and "--keep-reports merged" in out
    assert _state(twins_dir) == before


def test_clashing_reports_exit_2_with_one_line_until_the_clerk_chooses(capsys: Capture, twins_dir: Path) -> None:
    before = _state(twins_dir)
    code, _out, err = _run(capsys, twins_dir, "区工信局", "区工业信息化局")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "A01-T002" in err and "Traceback" not in err
    assert _state(twins_dir) == before

    code, out, _err = _run(capsys, twins_dir, "区工信局", "区工业信息化局", "--keep-reports", "merged", "--json")
    assert code == 0
    done: dict[str, Any] = json.loads(out)
    assert (done["applied"], done["merged"], done["kept"], done["tasks_moved"], done["tasks_shared"]) == (
        True, "区工信局", "区工业信息化局", 1, 1)
    units, reports = _state(twins_dir)
    assert "区工信局" not in units and "区工业信息化局" in units
    assert reports == {("A01-T002", "区工业信息化局"): "配合单位的报告"}  # the merged unit's report stayed


def test_merging_a_unit_into_itself_is_refused_with_one_line(capsys: Capture, twins_dir: Path) -> None:
    code, _out, err = _run(capsys, twins_dir, "工信局", "区工信局")
    assert code == 2 and len(err.strip().splitlines()) == 1
