"""Many rows at once inside a session, for generators of whole tables (the large demo): batched Core inserts into
a table named by its SQL name, name → id maps, and the joined rows the generator builds on. No ORM objects: 100,000
reports as objects would cost more than writing them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, insert, select
from sqlalchemy.orm import Session

from hpdesk.storage import records as r

BATCH = 5000


def insert_many(session: Session, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (column → value, every row the same columns) into `table` ('unit', 'progress_report', …)."""
    target = r.Base.metadata.tables[table]
    for start in range(0, len(rows), BATCH):
        session.execute(insert(target), rows[start:start + BATCH])


def ids_by(session: Session, table: str, key: str) -> dict[Any, int]:
    """`key` column → id over every row of `table` (unit name, period label, attachment sha256)."""
    target = r.Base.metadata.tables[table]
    return {row[0]: row[1] for row in session.execute(select(target.c[key], target.c.id))}


def next_id(session: Session, table: str) -> int:
    """The id the next inserted row of `table` gets (SQLite and PostgreSQL both count up from the largest)."""
    target = r.Base.metadata.tables[table]
    return (session.scalar(select(func.max(target.c.id))) or 0) + 1


def active_task_departments(session: Session) -> Sequence[Row[int, list[str], list[str]]]:
    """(task id, lead departments, responsible departments) of every active task, by id."""
    return session.execute(select(r.TaskRecord.id, r.TaskRecord.lead_departments, r.TaskRecord.responsible_departments)
                           .where(r.TaskRecord.status == "active").order_by(r.TaskRecord.id)).all()


def assignments_with_context(session: Session) -> Sequence[Row[int, str, str | None, str]]:
    """(assignment id, unit name, action title or None, task text) of every assignment, by id."""
    return session.execute(
        select(r.AssignmentRecord.id, r.UnitRecord.name, r.ActionRecord.title, r.TaskRecord.task_text)
        .join(r.UnitRecord, r.UnitRecord.id == r.AssignmentRecord.unit_id)
        .join(r.TaskRecord, r.TaskRecord.id == r.AssignmentRecord.task_id)
        .outerjoin(r.ActionRecord, r.ActionRecord.id == r.TaskRecord.action_id)
        .order_by(r.AssignmentRecord.id)).all()


def sent_reports(session: Session) -> Sequence[Row[int, int, str, str]]:
    """(report id, period id, unit name, task text) of every report past draft."""
    return session.execute(
        select(r.ProgressReportRecord.id, r.ProgressReportRecord.period_id, r.UnitRecord.name, r.TaskRecord.task_text)
        .join(r.AssignmentRecord, r.AssignmentRecord.id == r.ProgressReportRecord.assignment_id)
        .join(r.UnitRecord, r.UnitRecord.id == r.AssignmentRecord.unit_id)
        .join(r.TaskRecord, r.TaskRecord.id == r.AssignmentRecord.task_id)
        .where(r.ProgressReportRecord.review_state != "draft")).all()
