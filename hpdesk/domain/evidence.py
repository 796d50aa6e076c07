"""Evidence (佐证材料): kinds, document numbers, file names safe to show and export, the date-in-period rule."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

EVIDENCE_KINDS = {
    "document": "文件/方案", "minutes": "会议纪要", "sign_in": "签到表", "photo": "照片", "screenshot": "截图",
    "statistics": "统计表", "ledger": "台账", "media": "媒体报道", "other": "其他",
}
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_DOC_NUMBER = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{1,12})\s*[\[［【(（〔]\s*(?P<year>(?:19|20)\d{2})\s*[\]］】)）〕]"
                         r"\s*(?:第)?\s*(?P<number>\d+)\s*号$")


def normalise_doc_number(text: str) -> str:
    """'管卫健[2025]12号' / '管卫健（2025）第12号' → '管卫健〔2025〕12号'; anything else is kept as written (trimmed)."""
    stripped = (text or "").strip()
    match = _DOC_NUMBER.match(stripped)
    if not match:
        return stripped
    return f"{match.group('prefix')}〔{match.group('year')}〕{int(match.group('number'))}号"


def safe_file_name(name: str, max_length: int = 120) -> str:
    """A name that is safe on Windows and in a zip: no folders, control characters, reserved names or trailing dots.

    The original name is kept in the database; this is what exports and the system viewer see.
    """
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    base = re.sub(r'[<>:"|?*]', "_", base).strip().rstrip(". ")
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    if stem.upper() in _WINDOWS_RESERVED or not stem:
        stem = f"_{stem}" if stem else "附件"
    extension = extension[:10]
    room = max_length - (len(extension) + 1 if extension else 0)
    return stem[:room] + (f".{extension}" if extension else "")


def outside_period(taken_on: date | None, start: date, end: date) -> bool:
    """A photo's own date outside the period it supports (a warning, never a refusal)."""
    return taken_on is not None and not (start <= taken_on <= end)
