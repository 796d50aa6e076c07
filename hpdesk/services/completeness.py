"""Completeness of a period — per unit and per action: expected, reported, approved, returned, overdue.

Counted in SQL with GROUP BY so that 100,000 reports cost one query each way. Expected = confirmed assignments of
active county tasks; reported = a report exists and is no longer 'not started'; overdue = expected, not handed in
(submitted or approved), and `today` is past the period's due date (deadlines fall inside the half-year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, func, literal, select

from hpdesk.services.periods import find_period
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import today as local_today
from hpdesk.storage.records import (
    ActionRecord, AssignmentRecord, ProgressReportRecord, TaskRecord, UnitRecord,
)


@dataclass(frozen=True)
class CompletenessRow:
    key: str  # unit name or action label
    expected: int
    reported: int
    submitted: int
    approved: int
    returned: int
    overdue: int

    @property
    def approved_share(self) -> float:
        return self.approved / self.expected if self.expected else 0.0


@dataclass(frozen=True)
class OverdueItem:
    task_code: str
    task_text: str
    unit: str
    review_state: str


@dataclass(frozen=True)
class Completeness:
    period: str
    due_date: date
    today: date
    total: CompletenessRow
    by_unit: tuple[CompletenessRow, ...]
    by_action: tuple[CompletenessRow, ...]
    overdue: tuple[OverdueItem, ...]


def completeness(workspace: Workspace, period_label: str, today: date | None = None,
                 overdue_limit: int = 500) -> Completeness:
    today = today or local_today()
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        past_due = today > period.due_date
        report = ProgressReportRecord
        joined = (select(AssignmentRecord.id)
                  .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
                  .outerjoin(report, and_(report.assignment_id == AssignmentRecord.id, report.period_id == period.id))
                  .where(TaskRecord.status == "active", TaskRecord.falls_to_county.is_(True),
                         AssignmentRecord.confirmed.is_(True)))
        not_handed_in = func.coalesce(report.review_state, "draft").not_in(("submitted", "approved"))
        measures = (
            func.count(AssignmentRecord.id),
            func.count(case((and_(report.id.is_not(None), report.status != "not_started"), 1))),
            func.count(case((report.review_state == "submitted", 1))),
            func.count(case((report.review_state == "approved", 1))),
            func.count(case((report.review_state == "returned", 1))),
            func.count(case((not_handed_in, 1))) if past_due else literal(0),
        )

        def rows(key_column, join_target=None):  # type: ignore[no-untyped-def]
            statement = joined.with_only_columns(key_column, *measures)
            if join_target is not None:
                statement = statement.join(*join_target)
            return [CompletenessRow(str(key or "未分类"), *values)
                    for key, *values in session.execute(statement.group_by(key_column).order_by(key_column))]

        by_unit = rows(UnitRecord.name, (UnitRecord, AssignmentRecord.unit_id == UnitRecord.id))
        action_label = ActionRecord.number_label + ActionRecord.title
        by_action = rows(action_label, (ActionRecord, TaskRecord.action_id == ActionRecord.id))
        total_values = session.execute(joined.with_only_columns(*measures)).one()
        total = CompletenessRow("合计", *total_values)
        overdue: list[OverdueItem] = []
        if past_due:
            statement = (joined.with_only_columns(TaskRecord.code, TaskRecord.task_text, UnitRecord.name,
                                                  func.coalesce(report.review_state, "draft"))
                         .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
                         .where(not_handed_in)
                         .order_by(TaskRecord.plan_id, TaskRecord.sort_order).limit(overdue_limit))
            overdue = [OverdueItem(*row) for row in session.execute(statement)]
        return Completeness(period.label, period.due_date, today, total, tuple(by_unit), tuple(by_action),
                            tuple(overdue))
