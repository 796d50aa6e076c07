"""Indicator values for the demo that land in every verdict: met, not met, on track, off track, needs judgement.

For each indicator and year (oldest first, so relative and trend targets see the history) a verdict is drawn — met
or not met from the target year on, on track or off track before it — and candidate values around the target (or
the baseline, or last year's value) are tried against the domain's own `judge` until one gives that verdict. Targets
that are states (实现, 有效控制 …) get a worded value; most of those get a clerk's judgement, the rest stay "needs
judgement", as in a real office. `plan_values` is pure; `load_indicator_facts` reads the database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from hpdesk.domain.target_judging import judge
from hpdesk.domain.targets import infer_direction, parse_target
from hpdesk.services.workspace import Workspace
from hpdesk.storage.indicator_store import active_indicators, target_texts

_FACTORS = (1.0, 1.02, 0.98, 1.05, 0.95, 1.1, 0.9, 1.2, 0.8, 0.7, 1.35, 0.6, 1.6, 0.5, 2.0, 0.3)
_STATE_VALUES = ("已实现", "基本实现", "已建立并运行", "持续保持", "已全面开展")
VALUE_SOURCES = ("区卫健委卫生健康统计年报", "区疾控中心监测数据", "区妇幼保健院妇幼卫生年报", "区教育局学生体质健康监测",
                 "区体育局群众体育统计", "区统计局统计公报")
_JUDGEMENT_REASONS = (
    "已印发实施方案并建立工作机制，经核实已达到目标要求。",
    "对照年度考核细则逐项核查，各项措施均已落实。",
    "经区推进委员会办公室核实，目标已实现。",
)


@dataclass(frozen=True)
class IndicatorFacts:
    """What the planner needs of one indicator, as stored."""

    indicator_id: int
    code: str
    unit: str
    direction: str
    baseline_value: float | None
    baseline_year: int | None
    targets: dict[int, str]  # year → target text verbatim


@dataclass(frozen=True)
class PlannedValue:
    indicator_id: int
    code: str
    year: int
    value_text: str
    value: float | None
    expected: str  # the verdict the value was chosen for
    judgement: str = ""  # a clerk's verdict to record, for targets that need one
    judgement_reason: str = ""


def load_indicator_facts(workspace: Workspace) -> list[IndicatorFacts]:
    """Every active indicator with its targets, in the city's order (reads the database)."""
    with workspace.database.read_only() as session:
        targets = target_texts(session)
        return [IndicatorFacts(row.id, row.code, row.unit, row.direction, row.baseline_value, row.baseline_year,
                               dict(targets.get(row.id, ()))) for row in active_indicators(session)]


def _value_text(value: float, unit: str, rng: random.Random) -> str:
    number = f"{value:.2f}".rstrip("0").rstrip(".")
    if unit in ("%", "‰", "岁"):
        if unit == "%" and value >= 95 and rng.random() < 0.3:
            return f"{number}%以上"  # as offices write it; parse_value keeps the qualifier
        return f"{number}{unit}"
    return number


def _target_year(targets: dict[int, str], year: int) -> int:
    return min((target_year for target_year in targets if target_year >= year), default=max(targets))


def plan_values(facts: IndicatorFacts, years: list[int], rng: random.Random) -> list[PlannedValue]:
    """Values for `years` (ascending) of one indicator; empty when it has no target at all."""
    if not facts.targets:
        return []
    direction = facts.direction or infer_direction(list(facts.targets.values()), facts.unit, facts.baseline_value)
    history: dict[int, float] = {}
    planned: list[PlannedValue] = []
    for year in years:
        target_year = _target_year(facts.targets, year)
        target = parse_target(facts.targets[target_year], facts.unit, direction or None)
        if target.kind in ("state", "unknown"):
            judged = rng.random() < 0.7
            planned.append(PlannedValue(
                facts.indicator_id, facts.code, year, rng.choice(_STATE_VALUES), None,
                "met" if judged else "needs_judgement", judgement="met" if judged else "",
                judgement_reason=rng.choice(_JUDGEMENT_REASONS) if judged else "",
            ))
            continue
        wanted = rng.choices(("met", "not_met") if year >= target_year else ("on_track", "off_track"),
                             weights=(72, 28))[0]
        anchor = _anchor(target, history, facts.baseline_value)
        chosen: tuple[float, str] | None = None
        for factor in _FACTORS:
            candidate = round(anchor * factor * rng.uniform(0.995, 1.005), 2)
            if facts.unit == "%":
                candidate = min(100.0, max(0.0, candidate))
            verdict = judge(
                target, year=year, target_year=target_year, history={**history, year: candidate},
                baseline=facts.baseline_value, baseline_year=facts.baseline_year, direction=direction or None,
                unit=facts.unit,
            ).verdict
            if chosen is None or verdict.value == wanted:
                chosen = (candidate, verdict.value)
            if verdict.value == wanted:
                break
        value, verdict_value = chosen  # type: ignore[misc]  # _FACTORS is not empty
        history[year] = value
        planned.append(PlannedValue(facts.indicator_id, facts.code, year, _value_text(value, facts.unit, rng), value,
                                    verdict_value))
    return planned


def _anchor(target, history: dict[int, float], baseline: float | None) -> float:
    if target.kind == "threshold" and target.parts:
        return target.parts[0].value or (baseline or 1.0)
    if history:
        return history[max(history)]
    return baseline if baseline else 50.0


def value_years(today_year: int, first_year: int = 2022) -> list[int]:
    """The years a county has values for: from `first_year` to last year (a year's statistics come the next year)."""
    return list(range(first_year, today_year))
