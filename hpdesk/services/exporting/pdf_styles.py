"""Paragraph and table styles of the packet's attachment pages (附件), and the helpers that use them.

The attachments are working documents rather than the official letter, so they use Noto Sans SC (data, GBK
coverage) in readable sizes; headings follow official-document habit ("一、" bold as 黑体, titles in the 小标宋
substitute). Free text always goes into paragraphs, never into one table cell, so a long narrative splits across
pages instead of making a cell taller than a page; table cells are capped at MAX_CELL_CHARACTERS for the same
reason (the full text is in the Excel and the data file).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table, TableStyle

from hpdesk.services.exporting.pdf_text import SANS, SANS_BOLD, SERIF_BOLD, markup
from hpdesk.services.fonts import pdf_font_name

MAX_CELL_CHARACTERS = 600
# Chinese punctuation that may not start a line. reportlab's CJK wrapping only knows the Japanese set (it has 、。
# but not ，；：？！), so paragraphs started lines with a full-width comma; it hangs such a mark in the margin.
CHINESE_CANNOT_START = "，；：？！）》」』”’〕】…％‰·"


def _teach_reportlab_chinese_line_starts() -> None:
    import reportlab.lib.textsplit as textsplit
    import reportlab.platypus.paragraph as paragraph

    missing = "".join(ch for ch in CHINESE_CANNOT_START if ch not in textsplit.ALL_CANNOT_START)
    # reportlab reads these module globals at wrap time (its stubs call them Final)
    setattr(textsplit, "ALL_CANNOT_START", textsplit.ALL_CANNOT_START + missing)
    setattr(paragraph, "ALL_CANNOT_START", textsplit.ALL_CANNOT_START)


_teach_reportlab_chinese_line_starts()
GRID_COLOUR = colors.Color(0.55, 0.55, 0.55)
HEAD_FILL = colors.Color(0.90, 0.93, 0.97)
GROUP_FILL = colors.Color(0.96, 0.96, 0.96)
ACCENT = colors.Color(0.75, 0.0, 0.05)
MUTED = colors.Color(0.40, 0.40, 0.40)
VERDICT_COLOURS = {"met": colors.Color(0.0, 0.45, 0.2), "not_met": colors.Color(0.78, 0.05, 0.05),
                   "on_track": colors.Color(0.0, 0.35, 0.6), "off_track": colors.Color(0.8, 0.4, 0.0),
                   "needs_judgement": colors.Color(0.35, 0.35, 0.35), "no_value": colors.Color(0.55, 0.55, 0.55)}


@dataclass(frozen=True)
class Styles:
    attachment_no: ParagraphStyle  # 附件1
    title: ParagraphStyle  # the attachment's title, centred
    heading: ParagraphStyle  # 一、
    task_heading: ParagraphStyle
    label: ParagraphStyle  # 【工作开展情况】
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    flag: ParagraphStyle
    cell: ParagraphStyle
    cell_centre: ParagraphStyle
    cell_head: ParagraphStyle
    caption: ParagraphStyle


def make_styles() -> Styles:
    sans, bold, serif = pdf_font_name(SANS), pdf_font_name(SANS_BOLD), pdf_font_name(SERIF_BOLD)

    def style(name: str, font: str, size: float, leading: float, **extra) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **extra)

    return Styles(
        attachment_no=style("attachment_no", bold, 16, 24, spaceAfter=6),
        title=style("title", serif, 20, 30, alignment=TA_CENTER, spaceAfter=14),
        heading=style("heading", bold, 12.5, 20, spaceBefore=10, spaceAfter=4),
        task_heading=style("task_heading", bold, 11, 16, spaceBefore=12, spaceAfter=3, textColor=colors.black),
        label=style("label", bold, 9.5, 14, spaceBefore=3),
        body=style("body", sans, 9.5, 14.5, alignment=TA_LEFT),
        small=style("small", sans, 8, 11),
        note=style("note", sans, 8, 11, textColor=MUTED),
        flag=style("flag", bold, 9, 13, textColor=ACCENT),
        cell=style("cell", sans, 8, 10.5),
        cell_centre=style("cell_centre", sans, 8, 10.5, alignment=TA_CENTER),
        cell_head=style("cell_head", bold, 8, 10.5, alignment=TA_CENTER),
        caption=style("caption", sans, 8, 11, textColor=MUTED, alignment=TA_CENTER, spaceBefore=2, spaceAfter=8),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(markup(text), style)


def cell(text: object, style: ParagraphStyle) -> Paragraph:
    value = str(text)
    if len(value) > MAX_CELL_CHARACTERS:
        value = value[:MAX_CELL_CHARACTERS] + "…（全文见报送表）"
    return para(value, style)


def grid_table(header: list[str], rows: Sequence[Sequence[object]], widths: list[float], styles: Styles, *,
               centred: Collection[int] = (), extra: list[tuple] | None = None) -> Table:
    """A bordered table with a repeated header row; cells become wrapped paragraphs."""
    data: list[list[object]] = [[cell(text, styles.cell_head) for text in header]]
    data += [[value if not isinstance(value, str | int | float) else
              cell(value, styles.cell_centre if index in centred else styles.cell) for index, value in enumerate(row)]
             for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), pdf_font_name(SANS), 8),  # else reportlab selects (unembedded) Helvetica per cell
        ("GRID", (0, 0), (-1, -1), 0.4, GRID_COLOUR),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        *(extra or []),
    ]))
    return table
