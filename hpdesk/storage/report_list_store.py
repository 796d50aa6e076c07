"""The report lists inside a session: a period's reports filtered and paged in SQL (`reports_statement`), the
reports it expects one row per assignment (`task_reports_statement`), and the facts their rows show."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, false, func, select
from sqlalchemy.orm import Session

from hpdesk.domain.reporting import HANDED_IN
from hpdesk.storage.records import (
    ActionRecord, AssignmentRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord,
    UnitRecord,
)
from hpdesk.storage.report_store import expected_assignments, joined_to_context, review_state_or_draft
from hpdesk.storage.task_store import CITY_ORDER, find_task, task_label
from hpdesk.storage.unit_store import find_unit

_LIST_ORDER = (*CITY_ORDER, AssignmentRecord.role.desc(), AssignmentRecord.id)  # the city's tasks, leads first


def last_filled_by(session: Session, unit_id: int, login: str) -> str:
    """The 填报人 of the unit's most recently filled report, skipping `login` (the account name an older version
    wrote when nobody was named: it must not travel on as if it were a person)."""
    return session.scalar(
        select(ProgressReportRecord.filled_by)
        .join(AssignmentRecord, ProgressReportRecord.assignment_id == AssignmentRecord.id)
        .where(AssignmentRecord.unit_id == unit_id, ProgressReportRecord.filled_by != "",
               ProgressReportRecord.filled_by != login)
        .order_by(ProgressReportRecord.filled_at.desc(), ProgressReportRecord.id.desc()).limit(1)) or ""


def summary_rows(session: Session, ids: list[int]) -> dict[int, Row[*tuple[Any, ...]]]:
    """report id → (report, task id, task code, task label, unit id, unit name, role, period label)."""
    return {row[0].id: row for row in session.execute(joined_to_context(
        select(ProgressReportRecord, TaskRecord.id, TaskRecord.code, task_label(), UnitRecord.id, UnitRecord.name,
               AssignmentRecord.role, ReportingPeriodRecord.label)).where(ProgressReportRecord.id.in_(ids)))}


def reports_statement(session: Session, period: ReportingPeriodRecord, *, review_state: str | None = None,
                      status: str | None = None, task_code: str | None = None,
                      unit_name: str | None = None) -> Select[int]:
    """The ids of the period's reports, in the city's task order (lead units first), narrowed by the filters.
    Raises the lookup errors."""
    report = ProgressReportRecord
    conditions: list[ColumnElement[bool]] = [report.period_id == period.id]
    if review_state:
        conditions.append(report.review_state == review_state)
    if status:
        conditions.append(report.status == status)
    if task_code:
        conditions.append(AssignmentRecord.task_id == find_task(session, task_code).id)
    if unit_name:
        conditions.append(AssignmentRecord.unit_id == find_unit(session, unit_name).id)
    return (select(report.id).join(AssignmentRecord, report.assignment_id == AssignmentRecord.id)
            .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id).where(*conditions).order_by(*_LIST_ORDER))


def task_reports_statement(session: Session, period: ReportingPeriodRecord, *, review_state: str | None,
                           unit_name: str | None, overdue_only: bool, today: date) -> Select[int]:
    """The ids of the assignments the period expects reports of, in the city's task order, narrowed by the filters
    ('draft' includes reports not started; `overdue_only` keeps those not handed in once `today` is past due)."""
    state = review_state_or_draft()
    statement = expected_assignments(period).order_by(*_LIST_ORDER)
    if review_state:
        statement = statement.where(state == review_state)
    if unit_name:
        statement = statement.where(AssignmentRecord.unit_id == find_unit(session, unit_name).id)
    if overdue_only:
        statement = statement.where(state.not_in(sorted(HANDED_IN)) if today > period.due_date else false())
    return statement


def count_rows(session: Session, statement: Select[int]) -> int:
    """How many ids one of the statements above selects."""
    return session.scalar(select(func.count()).select_from(statement.order_by(None).subquery())) or 0


def page_of_ids(session: Session, statement: Select[int], *, limit: int | None, offset: int) -> list[int]:
    statement = statement.offset(offset)
    return list(session.scalars(statement if limit is None else statement.limit(limit)))


def reports_in_order(session: Session, ids: list[int]) -> list[ProgressReportRecord]:
    """The reports `ids`, in that order."""
    records = {r.id: r for r in session.scalars(select(ProgressReportRecord).where(ProgressReportRecord.id.in_(ids)))}
    return [records[report_id] for report_id in ids]


def task_report_rows(session: Session, period: ReportingPeriodRecord, ids: list[int]) -> dict[int, Row[*tuple[Any, ...]]]:
    """assignment id → (assignment id, task id, code, label, action number, action title, unit id, unit name, role,
    report id, status, review state, changed after lock, filled at, evidence count) — report fields None without one."""
    report = ProgressReportRecord
    evidence = select(EvidenceRecord.report_id, func.count().label("n")).group_by(EvidenceRecord.report_id).subquery()
    return {row[0]: row for row in session.execute(
        select(AssignmentRecord.id, TaskRecord.id, TaskRecord.code, task_label(), ActionRecord.number_label,
               ActionRecord.title, UnitRecord.id, UnitRecord.name, AssignmentRecord.role, report.id, report.status,
               report.review_state, report.changed_after_lock, report.filled_at, evidence.c.n)
        .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
        .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
        .outerjoin(ActionRecord, TaskRecord.action_id == ActionRecord.id)
        .outerjoin(report, and_(report.assignment_id == AssignmentRecord.id, report.period_id == period.id))
        .outerjoin(evidence, evidence.c.report_id == report.id)
        .where(AssignmentRecord.id.in_(ids)))}
