"""The office's seal image: drawn under the visible PDF signature when the clerk has configured one.

Kept as `identity/seal.png` (RGBA PNG, at most 800 px on its longer side), beside the signing identity it belongs
to. Any image Pillow reads is accepted and normalised like every picture (`images.normalised`: upright, 16-bit
greyscale scaled); white is made transparent so a scanned seal on white paper does not hide the signature text
behind a white box.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, UnidentifiedImageError

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.identity import write_file_atomically
from hpdesk.services.images import normalised

SEAL_IMAGE_NAME = "seal.png"
MAX_SIDE = 800
MAX_SOURCE_BYTES = 20 * 1024 * 1024
NEAR_WHITE = 235  # channels at or above this count as paper

register_messages({
    "seal_image_unreadable": ("“{name}”不是可以读取的图片，请选择印章的 PNG 或 JPG 图片。",
                              "{name} is not a readable image; choose a PNG or JPG of the seal."),
    "seal_image_too_large": ("“{name}”太大（超过 20 MB），请先缩小印章图片。",
                             "{name} is larger than 20 MB; make the seal image smaller first."),
})


def seal_image_path(identity_dir: Path) -> Path | None:
    """The configured seal image, or None."""
    path = Path(identity_dir) / SEAL_IMAGE_NAME
    return path if path.is_file() else None


def set_seal_image(identity_dir: Path, source: Path) -> Path:
    """Convert `source` into the seal image (replacing any earlier one) and return its path.

    Raises UserError `seal_image_unreadable` (not an image, damaged, a decompression bomb) or `seal_image_too_large`;
    the earlier seal stays as it was then.
    """
    source = Path(source)
    try:
        if source.stat().st_size > MAX_SOURCE_BYTES:
            raise UserError("seal_image_too_large", name=source.name)
        with Image.open(source) as image:
            seal = normalised(image, MAX_SIDE, keep_alpha=True)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        raise UserError("seal_image_unreadable", name=source.name) from None
    red, green, blue, alpha = seal.split()
    paper = ImageChops.darker(ImageChops.darker(red, green), blue).point(lambda v: 255 if v >= NEAR_WHITE else 0)
    seal.putalpha(ImageChops.subtract(alpha, paper))
    buffer = io.BytesIO()
    seal.save(buffer, "PNG")
    target = Path(identity_dir) / SEAL_IMAGE_NAME
    write_file_atomically(target, buffer.getvalue())  # makes the folder when missing (user_files.replacing)
    return target


def clear_seal_image(identity_dir: Path) -> None:
    (Path(identity_dir) / SEAL_IMAGE_NAME).unlink(missing_ok=True)
