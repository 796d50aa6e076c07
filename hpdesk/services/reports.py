"""Progress reports per assignment and period, the read models over them, and the county's combined answer.

A report belongs to (task, unit, period) through the unit's assignment. Its content — status, narrative, key
figures, problems, next steps — is filled by or for the unit and records who filled it and when. The content of an
approved report changes only after it is returned (services.review). Several units on one task keep separate
reports; `combined_answer` builds the county's one answer from them (rules in domain.reporting).

Locked periods: a change needs a reason (`period_locked` otherwise); the reason goes into the audit event and the
report is flagged `changed_after_lock`, which the exports show. A period that was locked and reopened keeps
flagging changes, so unlocking cannot hide them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import (
    EDITABLE_REVIEW_STATES, HANDED_IN, REVIEW_LABELS, ROLE_LABELS, STATUS_LABELS, Figure, UnitPart,
    combine_figures, combined_status, figures_from_json, join_parts,
)
from hpdesk.services.audit import record_event
from hpdesk.services.clerks import require_unit
from hpdesk.services.report_conflicts import refuse_if_changed, saving_guard
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.clock import today as local_today
from hpdesk.storage.period_store import find_period, guard_locked
from hpdesk.storage.report_list_store import (
    count_rows, last_filled_by as _last_filled_by, page_of_ids, reports_in_order, reports_statement,
    summary_rows, task_report_rows, task_reports_statement,
)
from hpdesk.storage.report_store import evidence_counts, locate_report, new_report
from hpdesk.storage.unit_store import find_unit

if TYPE_CHECKING:
    from hpdesk.storage.records import ProgressReportRecord

EDITABLE_FIELDS = ("status", "narrative", "figures", "problems", "next_steps", "filled_by")

register_messages(
    {
        "report_status_invalid": ("完成情况 {status} 无效，可选：{choices}。", "Status {status} is invalid: {choices}."),
        "report_figure_invalid": ("数据“{figure}”不完整：需要名称和数值。", "Figure {figure} needs a name and a number."),
        "report_unknown": ("找不到报告 {report}。", "No report {report}."),
        "report_approved": (
            "{task}（{unit}，{period}）的报告已审核通过，不能直接修改。如需修改，请先退回。",
            "The report on {task} by {unit} for {period} is approved; return it before changing it.",
        ),
    }
)


@dataclass(frozen=True)
class ReportSummary:
    """One unit's report for one task and period, with its review state and how many evidence items it has."""

    id: int
    task_code: str
    task_text: str
    unit: str
    role: str
    period: str  # the period's label
    status: str
    status_label: str
    narrative: str
    figures: tuple[Figure, ...]
    problems: str
    next_steps: str
    filled_by: str
    filled_at: str | None
    review_state: str
    review_label: str
    review_comment: str
    changed_after_lock: bool
    evidence_count: int
    task_id: int = 0
    unit_id: int = 0
    period_id: int = 0
    assignment_id: int = 0
    reviewed_by: str = ""
    reviewed_at: str | None = None
    updated_at: str = ""
    version: int = 0  # pass back as `expected_version` to refuse a save over another clerk's change


@dataclass(frozen=True)
class TaskReportRow:
    """One expected report of a period — an assignment, whether or not its report exists yet (`report_id` None)."""

    assignment_id: int
    task_id: int
    task_code: str
    task_label: str
    action_label: str
    unit_id: int
    unit: str
    role: str
    role_label: str
    report_id: int | None
    status: str  # not_started when there is no report
    status_label: str
    review_state: str  # draft when there is no report
    review_label: str
    changed_after_lock: bool
    filled_at: str | None
    evidence_count: int
    overdue: bool  # not handed in and 'today' past the due date


@dataclass(frozen=True)
class CombinedAnswer:
    """The county's answer for a task in a period, built from its units' parts (kept in `parts`, lead first)."""

    task_code: str
    period: str
    status: str
    status_label: str
    narrative: str
    figures: tuple[Figure, ...]
    problems: str
    next_steps: str
    parts: tuple[ReportSummary, ...]


# --- audit snapshot -----------------------------------------------------------------------------------------------


def report_snapshot(report: ProgressReportRecord) -> dict[str, object]:
    """The report's content and review fields, for audit before/after, with its version (report_conflicts.py)."""
    return {field: getattr(report, field) for field in
            (*EDITABLE_FIELDS, "review_state", "review_comment", "changed_after_lock", "version")}


# --- writing -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportChanges:
    """What `set_report` changes in a unit's report. A field left None keeps what the report holds; "" or () clears
    it. Texts are stored stripped; `figures` replace the report's figures."""

    status: str | None = None
    narrative: str | None = None
    figures: tuple[Figure, ...] | None = None
    problems: str | None = None
    next_steps: str | None = None
    filled_by: str | None = None

    def stored(self) -> dict[str, object]:
        """The given fields as the report record holds them (texts stripped, figures as JSON), checked.
        Raises `report_status_invalid` and `report_figure_invalid`."""
        if self.status is not None and self.status not in STATUS_LABELS:
            raise UserError("report_status_invalid", status=self.status, choices="、".join(STATUS_LABELS))
        for figure in self.figures or ():
            if not figure.is_complete():
                raise UserError("report_figure_invalid", figure=f"{figure.name}={figure.value}{figure.unit}")
        given = {field.name: getattr(self, field.name) for field in fields(self)}
        return {name: [Figure(f.name.strip(), f.value, f.unit.strip()).to_json() for f in value] if name == "figures"
                else value.strip() for name, value in given.items() if value is not None}


def set_report(workspace: Workspace, task_code: str, unit_name: str, period_label: str, changes: ReportChanges, *,
               reason: str = "", expected_version: int | None = None) -> ReportSummary:
    """Create or change a unit's report (one unit of work, audited with before/after).

    `filled_by` keeps what the report has, else the unit's last 填报人 (`last_filled_by`), else the workspace's actor
    (the CLI's --actor); `filled_at` is now. A change identical to what is stored records nothing.
    Raises `report_status_invalid`, `report_figure_invalid`, `report_approved`, `period_locked` and the lookup errors;
    `report_changed_by_other` when `expected_version` (the summary's `version` the clerk edited) is no longer the
    stored one, or another clerk's save lands between this one's read and write; `clerk_*` (services/clerks.py) when
    the clerk may not edit the unit's reports.
    """
    stored = changes.stored()
    with saving_guard(workspace, expected_version) as seen, workspace.database.unit_of_work() as session:
        report, period, assignment = locate_report(session, task_code, unit_name, period_label, create=False)
        require_unit(session, workspace.actor, assignment.unit_id)
        if report is not None:
            seen.remember(report.id, report.version)
            refuse_if_changed(session, report, expected_version)
            if report.review_state not in EDITABLE_REVIEW_STATES:
                raise UserError("report_approved", task=task_code, unit=unit_name, period=period.name or period.label)
            if all(getattr(report, field) == value for field, value in stored.items()):
                return report_summaries(session, [report])[0]
        post_lock = guard_locked(period, reason)
        before = None if report is None else report_snapshot(report)
        report = report or new_report(session, assignment.id, period.id)
        for field, value in stored.items():
            setattr(report, field, value)
        report.filled_by = str(stored.get("filled_by") or report.filled_by
                               or _last_filled_by(session, assignment.unit_id, workspace.actor) or workspace.actor)
        report.filled_at = report.updated_at = now_iso()
        report.changed_after_lock = report.changed_after_lock or post_lock
        session.flush()
        record_event(session, actor=workspace.actor, action="create" if before is None else "update",
                     entity_type="report", entity_id=report.id,
                     summary=f"{task_code} {unit_name} {period.label}" + ("（锁定后修改）" if post_lock else ""),
                     before=before, after=report_snapshot(report), reason=reason.strip())
        return report_summaries(session, [report])[0]


def last_filled_by(workspace: Workspace, unit_name: str) -> str:
    """Who last filled a report for the unit (name or alias), '' when nobody yet: the editor's default 填报人,
    so each unit's contact is remembered without ever printing the computer's login name."""
    with workspace.database.read_only() as session:
        return _last_filled_by(session, find_unit(session, unit_name).id, workspace.actor)


# --- read models ---------------------------------------------------------------------------------------------------


def report_summaries(session: Session, reports: list[ProgressReportRecord]) -> list[ReportSummary]:
    """Summaries of `reports` in the given order, in two queries whatever their number."""
    if not reports:
        return []
    ids = [report.id for report in reports]
    by_id = summary_rows(session, ids)
    counts = evidence_counts(session, ids)
    return [ReportSummary(
        report.id, code, text, unit, role, label, report.status, STATUS_LABELS[report.status], report.narrative,
        figures_from_json(report.figures), report.problems, report.next_steps, report.filled_by, report.filled_at,
        report.review_state, REVIEW_LABELS[report.review_state], report.review_comment, report.changed_after_lock,
        counts.get(report.id, 0), task_id, unit_id, report.period_id, report.assignment_id, report.reviewed_by,
        report.reviewed_at, report.updated_at, report.version or 0)
        for report, task_id, code, text, unit_id, unit, role, label in (by_id[report_id] for report_id in ids)]


def get_report(workspace: Workspace, task_code: str, unit_name: str, period_label: str) -> ReportSummary | None:
    """The report of (task, unit, period), or None while nothing has been filled. Raises the lookup errors."""
    with workspace.database.read_only() as session:
        report, _period, _assignment = locate_report(session, task_code, unit_name, period_label, create=False)
        return report_summaries(session, [report])[0] if report is not None else None


def count_reports(workspace: Workspace, period_label: str, *, review_state: str | None = None) -> int:
    """How many reports `list_reports` gives with the same filter (counted in SQL)."""
    with workspace.database.read_only() as session:
        return count_rows(session, reports_statement(session, find_period(session, period_label),
                                                     review_state=review_state))


def list_reports(workspace: Workspace, period_label: str, *, review_state: str | None = None,
                 status: str | None = None, task_code: str | None = None, unit_name: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[ReportSummary]:
    """A page of a period's reports in the city's task order, lead units first.

    The review queue is `review_state='submitted'`. Filtering and paging happen in SQL, so a page costs the same
    with 100,000 reports.
    """
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        statement = reports_statement(session, period, review_state=review_state, status=status, task_code=task_code,
                                      unit_name=unit_name)
        ids = page_of_ids(session, statement, limit=limit, offset=offset)
        return report_summaries(session, reports_in_order(session, ids))


# --- expected reports (one row per assignment) ---------------------------------------------------------------------


def list_task_reports(workspace: Workspace, period_label: str, *, review_state: str | None = None,
                      unit_name: str | None = None, overdue_only: bool = False, today: date | None = None,
                      limit: int | None = None, offset: int = 0) -> list[TaskReportRow]:
    """A page of the reports a period expects — including those not filled yet — in the city's task order.

    `review_state='draft'` includes missing reports; `overdue_only` keeps those not handed in once `today` (default:
    the local date) is past the period's due date.
    """
    today = today or local_today()
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        statement = task_reports_statement(session, period, review_state=review_state, unit_name=unit_name,
                                           overdue_only=overdue_only, today=today)
        ids = page_of_ids(session, statement, limit=limit, offset=offset)
        if not ids:
            return []
        rows = task_report_rows(session, period, ids)
        past_due = today > period.due_date
        result = []
        for assignment_id in ids:
            (_id, task_id, code, text_label, number_label, title, unit_id, unit, role, report_id, status, review,
             changed, filled_at, evidence_count) = rows[assignment_id]
            status, review = status or "not_started", review or "draft"
            result.append(TaskReportRow(
                assignment_id, task_id, code, text_label or "", f"{number_label or ''}{title or ''}", unit_id, unit,
                role, ROLE_LABELS[role], report_id, status, STATUS_LABELS[status], review, REVIEW_LABELS[review],
                bool(changed), filled_at, evidence_count or 0, past_due and review not in HANDED_IN))
        return result


# --- the county's answer -------------------------------------------------------------------------------------------


def combined_answer(workspace: Workspace, task_code: str, period_label: str) -> CombinedAnswer:
    """The county's answer for a task and period: each unit's report kept in `parts` (lead first), plus the
    combined status, the narratives, problems and next steps joined under 【unit（role）】, and the figures summed
    per name and measurement unit. A task nobody has reported on yet is not_started with empty texts."""
    parts = tuple(list_reports(workspace, period_label, task_code=task_code))

    def joined(field: str) -> str:
        return join_parts(UnitPart(part.unit, part.role, getattr(part, field)) for part in parts)

    status = combined_status(part.status for part in parts)
    code = parts[0].task_code if parts else task_code.strip()  # the stored spelling when there is one
    return CombinedAnswer(code, period_label.strip().upper(), status, STATUS_LABELS[status],
                          joined("narrative"), tuple(combine_figures(part.figures for part in parts)),
                          joined("problems"), joined("next_steps"), parts)
