"""Completeness of reporting — per period, per unit and per action: expected, reported, submitted, approved,
returned, overdue. The dashboard and the exports share it.

Definitions (domain.reporting.Tally): expected = confirmed assignments of active county tasks that the period's kind
asks a report of (storage.report_store.expected_assignments); reported = their reports filled in (status no longer
not_started); submitted/approved/returned = reports in that review state; overdue = expected, not handed in
(submitted or approved), and `today` is past the period's due date — deadlines fall inside the half-year, so the due
date counts, never the period end.

Everything is counted in SQL with GROUP BY (a handful of queries whatever the number of reports), so 100,000
reports cost milliseconds, not a Python loop over ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.orm import Session

from hpdesk.domain.calendar import STATE_LABELS, days_overdue
from hpdesk.domain.reporting import HANDED_IN, Tally
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import today as local_today
from hpdesk.storage.period_store import find_period
from hpdesk.storage.records import (
    ActionRecord, AssignmentRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitRecord,
)
from hpdesk.storage.report_store import expected_assignments, expected_in_any_period, review_state_or_draft
from hpdesk.storage.task_store import CITY_ORDER, task_label

UNCLASSIFIED = "未分类"


@dataclass(frozen=True)
class CompletenessRow:
    """The counts of one slice: a unit (`key` = its name), an action (its label) or the county ('合计')."""

    key: str
    expected: int
    reported: int
    submitted: int
    approved: int
    returned: int
    overdue: int
    # the unit's or action's id; None for the total and unclassified tasks
    key_id: int | None = field(default=None, kw_only=True)

    @property
    def tally(self) -> Tally:
        return Tally(self.expected, self.reported, self.submitted, self.approved, self.returned, self.overdue)

    @property
    def approved_share(self) -> float:
        return self.tally.approved_share

    @property
    def reported_share(self) -> float:
        return self.tally.reported_share

    @property
    def missing(self) -> int:
        return self.tally.missing


@dataclass(frozen=True)
class OverdueItem:
    task_code: str
    task_text: str
    unit: str
    review_state: str  # draft when nothing was filled
    task_id: int = 0
    unit_id: int = 0
    assignment_id: int = 0
    days_overdue: int = 0


@dataclass(frozen=True)
class Completeness:
    """A period's completeness on `today`; `overdue` lists at most `overdue_limit` items (total.overdue counts all)."""

    period: str
    due_date: date
    today: date
    total: CompletenessRow
    by_unit: tuple[CompletenessRow, ...]
    by_action: tuple[CompletenessRow, ...]
    overdue: tuple[OverdueItem, ...]
    period_name: str = ""
    period_state: str = ""


@dataclass(frozen=True)
class PeriodCompleteness:
    """One period's totals, for the overview of all periods."""

    period_id: int
    label: str
    name: str
    due_date: date
    state: str
    state_label: str
    total: CompletenessRow


def _measures(past_due: object):
    """The six counted columns over assignments outer-joined to their report of the period.

    `past_due` is a Python bool (one period) or a SQL condition (many periods).
    """
    report = ProgressReportRecord
    not_handed_in = review_state_or_draft().not_in(sorted(HANDED_IN))
    if isinstance(past_due, bool):
        overdue = func.count(case((not_handed_in, 1))) if past_due else literal(0)
    else:
        overdue = func.count(case((and_(past_due, not_handed_in), 1)))  # type: ignore[arg-type]
    return (
        func.count(AssignmentRecord.id),
        func.count(case((and_(report.id.is_not(None), report.status != "not_started"), 1))),
        func.count(case((report.review_state == "submitted", 1))),
        func.count(case((report.review_state == "approved", 1))),
        func.count(case((report.review_state == "returned", 1))),
        overdue,
    )


def _overdue_items(session: Session, period: ReportingPeriodRecord, today: date, limit: int) -> list[OverdueItem]:
    state = review_state_or_draft()
    statement = (expected_assignments(period)
                 .with_only_columns(TaskRecord.code, task_label(), UnitRecord.name, state, TaskRecord.id,
                                    UnitRecord.id, AssignmentRecord.id)
                 .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
                 .where(state.not_in(sorted(HANDED_IN)))
                 .order_by(*CITY_ORDER, AssignmentRecord.role.desc(), UnitRecord.sort_order)
                 .limit(limit))
    late = days_overdue(period.due_date, today)
    return [OverdueItem(*row, days_overdue=late) for row in session.execute(statement)]


def completeness(workspace: Workspace, period_label: str, today: date | None = None,
                 overdue_limit: int = 500) -> Completeness:
    """The period's counts in total, per unit (the clerk's order) and per action (the city's order), and the first
    `overdue_limit` overdue items (page through them all with reports.list_task_reports(overdue_only=True)).
    `today` defaults to the local date. Raises `period_unknown`."""
    today = today or local_today()
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        past_due = today > period.due_date
        measures = _measures(past_due)
        expected = expected_assignments(period)

        unit_rows = session.execute(
            expected.with_only_columns(UnitRecord.id, UnitRecord.name, *measures)
            .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
            .group_by(UnitRecord.id).order_by(func.min(UnitRecord.sort_order), UnitRecord.id))
        by_unit = [CompletenessRow(name, *values, key_id=unit_id) for unit_id, name, *values in unit_rows]

        action_rows = session.execute(
            expected.with_only_columns(ActionRecord.id, func.min(ActionRecord.number_label),
                                       func.min(ActionRecord.title), *measures)
            .outerjoin(ActionRecord, TaskRecord.action_id == ActionRecord.id)
            .group_by(ActionRecord.id)
            .order_by(func.min(ActionRecord.plan_id), func.min(ActionRecord.sort_order), ActionRecord.id))
        by_action = [CompletenessRow(f"{number or ''}{title}" if action_id is not None else UNCLASSIFIED, *values,
                                     key_id=action_id)
                     for action_id, number, title, *values in action_rows]

        total = CompletenessRow("合计", *session.execute(expected.with_only_columns(*measures)).one())
        overdue = _overdue_items(session, period, today, overdue_limit) if past_due else []
        return Completeness(period.label, period.due_date, today, total, tuple(by_unit), tuple(by_action),
                            tuple(overdue), period.name, period.state)


def completeness_by_period(workspace: Workspace, today: date | None = None) -> list[PeriodCompleteness]:
    """Every period's totals in one grouped query (period × expected assignment), in the order periods end."""
    today = today or local_today()
    period, report = ReportingPeriodRecord, ProgressReportRecord
    with workspace.database.read_only() as session:
        totals = {row[0]: row[1:] for row in session.execute(
            select(period.id, *_measures(period.due_date < today))
            .select_from(period)
            .join(AssignmentRecord, literal(True))
            .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
            .outerjoin(report, and_(report.assignment_id == AssignmentRecord.id, report.period_id == period.id))
            .where(*expected_in_any_period())
            .group_by(period.id))}
        periods = session.scalars(select(period).order_by(period.end_date, period.start_date.desc())).all()
        return [PeriodCompleteness(p.id, p.label, p.name, p.due_date, p.state, STATE_LABELS[p.state],
                                   CompletenessRow("合计", *totals.get(p.id, (0, 0, 0, 0, 0, 0))))
                for p in periods]


REVIEW_BUCKETS = ("draft", "submitted", "returned", "approved")  # 'draft' also counts reports not yet started


def review_state_counts(workspace: Workspace, period_label: str) -> dict[str, int]:
    """How many of the reports the period expects are in each review state (every bucket present, 0 when empty)."""
    with workspace.database.read_only() as session:
        state = review_state_or_draft()
        expected = expected_assignments(find_period(session, period_label))
        rows = session.execute(expected.with_only_columns(state, func.count()).group_by(state)).all()
        counts = {bucket: 0 for bucket in REVIEW_BUCKETS}
        counts.update({key: value for key, value in rows})
        return counts
