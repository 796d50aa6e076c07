"""Read a guarded workbook into plain Grids with python-calamine (fast; reads .xlsx, .xlsb, .xls and .ods alike).

Cells keep their sheet positions (row 1 is row 1, column A is column A, whatever the used range). Merged ranges are
expanded: every cell of a range gets the anchor's text, and `merged_from_above` marks the cells whose text came from
a row above, so the parser can tell a row's own content from content it shares. Numbers come back as calamine
floats and are written the way Excel shows them for plain cells ('3' not '3.0'); dates as ISO dates.

calamine rejects DTDs and entities itself (XmlError); the guard has already refused them, this is the second line.
"""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from pathlib import Path

from python_calamine import CalamineWorkbook, PasswordError, SheetVisibleEnum

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.grid import CellRange, Grid, cell_text
from hpdesk.services.importing.file_guard import GuardedFile, guard_workbook
from hpdesk.services.importing.xls_percentages import xls_percentages

MAX_ROWS = 100_000
MAX_COLUMNS = 200
# Cells a reader may materialise for one import, over every sheet it reads (a sheet costs last row × last column,
# whatever few cells it really holds). The largest real table (20,000 rows × 15 columns) is 300,000.
MAX_CELLS = 3_000_000

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
        "import_too_many_cells": (
            "{file} 的工作表“{sheet}”占用的范围达到 {rows} 行、{columns} 列，连同之前读取的工作表共 {cells} 个单元格，"
            "超过 {limit} 个的上限（常见原因：表格远处有零星内容）。请删除多余的行列，或用 --sheet 指定要导入的工作表。",
            "Sheet {sheet} of {file} spans {rows} rows and {columns} columns; with the sheets read before it that is "
            "{cells} cells, over the limit of {limit} (stray cells far away?). Delete them or name the sheet.",
        ),
    }
)


def _short(error: Exception) -> str:
    """One line: the message is printed as one line (openpyxl's errors run over several)."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:120]}"


class SheetReader:
    """The sheets of one guarded workbook, read one at a time on demand, within one cell budget (MAX_CELLS) for
    everything read through this reader. An xlsx sheet's extent is known from the guard before calamine allocates
    it; for other containers calamine's own dimensions are checked before any cell becomes a Python object."""

    def __init__(self, guarded: GuardedFile, workbook: CalamineWorkbook) -> None:
        self.guarded = guarded
        self._workbook = workbook
        self._cells_read = 0
        self._known = guarded.container == "xlsx"  # the guard measured its sheets' extents
        self._parts = _sheet_parts(guarded) if self._known else {}

    @property
    def sheet_names(self) -> list[str]:
        return list(self._workbook.sheet_names)

    def default_sheets(self, skip_hidden: bool = True) -> list[str]:
        """Every visible sheet, or every sheet when all are hidden (or `skip_hidden` is false), in workbook order."""
        visible = [meta.name for meta in self._workbook.sheets_metadata if meta.visible == SheetVisibleEnum.Visible]
        return visible if (skip_hidden and visible) else self.sheet_names

    def read(self, name: str) -> Grid:
        """The named sheet as a Grid with merged ranges expanded; UserError when it is missing or over budget."""
        if name not in self._workbook.sheet_names:
            raise UserError("import_sheet_missing", file=self.guarded.name, sheet=name,
                            sheets="、".join(self._workbook.sheet_names))
        if self._known:
            self._charge(name, *self._known_extent(name))
        try:
            sheet = self._workbook.get_sheet_by_name(name)
            height, width = sheet.total_height, sheet.total_width
            if not self._known:
                self._charge(name, height, width)
            raw_rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges
            if merged is None and self.guarded.container == "ods":
                # calamine reports no merges for .ods (a table saved by LibreOffice/WPS as .ods): without them the
                # rows under a merged 基本内容/序号 lose their text and re-importing the same plan withdraws tasks
                merged = ods_merged_ranges(self.guarded.data, name)
        except UserError:
            raise
        except Exception as error:
            raise UserError("import_corrupt", file=self.guarded.name, detail=f"{name}: {_short(error)}") from None
        return grid_from_rows(name, raw_rows, merged or [])

    def _known_extent(self, name: str) -> tuple[int, int]:
        """The guard's extent of the sheet's part; when the part cannot be told, the largest of any sheet."""
        part = self._parts.get(name)
        extents = self.guarded.extents
        if part is not None:
            return extents.get(part, (0, 0))  # a part without cells is not in the guard's list
        return max(extents.values(), key=lambda extent: extent[0] * extent[1], default=(0, 0))

    def _charge(self, name: str, rows: int, columns: int) -> None:
        file = self.guarded.name
        if rows > MAX_ROWS or columns > MAX_COLUMNS:
            raise UserError("import_sheet_too_large", file=file, sheet=name, rows=rows, columns=columns,
                            max_rows=MAX_ROWS, max_columns=MAX_COLUMNS)
        self._cells_read += rows * columns
        if self._cells_read > MAX_CELLS:
            raise UserError("import_too_many_cells", file=file, sheet=name, rows=rows, columns=columns,
                            cells=self._cells_read, limit=MAX_CELLS)


@contextmanager
def open_sheets(guarded: GuardedFile) -> Iterator[SheetReader]:
    """A SheetReader over the guarded bytes (the file is not opened again); closed when the block ends."""
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(guarded.data))
    except PasswordError:
        raise UserError("import_password_protected", file=guarded.name) from None
    except Exception as error:  # calamine raises its own error types for broken XML, entities, bad zips
        raise UserError("import_corrupt", file=guarded.name, detail=_short(error)) from None
    try:
        yield SheetReader(guarded, workbook)
    finally:
        workbook.close()


def _sheet_parts(guarded: GuardedFile) -> dict[str, str]:
    """Sheet name → worksheet part, from xl/workbook.xml and its relationships ({} when they cannot be read: the
    reader then assumes the largest extent). The guard has refused DTDs, so ElementTree parses plain XML here."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(guarded.data)) as archive:
            book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            members = set(archive.namelist())
    except Exception:  # a file calamine can read without these parts is still bounded by the fallback
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels if rel.tag.endswith("Relationship")}
    parts = {}
    for element in book.iter():
        if element.tag.endswith("}sheet") or element.tag == "sheet":
            relation = next((value for key, value in element.attrib.items() if key.endswith("}id")), None)
            target = targets.get(relation, "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            if target and part in members:
                parts[element.get("name", "")] = part
    return parts


_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def _ods_name(local: str) -> str:
    """An element or attribute name of the ODF table namespace, as ElementTree spells it."""
    return f"{{{_ODS_TABLE}}}{local}"


_ODS_CELLS = (_ods_name("table-cell"), _ods_name("covered-table-cell"))


def ods_merged_ranges(data: bytes, sheet: str) -> list[CellRange]:
    """The merged ranges of the named table of an .ods file, 0-based as calamine gives them for xlsx (see
    `_scan_ods_table`)."""
    return _scan_ods_table(data, sheet)[0]


def _scan_ods_table(data: bytes, sheet: str) -> tuple[list[CellRange], dict[tuple[int, int], float]]:
    """What calamine does not say about the named table of an .ods file's content.xml: its merged ranges (0-based
    ((first_row, first_col), (last_row, last_col))), and its percentage cells by (sheet row, 0-based column) with
    their stored fraction (0.2764 for a cell the clerk sees as 27.64%).

    A merge is a cell carrying table:number-rows-spanned / table:number-columns-spanned; positions count repeated rows
    and cells (table:number-*-repeated), which may run to a million empty rows, so they are counted, never expanded.
    The guard has refused DTDs and bounded content.xml; anything unreadable gives nothing (calamine read the cells).
    """
    import zipfile

    table_tag, row_tag = _ods_name("table"), _ods_name("table-row")
    value_type, value = f"{{{_ODS_OFFICE}}}value-type", f"{{{_ODS_OFFICE}}}value"
    ranges: list[CellRange] = []
    percentages: dict[tuple[int, int], float] = {}
    inside, row, column, depth_of_row = False, 0, 0, -1
    depth = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as content:
            for event, element in ElementTree.iterparse(content, events=("start", "end")):
                if event == "end":
                    if element.tag == table_tag and inside:
                        break
                    if inside and element.tag == row_tag and depth == depth_of_row:
                        row += _repeat(element.get(_ods_name("number-rows-repeated")))
                    depth -= 1
                    element.clear()
                    continue
                depth += 1
                if element.tag == table_tag:
                    inside, row = element.get(_ods_name("name")) == sheet, 0
                elif inside and element.tag == row_tag:
                    column, depth_of_row = 0, depth
                elif inside and element.tag in _ODS_CELLS and depth == depth_of_row + 1:
                    rows_spanned = _repeat(element.get(_ods_name("number-rows-spanned")))
                    columns_spanned = _repeat(element.get(_ods_name("number-columns-spanned")))
                    if rows_spanned > 1 or columns_spanned > 1:
                        ranges.append(((row, column), (row + rows_spanned - 1, column + columns_spanned - 1)))
                    repeated = _repeat(element.get(_ods_name("number-columns-repeated")))
                    if element.get(value_type) == "percentage" and repeated <= MAX_COLUMNS:
                        for offset in range(repeated):
                            percentages[(row + 1, column + offset)] = float(element.get(value) or "nan")
                    column += repeated
    except Exception:  # a damaged content.xml: calamine has read the cells; what it does not say is then unknown
        return [], {}
    return ranges, percentages


def _repeat(value: str | None) -> int:
    """An ODF repeat/span count (default 1; nonsense reads 1)."""
    try:
        return max(1, int(value)) if value else 1
    except ValueError:
        return 1


def sheet_names(path: Path, *, visible_only: bool = False) -> list[str]:
    """The workbook's sheet names in order (guards the file first)."""
    with open_sheets(guard_workbook(path)) as reader:
        return reader.default_sheets() if visible_only else reader.sheet_names


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """The named sheet (default: the first visible) as a Grid with merged ranges expanded. Guards the file first."""
    with open_sheets(guard_workbook(path)) as reader:
        return reader.read(sheet or reader.default_sheets()[0])


def first_filled_row(path: Path, sheet: str | None) -> tuple[str, ...]:
    """The first row with text in the sheet, so the clerk can say what each column holds when no header is found."""
    grid = read_grid(path, sheet)
    for row in grid.rows:
        if not row.is_blank():
            return tuple(row.cells)
    return ()


def percent_cells(guarded: GuardedFile, sheet: str, cells: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """Texts for the cells among `cells` ((sheet row, 0-based column)) that Excel shows as percentages: calamine
    gives 0.2764 for a cell formatted '0.00%', the clerk sees 27.64%. An .ods file says so in its cells' value type,
    an .xls in its format records (xls_percentages); for .xlsx number formats are styles, so openpyxl reads them (read-only mode, only the rows and columns asked for) from the guarded bytes; meant for the few value
    cells of an indicator table. openpyxl's own refusals (a broken docProps/core.xml, an invalid style value) are
    UserError import_corrupt naming the file, as calamine's are."""
    if not cells:
        return {}
    if guarded.container in ("ods", "xls"):  # the cell's value type (.ods) or format record (.xls) says it
        stored = _scan_ods_table(guarded.data, sheet)[1] if guarded.container == "ods" \
            else xls_percentages(guarded.data, sheet)
        return {key: _percent_text(stored[key]) for key in cells if key in stored and stored[key] == stored[key]}
    import openpyxl  # imported here: most imports never need it, and it costs a noticeable start-up time

    found: dict[tuple[int, int], str] = {}
    rows = sorted({row for row, _column in cells})
    last_column = max(column for _row, column in cells) + 1
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(guarded.data), read_only=True, data_only=True)
        try:
            worksheet = workbook[sheet]
            for row_cells in worksheet.iter_rows(min_row=rows[0], max_row=rows[-1], max_col=last_column):
                for cell in row_cells:
                    key = (getattr(cell, "row", 0), getattr(cell, "column", 0) - 1)
                    if key in cells and isinstance(cell.value, (int, float)) and "%" in (cell.number_format or ""):
                        found[key] = _percent_text(cell.value)
        finally:
            workbook.close()
    except Exception as error:  # openpyxl raises anything from KeyError to ValueError on a malformed part
        raise UserError("import_corrupt", file=guarded.name, detail=f"{sheet}: {_short(error)}") from None
    return found


def _percent_text(fraction: float) -> str:
    """0.2764 → '27.64%', as Excel and Calc show a percentage cell."""
    return f"{fraction * 100:.8f}".rstrip("0").rstrip(".") + "%"


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


def grid_from_rows(name: str, raw_rows: Sequence[Sequence[object]], merged: list[CellRange]) -> Grid:
    """A Grid from calamine's rows and its 0-based merged ranges."""
    # str.strip() also trims non-breaking and ideographic spaces; strings are most cells, so they skip the call
    rows = [[value.strip() if value.__class__ is str else _text(value) for value in row] for row in raw_rows]
    width = max((len(row) for row in rows), default=0)
    while width and all(len(row) < width or not row[width - 1] for row in rows):  # formatted, empty right columns
        width -= 1
    return Grid.from_texts([row[:width] for row in rows], name, merged)
