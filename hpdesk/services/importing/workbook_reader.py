"""Read a guarded workbook into plain Grids with python-calamine (fast; reads .xlsx, .xls and .ods).

Merged ranges are expanded: every cell of a range gets the anchor's text, and `merged_from_above` marks the cells
whose text came from a row above, so the parser can tell a row's own content from content it shares.
"""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from hpdesk.domain.errors import UserError
from hpdesk.domain.grid import Grid, GridRow, cell_text
from hpdesk.services.importing.file_guard import guard_workbook

MAX_ROWS = 200_000
MAX_COLUMNS = 200


def _open(path: Path) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types for broken XML, entities, bad zips
        raise UserError("import_corrupt", file=path.name, detail=type(error).__name__ + ": " + str(error)[:120]) from None


def sheet_names(path: Path) -> list[str]:
    guard_workbook(path)
    return list(_open(path).sheet_names)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """The named sheet (default: the first) as a Grid with merged ranges expanded. Guards the file first."""
    guard_workbook(path)
    return read_grids(path, [sheet] if sheet else None)[0]


def read_grids(path: Path, sheets: list[str] | None = None) -> list[Grid]:
    """Grids for the named sheets (default: every sheet), in workbook order. The caller guards the file."""
    workbook = _open(path)
    names = sheets or list(workbook.sheet_names)
    grids = []
    for name in names:
        if name not in workbook.sheet_names:
            raise UserError("import_sheet_missing", file=path.name, sheet=name, sheets="、".join(workbook.sheet_names))
        try:
            sheet = workbook.get_sheet_by_name(name)
            raw_rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except UserError:
            raise
        except Exception as error:
            raise UserError("import_corrupt", file=path.name, detail=f"{name}: {type(error).__name__}") from None
        grids.append(_to_grid(name, raw_rows, merged))
    return grids


def _to_grid(name: str, raw_rows: list[list[object]], merged: list) -> Grid:
    rows = [list(map(cell_text, row[:MAX_COLUMNS])) for row in raw_rows[:MAX_ROWS]]
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    from_above = [[False] * width for _ in rows]
    for (first_row, first_col), (last_row, last_col) in merged:
        if first_row >= len(rows) or first_col >= width:
            continue
        anchor = rows[first_row][first_col]
        for r in range(first_row, min(last_row, len(rows) - 1) + 1):
            for c in range(first_col, min(last_col, width - 1) + 1):
                rows[r][c] = anchor
                if r > first_row:
                    from_above[r][c] = True
    return Grid(name, tuple(GridRow(i + 1, tuple(row), tuple(from_above[i])) for i, row in enumerate(rows)), width)


def first_filled_row(path: Path, sheet: str | None = None) -> tuple[str, ...]:
    """The first non-blank row of a sheet (what the clerk maps by hand when no header words are recognised)."""
    grid = read_grid(path, sheet)
    return next((row.cells for row in grid.rows if not row.is_blank()), ())
