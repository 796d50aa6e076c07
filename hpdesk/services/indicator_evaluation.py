"""The county's indicator values, the clerk's judgements and directions, and the verdict of every indicator.

Every write is audited. Evaluation reads the targets (parsed from the stored text; the parsed form is cached as
JSON in `indicator_target.parsed` and re-parsed when the parser version or the indicator's unit changed), the value
history and any clerk judgement, and returns frozen rows plus a summary per verdict, action and nature — the
dashboard and the exports use these. A year is judged against its own target, else the nearest later one, else the
last (domain.target_judging states the rule of each verdict).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hpdesk.domain.measure_units import canonical_unit
from hpdesk.domain.messages import Message
from hpdesk.domain.target_judging import VERDICT_LABELS, Judgement, Verdict, judge
from hpdesk.domain.targets import PARSER_VERSION, Target, explain_direction, parse_target, parse_values
from hpdesk.services.workspace import Workspace
from hpdesk.storage.indicator_store import active_indicators, find_indicator, targets_of, values_of
from hpdesk.storage.plan_store import action_labels

if TYPE_CHECKING:
    from hpdesk.storage.records import IndicatorRecord, IndicatorTargetRecord

@dataclass(frozen=True)
class IndicatorEvaluation:
    """One indicator judged for one year: what the grid, the dashboard and the exports show. `reason` is a Message
    (Chinese in documents, the UI's language on screen); `judged_by`/`judged_at` are set only when a clerk's judgement decided the verdict."""

    indicator_id: int
    code: str
    name: str
    unit: str
    action: str
    nature: str
    direction: str
    baseline_text: str
    target_year: int | None
    target_text: str
    value: float | None
    value_text: str
    verdict: Verdict
    verdict_label: str
    reason: Message
    judged_by: str = ""
    judged_at: str = ""
    target_kind: str = ""  # threshold | relative | rate | trend | state | unknown ('' without a target)
    direction_source: str = ""  # inferred | clerk | '' (unknown: ask the clerk once)
    direction_hint: str = ""  # why the direction is unknown, or a suggestion to confirm (Chinese)


@dataclass(frozen=True)
class VerdictSummary:
    """Counts of verdicts for a year: in total, and within each action (its label) and each nature (预期性 …);
    every count dict has every verdict value as a key (未填报 apart from 需人工判断)."""

    year: int
    total: int
    by_verdict: dict[str, int]
    by_action: dict[str, dict[str, int]] = field(default_factory=dict)
    by_nature: dict[str, dict[str, int]] = field(default_factory=dict)


def parsed_target(record: IndicatorTargetRecord, unit: str) -> Target:
    """The parsed form of a stored target, from the cache when it was parsed by this parser version for `unit`
    (direction-free: bare numbers are resolved with the indicator's direction when judged), else parsed and cached."""
    cached = record.parsed or {}
    if (cached.get("version") == PARSER_VERSION and cached.get("text") == record.text
            and cached.get("parsed_for_unit") == canonical_unit(unit)):
        return Target.from_json(cached)
    target = parse_target(record.text, unit)
    record.parsed = {**target.to_json(), "parsed_for_unit": canonical_unit(unit)}
    return target


def _target_for(targets: list[IndicatorTargetRecord], year: int) -> IndicatorTargetRecord | None:
    """The target for `year`, or the nearest later one (a 2025 value is judged against the 2025, else 2030 target),
    or the last one for years after every target."""
    ordered = sorted(targets, key=lambda t: t.year)
    return next((t for t in ordered if t.year >= year), ordered[-1] if ordered else None)


def _evaluate(session: Session, indicator: IndicatorRecord, year: int,
              action_titles: dict[int, str]) -> IndicatorEvaluation:
    values = values_of(session, indicator.id)
    targets = targets_of(session, indicator.id)
    direction_hint = ""
    if not indicator.direction:
        inference = explain_direction([t.text for t in targets], indicator.unit, indicator.baseline_value)
        if inference.direction:
            indicator.direction, indicator.direction_source = inference.direction, "inferred"
        else:
            direction_hint = inference.reason
    target_record = _target_for(targets, year)
    current = values.get(year)
    target = parsed_target(target_record, indicator.unit) if target_record else None
    if target is None or target_record is None:
        judgement = Judgement(Verdict.NEEDS_JUDGEMENT, Message.of("judge_no_target"))
    else:
        part_values = None
        if target.sub_targets and current is not None and current.value_text:
            numbers = tuple(item.number for item in parse_values(current.value_text))
            part_values = numbers if all(n is not None for n in numbers) else None
        judgement = judge(
            target, year=year, target_year=target_record.year,
            history={y: v.value for y, v in values.items() if v.value is not None},
            baseline=indicator.baseline_value, baseline_year=indicator.baseline_year,
            direction=indicator.direction or None, unit=indicator.unit,
            clerk_verdict=current.judgement if current else "",
            clerk_reason=current.judgement_reason if current else "",
            judged_by=current.judged_by if current else "", judged_at=(current.judged_at or "") if current else "",
            part_values=part_values,  # type: ignore[arg-type]
            reported=current is not None and bool((current.value_text or "").strip()),
        )
    clerk = current is not None and bool(current.judgement)
    return IndicatorEvaluation(
        indicator_id=indicator.id, code=indicator.code, name=indicator.name, unit=indicator.unit,
        action=action_titles.get(indicator.action_id or 0, ""), nature=indicator.nature,
        direction=indicator.direction, baseline_text=indicator.baseline_text,
        target_year=target_record.year if target_record else None,
        target_text=target_record.text if target_record else "",
        value=current.value if current else None, value_text=current.value_text if current else "",
        verdict=judgement.verdict, verdict_label=VERDICT_LABELS[judgement.verdict], reason=judgement.reason,
        judged_by=current.judged_by if clerk and current else "",
        judged_at=(current.judged_at or "") if clerk and current else "",
        target_kind=target.kind if target else "", direction_source=indicator.direction_source or "",
        direction_hint=direction_hint,
    )


def evaluate_indicator(workspace: Workspace, code: str, year: int) -> IndicatorEvaluation:
    """One indicator judged for `year`. Writes only caches (parsed targets, an inferred direction)."""
    with workspace.database.unit_of_work() as session:  # caches parsed targets and inferred directions
        return _evaluate(session, find_indicator(session, code), year, action_labels(session))


def evaluate_all(workspace: Workspace, year: int) -> list[IndicatorEvaluation]:
    """Every active indicator judged for `year`, in the city's order. Writes only caches, like evaluate_indicator."""
    with workspace.database.unit_of_work() as session:
        titles = action_labels(session)
        return [_evaluate(session, indicator, year, titles) for indicator in active_indicators(session)]


def summarise(evaluations: list[IndicatorEvaluation], year: int) -> VerdictSummary:
    """Counts per verdict, and per verdict within each action and each nature (预期性/约束性/倡导性); every count
    dict has every verdict key (zeros included), actions and natures in the order they first appear."""

    def zeros() -> dict[str, int]:
        return {verdict.value: 0 for verdict in Verdict}

    totals = zeros()
    by_action: dict[str, dict[str, int]] = {}
    by_nature: dict[str, dict[str, int]] = {}
    for item in evaluations:
        totals[item.verdict.value] += 1
        by_action.setdefault(item.action or "未分类", zeros())[item.verdict.value] += 1
        by_nature.setdefault(item.nature or "未注明", zeros())[item.verdict.value] += 1
    return VerdictSummary(year, len(evaluations), totals, by_action, by_nature)

