"""The packet is laid out while its photos are being made (from the sizes their headers give); a photo that turns
out damaged past its header makes the packet be laid out again, as if it had been known from the start."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import pdf_pages, squeezed
from export_fixture import ExportFixture
from pypdf import PdfReader

from hpdesk.services.exporting import pdf_evidence, pdf_packet
from hpdesk.services.exporting.pdf_packet import render_packet_pdf
from test_evidence_photos_in_parallel import _content_with_photos


def test_the_layout_starts_before_the_photos_are_made(export_data: ExportFixture, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content_with_photos(export_data, tmp_path, 4)
    layout_started = threading.Event()
    made_before_the_layout: list[bool] = []
    prepare_image, build = pdf_evidence._prepare_image, pdf_packet._build

    def slow_photo(source: Path, stem: Path) -> pdf_evidence.PreparedFile:
        if threading.current_thread() is not threading.main_thread():  # the fixture's PNG is made at once, here
            made_before_the_layout.append(not layout_started.wait(timeout=20))
        return prepare_image(source, stem)

    def noting_build(*args: object, **kwargs: object) -> int:
        layout_started.set()
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_evidence, "_prepare_image", slow_photo)
    monkeypatch.setattr(pdf_packet, "_build", noting_build)
    rendered = render_packet_pdf(content, tmp_path / "p.pdf", export_data.workspace.attachments)

    assert len(made_before_the_layout) >= 4 and not any(made_before_the_layout)
    assert sum(1 for page in PdfReader(rendered.path).pages for image in page.images if max(image.image.size) > 240) \
        >= 4


def test_a_photo_damaged_past_its_header_is_listed_and_the_packet_laid_out_again(
        export_data: ExportFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content_with_photos(export_data, tmp_path, 3)
    damaged = content.tasks[0].evidence[0].files[1]
    stored = export_data.workspace.attachments.path_for(damaged.sha256)
    good = render_packet_pdf(content, tmp_path / "good.pdf", export_data.workspace.attachments)
    layouts: list[object] = []
    lay_out = pdf_packet._lay_out

    def counted(*args: object, **kwargs: object) -> object:
        layouts.append(args[5])  # the EvidencePreparation, or None when laid out again from what was made
        return lay_out(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_packet, "_lay_out", counted)
    prepare_image = pdf_evidence._prepare_image

    def truncated(source: Path, stem: Path) -> pdf_evidence.PreparedFile:
        if source == stored:  # the header reads, the pixels do not (the store's copy is left alone)
            cut = stem.with_suffix(".cut.jpg")
            cut.write_bytes(source.read_bytes()[:600])
            return prepare_image(cut, stem)
        return prepare_image(source, stem)

    monkeypatch.setattr(pdf_evidence, "_prepare_image", truncated)
    rendered = render_packet_pdf(content, tmp_path / "p.pdf", export_data.workspace.attachments)

    assert len(layouts) == 2 and layouts[1] is None
    text = squeezed("".join(pdf_pages(rendered.path)))
    assert f"文件：{damaged.name}" in text and "无法识别的图片，未缩印" in text
    prints = [image for page in PdfReader(rendered.path).pages for image in page.images
              if max(image.image.size) > 240]
    good_prints = [image for page in PdfReader(good.path).pages for image in page.images
                   if max(image.image.size) > 240]
    assert len(prints) == len(good_prints) - 1
