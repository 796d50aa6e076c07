"""Finding evidence and the report it belongs to inside a session."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.records import EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord
from hpdesk.storage.report_store import locate_report

register_messages(
    {
        "evidence_unknown": ("找不到编号为 {id} 的佐证材料。", "There is no evidence with id {id}."),
        "evidence_report_unknown": ("找不到编号为 {id} 的进展报告。", "There is no progress report with id {id}."),
    }
)


def locate_evidence_report(session: Session, report: int | str, where: tuple[str, ...],
                           *, create: bool) -> tuple[ProgressReportRecord | None, ReportingPeriodRecord]:
    """The report named by id, or by (task code, unit name, period label) — created there when `create`.

    Raises `evidence_report_unknown` for an unknown id, and the lookup errors of `report_store.locate_report`.
    """
    if isinstance(report, int) and not isinstance(report, bool) and not where:
        record = session.get(ProgressReportRecord, report)
        if record is None:
            raise UserError("evidence_report_unknown", id=report)
        return record, session.get_one(ReportingPeriodRecord, record.period_id)
    if isinstance(report, str) and len(where) == 2:
        record, period, _assignment = locate_report(session, report, where[0], where[1], create=create)
        return record, period
    raise TypeError("name a report by its id, or by task code, unit name and period label")


def evidence_context(session: Session,
                     evidence_id: int) -> tuple[EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord]:
    """An evidence item with its report and period; UserError `evidence_unknown`."""
    evidence = session.get(EvidenceRecord, evidence_id)
    if evidence is None:
        raise UserError("evidence_unknown", id=evidence_id)
    record = session.get_one(ProgressReportRecord, evidence.report_id)
    return evidence, record, session.get_one(ReportingPeriodRecord, record.period_id)
