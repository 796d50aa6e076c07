"""Write one unit's fill-in workbook (openpyxl): the sheet 填报 the unit fills, a hidden list sheet for the status
dropdown, and the form's identity in three carriers.

- 填报: a title, plain-Chinese instructions and the visible form code on top; one row per assignment. The city's
  words and the previous answer are locked; the answer cells are unlocked and shaded. The sheet is protected
  (against accidents: the password is a 16-bit hash) but sorting, filtering and resizing stay allowed, because
  units re-sort and the import matches rows by key. A4 landscape, the header row repeated on every page, panes
  frozen below the header and right of the task code.
- 完成情况 is a list validation through the defined name 完成情况选项 on the hidden sheet 选项 (an inline list
  breaks past 255 characters, and a name keeps working when the unit saves in WPS or LibreOffice).
- Identity: the hidden sheet _meta (veryHidden; LibreOffice turns it into hidden), custom document properties
  hpdesk_*, and defined names hpdesk_*; each holds the form id, office, unit, period, plan, version and the SHA-256
  of the locked content; _meta also lists every row key with its task code. No single carrier is relied on.
Every text from people goes through the county export's formula-safe cell writer. The file is written to a
temporary name beside the target and moved into place.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from hpdesk.domain.fill_in_forms import (
    ANSWER_COLUMNS, COLUMNS, FORM_CODE_LABEL, FORM_SHEET, LIST_SHEET, META_FIELDS, META_PROPERTY_PREFIX,
    META_SHEET, STATUS_CHOICES, STATUS_LIST_NAME,
)
from hpdesk.services.exporting.excel_export import FONT_NAME, write_text_cell
from hpdesk.services.forms.model import FormContent
from hpdesk.services.xlsx_save import save_workbook
from hpdesk.services.user_files import replacing

HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
PROTECTION_PASSWORD = "hpdesk"  # prevents accidents only; the import re-checks every locked text anyway
_WIDTHS = {"serial": 5, "task_code": 10, "action": 12, "task_text": 32, "instruction": 20, "role": 6,
           "last_answer": 20, "status": 9, "narrative": 38, "figures": 20, "problems": 16, "next_steps": 16,
           "evidence": 18, "filled_by": 8, "phone": 12, "row_key": 14}
PRINT_SCALE = 45  # the printed columns (about 240 characters wide) on A4 landscape; rows flow onto further pages
_ANSWER_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F3")
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
INSTRUCTIONS = (
    "填写说明：1. 只在黄色单元格中填写，其他单元格已锁定；可以排序、筛选，但请不要增删行、不要修改任务编号和行标识。"
    "2. “完成情况”从下拉列表中选择（已完成、推进中、未完成、不适用）。"
    "3. “主要数据”写成“名称=数值单位”，多项用分号隔开，如：培训人数=120人；发放资料=3000份。"
    "4. “佐证材料”每行写一个文件名（含扩展名），文件放在本表格旁边，或放进以表单编号命名的文件夹，或与本表一起压缩成 zip。"
    "5. 填好后保存（可另存为 .xlsx 或 .xls），连同佐证材料交回。"
)


def write_form(content: FormContent, out_path: Path) -> Path:
    """Write `content` to `out_path` (temp file + os.replace); returns the path."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = FORM_SHEET
    _list_sheet(workbook)
    _form_sheet(sheet, content)
    _meta_sheet(workbook, content)
    _properties(workbook, content)
    with replacing(out_path, ".xlsx.part") as temporary:
        save_workbook(workbook, temporary)  # worksheet scratch beside it, not in the system temp
    return out_path


def _form_sheet(sheet: Worksheet, content: FormContent) -> None:
    last_column = get_column_letter(len(COLUMNS) - 1)  # the hidden key column is not part of the printed width
    title = f"{content.period_name}健康城市行动工作进展填报表（{content.unit}）"
    for row, text, font in ((1, title, Font(name=FONT_NAME, size=14, bold=True)),
                            (2, INSTRUCTIONS, Font(name=FONT_NAME, size=10)),
                            (3, f"{FORM_CODE_LABEL}：{content.form_code}　填报单位：{content.unit}　"
                                f"报送期：{content.period_name}（{content.period}）　请于 {content.due_date} 前交回",
                             Font(name=FONT_NAME, size=10, bold=True))):
        sheet.merge_cells(f"A{row}:{last_column}{row}")
        cell = write_text_cell(sheet.cell(row, 1), text)
        cell.font, cell.alignment = font, Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[2].height = 66
    sheet.row_dimensions[HEADER_ROW].height = 30
    for column, (header, name) in enumerate(COLUMNS, start=1):
        cell = write_text_cell(sheet.cell(HEADER_ROW, column), header)
        cell.font, cell.fill, cell.border = Font(name=FONT_NAME, bold=True), _HEAD_FILL, _BORDER
        cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS[name]
    answer_fields = {name for _header, name in ANSWER_COLUMNS}
    for row, form_row in enumerate(content.rows, start=FIRST_ROW):
        values = {**form_row.locked, **form_row.answers, "row_key": form_row.row_key}
        for column, (_header, name) in enumerate(COLUMNS, start=1):
            cell = write_text_cell(sheet.cell(row, column), values.get(name, ""))
            cell.font, cell.border, cell.alignment = Font(name=FONT_NAME, size=10), _BORDER, _WRAP
            if name in answer_fields:
                cell.fill, cell.protection = _ANSWER_FILL, _UNLOCKED
        sheet.row_dimensions[row].height = _row_height(values)
    last_row = FIRST_ROW + len(content.rows) - 1
    status_column = get_column_letter(next(index for index, (_h, name) in enumerate(COLUMNS, start=1)
                                           if name == "status"))
    validation = DataValidation(type="list", formula1=STATUS_LIST_NAME, allow_blank=True, showDropDown=False,
                                showErrorMessage=True, errorTitle="完成情况", error="请从下拉列表中选择完成情况。",
                                showInputMessage=True, promptTitle="完成情况", prompt="请从下拉列表中选择。")
    validation.add(f"{status_column}{FIRST_ROW}:{status_column}{max(last_row, FIRST_ROW)}")
    sheet.add_data_validation(validation)
    sheet.column_dimensions[get_column_letter(len(COLUMNS))].hidden = True  # the row key travels with its row
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{max(last_row, FIRST_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last_column}{max(last_row, FIRST_ROW)}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    # a fixed scale, not fit-to-page: LibreOffice reads "fit to 1 page wide" as "fit the whole sheet on one page"
    sheet.page_setup.scale = PRINT_SCALE
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    protection = sheet.protection
    protection.sheet = True
    protection.password = PROTECTION_PASSWORD
    # False means "allowed" in the sheet protection flags
    protection.sort = protection.autoFilter = protection.formatColumns = protection.formatRows = False
    protection.selectLockedCells = protection.selectUnlockedCells = False


def _row_height(values: dict[str, str]) -> float:
    """Points for a row whose wrapped texts all show: neither openpyxl nor LibreOffice fits heights on opening.
    A Chinese character takes about two width units of a column; at least three lines leave room to write."""
    lines = 3
    for name, text in values.items():
        width = _WIDTHS.get(name, 10)
        for paragraph in (text or "").split("\n"):
            units = sum(2 if ord(character) > 0x2E7F else 1 for character in paragraph)
            lines = max(lines, -(-units // max(width - 1, 1)))
    return min(14.0 * lines + 2, 240.0)


def _hidden_sheet(workbook: Workbook, title: str, state: str, rows: list[list[str]]) -> None:
    """A protected sheet the unit does not see (`state`: hidden or veryHidden) holding `rows` of texts."""
    sheet = workbook.create_sheet(title)
    for row, texts in enumerate(rows, start=1):
        for column, text in enumerate(texts, start=1):
            write_text_cell(sheet.cell(row, column), text)
    sheet.sheet_state = state
    sheet.protection.sheet = True
    sheet.protection.password = PROTECTION_PASSWORD


def _list_sheet(workbook: Workbook) -> None:
    _hidden_sheet(workbook, LIST_SHEET, "hidden", [[label] for label in STATUS_CHOICES])
    reference = f"'{LIST_SHEET}'!$A$1:$A${len(STATUS_CHOICES)}"
    workbook.defined_names[STATUS_LIST_NAME] = DefinedName(STATUS_LIST_NAME, attr_text=reference)


def _meta_sheet(workbook: Workbook, content: FormContent) -> None:
    meta = content.meta()
    rows = [[name, meta[name]] for name in META_FIELDS] + [[], ["row_key", "task_code", "assignment_id"]]
    rows += [[row.row_key, row.locked.get("task_code", ""), str(row.assignment_id)] for row in content.rows]
    _hidden_sheet(workbook, META_SHEET, "veryHidden", rows)


def _properties(workbook: Workbook, content: FormContent) -> None:
    meta = content.meta()
    workbook.properties.title = f"{content.unit} {content.period_name} 工作进展填报表"
    workbook.properties.creator = content.office
    workbook.properties.keywords = f"hpdesk {content.form_code}"
    for name in META_FIELDS:
        workbook.custom_doc_props.append(  # type: ignore[attr-defined]  # missing from types-openpyxl
            StringProperty(name=META_PROPERTY_PREFIX + name, value=meta[name]))
        text = meta[name].replace('"', '""')
        workbook.defined_names[META_PROPERTY_PREFIX + name] = DefinedName(META_PROPERTY_PREFIX + name,
                                                                          attr_text=f'"{text}"')
