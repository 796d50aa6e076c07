"""Searching the workspace: tasks, units (by name or alias) and evidence containing every term the clerk typed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, exists, or_, select

from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import (
    AssignmentRecord, EvidenceFileRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord,
    UnitAliasRecord, UnitRecord,
)
from hpdesk.storage.task_store import task_label, task_text_columns


@dataclass(frozen=True)
class SearchHit:
    kind: str  # task | unit | evidence | report
    title: str
    detail: str
    task_id: int | None = None
    unit_id: int | None = None
    period_label: str | None = None


def _every_term(text: str, *columns: SQLColumnExpression[str]) -> ColumnElement[bool]:
    """Each whitespace-separated term must appear in one of the columns ("健康 讲座" finds 健康知识讲座)."""
    return and_(*(or_(*(column.like(f"%{term}%") for column in columns)) for term in text.split()))


def search_everything(workspace: Workspace, text: str, limit_per_kind: int = 50) -> list[SearchHit]:
    """Tasks, units (by name or alias), evidence (title, document number, description, file names) and reports
    (progress, problems, next steps) containing every whitespace-separated term of `text`."""
    text = text.strip()
    if not text:
        return []
    first_term = text.split()[0]
    hits: list[SearchHit] = []
    with workspace.database.read_only() as session:
        for task_id, code, task_text in session.execute(
                select(TaskRecord.id, TaskRecord.code, task_label())
                .where(TaskRecord.status == "active", _every_term(text, *task_text_columns()))
                .order_by(TaskRecord.plan_id, TaskRecord.sort_order).limit(limit_per_kind)):
            hits.append(SearchHit("task", code, _excerpt(task_text or "", first_term), task_id=task_id))
        alias_match = and_(*(exists().where(UnitAliasRecord.unit_id == UnitRecord.id,
                                            UnitAliasRecord.alias.like(f"%{term}%")) for term in text.split()))
        for unit_id, name in session.execute(
                select(UnitRecord.id, UnitRecord.name).where(UnitRecord.active.is_(True),
                                                             or_(_every_term(text, UnitRecord.name), alias_match))
                .order_by(UnitRecord.sort_order).limit(limit_per_kind)):
            aliases = session.scalars(select(UnitAliasRecord.alias).where(UnitAliasRecord.unit_id == unit_id))
            hits.append(SearchHit("unit", name, "、".join(aliases), unit_id=unit_id))
        for title, doc_number, description, task_id, code, unit_id, unit_name, label, period_name in session.execute(
                select(EvidenceRecord.title, EvidenceRecord.doc_number, EvidenceRecord.description, TaskRecord.id,
                       TaskRecord.code, UnitRecord.id, UnitRecord.name, ReportingPeriodRecord.label,
                       ReportingPeriodRecord.name)
                .join(ProgressReportRecord, EvidenceRecord.report_id == ProgressReportRecord.id)
                .join(AssignmentRecord, ProgressReportRecord.assignment_id == AssignmentRecord.id)
                .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
                .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
                .join(ReportingPeriodRecord, ProgressReportRecord.period_id == ReportingPeriodRecord.id)
                .where(or_(_every_term(text, EvidenceRecord.title, EvidenceRecord.doc_number,
                                       EvidenceRecord.description),
                           exists().where(EvidenceFileRecord.evidence_id == EvidenceRecord.id,
                                          _every_term(text, EvidenceFileRecord.file_name))))
                .order_by(EvidenceRecord.id.desc()).limit(limit_per_kind)):
            detail = " · ".join(part for part in (code, unit_name, period_name or label, doc_number) if part)
            hits.append(SearchHit("evidence", title, detail, task_id=task_id, unit_id=unit_id, period_label=label))
        for narrative, problems, next_steps, task_id, code, unit_id, unit_name, label, period_name in session.execute(
                select(ProgressReportRecord.narrative, ProgressReportRecord.problems, ProgressReportRecord.next_steps,
                       TaskRecord.id, TaskRecord.code, UnitRecord.id, UnitRecord.name, ReportingPeriodRecord.label,
                       ReportingPeriodRecord.name)
                .join(AssignmentRecord, ProgressReportRecord.assignment_id == AssignmentRecord.id)
                .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
                .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
                .join(ReportingPeriodRecord, ProgressReportRecord.period_id == ReportingPeriodRecord.id)
                .where(_every_term(text, ProgressReportRecord.narrative, ProgressReportRecord.problems,
                                   ProgressReportRecord.next_steps))
                .order_by(ProgressReportRecord.id.desc()).limit(limit_per_kind)):
            found_in = next((part for part in (narrative, problems, next_steps) if first_term in (part or "")),
                            narrative or "")
            hits.append(SearchHit("report", f"{code} · {unit_name} · {period_name or label}",
                                  _excerpt(found_in, first_term), task_id=task_id, unit_id=unit_id,
                                  period_label=label))
    return hits


def _excerpt(text: str, needle: str, width: int = 60) -> str:
    """The part of `text` around the first match, so the clerk sees why it was found."""
    position = text.find(needle)
    if position < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, position - width // 3)
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")
