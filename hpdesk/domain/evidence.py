"""Evidence (佐证材料): its kinds, document numbers and dates, and the rules for a file's name and content type.

Pure rules without I/O. What a rule finds worth telling the clerk, but not worth refusing, is a notice:
a `Message` (code plus parameters) of the shared catalogue (`domain.messages`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from hpdesk.domain.messages import Message, register_messages

# --- kinds -------------------------------------------------------------------------------------------------------

EVIDENCE_KINDS = {
    "document": "文件/方案", "minutes": "会议纪要", "sign_in": "签到表", "photo": "照片", "screenshot": "截图",
    "statistics": "统计表", "ledger": "台账", "media": "媒体报道", "other": "其他",
}
# Kinds whose files must be pictures: they are shown as pictures in the packet and dated by their EXIF.
IMAGE_KINDS = frozenset({"photo", "screenshot"})
_KIND_ALIASES = {label: code for code, label in EVIDENCE_KINDS.items()} | {
    "文件": "document", "方案": "document", "文件方案": "document", "通知": "document", "纪要": "minutes",
    "签到": "sign_in", "图片": "photo", "相片": "photo", "统计": "statistics", "报道": "media", "新闻报道": "media"}


def evidence_kind_code(text: str) -> str | None:
    """The kind code for a code ('photo'), its Chinese label ('照片') or a common short form ('文件'); else None."""
    wanted = (text or "").strip()
    return wanted.lower() if wanted.lower() in EVIDENCE_KINDS else _KIND_ALIASES.get(wanted)


# --- notices -------------------------------------------------------------------------------------------------------

register_messages(
    {
        "notice_photo_outside_period": (
            "照片 {file} 的拍摄日期是 {taken_on}，不在{period}（{start} 至 {end}）内。请确认没有选错照片；如无误可忽略此提醒。",
            "Photo {file} was taken on {taken_on}, outside {period} ({start} to {end}). Check it is the right "
            "photo; if it is, ignore this notice.",
        ),
        "notice_event_after_period": (
            "佐证日期 {date} 晚于{period}的结束日期 {end}，请核对日期。",
            "The evidence date {date} is after the end of {period} ({end}); check the date.",
        ),
        "notice_type_differs": (
            "文件 {file} 的扩展名是 {extension}，但内容是{actual}；已按实际类型（{media_type}）保存。",
            "{file} is named {extension} but holds {actual}; it was stored as what it is ({media_type}).",
        ),
        "notice_image_unreadable": (
            "图片 {file} 无法打开，可能已损坏；已保存，但没有缩略图和拍摄日期。",
            "The image {file} cannot be opened and may be damaged; it was stored without thumbnail or photo date.",
        ),
        "notice_name_adjusted": (
            "文件名“{file}”含有 Windows 不允许的字符或过长，导出和打开时显示为“{safe_name}”；原文件名已保留。",
            "The name “{file}” has characters Windows does not allow or is too long; exports and viewers use "
            "“{safe_name}”. The original name is kept.",
        ),
        "notice_duplicate_file": (
            "文件 {file} 与本条佐证中的 {other} 内容完全相同，只保留一份。",
            "{file} has the same content as {other} in this evidence; it is kept once.",
        ),
        "notice_followed_link": (
            "文件 {file} 是链接（快捷方式），保存的是它实际指向的文件：{real}。请确认这正是要提交的文件。",
            "{file} is a link; the file it points to was stored: {real}. Check it is the file meant.",
        ),
    }
)


# --- document numbers ----------------------------------------------------------------------------------------------

# A bracketed four-digit year after an issuer's abbreviation and before a serial number with 号: 管卫健[2025]12号.
# Only such a year is touched; everything else, including 第 and leading zeros, stays as the clerk typed it,
# because the number must match the paper it stands for.
_DOC_NUMBER_YEAR = re.compile(
    r"(?P<issuer>[\u3400-\u9fffA-Za-z])\s*[\[［【(（〔]\s*(?P<year>(?:19|20)\d\d)\s*[\]］】)）〕]\s*(?=第?\s*\d+\s*号)"
)


def normalise_doc_number(text: str) -> str:
    """'管卫健[2025]12号', '管卫健（2025）12号', '管卫健 (2025) 12号' → '管卫健〔2025〕12号' (GB/T 9704's 六角括号).

    Several numbers in one field are each normalised. Text that is not clearly a document number is kept verbatim
    (trimmed): '附件(一)', '2025年方案(修订稿)', '无文号'.
    """
    return _DOC_NUMBER_YEAR.sub(lambda m: f"{m.group('issuer')}〔{m.group('year')}〕", (text or "").strip())


# --- dates ---------------------------------------------------------------------------------------------------------

_DATE_TEXT = re.compile(r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?$")


def parse_event_date(text: str) -> date:
    """'2025-05-10', '2025/5/10', '2025.5.10', '2025年5月10日' or '20250510' → a date; ValueError otherwise."""
    wanted = (text or "").strip()
    if re.fullmatch(r"\d{8}", wanted):
        wanted = f"{wanted[:4]}-{wanted[4:6]}-{wanted[6:]}"
    match = _DATE_TEXT.match(wanted)
    if not match:
        raise ValueError(f"not a date: {text!r}")
    return date(int(match["y"]), int(match["m"]), int(match["d"]))


def exif_date(raw: object) -> date | None:
    """The date of an EXIF date-time ('2025:05:10 09:30:00', sometimes with '-' or NULs); None when unset or bad.

    Cameras with an unset clock write '0000:00:00 00:00:00' or blanks: no date is better than a wrong one.
    """
    if isinstance(raw, bytes):
        raw = raw.decode("ascii", "replace")
    if not isinstance(raw, str):
        return None
    match = re.match(r"^\s*(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})", raw.replace("\x00", ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


@dataclass(frozen=True)
class PeriodSpan:
    """The dates of the reporting period an evidence item supports (name: 2025年上半年)."""

    name: str
    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def photo_date_notice(file_name: str, taken_on: date | None, period: PeriodSpan) -> Message | None:
    """A photo whose own date falls outside the period it supports gets a notice, never a refusal: the camera's
    clock may be wrong, and an older photo may be the right one (a poster put up last year)."""
    if taken_on is None or period.contains(taken_on):
        return None
    return Message.of("notice_photo_outside_period", file=file_name, taken_on=taken_on.isoformat(),
                             period=period.name, start=period.start.isoformat(), end=period.end.isoformat())


def event_date_notice(event_date: date | None, period: PeriodSpan) -> Message | None:
    """An event after the period ends is probably a typo. Earlier dates are normal (a plan issued last year)."""
    if event_date is None or event_date <= period.end:
        return None
    return Message.of("notice_event_after_period", date=event_date.isoformat(), period=period.name,
                             end=period.end.isoformat())


# --- file names ----------------------------------------------------------------------------------------------------

_WINDOWS_RESERVED = frozenset({
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"{device}{suffix}" for device in ("COM", "LPT") for suffix in ("0123456789¹²³")),
})
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
_KEPT_FORMAT_CHARACTERS = {"\u200d"}  # zero-width joiner: part of emoji such as 👨‍👩‍👧
MAX_NAME_BYTES = 240  # ext4 and most file systems allow 255 bytes; room is left for a "(2)" when names collide


def _split_extension(name: str) -> tuple[str, str]:
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or not re.fullmatch(r"[0-9A-Za-z]{1,10}", extension):
        return name, ""
    return stem, extension


def safe_file_name(name: str, max_length: int = 120) -> str:
    """A name that is safe on Windows, macOS, Linux and inside a zip, for exports and the system viewer.

    Folder parts become '_' joins ('a/b.pdf' → 'a_b.pdf'; '.' and '..' parts are dropped), control and
    direction-override characters go, Windows' forbidden characters become '_', leading dots and trailing dots
    and spaces go, reserved device names (CON, com1.txt …) get a '_' prefix, and the stem is shortened with '…'
    to `max_length` characters and MAX_NAME_BYTES UTF-8 bytes, keeping the extension. Emoji and Chinese stay.
    The database keeps the original name; only copies of the file ever carry this one.
    """
    text = unicodedata.normalize("NFC", name or "")
    kept = []
    for character in text:
        category = unicodedata.category(character)
        if category == "Cs":  # a byte that was not valid UTF-8 in the file system's name
            kept.append("_")
        elif category in ("Cc", "Cf") and character not in _KEPT_FORMAT_CHARACTERS:
            continue
        else:
            kept.append(character)
    parts = [part for part in re.split(r"[\\/]", "".join(kept)) if part.strip() not in ("", ".", "..")]
    base = _WINDOWS_FORBIDDEN.sub("_", "_".join(parts)).strip().lstrip(".").rstrip(". ")
    stem, extension = _split_extension(base)
    if not stem.strip(" ."):
        stem = "附件"
    if stem.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    suffix = f".{extension}" if extension else ""
    if len(stem) + len(suffix) > max_length or len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
        while stem and (len(stem) + len(suffix) + 1 > max_length
                        or len((stem + "…" + suffix).encode("utf-8")) > MAX_NAME_BYTES):
            stem = stem[:-1]
        stem = stem.rstrip(". ") + "…"
    return stem + suffix


def file_name_notice(original: str, safe: str) -> Message | None:
    """Tell the clerk when exports will show a file under another name (not for mere Unicode normalisation)."""
    if unicodedata.normalize("NFC", original) == safe:
        return None
    return Message.of("notice_name_adjusted", file=original, safe_name=safe)


# --- content types -------------------------------------------------------------------------------------------------

EXTENSION_MEDIA_TYPES = {
    "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "bmp": "image/bmp",
    "tif": "image/tiff", "tiff": "image/tiff", "webp": "image/webp", "heic": "image/heic", "heif": "image/heic",
    "avif": "image/avif",
    "pdf": "application/pdf", "ofd": "application/ofd", "rtf": "application/rtf", "zip": "application/zip",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
    "wps": "application/vnd.ms-works", "et": "application/vnd.ms-excel", "dps": "application/vnd.ms-powerpoint",
    "txt": "text/plain", "csv": "text/csv", "mp4": "video/mp4", "mov": "video/quicktime", "avi": "video/x-msvideo",
    "mp3": "audio/mpeg", "wav": "audio/wav",
}
_PREFERRED_EXTENSION = {
    "image/jpeg": "jpg", "image/tiff": "tif", "image/heic": "heic", "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt", "application/vnd.ms-works": "wps",
}
_MEDIA_TYPE_LABELS = {
    "image/jpeg": "JPEG 图片", "image/png": "PNG 图片", "image/gif": "GIF 图片", "image/bmp": "BMP 图片",
    "image/tiff": "TIFF 图片", "image/webp": "WebP 图片", "image/heic": "HEIC 照片", "image/avif": "AVIF 图片",
    "application/pdf": "PDF 文档",
    "application/ofd": "OFD 版式文档", "application/rtf": "RTF 文档", "application/zip": "压缩包",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word 文档",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel 表格",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint 演示文稿",
    "application/msword": "Word 97-2003 文档", "application/vnd.ms-excel": "Excel 97-2003 表格",
    "application/vnd.ms-powerpoint": "PowerPoint 97-2003 演示文稿", "application/vnd.ms-works": "WPS 文档",
    "application/x-ole-storage": "旧版 Office 文件", "text/plain": "文本文件", "text/csv": "CSV 表格",
    "video/mp4": "MP4 视频", "video/quicktime": "QuickTime 视频", "video/x-msvideo": "AVI 视频",
    "audio/mpeg": "MP3 音频", "audio/wav": "WAV 音频", "application/octet-stream": "无法识别的内容",
}


def is_image_type(media_type: str) -> bool:
    return media_type.startswith("image/")


def file_extension(file_name: str) -> str:
    """The lower-case extension without its dot ('' when there is none)."""
    return _split_extension(file_name.strip().rstrip(". "))[1].lower()


def expected_media_type(file_name: str) -> str | None:
    """What the name's extension promises, when we know the extension."""
    return EXTENSION_MEDIA_TYPES.get(file_extension(file_name))


def media_type_label(media_type: str) -> str:
    """'PDF 文档', 'JPEG 图片' … for messages; the media type itself when we have no label."""
    return _MEDIA_TYPE_LABELS.get(media_type, media_type)


def viewer_file_name(safe_name: str, media_type: str) -> str:
    """The name for a copy handed to the system viewer: the extension is made to fit the content, so that a PDF
    that arrived as 'x.jpg' opens as 'x.jpg.pdf' in a PDF viewer instead of failing in a picture viewer."""
    expected = expected_media_type(safe_name)
    if expected is not None and _same_family(expected, media_type):
        return safe_name
    extension = _PREFERRED_EXTENSION.get(media_type) or next(
        (ext for ext, known in EXTENSION_MEDIA_TYPES.items() if known == media_type), None)
    return f"{safe_name}.{extension}" if extension else safe_name


def _same_family(promised: str, actual: str) -> bool:
    if is_image_type(promised) and is_image_type(actual):
        return True  # a PNG named .jpg opens in every picture viewer
    if promised.startswith("text/") and actual.startswith("text/"):
        return True
    return promised == actual


@dataclass(frozen=True)
class TypeVerdict:
    """`refusal` is a UserError code (the file must not be added); `notice` a warning for a file that is kept."""

    refusal: str | None = None
    notice: Message | None = None


def judge_file_type(kind: str, file_name: str, media_type: str, image_readable: bool = True) -> TypeVerdict:
    """The policy for a file whose name and content disagree, chosen to help the clerk rather than to be strict:

    - a photo or screenshot (IMAGE_KINDS) named like an image whose content is not one is refused
      (`evidence_not_an_image`): it is almost always the wrong file, a failed download or a renamed document;
    - an image that cannot be opened is refused for those kinds (`evidence_image_damaged`) and kept with a notice
      for the others;
    - for every other kind, a file whose content differs from its extension is stored as what it really is,
      with a notice (`notice_type_differs`): a PDF called '.jpg' is still good evidence of a meeting;
    - a document honestly named (a PDF of photos under 照片) is accepted without comment: offices often paste
      photos into one Word or PDF file.
    """
    promised = expected_media_type(file_name)
    if is_image_type(media_type):
        if not image_readable:
            if kind in IMAGE_KINDS:
                return TypeVerdict(refusal="evidence_image_damaged")
            return TypeVerdict(notice=Message.of("notice_image_unreadable", file=file_name))
        if promised is None or is_image_type(promised):
            return TypeVerdict()
    elif promised is not None and is_image_type(promised) and kind in IMAGE_KINDS:
        return TypeVerdict(refusal="evidence_not_an_image")
    if promised is None or _same_family(promised, media_type):
        return TypeVerdict()
    return TypeVerdict(notice=Message.of(
        "notice_type_differs", file=file_name, extension="." + file_extension(file_name),
        actual=media_type_label(media_type), media_type=media_type))


def describe_size(size: int) -> str:
    """'2.0 GB', '350 MB', '12 KB', '0 B' for messages."""
    for unit, scale in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size} B"
