"""The seal image drawn under the PDF signature: any readable image becomes a transparent PNG; bad files change
nothing; a signed packet carries it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from hpdesk.domain.errors import UserError
from hpdesk.services.seal_image import clear_seal_image, seal_image_path, set_seal_image

# Runs once, not on both back ends: no workspace (the seal image).


def _scan(path: Path) -> Path:
    """A red ring on white paper, as a scanner gives it."""
    image = Image.new("RGB", (1200, 1200), "white")
    for x in range(1200):
        for y in (100, 101, 1098, 1099):
            image.putpixel((x, y), (200, 20, 20))
    image.save(path, "JPEG", quality=95)
    return path


def test_a_scanned_seal_becomes_a_transparent_png_of_bounded_size(tmp_path: Path) -> None:
    stored = set_seal_image(tmp_path / "identity", _scan(tmp_path / "公章.jpg"))
    assert stored == seal_image_path(tmp_path / "identity")
    with Image.open(stored) as seal:
        assert seal.format == "PNG" and seal.mode == "RGBA" and max(seal.size) <= 800
        assert seal.getpixel((400, 400))[3] == 0  # the paper is transparent
        assert any(seal.getpixel((x, 67))[3] == 255 for x in range(0, 800, 50))  # the ink is kept


def test_a_file_that_is_not_an_image_is_refused_and_the_old_seal_stays(tmp_path: Path) -> None:
    identity = tmp_path / "identity"
    set_seal_image(identity, _scan(tmp_path / "公章.jpg"))
    before = (identity / "seal.png").read_bytes()
    fake = tmp_path / "印章.png"
    fake.write_bytes(b"%PDF-1.4 not a picture")
    with pytest.raises(UserError) as raised:
        set_seal_image(identity, fake)
    assert raised.value.code == "seal_image_unreadable" and "印章.png" in raised.value.message("zh")
    assert (identity / "seal.png").read_bytes() == before


def test_removing_the_seal_leaves_none(tmp_path: Path) -> None:
    set_seal_image(tmp_path / "identity", _scan(tmp_path / "公章.jpg"))
    clear_seal_image(tmp_path / "identity")
    assert seal_image_path(tmp_path / "identity") is None
