"""Find the header of a city table and map its columns to fields by their header words.

Works on any layout: title, subtitle and document-number rows above the header are skipped (kept as `title_lines`);
a header of two or three rows ('2018年' over '基期水平', '目标值' over '2022年' and '2030年') is read as one label per
column; the table kind (tasks or indicators) follows from the fields found. When the words are not enough the clerk
maps the columns by hand: a `ColumnMapping` passed to `detect_layout` replaces the detected fields, and the service
remembers it under the header's `layout_signature` for the next file of the same layout.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import islice

from hpdesk.domain.grid import Grid, GridRow

# field → header words (compared after removing spaces and brackets); exact words first, then a label starting with one.
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "编号", "序", "项目编号", "任务编号", "指标编号"),
    "action": ("专项行动", "行动名称", "行动", "领域", "重大行动", "专项", "行动领域", "类别", "分类", "指标类别"),
    "basic_content": ("基本内容", "主要内容", "行动内容", "总体要求"),
    "task_text": ("具体任务", "任务名称", "任务内容", "重点任务", "主要任务", "工作任务", "任务", "工作内容", "工作事项"),
    "measures": ("推进措施", "工作措施", "具体措施", "主要措施", "措施"),
    "work_plan": ("工作计划", "佐证材料", "工作要求", "工作目标"),
    "reporting_note": ("工作推进", "推进要求", "报送要求", "时间要求", "完成时限", "时间节点", "完成时间", "时限"),
    "lead": ("牵头部门", "牵头单位", "牵头", "主责单位", "主责部门", "牵头责任单位"),
    "responsible": ("责任部门", "责任单位", "配合部门", "配合单位", "责任分工", "责任主体", "参与单位", "协办单位",
                    "责任单位及分工", "实施主体", "配合", "协办", "参与", "责任"),
    "indicator_name": ("指标名称", "指标", "主要指标", "指标内容", "指标项"),
    "unit": ("单位", "计量单位", "指标单位"),
    "baseline": ("基期水平", "基期值", "基期", "基线值", "基线", "现状值", "现状", "基数", "基期年"),
    "target": ("目标值", "目标", "预期目标", "目标任务"),
    "nature": ("指标性质", "性质", "指标属性", "属性"),
    "note": ("备注", "说明"),
}
# Label endings that name a field whatever precedes them: "健康促进主要指标", "具体工作任务".
_FIELD_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("目标值", "target"), ("指标名称", "indicator_name"), ("指标", "indicator_name"), ("任务", "task_text"),
    ("措施", "measures"), ("牵头单位", "lead"), ("牵头部门", "lead"), ("责任单位", "responsible"),
    ("责任部门", "responsible"), ("配合单位", "responsible"), ("备注", "note"),
)
FIELD_LABELS: dict[str, str] = {
    "serial": "序号", "action": "专项行动/领域", "basic_content": "基本内容", "task_text": "具体任务",
    "measures": "推进措施", "work_plan": "工作计划", "reporting_note": "工作推进", "lead": "牵头单位",
    "responsible": "责任单位", "indicator_name": "指标名称", "unit": "单位", "baseline": "基期水平",
    "target": "目标值", "nature": "指标性质", "note": "备注",
    "year_value": "年份列（自动判断是基期还是目标）",
}
KNOWN_FIELDS = frozenset(FIELD_LABELS)
YEAR_FIELDS = frozenset({"baseline", "target"})
TASK_TEXT_FIELDS = ("task_text", "basic_content", "measures", "work_plan")
DEPARTMENT_FIELDS = ("lead", "responsible")
HEADER_SEARCH_ROWS = 30
LABEL_JOIN = " / "  # between the texts of a multi-row header ('2018年 / 基期水平'); '/' alone occurs in units
MAX_HEADER_ROWS = 3

_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})(?:年度|年底|年末|年)?")
_STRIP = re.compile(r"[\s（）()【】\[\]:：*＊]")
_TARGET_WORDS = re.compile(r"[≥≤<>＜＞]|不低于|不高于|不超过|以上|以下|提高|提升|降低|下降|减少|增长|控制|实现|达到|力争|持续|逐年|保持|巩固")
_PLAIN_MEASUREMENT = re.compile(r"^[-—–/]*$|^[约近]?\d+(?:\.\d+)?\s*(?:%|‰|岁|万人|/10万)?(?:[（(][^（）()]*[）)])?$")
_NOTE_START = re.compile(
    r"^(?:注|备注|说明|附注|填报说明|填表说明|数据来源|资料来源|填表人|制表人|制表|审核人|联系人|联系电话|填报单位|填报日期)"
    r"\s*(?:[：:\d１、.．]|$)"
)


class UnknownField(ValueError):
    """A column mapping names a field that does not exist."""


@dataclass(frozen=True)
class ColumnMapping:
    """The clerk's choice of field per column ('' ignores a column), with a year for baseline/target columns.

    As strings (stored, and on the command line) a column is 'target:2025', 'task_text' or ''. `header_rows` (sheet
    row numbers) names the header when its words are too unusual to be found; otherwise the header is detected.
    """

    fields: tuple[str, ...]
    years: tuple[int | None, ...] = ()  # None: as the header says (else the plan's end year); 0: 不限年份, any year
    header_rows: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        unknown = [field for field in self.fields if field and field not in KNOWN_FIELDS]
        if unknown:
            raise UnknownField(unknown[0])
        if len(self.years) < len(self.fields):
            object.__setattr__(self, "years", self.years + (None,) * (len(self.fields) - len(self.years)))

    @staticmethod
    def from_strings(entries: Sequence[str], header_rows: Sequence[int] = ()) -> ColumnMapping:
        fields, years = [], []
        for entry in entries:
            field, _, year = entry.strip().partition(":")
            if year.strip() and not year.strip().isdigit():  # 'target:2O25' must not become "the header's year"
                raise UnknownField(entry.strip())
            fields.append(field.strip())
            years.append(int(year) if year.strip().isdigit() else None)
        return ColumnMapping(tuple(fields), tuple(years), tuple(header_rows))

    def as_strings(self) -> list[str]:
        return [f"{field}:{year}" if field in YEAR_FIELDS and year is not None else field
                for field, year in zip(self.fields, self.years)]


@dataclass(frozen=True)
class ColumnRole:
    field: str  # one of FIELD_LABELS, or "" when unmapped
    year: int | None = None  # for baseline/target columns
    label: str = ""  # the header text of the column, header rows joined with LABEL_JOIN, verbatim


@dataclass(frozen=True)
class TableLayout:
    kind: str  # "tasks" | "indicators" | "unknown"
    header_row_numbers: tuple[int, ...]
    header_rows: tuple[tuple[str, ...], ...]
    columns: tuple[ColumnRole, ...]
    signature: str
    confident: bool  # every essential field was found from the header words alone (or the clerk mapped by hand)
    title_lines: tuple[str, ...] = ()  # texts of the rows above the header (title, subtitle, document number)

    def column_of(self, field: str) -> int | None:
        return next((index for index, role in enumerate(self.columns) if role.field == field), None)

    def columns_of(self, field: str) -> list[int]:
        return [index for index, role in enumerate(self.columns) if role.field == field]

    @property
    def data_starts_after(self) -> int:
        return self.header_row_numbers[-1]

    @property
    def mapping(self) -> ColumnMapping:
        return ColumnMapping(tuple(role.field for role in self.columns), tuple(role.year for role in self.columns))

    @cached_property
    def compact_header_rows(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(compact(cell) for cell in row) for row in self.header_rows)


def compact(text: str) -> str:
    """Header text without spaces, brackets and colons, for comparing header words."""
    return _STRIP.sub("", text)


def field_for_label(label: str) -> str:
    """The field a single header label names ('' when none): exact words, then a label starting or ending with one."""
    text = compact(_YEAR.sub("", label)) if _YEAR.search(label) else compact(label)
    if not text:
        return ""
    for field, words in FIELD_WORDS.items():
        if text in words:
            return field
    for field, words in FIELD_WORDS.items():
        if any(text.startswith(word) and len(text) <= len(word) + 5 for word in words if len(word) >= 2):
            return field
    for suffix, field in _FIELD_SUFFIXES:
        if text.endswith(suffix) and len(text) <= len(suffix) + 6:
            return field
    return ""


def year_in_label(label: str) -> int | None:
    match = _YEAR.search(compact(label))
    return int(match.group("year")) if match else None


def is_year_label(text: str) -> bool:
    """'2022年', '2018年底', '2025年目标值': a year, alone or with a field word (not '2023年修订')."""
    match = _YEAR.search(compact(text))
    if not match:
        return False
    rest = compact(text).replace(match.group(0), "", 1)
    return not rest or bool(field_for_label(rest))


def _is_header_word(text: str) -> bool:
    return bool(field_for_label(text)) or is_year_label(text)


def _distinct(row: GridRow) -> list[str]:
    return list(dict.fromkeys(text for text in row.cells if text.strip()))


def _header_score(row: GridRow) -> int:
    texts = _distinct(row)
    fields = {field_for_label(text) for text in texts} - {""}
    years = sum(1 for text in texts if not field_for_label(text) and is_year_label(text))
    long_texts = sum(1 for text in texts if len(text) > 30)
    core = fields & {"task_text", "basic_content", "measures", "indicator_name", "lead", "responsible", "target"}
    if not core and not years:
        return 0
    return len(fields) + years - 2 * long_texts


def layout_signature(header_rows: Sequence[Sequence[str]]) -> str:
    """Same header words in the same order → same signature (spacing and brackets ignored)."""
    joined = "|".join("/".join(compact(cell) for cell in row) for row in header_rows)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def _is_lower_header_row(row: GridRow) -> bool:
    """A row under the header that only holds header words ('基期水平', '目标值', '2022年'), ignoring cells merged
    down from the header row."""
    own = [text for index, text in enumerate(row.cells) if text.strip() and not row.is_inherited(index)]
    return bool(own) and all(_is_header_word(text) for text in own)


def _is_upper_header_row(row: GridRow, width: int) -> bool:
    """A group row over the header ('目标值' spanning the year columns); a full-width title is not one."""
    texts = _distinct(row)
    filled = sum(1 for text in row.cells if text.strip())
    spans_everything = len(texts) == 1 and filled >= max(width - 1, 1)
    return filled >= 2 and not spans_everything and all(_is_header_word(text) for text in texts)


def _labels(rows: list[GridRow], width: int) -> list[str]:
    return [LABEL_JOIN.join(dict.fromkeys(row.cell(column) for row in rows if row.cell(column).strip()))
            for column in range(width)]


def role_for_label(label: str) -> ColumnRole:
    """'2018年 / 基期水平' → baseline 2018; '目标值 / 2030年' → target 2030; '2025年' → year_value (baseline or
    target, decided from the data)."""
    parts = [part for part in label.split(LABEL_JOIN) if part]
    year = None
    for part in parts:
        year = year_in_label(part) or year
    fields = [field_for_label(part) for part in parts]
    chosen = next((field for field in reversed(fields) if field in YEAR_FIELDS), "") or next(
        (field for field in reversed(fields) if field), "")
    if year is not None and chosen in ("", "baseline", "target", "unit"):
        return ColumnRole(chosen if chosen in YEAR_FIELDS else "year_value", year, label)
    return ColumnRole(chosen, None, label)


def _data_sample(grid: Grid, after: int, column: int) -> list[str]:
    """The first 200 texts of the column under the header."""
    return list(islice((row.cell(column) for row in grid.rows if row.number > after and row.cell(column).strip()),
                       200))


def _resolve_year_columns(roles: list[ColumnRole], grid: Grid, after: int) -> list[ColumnRole]:
    """Year columns without 基期/目标 words ('2020年', '2025年'): the earliest is the baseline when there are later
    ones, no other baseline column, and its cells read as measured values (79.07, '—') rather than targets (≥35,
    提高1岁); every other year column is a target."""
    year_columns = [index for index, role in enumerate(roles) if role.field == "year_value"]
    if not year_columns:
        return roles
    resolved = list(roles)
    earliest = min(year_columns, key=lambda index: roles[index].year or 0)
    later_exists = any((roles[index].year or 0) > (roles[earliest].year or 0) for index in year_columns) or any(
        role.field == "target" for role in roles)
    has_baseline = any(role.field == "baseline" for role in roles)
    sample = _data_sample(grid, after, earliest)
    measured = sum(1 for text in sample if _PLAIN_MEASUREMENT.match(text.strip()) and not _TARGET_WORDS.search(text))
    looks_measured = not sample or measured >= 0.8 * len(sample)
    for index in year_columns:
        is_baseline = index == earliest and later_exists and not has_baseline and looks_measured
        resolved[index] = ColumnRole("baseline" if is_baseline else "target", roles[index].year, roles[index].label)
    return resolved


def _chosen_year(mapping: ColumnMapping, index: int, header_year: int | None) -> int | None:
    """The clerk's year for a column (0 = 不限年份 is a choice too), else the year its header names."""
    chosen = mapping.years[index] if index < len(mapping.years) else None
    return chosen if chosen is not None else header_year


def _adopt_unnamed_target_column(roles: list[ColumnRole], grid: Grid, after: int) -> list[ColumnRole]:
    """An indicator table without any target column often keeps its targets under 其他, 备注 or an empty header:
    the unmapped (or note) column whose cells mostly read as targets (≥92.3, 提高10%, 持续下降) becomes the target
    column, without a year (the plan's end year, else 不限年份, unless the clerk picks one)."""
    fields = {role.field for role in roles}
    if "indicator_name" not in fields or fields & {"target", "year_value"}:
        return roles
    best, best_share = None, 0.6
    for index, role in enumerate(roles):
        if role.field not in ("", "note"):
            continue
        sample = _data_sample(grid, after, index)
        if len(sample) < 2:
            continue
        worded = sum(1 for text in sample if _TARGET_WORDS.search(text))
        numbers = sum(1 for text in sample if not _TARGET_WORDS.search(text) and text.strip().strip("-—–/")
                      and _PLAIN_MEASUREMENT.match(text.strip()))
        share = (worded + numbers) / len(sample)
        if worded and share > best_share:  # some cells must say ≥/提高/持续…: bare numbers alone may be anything
            best, best_share = index, share
    if best is None:
        return roles
    adopted = list(roles)
    adopted[best] = ColumnRole("target", None, roles[best].label)
    return adopted


def _kind(fields: set[str]) -> str:
    if "indicator_name" in fields and fields & {"target", "baseline"}:
        return "indicators"
    if fields & set(TASK_TEXT_FIELDS) or (fields & set(DEPARTMENT_FIELDS) and "indicator_name" not in fields):
        return "tasks"
    if "indicator_name" in fields:
        return "indicators"
    return "unknown"


def _rows_with_text(grid: Grid, count: int) -> list[GridRow]:
    """The first `count` rows that are not blank; the rows after them are not looked at (20,000-row tables)."""
    return list(islice((row for row in grid.rows if not row.is_blank()), count))


def _find_header(grid: Grid) -> list[GridRow] | None:
    candidates = _rows_with_text(grid, HEADER_SEARCH_ROWS)
    scored = [(_header_score(row), index) for index, row in enumerate(candidates)]
    best_score, best_index = max(scored, key=lambda item: (item[0], -item[1]), default=(0, 0))
    if best_score < 2:
        return None
    first = last = best_index
    while first > 0 and last - first + 1 < MAX_HEADER_ROWS and _is_upper_header_row(candidates[first - 1], grid.width):
        first -= 1
    while (last + 1 < len(candidates) and last - first + 1 < MAX_HEADER_ROWS
           and _is_lower_header_row(candidates[last + 1])):
        last += 1
    return candidates[first:last + 1]


def detect_layout(grid: Grid, mapping: ColumnMapping | None = None) -> TableLayout | None:
    """The header rows and column roles of `grid`, or None when no row looks like a header.

    `mapping` (the clerk's field per column) replaces the detected fields; its years override those read from the
    header. Columns beyond the mapping are ignored.
    """
    if mapping is not None and mapping.header_rows:
        header_rows: list[GridRow] | None = [row for row in grid.rows if row.number in mapping.header_rows]
    else:
        header_rows = _find_header(grid)
        if header_rows is None and mapping is not None:
            # the clerk mapped the columns of a header hpdesk could not find: it is the first row with text
            header_rows = _rows_with_text(grid, 1)
    if not header_rows:
        return None
    labels = _labels(header_rows, grid.width)
    after = header_rows[-1].number
    roles = [role_for_label(label) for label in labels]
    if mapping is not None:
        roles = [
            ColumnRole(mapping.fields[index] if index < len(mapping.fields) else "",
                       _chosen_year(mapping, index, role.year), role.label)
            for index, role in enumerate(roles)
        ]
    roles = _resolve_year_columns(roles, grid, after)
    if mapping is None:
        roles = _adopt_unnamed_target_column(roles, grid, after)
    fields = {role.field for role in roles} - {""}
    kind = _kind(fields)
    essential_found = {
        "tasks": bool(fields & set(TASK_TEXT_FIELDS)) and bool(fields & set(DEPARTMENT_FIELDS)),
        "indicators": {"indicator_name", "target"} <= fields,
    }.get(kind, False)
    first_header = header_rows[0].number
    titles = tuple(dict.fromkeys(text for row in grid.rows if row.number < first_header for text in row.cells
                                 if text.strip()))
    header_cells = tuple(row.cells for row in header_rows)
    return TableLayout(
        kind=kind,
        header_row_numbers=tuple(row.number for row in header_rows),
        header_rows=header_cells,
        columns=tuple(roles),
        signature=layout_signature(header_cells),
        confident=mapping is not None or essential_found,
        title_lines=titles,
    )


def is_repeated_header(row: GridRow, layout: TableLayout) -> bool:
    """A data row that repeats a header row (page breaks in the source document)."""
    filled = [(index, text) for index, text in enumerate(row.cells) if text and len(text) <= 40]
    if len(filled) < 2:
        return False
    needed = max(2, int(sum(1 for text in row.cells if text.strip()) * 0.6 + 0.5))
    return any(sum(1 for index, text in filled if index < len(header) and header[index]
                   and compact(text) == header[index]) >= needed for header in layout.compact_header_rows)


def is_column_number_row(row: GridRow) -> bool:
    """The '1 2 3 4 …' (or '甲 乙 丙') row some tables put under the header to number the columns."""
    texts = [text.strip() for text in row.cells if text.strip()]
    if len(texts) < 3:
        return False
    if all(text.isdigit() for text in texts):
        return [int(text) for text in texts] == list(range(int(texts[0]), int(texts[0]) + len(texts)))
    return "".join(texts).startswith("甲乙")


def is_notes_row(row: GridRow) -> bool:
    """'注：…' / '说明：…' / '填表人：' rows under or inside the table (often one merged cell across the width)."""
    texts = _distinct(row)
    return bool(texts) and len(texts) <= 2 and bool(_NOTE_START.match(texts[0].strip()))


def resolve_layout(
    grid: Grid, mapping: ColumnMapping | None = None, remembered: Mapping[str, ColumnMapping] | None = None
) -> tuple[TableLayout | None, str]:
    """The layout to import `grid` with, and where its fields come from: 'manual' (the `mapping` given), 'remembered'
    (a mapping the clerk made for a header with the same signature), or 'detected' (header words).

    A remembered mapping is also found when the header words are too unusual to detect: every row near the top is
    tried as a one-row header against the remembered signatures.
    """
    if mapping is not None:
        return detect_layout(grid, mapping), "manual"
    layout = detect_layout(grid)
    if remembered:
        if layout is not None and layout.signature in remembered:
            return detect_layout(grid, remembered[layout.signature]), "remembered"
        if layout is None:
            for row in _rows_with_text(grid, HEADER_SEARCH_ROWS):
                found = remembered.get(layout_signature((row.cells,)))
                if found is not None:
                    return detect_layout(grid, replace(found, header_rows=(row.number,))), "remembered"
    return layout, "detected"
