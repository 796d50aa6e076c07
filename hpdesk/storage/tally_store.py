"""Counting the reports a period expects (report_store.expected_assignments), per unit, action, task, period and
review state: the six counts services.completeness defines, in SQL with GROUP BY, whatever the number of reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, case, func, literal, select
from sqlalchemy.orm import Session

from hpdesk.domain.reporting import HANDED_IN
from hpdesk.storage.records import (
    ActionRecord, AssignmentRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitRecord,
)
from hpdesk.storage.report_store import expected_assignments, expected_in_any_period, review_state_or_draft
from hpdesk.storage.task_store import CITY_ORDER, task_label

Counts = tuple[int, int, int, int, int, int]  # expected, reported, submitted, approved, returned, overdue
_NOT_HANDED_IN = review_state_or_draft().not_in(sorted(HANDED_IN))


def _tally(past_due: bool | ColumnElement[bool]) -> tuple[ColumnElement[Any], ...]:
    """The six counts (expected, reported, submitted, approved, returned, overdue) over `expected_assignments` rows;
    `past_due` is a bool (one period) or a SQL condition (a row per period)."""
    report = ProgressReportRecord
    if isinstance(past_due, bool):
        overdue = func.count(case((_NOT_HANDED_IN, 1))) if past_due else literal(0)
    else:
        overdue = func.count(case((and_(past_due, _NOT_HANDED_IN), 1)))
    return (func.count(AssignmentRecord.id),
            func.count(case((and_(report.id.is_not(None), report.status != "not_started"), 1))),
            *(func.count(case((report.review_state == state, 1))) for state in ("submitted", "approved", "returned")),
            overdue)


def _counts(values: Sequence[int]) -> Counts:
    expected, reported, submitted, approved, returned, overdue = values
    return expected, reported, submitted, approved, returned, overdue


def tallies_by_unit(session: Session, period: ReportingPeriodRecord,
                    past_due: bool) -> list[tuple[int, str, Counts]]:
    """(unit id, unit name, counts) per unit that owes the period a report, in the clerk's unit order."""
    rows = session.execute(expected_assignments(period).with_only_columns(UnitRecord.id, UnitRecord.name,
                                                                          *_tally(past_due))
                           .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
                           .group_by(UnitRecord.id).order_by(func.min(UnitRecord.sort_order), UnitRecord.id))
    return [(unit_id, name, _counts(values)) for unit_id, name, *values in rows]


def tallies_by_action(session: Session, period: ReportingPeriodRecord,
                      past_due: bool) -> list[tuple[int | None, str, Counts]]:
    """(action id, its label, counts) per action in the city's order; (None, "", counts) for tasks of no action."""
    rows = session.execute(expected_assignments(period)
                           .with_only_columns(ActionRecord.id, func.min(ActionRecord.number_label),
                                              func.min(ActionRecord.title), *_tally(past_due))
                           .outerjoin(ActionRecord, TaskRecord.action_id == ActionRecord.id).group_by(ActionRecord.id)
                           .order_by(func.min(ActionRecord.plan_id), func.min(ActionRecord.sort_order), ActionRecord.id))
    return [(action_id, f"{number or ''}{title or ''}", _counts(values)) for action_id, number, title, *values in rows]


def tallies_by_task(session: Session, period: ReportingPeriodRecord, task_ids: list[int]) -> dict[int, Counts]:
    """task id → counts, for those of `task_ids` the period expects reports of (overdue not counted: 0)."""
    return {task_id: _counts(values) for task_id, *values in session.execute(
        expected_assignments(period).with_only_columns(AssignmentRecord.task_id, *_tally(False))
        .where(AssignmentRecord.task_id.in_(task_ids)).group_by(AssignmentRecord.task_id))}


def tallies_by_period(session: Session, today: date) -> dict[int, Counts]:
    """period id → its counts on `today`, for every period in one grouped query (period × expected assignment)."""
    period, report = ReportingPeriodRecord, ProgressReportRecord
    return {period_id: _counts(values) for period_id, *values in session.execute(
        select(period.id, *_tally(period.due_date < today)).select_from(period)
        .join(AssignmentRecord, literal(True)).join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
        .outerjoin(report, and_(report.assignment_id == AssignmentRecord.id, report.period_id == period.id))
        .where(*expected_in_any_period()).group_by(period.id))}


def overdue_rows(session: Session, period: ReportingPeriodRecord,
                 limit: int) -> list[Row[str, str, str, str, int, int, int]]:
    """The first `limit` expected reports not handed in, in the city's task order, lead units first:
    (task code, task label, unit name, review state or 'draft', task id, unit id, assignment id)."""
    state = review_state_or_draft()
    return list(session.execute(
        expected_assignments(period)
        .with_only_columns(TaskRecord.code, task_label(), UnitRecord.name, state, TaskRecord.id, UnitRecord.id,
                           AssignmentRecord.id)
        .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id).where(_NOT_HANDED_IN)
        .order_by(*CITY_ORDER, AssignmentRecord.role.desc(), UnitRecord.sort_order).limit(limit)))


def review_state_counts(session: Session, period: ReportingPeriodRecord) -> dict[str, int]:
    """review state ('draft' also for reports not started) → how many of the expected reports are in it."""
    state = review_state_or_draft()
    return {key: value for key, value in session.execute(
        expected_assignments(period).with_only_columns(state, func.count()).group_by(state))}
