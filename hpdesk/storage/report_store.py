"""Reports inside a session: locating a unit's report, and the one definition of which reports a period expects.

A report belongs to (task, unit, period) through the unit's assignment to the task. A period *expects* a report of
every confirmed assignment of an active county task whose cadence the period's kind asks for
(domain.calendar.EXPECTED_TASK_CADENCES); every count of expected, missing, overdue or per-state reports — the
dashboard, the navigator, the exports — starts from `expected_assignments`, so they cannot disagree.
"""

from __future__ import annotations

from typing import TypeVarTuple

from sqlalchemy import ColumnElement, Select, and_, exists, func, insert, or_, select
from sqlalchemy.orm import Session

from hpdesk.domain.calendar import EXPECTED_TASK_CADENCES
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.clock import now_iso
from hpdesk.storage.period_store import find_period
from hpdesk.storage.records import (
    AssignmentRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitRecord,
)
from hpdesk.storage.task_store import CITY_ORDER, county_tasks, find_task, task_text_matches
from hpdesk.storage.unit_store import find_unit

Ts = TypeVarTuple("Ts")

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
    report = report_of(session, assignment.id, period.id)
    return report or (new_report(session, assignment.id, period.id) if create else None), period, assignment


def report_of(session: Session, assignment_id: int, period_id: int) -> ProgressReportRecord | None:
    """The assignment's report of the period; None while there is none."""
    return session.scalars(select(ProgressReportRecord).where(ProgressReportRecord.assignment_id == assignment_id,
                                                              ProgressReportRecord.period_id == period_id)).first()


def new_report(session: Session, assignment_id: int, period_id: int) -> ProgressReportRecord:
    """An empty report of the assignment for the period (it has none), flushed so it has its id."""
    report = ProgressReportRecord(assignment_id=assignment_id, period_id=period_id, updated_at=now_iso())
    session.add(report)
    session.flush()
    return report


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


def joined_to_context(statement: Select[*Ts]) -> Select[*Ts]:
    """`statement` (from ProgressReportRecord) joined to the report's assignment, task, unit and period."""
    return (statement.join(AssignmentRecord, ProgressReportRecord.assignment_id == AssignmentRecord.id)
            .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
            .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
            .join(ReportingPeriodRecord, ProgressReportRecord.period_id == ReportingPeriodRecord.id))


def reports_in_context(session: Session, ids: list[int]) -> dict[int, tuple[ProgressReportRecord,
                                                                             ReportingPeriodRecord, str, str]]:
    """report id → (report, its period, task code, unit name) for those of `ids` that exist."""
    return {report.id: (report, period, code, unit) for report, period, code, unit in session.execute(joined_to_context(
        select(ProgressReportRecord, ReportingPeriodRecord, TaskRecord.code, UnitRecord.name))
        .where(ProgressReportRecord.id.in_(ids)))}


def has_reports(session: Session, assignment_id: int) -> bool:
    """Whether the assignment has a report in any period."""
    return session.scalar(select(ProgressReportRecord.id)
                          .where(ProgressReportRecord.assignment_id == assignment_id).limit(1)) is not None


def assignment_unit_id(session: Session, assignment_id: int) -> int:
    """The unit an assignment hands its task to."""
    return session.get_one(AssignmentRecord, assignment_id).unit_id


def add_assignment(session: Session, task_id: int, unit_id: int, role: str, confirmed: bool) -> None:
    """Hand the task to the unit as `role` (lead | co), confirmed or only suggested."""
    session.add(AssignmentRecord(task_id=task_id, unit_id=unit_id, role=role, confirmed=confirmed,
                                 created_at=now_iso()))


def add_assignments(session: Session, assignments: list[tuple[int, int, str, bool]]) -> None:
    """`add_assignment` for each (task id, unit id, role, confirmed) in order, inserted now with one executemany
    (issue 13: the ORM inserts each row on its own to read its id back)."""
    if assignments:
        session.execute(insert(AssignmentRecord.__table__), [
            {"task_id": task_id, "unit_id": unit_id, "role": role, "confirmed": confirmed, "created_at": now_iso()}
            for task_id, unit_id, role, confirmed in assignments])


def reports_by_ids(session: Session, report_ids: list[int]) -> list[ProgressReportRecord]:
    """The reports with these ids (a chunk the caller keeps under SQLite's bound-parameter limit), in id order."""
    return list(session.scalars(select(ProgressReportRecord).where(ProgressReportRecord.id.in_(report_ids))
                                .order_by(ProgressReportRecord.id)))


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



# --- tasks by their hand-over and reports (the task lists' filters) --------------------------------------------------

HANDOVER_STATES = ("unassigned", "unconfirmed", "confirmed")


def task_ids(*, county_only: bool = True, action_id: int | None = None, unit_id: int | None = None,
             handover: str | None = None, text: str = "", unit_names_too: bool = False,
             period: ReportingPeriodRecord | None = None, review_state: str | None = None) -> Select[int]:
    """A select of active task ids (the county's only when `county_only`) narrowed to an action, the tasks unit
    `unit_id` has a part in, a hand-over state of HANDOVER_STATES (unconfirmed: a unit only suggested), a text in the
    code or task texts (or, with `unit_names_too`, an assigned unit's name), and the review state of a report
    `period` expects of them ('draft' includes reports not started)."""
    statement = select(TaskRecord.id).where(*(county_tasks() if county_only else (TaskRecord.status == "active",)))
    assigned = AssignmentRecord.task_id == TaskRecord.id
    if action_id is not None:
        statement = statement.where(TaskRecord.action_id == action_id)
    if unit_id is not None:
        statement = statement.where(exists().where(assigned, AssignmentRecord.unit_id == unit_id))
    if handover is not None:
        unconfirmed = exists().where(assigned, AssignmentRecord.confirmed.is_(False))
        statement = statement.where({"unassigned": ~exists().where(assigned), "unconfirmed": unconfirmed,
                                     "confirmed": and_(exists().where(assigned), ~unconfirmed)}[handover])
    if period is not None and review_state:
        statement = statement.where(TaskRecord.id.in_(expected_assignments(period).with_only_columns(
            AssignmentRecord.task_id).where(review_state_or_draft() == review_state)))
    if text.strip():
        pattern = f"%{text.strip()}%"
        named = exists().where(assigned, AssignmentRecord.unit_id == UnitRecord.id, UnitRecord.name.ilike(pattern))
        statement = statement.where(or_(task_text_matches(pattern), named) if unit_names_too
                                    else task_text_matches(pattern))
    return statement


def count_task_ids(session: Session, statement: Select[int]) -> int:
    """How many ids a `task_ids` statement selects."""
    return session.scalar(select(func.count()).select_from(statement.subquery())) or 0


def tasks_in_order(session: Session, ids: Select[int]) -> list[TaskRecord]:
    """The tasks a `task_ids` statement selects, in the city's order."""
    return list(session.scalars(select(TaskRecord).where(TaskRecord.id.in_(ids)).order_by(*CITY_ORDER)))


def tasks_with_suggestions(session: Session, ids: list[int] | None) -> list[TaskRecord]:
    """The tasks (of `ids`, or all) with a unit only suggested, not confirmed, in the city's order."""
    statement = select(TaskRecord).where(TaskRecord.id.in_(select(AssignmentRecord.task_id)
                                                           .where(AssignmentRecord.confirmed.is_(False))))
    return list(session.scalars(statement.order_by(*CITY_ORDER) if ids is None
                                else statement.where(TaskRecord.id.in_(ids)).order_by(*CITY_ORDER)))
