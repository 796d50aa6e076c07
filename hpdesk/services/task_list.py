"""The desk's task list: a page of tasks with the county's progress for a period, filtered and paged in SQL.

Rows are frozen dataclasses, never ORM objects; a workspace with 100,000 reports answers a page in milliseconds.
One task's full text and its units' reports are `services.task_detail`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from hpdesk.services.workspace import Workspace
from hpdesk.storage.period_store import find_period
from hpdesk.storage.records import ActionRecord, AssignmentRecord, ProgressReportRecord, TaskRecord, UnitRecord
from hpdesk.storage.task_store import page_of_task_ids, task_label, task_text_matches


@dataclass(frozen=True)
class TaskListRow:
    """One task in the task list, with the county's progress for the selected period (0s without a period)."""

    id: int
    code: str
    text: str
    action_label: str
    lead: str  # the county lead unit when assigned, else the city's lead departments as written
    falls_to_county: bool
    flagged: bool
    units: int  # confirmed assignments
    handed_in: int  # submitted or approved reports in the period
    approved: int
    returned: int
    suggested: int = 0  # units only suggested (not confirmed, so not expected to report yet)


@dataclass(frozen=True)
class TaskFilter:
    """What the task list shows; every field narrows it. `review_state` needs `period_label`."""

    period_label: str | None = None
    action_id: int | None = None
    unit_id: int | None = None
    review_state: str | None = None
    search: str = ""
    county_only: bool = True


def _filtered_tasks(session: Session, task_filter: TaskFilter) -> Select:
    statement = select(TaskRecord.id).where(TaskRecord.status == "active")
    if task_filter.county_only:
        statement = statement.where(TaskRecord.falls_to_county.is_(True))
    if task_filter.action_id is not None:
        statement = statement.where(TaskRecord.action_id == task_filter.action_id)
    if task_filter.unit_id is not None:
        statement = statement.where(exists().where(AssignmentRecord.task_id == TaskRecord.id,
                                                   AssignmentRecord.unit_id == task_filter.unit_id))
    if task_filter.review_state and task_filter.period_label:
        period = find_period(session, task_filter.period_label)
        report = select(ProgressReportRecord.id).where(ProgressReportRecord.assignment_id == AssignmentRecord.id,
                                                       ProgressReportRecord.period_id == period.id)
        if task_filter.review_state == "draft":
            pending = or_(~report.exists(), report.where(ProgressReportRecord.review_state == "draft").exists())
        else:
            pending = report.where(ProgressReportRecord.review_state == task_filter.review_state).exists()
        statement = statement.where(exists().where(AssignmentRecord.task_id == TaskRecord.id,
                                                   AssignmentRecord.confirmed.is_(True), pending))
    text = task_filter.search.strip()
    if text:
        pattern = f"%{text}%"
        statement = statement.where(or_(
            task_text_matches(pattern),
            exists().where(AssignmentRecord.task_id == TaskRecord.id, AssignmentRecord.unit_id == UnitRecord.id,
                           UnitRecord.name.like(pattern)),
        ))
    return statement


def count_tasks(workspace: Workspace, task_filter: TaskFilter) -> int:
    """How many tasks `list_task_rows` gives with the same filter."""
    with workspace.database.read_only() as session:
        inner = _filtered_tasks(session, task_filter).subquery()
        return session.scalar(select(func.count()).select_from(inner)) or 0


def list_task_rows(workspace: Workspace, task_filter: TaskFilter, *, limit: int | None = None,
                   offset: int = 0) -> list[TaskListRow]:
    """A page of the task list in the city's order (plan, then the table's order)."""
    with workspace.database.read_only() as session:
        ids = page_of_task_ids(session, _filtered_tasks(session, task_filter), limit=limit, offset=offset)
        if not ids:
            return []
        rows = session.execute(
            select(TaskRecord.id, TaskRecord.code, task_label(), ActionRecord.number_label, ActionRecord.title,
                   TaskRecord.lead_text, TaskRecord.falls_to_county, TaskRecord.flags)
            .join(ActionRecord, TaskRecord.action_id == ActionRecord.id, isouter=True)
            .where(TaskRecord.id.in_(ids))).all()
        leads = dict(session.execute(
            select(AssignmentRecord.task_id, func.min(UnitRecord.name)).join(UnitRecord)
            .where(AssignmentRecord.task_id.in_(ids), AssignmentRecord.role == "lead")
            .group_by(AssignmentRecord.task_id)).all())
        progress = _progress(session, ids, task_filter.period_label)
        suggested = dict(session.execute(
            select(AssignmentRecord.task_id, func.count())
            .where(AssignmentRecord.task_id.in_(ids), AssignmentRecord.confirmed.is_(False))
            .group_by(AssignmentRecord.task_id)).all())
        by_id = {row[0]: row for row in rows}
        result = []
        for task_id in ids:
            _id, code, text, number_label, title, lead_text, county, flags = by_id[task_id]
            units, handed_in, approved, returned = progress.get(task_id, (0, 0, 0, 0))
            result.append(TaskListRow(task_id, code, text or "", f"{number_label or ''}{title or ''}",
                                      leads.get(task_id) or lead_text or "", bool(county), bool(flags), units,
                                      handed_in, approved, returned, suggested.get(task_id, 0)))
        return result


def _progress(session: Session, task_ids: list[int],
              period_label: str | None) -> dict[int, tuple[int, int, int, int]]:
    """task id → (confirmed units, handed in, approved, returned) for the period."""
    if not period_label:
        return {task_id: (units, 0, 0, 0) for task_id, units in session.execute(
            select(AssignmentRecord.task_id, func.count()).where(AssignmentRecord.task_id.in_(task_ids),
                                                                 AssignmentRecord.confirmed.is_(True))
            .group_by(AssignmentRecord.task_id))}
    period = find_period(session, period_label)
    report = ProgressReportRecord
    state = report.review_state
    statement = (
        select(AssignmentRecord.task_id, func.count(AssignmentRecord.id),
               func.count(case((state.in_(("submitted", "approved")), 1))),
               func.count(case((state == "approved", 1))),
               func.count(case((state == "returned", 1))))
        .outerjoin(report, and_(report.assignment_id == AssignmentRecord.id, report.period_id == period.id))
        .where(AssignmentRecord.task_id.in_(task_ids), AssignmentRecord.confirmed.is_(True))
        .group_by(AssignmentRecord.task_id))
    return {task_id: tuple(values) for task_id, *values in session.execute(statement)}  # type: ignore[misc]


def task_id_for_code(workspace: Workspace, code: str) -> int | None:
    with workspace.database.read_only() as session:
        return session.scalar(select(TaskRecord.id).where(TaskRecord.code == code.strip()))
