"""Finding the city's tasks inside a session, the filter every "county task" list shares, and a task's title and
text search in SQL (derived from the domain's TaskText rule).

A task's code is unique among active tasks; a re-import that withdraws a task keeps its row (and the county's data
on it), so a code can also name withdrawn rows — the active one wins.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, or_, select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.task_text import LABEL_FIELDS, SEARCHED_FIELDS
from hpdesk.storage.records import ActionRecord, AssignmentRecord, PlanRecord, TaskRecord, UnitRecord

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


def task_with_titles(session: Session, task_id: int) -> Row[TaskRecord, str, str, str] | None:
    """(task, its action's number label and title — None without an action —, its plan's title); None when there is
    no task with that id."""
    return session.execute(select(TaskRecord, ActionRecord.number_label, ActionRecord.title, PlanRecord.title)
                           .outerjoin(ActionRecord, TaskRecord.action_id == ActionRecord.id)
                           .join(PlanRecord, TaskRecord.plan_id == PlanRecord.id).where(TaskRecord.id == task_id)).first()


def county_tasks() -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """Conditions on TaskRecord for the tasks the county carries: active and falling to the county."""
    return TaskRecord.status == "active", TaskRecord.falls_to_county.is_(True)


def county_task_departments(session: Session) -> list[Row[list[str] | None, list[str] | None]]:
    """(lead departments, responsible departments) of every county task, in the city's order, as written."""
    return list(session.execute(select(TaskRecord.lead_departments, TaskRecord.responsible_departments)
                                .where(*county_tasks()).order_by(*CITY_ORDER)))


def county_task_cadences(session: Session) -> list[str]:
    """The distinct cadences the county's tasks ask for."""
    return list(session.scalars(select(TaskRecord.cadence).distinct().where(*county_tasks())))


def task_id_of(session: Session, code: str) -> int | None:
    """The id of a task with `code` (surrounding spaces ignored), None when there is none."""
    return session.scalar(select(TaskRecord.id).where(TaskRecord.code == code.strip()))


def task_rows(session: Session, ids: list[int], *columns: str) -> dict[int, Row[*tuple[Any, ...]]]:
    """task id → (id, code, label, action label, *the task's `columns`) for the tasks `ids` (the lists' rows)."""
    action = func.coalesce(ActionRecord.number_label, "") + func.coalesce(ActionRecord.title, "")
    return {row[0]: row for row in session.execute(
        select(TaskRecord.id, TaskRecord.code, task_label(), action, *(getattr(TaskRecord, name) for name in columns))
        .outerjoin(ActionRecord, TaskRecord.action_id == ActionRecord.id).where(TaskRecord.id.in_(ids)))}


def units_by_task(session: Session, ids: list[int] | None, *,
                  confirmed_only: bool = False) -> dict[int, list[tuple[str, str, bool]]]:
    """task id → [(unit name, role, confirmed)] of the tasks `ids` (every task when None), lead units first, then in
    the clerk's unit order."""
    statement = (select(AssignmentRecord.task_id, UnitRecord.name, AssignmentRecord.role, AssignmentRecord.confirmed)
                 .join(UnitRecord).order_by(AssignmentRecord.role.desc(), UnitRecord.sort_order, UnitRecord.id))
    if ids is not None:
        statement = statement.where(AssignmentRecord.task_id.in_(ids))
    units: dict[int, list[tuple[str, str, bool]]] = {}
    for task_id, name, role, confirmed in session.execute(
            statement.where(AssignmentRecord.confirmed.is_(True)) if confirmed_only else statement):
        units.setdefault(task_id, []).append((name, role, confirmed))
    return units


def confirmed_units_in_task_order(session: Session) -> list[Row[str, str, str | None, str, str]]:
    """(task code, 具体任务, action title, unit name, role) of every confirmed assignment, by the tasks' table order,
    lead units first, then in the clerk's unit order."""
    return list(session.execute(
        select(TaskRecord.code, TaskRecord.task_text, ActionRecord.title, UnitRecord.name, AssignmentRecord.role)
        .join(AssignmentRecord, AssignmentRecord.task_id == TaskRecord.id).join(UnitRecord)
        .outerjoin(ActionRecord, ActionRecord.id == TaskRecord.action_id).where(AssignmentRecord.confirmed.is_(True))
        .order_by(TaskRecord.sort_order, AssignmentRecord.role.desc(), UnitRecord.sort_order)))


def every_task_code(session: Session) -> set[str]:
    """The code of every task the workspace holds, withdrawn ones included."""
    return set(session.scalars(select(TaskRecord.code)))


def task_label() -> ColumnElement[str]:
    """A task's title in SQL, as `TaskText.label` gives it: the first of LABEL_FIELDS that is not blank."""
    return func.coalesce(*(func.nullif(getattr(TaskRecord, name), "") for name in LABEL_FIELDS), "")


def task_text_columns() -> tuple[ColumnElement[str], ...]:
    """The task columns a text search looks in: the code and SEARCHED_FIELDS."""
    return (TaskRecord.code, *(getattr(TaskRecord, name) for name in SEARCHED_FIELDS))


def task_text_matches(pattern: str) -> ColumnElement[bool]:
    """The task's code or one of its searched texts is LIKE `pattern`."""
    return or_(*(column.ilike(pattern) for column in task_text_columns()))


def page_of_task_ids(session: Session, ids_statement: Select, *, limit: int | None, offset: int) -> list[int]:
    """Ids of one page of `ids_statement` (a select of task ids) in the city's order; the task lists page by this."""
    page = ids_statement.order_by(*CITY_ORDER).offset(offset)
    return list(session.scalars(page if limit is None else page.limit(limit)))
