"""Attachment pages drawn into the packet as form XObjects: they show exactly what pypdf's page merge shows,
their content bytes are copied, not parsed and rewritten, and a page with annotations keeps them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from missing_input import missing
from PIL import Image, ImageChops
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.annotations import Link
from pypdf.generic import ArrayObject
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from hpdesk.services.exporting.pdf_evidence import PdfSlot
from hpdesk.services.exporting.pdf_merge import merge_pdf_pages

SLOT = (70.0, 90.0, 450.0, 600.0)  # x, y, width, height in points


def _packet(path: Path, pages: int) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(pages):
        pdf.setLineWidth(2)
        pdf.rect(40, 40, 500, 760)
        pdf.translate(10, 10)  # left unbalanced on purpose: the attachment must not inherit it
        pdf.drawString(60, 780, f"packet page {number + 1}")
        pdf.showPage()
    pdf.save()
    return path


def _attachment(path: Path) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, 4):
        if number == 2:
            pdf.setPageSize(landscape(A4))
        pdf.setFillColorRGB(0.2, 0.4, 0.8)
        pdf.rect(50, 50, 200, 120, fill=1)
        pdf.setFont("Helvetica", 28)
        pdf.drawString(72, 500, f"attachment page {number}")
        pdf.showPage()
    pdf.save()
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.pages[1].rotate(90)  # a page stored sideways
    writer.add_annotation(2, Link(rect=(60, 490, 300, 530), url="https://example.org/notice"))
    writer.write(path)
    return path


def _rendered(path: Path, folder: Path) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        missing("pdftoppm (poppler-utils) is not installed")
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(folder / "p")], check=True)
    return [Image.open(png).convert("RGB") for png in sorted(folder.glob("*.png"))]


def _merged_by_pypdf(packet: Path, slots: list[PdfSlot], out: Path) -> Path:
    """The reference: pypdf's own page merge, the same placement (what the packet used before)."""
    writer = PdfWriter(clone_from=PdfReader(packet))
    for slot in slots:
        page = PdfReader(slot.source).pages[slot.page_index]
        if page.rotation % 360:
            page = PdfWriter().add_page(page)
            page.transfer_rotation_to_content()
        box = page.cropbox
        x, y, width, height = slot.box
        scale = min(width / float(box.width), height / float(box.height))
        transform = (Transformation().translate(-float(box.left), -float(box.bottom)).scale(scale, scale)
                     .translate(x + (width - float(box.width) * scale) / 2, y + height - float(box.height) * scale))
        writer.pages[slot.page_number].merge_transformed_page(page, transform)
    writer.write(out)
    return out


def test_attachment_pages_show_as_pypdfs_merge_shows_them(tmp_path: Path) -> None:
    attachment = _attachment(tmp_path / "notice.pdf")
    slots = [PdfSlot(attachment, 0, 0, SLOT), PdfSlot(attachment, 1, 1, SLOT), PdfSlot(attachment, 2, 2, SLOT),
             PdfSlot(attachment, 0, 3, (200.0, 650.0, 60.0, 85.0))]  # the first page again, as a thumbnail
    packet = _packet(tmp_path / "packet.pdf", 4)
    merged = merge_pdf_pages(packet, slots, tmp_path / "merged.pdf", "content-sha256")
    reference = _merged_by_pypdf(packet, slots, tmp_path / "reference.pdf")

    ours, theirs = _rendered(merged, tmp_path / "ours"), _rendered(reference, tmp_path / "theirs")
    assert len(ours) == len(theirs) == 4
    for mine, expected in zip(ours, theirs):
        difference = ImageChops.difference(mine, expected)
        assert max(high for _low, high in difference.getextrema()) <= 40  # anti-aliasing at most
        assert sum(difference.convert("L").histogram()[17:]) < 20  # pixels that differ by more than 16
    text = [page.extract_text() for page in PdfReader(merged).pages]
    assert [f"attachment page {n}" in page for n, page in zip((1, 2, 3, 1), text)] == [True] * 4


def test_the_attachment_content_is_copied_as_it_is_and_a_page_shown_twice_is_embedded_once(tmp_path: Path) -> None:
    attachment = _attachment(tmp_path / "notice.pdf")
    slots = [PdfSlot(attachment, 0, 0, SLOT), PdfSlot(attachment, 0, 1, (200.0, 650.0, 60.0, 85.0))]
    packet = _packet(tmp_path / "packet.pdf", 2)
    merged = PdfReader(merge_pdf_pages(packet, slots, tmp_path / "merged.pdf", "content-sha256"))

    source = PdfReader(attachment).pages[0].get_contents()
    assert source is not None
    forms = [[xobject for xobject in page["/Resources"]["/XObject"].values()
              if xobject.get_object()["/Subtype"] == "/Form"] for page in merged.pages]
    assert [len(page_forms) for page_forms in forms] == [1, 1]
    assert forms[0][0].idnum == forms[1][0].idnum  # one XObject for both
    assert forms[0][0].get_object().get_data() == source.get_data()
    original = PdfReader(packet).pages[0].get_contents()
    assert original is not None
    contents = merged.pages[0]["/Contents"]
    assert isinstance(contents, ArrayObject)
    assert original.get_data() in [part.get_object().get_data() for part in contents]  # the page's own, untouched


def test_a_page_with_a_link_keeps_it(tmp_path: Path) -> None:
    attachment = _attachment(tmp_path / "notice.pdf")
    merged = merge_pdf_pages(_packet(tmp_path / "packet.pdf", 1), [PdfSlot(attachment, 2, 0, SLOT)],
                             tmp_path / "merged.pdf", "content-sha256")
    annotations = [annotation.get_object() for annotation in PdfReader(merged).pages[0].get("/Annots", [])]
    assert [annotation["/A"]["/URI"] for annotation in annotations] == ["https://example.org/notice"]


def test_a_link_on_a_page_stored_sideways_stays_over_its_text(tmp_path: Path) -> None:
    """A page with /Rotate is turned upright before it is drawn; its link rectangles were left where they were on
    the unturned page, so in the packet a link lay beside its text (or off the page)."""
    source = tmp_path / "sideways.pdf"
    pdf = canvas.Canvas(str(source), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 20)
    pdf.drawString(72, 700, "notice link")
    pdf.showPage()
    pdf.save()
    for turn in (90, 270):
        writer = PdfWriter(clone_from=PdfReader(source))
        writer.add_annotation(0, Link(rect=(72, 695, 180, 720), url="https://example.org/notice"))
        writer.pages[0].rotate(turn)
        writer.write(tmp_path / f"turned{turn}.pdf")
        merged = PdfReader(merge_pdf_pages(_packet(tmp_path / f"packet{turn}.pdf", 1),
                                           [PdfSlot(tmp_path / f"turned{turn}.pdf", 0, 0, SLOT)],
                                           tmp_path / f"merged{turn}.pdf", "content-sha256"))
        words: list[tuple[float, float]] = []
        merged.pages[0].extract_text(visitor_text=lambda text, _cm, tm, _font, _size: words.append(
            (_cm[4] + tm[4] * _cm[0] + tm[5] * _cm[2], _cm[5] + tm[4] * _cm[1] + tm[5] * _cm[3]))
            if "notice" in text else None)
        (annotation,) = [annotation.get_object() for annotation in merged.pages[0]["/Annots"]]
        left, bottom, right, top = (float(value) for value in annotation["/Rect"])
        assert words, turn
        x, y = words[0]  # where the text starts on the packet page
        assert left - 2 <= x <= right + 2 and bottom - 2 <= y <= top + 2, (turn, words[0], annotation["/Rect"])


def test_a_link_to_another_page_of_the_attachment_is_dropped_not_left_pointing_outside_the_packet(
        tmp_path: Path) -> None:
    """An attachment's table of contents links to its own pages; in the packet those pages are drawn into other
    pages, so the link pointed at a copy of the attachment's page that is in no page tree (pypdf pulled it in)."""
    source = tmp_path / "contents.pdf"
    pdf = canvas.Canvas(str(source), pagesize=A4, invariant=1)
    pdf.drawString(72, 700, "contents: see page 2")
    pdf.linkAbsolute("page 2", "second", (72, 690, 220, 715))
    pdf.linkURL("https://example.org/notice", (72, 640, 220, 665))
    pdf.showPage()
    pdf.bookmarkPage("second")
    pdf.drawString(72, 700, "page 2")
    pdf.showPage()
    pdf.save()
    slots = [PdfSlot(source, 0, 0, SLOT), PdfSlot(source, 1, 1, SLOT)]
    merged = PdfReader(merge_pdf_pages(_packet(tmp_path / "packet.pdf", 2), slots, tmp_path / "merged.pdf",
                                       "content-sha256"))
    in_tree = {page.indirect_reference.idnum for page in merged.pages if page.indirect_reference is not None}
    annotations = [annotation.get_object() for annotation in merged.pages[0].get("/Annots", [])]
    assert [annotation["/A"]["/URI"] for annotation in annotations] == ["https://example.org/notice"]
    numbers = {number for table in merged.xref.values() for number in table} | set(merged.xref_objStm)
    pages = {number for number in numbers if (found := merged.get_object(number)) is not None
             and isinstance(found, dict) and found.get("/Type") == "/Page"}
    assert pages == in_tree  # no stray copy of the attachment's page
