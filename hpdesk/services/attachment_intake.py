"""What a file really is before it is stored: type by content (not by its name), a photo's own date, thumbnails."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from hpdesk.storage.attachment_store import AttachmentStore

log = logging.getLogger(__name__)
THUMBNAIL_SIZE = (256, 256)
_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"GIF8", "image/gif"),
    (b"%PDF-", "application/pdf"), (b"BM", "image/bmp"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"),
)
_ZIP_TYPES = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
              ".ofd": "application/ofd", ".zip": "application/zip"}
_OLE_TYPES = {".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint"}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"}


def sniff_media_type(path: Path) -> str:
    """The media type from the file's first bytes; zip/OLE containers are told apart by the extension."""
    with open(path, "rb") as stream:
        head = stream.read(16)
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return "image/heic"
    suffix = path.suffix.lower()
    if head.startswith(b"PK"):
        return _ZIP_TYPES.get(suffix, "application/zip")
    if head.startswith(bytes.fromhex("D0CF11E0")):
        return _OLE_TYPES.get(suffix, "application/x-ole-storage")
    if suffix in {".txt", ".csv"}:
        return "text/plain"
    return "application/octet-stream"


def photo_date(path: Path) -> date | None:
    """EXIF DateTimeOriginal (else DateTime) of an image, or None. Never raises on a broken image."""
    try:
        with Image.open(path) as image:
            exif = image.getexif()
            raw = exif.get_ifd(0x8769).get(36867) or exif.get(306)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None
    if not raw:
        return None
    try:
        return datetime.strptime(str(raw).strip()[:19], "%Y:%m:%d %H:%M:%S").date()
    except ValueError:
        return None


def thumbnail_path(thumbnails_dir: Path, sha256: str) -> Path:
    return thumbnails_dir / sha256[:2] / f"{sha256}.jpg"


def make_thumbnail(store: AttachmentStore, thumbnails_dir: Path, sha256: str) -> Path | None:
    """A 256 px JPEG of a stored image (decoded at reduced size: a 5 MB photo never sits whole in memory)."""
    target = thumbnail_path(thumbnails_dir, sha256)
    if target.exists():
        return target
    try:
        with store.open(sha256) as stream, Image.open(stream) as image:
            image.draft("RGB", THUMBNAIL_SIZE)
            image.thumbnail(THUMBNAIL_SIZE)
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            image.convert("RGB").save(partial, "JPEG", quality=80)
            partial.replace(target)
            return target
    except (UnidentifiedImageError, OSError, ValueError) as error:
        log.warning("no thumbnail for %s: %s", sha256, error)
        return None
