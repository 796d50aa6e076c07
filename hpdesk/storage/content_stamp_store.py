"""A stamp of what a period's submission is built from: its reports (by version) and their evidence and files.

The export reads the stamp before it builds the packet content and again inside the SERIALIZABLE transaction that
records the submission. The whole-workspace lock keeps other exports, imports and period locks out meanwhile, but
not a colleague's single report save; a different stamp means the package does not show what is stored, and it is
refused rather than recorded (issue 17: the export's content read consistently with what is recorded).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from hpdesk.storage.records import EvidenceFileRecord, EvidenceRecord, ProgressReportRecord


def period_content_stamp(session: Session, period_id: int) -> str:
    """A SHA-256 over the period's reports (id, version: every saved change raises it), their evidence (every field
    the packet prints) and the evidence's files; equal stamps mean the same reports and evidence."""
    report = ProgressReportRecord
    reports = session.execute(select(report.id, report.version).where(report.period_id == period_id)
                              .order_by(report.id)).all()
    evidence = session.execute(
        select(EvidenceRecord.id, EvidenceRecord.report_id, EvidenceRecord.kind, EvidenceRecord.title,
               EvidenceRecord.event_date, EvidenceRecord.doc_number, EvidenceRecord.description)
        .join(report, report.id == EvidenceRecord.report_id).where(report.period_id == period_id)
        .order_by(EvidenceRecord.id)).all()
    files = session.execute(
        select(EvidenceFileRecord.id, EvidenceFileRecord.evidence_id, EvidenceFileRecord.attachment_id,
               EvidenceFileRecord.file_name, EvidenceFileRecord.sort_order)
        .join(EvidenceRecord, EvidenceRecord.id == EvidenceFileRecord.evidence_id)
        .join(report, report.id == EvidenceRecord.report_id).where(report.period_id == period_id)
        .order_by(EvidenceFileRecord.id)).all()
    digest = hashlib.sha256()
    for rows in (reports, evidence, files):
        digest.update(repr([tuple(row) for row in rows]).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()
