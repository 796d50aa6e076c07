"""Progress reports per assignment and period, their review, and the county's combined answer per task.

A report belongs to (task, unit, period). Editing a report of a locked period needs a reason: it is recorded in the
audit trail and the report is flagged `changed_after_lock`, which the exports show as a post-lock change. Review
follows `domain.reporting.REVIEW_TRANSITIONS`: draft → submitted → returned (with a comment) or approved.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import (
    REVIEW_LABELS, ROLE_LABELS, STATUS_LABELS, combine_figures, combined_status, next_review_state,
)
from hpdesk.services.audit import record_event
from hpdesk.services.periods import find_period
from hpdesk.services.units import find_task, find_unit
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    AssignmentRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitRecord,
)

EDITABLE_FIELDS = ("status", "narrative", "figures", "problems", "next_steps", "filled_by")

register_messages(
    {
        "report_not_assigned": ("任务 {task} 没有分派给“{unit}”，请先分派。", "Task {task} is not assigned to {unit}."),
        "report_status_invalid": ("完成情况 {status} 无效，可选：{choices}。", "Status {status} is invalid: {choices}."),
        "period_locked": (
            "报送期 {period} 已锁定。如确需修改，请说明理由（命令行加 --reason），修改会在报送材料中注明。",
            "Period {period} is locked. Give a reason (--reason) to change it; exports will show the change.",
        ),
        "review_not_allowed": ("报告当前为“{state}”，不能执行“{action}”。", "A {state} report cannot be {action}."),
        "review_needs_comment": ("退回时请写明退回理由。", "Returning a report needs a comment."),
    }
)


@dataclass(frozen=True)
class ReportSummary:
    id: int
    task_code: str
    task_text: str
    unit: str
    role: str
    period: str
    status: str
    status_label: str
    narrative: str
    figures: tuple[dict, ...]
    problems: str
    next_steps: str
    filled_by: str
    filled_at: str | None
    review_state: str
    review_label: str
    review_comment: str
    changed_after_lock: bool
    evidence_count: int


@dataclass(frozen=True)
class CombinedAnswer:
    task_code: str
    period: str
    status: str
    status_label: str
    narrative: str
    figures: tuple[dict, ...]
    problems: str
    next_steps: str
    parts: tuple[ReportSummary, ...]


def locate_report(session: Session, task_code: str, unit_name: str, period_label: str,
                create: bool) -> tuple[ProgressReportRecord | None, ReportingPeriodRecord, AssignmentRecord]:
    """The report of (task, unit, period) inside `session`, created when `create`; UserError for unknown names."""
    task = find_task(session, task_code)
    unit = find_unit(session, unit_name)
    period = find_period(session, period_label)
    assignment = session.scalars(select(AssignmentRecord).where(AssignmentRecord.task_id == task.id,
                                                                AssignmentRecord.unit_id == unit.id)).first()
    if assignment is None:
        raise UserError("report_not_assigned", task=task_code, unit=unit.name)
    report = session.scalars(select(ProgressReportRecord).where(
        ProgressReportRecord.assignment_id == assignment.id, ProgressReportRecord.period_id == period.id)).first()
    if report is None and create:
        report = ProgressReportRecord(assignment_id=assignment.id, period_id=period.id, updated_at=now_iso())
        session.add(report)
        session.flush()
    return report, period, assignment


def _snapshot(report: ProgressReportRecord) -> dict[str, object]:
    return {field: getattr(report, field) for field in (*EDITABLE_FIELDS, "review_state", "review_comment")}


def guard_locked(period: ReportingPeriodRecord, reason: str) -> bool:
    """True when this is a post-lock change (allowed only with a reason); raises `period_locked` without one."""
    if period.state != "locked":
        return False
    if not reason.strip():
        raise UserError("period_locked", period=period.label)
    return True


def set_report(workspace: Workspace, task_code: str, unit_name: str, period_label: str, *, reason: str = "",
               **changes: object) -> ReportSummary:
    """Create or update a unit's report; `changes` are among EDITABLE_FIELDS (figures: list of dicts)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not report fields: {sorted(unknown)}")
    if "status" in changes and changes["status"] not in STATUS_LABELS:
        raise UserError("report_status_invalid", status=changes["status"], choices="、".join(STATUS_LABELS))
    with workspace.database.unit_of_work() as session:
        report, period, _assignment = locate_report(session, task_code, unit_name, period_label, create=True)
        assert report is not None
        post_lock = guard_locked(period, reason)
        before = _snapshot(report)
        for field, value in changes.items():
            setattr(report, field, value)
        report.filled_by = str(changes.get("filled_by") or report.filled_by or workspace.actor)
        report.filled_at = report.updated_at = now_iso()
        report.changed_after_lock = report.changed_after_lock or post_lock
        record_event(session, actor=workspace.actor, action="update", entity_type="report", entity_id=report.id,
                     summary=f"{task_code} {unit_name} {period.label}" + ("（锁定后修改）" if post_lock else ""),
                     before=before, after=_snapshot(report), reason=reason)
        session.flush()
        return _summaries(session, [report])[0]


def review_report(workspace: Workspace, task_code: str, unit_name: str, period_label: str, action: str,
                  comment: str = "", reason: str = "") -> ReportSummary:
    """submit | approve | return (needs a comment) | reopen, as the workflow allows."""
    if action == "return" and not comment.strip():
        raise UserError("review_needs_comment")
    with workspace.database.unit_of_work() as session:
        report, period, _assignment = locate_report(session, task_code, unit_name, period_label,
                                                  create=action == "submit")
        if report is None:
            raise UserError("review_not_allowed", state=REVIEW_LABELS["draft"], action=action)
        post_lock = guard_locked(period, reason)
        target = next_review_state(report.review_state, action)
        if target is None:
            raise UserError("review_not_allowed", state=REVIEW_LABELS[report.review_state], action=action)
        before = _snapshot(report)
        report.review_state = target
        if action in ("approve", "return"):
            report.review_comment, report.reviewed_by, report.reviewed_at = comment, workspace.actor, now_iso()
        report.changed_after_lock = report.changed_after_lock or post_lock
        report.updated_at = now_iso()
        record_event(session, actor=workspace.actor, action="review", entity_type="report", entity_id=report.id,
                     summary=f"{task_code} {unit_name} {period.label}：{REVIEW_LABELS[target]}",
                     before=before, after=_snapshot(report), reason=reason or comment)
        session.flush()
        return _summaries(session, [report])[0]


def _summaries(session: Session, reports: list[ProgressReportRecord]) -> list[ReportSummary]:
    if not reports:
        return []
    ids = [report.id for report in reports]
    rows = session.execute(
        select(ProgressReportRecord, TaskRecord.code, TaskRecord.task_text, UnitRecord.name, AssignmentRecord.role,
               ReportingPeriodRecord.label)
        .join(AssignmentRecord, ProgressReportRecord.assignment_id == AssignmentRecord.id)
        .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
        .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
        .join(ReportingPeriodRecord, ProgressReportRecord.period_id == ReportingPeriodRecord.id)
        .where(ProgressReportRecord.id.in_(ids))).all()
    counts = dict(session.execute(select(EvidenceRecord.report_id, func.count())
                                  .where(EvidenceRecord.report_id.in_(ids)).group_by(EvidenceRecord.report_id)).all())
    by_id = {row[0].id: row for row in rows}
    result = []
    for report_id in ids:
        report, code, text, unit, role, label = by_id[report_id]
        result.append(ReportSummary(
            report.id, code, text, unit, role, label, report.status, STATUS_LABELS[report.status], report.narrative,
            tuple(report.figures or ()), report.problems, report.next_steps, report.filled_by, report.filled_at,
            report.review_state, REVIEW_LABELS[report.review_state], report.review_comment, report.changed_after_lock,
            counts.get(report.id, 0)))
    return result


def list_reports(workspace: Workspace, period_label: str, *, review_state: str | None = None,
                 task_code: str | None = None, unit_name: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[ReportSummary]:
    """Reports of a period, filtered; the review queue is `review_state='submitted'`."""
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        statement = (select(ProgressReportRecord)
                     .join(AssignmentRecord, ProgressReportRecord.assignment_id == AssignmentRecord.id)
                     .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
                     .where(ProgressReportRecord.period_id == period.id))
        if review_state:
            statement = statement.where(ProgressReportRecord.review_state == review_state)
        if task_code:
            statement = statement.where(TaskRecord.id == find_task(session, task_code).id)
        if unit_name:
            statement = statement.where(AssignmentRecord.unit_id == find_unit(session, unit_name).id)
        statement = statement.order_by(TaskRecord.plan_id, TaskRecord.sort_order, AssignmentRecord.role.desc())
        statement = statement.offset(offset).limit(limit) if limit is not None else statement.offset(offset)
        return _summaries(session, list(session.scalars(statement)))


def combined_answer(workspace: Workspace, task_code: str, period_label: str) -> CombinedAnswer:
    """The county's answer for a task: the units' parts kept, plus one status, text and figure list built from them."""
    parts = tuple(list_reports(workspace, period_label, task_code=task_code))

    def joined(field: str) -> str:
        return "\n".join(f"【{p.unit}（{ROLE_LABELS[p.role]}）】{getattr(p, field)}" for p in parts
                         if getattr(p, field).strip())

    status = combined_status(p.status for p in parts)
    return CombinedAnswer(task_code, period_label, status, STATUS_LABELS[status], joined("narrative"),
                          tuple(combine_figures(p.figures for p in parts)), joined("problems"), joined("next_steps"),
                          parts)
