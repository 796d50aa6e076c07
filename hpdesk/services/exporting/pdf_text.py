"""Text for the PDF packet: the bundled fonts, per-character font fallback, and the "no silent holes" check.

reportlab draws nothing for a character its font lacks (TECH_NOTES §2). Data is drawn in Noto Sans SC (GBK), the
cover letter in FandolFang (≈GB2312) with a per-character fallback to Noto, titles in Noto Serif SC Bold with a
fallback to Noto Sans Bold. A character none of them covers (a rare name character outside GBK, an emoji) is found
by `glyph_problems` before anything is written, and named with where it occurs; the export refuses, the preview
shows 〓 (the typesetter's mark for a missing character) instead.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from xml.sax.saxutils import escape

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services import fonts
from hpdesk.services.exporting.packet_content import PacketContent, iter_strings, map_strings

FANG, SANS, SANS_BOLD, SERIF_BOLD = (fonts.FontRole.FANG, fonts.FontRole.SANS, fonts.FontRole.SANS_BOLD,
                                     fonts.FontRole.SERIF_BOLD)
LETTER_BODY_ROLES = (FANG, SANS)
TITLE_ROLES = (SERIF_BOLD, SANS_BOLD, SANS)
MISSING_MARK = "〓"
MAX_LISTED_PROBLEMS = 8

register_messages(
    {
        "export_glyphs_missing": (
            "报送材料中有内置字体无法显示的字符，导出前请修改：{details}。（可用常用字替代，或在括号中注明读音）",
            "The packet holds characters the bundled fonts cannot draw; change them before exporting: {details}.",
        ),
    }
)

# Field names as a clerk knows them, for naming where an undrawable character sits.
FIELD_LABELS = {
    "narrative": "工作开展情况", "problems": "存在问题", "next_steps": "下一步计划", "task_text": "任务内容",
    "measures": "推进措施", "work_plan": "工作计划", "title": "标题", "description": "说明", "name": "名称",
    "unit": "单位", "filled_by": "填报人", "reviewer": "审核人", "head": "单位负责人", "reason": "判断理由",
    "value_text": "数值", "source": "数据来源", "doc_number": "文号", "addressee": "主送机关", "issuer": "署名",
    "paragraphs": "正文", "authority": "发文机关", "region": "地区", "text": "数据", "key": "统计项",
    "cover": "报送函", "sign_off": "签发栏",
}


@dataclass(frozen=True)
class GlyphProblem:
    where: str  # "任务 A01-T001 · 工作开展情况"
    characters: str


@functools.lru_cache(maxsize=8)
def _covered(role: fonts.FontRole) -> frozenset[int]:
    return fonts.covered_code_points(role)


@functools.lru_cache(maxsize=8)
def _covered_by_any(roles: tuple[fonts.FontRole, ...]) -> frozenset[int]:
    return frozenset().union(*(_covered(role) for role in roles))


def drawable(character: str, roles: tuple[fonts.FontRole, ...] = (SANS,)) -> fonts.FontRole | None:
    """The first role whose font has `character`, else None."""
    code = ord(character)
    return next((role for role in roles if code in _covered(role)), None)


def font_runs(text: str, roles: tuple[fonts.FontRole, ...]) -> list[tuple[str, str]]:
    """Split `text` into (run, reportlab font name) pieces, each drawn by the first of `roles` that has it.

    Characters no role has stay with the first role (they are reported by `glyph_problems` beforehand).
    """
    runs: list[tuple[str, str]] = []
    for character in text:
        role = drawable(character, roles) or roles[0]
        name = fonts.pdf_font_name(role)
        if runs and runs[-1][1] == name:
            runs[-1] = (runs[-1][0] + character, name)
        else:
            runs.append((character, name))
    return runs


def glyph_problems(content: PacketContent) -> list[GlyphProblem]:
    """Where the content holds characters no bundled font can draw (empty when the PDF will show everything)."""
    found: dict[str, set[str]] = {}
    covered = _covered_by_any(TITLE_ROLES)
    for location, text in iter_strings(content):
        if location[:1] == ("city_tables",):  # the city's own tables go to the Excel only, which shows anything
            continue
        # each distinct character once, against the union of the fonts' coverage: the same answer as asking
        # `drawable` for every character, without 600,000 calls on a 300-photo period (issue 13)
        missing = {ch for ch in set(text).difference("\n\r\t") if ord(ch) not in covered}
        if missing:
            found.setdefault(_where(location), set()).update(missing)
    return [GlyphProblem(where, "".join(sorted(chars))) for where, chars in found.items()]


def check_drawable(content: PacketContent) -> None:
    """UserError('export_glyphs_missing') naming where the content holds characters no bundled font can draw."""
    problems = glyph_problems(content)
    if problems:
        raise UserError("export_glyphs_missing", details=describe_problems(problems))


def describe_problems(problems: list[GlyphProblem]) -> str:
    listed = [f"{p.where}：“{p.characters}”" for p in problems[:MAX_LISTED_PROBLEMS]]
    if len(problems) > MAX_LISTED_PROBLEMS:
        listed.append(f"另有{len(problems) - MAX_LISTED_PROBLEMS}处")
    return "；".join(listed)


def mark_missing(content: PacketContent) -> PacketContent:
    """`content` with every undrawable character replaced by 〓, for previews."""
    return map_strings(content, lambda text: "".join(
        ch if ch in "\n\r\t" or drawable(ch, TITLE_ROLES) is not None else MISSING_MARK for ch in text))


def markup(text: str) -> str:
    """Plain text as Platypus paragraph markup: entities escaped, line breaks kept."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def _where(location: tuple[str, ...]) -> str:
    parts = []
    for part in location:
        if part in ("tasks", "units", "evidence", "files", "indicators", "summary", "city_tables", "rows", "cells",
                    "figures", "by_action", "by_unit", "overdue", "status_counts", "verdict_counts", "header_rows"):
            continue
        if part[:1] == "E" and part[1:].isdigit():
            parts.append(f"佐证材料 {part}")
        elif "-T" in part:
            parts.append(f"任务 {part}")
        elif part[:1] == "I" and part[1:].isdigit():
            parts.append(f"指标 {part}")
        else:
            parts.append(FIELD_LABELS.get(part, part))
    return " · ".join(dict.fromkeys(parts)) or "报送材料"
