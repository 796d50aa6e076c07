"""The desk's task list: a page of tasks with the county's progress for a period, filtered and paged in SQL.

Rows are frozen dataclasses, never ORM objects; a workspace with 100,000 reports answers a page in milliseconds.
One task's full text and its units' reports are `services.task_detail`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select
from sqlalchemy.orm import Session

from hpdesk.services.workspace import Workspace
from hpdesk.storage.period_store import find_period
from hpdesk.storage.report_store import count_task_ids, task_ids
from hpdesk.storage.tally_store import tallies_by_task
from hpdesk.storage.task_store import page_of_task_ids, task_id_of, task_rows, units_by_task


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


def _filtered_tasks(session: Session, task_filter: TaskFilter) -> Select[int]:
    period = find_period(session, task_filter.period_label) if task_filter.period_label else None
    return task_ids(county_only=task_filter.county_only, action_id=task_filter.action_id, unit_id=task_filter.unit_id,
                    text=task_filter.search, unit_names_too=True, period=period, review_state=task_filter.review_state)


def count_tasks(workspace: Workspace, task_filter: TaskFilter) -> int:
    """How many tasks `list_task_rows` gives with the same filter."""
    with workspace.database.read_only() as session:
        return count_task_ids(session, _filtered_tasks(session, task_filter))


def list_task_rows(workspace: Workspace, task_filter: TaskFilter, *, limit: int | None = None,
                   offset: int = 0) -> list[TaskListRow]:
    """A page of the task list in the city's order (plan, then the table's order). With a period, a task's units and
    reports are those the period expects (its confirmed units, when the period's kind asks for the task's cadence)."""
    with workspace.database.read_only() as session:
        ids = page_of_task_ids(session, _filtered_tasks(session, task_filter), limit=limit, offset=offset)
        if not ids:
            return []
        rows = task_rows(session, ids, "lead_text", "falls_to_county", "flags")
        units = units_by_task(session, ids)
        period = find_period(session, task_filter.period_label) if task_filter.period_label else None
        tallies = tallies_by_task(session, period, ids) if period else {}
        result = []
        for task_id in ids:
            _id, code, text, action_label, lead_text, county, flags = rows[task_id]
            parts = units.get(task_id, [])
            lead = next((name for name, role, _confirmed in parts if role == "lead"), None)
            if period is None:
                counts = (sum(confirmed for _n, _r, confirmed in parts), 0, 0, 0)
            else:
                expected, _reported, submitted, approved, returned, _overdue = tallies.get(task_id, (0,) * 6)
                counts = (expected, submitted + approved, approved, returned)
            result.append(TaskListRow(task_id, code, text or "", action_label, lead or lead_text or "", bool(county),
                                      bool(flags), *counts, sum(not confirmed for _n, _r, confirmed in parts)))
        return result


def task_id_for_code(workspace: Workspace, code: str) -> int | None:
    with workspace.database.read_only() as session:
        return task_id_of(session, code)
