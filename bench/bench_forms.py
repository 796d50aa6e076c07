"""Fill-in forms at county scale: write the forms of 40 units and import them all back, beside openpyxl writing and
reading the same number of cells in the same run (the floor any .xlsx round trip pays).

The county: 40 units, 240 county tasks, each unit lead on 6 and co-responsible on 6 (12 rows per form, 480 rows in
all). The import reads, checks, diffs and applies every filled form (reports handed in, workbooks kept, audited);
each run imports into a fresh copy of the workspace.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench_timing import median_seconds

UNITS = 40
TASKS = UNITS * 6


def _county(root: Path) -> None:
    from hpdesk.services.assignments import assign_task
    from hpdesk.services.periods import create_periods
    from hpdesk.services.units import add_unit
    from hpdesk.services.workspace import init_workspace
    from hpdesk.storage.clock import now_iso
    from hpdesk.storage.records import ActionRecord, PlanRecord, TaskRecord

    workspace = init_workspace(root, region="管城回族区", office="管城回族区卫生健康委员会", actor="bench")
    try:
        with workspace.database.unit_of_work() as session:
            plan = PlanRecord(code="bench", title="健康城市行动", created_at=now_iso(), updated_at=now_iso())
            session.add(plan)
            session.flush()
            action = ActionRecord(plan_id=plan.id, code="A01", number=1, number_label="（一）", title="健康知识普及行动")
            session.add(action)
            session.flush()
            for number in range(1, TASKS + 1):
                session.add(TaskRecord(plan_id=plan.id, action_id=action.id, code=f"A01-T{number:03d}",
                                       sort_order=number, task_text=f"第{number}项任务：开展健康知识进机关、进学校、进社区活动",
                                       reporting_note="每半年报送工作开展情况", falls_to_county=True,
                                       created_at=now_iso(), updated_at=now_iso()))
        units = [f"第{number}街道" for number in range(1, UNITS + 1)]
        for name in units:
            add_unit(workspace, name, "street")
        create_periods(workspace, 2026)
        for number in range(1, TASKS + 1):  # task n: lead unit n mod 40, co the next two units
            lead = units[(number - 1) % UNITS]
            assign_task(workspace, f"A01-T{number:03d}", lead,
                        [units[number % UNITS], units[(number + 1) % UNITS]] if number <= TASKS // 2 else [])
    finally:
        workspace.close()


def _fill_all(folder: Path, target: Path) -> int:
    import openpyxl

    from hpdesk.domain.fill_in_forms import COLUMNS, FORM_SHEET

    column = {name: index for index, (_h, name) in enumerate(COLUMNS, start=1)}
    target.mkdir(parents=True, exist_ok=True)
    rows = 0
    for path in sorted(folder.glob("*.xlsx")):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook[FORM_SHEET]
        for row in range(5, sheet.max_row + 1):
            sheet.cell(row, column["status"]).value = "推进中"
            sheet.cell(row, column["narrative"]).value = "已制定工作方案，开展讲座3场，覆盖1200人次。"
            sheet.cell(row, column["figures"]).value = "讲座场次=3场；覆盖人数=1200人次"
            sheet.cell(row, column["filled_by"]).value = "王芳"
            rows += 1
        workbook.save(target / path.name)
    return rows


def _openpyxl_write(folder: Path, forms: int, rows: int, columns: int) -> None:
    from openpyxl import Workbook

    folder.mkdir(parents=True, exist_ok=True)
    per_form = -(-rows // forms)
    for number in range(forms):
        workbook = Workbook()
        sheet = workbook.active
        for row in range(1, per_form + 1):
            for col in range(1, columns + 1):
                sheet.cell(row, col).value = "已制定工作方案，开展讲座3场，覆盖1200人次。"
        workbook.save(folder / f"{number}.xlsx")


def _openpyxl_read(folder: Path) -> int:
    import openpyxl

    cells = 0
    for path in sorted(folder.glob("*.xlsx")):
        workbook = openpyxl.load_workbook(path, read_only=True)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells += sum(1 for value in row if value is not None)
        workbook.close()
    return cells


def bench_forms(data_dir: Path, runs: int) -> dict[str, Any]:
    from hpdesk.domain.fill_in_forms import COLUMNS
    from hpdesk.services.forms import analyse_files, apply_files
    from hpdesk.services.forms.export import export_forms
    from hpdesk.services.workspace import open_workspace

    scratch = Path(tempfile.mkdtemp(prefix="forms-", dir=data_dir))
    try:
        template = scratch / "template"
        _county(template)
        out = scratch / "out"

        def export() -> None:
            shutil.rmtree(out, ignore_errors=True)
            with open_workspace(template, actor="bench") as workspace:
                export_forms(workspace, "2026H1", out)

        export_seconds = median_seconds(export, runs)
        rows = _fill_all(out, scratch / "filled")
        target = scratch / "import"

        def fresh_copy() -> None:
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(template, target)

        def import_all() -> None:
            with open_workspace(target, actor="bench") as workspace:
                results = apply_files(workspace, analyse_files(workspace, [scratch / "filled"]))
            assert sum(len(result.applied) for result in results) == rows

        import_seconds = median_seconds(import_all, runs, setup=fresh_copy)
        plain = scratch / "plain"
        write_seconds = median_seconds(lambda: (shutil.rmtree(plain, ignore_errors=True),
                                                _openpyxl_write(plain, UNITS, rows, len(COLUMNS))), runs)
        read_seconds = median_seconds(lambda: _openpyxl_read(plain), runs)
        return {"units": UNITS, "rows": rows, "cells_per_form_row": len(COLUMNS),
                "export_40_forms_s": export_seconds, "baseline_openpyxl_write_same_cells_s": write_seconds,
                "import_40_forms_s": import_seconds, "baseline_openpyxl_read_same_cells_s": read_seconds,
                "export_over_baseline": round(export_seconds / write_seconds, 2) if write_seconds else None,
                "import_over_baseline": round(import_seconds / read_seconds, 2) if read_seconds else None}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
