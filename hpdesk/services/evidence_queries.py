"""Reading evidence: a report's evidence with its files, one item, and stored files for exporters and viewers.

Summaries are frozen dataclasses; `thumbnail` is set for pictures whose thumbnail exists (lists make missing ones on
the way). The changing side, with the rules for adding files, is `hpdesk.services.evidence`.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import EVIDENCE_KINDS, safe_file_name, viewer_file_name
from hpdesk.domain.reporting import ReportKey
from hpdesk.services.thumbnails import make_thumbnail, thumbnail_file
from hpdesk.services.user_files import replacing
from hpdesk.services.workspace import Workspace
from hpdesk.storage import evidence_store as store
from hpdesk.storage.evidence_store import locate_evidence_report

register_messages(
    {
        "attachment_unknown": ("找不到校验值为 {sha256} 的附件。", "There is no attachment with hash {sha256}."),
        "attachment_missing": (
            "附件 {name}（{sha256}）的文件不在工作区中。请运行 hpdesk check 检查，或从备份恢复。",
            "The file of attachment {name} ({sha256}) is missing from the workspace. Run hpdesk check or restore "
            "a backup.",
        ),
    }
)


@dataclass(frozen=True)
class EvidenceFileSummary:
    file_name: str  # the name it arrived with, kept verbatim
    safe_name: str  # the name exports and the system viewer use
    sha256: str
    size: int
    media_type: str
    taken_on: date | None  # a photo's own (EXIF) date
    thumbnail: Path | None  # a 256 px JPEG for pictures, None for other files


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
    created_by: str = ""
    created_at: str = ""


def list_evidence(workspace: Workspace, report: ReportKey | int) -> list[EvidenceSummary]:
    """A report's evidence in the order it was added, files in their order. Missing thumbnails of pictures are
    made on the way. A report that does not exist yet has none."""
    with workspace.database.read_only() as session:
        record, _period = locate_evidence_report(session, report, create=False)
        if record is None:
            return []
        found = summarise_evidence(workspace, session, store.evidence_ids_of_report(session, record.id))
    return [with_thumbnails(workspace, item) for item in found]


def get_evidence(workspace: Workspace, evidence_id: int) -> EvidenceSummary:
    with workspace.database.read_only() as session:
        store.find_evidence(session, evidence_id)
        return summarise_evidence(workspace, session, [evidence_id])[0]


def open_attachment_path(workspace: Workspace, sha256: str, file_name: str | None = None) -> Path:
    """A read-only copy of a stored file for the system viewer ("open with…"), named after `file_name` (default: the
    name it first arrived with), made safe, and with an extension that fits its content.

    A copy, not the blob: a viewer or editor that saves in place must never alter the store. Copies live in the
    workspace's tmp/view/<hash>/ (never the system temp folder, where other users could read the county's files;
    swept on the next open) and are reused while the workspace is open. UserError `attachment_unknown` or
    `attachment_missing` when the workspace has no such attachment or its file is gone.
    """
    with workspace.database.read_only() as session:
        attachment = store.attachment_by_hash(session, sha256)
        if attachment is None:
            raise UserError("attachment_unknown", sha256=sha256[:12])
        name, media_type, size = attachment.original_name, attachment.media_type, attachment.size
    source = workspace.attachments.path_for(sha256)
    if not source.is_file():
        raise UserError("attachment_missing", name=name, sha256=sha256[:12])
    folder = workspace.temp_dir / "view" / sha256[:16]
    target = folder / viewer_file_name(safe_file_name(file_name or name), media_type)
    if target.is_file() and target.stat().st_size == size:
        return target
    if target.exists():  # an older, incomplete copy; Windows cannot replace a read-only file
        os.chmod(target, 0o644)
        target.unlink()
    with replacing(target, ".part") as temporary:
        with temporary.open("wb") as copy, workspace.attachments.open(sha256) as stored:
            shutil.copyfileobj(stored, copy, 1024 * 1024)
        os.chmod(temporary, 0o444)
    return target


def summarise_evidence(workspace: Workspace, session: Session, ids: list[int]) -> list[EvidenceSummary]:
    """Summaries of the evidence with these ids, in this order (thumbnails only where they exist already)."""
    files: dict[int, list[EvidenceFileSummary]] = {}
    for link, attachment in store.files_of_evidence(session, ids):
        thumbnail = thumbnail_file(workspace.thumbnails_dir, attachment.sha256)
        files.setdefault(link.evidence_id, []).append(EvidenceFileSummary(
            link.file_name, safe_file_name(link.file_name), attachment.sha256, attachment.size, attachment.media_type,
            link.taken_on, thumbnail if thumbnail.is_file() else None))
    records = store.evidence_by_ids(session, ids)
    return [EvidenceSummary(e.id, e.report_id, e.kind, EVIDENCE_KINDS.get(e.kind, e.kind), e.title, e.event_date,
                            e.doc_number, e.description, tuple(files.get(e.id, ())), e.created_by, e.created_at)
            for e in (records[i] for i in ids)]


def with_thumbnails(workspace: Workspace, item: EvidenceSummary) -> EvidenceSummary:
    """`item` with the missing thumbnails of its pictures made (None stays for pictures Pillow cannot read)."""
    if all(f.thumbnail is not None or not f.media_type.startswith("image/") for f in item.files):
        return item
    files = tuple(replace(f, thumbnail=make_thumbnail(workspace.attachments, workspace.thumbnails_dir, f.sha256))
                  if f.thumbnail is None and f.media_type.startswith("image/") else f for f in item.files)
    return replace(item, files=files)


