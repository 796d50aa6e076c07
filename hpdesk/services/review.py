"""Review of reports: draft → submitted → returned (with the reviewer's comment) or approved.

The workflow is the table `domain.reporting.REVIEW_TRANSITIONS`: submit (from draft or returned), approve (from
submitted), return (from submitted, or from approved to reopen it). Returning needs a comment telling the unit what
to add or correct. In a locked period every review action needs a reason and flags the report as changed after the
lock (see storage.period_store.guard_locked). Each action is one audited unit of work; `review_reports` decides many
reports at once, all or nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import (
    ACTIONS_NEEDING_COMMENT, REVIEW_ACTION_LABELS, REVIEW_ACTIONS, REVIEW_LABELS, next_review_state,
)
from hpdesk.services.audit import record_event
from hpdesk.services.clerks import require_reviewer, require_unit
from hpdesk.services.report_conflicts import saving_guard
from hpdesk.services.reports import ReportSummary, report_snapshot, report_summaries
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.period_store import guard_locked
from hpdesk.storage.report_store import assignment_unit_id, locate_report, reports_in_context

if TYPE_CHECKING:
    from hpdesk.storage.records import ProgressReportRecord, ReportingPeriodRecord

register_messages(
    {
        "review_not_allowed": ("报告当前为“{state}”，不能{action}。", "A {state_code} report cannot take '{action_code}'."),
        "review_needs_comment": ("退回时请写明退回理由。", "Returning a report needs a comment."),
        "review_action_invalid": ("审核操作 {action} 无效，可选：{choices}。", "Review action {action} is invalid: {choices}."),
        "review_report_missing": (
            "{task}（{unit}，{period}）还没有填写报告，不能{action}。",
            "There is no report on {task} by {unit} for {period} yet; nothing to {action_code}.",
        ),
    }
)


def _check(action: str, comment: str) -> None:
    if action not in REVIEW_ACTIONS:
        raise UserError("review_action_invalid", action=action, choices="、".join(REVIEW_ACTIONS))
    if action in ACTIONS_NEEDING_COMMENT and not comment.strip():
        raise UserError("review_needs_comment")


def _decide(session: Session, actor: str, report: ProgressReportRecord, period: ReportingPeriodRecord, action: str,
            comment: str, reason: str, subject: str) -> None:
    """Apply one review action to `report` inside `session` and audit it (before/after, the lock reason)."""
    target = next_review_state(report.review_state, action)
    if target is None:
        raise UserError("review_not_allowed", state=REVIEW_LABELS[report.review_state],
                        state_code=report.review_state, action=REVIEW_ACTION_LABELS[action], action_code=action)
    if action in ("approve", "return"):
        require_reviewer(session, actor, action)
    else:
        require_unit(session, actor, assignment_unit_id(session, report.assignment_id))
    post_lock = guard_locked(period, reason)
    before = report_snapshot(report)
    report.review_state = target
    if action in ("approve", "return"):
        report.review_comment, report.reviewed_by, report.reviewed_at = comment.strip(), actor, now_iso()
    report.changed_after_lock = report.changed_after_lock or post_lock
    report.updated_at = now_iso()
    session.flush()
    record_event(session, actor=actor, action="review", entity_type="report", entity_id=report.id,
                 summary=f"{subject}：{REVIEW_ACTION_LABELS[action]} → {REVIEW_LABELS[target]}"
                         + ("（锁定后修改）" if post_lock and period.state == "locked" else ""),
                 before=before, after=report_snapshot(report), reason=reason.strip())


def review_report(workspace: Workspace, task_code: str, unit_name: str, period_label: str, action: str,
                  comment: str = "", reason: str = "") -> ReportSummary:
    """Apply `action` (submit | approve | return) to the report of (task, unit, period).

    Raises `review_action_invalid`, `review_needs_comment`, `review_report_missing` (nothing filled yet),
    `review_not_allowed` (the workflow forbids it from the current state), `period_locked`, and the lookup errors;
    `report_changed_by_other` when another clerk's save lands first; `clerk_*` when the clerk's role forbids it.
    """
    _check(action, comment)
    with saving_guard(workspace, None) as seen, workspace.database.unit_of_work() as session:
        report, period, _assignment = locate_report(session, task_code, unit_name, period_label, create=False)
        if report is None:
            raise UserError("review_report_missing", task=task_code, unit=unit_name, period=period.name or period.label,
                            action=REVIEW_ACTION_LABELS[action], action_code=action)
        seen.remember(report.id, report.version)
        _decide(session, workspace.actor, report, period, action, comment, reason,
                f"{task_code.strip()} {unit_name.strip()} {period.label}")
        return report_summaries(session, [report])[0]


def review_reports(workspace: Workspace, report_ids: list[int], action: str, comment: str = "",
                   reason: str = "") -> list[ReportSummary]:
    """Apply one action to many reports by id (e.g. approve a page of the review queue), in one unit of work:
    if any report may not take the action, nothing changes. Raises as `review_report`, and `report_unknown`."""
    _check(action, comment)
    with workspace.database.unit_of_work() as session:
        rows = reports_in_context(session, report_ids)
        missing = [report_id for report_id in report_ids if report_id not in rows]
        if missing:
            raise UserError("report_unknown", report=missing[0])
        chosen = [rows[report_id] for report_id in dict.fromkeys(report_ids)]
        for report, period, code, unit in chosen:
            _decide(session, workspace.actor, report, period, action, comment, reason, f"{code} {unit} {period.label}")
        return report_summaries(session, [report for report, _period, _code, _unit in chosen])
