"""The Excel for the city, in the city's own layout: its table with the county's answers added, indicators, summary.

Sheets:
1. the imported task table: the city's header rows and row cells verbatim, in the same row order, plus the added
   columns 完成情况 | 工作开展情况 | 存在问题 | 下一步计划 | 佐证材料清单 | 责任单位 (filled for county tasks; a row that
   does not fall to the county keeps them empty);
2. the imported indicator table the same way, plus the year's value, as-of date, source, verdict and its reason;
3. 报送汇总: who, which period, the packet fingerprint, completeness per action and unit, overdue items, verdicts.
Without an imported layout a sheet falls back to a plain table of the same facts.

Safety: every text that came from people is written as a text cell, never a formula — openpyxl would store
"=HYPERLINK(…)" as a formula, and "+…"/"-…"/"@…" are what spreadsheet programs evaluate when a cell is edited —
so such cells get data_type "s" and Excel's quote prefix. Characters XML cannot hold are dropped and cells are cut
at Excel's 32,767-character limit. The file is written to a temporary name in the target folder and moved into
place (os.replace); its zip entry times and core properties come from the content, so the same content gives the
same bytes.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from hpdesk.services.exporting.packet_content import CityTable, PacketContent, TaskSection
from hpdesk.services.xlsx_save import save_workbook
from hpdesk.services.user_files import replacing

ADDED_TASK_COLUMNS = ("完成情况", "工作开展情况", "存在问题", "下一步计划", "佐证材料清单", "责任单位")
EXCEL_CELL_LIMIT = 32767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SUMMARY_SHEET = "报送汇总"
FONT_NAME = "宋体"  # present on every Chinese Windows and in WPS; LibreOffice substitutes a CJK face
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")
_ADDED_FILL = PatternFill("solid", fgColor="FFF2CC")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
# Column widths (in characters) by the field the importer mapped each city column to.
_FIELD_WIDTHS = {"action": 16, "serial": 6, "task_text": 48, "basic_content": 30, "measures": 40, "work_plan": 30,
                 "reporting_note": 24, "responsible": 24, "lead": 16, "indicator_name": 30, "nature": 8, "note": 16}
_ADDED_WIDTHS = (10, 48, 28, 28, 30, 20)
# A sheet's layout when there is no city table: header rows, column fields, (code, cells) rows.
_Layout = tuple[tuple[tuple[str, ...], ...], tuple[str, ...], Sequence[tuple[str, tuple[str, ...]]]]


def write_submission_workbook(content: PacketContent, out_path: Path | str) -> Path:
    """Write the workbook for `content` to `out_path` atomically; returns the path."""
    out_path = Path(out_path)
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    used_titles: set[str] = set()
    _task_sheet(workbook, used_titles, content)
    _indicator_sheet(workbook, used_titles, content)
    _summary_sheet(workbook.create_sheet(_title(SUMMARY_SHEET, used_titles)), content)
    created = datetime.fromisoformat(content.generated_at).astimezone(timezone.utc).replace(tzinfo=None)
    workbook.properties.creator = workbook.properties.lastModifiedBy = content.office.name
    workbook.properties.title = f"{content.office.region}{content.period.name}报送表"
    workbook.properties.created = created
    with replacing(out_path, ".xlsx.tmp") as temporary:
        save_workbook(workbook, temporary)  # worksheet scratch beside it in tmp/, not the system temp
        _normalise_zip(temporary, created)
    return out_path


def added_task_values(task: TaskSection) -> tuple[str, ...]:
    """The six added columns for a county task, in ADDED_TASK_COLUMNS order."""
    narrative = task.narrative
    if task.figures:
        narrative += ("\n" if narrative else "") + "主要数据：" + "；".join(f"{f.name} {f.text}" for f in task.figures)
    evidence = "\n".join(
        f"{item.number} {item.kind_label}：{item.title}" + (f"（{item.doc_number}）" if item.doc_number else "")
        + (f"，{item.event_date}" if item.event_date else "") + _file_list(item.files)
        for item in task.evidence)
    units = "、".join(f"{part.unit}（{part.role_label}）" for part in task.units)
    return task.status_label, narrative, task.problems, task.next_steps, evidence, units


def _file_list(files) -> str:
    """"：a.jpg、b.pdf" naming the files as they are in the package's evidence folder (at most five names)."""
    names = [file.package_path.rsplit("/", 1)[-1] for file in files]
    if not names:
        return "，无文件"
    shown = "、".join(names[:5])
    return f"：{shown}" + (f" 等{len(names)}个文件" if len(names) > 5 else "")


# --- sheets --------------------------------------------------------------------------------------------------------


def _task_sheet(workbook: Workbook, used_titles: set[str], content: PacketContent) -> None:
    fallback = ((("任务编码", "专项行动", "任务"),), ("", "action", "task_text"),
                [(task.code, (task.code, task.action_label, task.task_text)) for task in content.tasks])
    _city_sheet(workbook, used_titles, "tasks", "任务完成情况", content, fallback, ADDED_TASK_COLUMNS,
                {task.code: added_task_values(task) for task in content.tasks}, 14, _ADDED_WIDTHS)


def _indicator_sheet(workbook: Workbook, used_titles: set[str], content: PacketContent) -> None:
    added = (f"{content.period.year}年数值", "数据截至", "数据来源", "评估结论", "判断理由")
    values = {line.code: (line.value_text, line.as_of, line.source, line.verdict_label, line.reason)
              for line in content.indicators}
    fallback = ((("指标编码", "指标", "单位", "基线", "目标年", "目标"),), ("", "indicator_name", "", "", "", ""),
                [(line.code, (line.code, line.name, line.unit, line.baseline_text, str(line.target_year or ""),
                              line.target_text)) for line in content.indicators])
    _city_sheet(workbook, used_titles, "indicators", "指标监测情况", content, fallback, added, values, 12,
                (12, 12, 16, 12, 50))


def _city_sheet(workbook: Workbook, used_titles: set[str], kind: str, title: str, content: PacketContent,
                fallback: _Layout, added: tuple[str, ...], values: Mapping[str, tuple[str, ...]], default_width: int,
                added_widths: tuple[int, ...]) -> None:
    """The sheet of the city's `kind` table as imported (or, without one, `title` holding `fallback`: header rows,
    column fields, rows), with the `added` columns holding `values` by row code."""
    table = next((table for table in content.city_tables if table.kind == kind), None)
    sheet = workbook.create_sheet(_title(table.sheet_name if table else title, used_titles))
    if table is None:
        header_rows, fields, rows = fallback
    else:
        header_rows, fields = table.header_rows or ((),), table.column_fields
        rows = [(row.code, row.cells) for row in table.rows]
    width = max([len(row) for row in header_rows] + [len(cells) for _code, cells in rows] + [0])
    _write_header(sheet, header_rows, width, added)
    for number, (code, cells) in enumerate(rows, start=len(header_rows) + 1):
        write_row(sheet, number, [*_padded(cells, width), *values.get(code, ("",) * len(added))], fill=_ADDED_FILL,
                  fill_from=width)
    _finish(sheet, len(header_rows), [_FIELD_WIDTHS.get(f, default_width) for f in _padded(fields, width)]
            + list(added_widths))


def _summary_sheet(sheet: Worksheet, content: PacketContent) -> None:
    summary, period = content.summary, content.period
    facts = [
        ("报送单位", content.office.name), ("报送期", f"{period.name}（{period.start} 至 {period.end}）"),
        ("报送截止日期", period.due), ("行动计划", "、".join(p.title for p in content.plans)),
        ("文号", content.cover.doc_number or "（未编号）"), ("生成时间", f"{datetime.fromisoformat(content.generated_at):%Y-%m-%d %H:%M:%S}"),  # this PC's clock
        ("材料指纹", content.fingerprint), ("县区任务", f"{summary.task_count}项"),
        ("任务完成情况", "，".join(f"{c.label}{c.count}项" for c in summary.status_counts) or "无"),
        ("佐证材料", f"{summary.evidence_count}项，文件{summary.file_count}个"),
        (f"{period.year}年指标评估", "，".join(f"{c.label}{c.count}项" for c in summary.verdict_counts if c.count)
         or "无"),
        ("说明", "“完成情况”等新增列只填县区承担的任务；未审核通过的单位填报不纳入。"),
    ]
    heading = f"{content.office.region}{period.name}工作进展情况报送汇总"
    sheet.cell(1, 1, heading).font = Font(name=FONT_NAME, bold=True, size=14)
    for row, (label, value) in enumerate(facts, start=3):
        write_text_cell(sheet.cell(row, 1), label).font = Font(name=FONT_NAME, bold=True)
        write_text_cell(sheet.cell(row, 2), value)
    row = 3 + len(facts)
    heads = ("应报", "已报", "审核通过", "退回", "逾期")
    for title, lines in (("按专项行动", (*summary.by_action, summary.total)),
                         ("按责任单位", (*summary.by_unit, summary.total))):
        row += 1
        write_row(sheet, row, [title, *heads], head=True)
        for line in lines:
            row += 1
            write_row(sheet, row, [line.key, line.expected, line.reported, line.approved, line.returned,
                                   line.overdue])
    row += 2
    write_row(sheet, row, ["逾期未报", "任务", "责任单位", "状态"], head=True)
    for item in summary.overdue:
        row += 1
        write_row(sheet, row, [item.task_code, item.task_text, item.unit, item.review_label])
    if summary.overdue_more:
        row += 1
        write_text_cell(sheet.cell(row, 1), f"另有{summary.overdue_more}项逾期未列出")
    set_widths(sheet, [22, 60, 16, 12, 10, 10])


# --- cells ---------------------------------------------------------------------------------------------------------


def write_text_cell(cell, value: str):
    """Write `value` as text, never as a formula, without the characters XML 1.0 cannot hold and cut to Excel's
    cell limit (see the module docstring); the other workbooks (city, forms) write people's text through it too."""
    text = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = text if len(text) <= EXCEL_CELL_LIMIT else text[:EXCEL_CELL_LIMIT - 20] + "…（超出单元格上限，已截断）"
    cell.data_type = "s"
    if value.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True
    return cell


def _write_header(sheet: Worksheet, header_rows: tuple[tuple[str, ...], ...], width: int,
                  added: tuple[str, ...]) -> None:
    """The city's header rows verbatim (same text repeated down a column is merged, as it was in the city's file),
    then the added headers spanning all header rows."""
    height = len(header_rows)
    grid = [_padded(row, width) for row in header_rows]
    for r, row in enumerate(grid, start=1):
        for c, text in enumerate(row, start=1):
            cell = write_text_cell(sheet.cell(r, c), text)
            cell.font, cell.fill, cell.border, cell.alignment = Font(name=FONT_NAME, bold=True), _HEAD_FILL, \
                _BORDER, _CENTRE
    for top, left, bottom, right in header_blocks(grid):
        sheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=bottom + 1, end_column=right + 1)
    for column, text in enumerate(added, start=width + 1):
        for r in range(1, height + 1):
            cell = sheet.cell(r, column)
            cell.fill, cell.border, cell.alignment = _ADDED_FILL, _BORDER, _CENTRE
        write_text_cell(sheet.cell(1, column), text).font = Font(name=FONT_NAME, bold=True)
        if height > 1:
            sheet.merge_cells(start_row=1, start_column=column, end_row=height, end_column=column)


def header_blocks(grid: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """Rectangles (top, left, bottom, right; zero-based, inclusive) of equal non-empty header text, as the city's
    merged header cells were read (the importer repeats a merged cell's text in every cell it covered): each block
    grows right along its first row, then down while the rows below repeat it. Single cells are not listed."""
    covered: set[tuple[int, int]] = set()
    blocks = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if not text or (r, c) in covered:
                continue
            right = c
            while right + 1 < len(row) and row[right + 1] == text and (r, right + 1) not in covered:
                right += 1
            bottom = r
            while bottom + 1 < len(grid) and all(grid[bottom + 1][k] == text and (bottom + 1, k) not in covered
                                                 for k in range(c, right + 1)):
                bottom += 1
            covered.update((i, k) for i in range(r, bottom + 1) for k in range(c, right + 1))
            if (bottom, right) != (r, c):
                blocks.append((r, c, bottom, right))
    return blocks


def write_row(sheet: Worksheet, row: int, values: Sequence[str | int | None], *, head: bool = False,
              fill: PatternFill | None = None, fill_from: int = 0, border: bool = True) -> None:
    """A row of wrapped 宋体 cells, texts written by `write_text_cell`: a `head` row bold on the head colour, else
    `fill` in the columns after `fill_from`; thin borders unless `border` is False (the city's workbook)."""
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row, column)
        if isinstance(value, str):
            write_text_cell(cell, value)
        else:
            cell.value = value
        if border:
            cell.border = _BORDER
        cell.alignment = _WRAP
        cell.font = Font(name=FONT_NAME, bold=head)
        if head:
            cell.fill = _HEAD_FILL
        elif fill is not None and column > fill_from:
            cell.fill = fill


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    """Column widths in characters, from column A; then the rows' heights to match (`fit_row_heights`). Call it
    once the sheet's rows are written."""
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    fit_row_heights(sheet)


LINE_POINTS = 14.5  # one line of 11 pt 宋体
MAX_ROW_POINTS = 409.0  # Excel's highest row


def fit_row_heights(sheet: Worksheet) -> None:
    """Give each row holding wrapped text of more than one line a height that shows it. LibreOffice and WPS do not
    fit row heights when they open a workbook: a long 工作开展情况 printed over the rows below it. A Chinese
    character takes about two width units of a column (the forms workbook's rule, with a tenth to spare for a PC
    whose fallback font is wider than 宋体); unwrapped and merged cells
    (titles, headers) are left as they are."""
    merged = {(row, column) for cells in sheet.merged_cells.ranges for row, column in cells.cells}
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items() if dimension.width}
    for cells in sheet.iter_rows():
        lines = 1
        for cell in cells:
            if (not isinstance(cell.value, str) or not cell.value or not cell.alignment.wrap_text
                    or (cell.row, cell.column) in merged):
                continue  # an unwrapped text runs on into empty neighbours, as a title does
            room = max(int(widths.get(cell.column_letter, 9) * 0.9) - 1, 1)  # a tenth spare: fonts differ by PC
            needed = sum(max(1, -(-sum(2 if ord(character) > 0x2E7F else 1 for character in paragraph) // room))
                         for paragraph in cell.value.split("\n"))
            lines = max(lines, needed)
        row = cells[0].row
        if lines > 1 and row is not None:
            sheet.row_dimensions[row].height = min(LINE_POINTS * lines + 3, MAX_ROW_POINTS)


def _finish(sheet: Worksheet, header_height: int, widths: list[int]) -> None:
    set_widths(sheet, widths)
    sheet.freeze_panes = f"A{header_height + 1}"
    set_print_layout(sheet, header_height)


def set_print_layout(sheet: Worksheet, header_height: int) -> None:
    """Printed on A4 landscape, one page wide and as many pages tall as needed, the first `header_height` rows
    repeated on every page (the county's sheets and the city's 汇总表 alike)."""
    sheet.print_title_rows = f"1:{header_height}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _padded(cells: tuple[str, ...] | list[str], width: int) -> list[str]:
    return [*cells, *([""] * (width - len(cells)))]


def _title(name: str, used: set[str]) -> str:
    """A sheet title Excel accepts (≤31 characters, none of []:*?/\\), unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name).strip("'") or "Sheet"
    title, number = base[:31], 2
    while title.casefold() in used:
        suffix = f"({number})"
        title, number = base[:31 - len(suffix)] + suffix, number + 1
    used.add(title.casefold())
    return title


def _normalise_zip(path: Path, created: datetime) -> None:
    """Rewrite the xlsx with fixed entry times and modification date, so equal content gives equal bytes."""
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    date_time = (max(created.year, 1980), created.month, created.day, created.hour, created.minute, created.second)
    rewritten = path.with_suffix(".norm")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, data)
    os.replace(rewritten, path)
