"""A first guess, per file, of what dropped files are as evidence: kind, title and the event's date.

Several files dropped at once are usually different things (a photo, the notice as PDF, the minutes as a document),
so each gets its own suggestion, which the clerk edits before anything is stored:
- kind from words in the name (纪要 → 会议纪要, 签到 → 签到表, 台账, 截图, 统计, 报道, 通知/方案 → 文件/方案), else from
  the type (pictures → 照片, spreadsheets → 统计表, the rest → 文件/方案);
- title: the name without its extension, unless it is a camera's name (IMG_0012, DSC00012, 微信图片_2026…), then
  "现场照片" — a camera's counter tells the city nothing;
- date: a photo's own EXIF date, else a date written in the name (20260912, 2026-09-12, 2026年9月12日).
Reads only EXIF; never raises on a broken file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hpdesk.services.attachment_intake import photo_date

_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic"}
_TABLE_SUFFIXES = {".xls", ".xlsx", ".et", ".csv"}
_NAME_KINDS = (  # first match wins: 会议签到表 is a sign-in sheet, not minutes
    (("签到",), "sign_in"), (("纪要", "会议记录"), "minutes"), (("台账",), "ledger"),
    (("截图", "截屏", "screenshot", "屏幕"), "screenshot"), (("统计", "汇总表", "报表"), "statistics"),
    (("报道", "新闻", "报刊"), "media"), (("通知", "方案", "文件", "意见", "办法", "〔", "[2"), "document"),
)
_CAMERA_NAME = re.compile(r"^(img|dsc|dscn|dcim|pxl|mmexport|wx_camera|微信图片|screenshot|photo|image|p)[_\-\s]?[\d_\-\s]*$",
                          re.IGNORECASE)
_NAME_DATE = re.compile(r"(20\d{2})(?:[-_.年/]?)(\d{1,2})(?:[-_.月/]?)(\d{1,2})日?")


@dataclass(frozen=True)
class EvidenceSuggestion:
    """What one file probably is; every field is the clerk's to change."""

    path: Path
    kind: str
    title: str
    event_date: date | None


def _kind(path: Path) -> str:
    name = path.stem.lower()
    for words, kind in _NAME_KINDS:
        if any(word.lower() in name for word in words):
            return kind
    suffix = path.suffix.lower()
    if suffix in _IMAGE_SUFFIXES:
        return "photo"
    if suffix in _TABLE_SUFFIXES:
        return "statistics"
    return "document"


def _date_in_name(stem: str) -> date | None:
    for match in _NAME_DATE.finditer(stem):
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
    return None


def suggest_for_file(path: Path) -> EvidenceSuggestion:
    """The suggestion for one file (see the module docstring)."""
    kind = _kind(path)
    is_picture = path.suffix.lower() in _IMAGE_SUFFIXES
    event_date = (photo_date(path) if is_picture else None) or _date_in_name(path.stem)
    title = path.stem.strip()
    if _CAMERA_NAME.match(title) or not title:
        title = "截图" if kind == "screenshot" else "现场照片"
    return EvidenceSuggestion(path, kind, title, event_date)


def suggest_for_files(paths: list[Path]) -> list[EvidenceSuggestion]:
    """One suggestion per file, in the order given."""
    return [suggest_for_file(Path(path)) for path in paths]
