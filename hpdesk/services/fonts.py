"""The CJK fonts hpdesk bundles (resources/fonts/, built by installer/build_fonts.py), for PDFs and coverage checks.

Every PDF hpdesk writes embeds these TrueType subsets; nothing uses reportlab's built-in STSong-Light, whose look
depends on the viewer's machine (TECH_NOTES §2). reportlab silently draws nothing for a character its font lacks, so
exporters call `missing_glyphs()` first and report such characters (rare name characters outside GBK, for example)
instead of shipping a PDF with holes.

Roles: `SANS`/`SANS_BOLD` (Noto Sans SC, GBK) for data, tables and stamps; `SERIF_BOLD` (Noto Serif SC Bold, GBK)
for titles, a 小标宋 substitute; `FANG` (FandolFang, ≈GB2312 only) for GB/T 9704 body text; `KAI` (FandolKai) only
when the optional file was built. No Qt here: the UI registers the same files with QFontDatabase itself.
"""

from __future__ import annotations

import enum
import functools
import threading
from dataclasses import dataclass
from pathlib import Path

from hpdesk import paths
from hpdesk.domain.errors import UserError, register_messages

register_messages(
    {
        "font_file_missing": (
            "缺少内置字体文件：{path}。请重新安装本软件。",
            "A bundled font file is missing: {path}. Please reinstall hpdesk.",
        ),
    }
)


class FontRole(enum.StrEnum):
    SANS = "sans"
    SANS_BOLD = "sans_bold"
    SERIF_BOLD = "serif_bold"
    FANG = "fang"
    KAI = "kai"


@dataclass(frozen=True)
class BundledFont:
    role: FontRole
    pdf_name: str  # the name registered in reportlab's pdfmetrics
    file_name: str
    required: bool  # False: the build may leave it out (size budget); registration then skips it


BUNDLED_FONTS: dict[FontRole, BundledFont] = {
    font.role: font
    for font in (
        BundledFont(FontRole.SANS, "HpSans", "NotoSansSC-GBK.ttf", True),
        BundledFont(FontRole.SANS_BOLD, "HpSansBold", "NotoSansSC-GBK-Bold.ttf", True),
        BundledFont(FontRole.SERIF_BOLD, "HpSerifBold", "NotoSerifSC-Bold-GBK.ttf", True),
        BundledFont(FontRole.FANG, "HpFang", "FandolFang-Regular.ttf", True),
        BundledFont(FontRole.KAI, "HpKai", "FandolKai-Regular.ttf", False),
    )
}

# Characters that are layout, not glyphs: reportlab never looks them up, so they are never "missing".
_LAYOUT_CHARACTERS = frozenset("\n\r\t\f\v\u200b\u200c\u200d\ufeff")

_registration_lock = threading.Lock()
_registered_from: dict[FontRole, Path] = {}


def font_path(role: FontRole | str) -> Path:
    """Absolute path of the bundled file for `role` (whether or not it exists)."""
    return paths.fonts_dir() / BUNDLED_FONTS[FontRole(role)].file_name


def pdf_font_name(role: FontRole | str) -> str:
    """The reportlab font name for `role`; valid after `register_pdf_fonts()`."""
    return BUNDLED_FONTS[FontRole(role)].pdf_name


def register_pdf_fonts() -> dict[FontRole, str]:
    """Register every available bundled font in reportlab once; returns role → registered name.

    Idempotent and thread-safe. Also registers the family "HpSans" (normal/bold) so `<b>` in Platypus paragraphs
    switches to the real bold face. Raises UserError('font_file_missing') when a required file is absent.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _registration_lock:
        for font in BUNDLED_FONTS.values():
            path = font_path(font.role)
            if _registered_from.get(font.role) == path:
                continue
            if not path.is_file():
                if font.required:
                    raise UserError("font_file_missing", path=str(path))
                continue
            pdfmetrics.registerFont(TTFont(font.pdf_name, str(path)))
            _registered_from[font.role] = path
        if FontRole.SANS in _registered_from and FontRole.SANS_BOLD in _registered_from:
            sans, bold = pdf_font_name(FontRole.SANS), pdf_font_name(FontRole.SANS_BOLD)
            addMapping(sans, 0, 0, sans)
            addMapping(sans, 1, 0, bold)
            addMapping(sans, 0, 1, sans)
            addMapping(sans, 1, 1, bold)
        return {role: pdf_font_name(role) for role in _registered_from}


@functools.lru_cache(maxsize=None)
def _code_points(path: Path, modified_ns: int) -> frozenset[int]:
    # modified_ns is part of the cache key so a rebuilt font file is read again.
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


def covered_code_points(role: FontRole | str) -> frozenset[int]:
    """The code points the bundled font for `role` has glyphs for. Raises UserError if the file is missing."""
    path = font_path(role)
    if not path.is_file():
        raise UserError("font_file_missing", path=str(path))
    return _code_points(path, path.stat().st_mtime_ns)


def missing_glyphs(text: str, font_role: FontRole | str) -> set[str]:
    """The distinct characters of `text` the font for `font_role` cannot draw (line breaks and tabs excepted)."""
    covered = covered_code_points(font_role)
    return {ch for ch in set(text) if ch not in _LAYOUT_CHARACTERS and ord(ch) not in covered}
