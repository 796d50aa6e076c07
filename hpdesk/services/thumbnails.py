"""Thumbnails of stored pictures: 256 px JPEGs under `thumbs/ab/<sha256>.jpg`, derived from the blobs.

They are a cache: made when a picture is added, made again on demand when missing (a thumbs folder deleted to save
space, a backup restored without it), and never needed for `hpdesk check`. A picture Pillow cannot read simply
has no thumbnail. Writes go to a temp file beside the target and are renamed into place, so a crash leaves no
half-written thumbnail, only a `.*.tmp` file that `sweep_thumbnail_leftovers` removes.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from PIL import Image

from hpdesk.services.images import normalised
from hpdesk.services.user_files import replacing
from hpdesk.storage.attachment_store import AttachmentStore

log = logging.getLogger(__name__)

THUMBNAIL_PIXELS = 256
_TEMP_SUFFIX = ".tmp"


def thumbnail_file(thumbnails_dir: Path, sha256: str) -> Path:
    """Where the thumbnail of a blob lives (whether or not it exists)."""
    return thumbnails_dir / sha256[:2] / f"{sha256}.jpg"


def make_thumbnail(store: AttachmentStore, thumbnails_dir: Path, sha256: str) -> Path | None:
    """The thumbnail of a stored picture, made now if missing (normalised as everywhere: `images.normalised`);
    None when Pillow cannot read the picture."""
    target = thumbnail_file(thumbnails_dir, sha256)
    if target.is_file():
        return target
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with store.open(sha256) as stream, Image.open(stream) as image:
                small = normalised(image, THUMBNAIL_PIXELS)
        with replacing(target, _TEMP_SUFFIX) as temporary:
            small.save(temporary, "JPEG", quality=82)
        return target
    except Exception as error:  # any unreadable picture just has no thumbnail; the evidence itself is fine
        log.warning("no thumbnail for %s: %s", sha256[:12], error)
        return None


def sweep_thumbnail_leftovers(thumbnails_dir: Path) -> int:
    """Remove temp files of thumbnails whose writing was interrupted. Returns how many."""
    leftovers = list(thumbnails_dir.glob(f"*/.*{_TEMP_SUFFIX}"))  # none when the folder does not exist
    for leftover in leftovers:
        leftover.unlink(missing_ok=True)
    return len(leftovers)
