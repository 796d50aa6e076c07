"""A sheet as plain text: rows of cell strings with merged ranges already expanded, each row with its sheet row number.

Readers (openpyxl, calamine) live in services; everything that understands a table works on a Grid, so it can be
tested on literal lists of lists.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GridRow:
    number: int  # 1-based row number in the sheet, as the clerk sees it in Excel
    cells: tuple[str, ...]
    merged_from_above: tuple[bool, ...] = ()  # per cell: its text was copied down from a vertically merged range

    def cell(self, column: int) -> str:
        return self.cells[column] if 0 <= column < len(self.cells) else ""

    def is_blank(self) -> bool:
        return not any(text.strip() for text in self.cells)

    def filled_count(self) -> int:
        return sum(1 for text in self.cells if text.strip())


@dataclass(frozen=True)
class Grid:
    sheet_name: str
    rows: tuple[GridRow, ...]
    width: int

    @staticmethod
    def from_lists(rows: list[list[object]], sheet_name: str = "Sheet1", first_row_number: int = 1) -> Grid:
        """Build a grid from literal rows (tests, or a reader that already expanded merges)."""
        width = max((len(row) for row in rows), default=0)
        grid_rows = tuple(
            GridRow(first_row_number + index, tuple(cell_text(value) for value in row) + ("",) * (width - len(row)))
            for index, row in enumerate(rows)
        )
        return Grid(sheet_name, grid_rows, width)


def cell_text(value: object) -> str:
    """Cell value as text: None → '', 3.0 → '3', whitespace and non-breaking spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\u00a0", " ").replace("\u3000", " ").strip()


def column_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_range(first_row: int, last_row: int, width: int) -> str:
    """'A5:H7' for rows 5–7 of an 8-column table."""
    return f"A{first_row}:{column_letter(max(width - 1, 0))}{last_row}"
