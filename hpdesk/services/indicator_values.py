"""The county's indicator values per year, and the clerk's judgements and directions — stored, not evaluated.

Values are often approximate ("近3000万元", "95.25%以上"): `value_text` keeps what was written, verbatim, and `value`
holds the number parsed from it where there is one (domain.targets.parse_value), in the indicator's own unit
('0.39%' on a ‰ indicator is stored as 3.9), else None. Evaluation against the
targets is services.indicator_evaluation's job; it reads what this module stores, including the clerk's verdict for
targets that need judgement (kept with who and when). Every write is one audited unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.measure_units import can_convert, canonical_unit, convert, unit_dimension
from hpdesk.domain.target_judging import CLERK_VERDICTS
from hpdesk.domain.targets import parse_value
from hpdesk.services.audit import record_event
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.indicator_store import (
    add_value_record, find_indicator, page_of_values, value_record,
)

if TYPE_CHECKING:
    from hpdesk.storage.records import IndicatorRecord, IndicatorValueRecord

DIRECTIONS = ("higher", "lower")
VERDICTS = tuple(verdict.value for verdict in CLERK_VERDICTS)

register_messages(
    {
        "indicator_value_verdict_invalid": (
            "判断结论 {verdict} 无效，应为 met、not_met、on_track、off_track 或 needs_judgement。",
            "Verdict {verdict} is invalid; use met, not_met, on_track, off_track or needs_judgement.",
        ),
        "indicator_value_direction_invalid": ("方向 {direction} 无效，应为 higher（越高越好）或 lower（越低越好）。",
                                              "Direction {direction} is invalid; use higher or lower."),
        "indicator_value_unit_invalid": (
            "数值“{text}”的单位 {value_unit} 与指标 {code} 的单位 {unit} 不同，也无法换算，请按 {unit} 填写。",
            "The value {text} is in {value_unit}, which cannot be converted to {unit}, the unit of {code}.",
        ),
        "indicator_value_empty": ("{code} 的 {year} 年数值不能为空。", "The {year} value of {code} must not be empty."),
        "indicator_value_year_invalid": ("年份 {year} 无效（应在 2000–2100 之间）。", "Year {year} is invalid (2000–2100)."),
        "indicator_value_judgement_needs_reason": ("请写明判断依据。", "A judgement needs its reason."),
    }
)


@dataclass(frozen=True)
class IndicatorValueSummary:
    """One indicator's value for one year, with the clerk's judgement if any."""

    id: int
    indicator_id: int
    indicator_code: str
    indicator_name: str
    unit: str
    year: int
    value: float | None
    value_text: str
    as_of: date | None
    source: str
    note: str
    judgement: str  # a Verdict value, or "" when the clerk has not judged
    judgement_reason: str
    judged_by: str
    judged_at: str | None
    updated_by: str
    updated_at: str


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise UserError("indicator_value_year_invalid", year=year)


def number_in_unit(code: str, value_text: str, unit: str) -> float | None:
    """The number written in `value_text`, in the indicator's `unit`: '0.39%' for a ‰ indicator → 3.9. None when
    there is no readable number. A unit hpdesk does not know ('张') is taken as the indicator's; a known unit of
    another dimension ('3岁' for a % indicator) raises `indicator_value_unit_invalid`."""
    parsed = parse_value(value_text)
    if parsed.number is None or not parsed.unit or not unit or canonical_unit(parsed.unit) == canonical_unit(unit):
        return parsed.number
    if can_convert(parsed.unit, unit):
        return convert(parsed.number, parsed.unit, unit)
    if unit_dimension(parsed.unit) is not None and unit_dimension(unit) is not None:
        raise UserError("indicator_value_unit_invalid", text=value_text.strip(), value_unit=parsed.unit, code=code,
                        unit=unit)
    return parsed.number


def _snapshot(record: IndicatorValueRecord | None) -> dict[str, object] | None:
    if record is None:
        return None
    return {"year": record.year, "value": record.value, "value_text": record.value_text, "as_of": record.as_of,
            "source": record.source, "note": record.note, "judgement": record.judgement,
            "judgement_reason": record.judgement_reason}


def _summary(record: IndicatorValueRecord, indicator: IndicatorRecord) -> IndicatorValueSummary:
    return IndicatorValueSummary(
        record.id, indicator.id, indicator.code, indicator.name, indicator.unit, record.year, record.value,
        record.value_text, record.as_of, record.source, record.note, record.judgement, record.judgement_reason,
        record.judged_by, record.judged_at, record.updated_by, record.updated_at)


def set_indicator_value(workspace: Workspace, code: str, year: int, value_text: str, *, as_of: date | None = None,
                        source: str = "", note: str = "") -> IndicatorValueSummary:
    """Record the county's value of indicator `code` for `year` exactly as written; the number is parsed where
    possible (see `number_in_unit`). Replaces that year's value (a clerk judgement already made stays). Raises
    `indicator_unknown`, `indicator_value_empty`, `indicator_value_year_invalid`,
    `indicator_value_unit_invalid`."""
    _check_year(year)
    if not value_text.strip():
        raise UserError("indicator_value_empty", code=code, year=year)
    with workspace.database.unit_of_work() as session:
        indicator = find_indicator(session, code)
        number = number_in_unit(indicator.code, value_text, indicator.unit)
        found = value_record(session, indicator, year)
        before = _snapshot(found)
        record = found or add_value_record(session, indicator, year)
        record.value, record.value_text = number, value_text.strip()
        record.as_of, record.source, record.note = as_of, source.strip(), note.strip()
        record.updated_by, record.updated_at = workspace.actor, now_iso()
        session.flush()
        record_event(session, actor=workspace.actor, action="create" if before is None else "update",
                     entity_type="indicator_value", entity_id=record.id,
                     summary=f"{indicator.code} {year}年数值：{record.value_text}", before=before,
                     after=_snapshot(record))
        return _summary(record, indicator)


def record_judgement(workspace: Workspace, code: str, year: int, verdict: str, reason: str) -> IndicatorValueSummary:
    """Keep the clerk's verdict (met | not_met | on_track | off_track | needs_judgement) for `year`, with the reason,
    who and when; an empty verdict clears it. A judgement may come before any value (a target such as 基本实现 is
    judged, not measured). Raises `indicator_unknown`, `indicator_value_verdict_invalid`,
    `indicator_value_judgement_needs_reason`, `indicator_value_year_invalid`."""
    _check_year(year)
    verdict = verdict.strip()
    if verdict and verdict not in VERDICTS:
        raise UserError("indicator_value_verdict_invalid", verdict=verdict)
    if verdict and not reason.strip():
        raise UserError("indicator_value_judgement_needs_reason")
    with workspace.database.unit_of_work() as session:
        indicator = find_indicator(session, code)
        found = value_record(session, indicator, year)
        before = _snapshot(found)
        record = found or add_value_record(session, indicator, year)
        if found is None:
            record.updated_by, record.updated_at = workspace.actor, now_iso()
        record.judgement, record.judgement_reason = verdict, reason.strip() if verdict else ""
        record.judged_by, record.judged_at = (workspace.actor, now_iso()) if verdict else ("", None)
        session.flush()
        record_event(session, actor=workspace.actor, action="judge", entity_type="indicator_value",
                     entity_id=record.id, summary=f"{indicator.code} {year}年人工判断：{verdict or '（清除）'}",
                     before=before, after=_snapshot(record), reason=reason.strip())
        return _summary(record, indicator)


def set_indicator_direction(workspace: Workspace, code: str, direction: str) -> None:
    """Store whether higher or lower is better, as the clerk says (it then overrides any inferred direction).
    Raises `indicator_unknown`, `indicator_value_direction_invalid`."""
    if direction not in DIRECTIONS:
        raise UserError("indicator_value_direction_invalid", direction=direction)
    with workspace.database.unit_of_work() as session:
        indicator = find_indicator(session, code)
        before = {"direction": indicator.direction, "direction_source": indicator.direction_source}
        indicator.direction, indicator.direction_source = direction, "clerk"
        record_event(session, actor=workspace.actor, action="update", entity_type="indicator", entity_id=indicator.id,
                     summary=f"{indicator.code} 方向：{direction}", before=before,
                     after={"direction": direction, "direction_source": "clerk"})


def get_indicator_value(workspace: Workspace, code: str, year: int) -> IndicatorValueSummary | None:
    """The value of `code` for `year`, or None when nothing is recorded. Raises `indicator_unknown`."""
    with workspace.database.read_only() as session:
        indicator = find_indicator(session, code)
        record = value_record(session, indicator, year)
        return _summary(record, indicator) if record is not None else None


def list_indicator_values(workspace: Workspace, *, year: int | None = None, code: str | None = None,
                          limit: int | None = None, offset: int = 0) -> list[IndicatorValueSummary]:
    """Recorded values of active indicators in the city's order, then by year; filtered by year and code."""
    with workspace.database.read_only() as session:
        return [_summary(record, indicator)
                for record, indicator in page_of_values(session, year, code, limit=limit, offset=offset)]
