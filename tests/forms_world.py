"""A county with units and assignments for the fill-in form tests, and a unit filling its form with openpyxl.

    区卫生健康委   lead A01-T001
    北下街街道     co   A01-T001, co A01-T002        (two rows: the one the tests fill)
    区教育局       lead A01-T002
    区民政局       nothing this period              (gets no form)
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from plan_builder import build_plan

from hpdesk.domain.fill_in_forms import COLUMNS, FORM_SHEET
from hpdesk.services.assignments import assign_task
from hpdesk.services.forms.export import FormsExport, IssuedForm, export_forms
from hpdesk.services.periods import create_periods
from hpdesk.services.units import add_unit
from hpdesk.services.workspace import Workspace

STREET = "北下街街道"
HEADER_ROW = 4


def build_county(workspace: Workspace) -> None:
    build_plan(workspace)
    add_unit(workspace, "区卫生健康委", aliases=["区卫健委"])
    add_unit(workspace, STREET, "street")
    add_unit(workspace, "区教育局")
    add_unit(workspace, "区民政局")
    create_periods(workspace, 2025)
    assign_task(workspace, "A01-T001", "区卫生健康委", [STREET])
    assign_task(workspace, "A01-T002", "区教育局", [STREET])


def export_street(workspace: Workspace, out: Path, period: str = "2025H1") -> IssuedForm:
    result: FormsExport = export_forms(workspace, period, out, [STREET])
    return result.forms[0]


def column(field_name: str) -> int:
    return next(index for index, (_h, name) in enumerate(COLUMNS, start=1) if name == field_name)


def fill(source: Path, target: Path, answers: dict[str, dict[str, str]], *,
         edit=None) -> Path:  # type: ignore[no-untyped-def]
    """Open `source` as a unit would, write `answers` (task code → field → text) into the rows of those tasks,
    run `edit(workbook)` for anything else, and save as `target`."""
    workbook = openpyxl.load_workbook(source)
    sheet = workbook[FORM_SHEET]
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        code = sheet.cell(row, column("task_code")).value
        for field_name, text in answers.get(code, {}).items():
            sheet.cell(row, column(field_name)).value = text
    if edit is not None:
        edit(workbook)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


GOOD_ANSWER = {"status": "已完成", "narrative": "开展健康讲座3场", "figures": "培训人数=120人；发放资料=3000份",
               "problems": "场地不足", "next_steps": "下半年进社区", "filled_by": "李四", "phone": "13800000000"}
