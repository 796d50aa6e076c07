"""The cover letter (报送函) laid out per GB/T 9704-2012《党政机关公文格式》 (TECH_NOTES §3).

Page: A4; top margin 37 mm, binding (left) margin 28 mm; type area 156 × 225 mm holding 22 lines of 28 characters of
16 pt (3号) 仿宋: a 28.99 pt line pitch and −0.215 pt character spacing (28 characters, 27 gaps, exactly fill
156 mm). Everything sits on that 22-line grid:
- 版头: the issuing authority (red, 小标宋 substitute) with its top edge 35 mm below the top of the type area,
  scaled horizontally to fit the type width; the document number 〔〕 centred two lines below it; a red rule the
  width of the type area 4 mm below the number;
- the title (22 pt 小标宋) two blank lines below the rule, centred, broken into balanced lines (梯形/菱形) at the
  breaks the wording allows; the addressee one blank line below, flush left, full-width colon;
- the body with a two-character first-line indent, lines justified to the type width (punctuation that may not
  start a line hangs at the end, as Word does by default for Chinese);
- the attachment note one blank line below the body, two characters in ("附件：1.…", later items aligned under "1.",
  wrapped names aligned with their first character);
- the issuer centred over the date, the date four characters in from the right, both just below the centre of the
  seal area that starts within one line of the text above; the seal area, issuer and date never start a page alone.
Page numbers ("— 1 —", 14 pt, 7 mm below the type area, odd pages right and even pages left, one character in)
are drawn by the page template in pdf_packet.py, which uses the same constants.

The whole letter is one `GridLetter` flowable whose lines are whole grid slots, so it splits across pages on the
grid. Each character is drawn in the first bundled font that has it (FandolFang, then Noto Sans SC).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from hpdesk.services.exporting.packet_content import CoverLetter
from hpdesk.services.exporting.pdf_text import LETTER_BODY_ROLES, TITLE_ROLES, font_runs

PAGE_WIDTH, PAGE_HEIGHT = A4
TOP_MARGIN, LEFT_MARGIN = 37 * mm, 28 * mm
TYPE_WIDTH, TYPE_HEIGHT = 156 * mm, 225 * mm
BOTTOM_MARGIN = PAGE_HEIGHT - TOP_MARGIN - TYPE_HEIGHT  # 35 mm
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
PITCH = TYPE_HEIGHT / LINES_PER_PAGE  # 28.99 pt
BODY_SIZE, TITLE_SIZE, PAGE_NUMBER_SIZE = 16.0, 22.0, 14.0
CHAR_SPACE = -(CHARS_PER_LINE * BODY_SIZE - TYPE_WIDTH) / (CHARS_PER_LINE - 1)  # −0.2146 pt
EM = BODY_SIZE + CHAR_SPACE  # the advance of one Chinese character on the grid
RED = colors.Color(0.9, 0.0, 0.07)
MARK_TOP = 35 * mm
MARK_SIZE = 36.0  # the authority mark's height; it is compressed horizontally when the name is long
MARK_MIN_SCALE = 60.0  # percent; below that the mark gets smaller instead of narrower
RULE_WIDTH = 1.5
ASCENT = 0.88  # ideographic em box above the baseline, as a fraction of the size (Noto/Fandol: 880/1000)
MAX_JUSTIFY_SLACK = 3 * EM  # a line short by more (a long number moved down) stays ragged instead of spaced out
NO_LINE_START = frozenset("，。、；：！？）》」』”’〕】…—%‰·")
NO_LINE_END = frozenset("（《「『“‘〔【")
_UNBREAKABLE = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.%-")


@dataclass(frozen=True)
class Run:
    x: float
    text: str
    font: str
    size: float
    char_space: float = CHAR_SPACE
    colour: colors.Color = colors.black
    horizontal_scale: float = 100.0


@dataclass(frozen=True)
class GridLine:
    """One or more grid slots; `keep_with_next` forbids a page break after it. `paint(canvas, top)` draws extras
    (rules) relative to the slot's top edge in flowable coordinates."""

    runs: tuple[Run, ...] = ()
    slots: int = 1
    keep_with_next: bool = False
    paint: Callable | None = field(default=None, compare=False)


class GridLetter(Flowable):
    """Grid lines drawn top-down from the frame's top; splits between lines where `keep_with_next` allows."""

    def __init__(self, lines: list[GridLine]) -> None:
        super().__init__()
        self.lines = lines
        self.slots = sum(line.slots for line in lines)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return TYPE_WIDTH, self.slots * PITCH

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        fit = int(available_height / PITCH + 1e-6)
        used, cut = 0, 0
        for index, line in enumerate(self.lines):
            if used + line.slots > fit:
                break
            used += line.slots
            if not line.keep_with_next:
                cut = index + 1
        if cut == 0 or cut == len(self.lines):
            return []
        return [GridLetter(self.lines[:cut]), GridLetter(self.lines[cut:])]

    def draw(self) -> None:
        canvas = self.canv
        top = self.slots * PITCH
        for line in self.lines:
            for run in line.runs:
                baseline = top - (PITCH - run.size) / 2 - ASCENT * run.size
                text = canvas.beginText(run.x, baseline)
                text.setFont(run.font, run.size)
                text.setCharSpace(run.char_space)
                text.setHorizScale(run.horizontal_scale)
                text.setFillColor(run.colour)
                text.textOut(run.text)
                canvas.drawText(text)
            if line.paint is not None:
                canvas.saveState()
                line.paint(canvas, top)
                canvas.restoreState()
            top -= line.slots * PITCH


def letter_flowable(letter: CoverLetter) -> GridLetter:
    """The cover letter as one flowable for a frame exactly the type area (padding 0) on the letter's pages."""
    lines: list[GridLine] = [_head(letter), GridLine(), GridLine()]
    for text in balance_title(letter.title, letter_title_breaks(letter)):
        lines.append(_centred(text, TITLE_ROLES, TITLE_SIZE, keep_with_next=True))
    lines.append(GridLine(keep_with_next=True))
    lines.extend(_wrapped(f"{letter.addressee}：", indent=0.0, first_indent=0.0))
    for paragraph in letter.paragraphs:
        lines.extend(_wrapped(paragraph, indent=0.0, first_indent=2 * EM))
    if letter.attachments:
        lines.append(GridLine())
        label = "附件："
        label_width = _width(label, BODY_SIZE, CHAR_SPACE)
        for number, name in enumerate(letter.attachments, start=1):
            prefix = f"{number}."
            start = 2 * EM + label_width
            name_indent = start + _width(prefix, BODY_SIZE, CHAR_SPACE)
            wrapped = _wrapped(name, indent=name_indent, first_indent=name_indent, justify=False)
            label_runs = _runs(label, 2 * EM, LETTER_BODY_ROLES, BODY_SIZE) if number == 1 else []
            wrapped[0] = GridLine((*label_runs, *_runs(prefix, start, LETTER_BODY_ROLES, BODY_SIZE), *wrapped[0].runs))
            lines.extend(wrapped)
    lines[-1] = dataclasses.replace(lines[-1], keep_with_next=True)  # the seal area never opens a page alone
    lines.extend(_signature(letter))
    return GridLetter(lines)


def letter_title_breaks(letter: CoverLetter) -> tuple[int, ...]:
    """Offsets in the title where a line break reads well: after 关于报送, after the period, before 工作."""
    title, breaks = letter.title, []
    for marker, after in (("关于报送", True), ("年上半年", True), ("年下半年", True), ("年度", True), ("季度", True),
                          ("工作进展", False), ("行动", True)):
        position = title.find(marker)
        if position > 0:
            breaks.append(position + len(marker) if after else position)
    return tuple(sorted(set(b for b in breaks if 0 < b < len(title))))


def balance_title(title: str, breaks: tuple[int, ...] = (), max_width: float = TYPE_WIDTH - 2 * EM) -> list[str]:
    """Split the title into the fewest lines that fit `max_width`, as equal as possible (GB/T 9704: 梯形或菱形),
    preferring `breaks`; any position between characters is used only when the preferred ones cannot fit."""
    def width(text: str) -> float:
        return sum(stringWidth(run, font, TITLE_SIZE) for run, font in font_runs(text, TITLE_ROLES))

    if width(title) <= max_width:
        return [title]
    for count in range(2, 6):
        for candidates in (breaks, tuple(range(1, len(title)))):
            best: tuple[float, list[str]] | None = None
            for cut in itertools.combinations(candidates, count - 1):
                pieces = [title[a:b] for a, b in zip((0, *cut), (*cut, len(title)))]
                widths = [width(piece) for piece in pieces]
                if max(widths) > max_width or any(piece[:1] in NO_LINE_START for piece in pieces):
                    continue
                score = max(widths) - min(widths)
                if best is None or score < best[0]:
                    best = (score, pieces)
            if best is not None:
                return best[1]
    return [title]


# --- pieces --------------------------------------------------------------------------------------------------------


def _head(letter: CoverLetter) -> GridLine:
    """The 版头 as one block of whole grid slots: authority mark, document number, red rule."""
    mark_runs = _mark_runs(letter.authority)
    mark_bottom = MARK_TOP + MARK_SIZE  # below the type area's top
    number_slot_top = mark_bottom + 2 * PITCH
    rule_depth = number_slot_top + (PITCH - BODY_SIZE) / 2 + BODY_SIZE + 4 * mm
    slots = int(rule_depth / PITCH) + 1  # the rule falls inside the last slot of the block

    def paint(canvas, top: float) -> None:
        mark_baseline = top - MARK_TOP - ASCENT * MARK_SIZE
        for run in mark_runs:
            text = canvas.beginText(run.x, mark_baseline)
            text.setFont(run.font, run.size)
            text.setHorizScale(run.horizontal_scale)
            text.setFillColor(RED)
            text.textOut(run.text)
            canvas.drawText(text)
        if letter.doc_number:
            runs = _centred(letter.doc_number, LETTER_BODY_ROLES, BODY_SIZE).runs
            baseline = top - number_slot_top - (PITCH - BODY_SIZE) / 2 - ASCENT * BODY_SIZE
            for run in runs:
                text = canvas.beginText(run.x, baseline)
                text.setFont(run.font, run.size)
                text.setCharSpace(run.char_space)
                text.setFillColor(colors.black)  # the authority mark above left the fill red
                text.textOut(run.text)
                canvas.drawText(text)
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(RULE_WIDTH)
        canvas.line(0, top - rule_depth, TYPE_WIDTH, top - rule_depth)

    return GridLine((), slots=slots, keep_with_next=True, paint=paint)


def _mark_runs(text: str) -> list[Run]:
    size, runs = MARK_SIZE, font_runs(text, TITLE_ROLES)
    natural = sum(stringWidth(run, font, size) for run, font in runs)
    scale = min(100.0, 100.0 * TYPE_WIDTH / natural) if natural else 100.0
    if scale < MARK_MIN_SCALE:
        size, scale = size * scale / MARK_MIN_SCALE, MARK_MIN_SCALE
    width = natural * size / MARK_SIZE * scale / 100
    x, result = (TYPE_WIDTH - width) / 2, []
    for run, font in runs:
        result.append(Run(x, run, font, size, 0.0, RED, scale))
        x += stringWidth(run, font, size) * scale / 100
    return result


def _runs(text: str, x: float, roles, size: float, char_space: float = CHAR_SPACE) -> list[Run]:
    result = []
    for run, font in font_runs(text, roles):
        result.append(Run(x, run, font, size, char_space))
        x += stringWidth(run, font, size) + char_space * len(run)
    return result


def _width(text: str, size: float, char_space: float, roles=LETTER_BODY_ROLES) -> float:
    """Width on the grid: glyph advances plus spacing between characters (none after the last)."""
    if not text:
        return 0.0
    return sum(stringWidth(run, font, size) for run, font in font_runs(text, roles)) + char_space * (len(text) - 1)


def _centred(text: str, roles, size: float, keep_with_next: bool = False) -> GridLine:
    space = CHAR_SPACE if size == BODY_SIZE else 0.0
    width = _width(text, size, space, roles)
    return GridLine(tuple(_runs(text, (TYPE_WIDTH - width) / 2, roles, size, space)), keep_with_next=keep_with_next)


def _tokens(text: str) -> list[str]:
    """Characters, except that runs of Latin letters and digits ("2025", "12.5%") stay together."""
    tokens: list[str] = []
    for character in text:
        if tokens and character in _UNBREAKABLE and tokens[-1][-1] in _UNBREAKABLE:
            tokens[-1] += character
        else:
            tokens.append(character)
    return tokens


def _wrapped(text: str, *, indent: float, first_indent: float, justify: bool = True) -> list[GridLine]:
    """Body text broken into grid lines of the type width; every line but the last justified to both edges."""
    lines: list[list[str]] = [[]]
    used = first_indent
    for token in _tokens(text.replace("\n", "")):
        advance = _width(token, BODY_SIZE, CHAR_SPACE) + CHAR_SPACE
        if lines[-1] and used + advance - CHAR_SPACE > TYPE_WIDTH + 0.01 and token[0] not in NO_LINE_START:
            carried: list[str] = []
            while lines[-1] and lines[-1][-1][-1] in NO_LINE_END:  # an opening bracket never ends a line
                carried.insert(0, lines[-1].pop())
            lines.append(carried)
            used = indent + sum(_width(t, BODY_SIZE, CHAR_SPACE) + CHAR_SPACE for t in carried)
            if token == " " and not carried:  # a space where the line breaks is not drawn
                continue
        lines[-1].append(token)
        used += advance
    result = []
    for number, tokens in enumerate(lines):
        line_text = "".join(tokens).rstrip(" ")
        start = first_indent if number == 0 else indent
        space = CHAR_SPACE
        if justify and number < len(lines) - 1 and len(line_text) > 1:
            slack = TYPE_WIDTH - start - _width(line_text, BODY_SIZE, CHAR_SPACE)
            if 0 < slack <= MAX_JUSTIFY_SLACK:
                space += slack / (len(line_text) - 1)
        result.append(GridLine(tuple(_runs(line_text, start, LETTER_BODY_ROLES, BODY_SIZE, space))))
    return result


def _signature(letter: CoverLetter) -> list[GridLine]:
    """Two blank lines (the upper half of the seal area), the issuer centred over the date, the date 4 characters
    in from the right. Kept together, and with the line before them."""
    date_width = _width(letter.date_text, BODY_SIZE, CHAR_SPACE)
    date_x = TYPE_WIDTH - 4 * EM - date_width
    centre = date_x + date_width / 2
    issuer_width = _width(letter.issuer, BODY_SIZE, CHAR_SPACE)
    issuer_x = max(0.0, min(centre - issuer_width / 2, TYPE_WIDTH - issuer_width))
    return [
        GridLine(keep_with_next=True), GridLine(keep_with_next=True),
        GridLine(tuple(_runs(letter.issuer, issuer_x, LETTER_BODY_ROLES, BODY_SIZE)), keep_with_next=True),
        GridLine(tuple(_runs(letter.date_text, date_x, LETTER_BODY_ROLES, BODY_SIZE))),
    ]

