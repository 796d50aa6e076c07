"""The indicator grid: active indicators with the city's target texts and the county's value texts per year."""

from __future__ import annotations

from dataclasses import dataclass

from hpdesk.services.workspace import Workspace
from hpdesk.storage.indicator_store import active_indicators, target_texts, value_texts
from hpdesk.storage.plan_store import action_labels


@dataclass(frozen=True)
class IndicatorGridRow:
    """An indicator with its targets and the county's values by year (texts as written)."""

    id: int
    code: str
    name: str
    unit: str
    action: str
    nature: str
    baseline_text: str
    targets: tuple[tuple[int, str], ...]
    values: tuple[tuple[int, str], ...]

    def target_for(self, year: int) -> str:
        return dict(self.targets).get(year, "")

    def value_for(self, year: int) -> str:
        return dict(self.values).get(year, "")


def indicator_grid(workspace: Workspace) -> list[IndicatorGridRow]:
    """Active indicators in the city's order, with their target texts and the county's value texts per year."""
    with workspace.database.read_only() as session:
        actions = action_labels(session)
        indicators = active_indicators(session)
        ids = [indicator.id for indicator in indicators]
        targets, values = target_texts(session, ids), value_texts(session, ids)
        return [IndicatorGridRow(i.id, i.code, i.name, i.unit, actions.get(i.action_id or 0, ""), i.nature,
                                 i.baseline_text, tuple(targets.get(i.id, ())), tuple(values.get(i.id, ())))
                for i in indicators]


def grid_years(rows: list[IndicatorGridRow], this_year: int) -> list[int]:
    """The years worth a column: every target year (2022 too: the clerk records the values the city asks for),
    every year with a value, and this year. A target without a year (0, 不限年份) gets no column of its own."""
    years = {year for row in rows for year, _ in (*row.targets, *row.values)} | {this_year}
    return sorted(year for year in years if year)
