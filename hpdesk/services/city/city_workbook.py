"""The city's 汇总表: the workbook the city sends upwards, built from a consolidation.

Sheets:
1. 完成情况 — counties as rows: the period's state, the day received, late or not, tasks, reported, done, in
   progress, not reported, then 已报送/任务数 per special action; a 合计 row;
2. 指标汇总 — indicators as rows: name, unit, target year, 目标值, one column per county (value and verdict), then
   已填报县区数 and 达标县区数;
3. 明细 — one row per county × task (county, task code, action, task, status, narrative, figures, problems, next
   steps, evidence count, file count), with a filter, for pivoting.
Formula-safe as the county's export: every text goes through excel_export.write_text_cell (text cells, quote prefix for
=, +, -, @). Written to a temporary file beside the target, then moved into place.
"""

from __future__ import annotations

import functools
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hpdesk.services.city.consolidation import TOTAL, Consolidation, DetailRow
from hpdesk.services.exporting.excel_export import (
    FONT_NAME, set_print_layout, set_widths, write_row, write_text_cell,
)
from hpdesk.services.xlsx_save import save_workbook
from hpdesk.services.user_files import replacing

COMPLETENESS_SHEET, INDICATOR_SHEET, DETAIL_SHEET = "完成情况", "指标汇总", "明细"
_TOTAL = PatternFill("solid", fgColor="F2F2F2")
CellValue = str | int | None  # what the sheets hold: texts (through write_text_cell) and counts


def write_city_workbook(consolidation: Consolidation, details: list[DetailRow], out_path: Path | str) -> Path:
    """Write the 汇总表 for `consolidation` (and its detail rows) to `out_path` atomically; returns the path."""
    out_path = Path(out_path)
    workbook = Workbook()
    _completeness(workbook.worksheets[0], consolidation)
    _indicators(workbook.create_sheet(INDICATOR_SHEET), consolidation)
    _details(workbook.create_sheet(DETAIL_SHEET), details)
    with replacing(out_path, ".xlsx.tmp") as temporary:
        save_workbook(workbook, temporary)  # worksheet scratch beside it, not in the system temp
    return out_path


_row = functools.partial(write_row, border=False)


def _completeness(sheet: Worksheet, result: Consolidation) -> None:
    sheet.title = COMPLETENESS_SHEET
    write_text_cell(sheet.cell(1, 1), f"{result.period_name}各县区报送完成情况（截止日期 {result.due}）").font = \
        Font(name=FONT_NAME, bold=True, size=13)
    header = ["序号", "县区", "报送状态", "收到日期", "是否逾期", "任务数", "已报送", "已完成", "推进中", "未报送",
              *(f"{action}（已报送/任务数）" for action in result.actions)]
    _row(sheet, 2, header, head=True)
    cells = {cell.county: cell for cell in result.by_period if cell.period == result.period}
    row = 3
    for number, county in enumerate(result.counties, start=1):
        cell = cells[county]
        values: list[CellValue] = [number, county, cell.state_label, cell.received_on, "是" if cell.late else "否"]
        if county in result.accepted:
            total = result.county_total(county)
            values += total.counts
            for action in result.actions:
                line = next((line for line in result.by_action if line.county == county and line.action == action),
                            None)
                values.append(f"{line.reported}/{line.tasks}" if line else "")
        _row(sheet, row, values)
        row += 1
    city = result.city_total
    _row(sheet, row, ["", TOTAL, f"已接收 {len(result.accepted)} / {len(result.counties)}", "",
                      f"逾期 {len(result.late)}", *city.counts], fill=_TOTAL)
    set_widths(sheet, [6, 28, 10, 12, 9, 8, 8, 8, 8, 8, *([18] * len(result.actions))])
    sheet.freeze_panes = "C3"
    set_print_layout(sheet, 2)  # without it LibreOffice printed the 汇总表 on hundreds of pages


def _indicators(sheet: Worksheet, result: Consolidation) -> None:
    header = ["编码", "指标", "单位", "目标年份", "目标值", *result.counties, "已填报县区数", "达标县区数"]
    _row(sheet, 1, header, head=True)
    for row, indicator in enumerate(result.indicators, start=2):
        values: list[CellValue] = [indicator.code, indicator.name, indicator.unit,
                                indicator.target_year if indicator.target_year is not None else "",
                                indicator.target_text]
        values += [f"{cell.value_text}（{cell.verdict_label}）" if cell.value_text else cell.verdict_label
                   for cell in indicator.cells]
        values += [indicator.reported, indicator.met]
        _row(sheet, row, values)
    set_widths(sheet, [8, 30, 8, 9, 14, *([14] * len(result.counties)), 12, 11])
    sheet.freeze_panes = "C2"
    set_print_layout(sheet, 1)


def _details(sheet: Worksheet, details: list[DetailRow]) -> None:
    header = ["县区", "任务编码", "专项行动", "任务", "完成情况", "工作开展情况", "主要数据", "存在问题", "下一步计划",
              "佐证材料数", "文件数"]
    _row(sheet, 1, header, head=True)
    for row, detail in enumerate(details, start=2):
        _row(sheet, row, [detail.county, detail.task_code, detail.action, detail.task, detail.status_label,
                          detail.narrative, detail.figures, detail.problems, detail.next_steps,
                          detail.evidence_count, detail.file_count])
    set_widths(sheet, [24, 11, 18, 40, 9, 50, 24, 28, 28, 10, 8])
    sheet.freeze_panes = "B2"
    set_print_layout(sheet, 1)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(details) + 1)}"
