"""Finding evidence and the report it belongs to inside a session."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Row, delete, exists, func, select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import ReportKey
from hpdesk.storage.clock import now_iso
from hpdesk.storage.period_store import period_by_id
from hpdesk.storage.records import (
    AttachmentRecord, EvidenceFileRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord,
    UnitFormReturnRecord,
)
from hpdesk.storage.report_store import locate_report

register_messages(
    {
        "evidence_unknown": ("找不到编号为 {id} 的佐证材料。", "There is no evidence with id {id}."),
        "evidence_report_unknown": ("找不到编号为 {id} 的进展报告。", "There is no progress report with id {id}."),
    }
)


def locate_evidence_report(session: Session, report: ReportKey | int,
                           *, create: bool) -> tuple[ProgressReportRecord | None, ReportingPeriodRecord]:
    """The report named by its key — created there when `create` — or by its id.

    Raises `evidence_report_unknown` for an unknown id, and the lookup errors of `report_store.locate_report`.
    """
    if isinstance(report, ReportKey):
        found, period, _assignment = locate_report(session, report.task_code, report.unit, report.period_label,
                                                   create=create)
        return found, period
    record = session.get(ProgressReportRecord, report)
    if record is None:
        raise UserError("evidence_report_unknown", id=report)
    return record, period_by_id(session, record.period_id)


def find_evidence(session: Session, evidence_id: int) -> EvidenceRecord:
    """The evidence item; UserError `evidence_unknown`."""
    evidence = session.get(EvidenceRecord, evidence_id)
    if evidence is None:
        raise UserError("evidence_unknown", id=evidence_id)
    return evidence


def evidence_context(session: Session,
                     evidence_id: int) -> tuple[EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord]:
    """An evidence item with its report and period; UserError `evidence_unknown`."""
    evidence = find_evidence(session, evidence_id)
    record = session.get_one(ProgressReportRecord, evidence.report_id)
    return evidence, record, period_by_id(session, record.period_id)


def attachment_media_type(session: Session, sha256: str) -> str | None:
    """The media type of the stored file with that hash; None for a hash the workspace does not know."""
    return session.scalar(select(AttachmentRecord.media_type).where(AttachmentRecord.sha256 == sha256))


def stored_blobs(session: Session) -> tuple[int, Iterator[tuple[str, int]]]:
    """(how many attachment rows, their (sha256, size) streamed 2,000 rows a fetch: 50,000 are never one list).
    Plain rows through the session's connection: `check` reads them beside the re-hashing thread, which waits for
    the GIL while the ORM would build its result (a third of the CPU time)."""
    total = session.scalar(select(func.count()).select_from(AttachmentRecord)) or 0
    rows = session.connection().execute(
        select(AttachmentRecord.sha256, AttachmentRecord.size).execution_options(yield_per=2000))
    return total, ((sha256, size) for sha256, size in rows)


def evidence_of_period(session: Session, period_id: int) -> list[EvidenceRecord]:
    """Every evidence item of the period's reports, in the order it was entered."""
    return list(session.scalars(select(EvidenceRecord).join(ProgressReportRecord)
                                .where(ProgressReportRecord.period_id == period_id).order_by(EvidenceRecord.id)))


def files_of_evidence(session: Session, ids: list[int]) -> list[Row[EvidenceFileRecord, AttachmentRecord]]:
    """(file link, its stored file) of the evidence items `ids`, each item's files in their order."""
    found: list[Row[EvidenceFileRecord, AttachmentRecord]] = []
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        found += session.execute(select(EvidenceFileRecord, AttachmentRecord).join(AttachmentRecord)
                                 .where(EvidenceFileRecord.evidence_id.in_(ids[start:start + 500]))
                                 .order_by(EvidenceFileRecord.sort_order, EvidenceFileRecord.id))
    return found


def attachment_by_hash(session: Session, sha256: str) -> AttachmentRecord | None:
    return session.scalars(select(AttachmentRecord).where(AttachmentRecord.sha256 == sha256)).first()


def attachment_row(session: Session, sha256: str, *, size: int, media_type: str,
                   original_name: str) -> AttachmentRecord:
    """The row of the stored file with that hash, added (and flushed) for a file the workspace did not know."""
    attachment = attachment_by_hash(session, sha256)
    if attachment is None:
        attachment = AttachmentRecord(sha256=sha256, size=size, media_type=media_type,
                                      original_name=original_name[-300:], created_at=now_iso())
        session.add(attachment)
        session.flush()
    return attachment


def attachment_hashes(session: Session, ids: list[int]) -> dict[int, str]:
    """attachment id → the SHA-256 of its file, for the attachments `ids`."""
    return {attachment_id: sha256 for attachment_id, sha256 in session.execute(
        select(AttachmentRecord.id, AttachmentRecord.sha256).where(AttachmentRecord.id.in_(ids)))}


def evidence_ids_of_report(session: Session, report_id: int) -> list[int]:
    """The report's evidence items in the order they were added."""
    return list(session.scalars(select(EvidenceRecord.id).where(EvidenceRecord.report_id == report_id)
                                .order_by(EvidenceRecord.id)))


def evidence_by_ids(session: Session, ids: list[int]) -> dict[int, EvidenceRecord]:
    return {e.id: e for e in session.scalars(select(EvidenceRecord).where(EvidenceRecord.id.in_(ids)))}


def add_evidence_row(session: Session, **fields: Any) -> EvidenceRecord:
    """A new evidence item with `fields` (every column but the id), flushed so it has its id."""
    evidence = EvidenceRecord(**fields)
    session.add(evidence)
    session.flush()
    return evidence


def link_file(session: Session, evidence_id: int, attachment_id: int, file_name: str, taken_on: date | None,
              sort_order: int) -> None:
    session.add(EvidenceFileRecord(evidence_id=evidence_id, attachment_id=attachment_id, file_name=file_name,
                                   taken_on=taken_on, sort_order=sort_order, added_at=now_iso()))


def delete_evidence(session: Session, evidence: EvidenceRecord) -> None:
    """The item and its file links (the attachments stay: other evidence may share them)."""
    session.execute(delete(EvidenceFileRecord).where(EvidenceFileRecord.evidence_id == evidence.id))
    session.delete(evidence)


def known_hashes(session: Session, among: list[str] | None = None) -> set[str]:
    """The hashes of the stored files the attachment rows name (only those `among`, when given)."""
    statement = select(AttachmentRecord.sha256)
    return set(session.scalars(statement if among is None else statement.where(AttachmentRecord.sha256.in_(among))))


def unused_attachments(session: Session) -> list[AttachmentRecord]:
    """Attachments neither evidence nor a unit's returned form (its original) uses."""
    return list(session.scalars(select(AttachmentRecord).where(
        ~exists().where(EvidenceFileRecord.attachment_id == AttachmentRecord.id),
        ~exists().where(UnitFormReturnRecord.attachment_id == AttachmentRecord.id))))
