"""What a file really is, before and after it enters the attachment store: its type by content (never by its name),
its size against the limit, a name safe to show, and a photo's own date (EXIF DateTimeOriginal).

`examine_source` looks at a file on disk and raises UserError for anything that must be refused, before a byte is
copied: missing, a folder or device, a link to a system file or into the workspace, empty, unreadable, over the
size limit, or not a picture where a picture is required (the policy is `domain.evidence.judge_file_type`). Files
are opened through `user_files.open_user_file` (judged by the open handle, non-blocking: a FIFO never hangs us).
`store_source` opens the file again and streams it into the store, with progress and cancellation per chunk; it
refuses a file that is no longer the one examined (another file, a FIFO, another size) and a copy whose byte count
differs from the size examined (a source truncated or grown while copied) or whose source was written to meanwhile
(a torn copy). `examine_stored` applies the same rules to the stored copy: that copy is what the database rows
describe. Pillow is used here and in `thumbnails` only.
"""

from __future__ import annotations

import errno
import logging
import os
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from PIL import ExifTags, Image, features

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import (
    describe_size, exif_date, file_name_notice, is_image_type, judge_file_type, media_type_label, safe_file_name,
)
from hpdesk.domain.messages import Message
from hpdesk.services.progress import CancelToken, check_cancelled
from hpdesk.services.user_files import OpenedFile, open_user_file
from hpdesk.storage.attachment_store import AttachmentStore, BlobTooLarge, SourceVanished, StoredBlob

log = logging.getLogger(__name__)

HEAD_BYTES = 8192
# Pictures this Pillow cannot decode (HEIC needs a plugin; AVIF needs libavif): accepted as pictures, without
# date or thumbnail, rather than refused as damaged.
PILLOW_UNDECODABLE = frozenset({"image/heic"} | (set() if features.check("avif") else {"image/avif"}))
_EXIF_DATE_TIME_ORIGINAL, _EXIF_DATE_TIME_DIGITIZED = 36867, 36868

register_messages(
    {
        "evidence_file_missing": ("找不到文件 {file}。", "The file {file} does not exist."),
        "evidence_file_is_folder": (
            "{file} 是文件夹，请选择其中的文件。", "{file} is a folder; choose the files inside it."
        ),
        "evidence_file_not_regular": (
            "{file} 不是普通文件（可能是设备或管道），不能作为附件。", "{file} is not a regular file and cannot be attached."
        ),
        "evidence_file_empty": (
            "文件 {file} 是空的（0 字节），可能没有下载完整或复制失败。请重新获取该文件。",
            "{file} is empty (0 bytes); it may not have downloaded or copied completely.",
        ),
        "evidence_file_unreadable": (
            "无法读取文件 {file}：{detail}。请检查文件是否被其他程序占用或没有读取权限。",
            "Cannot read {file}: {detail}. Is it open in another program, or not readable?",
        ),
        "evidence_file_vanished": (
            "读取文件 {file} 时文件不见了或读不下去（U 盘被拔出、网络断开或文件被移动？）。没有保存任何内容，请重新添加。",
            "The file {file} disappeared or stopped reading while it was copied (USB stick removed? network "
            "lost?). Nothing was saved; add it again.",
        ),
        "evidence_file_too_large": (
            "文件 {file} 有 {size}，超过单个附件 {limit} 的上限。请压缩或拆分后再添加。",
            "{file} is {size}, over the {limit} limit for one attachment. Compress or split it first.",
        ),
        "evidence_not_an_image": (
            "文件 {file} 的扩展名是图片，但内容是{actual}（{media_type}），不能作为照片或截图添加。请确认选对了文件；"
            "如确实要保存它，请把佐证类型改为“文件/方案”或“其他”。",
            "{file} is named like a picture but holds {actual} ({media_type}); it cannot be added as a photo or "
            "screenshot. Check it is the right file, or choose another evidence kind to keep it.",
        ),
        "evidence_image_damaged": (
            "图片 {file} 无法打开，可能已损坏或没有复制完整，不能作为照片或截图添加。",
            "The picture {file} cannot be opened (damaged or incomplete) and cannot be added as a photo or screenshot.",
        ),
        "evidence_file_changed": (
            "文件 {file} 在添加过程中被改动或替换（检查时 {expected} 字节，实际读到 {actual} 字节）。"
            "没有保存任何内容，请在文件不再变化后重新添加。",
            "{file} changed or was replaced while it was added ({expected} bytes examined, {actual} read). "
            "Nothing was saved; add it again once it no longer changes.",
        ),
        "evidence_file_rewritten": (
            "文件 {file} 在添加过程中被改写（可能还在下载或保存）。没有保存任何内容，请在文件不再变化后重新添加。",
            "{file} was written to while it was added (perhaps still downloading or being saved). Nothing was "
            "saved; add it again once it no longer changes.",
        ),
        "attachment_disk_full": (
            "保存附件 {file} 时磁盘空间不足。没有保存任何内容；请清理磁盘后再试。",
            "The disk filled up while storing {file}. Nothing was saved; free some space and try again.",
        ),
    }
)


@dataclass(frozen=True)
class FileFacts:
    """What the rules found out about one file. `original_name` is the name as it arrived (made printable)."""

    original_name: str
    safe_name: str
    size: int
    media_type: str
    taken_on: date | None
    notices: tuple[Message, ...]
    # the examined source's (device, inode, size, mtime ns): `store_source` copies only that same file
    identity: tuple[int, int, int, int] | None = None


def readable_name(name: str) -> str:
    """A file name as text that can be stored and shown.

    A name that was not valid UTF-8 on disk (a USB stick written by Chinese Windows, mounted without the right
    charset) reaches Python with surrogate escapes; its bytes are read as GB18030 when they are that, else the bad
    bytes become U+FFFD.
    """
    if not any("\udc80" <= character <= "\udcff" for character in name):
        return name
    raw = os.fsencode(name)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")


# --- type by content -----------------------------------------------------------------------------------------------

_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"),
    (b"{\\rtf", "application/rtf"), (b"ID3", "audio/mpeg"),
)
_OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_OLE_BY_EXTENSION = {  # WPS Office's own .wps/.et/.dps are OLE files too
    ".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".et": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint", ".dps": "application/vnd.ms-powerpoint", ".wps": "application/vnd.ms-works",
}
_OOXML_PARTS = (("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"))
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"hevc"}


def sniff_media_type(stream: BinaryIO, file_name: str) -> str:
    """The media type from the content. Containers are opened (a zip's member names tell Word from Excel from OFD);
    only old OLE Office files, whose inner names we do not parse, fall back on the extension. Leaves the stream at 0.
    """
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":  # "BM" alone would catch texts starting "BMI"
        return "image/bmp"
    if b"%PDF-" in head[:1024]:  # PDF allows junk before the header
        return "application/pdf"
    if head[:4] == b"RIFF":
        return {b"WEBP": "image/webp", b"WAVE": "audio/wav", b"AVI ": "video/x-msvideo"}.get(
            head[8:12], "application/octet-stream")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            return "image/heic"
        if brand in (b"avif", b"avis"):
            return "image/avif"
        return "video/quicktime" if brand == b"qt  " else "video/mp4"
    if head.startswith(b"PK\x03\x04"):
        return _zip_media_type(stream)
    if head.startswith(_OLE_MAGIC):
        return _OLE_BY_EXTENSION.get(Path(file_name).suffix.lower(), "application/x-ole-storage")
    if head.startswith(b"\xff\xfb") or head.startswith(b"\xff\xf3"):
        return "audio/mpeg"
    if _looks_like_text(head):
        return "text/csv" if Path(file_name).suffix.lower() == ".csv" else "text/plain"
    return "application/octet-stream"


def _zip_media_type(stream: BinaryIO) -> str:
    try:
        with zipfile.ZipFile(stream) as archive:  # reads the central directory only, at the end of the file
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "application/zip"
    finally:
        stream.seek(0)
    if "OFD.xml" in names:
        return "application/ofd"
    if "[Content_Types].xml" in names:
        for prefix, media_type in _OOXML_PARTS:
            if any(name.startswith(prefix) for name in names):
                return media_type
    return "application/zip"


def _looks_like_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    sample = head[:-4] if len(head) == HEAD_BYTES else head  # the cut may split a multi-byte character
    for encoding in ("utf-8", "gb18030"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


# --- pictures ------------------------------------------------------------------------------------------------------


def _image_facts(stream: BinaryIO, media_type: str) -> tuple[bool, date | None]:
    """(can Pillow open it, its EXIF date). Opening reads the header only, never the whole picture."""
    if media_type in PILLOW_UNDECODABLE:
        return True, None
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                exif = image.getexif()
                ifd = exif.get_ifd(ExifTags.IFD.Exif)
                taken = ifd.get(_EXIF_DATE_TIME_ORIGINAL) or ifd.get(_EXIF_DATE_TIME_DIGITIZED)
                return True, exif_date(taken)
    except Image.DecompressionBombError:
        return True, None  # a real picture, only too large to thumbnail safely
    except Exception as error:  # Pillow raises many types on malformed input; a bad file must not crash intake
        log.info("not an openable image: %s", error)
        return False, None
    finally:
        stream.seek(0)


def photo_date(path: Path) -> date | None:
    """EXIF DateTimeOriginal (else DateTimeDigitized) of a picture file, or None. Never raises on a broken file."""
    try:
        with open(path, "rb") as stream:
            return _image_facts(stream, sniff_media_type(stream, path.name))[1]
    except OSError:
        return None


# --- the checks ----------------------------------------------------------------------------------------------------


def _examine(stream: BinaryIO, original_name: str, size: int, kind: str) -> FileFacts:
    media_type = sniff_media_type(stream, original_name)
    readable, taken_on = _image_facts(stream, media_type) if is_image_type(media_type) else (True, None)
    verdict = judge_file_type(kind, original_name, media_type, readable)
    if verdict.refusal:
        raise UserError(verdict.refusal, file=original_name, actual=media_type_label(media_type),
                        media_type=media_type)
    safe_name = safe_file_name(original_name)
    notices = tuple(n for n in (verdict.notice, file_name_notice(original_name, safe_name)) if n is not None)
    return FileFacts(original_name, safe_name, size, media_type, taken_on, notices)


_OPEN_CODES = {"missing": "evidence_file_missing", "folder": "evidence_file_is_folder",
               "not_regular": "evidence_file_not_regular", "unreadable": "evidence_file_unreadable"}
_REOPEN_CODES = {**_OPEN_CODES, "missing": "evidence_file_vanished", "changed": "evidence_file_vanished"}


def examine_source(path: Path, kind: str, max_bytes: int, *, protected: Sequence[Path] = ()) -> FileFacts:
    """Check a file on disk before anything is copied; UserError for what must be refused (see the module doc).
    `protected` are folders a link must not lead into (the workspace)."""
    name = readable_name(path.name)
    try:
        with open_user_file(path, name=name, codes=_OPEN_CODES, protected=protected) as opened:
            _check_size(name, opened.size, max_bytes)
            facts = _examine(opened.stream, name, opened.size, kind)
    except FileNotFoundError:
        raise UserError("evidence_file_vanished", file=name) from None
    except OSError as error:
        raise UserError("evidence_file_unreadable", file=name, detail=error.strerror or str(error)) from None
    link = (Message.of("notice_followed_link", file=name, real=str(opened.real_path)),) if opened.via_link else ()
    return replace(facts, notices=facts.notices + link, identity=opened.identity)


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise UserError("evidence_file_too_large", file=name, size=describe_size(size), limit=describe_size(max_bytes))
    if size == 0:
        raise UserError("evidence_file_empty", file=name)


def examine_stored(store: AttachmentStore, blob: StoredBlob, original_name: str, kind: str) -> FileFacts:
    """The same rules as `examine_source`, applied to the stored copy (the content the rows will describe)."""
    if blob.size == 0:
        raise UserError("evidence_file_empty", file=original_name)
    with store.open(blob.sha256) as stream:
        return _examine(stream, original_name, blob.size, kind)


class _MeteredReader:
    """Reads the source for the store, checking for Cancel and counting bytes between chunks."""

    def __init__(self, stream: BinaryIO, on_bytes: Callable[[int], None] | None, cancel: CancelToken | None) -> None:
        self._stream = stream
        self._on_bytes = on_bytes
        self._cancel = cancel

    def read(self, size: int = -1) -> bytes:
        check_cancelled(self._cancel)
        chunk = self._stream.read(size)
        if self._on_bytes is not None and chunk:
            self._on_bytes(len(chunk))
        return chunk


def store_source(store: AttachmentStore, path: Path, *, max_bytes: int,
                 on_bytes: Callable[[int], None] | None = None, cancel: CancelToken | None = None,
                 examined: FileFacts | None = None, protected: Sequence[Path] = ()) -> StoredBlob:
    """Stream a file into the store (temp file, fsync, rename: never whole in memory, never half-visible).

    With `examined` (what `examine_source` found), only that same file is copied, and all of it: a different file
    at the path (replaced, a FIFO swapped in) or a byte count other than the size examined (truncated or grown
    while copied) is refused with `evidence_file_changed` and nothing is kept.
    `on_bytes(n)` is called after each chunk read; an OSError it raises counts as a failed read, as a USB stick
    pulled out would. Raises UserError `evidence_file_vanished`, `evidence_file_too_large` (the file grew past the
    limit while read), `evidence_file_unreadable`, `evidence_file_changed` or `attachment_disk_full`;
    OperationCancelled passes through. Whatever is raised, no partial file is left in the store.
    """
    name = readable_name(path.name)
    try:
        with open_user_file(path, name=name, codes=_REOPEN_CODES, protected=protected) as opened:
            if examined is not None and examined.identity is not None and opened.identity != examined.identity:
                raise UserError("evidence_file_changed", file=name, expected=examined.size, actual=opened.size)
            blob = _copy(store, opened, name, max_bytes, on_bytes, cancel)
            rewritten = _rewritten_while_copied(opened)  # same size, bytes of before and after mixed: a torn copy
    except FileNotFoundError:
        raise UserError("evidence_file_vanished", file=name) from None
    if examined is not None and blob.size != examined.size:
        if not blob.already_present:
            store.remove(blob.sha256)
        raise UserError("evidence_file_changed", file=name, expected=examined.size, actual=blob.size)
    if rewritten:
        if not blob.already_present:
            store.remove(blob.sha256)
        raise UserError("evidence_file_rewritten", file=name)
    return blob


def _rewritten_while_copied(opened: OpenedFile) -> bool:
    """True when the open file's size or modification time is not what it was when opened: someone wrote to it
    while it was copied (a download or a save still going on)."""
    status = os.fstat(opened.stream.fileno())
    return (status.st_size, status.st_mtime_ns) != opened.identity[2:]


def _copy(store: AttachmentStore, opened: OpenedFile, name: str, max_bytes: int,
          on_bytes: Callable[[int], None] | None, cancel: CancelToken | None) -> StoredBlob:
    try:
        metered: Any = _MeteredReader(opened.stream, on_bytes, cancel)  # reads like the BinaryIO add_stream wants
        return store.add_stream(metered, max_size=max_bytes)
    except SourceVanished:
        raise UserError("evidence_file_vanished", file=name) from None
    except BlobTooLarge:
        raise UserError("evidence_file_too_large", file=name, size=f"> {describe_size(max_bytes)}",
                        limit=describe_size(max_bytes)) from None
    except OSError as error:  # reads are SourceVanished above, so this is the store's side
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise UserError("attachment_disk_full", file=name) from None
        raise
