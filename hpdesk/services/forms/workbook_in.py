"""Read a workbook a unit sent back: its identity from whichever carriers survived, and its rows by column header.

The file goes through the import guard first (services/importing/file_guard: size, container, zip bombs, DTDs;
user_files: regular files only) and every reader parses the guarded bytes. Values come from python-calamine, which
reads .xlsx, .xls (as WPS and LibreOffice save it) and .ods alike, hidden sheets included. openpyxl reads only what
calamine cannot: the custom document properties and defined names of an .xlsx; when it cannot, those carriers simply
did not survive.

Carriers of the form id: the _meta sheet, the custom property hpdesk_form_id, the defined name hpdesk_form_id. The
ones present must agree (else the file is refused: somebody pasted one form into another). With none left, the
visible 表单编号 on the sheet names the form (`form_id` is then '', the import warns). Columns are found by their
header text, so a unit that moved a column still reads right.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.fill_in_forms import (
    COLUMNS, FORM_CODE_LABEL, FORM_SHEET, HEADERS, META_FIELDS, META_PROPERTY_PREFIX, META_SHEET,
)
from hpdesk.domain.grid import Grid
from hpdesk.services.importing.file_guard import GuardedFile, guard_workbook
from hpdesk.services.importing.workbook_reader import open_sheets

_CODE = re.compile(FORM_CODE_LABEL + r"\s*[:：]\s*([0-9A-Fa-f]{8})")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_HEADER_BY_TEXT = {header: name for header, name in COLUMNS}

register_messages({
    "form_not_a_form": (
        "{file} 不是 hpdesk 发出的填报表：找不到工作表“{sheet}”中的“任务编号”和“完成情况”表头，也没有表单编号。",
        "{file} is not an hpdesk fill-in form: sheet {sheet} has no task code and status header, and no form code.",
    ),
    "form_header_changed": (
        "{file} 是发出的填报表（表单 {code}），但工作表“{sheet}”的表头被改动，找不到“任务编号”和“完成情况”两列。"
        "请让单位在原表上重新填写，不要修改表头。",
        "{file} is form {code}, but the header of sheet {sheet} was changed: the task code and status columns are "
        "gone. Ask the unit to fill in the original form without changing the header.",
    ),
    "form_carriers_disagree": (
        "{file} 中记录的表单标识互相矛盾（{detail}），可能是把另一份填报表的内容粘贴了进来。请让单位在原表上重新填写。",
        "The form ids recorded in {file} disagree ({detail}); another form may have been pasted in. Ask the unit "
        "to fill in its original form.",
    ),
})


@dataclass(frozen=True)
class ReturnedRow:
    """One filled row of the sheet: its row number as the unit sees it, and its cells by field name."""

    sheet_row: int
    cells: dict[str, str]
    columns: dict[str, int]  # field name → 1-based column, to name a cell in messages

    def cell_name(self, field_name: str) -> str:
        column = self.columns.get(field_name)
        return f"{get_column_letter(column)}{self.sheet_row}" if column else f"第{self.sheet_row}行"


@dataclass(frozen=True)
class ReturnedWorkbook:
    """What was read from one returned file (the guarded bytes are kept: their hash identifies the file)."""

    guarded: GuardedFile
    sheet: str
    form_id: str  # '' when only the visible code survived
    form_code: str
    meta: dict[str, str]  # every field any carrier held (the first carrier that has it wins)
    carriers: tuple[str, ...]  # which carriers named the form: meta_sheet, properties, defined_names, visible_code
    row_keys: dict[str, str] = field(default_factory=dict)  # from _meta: row key → task code
    rows: tuple[ReturnedRow, ...] = ()

def read_returned(path: Path) -> ReturnedWorkbook:
    """Guard and read one returned workbook. Raises the guard's UserErrors, `form_not_a_form`,
    `form_carriers_disagree`."""
    guarded = guard_workbook(Path(path))
    with open_sheets(guarded) as reader:
        names = reader.sheet_names
        sheet = FORM_SHEET if FORM_SHEET in names else reader.default_sheets()[0]
        grid = reader.read(sheet)
        meta_grid = reader.read(META_SHEET) if META_SHEET in names else None
    sheet_meta, row_keys = _meta_sheet(meta_grid) if meta_grid is not None else ({}, {})
    properties, defined = _xlsx_carriers(guarded)
    header_index, columns = _header(grid)
    visible = _visible_code(grid, header_index)
    found = {"meta_sheet": sheet_meta.get("form_id", ""), "properties": properties.get("form_id", ""),
             "defined_names": defined.get("form_id", "")}
    ids = {carrier: value.strip().lower() for carrier, value in found.items() if _UUID.match(value.strip().lower())}
    if len(set(ids.values())) > 1:
        raise UserError("form_carriers_disagree", file=guarded.name,
                        detail=" ≠ ".join(sorted(set(ids.values()))))
    meta = {**defined, **properties, **sheet_meta}  # the first carrier that has a field wins
    form_id = next(iter(ids.values()), "")
    code = (meta.get("form_code") or visible).strip().upper()
    if header_index is None and (form_id or visible):  # ours, but the unit changed the header: say that
        raise UserError("form_header_changed", file=guarded.name, sheet=sheet, code=code)
    if header_index is None or (not form_id and not visible):
        raise UserError("form_not_a_form", file=guarded.name, sheet=sheet)
    carriers = tuple(c for c in ids) + (("visible_code",) if visible else ())
    rows = tuple(_rows(grid, header_index, columns))
    return ReturnedWorkbook(guarded, sheet, form_id, code, meta, carriers, row_keys, rows)


def _meta_sheet(grid: Grid) -> tuple[dict[str, str], dict[str, str]]:
    meta: dict[str, str] = {}
    keys: dict[str, str] = {}
    in_keys = False
    for row in grid.rows:
        first, second = row.cell(0).strip(), row.cell(1).strip()
        if first == "row_key":
            in_keys = True
        elif in_keys and first:
            keys[first] = second
        elif first in META_FIELDS:
            meta[first] = second
    return meta, keys


def _xlsx_carriers(guarded: GuardedFile) -> tuple[dict[str, str], dict[str, str]]:
    """Custom properties and defined names hpdesk_*; empty when the container has none or openpyxl cannot read it
    (a carrier that did not survive is not an error: the others, or the visible code, still name the form)."""
    if guarded.container != "xlsx":
        return {}, {}
    import openpyxl  # here: only .xlsx files need it

    defined: dict[str, str] = {}
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(guarded.data), read_only=True)
        try:
            properties = {prop.name[len(META_PROPERTY_PREFIX):]: str(prop.value or "")
                          for prop in workbook.custom_doc_props  # type: ignore[attr-defined]  # not in types-openpyxl
                          if prop.name and prop.name.startswith(META_PROPERTY_PREFIX)}
            for name, definition in workbook.defined_names.items():
                if name.startswith(META_PROPERTY_PREFIX):
                    text = str(definition.attr_text or "")
                    if len(text) >= 2 and text[0] == text[-1] == '"':
                        defined[name[len(META_PROPERTY_PREFIX):]] = text[1:-1].replace('""', '"')
        finally:
            workbook.close()
    except Exception:  # openpyxl raises anything on a part another program wrote oddly
        return {}, {}
    return properties, defined


def _header(grid: Grid) -> tuple[int | None, dict[str, int]]:
    """The index of the header row in `grid.rows` and field → 1-based column, by header text."""
    for index, row in enumerate(grid.rows[:30]):
        columns = {_HEADER_BY_TEXT[text.strip()]: column for column, text in enumerate(row.cells, start=1)
                   if text.strip() in _HEADER_BY_TEXT}
        if "task_code" in columns and "status" in columns:
            return index, columns
    return None, {}


def _visible_code(grid: Grid, header_index: int | None) -> str:
    for row in grid.rows[: (header_index if header_index is not None else 10) + 1]:
        for text in row.cells:
            match = _CODE.search(text)
            if match:
                return match.group(1).upper()
    return ""


def _rows(grid: Grid, header_index: int | None, columns: dict[str, int]) -> list[ReturnedRow]:
    if header_index is None:
        return []
    rows = []
    for row in grid.rows[header_index + 1:]:
        cells = {name: row.cell(column - 1).strip() for name, column in columns.items()}
        if not cells.get("task_code") and not cells.get("row_key"):
            continue  # a blank row, or notes a unit typed below the table
        if list(cells.values()) == [HEADERS[name] for name in cells]:
            continue  # a header row repeated by copy-and-paste
        rows.append(ReturnedRow(row.number, cells, dict(columns)))
    return rows
