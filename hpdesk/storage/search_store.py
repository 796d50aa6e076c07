"""Text search inside a session: tasks, units, evidence and reports containing every term the clerk typed.

Each whitespace-separated term must appear in one of the searched columns ("健康 讲座" finds 健康知识讲座).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Row, SQLColumnExpression, and_, exists, or_, select
from sqlalchemy.orm import Session

from hpdesk.storage.records import (
    EvidenceFileRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitAliasRecord,
    UnitRecord,
)
from hpdesk.storage.report_store import joined_to_context
from hpdesk.storage.task_store import CITY_ORDER, task_label, task_text_columns

# Where a hit on evidence or a report belongs: task id and code, unit id and name, period label and name.
_CONTEXT = (TaskRecord.id, TaskRecord.code, UnitRecord.id, UnitRecord.name, ReportingPeriodRecord.label,
            ReportingPeriodRecord.name)


def _every_term(terms: list[str], *columns: SQLColumnExpression[str]) -> ColumnElement[bool]:
    return and_(*(or_(*(column.ilike(f"%{term}%") for column in columns)) for term in terms))


def tasks_matching(session: Session, terms: list[str], limit: int) -> list[Row[int, str, str]]:
    """(id, code, label) of active tasks whose code or texts hold every term, in the city's order."""
    return list(session.execute(select(TaskRecord.id, TaskRecord.code, task_label())
                                .where(TaskRecord.status == "active", _every_term(terms, *task_text_columns()))
                                .order_by(*CITY_ORDER).limit(limit)))


def units_matching(session: Session, terms: list[str], limit: int) -> list[tuple[int, str, list[str]]]:
    """(id, name, aliases) of active units whose name, or whose aliases, hold every term, in the clerk's order."""
    alias_match = and_(*(exists().where(UnitAliasRecord.unit_id == UnitRecord.id, UnitAliasRecord.alias.ilike(f"%{term}%"))
                         for term in terms))
    units = session.execute(select(UnitRecord.id, UnitRecord.name)
                            .where(UnitRecord.active.is_(True), or_(_every_term(terms, UnitRecord.name), alias_match))
                            .order_by(UnitRecord.sort_order).limit(limit)).all()
    return [(unit_id, name, list(session.scalars(select(UnitAliasRecord.alias)
                                                 .where(UnitAliasRecord.unit_id == unit_id))))
            for unit_id, name in units]


def evidence_matching(session: Session, terms: list[str], limit: int) -> list[Row[*tuple[Any, ...]]]:
    """(title, document number, *where it belongs) of evidence whose title, number, description or a file name
    holds every term, newest first."""
    evidence = EvidenceRecord
    return list(session.execute(joined_to_context(
        select(evidence.title, evidence.doc_number, *_CONTEXT).select_from(evidence).join(ProgressReportRecord))
        .where(or_(_every_term(terms, evidence.title, evidence.doc_number, evidence.description),
                   exists().where(EvidenceFileRecord.evidence_id == evidence.id,
                                  _every_term(terms, EvidenceFileRecord.file_name))))
        .order_by(evidence.id.desc()).limit(limit)))


def reports_matching(session: Session, terms: list[str], limit: int) -> list[Row[*tuple[Any, ...]]]:
    """(narrative, problems, next steps, *where it belongs) of reports whose texts hold every term, newest first."""
    report = ProgressReportRecord
    return list(session.execute(joined_to_context(select(report.narrative, report.problems, report.next_steps,
                                                         *_CONTEXT))
                                .where(_every_term(terms, report.narrative, report.problems, report.next_steps))
                                .order_by(report.id.desc()).limit(limit)))
