"""Evidence for a report (kind, title, event date, document number, description, files) and its stored files.

Adding evidence never leaves anything half-done:
1. every file is checked (exists, size, content matches what a photo must be) before anything is written;
2. the files are streamed into the content-addressed store (deduplicated by SHA-256);
3. the rows (evidence, attachments, evidence files, audit event) are written in one unit of work;
4. if step 2 or 3 fails, the blobs this call created are removed again. A crash between 2 and 3 leaves only orphan
   blobs, which `hpdesk check` reports as explainable and never counts as damage.
A locked period refuses new evidence unless a reason is given (recorded, and shown as a post-lock change).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import EVIDENCE_KINDS, normalise_doc_number, outside_period, safe_file_name
from hpdesk.services.attachment_intake import (
    IMAGE_EXTENSIONS, make_thumbnail, photo_date, sniff_media_type, thumbnail_path,
)
from hpdesk.services.audit import record_event
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.reports import guard_locked, locate_report
from hpdesk.services.workspace import Workspace
from hpdesk.storage.attachment_store import SourceVanished, StoredBlob
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    AttachmentRecord, EvidenceFileRecord, EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord,
)

log = logging.getLogger(__name__)
MAX_ATTACHMENT_BYTES = 1024 * 1024 * 1024

register_messages(
    {
        "evidence_kind_invalid": ("佐证类型 {kind} 无效，可选：{choices}。", "Evidence kind {kind} is invalid: {choices}."),
        "evidence_title_empty": ("请填写佐证材料的标题。", "The evidence needs a title."),
        "evidence_file_missing": ("找不到文件 {file}。", "The file {file} does not exist."),
        "evidence_file_vanished": (
            "读取文件 {file} 时文件不见了（U 盘被拔出或文件被移动？）。没有保存任何内容，请重新添加。",
            "The file {file} disappeared while it was read. Nothing was saved; add it again.",
        ),
        "evidence_file_too_large": ("文件 {file} 有 {size_mb} MB，超过单个附件 {limit_mb} MB 的上限。",
                                    "{file} is {size_mb} MB, over the {limit_mb} MB limit for one attachment."),
        "evidence_not_an_image": (
            "文件 {file} 的扩展名是图片，但内容不是图片（实际是 {media_type}），不能作为照片添加。请确认选对了文件。",
            "{file} is named like an image but is not one ({media_type}); it cannot be added as a photo.",
        ),
        "evidence_unknown": ("找不到佐证材料 {id}。", "No evidence with id {id}."),
    }
)


@dataclass(frozen=True)
class EvidenceFileSummary:
    file_name: str  # as it arrived
    safe_name: str  # as exports and the system viewer see it
    sha256: str
    size: int
    media_type: str
    taken_on: date | None
    thumbnail: Path | None


@dataclass(frozen=True)
class EvidenceSummary:
    id: int
    report_id: int
    kind: str
    kind_label: str
    title: str
    event_date: date | None
    doc_number: str
    description: str
    files: tuple[EvidenceFileSummary, ...]


@dataclass(frozen=True)
class EvidenceResult:
    evidence: EvidenceSummary
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class _Checked:
    path: Path
    media_type: str
    taken_on: date | None


def _check_files(files: list[Path], kind: str, max_bytes: int) -> tuple[list[_Checked], list[str]]:
    checked, warnings = [], []
    for path in files:
        if not path.is_file():
            raise UserError("evidence_file_missing", file=path.name)
        size = path.stat().st_size
        if size > max_bytes:
            raise UserError("evidence_file_too_large", file=path.name, size_mb=round(size / 1048576),
                            limit_mb=max_bytes // 1048576)
        media_type = sniff_media_type(path)
        named_as_image = path.suffix.lower() in IMAGE_EXTENSIONS
        if named_as_image and not media_type.startswith("image/"):
            if kind in ("photo", "screenshot"):
                raise UserError("evidence_not_an_image", file=path.name, media_type=media_type)
            warnings.append(f"文件 {path.name} 的扩展名是图片，但内容是 {media_type}，已按实际类型保存")
        taken_on = photo_date(path) if media_type.startswith("image/") else None
        checked.append(_Checked(path, media_type, taken_on))
    return checked, warnings


def add_evidence(
    workspace: Workspace, task_code: str, unit_name: str, period_label: str, *, kind: str, title: str,
    files: list[Path], event_date: date | None = None, doc_number: str = "", description: str = "",
    reason: str = "", max_bytes: int = MAX_ATTACHMENT_BYTES, progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> EvidenceResult:
    """Add a piece of evidence with its files to a unit's report (created if needed); see the module docstring."""
    if kind not in EVIDENCE_KINDS:
        raise UserError("evidence_kind_invalid", kind=kind, choices="、".join(EVIDENCE_KINDS))
    if not title.strip():
        raise UserError("evidence_title_empty")
    checked, warnings = _check_files([Path(f) for f in files], kind, max_bytes)
    created: list[StoredBlob] = []
    try:
        stored: list[StoredBlob] = []
        for index, item in enumerate(checked):
            check_cancelled(cancel)
            report(progress, index, len(checked), item.path.name)
            try:
                blob = workspace.attachments.add_file(item.path, max_size=max_bytes)
            except SourceVanished:
                raise UserError("evidence_file_vanished", file=item.path.name) from None
            stored.append(blob)
            if not blob.already_present:
                created.append(blob)
        check_cancelled(cancel)
        summary, period = _write_rows(workspace, task_code, unit_name, period_label, kind, title, event_date,
                                      doc_number, description, reason, checked, stored)
    except BaseException:
        for blob in created:
            workspace.attachments.remove(blob.sha256)
        raise
    for item in checked:
        if outside_period(item.taken_on, period.start_date, period.end_date):
            warnings.append(f"照片 {item.path.name} 的拍摄日期 {item.taken_on} 不在{period.name}"
                            f"（{period.start_date}～{period.end_date}）内，请核对")
    for file in summary.files:
        if file.media_type.startswith("image/"):
            make_thumbnail(workspace.attachments, workspace.thumbnails_dir, file.sha256)
    report(progress, len(checked), len(checked), "")
    return EvidenceResult(_summary_by_id(workspace, summary.id), tuple(warnings))


def _write_rows(workspace, task_code, unit_name, period_label, kind, title, event_date, doc_number, description,  # type: ignore[no-untyped-def]
                reason, checked, stored):
    with workspace.database.unit_of_work() as session:
        report_record, period, _assignment = locate_report(session, task_code, unit_name, period_label, create=True)
        post_lock = guard_locked(period, reason)
        evidence = EvidenceRecord(report_id=report_record.id, kind=kind, title=title.strip(), event_date=event_date,
                                  doc_number=normalise_doc_number(doc_number), description=description,
                                  created_by=workspace.actor, created_at=now_iso())
        session.add(evidence)
        session.flush()
        for order, (item, blob) in enumerate(zip(checked, stored)):
            attachment = session.scalars(select(AttachmentRecord).where(AttachmentRecord.sha256 == blob.sha256)).first()
            if attachment is None:
                attachment = AttachmentRecord(sha256=blob.sha256, size=blob.size, media_type=item.media_type,
                                              original_name=item.path.name, created_at=now_iso())
                session.add(attachment)
                session.flush()
            if not session.scalar(select(EvidenceFileRecord.id).where(EvidenceFileRecord.evidence_id == evidence.id,
                                                                      EvidenceFileRecord.attachment_id == attachment.id)):
                session.add(EvidenceFileRecord(evidence_id=evidence.id, attachment_id=attachment.id,
                                               file_name=item.path.name, taken_on=item.taken_on, sort_order=order,
                                               added_at=now_iso()))
        if post_lock:
            report_record.changed_after_lock = True
        record_event(session, actor=workspace.actor, action="create", entity_type="evidence", entity_id=evidence.id,
                     summary=f"{task_code} {unit_name} {period.label} 佐证：{title}" + ("（锁定后补充）" if post_lock else ""),
                     after={"kind": kind, "title": title, "event_date": event_date, "doc_number": evidence.doc_number,
                            "files": [(item.path.name, blob.sha256) for item, blob in zip(checked, stored)]},
                     reason=reason)
        session.flush()
        period_copy = _PeriodDates(period.name, period.start_date, period.end_date)
        return _summaries(workspace, session, [evidence.id])[0], period_copy


@dataclass(frozen=True)
class _PeriodDates:
    name: str
    start_date: date
    end_date: date


def _summaries(workspace: Workspace, session, ids: list[int]) -> list[EvidenceSummary]:  # type: ignore[no-untyped-def]
    rows = session.execute(select(EvidenceFileRecord, AttachmentRecord).join(AttachmentRecord)
                           .where(EvidenceFileRecord.evidence_id.in_(ids))
                           .order_by(EvidenceFileRecord.sort_order, EvidenceFileRecord.id)).all()
    files: dict[int, list[EvidenceFileSummary]] = {}
    for link, attachment in rows:
        thumb = thumbnail_path(workspace.thumbnails_dir, attachment.sha256)
        files.setdefault(link.evidence_id, []).append(EvidenceFileSummary(
            link.file_name, safe_file_name(link.file_name), attachment.sha256, attachment.size, attachment.media_type,
            link.taken_on, thumb if thumb.exists() else None))
    records = {e.id: e for e in session.scalars(select(EvidenceRecord).where(EvidenceRecord.id.in_(ids)))}
    return [EvidenceSummary(e.id, e.report_id, e.kind, EVIDENCE_KINDS[e.kind], e.title, e.event_date, e.doc_number,
                            e.description, tuple(files.get(e.id, []))) for e in (records[i] for i in ids)]


def _summary_by_id(workspace: Workspace, evidence_id: int) -> EvidenceSummary:
    with workspace.database.read_only() as session:
        return _summaries(workspace, session, [evidence_id])[0]


def list_evidence(workspace: Workspace, task_code: str, unit_name: str, period_label: str) -> list[EvidenceSummary]:
    with workspace.database.read_only() as session:
        report_record, _period, _assignment = locate_report(session, task_code, unit_name, period_label, create=False)
        if report_record is None:
            return []
        ids = list(session.scalars(select(EvidenceRecord.id).where(EvidenceRecord.report_id == report_record.id)
                                   .order_by(EvidenceRecord.id)))
        return _summaries(workspace, session, ids)


def remove_evidence(workspace: Workspace, evidence_id: int, reason: str = "") -> None:
    """Delete an evidence item and its file links (audited). Blobs stay: other evidence may share them."""
    with workspace.database.unit_of_work() as session:
        evidence = session.get(EvidenceRecord, evidence_id)
        if evidence is None:
            raise UserError("evidence_unknown", id=evidence_id)
        report_record = session.get(ProgressReportRecord, evidence.report_id)
        period = session.get(ReportingPeriodRecord, report_record.period_id)
        if guard_locked(period, reason):
            report_record.changed_after_lock = True
        before = {"title": evidence.title, "kind": evidence.kind, "doc_number": evidence.doc_number}
        session.delete(evidence)
        record_event(session, actor=workspace.actor, action="delete", entity_type="evidence", entity_id=evidence_id,
                     summary=f"删除佐证：{before['title']}", before=before, reason=reason)


def prune_unreferenced_blobs(workspace: Workspace) -> int:
    """Remove blobs that no attachment row names (leftovers of an interrupted add). Returns how many."""
    with workspace.database.read_only() as session:
        known = set(session.scalars(select(AttachmentRecord.sha256)))
    removed = 0
    for sha256 in list(workspace.attachments.stored_hashes()):
        if sha256 not in known:
            workspace.attachments.remove(sha256)
            removed += 1
    return removed


def attachment_path(workspace: Workspace, sha256: str) -> Path:
    """Where a stored file lives, for opening it with the system viewer (read-only use)."""
    return workspace.attachments.path_for(sha256)


def evidence_count(workspace: Workspace) -> int:
    with workspace.database.read_only() as session:
        return session.scalar(select(func.count()).select_from(EvidenceRecord)) or 0
