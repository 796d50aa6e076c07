"""The export's entry points for services/child_process.run_in_child, imported by reference (not named by a string),
so import-linter and PyInstaller both see the dependency.

This module stays light on purpose: the parent imports it to pass these functions to the child, and the export
stack (reportlab, pyHanko, openpyxl) is imported inside each function, i.e. only in the process that runs it.
Results are plain data or ExportResult (from the light `results` module), which the parent unpickles cheaply.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk.services.exporting.results import ExportResult

if TYPE_CHECKING:
    from hpdesk.services.progress import CancelToken, ProgressSink
    from hpdesk.services.workspace import Workspace


def export_package(workspace: Workspace, period_label: str, out_dir: Path, passphrase: str,
                   doc_number: str | None = None, reissue: bool = False, progress: ProgressSink | None = None,
                   cancel: CancelToken | None = None) -> ExportResult:
    """`exporting.submission.export_submission`: write, sign and record the period's package into `out_dir`."""
    from hpdesk.services.exporting.submission import export_submission

    return export_submission(workspace, period_label, out_dir, passphrase, doc_number, progress, cancel,
                             reissue=reissue)


def render_preview(workspace: Workspace, period_label: str, out_path: Path, doc_number: str | None = None,
                   progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> Path:
    """The packet preview: the unsigned PDF of what an export of the period would contain now, written to
    `out_path`, for reading and printing before the clerk signs (nothing is recorded, the period stays open).
    Undrawable characters show as 〓 (the export refuses them); the cover letter names the current identity's
    fingerprint when there is one. Raises UserError as build_packet_content does; OperationCancelled."""
    from hpdesk.services.exporting.content_builder import build_packet_content
    from hpdesk.services.exporting.pdf_packet import render_packet_pdf
    from hpdesk.services.identity import load_identity_info

    info = load_identity_info(workspace.identity_dir)
    content = build_packet_content(workspace, period_label, doc_number=doc_number,
                                   signer_fingerprint=info.fingerprint_sha256 if info else "")
    return render_packet_pdf(content, out_path, workspace.attachments, preview=True, progress=progress,
                             cancel=cancel).path
