"""What task tables and indicator tables share: row issues, actions, the plan a table belongs to, and sorting the rows
under the header into records, skipped rows and action headings.

`table_parsing.parse_table` is the entry point: it hands the grid to `task_table` or `indicator_table` by the layout.
Nothing is dropped silently: every skipped row (repeated header, column numbers, notes) gets an info issue, every
row that looks broken is kept as a record and flagged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from hpdesk.domain.grid import Grid, GridRow, cell_range, frozen_instance
from hpdesk.domain.messages import Message, register_messages
from hpdesk.domain.table_layout import TableLayout, is_column_number_row, is_notes_row, is_repeated_header

if TYPE_CHECKING:  # they import this module
    from hpdesk.domain.indicator_table import ParsedIndicator
    from hpdesk.domain.task_table import ParsedTask

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                  "九": 9}
_N = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
# One numbering: （一） (11) 第三项 1、 一、 1. (not '1.5') or '1 ' before the title.
_ONE_LABEL = (rf"(?:[（(]\s*(?:{_N})\s*[）)]\s*[.、．]?|第\s*(?:{_N})\s*[项个条]?\s*[、.．:：]?"
              rf"|(?:{_N})\s*(?:[、．,，:：]|\.(?!\d))|\d{{1,2}}(?=\s))")
_ACTION_LABEL = re.compile(
    rf"^\s*(?P<first>{_ONE_LABEL})(?:\s*[—\-－~～至到]+\s*(?P<second>{_ONE_LABEL}|{_N}))?\s*(?P<title>\S.*)$", re.S
)
_DIGITS = re.compile(_N)
_IDENTITY_DROP = re.compile(r"[\W_]+")  # \W covers every space: no character is both
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH_ALNUM = re.compile(r"[\uff10-\uff5a]")
_KEY_DROP = re.compile(r"[\s。.、，,：:；;（）()《》“”\"'—\-]")
_PLAN_NAME = re.compile(r"健康[\u4e00-\u9fff]{1,8}?行动|健康[\u4e00-\u9fff]{1,8}?建设")
_BOOK_TITLE = re.compile(r"《(?P<name>[^》]{2,60})》")
_TABLE_WORDS = re.compile(
    r"(?:工作)?任务分解表|重点任务(?:及责任(?:分工)?)?(?:清单|表)?|主要(?:发展)?指标(?:表)?|指标(?:体系|表)|任务清单|附件\s*\d*"
)
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_ISSUE_DATE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
_SPAN = re.compile(r"((?:19|20)\d{2})\s*[-—－~～至到]+\s*((?:19|20)\d{2})\s*年?")


register_messages({  # rows skipped on purpose (info issues)
    "row_repeated_header": ("表头重复出现（分页处），已跳过", "The header repeats here (a page break); skipped"),
    "row_column_numbers": ("表头下的栏目编号行，已跳过", "The column numbers under the header; skipped"),
    "row_notes_row": ("表格中的注释或说明文字，已跳过", "A note or explanation inside the table; skipped"),
    "row_action_heading": ("专项行动标题行", "The heading of an action"),
})


@dataclass(frozen=True)
class RowIssue:
    """Something the clerk should look at, with the sheet row number they will find it under in their own file."""

    sheet: str
    row: int
    column: str  # column letter, or '' for the whole row
    code: str  # fragment | shifted_cells | blank_departments | action_goal | repeated_header | notes_row | …
    detail: Message  # for the clerk, rendered at the edge in their language
    severity: str = "warning"  # info (skipped on purpose) | warning (kept, please check)


@dataclass(frozen=True)
class ActionLabel:
    number: int | None
    number_end: int | None  # '(十一)—(十四)…' spans several actions: 11 … 14
    label: str  # the numbering verbatim: '1.', '（一）', '(十一)—(十四)'
    title: str


@dataclass(frozen=True)
class ParsedAction:
    key: str  # identifies the action within the table (number, or normalised title when unnumbered)
    number: int | None
    number_label: str
    title: str
    first_row: int = 0
    number_end: int | None = None


@dataclass(frozen=True)
class PlanHeading:
    """What the rows above the header say about the plan."""

    key: str  # stable: the same plan's task and indicator tables, and its revisions, share it
    title: str
    doc_number: str = ""
    span_start: int | None = None
    span_end: int | None = None
    issuer: str = ""
    issued_on: date | None = None


@dataclass(frozen=True)
class DataRecord:
    """One record of the table: its first sheet row plus any continuation rows (merged over several rows)."""

    row: GridRow
    last_row: int
    action_key: str
    source_range: str


@dataclass(frozen=True)
class ParsedTable:
    kind: str
    sheet: str
    title: str  # the title lines above the header, joined
    actions: tuple[ParsedAction, ...]
    tasks: tuple[ParsedTask, ...] = ()
    indicators: tuple[ParsedIndicator, ...] = ()
    issues: tuple[RowIssue, ...] = field(default_factory=tuple)
    heading: PlanHeading | None = None

    @property
    def rows(self) -> tuple[ParsedTask, ...] | tuple[ParsedIndicator, ...]:
        """The task rows of a task table, the indicator rows of an indicator table."""
        return self.tasks if self.kind == "tasks" else self.indicators


def chinese_number(text: str) -> int | None:
    """'十一' → 11, '二十' → 20, '九' → 9, '12' → 12; None when not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(char not in CHINESE_DIGITS and char != "十" for char in text):
        return None
    if "十" not in text:
        return CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    return (CHINESE_DIGITS.get(tens, 0) if tens else 1) * 10 + (CHINESE_DIGITS.get(ones, 0) if ones else 0)


def parse_action_label(text: str) -> ActionLabel:
    """'（十一）心脑血管疾病防治行动' → 11, '（十一）', '心脑血管疾病防治行动'; '(十一)—(十四)…' → 11 to 14;
    '1. 开展…行动。' → 1, '1.', '开展…行动'. Text without numbering (or a bare serial '12') → number None, whole title."""
    match = _ACTION_LABEL.match(text)
    title = match.group("title").strip().rstrip("。.") if match else ""
    if not match or not title:
        return ActionLabel(None, None, "", text.strip().rstrip("。."))
    number = chinese_number(_DIGITS.search(match.group("first")).group())  # type: ignore[union-attr]
    second = match.group("second")
    end = chinese_number(_DIGITS.search(second).group()) if second else None  # type: ignore[union-attr]
    label = text[: match.start("title")].strip()
    return ActionLabel(number, end, label, title)


def action_key(text: str) -> str:
    """The action a cell names: its number when it has one ('#11'), else its normalised title."""
    label = parse_action_label(text)
    if label.number is not None:
        return f"#{label.number}" + (f"-{label.number_end}" if label.number_end else "")
    return _KEY_DROP.sub("", label.title)


def plan_heading(title_lines: tuple[str, ...], file_stem: str) -> PlanHeading:
    joined = " ".join(title_lines)
    doc_number = (_DOC_NUMBER.search(joined) or _DOC_NUMBER.search(file_stem))
    span = _SPAN.search(joined)
    plan_name = _PLAN_NAME.search(joined) or _PLAN_NAME.search(file_stem)
    name = plan_name.group() if plan_name else ""
    if not name:
        book = _BOOK_TITLE.search(joined)
        name = book.group("name") if book else _TABLE_WORDS.sub("", title_lines[0] if title_lines else file_stem)
        name = _SPAN.sub("", name).strip(" （）()") or file_stem
    issuer, issued_on = _issuer_and_date(title_lines)
    key = hashlib.sha256(_KEY_DROP.sub("", name).encode("utf-8")).hexdigest()[:16]
    return PlanHeading(key, name, doc_number.group() if doc_number else "",
                       int(span.group(1)) if span else None, int(span.group(2)) if span else None,
                       issuer, issued_on)


def _issuer_and_date(title_lines: tuple[str, ...]) -> tuple[str, date | None]:
    """'泰安市爱国卫生运动委员会（…） 2020年8月5日' → (the issuer, 2020-08-05): a line ending with a full date."""
    for line in title_lines:
        match = _ISSUE_DATE.search(line)
        if match and not line[match.end():].strip():
            try:
                issued = date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
            except ValueError:
                continue
            issuer = line[: match.start()].strip(" ，,")
            return (issuer if len(issuer) <= 100 and "《" not in issuer else ""), issued
    return "", None


def _action_source_column(layout: TableLayout, rows: list[GridRow]) -> tuple[int | None, bool]:
    """The column naming each row's action, and whether it is a 序号 column standing in for one: Tai'an's 序号 holds
    '1. 开展健康知识普及行动。' (merged over the action's rows) instead of numbers."""
    column = layout.column_of("action")
    if column is not None:
        return column, False
    serial = layout.column_of("serial")
    if serial is None or not rows:
        return None, False
    labels = [(parse_action_label(row.cells[serial]), row) for row in rows if row.cells[serial]]
    # a heading row spanning the width is not a data row with an action in its 序号 cell
    titled = sum(1 for label, row in labels
                 if label.number is not None and len(label.title) >= 4 and len(set(row.cells)) > 2)
    return (serial, True) if titled >= max(1, len(rows) // 10) else (None, False)


def _is_section_row(row: GridRow, layout: TableLayout) -> bool:
    """An action heading inside the data ('一、健康知识普及行动' across the width, or alone in the first column)."""
    filled = [(index, text) for index, text in enumerate(row.cells) if text.strip()]
    texts = {text for _index, text in filled}
    if len(texts) != 1:
        return False
    text = texts.pop()
    department_columns = set(layout.columns_of("lead") + layout.columns_of("responsible"))
    if any(index in department_columns for index, _text in filled) and len(filled) < len(row.cells) - 1:
        return False
    label = parse_action_label(text)
    first_column = filled[0][0] in {0, layout.column_of("serial"), layout.column_of("action")}
    is_heading = label.number is not None or text.rstrip("。").endswith(("行动", "领域", "工程"))
    return is_heading and (len(filled) >= 2 or first_column) and len(text) <= 60


def collect_records(
    grid: Grid, layout: TableLayout, issues: list[RowIssue]
) -> tuple[list[DataRecord], dict[str, ParsedAction]]:
    """The data records under the header, each with its action; and the actions in order of appearance.

    Skipped with an info issue: repeated header rows, column-number rows, notes rows. Action headings set the action
    of the rows below. A row whose every cell is merged down from the row above continues that record (its range
    grows).
    """
    after = layout.data_starts_after
    candidates = [row for row in grid.rows if row.number > after and any(row.cells)]  # cells are trimmed text
    action_column, serial_names_actions = _action_source_column(layout, candidates)
    actions: dict[str, ParsedAction] = {}
    records: list[DataRecord] = []
    current = ""

    key_by_text: dict[str, str] = {}

    def info(row: GridRow, code: str, detail: Message) -> None:
        issues.append(RowIssue(grid.sheet_name, row.number, "", code, detail, "info"))

    def register(text: str, row: GridRow) -> str:
        if text not in key_by_text:
            label = parse_action_label(text)
            key = action_key(text)
            if key and key not in actions:
                actions[key] = ParsedAction(key, label.number, label.label, label.title, row.number, label.number_end)
            key_by_text[text] = key
        return key_by_text[text]

    for position, row in enumerate(candidates):
        if _may_be_special(row):
            if is_repeated_header(row, layout):
                info(row, "repeated_header", Message.of("row_repeated_header"))
                continue
            if position == 0 and is_column_number_row(row):
                info(row, "column_numbers", Message.of("row_column_numbers"))
                continue
            if is_notes_row(row):
                info(row, "notes_row", Message.of("row_notes_row"))
                continue
            if _is_section_row(row, layout):
                current = register(next(text for text in row.cells if text), row)
                info(row, "action_heading", Message.of("row_action_heading"))
                continue
        inherited = row.merged_from_above  # () when nothing on the row was merged down: then it has text of its own
        if inherited and not any(text and not inherited[index] for index, text in enumerate(row.cells)):
            if records:
                previous = records[-1]
                records[-1] = DataRecord(previous.row, row.number, previous.action_key,
                                         cell_range(previous.row.number, row.number, grid.width))
            continue
        action_text = row.cells[action_column] if action_column is not None else ""
        if action_text and not (serial_names_actions and parse_action_label(action_text).number is None):
            current = register(action_text, row)
        records.append(frozen_instance(DataRecord, {"row": row, "last_row": row.number, "action_key": current,
                                                    "source_range": cell_range(row.number, row.number, grid.width)}))
    return records, actions


def _may_be_special(row: GridRow) -> bool:
    """False for an ordinary data row: three or more different texts, one of them long. Header, notes, heading and
    column-number rows never look like that, so the slower checks are skipped (20,000-row tables)."""
    distinct = set(row.cells)
    distinct.discard("")
    return len(distinct) < 3 or max(map(len, distinct)) <= 40


def identity_text(text: str) -> str:
    """Text for matching rows across revisions: full-width letters and digits as ASCII, no spaces, no punctuation.
    '加强健康教育。' and '加强健康教育 ' are the same text. (A translate table, not NFKC: 20× faster on long text.)"""
    # full-width punctuation and spaces go here already; joining the pieces between the runs dropped is the same
    # text as sub("") and faster on long Chinese text
    compacted = "".join(_IDENTITY_DROP.split(text))
    return compacted.translate(_FULL_WIDTH) if _FULL_WIDTH_ALNUM.search(compacted) else compacted


@dataclass(frozen=True)
class FieldReader:
    """Reads a field's text from a row: the cell of its column, or the texts of its columns joined with '；' (a
    table may have two 责任单位 columns)."""

    columns: Mapping[str, tuple[int, ...]]

    @staticmethod
    def for_layout(layout: TableLayout) -> FieldReader:
        return FieldReader({role.field: tuple(layout.columns_of(role.field)) for role in layout.columns if role.field})

    def text(self, row: GridRow, field: str) -> str:
        columns = self.columns.get(field)
        if not columns:
            return ""
        if len(columns) == 1:
            return row.cells[columns[0]] if columns[0] < len(row.cells) else ""
        parts = list(dict.fromkeys(row.cell(column) for column in columns if row.cell(column)))
        # "开展讲座。" + "建立台账。" reads "开展讲座；建立台账。", never "开展讲座。；建立台账。"
        return "；".join([part.rstrip("。；; ") for part in parts[:-1]] + parts[-1:])


def content_digest(*parts: str) -> str:
    """SHA-256 of texts kept verbatim: any edit, even of punctuation, shows as a change."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
