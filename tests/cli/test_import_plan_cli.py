"""`hpdesk import-plan`: the JSON contract, dry runs, re-imports, manual mappings; bad input exits 2 with one line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from hpdesk.domain.calendar import current_periods, passed_periods, spec_for_label
from hpdesk.services.desk import Desk
from hpdesk.services.progress import CancelToken, LatestProgress
from hpdesk.services.workspace import open_workspace
from pg_fixtures import BOTH_BACK_ENDS, every_row, workspace_copy

pytestmark = BOTH_BACK_ENDS

CONTRACT = ("kind", "actions", "tasks", "county_tasks", "indicators", "new", "changed", "withdrawn", "issues", "applied")


def _hpdesk(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HPDESK_LANG="zh_CN")
    return subprocess.run([sys.executable, "-m", "hpdesk", "--workspace", str(workspace), *args],
                          capture_output=True, text=True, env=env, timeout=120)


def _json(completed: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def _every_row(root: Path) -> dict[str, list[object]]:
    with open_workspace(root, actor="tester") as workspace:
        return every_row(workspace)


@pytest.fixture
def cli_workspace(workspace_dir: Path) -> Path:
    """A workspace set up as `hpdesk init` does (region 管城回族区), on either back end."""
    return workspace_dir


def test_json_reports_the_contract_fields_a_dry_run_writes_nothing_and_a_second_import_is_the_same_plan(
    cli_workspace: Path, sample_copy
) -> None:  # type: ignore[no-untyped-def]
    sample = sample_copy("taian_task_breakdown.xlsx")
    before = _every_row(cli_workspace)
    dry = _json(_hpdesk(cli_workspace, "import-plan", str(sample), "--dry-run", "--json"))
    assert set(CONTRACT) <= set(dry) and dry["applied"] is False
    assert (dry["kind"], dry["actions"], dry["tasks"], dry["county_tasks"], dry["new"]) == ("tasks", 15, 124, 84, 124)
    fragments = [issue for issue in dry["issues"] if issue["code"] == "fragment"]
    assert [(issue["sheet"], issue["row"]) for issue in fragments] == [("工作任务分解表", 82), ("工作任务分解表", 84)]
    assert {"sheet", "row", "column", "code", "detail"} <= set(fragments[0])
    assert _every_row(cli_workspace) == before

    applied = _json(_hpdesk(cli_workspace, "import-plan", str(sample), "--json"))
    assert (applied["applied"], applied["new"], applied["plan"]["existing"]) == (True, 124, False)
    again = _json(_hpdesk(cli_workspace, "import-plan", str(sample), "--json"))
    assert (again["new"], again["changed"], again["withdrawn"], again["unchanged"]) == (0, 0, 0, 124)
    assert again["plan"] == applied["plan"] | {"existing": True}


def test_indicator_tables_report_their_kind_and_count(cli_workspace: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    payload = _json(_hpdesk(cli_workspace, "import-plan", str(sample_copy("zhengzhou_indicators.xlsx")), "--json"))
    assert (payload["kind"], payload["indicators"], payload["tasks"], payload["applied"]) == ("indicators", 75, 0, True)


def test_the_human_summary_names_counts_and_rows_to_check(cli_workspace: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    completed = _hpdesk(cli_workspace, "import-plan", str(sample_copy("taian_task_breakdown.xlsx")), "--dry-run")
    assert completed.returncode == 0, completed.stderr
    assert "任务 124 条（县区承担 84 条）" in completed.stdout
    assert "第 82 行" in completed.stdout and "仅预览" in completed.stdout


def test_a_manual_column_mapping_imports_an_unusual_header(cli_workspace: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["事项", "部门", "情况"])
    book.active.append(["开展健康讲座", "市卫生健康委、各县区", ""])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    refused = _hpdesk(cli_workspace, "import-plan", str(path))
    assert refused.returncode == 2 and "odd.xlsx" in refused.stderr
    payload = _json(_hpdesk(cli_workspace, "import-plan", str(path), "--columns", "task_text,responsible,",
                            "--json"))
    assert (payload["tasks"], payload["county_tasks"], payload["mapping_source"]) == (1, 1, "manual")
    unknown = _hpdesk(cli_workspace, "import-plan", str(path), "--columns", "task_text,部门,")
    assert unknown.returncode == 2 and "部门" in unknown.stderr


@pytest.mark.parametrize(("name", "content"), [
    ("通知.xlsx", "这不是表格".encode()),
    ("方案.pdf", b"%PDF-1.4 a scanned plan"),
])
def test_bad_input_exits_2_with_one_chinese_line_and_leaves_the_workspace_unchanged(
    cli_workspace: Path, tmp_path: Path, name: str, content: bytes
) -> None:
    bogus = tmp_path / name
    bogus.write_bytes(content)
    before = _every_row(cli_workspace)
    completed = _hpdesk(cli_workspace, "import-plan", str(bogus))
    assert completed.returncode == 2
    assert name in completed.stderr and "Traceback" not in completed.stderr
    assert completed.stderr.strip().count("\n") == 0
    assert _every_row(cli_workspace) == before


def test_a_missing_sheet_exits_2_naming_the_sheets_there_are(cli_workspace: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    completed = _hpdesk(cli_workspace, "import-plan", str(sample_copy("guancheng_indicators.xlsx")), "--sheet", "表9")
    assert completed.returncode == 2
    assert "表9" in completed.stderr and "主要发展指标" in completed.stderr


def _prepared_state(root: Path) -> tuple[list[tuple[str, tuple[str, ...]]], list[str], list[tuple[str, str, bool]]]:
    from hpdesk.services.assignments import list_task_assignments

    with open_workspace(root) as workspace:
        desk = Desk(workspace)
        units = [(unit.name, unit.counterparts) for unit in desk.units()]
        periods = [period.label for period in desk.periods()]
        assigned = [(row.task_code, row.lead_unit or "", row.confirmed)
                    for row in list_task_assignments(desk.workspace)]
    return units, periods, assigned


def test_import_plan_prepares_units_assignments_and_periods_exactly_as_the_desktop_app_does(
    cli_workspace: Path, tmp_path: Path, sample_copy, request: pytest.FixtureRequest, backend: str
) -> None:  # type: ignore[no-untyped-def]
    sample = sample_copy("taian_task_breakdown.xlsx")
    payload = _json(_hpdesk(cli_workspace, "import-plan", str(sample), "--json"))
    today = date.today()
    starting = [spec.label for spec in current_periods("semiannual", today)]
    assert payload["prepared"]["units"] > 10 and payload["prepared"]["periods"] == len(starting)

    gui_root = workspace_copy(request, backend, tmp_path / "gui")
    with open_workspace(gui_root) as workspace:  # what the import dialog and then the main window run
        desk = Desk(workspace)
        desk.apply_import(desk.analyse_workbook(sample, LatestProgress(), CancelToken()), LatestProgress(),
                          CancelToken())
        desk.prepare_after_import(today.year, today=today)

    cli_state, gui_state = _prepared_state(cli_workspace), _prepared_state(gui_root)
    assert cli_state == gui_state
    units, periods, assigned = cli_state
    assert len(units) == payload["prepared"]["units"] and periods == starting
    assert sum(1 for _code, lead, confirmed in assigned if lead and not confirmed) == payload["prepared"]["assignments"]


def test_import_plan_starts_the_calendar_at_the_current_period_and_names_the_periods_it_left_out(
    cli_workspace: Path, sample_copy
) -> None:  # type: ignore[no-untyped-def]
    completed = _hpdesk(cli_workspace, "import-plan", str(sample_copy("taian_task_breakdown.xlsx")))
    assert completed.returncode == 0, completed.stderr
    today = date.today()
    first = current_periods("semiannual", today)[0]
    assert f"从当前报送期起创建报送期：{first.name}（{first.due} 截止）" in completed.stdout
    for spec in passed_periods("semiannual", today):  # already due: not created, and the clerk is told how to add it
        assert f"{spec.name}已于 {spec.due} 截止，早于今天，因此不创建（如仍需报送：hpdesk period create {spec.label}）" \
            in completed.stdout
    created = _prepared_state(cli_workspace)[1]
    assert created[0] == first.label
    assert all(spec_for_label(label).due >= today for label in created)  # type: ignore[union-attr]


def test_a_dry_run_prepares_nothing(cli_workspace: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    payload = _json(_hpdesk(cli_workspace, "import-plan", str(sample_copy("taian_task_breakdown.xlsx")), "--dry-run",
                            "--json"))
    assert "prepared" not in payload
    assert _prepared_state(cli_workspace)[:2] == ([], [])


def test_importing_a_task_table_loads_no_excel_writer_migration_pdf_signing_or_qt_library(
        workspace_template: Path, sample_copy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """What the whole import-plan process imports (from -X importtime, which lists each module; never how long it
    took): calamine reads a task table, so neither openpyxl nor Alembic (the schema is current) is loaded, nor the
    export's PDF and signing libraries, nor Qt. Runs once, on SQLite: a shared workspace checks its schema through
    Alembic."""
    root = tmp_path / "ws"
    shutil.copytree(workspace_template, root)
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hpdesk", "--workspace", str(root), "import-plan",
         str(sample_copy("taian_task_breakdown.xlsx")), "--json"],
        capture_output=True, text=True, env=dict(os.environ, HPDESK_LANG="zh_CN"), timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    imported = {line.rsplit("|", 1)[1].strip() for line in completed.stderr.splitlines()
                if line.startswith("import time:") and "|" in line}
    assert "python_calamine" in imported  # the probe does see what the import loads
    heavy = ("openpyxl", "alembic", "reportlab", "pyhanko", "PIL", "PySide6")
    assert sorted(name for name in imported if name.split(".")[0] in heavy) == []
    assert json.loads(completed.stdout)["applied"] is True
