"""The size a picture will have once normalised is known from its header alone (the packet is laid out from it
while the photos are being made), and it is exactly the size `normalised` gives."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PIL import Image

from hpdesk.services.images import fitted_size, normalised, normalised_size

# Runs once, not on both back ends: no workspace (image sizes).


def test_fitted_size_is_pillows_thumbnail_size() -> None:
    rng = random.Random(7)
    sizes = [(rng.randint(1, 4500), rng.randint(1, 4500)) for _ in range(300)]
    sizes += [(1600, 1600), (1601, 1600), (1600, 1601), (3, 5000), (5000, 3), (4000, 3000), (3000, 4000), (1, 1)]
    for size in sizes:
        for longest in (1600, 240):
            picture = Image.new("1", size)
            picture.thumbnail((longest, longest))
            assert fitted_size(size, longest) == picture.size, (size, longest)


@pytest.mark.parametrize("size", [(4000, 3000), (4032, 3024), (3000, 4000), (1999, 1001), (1601, 900), (1200, 800),
                                  (5000, 377), (6000, 4000)])
@pytest.mark.parametrize("orientation", [1, 3, 6, 8, 5])
def test_the_size_from_the_header_is_the_normalised_size(tmp_path: Path, size: tuple[int, int],
                                                         orientation: int) -> None:
    path = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", size, "#3a7bd5").save(path, "JPEG", exif=exif, quality=70)
    with Image.open(path) as opened:
        predicted = normalised_size(opened, 1600)
    with Image.open(path) as opened:
        assert normalised(opened, 1600).size == predicted


@pytest.mark.parametrize("mode", ["L", "CMYK"])
def test_greyscale_and_cmyk_jpegs_too(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "scan.jpg"
    Image.new(mode, (3507, 2481)).save(path, "JPEG")
    with Image.open(path) as opened:
        predicted = normalised_size(opened, 1600)
    with Image.open(path) as opened:
        assert normalised(opened, 1600).size == predicted
