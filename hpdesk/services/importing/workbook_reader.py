"""Read a guarded workbook into plain Grids with python-calamine (fast; reads .xlsx, .xlsb, .xls and .ods alike).

Cells keep their sheet positions (row 1 is row 1, column A is column A, whatever the used range). Merged ranges are
expanded: every cell of a range gets the anchor's text, and `merged_from_above` marks the cells whose text came from
a row above, so the parser can tell a row's own content from content it shares. Numbers come back as calamine
floats and are written the way Excel shows them for plain cells ('3' not '3.0'); dates as ISO dates.

calamine rejects DTDs and entities itself (XmlError); the guard has already refused them, this is the second line.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from python_calamine import CalamineWorkbook, PasswordError, SheetVisibleEnum

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.grid import CellRange, Grid, cell_text
from hpdesk.services.importing.file_guard import guard_workbook

MAX_ROWS = 100_000
MAX_COLUMNS = 200

register_messages(
    {
        "import_sheet_missing": (
            "{file} 中没有名为“{sheet}”的工作表。现有工作表：{sheets}。",
            "{file} has no sheet named {sheet}. Sheets: {sheets}.",
        ),
        "import_sheet_too_large": (
            "{file} 的工作表“{sheet}”有 {rows} 行、{columns} 列，超过上限（{max_rows} 行、{max_columns} 列）："
            "这不像市里下发的任务表或指标表。",
            "Sheet {sheet} of {file} has {rows} rows and {columns} columns, over the limit ({max_rows} rows, "
            "{max_columns} columns).",
        ),
    }
)


def _open(path: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except PasswordError:
        raise UserError("import_password_protected", file=path.name) from None
    except Exception as error:  # calamine raises its own error types for broken XML, entities, bad zips
        raise UserError("import_corrupt", file=path.name, detail=_short(error)) from None


def _short(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error)[:120]}"


def sheet_names(path: Path, *, visible_only: bool = False) -> list[str]:
    """The workbook's sheet names in order (guards the file first)."""
    guard_workbook(path)
    workbook = _open(path)
    try:
        return [meta.name for meta in workbook.sheets_metadata
                if not visible_only or meta.visible == SheetVisibleEnum.Visible]
    finally:
        workbook.close()


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """The named sheet (default: the first) as a Grid with merged ranges expanded. Guards the file first."""
    guard_workbook(path)
    return read_grids(path, [sheet] if sheet else None)[0]


def first_filled_row(path: Path, sheet: str | None) -> tuple[str, ...]:
    """The first row with text in the sheet, so the clerk can say what each column holds when no header is found."""
    grid = read_grid(path, sheet)
    for row in grid.rows:
        if not row.is_blank():
            return tuple(row.cells)
    return ()


def read_grids(path: Path, sheets: list[str] | None = None, *, skip_hidden: bool = True) -> list[Grid]:
    """Grids for the named sheets (default: every visible sheet, or every sheet when all are hidden), in workbook
    order. The caller guards the file first."""
    path = Path(path)
    workbook = _open(path)
    try:
        names = sheets or _default_sheets(workbook, skip_hidden)
        grids = []
        for name in names:
            if name not in workbook.sheet_names:
                raise UserError("import_sheet_missing", file=path.name, sheet=name,
                                sheets="、".join(workbook.sheet_names))
            grids.append(_read_sheet(workbook, path, name))
        return grids
    finally:
        workbook.close()


def _default_sheets(workbook: CalamineWorkbook, skip_hidden: bool) -> list[str]:
    visible = [meta.name for meta in workbook.sheets_metadata if meta.visible == SheetVisibleEnum.Visible]
    return visible if (skip_hidden and visible) else list(workbook.sheet_names)


def _read_sheet(workbook: CalamineWorkbook, path: Path, name: str) -> Grid:
    try:
        sheet = workbook.get_sheet_by_name(name)
        height, width = sheet.total_height, sheet.total_width
        if height > MAX_ROWS or width > MAX_COLUMNS:
            raise UserError("import_sheet_too_large", file=path.name, sheet=name, rows=height, columns=width,
                            max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
        raw_rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
    except UserError:
        raise
    except Exception as error:
        raise UserError("import_corrupt", file=path.name, detail=f"{name}: {_short(error)}") from None
    return grid_from_rows(name, raw_rows, merged)


def percent_cells(path: Path, sheet: str, cells: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Texts for the cells among `cells` ((sheet row, 0-based column)) that Excel shows as percentages: calamine
    gives 0.2764 for a cell formatted '0.00%', the clerk sees 27.64%. Number formats are styles, so openpyxl reads
    them (read-only mode, only the rows asked for); meant for the few value cells of an indicator table of a file
    the guard has passed."""
    if not cells:
        return {}
    import openpyxl  # imported here: most imports never need it, and it costs a noticeable start-up time

    found: dict[tuple[int, int], str] = {}
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = workbook[sheet]
        rows = sorted({row for row, _column in cells})
        for row_cells in worksheet.iter_rows(min_row=rows[0], max_row=rows[-1]):
            for cell in row_cells:
                key = (getattr(cell, "row", 0), getattr(cell, "column", 0) - 1)
                if key in cells and isinstance(cell.value, (int, float)) and "%" in (cell.number_format or ""):
                    found[key] = f"{cell.value * 100:.8f}".rstrip("0").rstrip(".") + "%"
    finally:
        workbook.close()
    return found


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and not value.is_integer():
        return repr(round(value, 10))  # 0.1+0.2 stored as 0.30000000000000004 reads 0.3
    return cell_text(value)


def grid_from_rows(name: str, raw_rows: list[list[object]], merged: list[CellRange]) -> Grid:
    """A Grid from calamine's rows and its 0-based merged ranges."""
    # str.strip() also trims non-breaking and ideographic spaces; strings are most cells, so they skip the call
    rows = [[value.strip() if value.__class__ is str else _text(value) for value in row] for row in raw_rows]
    width = max((len(row) for row in rows), default=0)
    while width and all(len(row) < width or not row[width - 1] for row in rows):  # formatted, empty right columns
        width -= 1
    return Grid.from_texts([row[:width] for row in rows], name, merged)
