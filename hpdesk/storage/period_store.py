"""Finding reporting periods inside a session, and the rule every change to a period's data passes (the lock)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from hpdesk.domain.calendar import PeriodSpec, normalise_label
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.records import ReportingPeriodRecord

register_messages(
    {
        "period_unknown": ("找不到报送期 {label}（如 2025H1、2025Q3、2025）。", "No reporting period {label}."),
        "period_locked": (
            "报送期 {period} 已锁定。如确需修改，请说明理由（命令行加 --reason），修改会在报送材料中注明。",
            "Period {period} is locked. Give a reason (--reason) to change it; exports will show the change.",
        ),
    }
)


def find_period(session: Session, label: str) -> ReportingPeriodRecord:
    """The period with `label` (case-insensitive: 2025h1 = 2025H1); UserError `period_unknown` otherwise."""
    record = session.scalars(select(ReportingPeriodRecord)
                             .where(ReportingPeriodRecord.label == normalise_label(label))).first()
    if record is None:
        raise UserError("period_unknown", label=label)
    return record


def period_by_id(session: Session, period_id: int) -> ReportingPeriodRecord:
    """The period with that id (one a row in the session refers to, so it exists)."""
    return session.get_one(ReportingPeriodRecord, period_id)


def guard_locked(period: ReportingPeriodRecord, reason: str) -> bool:
    """Whether a change to the period's data is a post-lock change, to be flagged.

    A locked period needs a reason (`period_locked` without one). A period reopened after a lock (`locked_at` set)
    needs none — its unlock was explained — but its changes are still post-lock.

    On PostgreSQL the period's row is re-read FOR SHARE and held until the change commits: a clerk locking the period
    at the same moment waits for this change, or this change waits for the lock and then sees it (issue 17).
    """
    session = object_session(period)
    if session is not None and session.get_bind().dialect.name == "postgresql":
        session.refresh(period, with_for_update={"read": True})
    if period.state == "locked":
        if not reason.strip():
            raise UserError("period_locked", period=period.name or period.label)
        return True
    return period.locked_at is not None


def periods_in_order(session: Session, *, kind: str | None = None, year: int | None = None,
                     state: str | None = None) -> Sequence[ReportingPeriodRecord]:
    """Periods in the order they end (2025Q1, 2025Q2, 2025H1, …, 2025), narrowed to a kind, the year they start in,
    a state."""
    period = ReportingPeriodRecord
    statement = select(period).order_by(period.end_date, period.start_date.desc())
    if kind:
        statement = statement.where(period.kind == kind)
    if state:
        statement = statement.where(period.state == state)
    if year is not None:
        statement = statement.where(period.start_date >= date(year, 1, 1), period.start_date <= date(year, 12, 31))
    return session.scalars(statement).all()


def add_period(session: Session, spec: PeriodSpec) -> ReportingPeriodRecord:
    """A new open period as `spec` describes it, flushed (so it has its id)."""
    record = ReportingPeriodRecord(label=spec.label, kind=spec.kind, name=spec.name, start_date=spec.start,
                                   end_date=spec.end, due_date=spec.due, state="open")
    session.add(record)
    session.flush()
    return record
