"""Evidence (佐证材料) for a progress report: kind, title, event date, document number, description and files.

A report is named by its id or by its key (task code, unit name, period label):
`add_evidence(ws, 12, …)` or `add_evidence(ws, ReportKey("A01-T001", "北下街街道", "2025H1"), …)`; the key creates the
report if it does not exist yet, in the same unit of work as the evidence.

Adding files never leaves anything half-written:
1. every file is examined on disk first (exists, regular, not empty, under `max_bytes`, content against name;
   `attachment_intake`), and the report and its period lock are checked: a refusal costs no copying;
2. each file is streamed into the content-addressed store (temp file, fsync, rename; kept once per SHA-256) and
   the stored copy is examined again: it is what the rows describe, even if the source changed meanwhile;
3. the rows (evidence, attachment, evidence file, audit event) are written in one unit of work;
4. if 2 or 3 fails (a refusal, Cancel, a vanished file, a database error), the blobs this call created that no
   row names are removed again.
A process killed inside 2 leaves a `*.part` file that the next `open_workspace` sweeps; killed between 2 and the
commit of 3, it leaves whole blobs without rows, which `hpdesk check` reports as explainable orphans and
`prune_unreferenced_blobs` removes. A row never names a blob that is not complete on disk.

Removing evidence keeps the blob (other evidence, or a past submission, may use it); only an explicit
`prune_unreferenced_blobs` deletes files. A locked period refuses every change unless a reason is given; the
reason goes into the audit event and the report is flagged `changed_after_lock`, as for report edits.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import (
    EVIDENCE_KINDS, PeriodSpan, event_date_notice, evidence_kind_code, judge_file_type,
    media_type_label, normalise_doc_number, photo_date_notice,
)
from hpdesk.domain.messages import Message
from hpdesk.domain.reporting import ReportKey
from hpdesk.services.attachment_intake import FileFacts, examine_source, examine_stored, store_source
from hpdesk.services.audit import record_event
from hpdesk.services.clerks import require_report
from hpdesk.services.evidence_queries import (  # re-exported: callers read and change evidence through this module
    EvidenceFileSummary, EvidenceSummary, get_evidence, list_evidence, open_attachment_path, with_thumbnails,
)
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.reports import report_snapshot
from hpdesk.services.thumbnails import make_thumbnail, sweep_thumbnail_leftovers, thumbnail_file
from hpdesk.services.workspace import Workspace
from hpdesk.storage.attachment_store import StoredBlob
from hpdesk.storage.clock import now_iso
from hpdesk.storage import evidence_store as store
from hpdesk.storage.evidence_store import evidence_context, locate_evidence_report
from hpdesk.storage.period_store import guard_locked
from hpdesk.storage.report_store import reports_in_context
from hpdesk.storage.submission_store import every_snapshot

if TYPE_CHECKING:
    from hpdesk.storage.records import EvidenceRecord, ProgressReportRecord, ReportingPeriodRecord

__all__ = [
    "MAX_ATTACHMENT_BYTES", "PROGRESS_SAVING", "EvidenceFileSummary", "EvidenceResult", "EvidenceSummary",
    "PruneResult", "add_evidence", "get_evidence", "list_evidence",
    "open_attachment_path", "prune_unreferenced_blobs", "remove_evidence", "update_evidence",
]

log = logging.getLogger(__name__)

MAX_ATTACHMENT_BYTES = 1024 ** 3  # one attachment; scans of a whole ledger reach a few hundred MB
MAX_TITLE_LENGTH = 300
PROGRESS_SAVING = "progress_evidence_saving"  # the last progress step, sent inside the unit of work before it commits
register_messages({PROGRESS_SAVING: ("正在保存记录", "Saving the record")})
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
# One process may run several adds (UI worker threads): storing blobs, committing their rows and removing unclaimed
# blobs must not interleave, or one call could remove a blob that another has just claimed.
_STORE_GUARD = threading.Lock()
T = TypeVar("T")

register_messages(
    {
        "evidence_kind_invalid": (
            "佐证类型 {kind} 无效，可选：{choices}。", "Evidence kind {kind} is invalid; choose one of {choices}."
        ),
        "evidence_title_empty": ("请填写佐证材料的标题。", "The evidence needs a title."),
        "evidence_title_too_long": (
            "佐证标题有 {length} 个字，请控制在 {limit} 字以内。", "The title has {length} characters; the limit is {limit}."
        ),
        "evidence_date_invalid": (
            "日期“{text}”无法识别，请写成 2025-05-10 或 2025年5月10日。",
            "Cannot read the date “{text}”; write it as 2025-05-10.",
        ),
    }
)


@dataclass(frozen=True)
class EvidenceResult:
    """The evidence as stored, and what the clerk should check (a photo from outside the period, a file stored under
    another type than its name says …), rendered by the front end in its language."""

    evidence: EvidenceSummary
    notices: tuple[Message, ...] = ()


@dataclass(frozen=True)
class PruneResult:
    attachments_removed: int  # attachment rows no evidence used any more
    blobs_removed: int  # files deleted, including orphans of interrupted adds
    bytes_freed: int


@dataclass(frozen=True)
class _StoredFile:
    blob: StoredBlob
    facts: FileFacts


# --- adding --------------------------------------------------------------------------------------------------------


def add_evidence(
    workspace: Workspace, report: ReportKey | int, *, kind: str, title: str,
    files: Sequence[Path | str] = (), event_date: date | None = None, doc_number: str = "", description: str = "",
    reason: str = "", max_bytes: int = MAX_ATTACHMENT_BYTES, progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> EvidenceResult:
    """Add evidence with its files (possibly none) to a report; see the module docstring for the steps.

    `kind` is a code or its Chinese label; `doc_number` is normalised (管卫健[2025]12号 → 管卫健〔2025〕12号);
    `reason` is required when the period is locked. Progress counts bytes copied, then PROGRESS_SAVING.
    Raises UserError for every refusal, OperationCancelled on Cancel; in both cases nothing is kept.
    """
    kind, title = _valid_kind(kind), _valid_title(title)
    doc_number = normalise_doc_number(doc_number)
    with workspace.database.read_only() as session:  # refuse before copying anything
        report_record, period = locate_evidence_report(session, report, create=False)
        if report_record is not None:
            require_report(session, workspace.actor, report_record)
        guard_locked(period, reason)

    def write_rows(session: Session, stored: list[_StoredFile]) -> tuple[int, PeriodSpan, list[_StoredFile], list]:
        record, period = locate_evidence_report(session, report, create=True)
        assert record is not None
        require_report(session, workspace.actor, record)
        post_lock = guard_locked(period, reason)
        evidence = store.add_evidence_row(session, report_id=record.id, kind=kind, title=title, event_date=event_date,
                                          doc_number=doc_number, description=description,
                                          created_by=workspace.actor, created_at=now_iso())
        linked, notices = _link_files(session, evidence.id, stored)
        _flag_report_after_lock(session, workspace.actor, record, post_lock, title, reason)
        _report, _period, task_code, unit_name = reports_in_context(session, [record.id])[record.id]
        record_event(session, actor=workspace.actor, action="create", entity_type="evidence", entity_id=evidence.id,
                     summary=f"{task_code} {unit_name} {period.label} 佐证：{title}"
                             + ("（锁定后补充）" if post_lock else ""),
                     after={**_snapshot(evidence), "files": _file_entries(linked)}, reason=reason)
        return evidence.id, _span(period), linked, notices

    evidence_id, span, linked, notices = _store_then_write(workspace, files, kind, max_bytes, progress, cancel,
                                                           write_rows)
    notices += [n for n in (*(photo_date_notice(i.facts.original_name, i.facts.taken_on, span) for i in linked),
                            event_date_notice(event_date, span)) if n is not None]
    return _result(workspace, evidence_id, notices)


def _store_then_write(workspace: Workspace, files: Sequence[Path | str], kind: str, max_bytes: int,
                      progress: ProgressSink | None, cancel: CancelToken | None,
                      write_rows: Callable[[Session, list[_StoredFile]], T]) -> T:
    """Steps 1–4 of the module docstring; `write_rows` runs inside the unit of work and its result is returned."""
    if isinstance(files, (str, Path)):
        raise TypeError("files is a list of paths, not one path")
    paths = [Path(file) for file in files]
    # links must not lead into the workspace: its database and signing key would leave inside an "evidence file"
    first_looks = [examine_source(path, kind, max_bytes, protected=(workspace.root,)) for path in paths]
    total = sum(facts.size for facts in first_looks)
    created: list[str] = []
    with _STORE_GUARD:
        try:
            stored = _store_files(workspace, paths, first_looks, kind, max_bytes, total, progress, cancel, created)
            check_cancelled(cancel)
            with workspace.database.unit_of_work() as session:
                result = write_rows(session, stored)
                session.flush()
                report(progress, total, total, PROGRESS_SAVING)
        except BaseException:
            _remove_unclaimed_blobs(workspace, created)
            raise
    for item in stored:
        if item.facts.media_type.startswith("image/"):
            make_thumbnail(workspace.attachments, workspace.thumbnails_dir, item.blob.sha256)
    return result


def _store_files(workspace: Workspace, paths: list[Path], first_looks: list[FileFacts], kind: str, max_bytes: int,
                 total: int, progress: ProgressSink | None, cancel: CancelToken | None,
                 created: list[str]) -> list[_StoredFile]:
    """Stream each file into the store; `created` collects the hashes this call added (for the clean-up)."""
    stored: list[_StoredFile] = []
    done = 0
    for path, first_look in zip(paths, first_looks):
        check_cancelled(cancel)
        name = first_look.original_name
        report(progress, done, total, "progress_file", file=name)

        def count(size: int, name: str = name) -> None:
            nonlocal done
            done += size
            report(progress, done, total, "progress_file", file=name)

        blob = store_source(workspace.attachments, path, max_bytes=max_bytes, on_bytes=count, cancel=cancel,
                            examined=first_look, protected=(workspace.root,))
        if not blob.already_present:
            created.append(blob.sha256)
        facts = examine_stored(workspace.attachments, blob, name, kind)
        # the stored copy's facts, plus what only the source could tell (it was reached through a link)
        link_notices = tuple(n for n in first_look.notices if n.code == "notice_followed_link")
        stored.append(_StoredFile(blob, replace(facts, notices=facts.notices + link_notices)))
    return stored


def _remove_unclaimed_blobs(workspace: Workspace, hashes: list[str]) -> None:
    """Remove the blobs of a failed add that no attachment row names (a row may name one after all, when the
    commit went through and something failed later)."""
    if not hashes:
        return
    try:
        with workspace.database.read_only() as session:
            claimed = store.known_hashes(session, hashes)
    except Exception:  # the database is the problem: leave the blobs as orphans, which `check` explains
        log.exception("could not tell which blobs of a failed add are claimed; leaving them")
        return
    for sha256 in hashes:
        if sha256 not in claimed:
            workspace.attachments.remove(sha256)


def _link_files(session: Session, evidence_id: int,
                stored: list[_StoredFile]) -> tuple[list[_StoredFile], list[Message]]:
    """Attachment rows (created on first sight of a hash) and this evidence's links to them; a content the
    evidence already has is skipped with a notice. Returns the files linked and the files' notices."""
    links = store.files_of_evidence(session, [evidence_id])
    present = {attachment.sha256: link.file_name for link, attachment in links}
    order = max((link.sort_order for link, _attachment in links), default=-1) + 1
    linked: list[_StoredFile] = []
    notices: list[Message] = []
    for item in stored:
        sha256, name = item.blob.sha256, item.facts.original_name
        if sha256 in present:
            notices.append(Message.of("notice_duplicate_file", file=name, other=present[sha256]))
            continue
        attachment = store.attachment_row(session, sha256, size=item.blob.size, media_type=item.facts.media_type,
                                          original_name=name)
        store.link_file(session, evidence_id, attachment.id, name, item.facts.taken_on, order)
        order += 1
        present[sha256] = name
        linked.append(item)
        notices.extend(item.facts.notices)
    return linked, notices


# --- changing and removing -----------------------------------------------------------------------------------------


def update_evidence(workspace: Workspace, evidence_id: int, *, kind: str, title: str, event_date: date | None,
                    doc_number: str, description: str, reason: str = "") -> EvidenceResult:
    """Store the fields as the clerk edited them all (`event_date=None` clears the date). Audited with before and
    after when anything changed; 照片/截图 is refused while a file named like a picture is not one."""
    with workspace.database.unit_of_work() as session:
        evidence, record, period = evidence_context(session, evidence_id)
        require_report(session, workspace.actor, record)
        post_lock = guard_locked(period, reason)
        before = _snapshot(evidence)
        evidence.kind = _valid_kind(kind)
        _check_files_fit_kind(session, evidence)
        evidence.title = _valid_title(title)
        evidence.event_date = event_date
        evidence.doc_number = normalise_doc_number(doc_number)
        evidence.description = description
        after = _snapshot(evidence)
        if after != before:
            _flag_report_after_lock(session, workspace.actor, record, post_lock, evidence.title, reason)
            record_event(session, actor=workspace.actor, action="update", entity_type="evidence",
                         entity_id=evidence.id, summary=f"修改佐证：{evidence.title}"
                                                        + ("（锁定后修改）" if post_lock else ""),
                         before=before, after=after, reason=reason)
        notice = event_date_notice(event_date, _span(period))
    return _result(workspace, evidence_id, [notice] if notice else [], make_thumbnails=False)


def _flag_report_after_lock(session: Session, actor: str, record: ProgressReportRecord, post_lock: bool, title: str,
                            reason: str) -> None:
    """Flag the report `changed_after_lock` for a change to its evidence in a locked period, with an event on the
    report itself: `hpdesk check` compares every report with its last event, and a flag set without one made a
    workspace changed only through hpdesk fail the check."""
    if not post_lock or record.changed_after_lock:
        return
    before = report_snapshot(record)
    record.changed_after_lock = True
    record_event(session, actor=actor, action="update", entity_type="report", entity_id=record.id,
                 summary=f"锁定后改动佐证“{title}”，报告标为锁定后修改", before=before,
                 after=report_snapshot(record), reason=reason)


def _check_files_fit_kind(session: Session, evidence: EvidenceRecord) -> None:
    for link, attachment in store.files_of_evidence(session, [evidence.id]):
        file_name, media_type = link.file_name, attachment.media_type
        verdict = judge_file_type(evidence.kind, file_name, media_type)
        if verdict.refusal:
            raise UserError(verdict.refusal, file=file_name, actual=media_type_label(media_type), media_type=media_type)


def remove_evidence(workspace: Workspace, evidence_id: int, reason: str = "") -> None:
    """Delete an evidence item and its file links (audited, with the files it had). Blobs stay: other evidence
    may share them, and only `prune_unreferenced_blobs` deletes files."""
    with workspace.database.unit_of_work() as session:
        evidence, record, period = evidence_context(session, evidence_id)
        require_report(session, workspace.actor, record)
        post_lock = guard_locked(period, reason)
        files = store.files_of_evidence(session, [evidence_id])
        before = {**_snapshot(evidence), "files": [{"name": link.file_name, "sha256": attachment.sha256}
                                                   for link, attachment in files]}
        store.delete_evidence(session, evidence)
        _flag_report_after_lock(session, workspace.actor, record, post_lock, str(before["title"]), reason)
        record_event(session, actor=workspace.actor, action="delete", entity_type="evidence", entity_id=evidence_id,
                     summary=f"删除佐证：{before['title']}" + ("（锁定后删除）" if post_lock else ""),
                     before=before, reason=reason)


def prune_unreferenced_blobs(workspace: Workspace) -> PruneResult:
    """Delete attachments no evidence uses, and blobs no attachment row names (orphans of interrupted adds), with
    their thumbnails. Files named by any past submission are always kept: what was sent must stay reproducible.

    Rows go first, in one audited unit of work, then the files: a crash in between leaves orphans, which the next
    prune removes, never a row without its file.
    """
    with _STORE_GUARD:
        with workspace.database.unit_of_work() as session:
            sent = _hashes_named_by_submissions(session)
            unused = [attachment for attachment in store.unused_attachments(session) if attachment.sha256 not in sent]
            if unused:
                record_event(session, actor=workspace.actor, action="delete", entity_type="attachment",
                             summary=f"清理不再使用的附件 {len(unused)} 个",
                             before={"attachments": [{"sha256": a.sha256, "name": a.original_name, "size": a.size}
                                                     for a in unused]})
                for attachment in unused:
                    session.delete(attachment)
        with workspace.database.read_only() as session:
            known = store.known_hashes(session)
        removed, freed = 0, 0
        for sha256 in list(workspace.attachments.stored_hashes()):
            if sha256 in known or sha256 in sent:
                continue
            path = workspace.attachments.path_for(sha256)
            freed += path.stat().st_size if path.is_file() else 0
            workspace.attachments.remove(sha256)
            thumbnail_file(workspace.thumbnails_dir, sha256).unlink(missing_ok=True)
            removed += 1
        sweep_thumbnail_leftovers(workspace.thumbnails_dir)
    return PruneResult(len(unused), removed, freed)


def _hashes_named_by_submissions(session: Session) -> set[str]:
    """Every string value anywhere in the submissions' snapshots that is a SHA-256."""
    found: set[str] = set()
    pending: list[object] = list(every_snapshot(session))
    while pending:
        value = pending.pop()
        if isinstance(value, str) and _SHA256.match(value):
            found.add(value)
        elif isinstance(value, (dict, list)):
            pending.extend(value.values() if isinstance(value, dict) else value)
    return found


def _result(workspace: Workspace, evidence_id: int, notices: list[Message], *,
            make_thumbnails: bool = True) -> EvidenceResult:
    summary = get_evidence(workspace, evidence_id)
    if make_thumbnails:
        summary = with_thumbnails(workspace, summary)
    return EvidenceResult(summary, tuple(notices))


# --- lookups and small helpers -------------------------------------------------------------------------------------


def _valid_kind(kind: str) -> str:
    code = evidence_kind_code(kind)
    if code is None:
        choices = "、".join(f"{code}（{label}）" for code, label in EVIDENCE_KINDS.items())
        raise UserError("evidence_kind_invalid", kind=kind, choices=choices)
    return code


def _valid_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise UserError("evidence_title_empty")
    if len(title) > MAX_TITLE_LENGTH:
        raise UserError("evidence_title_too_long", length=len(title), limit=MAX_TITLE_LENGTH)
    return title


def _snapshot(evidence: EvidenceRecord) -> dict[str, object]:
    return {"report_id": evidence.report_id, "kind": evidence.kind, "title": evidence.title,
            "event_date": evidence.event_date, "doc_number": evidence.doc_number, "description": evidence.description}


def _file_entries(items: list[_StoredFile]) -> list[dict[str, object]]:
    return [{"name": i.facts.original_name, "sha256": i.blob.sha256, "size": i.blob.size,
             "media_type": i.facts.media_type} for i in items]


def _span(period: ReportingPeriodRecord) -> PeriodSpan:
    return PeriodSpan(period.name, period.start_date, period.end_date)
