"""One task as the desk shows it: every column the city wrote, and each assigned unit's report for a period."""

from __future__ import annotations

from dataclasses import dataclass

from hpdesk.domain.task_text import TaskText
from hpdesk.services.workspace import Workspace
from hpdesk.storage.period_store import find_period
from hpdesk.storage.report_store import evidence_counts, reports_of_assignments, units_of_task
from hpdesk.storage.task_store import task_with_titles


@dataclass(frozen=True)
class TaskDetail:
    """Every column the city wrote for a task, plus where it came from."""

    id: int
    code: str
    plan_title: str
    action_label: str
    serial_label: str
    text: TaskText
    cadence: str
    falls_to_county: bool
    flags: tuple[str, ...]
    source: str  # "重点任务 A3:D3"


@dataclass(frozen=True)
class UnitReportRow:
    """A unit assigned to a task, and its report for the period (or 'not started' when it has none)."""

    unit_id: int
    unit: str
    role: str  # lead | co
    confirmed: bool
    report_id: int | None
    status: str
    review_state: str
    review_comment: str
    evidence_count: int
    filled_by: str
    filled_at: str | None
    changed_after_lock: bool


def task_detail(workspace: Workspace, task_id: int) -> TaskDetail | None:
    """The task with `task_id` and where it came from, or None when there is no such task."""
    with workspace.database.read_only() as session:
        row = task_with_titles(session, task_id)
        if row is None:
            return None
        task, number_label, action_title, plan_title = row
        return TaskDetail(
            task.id, task.code, plan_title, f"{number_label or ''}{action_title or ''}", task.serial_label,
            task.text, task.cadence, task.falls_to_county, tuple(task.flags),
            f"{task.source_sheet} {task.source_range}".strip())


def unit_reports(workspace: Workspace, task_id: int, period_label: str | None) -> list[UnitReportRow]:
    """Every unit assigned to the task (lead first), with its report for the period when there is one."""
    with workspace.database.read_only() as session:
        assignments = units_of_task(session, task_id)
        period = find_period(session, period_label) if period_label and assignments else None
        reports = reports_of_assignments(session, period.id, [a.id for a, _ in assignments]) if period else {}
        counts = evidence_counts(session, [r.id for r in reports.values()]) if reports else {}
        return [UnitReportRow(assignment.unit_id, unit_name, assignment.role, assignment.confirmed, *(
            (report.id, report.status, report.review_state, report.review_comment, counts.get(report.id, 0),
             report.filled_by, report.filled_at, bool(report.changed_after_lock)) if report
            else (None, "not_started", "draft", "", 0, "", None, False)))
            for assignment, unit_name, report in ((a, name, reports.get(a.id)) for a, name in assignments)]
