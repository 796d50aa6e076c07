"""One entry point that parses a city table of either kind.

Apart from plan_table.py, which holds what the task and the indicator parsers build on and so cannot import them.
"""

from __future__ import annotations

from collections.abc import Mapping

from hpdesk.domain.grid import Grid
from hpdesk.domain.indicator_table import parse_indicator_table
from hpdesk.domain.plan_table import ParsedTable, plan_heading
from hpdesk.domain.table_layout import TableLayout
from hpdesk.domain.task_table import parse_task_table


def parse_table(grid: Grid, layout: TableLayout, aliases: Mapping[str, str] | None = None,
                file_stem: str = "") -> ParsedTable:
    """Parse every data row of `grid` according to `layout` (kind 'tasks' or 'indicators')."""
    heading = plan_heading(layout.title_lines, file_stem)
    if layout.kind == "indicators":
        return parse_indicator_table(grid, layout, heading)
    return parse_task_table(grid, layout, heading, aliases)
