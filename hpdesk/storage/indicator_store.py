"""The city's indicators inside a session: finding one, their targets, and the county's values by year."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, Select, exists, func, select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.records import IndicatorRecord, IndicatorTargetRecord, IndicatorValueRecord, ReportingPeriodRecord

register_messages({"indicator_unknown": ("找不到指标 {code}。", "No indicator with code {code}.")})

_ACTIVE = IndicatorRecord.status == "active"
CITY_ORDER = (IndicatorRecord.plan_id, IndicatorRecord.sort_order, IndicatorRecord.id)


def find_indicator(session: Session, code: str) -> IndicatorRecord:
    """The active indicator with `code` (surrounding spaces ignored); UserError `indicator_unknown` otherwise."""
    record = session.scalars(select(IndicatorRecord).where(IndicatorRecord.code == code.strip(), _ACTIVE)).first()
    if record is None:
        raise UserError("indicator_unknown", code=code)
    return record


def active_indicators(session: Session) -> Sequence[IndicatorRecord]:
    """Every active indicator in the city's order."""
    return session.scalars(select(IndicatorRecord).where(_ACTIVE).order_by(*CITY_ORDER)).all()


def targets_of(session: Session, indicator_id: int) -> list[IndicatorTargetRecord]:
    """The indicator's targets by year."""
    return list(session.scalars(select(IndicatorTargetRecord).where(IndicatorTargetRecord.indicator_id == indicator_id)
                                .order_by(IndicatorTargetRecord.year)))


def target_texts(session: Session, ids: list[int] | None = None) -> dict[int, list[tuple[int, str]]]:
    """indicator id → [(year, target text)] by year, for the indicators `ids` (all when None)."""
    target = IndicatorTargetRecord
    statement = select(target.indicator_id, target.year, target.text).order_by(target.year)
    texts: dict[int, list[tuple[int, str]]] = {}
    for indicator_id, year, text in session.execute(
            statement if ids is None else statement.where(target.indicator_id.in_(ids))):
        texts.setdefault(indicator_id, []).append((year, text))
    return texts


def values_of(session: Session, indicator_id: int) -> dict[int, IndicatorValueRecord]:
    """year → the county's value row of the indicator."""
    return {v.year: v for v in session.scalars(select(IndicatorValueRecord)
                                               .where(IndicatorValueRecord.indicator_id == indicator_id))}


def value_texts(session: Session, ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """indicator id → [(year, value as written)] by year, for the values that are not blank."""
    value = IndicatorValueRecord
    texts: dict[int, list[tuple[int, str]]] = {}
    for indicator_id, year, text in session.execute(select(value.indicator_id, value.year, value.value_text)
                                                    .where(value.indicator_id.in_(ids)).order_by(value.year)):
        if text:
            texts.setdefault(indicator_id, []).append((year, text))
    return texts


def values_by_ids(session: Session, ids: list[int]) -> dict[int, IndicatorValueRecord]:
    return {v.id: v for v in session.scalars(select(IndicatorValueRecord).where(IndicatorValueRecord.id.in_(ids)))}


def value_record(session: Session, indicator: IndicatorRecord, year: int) -> IndicatorValueRecord | None:
    """The indicator's value row for `year`, None when nothing was recorded."""
    return session.scalars(select(IndicatorValueRecord).where(IndicatorValueRecord.indicator_id == indicator.id,
                                                              IndicatorValueRecord.year == year)).first()


def add_value_record(session: Session, indicator: IndicatorRecord, year: int) -> IndicatorValueRecord:
    """A new, empty value row of the indicator for `year` (there was none)."""
    record = IndicatorValueRecord(indicator_id=indicator.id, year=year)
    session.add(record)
    return record


def _values_statement(year: int | None, code: str | None) -> Select[IndicatorValueRecord, IndicatorRecord]:
    statement = (select(IndicatorValueRecord, IndicatorRecord)
                 .join(IndicatorRecord, IndicatorValueRecord.indicator_id == IndicatorRecord.id).where(_ACTIVE))
    if year is not None:
        statement = statement.where(IndicatorValueRecord.year == year)
    if code:
        statement = statement.where(IndicatorRecord.code == code.strip())
    return statement


def page_of_values(session: Session, year: int | None, code: str | None, *, limit: int | None,
                   offset: int) -> list[Row[IndicatorValueRecord, IndicatorRecord]]:
    """(value, indicator) of active indicators in the city's order, then by year; narrowed to a year and a code."""
    statement = _values_statement(year, code).order_by(*CITY_ORDER, IndicatorValueRecord.year).offset(offset)
    return list(session.execute(statement if limit is None else statement.limit(limit)))


def indicator_year(session: Session, period: ReportingPeriodRecord) -> int:
    """The year a period's packet reports indicators on: the latest year up to the period's end with any value,
    else the period's own year (annual figures arrive in the following half-year)."""
    latest = session.scalar(select(func.max(IndicatorValueRecord.year))
                            .where(IndicatorValueRecord.year <= period.end_date.year))
    return int(latest) if latest else period.end_date.year


def indicators_without_value(session: Session, year: int) -> tuple[int, int]:
    """(active indicators, how many of them have no value written for `year`)."""
    total = session.scalar(select(func.count(IndicatorRecord.id)).where(_ACTIVE)) or 0
    with_value = exists().where(IndicatorValueRecord.indicator_id == IndicatorRecord.id,
                                IndicatorValueRecord.year == year,
                                func.trim(func.coalesce(IndicatorValueRecord.value_text, "")) != "")
    return total, session.scalar(select(func.count(IndicatorRecord.id)).where(_ACTIVE, ~with_value)) or 0


def serial_labels(session: Session) -> dict[str, str]:
    """indicator code → its serial label as the city's table numbers it."""
    return {code: serial for code, serial in session.execute(select(IndicatorRecord.code,
                                                                    IndicatorRecord.serial_label))}


def value_sources(session: Session, year: int) -> dict[str, tuple[str, str]]:
    """indicator code → (as-of date ISO or '', data source) of its value for `year`."""
    rows = session.execute(select(IndicatorRecord.code, IndicatorValueRecord.as_of, IndicatorValueRecord.source)
                           .join(IndicatorValueRecord, IndicatorValueRecord.indicator_id == IndicatorRecord.id)
                           .where(IndicatorValueRecord.year == year))
    return {code: (as_of.isoformat() if as_of else "", source or "") for code, as_of, source in rows}
