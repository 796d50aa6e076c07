"""The county's indicator values, the clerk's judgements and directions, and the verdict of every indicator.

Every write is audited. Evaluation reads the targets (parsed from the stored text, cached back into the row),
the value history and any clerk judgement, and returns frozen rows plus a summary per verdict, action and nature —
the dashboard and the exports use these.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.target_judging import VERDICT_LABELS, Judgement, Verdict, judge
from hpdesk.domain.targets import Target, infer_direction, parse_target, parse_value
from hpdesk.services.audit import record_event
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import ActionRecord, IndicatorRecord, IndicatorTargetRecord, IndicatorValueRecord

register_messages(
    {
        "indicator_unknown": ("找不到指标 {code}。", "No indicator with code {code}."),
        "indicator_verdict_invalid": (
            "判断结论 {verdict} 无效，应为 met、not_met、on_track、off_track 或 needs_judgement。",
            "Verdict {verdict} is invalid; use met, not_met, on_track, off_track or needs_judgement.",
        ),
        "indicator_direction_invalid": ("方向 {direction} 无效，应为 higher 或 lower。",
                                        "Direction {direction} is invalid; use higher or lower."),
        "indicator_value_missing": ("{code} 的 {year} 年还没有数值，不能记录判断。",
                                    "{code} has no value for {year}; record one first."),
    }
)


@dataclass(frozen=True)
class IndicatorEvaluation:
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
    reason: str
    judged_by: str = ""


@dataclass(frozen=True)
class VerdictSummary:
    year: int
    total: int
    by_verdict: dict[str, int]
    by_action: dict[str, dict[str, int]] = field(default_factory=dict)
    by_nature: dict[str, dict[str, int]] = field(default_factory=dict)


def _indicator(session, code: str) -> IndicatorRecord:  # type: ignore[no-untyped-def]
    record = session.scalars(select(IndicatorRecord).where(IndicatorRecord.code == code,
                                                           IndicatorRecord.status == "active")).first()
    if record is None:
        raise UserError("indicator_unknown", code=code)
    return record


def _value_snapshot(record: IndicatorValueRecord | None) -> dict[str, object] | None:
    if record is None:
        return None
    return {"value": record.value, "value_text": record.value_text, "as_of": record.as_of, "source": record.source,
            "note": record.note, "judgement": record.judgement, "judgement_reason": record.judgement_reason}


def set_indicator_value(
    workspace: Workspace, code: str, year: int, value_text: str, *, as_of: date | None = None, source: str = "",
    note: str = "",
) -> IndicatorEvaluation:
    """Record the county's value for `year` as written ('95.25%以上'); the number is parsed where possible."""
    parsed = parse_value(value_text)
    with workspace.database.unit_of_work() as session:
        indicator = _indicator(session, code)
        record = session.scalars(select(IndicatorValueRecord).where(
            IndicatorValueRecord.indicator_id == indicator.id, IndicatorValueRecord.year == year)).first()
        before = _value_snapshot(record)
        if record is None:
            record = IndicatorValueRecord(indicator_id=indicator.id, year=year, updated_at=now_iso())
            session.add(record)
        record.value, record.value_text = parsed.number, value_text.strip()
        record.as_of, record.source, record.note = as_of, source, note
        record.updated_by, record.updated_at = workspace.actor, now_iso()
        session.flush()
        record_event(session, actor=workspace.actor, action="update", entity_type="indicator_value",
                     entity_id=record.id, summary=f"{code} {year}年数值：{value_text}", before=before,
                     after=_value_snapshot(record))
    return evaluate_indicator(workspace, code, year)


def record_judgement(workspace: Workspace, code: str, year: int, verdict: str, reason: str) -> IndicatorEvaluation:
    """Keep the clerk's verdict (with who and when) for a target that needs judgement; '' clears it."""
    if verdict and verdict not in {v.value for v in Verdict}:
        raise UserError("indicator_verdict_invalid", verdict=verdict)
    with workspace.database.unit_of_work() as session:
        indicator = _indicator(session, code)
        record = session.scalars(select(IndicatorValueRecord).where(
            IndicatorValueRecord.indicator_id == indicator.id, IndicatorValueRecord.year == year)).first()
        if record is None:
            record = IndicatorValueRecord(indicator_id=indicator.id, year=year, updated_at=now_iso())
            session.add(record)
        before = _value_snapshot(record) if record.id else None
        record.judgement, record.judgement_reason = verdict, reason
        record.judged_by, record.judged_at = workspace.actor, now_iso()
        session.flush()
        record_event(session, actor=workspace.actor, action="judge", entity_type="indicator_value",
                     entity_id=record.id, summary=f"{code} {year}年人工判断：{verdict}", before=before,
                     after=_value_snapshot(record), reason=reason)
    return evaluate_indicator(workspace, code, year)


def set_indicator_direction(workspace: Workspace, code: str, direction: str) -> None:
    """Store whether higher or lower is better, as the clerk says (asked once, then kept)."""
    if direction not in ("higher", "lower"):
        raise UserError("indicator_direction_invalid", direction=direction)
    with workspace.database.unit_of_work() as session:
        indicator = _indicator(session, code)
        before = {"direction": indicator.direction, "direction_source": indicator.direction_source}
        indicator.direction, indicator.direction_source = direction, "clerk"
        record_event(session, actor=workspace.actor, action="update", entity_type="indicator", entity_id=indicator.id,
                     summary=f"{code} 方向：{direction}", before=before,
                     after={"direction": direction, "direction_source": "clerk"})


def _target_for(session, indicator: IndicatorRecord, year: int) -> tuple[IndicatorTargetRecord | None, Target | None]:  # type: ignore[no-untyped-def]
    """The target for `year`, or the nearest later one (a 2025 value is judged against the 2025, else 2030 target)."""
    targets = sorted(session.scalars(select(IndicatorTargetRecord).where(
        IndicatorTargetRecord.indicator_id == indicator.id)), key=lambda t: t.year)
    chosen = next((t for t in targets if t.year >= year), targets[-1] if targets else None)
    if chosen is None:
        return None, None
    return chosen, parse_target(chosen.text, indicator.unit, indicator.direction or None)


def _evaluate(session, indicator: IndicatorRecord, year: int, action_titles: dict[int, str]) -> IndicatorEvaluation:  # type: ignore[no-untyped-def]
    values = {v.year: v for v in session.scalars(select(IndicatorValueRecord).where(
        IndicatorValueRecord.indicator_id == indicator.id))}
    target_record, target = _target_for(session, indicator, year)
    if not indicator.direction:
        texts = list(session.scalars(select(IndicatorTargetRecord.text).where(
            IndicatorTargetRecord.indicator_id == indicator.id)))
        inferred = infer_direction(texts, indicator.unit, indicator.baseline_value)
        if inferred:
            indicator.direction, indicator.direction_source = inferred, "inferred"
    current = values.get(year)
    if target is None or target_record is None:
        judgement = Judgement(Verdict.NEEDS_JUDGEMENT, "该指标没有目标值")
    else:
        if target_record.parsed is None:
            target_record.parsed = target.to_json()
        judgement = judge(
            target, year=year, target_year=target_record.year,
            history={y: v.value for y, v in values.items() if v.value is not None},
            baseline=indicator.baseline_value, baseline_year=indicator.baseline_year,
            direction=indicator.direction or None, unit=indicator.unit,
            clerk_verdict=current.judgement if current else "", clerk_reason=current.judgement_reason if current else "",
        )
    return IndicatorEvaluation(
        indicator_id=indicator.id, code=indicator.code, name=indicator.name, unit=indicator.unit,
        action=action_titles.get(indicator.action_id or 0, ""), nature=indicator.nature,
        direction=indicator.direction, baseline_text=indicator.baseline_text,
        target_year=target_record.year if target_record else None,
        target_text=target_record.text if target_record else "",
        value=current.value if current else None, value_text=current.value_text if current else "",
        verdict=judgement.verdict, verdict_label=VERDICT_LABELS[judgement.verdict], reason=judgement.reason,
        judged_by=current.judged_by if current and current.judgement else "",
    )


def _action_titles(session) -> dict[int, str]:  # type: ignore[no-untyped-def]
    return {a.id: f"{a.number_label}{a.title}" for a in session.scalars(select(ActionRecord))}


def evaluate_indicator(workspace: Workspace, code: str, year: int) -> IndicatorEvaluation:
    with workspace.database.unit_of_work() as session:  # caches parsed targets and inferred directions
        return _evaluate(session, _indicator(session, code), year, _action_titles(session))


def evaluate_all(workspace: Workspace, year: int) -> list[IndicatorEvaluation]:
    """Every active indicator judged for `year`, in the city's order."""
    with workspace.database.unit_of_work() as session:
        titles = _action_titles(session)
        indicators = session.scalars(select(IndicatorRecord).where(IndicatorRecord.status == "active")
                                     .order_by(IndicatorRecord.plan_id, IndicatorRecord.sort_order)).all()
        return [_evaluate(session, indicator, year, titles) for indicator in indicators]


def summarise(evaluations: list[IndicatorEvaluation], year: int) -> VerdictSummary:
    """Counts per verdict, and per verdict within each action and each nature (预期性/约束性/倡导性)."""
    by_action: dict[str, Counter[str]] = {}
    by_nature: dict[str, Counter[str]] = {}
    for item in evaluations:
        by_action.setdefault(item.action or "未分类", Counter())[item.verdict.value] += 1
        by_nature.setdefault(item.nature or "未注明", Counter())[item.verdict.value] += 1
    totals = Counter(item.verdict.value for item in evaluations)
    return VerdictSummary(
        year=year, total=len(evaluations), by_verdict={v.value: totals.get(v.value, 0) for v in Verdict},
        by_action={key: dict(value) for key, value in by_action.items()},
        by_nature={key: dict(value) for key, value in by_nature.items()},
    )
