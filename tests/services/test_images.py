"""Every picture hpdesk draws goes through one normalising rule: a 16-bit greyscale scan, a CMYK JPEG, a palette PNG
with a transparent colour and a phone photo lying on its side look right both as a thumbnail and printed in the
packet (the packet's own copy of the rule once printed 16-bit scans blank white)."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PIL import Image

from hpdesk.services.exporting.packet_content import EvidenceFile
from hpdesk.services.exporting.pdf_evidence import PreparedFile, prepare_evidence
from hpdesk.services.seal_image import set_seal_image
from hpdesk.services.thumbnails import make_thumbnail
from hpdesk.storage.attachment_store import AttachmentStore

# Runs once, not on both back ends: no workspace (image normalising).

DARK, LIGHT = 8_000, 64_000  # 16-bit grey levels: 31 and 250 in 8 bits


def _sixteen_bit_scan(path: Path) -> Path:
    """A 16-bit greyscale PNG: dark grey left half, light grey right half (a plain RGB conversion makes both white)."""
    width, height = 2000, 1200
    row = b"".join(struct.pack("<H", DARK if x < width // 2 else LIGHT) for x in range(width))
    Image.frombytes("I;16", (width, height), row * height).save(path, "PNG")
    with Image.open(path) as check:
        assert check.mode == "I;16"
    return path


def _cmyk_jpeg(path: Path) -> Path:
    """A CMYK JPEG, as print shops' software writes them: red left half, white right half."""
    image = Image.new("CMYK", (2000, 1000), (0, 0, 0, 0))
    image.paste((0, 255, 255, 0), (0, 0, 1000, 1000))
    image.save(path, "JPEG", quality=92)
    return path


def _palette_with_transparency(path: Path) -> Path:
    """A palette PNG whose background colour is transparent, with a dark blue block in the left half."""
    image = Image.new("P", (600, 400), 0)
    image.putpalette([0, 0, 0, 20, 30, 120] + [0, 0, 0] * 254)  # index 0 (transparent) is black underneath
    image.paste(1, (0, 0, 300, 400))
    image.save(path, "PNG", transparency=0)
    return path


def _photo_on_its_side(path: Path) -> Path:
    """A landscape JPEG whose EXIF says 'rotate 90° clockwise to view': stored dark left, it stands dark on top."""
    image = Image.new("RGB", (2000, 1000), "white")
    image.paste((0, 0, 0), (0, 0, 1000, 1000))
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(path, "JPEG", quality=90, exif=exif)
    return path


def _thumbnail_of(source: Path, tmp_path: Path) -> Image.Image:
    store = AttachmentStore(tmp_path / "blobs")
    sha256 = store.add_file(source).sha256
    made = make_thumbnail(store, tmp_path / "thumbs", sha256)
    assert made is not None
    with Image.open(made) as image:
        return image.convert("RGB")


def _prepared_for_the_packet(source: Path, tmp_path: Path, media_type: str = "image/png") -> PreparedFile:
    store = AttachmentStore(tmp_path / "blobs")
    blob = store.add_file(source)
    content: Any = SimpleNamespace(evidence_files=(
        EvidenceFile(source.name, f"evidence/{source.name}", blob.sha256, blob.size, media_type, ""),))
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return prepare_evidence(content, store, scratch)[blob.sha256]


def _packet_print_of(source: Path, tmp_path: Path) -> Image.Image:
    prepared = _prepared_for_the_packet(source, tmp_path)
    assert prepared.kind == "image" and prepared.image is not None, prepared.note
    with Image.open(prepared.image) as image:
        return image.convert("RGB")


DRAWN_BY = {"thumbnail": _thumbnail_of, "packet": _packet_print_of}


@pytest.fixture(params=sorted(DRAWN_BY))
def drawn(request: pytest.FixtureRequest) -> Callable[[Path, Path], Image.Image]:
    return DRAWN_BY[request.param]


def _at(image: Image.Image, x_share: float, y_share: float) -> tuple[int, int, int]:
    return image.getpixel((int(image.width * x_share), int(image.height * y_share)))  # type: ignore[return-value]


def test_a_16_bit_greyscale_scan_keeps_its_grey_levels(drawn: Callable[[Path, Path], Image.Image],
                                                       tmp_path: Path) -> None:
    image = drawn(_sixteen_bit_scan(tmp_path / "扫描件.png"), tmp_path)
    dark, light = _at(image, 0.25, 0.5), _at(image, 0.75, 0.5)
    assert all(abs(channel - 31) <= 3 for channel in dark), dark  # not blank white
    assert all(abs(channel - 250) <= 3 for channel in light), light


def test_a_cmyk_jpeg_keeps_its_colours(drawn: Callable[[Path, Path], Image.Image], tmp_path: Path) -> None:
    image = drawn(_cmyk_jpeg(tmp_path / "海报.jpg"), tmp_path)
    red, green, blue = _at(image, 0.25, 0.5)
    assert red > 200 and green < 60 and blue < 60, (red, green, blue)
    assert min(_at(image, 0.75, 0.5)) > 240


def test_a_transparent_palette_png_lies_on_white(drawn: Callable[[Path, Path], Image.Image], tmp_path: Path) -> None:
    image = drawn(_palette_with_transparency(tmp_path / "示意图.png"), tmp_path)
    assert _at(image, 0.25, 0.5) == pytest.approx((20, 30, 120), abs=4)
    assert _at(image, 0.75, 0.5) == (255, 255, 255)  # the transparent colour is paper, not black


def test_a_photo_taken_sideways_stands_upright(drawn: Callable[[Path, Path], Image.Image], tmp_path: Path) -> None:
    image = drawn(_photo_on_its_side(tmp_path / "现场.jpg"), tmp_path)
    assert image.height > image.width
    assert max(_at(image, 0.5, 0.25)) < 30 and min(_at(image, 0.5, 0.75)) > 225


def test_a_16_bit_greyscale_seal_scan_keeps_its_ink(tmp_path: Path) -> None:
    seal = set_seal_image(tmp_path / "identity", _sixteen_bit_scan(tmp_path / "公章.png"))
    with Image.open(seal) as image:
        assert max(image.size) <= 800
        assert image.getpixel((image.width // 4, image.height // 2)) == (31, 31, 31, 255)  # the ink stays opaque
        assert image.getpixel((image.width * 3 // 4, image.height // 2))[3] == 0  # the paper turns transparent


def test_a_damaged_pdf_attachment_is_noted_in_words_not_by_pypdfs_class_name(tmp_path: Path) -> None:
    """What the packet prints beside a PDF it cannot draw: words a city clerk understands (it printed
    "PDF 无法读取，未展开（PdfStreamError）")."""
    from reportlab.pdfgen import canvas

    whole = tmp_path / "whole.pdf"
    pdf = canvas.Canvas(str(whole))
    pdf.drawString(72, 720, "meeting notice")
    pdf.showPage()
    pdf.save()
    cut = tmp_path / "会议通知.pdf"
    cut.write_bytes(whole.read_bytes()[:700])  # copied off a USB stick that was pulled too early
    prepared = _prepared_for_the_packet(cut, tmp_path, "application/pdf")
    assert prepared.kind == "listed"
    assert "损坏" in prepared.note and "Error" not in prepared.note and "Pdf" not in prepared.note, prepared.note
