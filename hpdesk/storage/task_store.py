"""Finding the city's tasks inside a session, and the filter every "county task" list shares.

A task's code is unique among active tasks; a re-import that withdraws a task keeps its row (and the county's data
on it), so a code can also name withdrawn rows — the active one wins.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.records import TaskRecord

register_messages({"task_unknown": ("找不到任务 {code}。", "No task with code {code}.")})

# The city's order of tasks: plan, then the table's order (ties by id, so paging is stable).
CITY_ORDER = (TaskRecord.plan_id, TaskRecord.sort_order, TaskRecord.id)


def find_task(session: Session, code: str) -> TaskRecord:
    """The task with `code` (an active one before a withdrawn one); UserError `task_unknown` otherwise."""
    task = session.scalars(select(TaskRecord).where(TaskRecord.code == code.strip())
                           .order_by((TaskRecord.status == "active").desc(), TaskRecord.id.desc())).first()
    if task is None:
        raise UserError("task_unknown", code=code)
    return task


def county_tasks() -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Conditions on TaskRecord for the tasks the county carries: active and falling to the county."""
    return TaskRecord.status == "active", TaskRecord.falls_to_county.is_(True)


def task_label() -> ColumnElement[str]:
    """A task's display text in SQL: 具体任务, else 推进措施, else 基本内容 (the first that is not blank)."""
    return func.coalesce(func.nullif(TaskRecord.task_text, ""), func.nullif(TaskRecord.measures, ""),
                         TaskRecord.basic_content)
