"""Reports inside a session: locating a unit's report, and the one definition of which reports a period expects.

A report belongs to (task, unit, period) through the unit's assignment to the task. A period *expects* a report of
every confirmed assignment of an active county task whose cadence the period's kind asks for
(domain.calendar.EXPECTED_TASK_CADENCES); every count of expected, missing, overdue or per-state reports — the
dashboard, the navigator, the exports — starts from `expected_assignments`, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from hpdesk.domain.calendar import EXPECTED_TASK_CADENCES
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.clock import now_iso
from hpdesk.storage.period_store import find_period
from hpdesk.storage.records import (
    AssignmentRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitRecord,
)
from hpdesk.storage.task_store import county_tasks, find_task
from hpdesk.storage.unit_store import find_unit

register_messages(
    {"report_not_assigned": ("任务 {task} 没有分派给“{unit}”，请先分派。", "Task {task} is not assigned to {unit}.")}
)


def find_assignment(session: Session, task: TaskRecord, unit: UnitRecord) -> AssignmentRecord | None:
    """The unit's assignment to the task, or None when the task is not handed to it."""
    return session.scalars(select(AssignmentRecord).where(AssignmentRecord.task_id == task.id,
                                                          AssignmentRecord.unit_id == unit.id)).first()


def locate_report(session: Session, task_code: str, unit_name: str, period_label: str,
                  create: bool) -> tuple[ProgressReportRecord | None, ReportingPeriodRecord, AssignmentRecord]:
    """The report of (task, unit, period) inside `session`, created empty when `create`.

    Raises `task_unknown`, `unit_unknown`, `period_unknown`, `report_not_assigned`.
    """
    task = find_task(session, task_code)
    unit = find_unit(session, unit_name)
    period = find_period(session, period_label)
    assignment = find_assignment(session, task, unit)
    if assignment is None:
        raise UserError("report_not_assigned", task=task.code, unit=unit.name)
    report = session.scalars(select(ProgressReportRecord).where(
        ProgressReportRecord.assignment_id == assignment.id, ProgressReportRecord.period_id == period.id)).first()
    if report is None and create:
        report = ProgressReportRecord(assignment_id=assignment.id, period_id=period.id, updated_at=now_iso())
        session.add(report)
        session.flush()
    return report, period, assignment


def units_of_task(session: Session, task_id: int) -> list[tuple[AssignmentRecord, str]]:
    """(assignment, unit name) of every unit the task is handed to, suggested or confirmed: lead units first, then
    in the clerk's unit order."""
    return [(assignment, name) for assignment, name in session.execute(
        select(AssignmentRecord, UnitRecord.name).join(UnitRecord).where(AssignmentRecord.task_id == task_id)
        .order_by(AssignmentRecord.role.desc(), UnitRecord.sort_order, UnitRecord.id))]


def reports_of_assignments(session: Session, period_id: int,
                           assignment_ids: list[int]) -> dict[int, ProgressReportRecord]:
    """assignment id → its report of the period, for those of `assignment_ids` that have one."""
    return {report.assignment_id: report for report in session.scalars(select(ProgressReportRecord).where(
        ProgressReportRecord.period_id == period_id, ProgressReportRecord.assignment_id.in_(assignment_ids)))}


def every_report(session: Session) -> Iterator[ProgressReportRecord]:
    """Every report of every period, streamed 2,000 at a time."""
    return iter(session.scalars(select(ProgressReportRecord)).yield_per(2000))


def evidence_counts(session: Session, report_ids: list[int]) -> dict[int, int]:
    """report id → how many evidence items it has (reports without any are absent)."""
    return dict(session.execute(select(EvidenceRecord.report_id, func.count())
                                .where(EvidenceRecord.report_id.in_(report_ids))
                                .group_by(EvidenceRecord.report_id)).all())


# --- what a period expects -----------------------------------------------------------------------------------------


def expected_conditions(period: ReportingPeriodRecord) -> list[ColumnElement[bool]]:
    """SQL conditions on TaskRecord/AssignmentRecord for the assignments that owe `period` a report."""
    conditions: list[ColumnElement[bool]] = [*county_tasks(), AssignmentRecord.confirmed.is_(True)]
    cadences = EXPECTED_TASK_CADENCES.get(period.kind)
    if cadences is not None:
        conditions.append(TaskRecord.cadence.in_(sorted(cadences)))
    return conditions


def expected_in_any_period() -> list[ColumnElement[bool]]:
    """`expected_conditions` for a statement that joins every ReportingPeriodRecord (a row per period and
    assignment), so the cadence rule is applied per period."""
    asked = [and_(ReportingPeriodRecord.kind == kind, TaskRecord.cadence.in_(sorted(cadences)))
             if cadences is not None else ReportingPeriodRecord.kind == kind
             for kind, cadences in EXPECTED_TASK_CADENCES.items()]
    return [*county_tasks(), AssignmentRecord.confirmed.is_(True), or_(*asked)]


def expected_assignments(period: ReportingPeriodRecord) -> Select:
    """The ids of the assignments `period` expects a report of, joined to TaskRecord and outer-joined to their
    report of the period (ProgressReportRecord, None while nothing was filled): the base of every count."""
    report = ProgressReportRecord
    return (select(AssignmentRecord.id)
            .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
            .outerjoin(report, and_(report.assignment_id == AssignmentRecord.id, report.period_id == period.id))
            .where(*expected_conditions(period)))


def review_state_or_draft() -> ColumnElement[str]:
    """The review state of an expected report, 'draft' when there is none yet (over `expected_assignments`)."""
    return func.coalesce(ProgressReportRecord.review_state, "draft")
