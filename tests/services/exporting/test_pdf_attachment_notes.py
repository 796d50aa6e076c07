"""What the packet prints beside a PDF attachment it cannot draw: words a city clerk understands."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from reportlab.pdfgen import canvas

from hpdesk.services.exporting.packet_content import EvidenceFile
from hpdesk.services.exporting.pdf_evidence import prepare_evidence
from hpdesk.storage.attachment_store import AttachmentStore


def test_a_damaged_pdf_attachment_is_noted_in_words_not_by_pypdfs_class_name(tmp_path: Path) -> None:
    whole = tmp_path / "whole.pdf"
    pdf = canvas.Canvas(str(whole))
    pdf.drawString(72, 720, "meeting notice")
    pdf.showPage()
    pdf.save()
    cut = tmp_path / "会议通知.pdf"
    cut.write_bytes(whole.read_bytes()[:700])  # copied off a USB stick that was pulled too early
    store = AttachmentStore(tmp_path / "blobs")
    blob = store.add_file(cut)
    content: Any = SimpleNamespace(evidence_files=(
        EvidenceFile(cut.name, f"evidence/{cut.name}", blob.sha256, blob.size, "application/pdf", ""),))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    prepared = prepare_evidence(content, store, scratch)[blob.sha256]
    assert prepared.kind == "listed"
    assert "损坏" in prepared.note and "Error" not in prepared.note and "Pdf" not in prepared.note, prepared.note
