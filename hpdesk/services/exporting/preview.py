"""The packet preview: the unsigned PDF of what an export of the period would contain now, for reading and printing
before the clerk signs. Nothing is recorded and the period is not locked."""

from __future__ import annotations

from pathlib import Path

from hpdesk.services.exporting.content_builder import build_packet_content
from hpdesk.services.exporting.pdf_packet import render_packet_pdf
from hpdesk.services.identity import load_identity_info
from hpdesk.services.progress import CancelToken, ProgressSink
from hpdesk.services.workspace import Workspace


def render_packet_preview(workspace: Workspace, period_label: str, out_path: Path, doc_number: str | None = None,
                          progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> Path:
    """Write the unsigned packet for `period_label` to `out_path` and return it. Undrawable characters show as 〓
    (the export refuses them). The cover letter names the current identity's fingerprint when there is one.
    Raises UserError as build_packet_content does; OperationCancelled when `cancel` fires."""
    info = load_identity_info(workspace.identity_dir)
    content = build_packet_content(workspace, period_label, doc_number=doc_number,
                                   signer_fingerprint=info.fingerprint_sha256 if info else "")
    return render_packet_pdf(content, out_path, workspace.attachments, preview=True, progress=progress,
                             cancel=cancel).path
