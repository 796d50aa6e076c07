"""Merging one county unit into another inside a session: what would move, what would clash, and the move itself.

A unit's work hangs on its assignments (task, unit); reports hang on an assignment and a period, evidence on a
report. Merging unit M into unit K therefore re-points M's assignments to K. Where K carries the same task already,
the two assignments become one (牵头 wins over 配合, confirmed over suggested) and M's reports move onto K's
assignment — unless K has a report for the same period too. Two reports of one task and period cannot both stay
(one report per assignment and period): when one of them is empty (never written, no evidence, not handed in) it
is dropped silently; otherwise it is a *conflict*, which the caller settles by naming whose reports win
(`keep="kept"` / `keep="merged"`) or refuses. Conflicts in a period that is no longer open are never settled here:
what was sent to the city is not rewritten by a merge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.records import (
    AssignmentRecord, EvidenceFileRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord,
    UnitAliasRecord, UnitCounterpartRecord, UnitRecord,
)
from hpdesk.storage.unit_store import add_alias, add_counterpart, counterparts_of, find_unit

register_messages({"unit_merge_same": ("不能把“{name}”并入它自己。", "{name} cannot be merged into itself.")})


@dataclass(frozen=True)
class ReportClash:
    """Both units reported on one task for one period; `period_open` False means the period was handed in."""

    task_code: str
    period_name: str
    period_open: bool
    kept_report_id: int
    merged_report_id: int


@dataclass(frozen=True)
class MergePlan:
    """What merging `merged` into `kept` does: counts of what moves, aliases gained, and the clashes to settle."""

    merged: str
    kept: str
    tasks_moved: int  # assignments re-pointed to the kept unit
    tasks_shared: int  # tasks both units carried: the two assignments become one
    reports_moved: int
    evidence_moved: int
    aliases_added: tuple[str, ...]
    clashes: tuple[ReportClash, ...] = field(default=())
    empty_reports_dropped: int = 0
    deleted_reports: tuple[dict[str, object], ...] = ()  # what a settled clash deleted, for the audit log


def merge_pair(session: Session, merged: str, kept: str) -> tuple[UnitRecord, UnitRecord]:
    """The unit to merge and the unit to keep, by name or alias; refuses a unit merged into itself."""
    merged_unit, kept_unit = find_unit(session, merged), find_unit(session, kept)
    if merged_unit.id == kept_unit.id:
        raise UserError("unit_merge_same", name=merged_unit.name)
    return merged_unit, kept_unit


def _report_is_empty(session: Session, report: ProgressReportRecord) -> bool:
    """Never written on, nothing attached, never handed in: dropping it loses nothing."""
    if report.review_state not in ("draft", "") or report.status not in ("not_started", ""):
        return False
    if any((text or "").strip() for text in (report.narrative, report.problems, report.next_steps)) or report.figures:
        return False
    return session.scalar(select(EvidenceRecord.id).where(EvidenceRecord.report_id == report.id).limit(1)) is None


def _reports_by_period(session: Session, assignment_id: int) -> dict[int, ProgressReportRecord]:
    return {report.period_id: report for report in session.scalars(
        select(ProgressReportRecord).where(ProgressReportRecord.assignment_id == assignment_id))}


def _evidence_of(session: Session, report_ids: list[int]) -> int:
    return len(session.scalars(select(EvidenceRecord.id).where(EvidenceRecord.report_id.in_(report_ids))).all())


def plan_merge(session: Session, merged: UnitRecord, kept: UnitRecord, keep: str | None = None) -> MergePlan:
    """What `apply_merge` with this `keep` would do, without changing anything (with no `keep`, counted as if the
    kept unit's reports stayed)."""
    return _walk(session, merged, kept, keep=keep, apply=False)


def apply_merge(session: Session, merged: UnitRecord, kept: UnitRecord, keep: str | None) -> MergePlan:
    """Move everything of `merged` onto `kept` and delete `merged`; its name and aliases become aliases of `kept`.

    `keep` settles clashes of open periods: "kept" or "merged" names whose report stays (the other report and its
    evidence are deleted). The caller has checked there is no clash it may not settle; it audits the returned plan.
    """
    return _walk(session, merged, kept, keep=keep, apply=True)


def _delete_report(session: Session, report: ProgressReportRecord) -> dict[str, object]:
    """Delete a report and its evidence (the blobs stay for prune); returns what it said, for the audit log."""
    evidence = session.execute(select(EvidenceRecord.id, EvidenceRecord.title)
                               .where(EvidenceRecord.report_id == report.id)).all()
    evidence_ids = [row.id for row in evidence]
    said = {"report_id": report.id, "status": report.status, "review_state": report.review_state,
            "narrative": report.narrative, "figures": report.figures, "problems": report.problems,
            "next_steps": report.next_steps, "filled_by": report.filled_by,
            "evidence": [row.title for row in evidence]}
    if evidence_ids:
        session.execute(delete(EvidenceFileRecord).where(EvidenceFileRecord.evidence_id.in_(evidence_ids)))
        session.execute(delete(EvidenceRecord).where(EvidenceRecord.id.in_(evidence_ids)))
    session.delete(report)
    session.flush()
    return said


def _walk(session: Session, merged: UnitRecord, kept: UnitRecord, *, keep: str | None, apply: bool) -> MergePlan:
    merged_name, kept_name = merged.name, kept.name  # read before the merged unit is deleted
    periods = {period.id: period for period in session.scalars(select(ReportingPeriodRecord))}
    kept_by_task = {a.task_id: a for a in session.scalars(select(AssignmentRecord)
                                                          .where(AssignmentRecord.unit_id == kept.id))}
    moved = shared = reports_moved = evidence_moved = dropped = 0
    clashes: list[ReportClash] = []
    deleted: list[dict[str, object]] = []
    for assignment in list(session.scalars(select(AssignmentRecord).where(AssignmentRecord.unit_id == merged.id)
                                           .order_by(AssignmentRecord.id))):
        own_reports = _reports_by_period(session, assignment.id)
        target = kept_by_task.get(assignment.task_id)
        if target is None:  # only the merged unit carried the task: the assignment itself changes hands
            moved += 1
            reports_moved += len(own_reports)
            evidence_moved += _evidence_of(session, [r.id for r in own_reports.values()])
            if apply:
                assignment.unit_id = kept.id
            continue
        shared += 1
        kept_reports = _reports_by_period(session, target.id)
        task_code = session.scalar(select(TaskRecord.code).where(TaskRecord.id == assignment.task_id)) or ""
        for period_id, report in own_reports.items():
            other = kept_reports.get(period_id)
            loser: ProgressReportRecord | None = None
            if other is None:
                pass
            elif _report_is_empty(session, report):
                loser, dropped = report, dropped + 1
            elif _report_is_empty(session, other):
                loser, dropped = other, dropped + 1
            else:
                period = periods[period_id]
                clashes.append(ReportClash(task_code, period.name, period.state == "open", other.id, report.id))
                loser = other if keep == "merged" else report
            if loser is not report:
                reports_moved += 1
                evidence_moved += _evidence_of(session, [report.id])
            if apply:
                if loser is not None:
                    deleted.append({"task": task_code, "period": periods[period_id].name,
                                    "unit": merged_name if loser is report else kept_name,
                                    **_delete_report(session, loser)})
                if loser is not report:
                    report.assignment_id = target.id
                    session.flush()
        if apply:
            if assignment.role == "lead":
                target.role = "lead"
            target.confirmed = target.confirmed or assignment.confirmed
            session.flush()
            session.delete(assignment)
            session.flush()
    existing = {merged_name, *session.scalars(select(UnitAliasRecord.alias)
                                               .where(UnitAliasRecord.unit_id == merged.id))}
    kept_aliases = set(session.scalars(select(UnitAliasRecord.alias).where(UnitAliasRecord.unit_id == kept.id)))
    aliases = tuple(sorted(name for name in existing if name != kept_name and name not in kept_aliases))
    if apply:
        _move_names(session, merged, kept, aliases)
    return MergePlan(merged_name, kept_name, moved, shared, reports_moved, evidence_moved, aliases, tuple(clashes),
                     dropped, tuple(deleted))


def _move_names(session: Session, merged: UnitRecord, kept: UnitRecord, aliases: tuple[str, ...]) -> None:
    """The merged unit's counterparts and contact go to the kept unit; the merged unit is deleted and its names
    (name and aliases) become the kept unit's aliases, so imports and searches that use them still find it."""
    kept_counterparts = {counterpart.city_department for counterpart in counterparts_of(session, kept.id)}
    counterparts = [counterpart.city_department for counterpart in counterparts_of(session, merged.id)
                    if counterpart.city_department not in kept_counterparts]
    if not kept.contact and merged.contact:
        kept.contact = merged.contact
    session.execute(delete(UnitAliasRecord).where(UnitAliasRecord.unit_id == merged.id))
    session.execute(delete(UnitCounterpartRecord).where(UnitCounterpartRecord.unit_id == merged.id))
    session.delete(merged)
    session.flush()
    for alias in aliases:
        add_alias(session, kept.id, alias)
    for department in counterparts:
        add_counterpart(session, kept.id, department)
    session.flush()
