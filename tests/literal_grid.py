"""A Grid from literal rows of values, for the tests of the table parsers."""

from __future__ import annotations

from collections.abc import Sequence

from hpdesk.domain.grid import CellRange, Grid, cell_text


def literal_grid(rows: Sequence[Sequence[object]], sheet_name: str = "Sheet1",
                 merged: Sequence[CellRange] = ()) -> Grid:
    """Values become text as a reader gives them (None → '', 3.0 → '3'); `merged` as in `Grid.from_texts`."""
    return Grid.from_texts([[cell_text(value) for value in row] for row in rows], sheet_name, merged)
