"""`export_submission`: build, sign and record the package a county sends to the city for one period.

Steps: unlock the identity (fails fast on a wrong passphrase) → freeze the period's content (or, for a reissue, read
back the content of the last submission) → refuse text the bundled fonts cannot draw and evidence missing from the
store, before any long work → write the Excel, and the PDF packet signed PAdES over its sign-off block,
into a scratch folder → list every member with its size and SHA-256 → sign the manifest (detached CMS) → write the
zip atomically → in one transaction record a SubmissionRecord (hashes + the frozen snapshot), lock the period so its
data stays as it was sent, and write the audit event. Nothing is recorded unless the zip was written completely; a
cancelled or failed export leaves no file behind, and an existing file is never overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from hpdesk import __version__
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import safe_file_name
from hpdesk.services.audit import record_event
from hpdesk.services.clerks import require_reviewer
from hpdesk.services.exporting.content_builder import build_packet_content
from hpdesk.services.exporting.excel_export import write_submission_workbook
from hpdesk.services.exporting.package import (
    DATA_NAME,
    MemberChanged,
    PackageMember,
    bytes_member,
    file_member,
    hash_bytes,
    manifest_bytes,
    write_signed_package,
)
from hpdesk.services.exporting.packet_content import PacketContent
from hpdesk.services.exporting.pdf_evidence import stored_file
from hpdesk.services.exporting.pdf_packet import render_packet_pdf
from hpdesk.services.exporting.pdf_text import check_drawable
from hpdesk.services.exporting.results import ExportResult
from hpdesk.services.identity import UnlockedIdentity, unlock_identity
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.seal_image import seal_image_path
from hpdesk.services.signing import sign_detached_cms, sign_pdf
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.content_stamp_store import period_content_stamp
from hpdesk.storage.period_store import find_period, period_by_id
from hpdesk.storage.submission_store import add_submission, last_snapshot, submission_count

register_messages({
    "progress_export_collecting": ("汇总本期数据", "Collecting the period's data"),
    "progress_export_workbook": ("生成报送表（Excel）", "Writing the submission workbook (Excel)"),
    "progress_export_signing": ("签署报送材料（PDF）", "Signing the submission packet (PDF)"),
    "export_evidence_changed": ("佐证材料文件“{name}”在本机存储中已损坏（内容与登记的 SHA-256 不符），请运行 hpdesk check。",
                                "The stored evidence file {name} is damaged (SHA-256 mismatch); run hpdesk check."),
    "export_reissue_other_signer": (
        "{period}上次报送的报送函印有当时签名证书的指纹，而本单位的签名证书已更换，无法按原样重新生成；请直接导出。",
        "The cover letter sent for {period} prints the previous signing certificate; the office's certificate has "
        "changed since, so it cannot be reissued as it was. Export it anew.",
    ),
    "export_nothing_to_reissue": ("{period} 还没有报送过，无法按原样重新生成；请直接导出。",
                                  "{period} has not been submitted yet, so there is nothing to reissue; export it."),
    "export_content_changed_meanwhile": (
        "生成报送包期间，{period}的报告或佐证材料已被他人修改，报送包与现存内容不一致，未予记录（已删除）。请重新导出。",
        "While the package was being made, someone changed a report or evidence of {period}: the package no longer "
        "shows what is stored, so it was not recorded (and was deleted). Export again.",
    ),
})

PdfBuilder = Callable[[Workspace, PacketContent, UnlockedIdentity, Path, ProgressSink | None, CancelToken | None], Path]


def export_submission(workspace: Workspace, period_label: str, out_dir: Path | str, passphrase: str,
                      doc_number: str | None = None, progress: ProgressSink | None = None,
                      cancel: CancelToken | None = None, *, now: datetime | None = None, reissue: bool = False,
                      pdf_builder: PdfBuilder | None = None) -> ExportResult:
    """Write `<office>-<period>-报送包-<n>.zip` into `out_dir` with the signed PDF and the Excel beside it (same base
    name, .pdf/.xlsx), record it and lock the period; returns what was written.

    `reissue` re-renders the content frozen by the period's last submission (same data.json, same fingerprint) with
    new signatures, e.g. when the first package was lost. `pdf_builder` replaces the signed GB/T 9704 packet (tests).
    Raises UserError for a wrong passphrase, an unknown period, text the bundled fonts cannot draw, or a missing or
    damaged stored evidence file; OperationCancelled when `cancel` fires (nothing is written or recorded then).
    On a shared workspace only a reviewer (审核) exports, one clerk at a time (`workspace_operation_busy`).
    """
    with workspace.database.read_only() as session:
        require_reviewer(session, workspace.actor, "export")
    with workspace.exclusive("export"):
        return _export(workspace, period_label, Path(out_dir), passphrase, doc_number, progress, cancel, now=now,
                       reissue=reissue, pdf_builder=pdf_builder)


def _export(workspace: Workspace, period_label: str, out_dir: Path, passphrase: str, doc_number: str | None,
            progress: ProgressSink | None, cancel: CancelToken | None, *, now: datetime | None, reissue: bool,
            pdf_builder: PdfBuilder | None) -> ExportResult:
    unlocked = unlock_identity(workspace.identity_dir, passphrase)
    report(progress, 0, 1, "progress_export_collecting")
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        period_id = period.id
        sequence = submission_count(session, period_id) + 1
        frozen = last_snapshot(session, period_id)
        # what the content is built from; compared again where the submission is recorded (None: a reissue's frozen
        # content does not depend on what is stored now)
        stamp = None if reissue else period_content_stamp(session, period_id)
    if reissue:
        if frozen is None:
            raise UserError("export_nothing_to_reissue", period=period_label)
        content = PacketContent.from_json(frozen)
        if not _letter_names_signer(content, unlocked.info.fingerprint_sha256):
            raise UserError("export_reissue_other_signer", period=content.period.name)
    else:
        content = build_packet_content(workspace, period_label, doc_number=doc_number, now=now,
                                       signer_fingerprint=unlocked.info.fingerprint_sha256)
    label = content.period.label  # as stored (2025H1), whatever case the caller typed
    check_drawable(content)  # these two stop the export before the long work
    evidence = _evidence_members(workspace, content)
    check_cancelled(cancel)
    stem = safe_file_name(f"{content.office.short_name or content.office.name}-{label}")
    data = content.canonical_bytes()
    workspace.temp_dir.mkdir(exist_ok=True)
    # Inside the workspace, never the system's temp folder: the unsigned parts are the county's data (swept on open)
    with tempfile.TemporaryDirectory(prefix="hpdesk-export-", dir=workspace.temp_dir) as scratch_text:
        scratch = Path(scratch_text)
        report(progress, 0, 1, "progress_export_workbook")
        xlsx_name = f"{label}-报送表.xlsx"
        xlsx_path = write_submission_workbook(content, scratch / "table.xlsx")
        check_cancelled(cancel)
        builder = pdf_builder or build_signed_packet_pdf
        pdf_path = builder(workspace, content, unlocked, scratch, progress, cancel)
        pdf_member = file_member(f"{label}-报送材料.pdf", pdf_path)
        check_cancelled(cancel)
        members = [bytes_member(DATA_NAME, data), file_member(xlsx_name, xlsx_path), pdf_member, *evidence]
        header = {
            "office": {"name": content.office.name, "region": content.office.region},
            "period": {"label": content.period.label, "name": content.period.name},
            "plans": [{"code": p.code, "title": p.title, "doc_number": p.doc_number} for p in content.plans],
            "software": {"name": "hpdesk", "version": __version__},
            "created_at": now_iso(),
            "content_sha256": content.sha256,
            "fingerprint": content.fingerprint,
            "doc_number": content.cover.doc_number,
            "sequence": sequence,
            "reissue": reissue,
            "signer": {"subject": unlocked.info.subject, "fingerprint_sha256": unlocked.info.fingerprint_sha256},
            "audit": _audit_anchor(workspace),  # signed: `check` sees the trail cut back below it (integrity.py)
        }
        out_dir.mkdir(parents=True, exist_ok=True)
        package_path = _unused_path(out_dir, f"{stem}-报送包-{sequence}", workspace.exports_dir)

        def on_member(done: int, total: int, name: str) -> None:
            check_cancelled(cancel)
            report(progress, done, total, "progress_file", file=name)

        try:  # one pass: each member hashed while it is zipped, then the manifest of those hashes signed
            written = write_signed_package(package_path, members, lambda hashed: manifest_bytes(header, hashed),
                                           lambda manifest: sign_detached_cms(unlocked, manifest),
                                           on_member=on_member)
        except MemberChanged as changed:
            raise UserError("export_evidence_changed", name=changed.name) from None
        try:
            beside = _copy_beside(package_path, (pdf_path, xlsx_path))
        except BaseException:
            package_path.unlink(missing_ok=True)  # not recorded yet: leave nothing half-delivered behind
            raise
        try:
            kept = _keep_in_workspace(workspace, package_path)
        except BaseException:
            for leftover in (package_path, *beside):
                leftover.unlink(missing_ok=True)
            raise
    report(progress, len(members), len(members), "")
    package_sha256, manifest = written.sha256, written.manifest
    hashes = {m.name: str(m.sha256) for m in written.members}
    try:
        submission_id, locked_now = workspace.database.run_serializable(
            lambda session: _record(session, workspace, period_id, sequence, header, package_path, package_sha256,
                                    manifest, hashes, xlsx_name, pdf_member.name, content, unlocked, stamp))
    except BaseException:
        for leftover in (package_path, *beside):  # an unrecorded package must not travel: nobody could reproduce it
            leftover.unlink(missing_ok=True)
        if kept is not None:
            kept.unlink(missing_ok=True)
        raise
    names = ("manifest.json", "manifest.json.p7s", *(m.name for m in members))
    return ExportResult(package_path, package_sha256, hash_bytes(manifest), content.sha256, content.fingerprint,
                        submission_id, sequence, unlocked.info.fingerprint_sha256, names,
                        len(content.evidence_files), True, locked_now, *beside)


def _keep_in_workspace(workspace: Workspace, package_path: Path) -> Path | None:
    """Keep a copy of a package written outside the workspace in its exports/ folder (a hard link when the disk
    allows): the record of what was sent must stay verifiable (`hpdesk check` compares it with the submission's
    hash) even after the USB stick it went to is gone. Returns the copy, or None when the package is in exports/."""
    exports = workspace.exports_dir
    exports.mkdir(parents=True, exist_ok=True)
    if package_path.parent.resolve() == exports.resolve():
        return None
    kept = exports / package_path.name
    partial = exports / f".{package_path.name}.part"
    partial.unlink(missing_ok=True)
    try:
        os.link(package_path, partial)
    except OSError:  # another disk, or a file system without links
        shutil.copyfile(package_path, partial)
    os.replace(partial, kept)
    return kept


def build_signed_packet_pdf(workspace: Workspace, content: PacketContent, unlocked: UnlockedIdentity, scratch: Path,
                            progress: ProgressSink | None, cancel: CancelToken | None) -> Path:
    """Render the packet and sign it PAdES with the visible signature in the sign-off block's box."""
    rendered = render_packet_pdf(content, scratch / "packet-unsigned.pdf", workspace.attachments,
                                 progress=progress, cancel=cancel)
    check_cancelled(cancel)
    report(progress, 0, 1, "progress_export_signing")
    signed = sign_pdf(unlocked, rendered.path, scratch / "packet.pdf", office_name=content.office.name,
                      location=content.office.region, reason=f"{content.period.name}报送材料",
                      seal_image=seal_image_path(workspace.identity_dir), page=rendered.signature_page,
                      box=rendered.signature_box)
    return signed.path


def _audit_anchor(workspace: Workspace) -> dict[str, object]:
    from hpdesk.services.audit_seal import chain_anchor

    with workspace.database.read_only() as session:
        return chain_anchor(session)


def _record(session: Session, workspace: Workspace, period_id: int, sequence: int, header: dict[str, Any],
            package_path: Path, package_sha256: str, manifest: bytes, hashes: dict[str, str], xlsx_name: str,
            pdf_name: str, content: PacketContent, unlocked: UnlockedIdentity, stamp: str | None) -> tuple[int, bool]:
    """The submission record, the period's lock and the audit events, all in one SERIALIZABLE transaction (the
    caller's `run_serializable` retries it on PostgreSQL when a concurrent change makes it fail). Refused with
    `export_content_changed_meanwhile` when the period's reports or evidence are no longer what the content was
    built from (`stamp`)."""
    if stamp is not None and period_content_stamp(session, period_id) != stamp:
        raise UserError("export_content_changed_meanwhile", period=content.period.name)
    record = add_submission(
        session, period_id=period_id, sequence=sequence, doc_number=content.cover.doc_number,
        created_at=header["created_at"], created_by=workspace.actor, software_version=__version__,
        package_name=package_path.name, package_sha256=package_sha256, manifest_sha256=hash_bytes(manifest),
        pdf_sha256=hashes[pdf_name], xlsx_sha256=hashes[xlsx_name], content_sha256=content.sha256,
        signer_fingerprint=unlocked.info.fingerprint_sha256, snapshot=content.to_json())
    record_event(session, actor=workspace.actor, action="export", entity_type="submission", entity_id=record.id,
                 summary=f"生成{content.period.name}报送包（第 {sequence} 次）：{package_path.name}",
                 after={"package": package_path.name, "package_sha256": package_sha256,
                        "manifest_sha256": record.manifest_sha256, "content_sha256": record.content_sha256,
                        "signer": record.signer_fingerprint, "doc_number": record.doc_number})
    period = period_by_id(session, period_id)
    locked_now = period.state != "locked"
    if locked_now:
        before = period.state
        period.state, period.locked_at = "locked", period.locked_at or now_iso()
        record_event(session, actor=workspace.actor, action="lock", entity_type="period", entity_id=period.id,
                     summary=f"报送后锁定{period.name}", before={"state": before}, after={"state": "locked"})
    return record.id, locked_now


def _letter_names_signer(content: PacketContent, fingerprint: str) -> bool:
    """Whether the frozen cover letter prints `fingerprint` as its signing certificate (or prints none)."""
    letter = "".join(content.cover.paragraphs).replace(" ", "")
    return "签名证书指纹" not in letter or fingerprint.upper() in letter


def _copy_beside(package_path: Path, sources: tuple[Path, Path]) -> tuple[Path, Path]:
    """The signed PDF and the Excel copied next to the package under its base name (…-报送包-1.pdf/.xlsx): the
    clerk prints the PDF and may hand the Excel over separately, without opening the zip. Byte-identical to the
    members (the manifest's hashes hold for them too); each written to a temporary name, then renamed."""
    written = []
    try:
        for source in sources:
            target = package_path.with_suffix(source.suffix)
            partial = target.with_name(target.name + ".part")
            shutil.copyfile(source, partial)
            partial.replace(target)
            written.append(target)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return written[0], written[1]


def _unused_path(folder: Path, stem: str, kept_in: Path | None = None) -> Path:
    """`folder/stem.zip`, or `stem (2).zip`… when that (or its PDF or Excel beside it) exists, or the name is taken
    in `kept_in` (the workspace's exports/, which keeps a copy): a package already sent is never overwritten (the
    sequence restarts when a workspace is restored from an older backup)."""
    path, number = folder / f"{stem}.zip", 2
    while any(path.with_suffix(suffix).exists() for suffix in (".zip", ".pdf", ".xlsx")) or (
            kept_in is not None and (kept_in / path.name).exists()):
        path, number = folder / f"{stem} ({number}).zip", number + 1
    return path


def _evidence_members(workspace: Workspace, content: PacketContent) -> list[PackageMember]:
    return [file_member(file.package_path, stored_file(workspace.attachments, file), file.sha256)
            for file in content.evidence_files]
