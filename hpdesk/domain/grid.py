"""A sheet as plain text: rows of cell strings with merged ranges already expanded, each row with its sheet row number.

Readers (openpyxl, calamine) live in services; everything that understands a table works on a Grid, so it can be
tested on literal lists of lists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")
CellRange = tuple[tuple[int, int], tuple[int, int]]  # 0-based ((first_row, first_col), (last_row, last_col))


def frozen_instance(cls: type[T], fields: dict[str, object]) -> T:
    """An instance of the frozen dataclass `cls` whose fields are `fields` (every one of them, by name), made
    without the generated __init__: it sets each field through object.__setattr__, about 2 µs for a dozen fields,
    and a 20,000-row table builds four such objects per row. __post_init__ does not run: the caller works out
    what it would. Equal, hashable and immutable as if made the usual way (tests compare the two)."""
    instance = object.__new__(cls)
    instance.__dict__.update(fields)
    return instance


@dataclass(frozen=True)
class GridRow:
    number: int  # 1-based row number in the sheet, as the clerk sees it in Excel
    cells: tuple[str, ...]
    merged_from_above: tuple[bool, ...] = ()  # per cell: its text was copied down from a vertically merged range
    # ('' when the row has none)

    def cell(self, column: int) -> str:
        return self.cells[column] if 0 <= column < len(self.cells) else ""

    def is_inherited(self, column: int) -> bool:
        """The cell's text was copied down from a vertically merged range that starts above this row."""
        return 0 <= column < len(self.merged_from_above) and self.merged_from_above[column]

    def own_cell(self, column: int) -> str:
        """The cell's text unless it was merged down from above ('' then)."""
        return "" if self.is_inherited(column) else self.cell(column)

    def is_blank(self) -> bool:
        return not any(text.strip() for text in self.cells)


@dataclass(frozen=True)
class Grid:
    sheet_name: str
    rows: tuple[GridRow, ...]
    width: int

    @staticmethod
    def from_texts(rows: list[list[str]], sheet_name: str, merged: Sequence[CellRange] = ()) -> Grid:
        """A grid from rows of trimmed text (`cell_text`), modified in place: short rows are padded and each merged
        range (0-based ((first_row, first_col), (last_row, last_col)), as calamine gives them) is expanded."""
        width = max((len(row) for row in rows), default=0)
        for row in rows:
            if len(row) < width:
                row.extend([""] * (width - len(row)))
        from_above: list[list[bool] | None] = [None] * len(rows)
        for (first_row, first_col), (last_row, last_col) in merged:
            if first_row >= len(rows) or first_col >= width:
                continue
            anchor = rows[first_row][first_col]
            for r in range(first_row, min(last_row, len(rows) - 1) + 1):
                for c in range(first_col, min(last_col, width - 1) + 1):
                    rows[r][c] = anchor
                    if r > first_row:
                        flags = from_above[r] or [False] * width
                        flags[c] = True
                        from_above[r] = flags
        grid_rows = tuple(frozen_instance(GridRow, {"number": index + 1, "cells": tuple(row),
                                                    "merged_from_above": tuple(from_above[index] or ())})
                          for index, row in enumerate(rows))
        return Grid(sheet_name, grid_rows, width)


def with_cells(grid: Grid, replacements: dict[tuple[int, int], str]) -> Grid:
    """A copy of `grid` with some cells' text replaced; keys are (sheet row number, 0-based column)."""
    if not replacements:
        return grid
    rows = []
    for row in grid.rows:
        changed = {column: text for (number, column), text in replacements.items() if number == row.number}
        cells = tuple(changed.get(index, text) for index, text in enumerate(row.cells)) if changed else row.cells
        rows.append(GridRow(row.number, cells, row.merged_from_above))
    return Grid(grid.sheet_name, tuple(rows), grid.width)


def cell_text(value: object) -> str:
    """Cell value as text: None → '', 3.0 → '3', whitespace and non-breaking spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\u00a0", " ").replace("\u3000", " ").strip()


@lru_cache(maxsize=1024)  # every record's range names the table's last column: 20,000 times the same few
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
