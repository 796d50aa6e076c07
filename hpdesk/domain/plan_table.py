"""A city table (as a Grid) → actions, task rows or indicator rows, each with its sheet rows and flags.

Nothing is dropped silently: title, notes and repeated-header rows are skipped with an info issue; rows that look
broken (fragments, shifted cells, blank departments, action-goal paragraphs) are kept and flagged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from hpdesk.domain.departments import Responsibility, parse_bracket_cell, parse_columns
from hpdesk.domain.grid import Grid, GridRow, cell_range, column_letter
from hpdesk.domain.table_layout import TableLayout, looks_like_notes_row, looks_like_repeated_header

CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_ACTION_NUMBER = re.compile(
    r"^\s*(?P<label>[（(]?\s*(?P<number>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]?\s*[.、．]?)\s*(?P<title>.*)$",
    re.S,
)
_UNIT_IN_NAME = re.compile(r"^(?P<name>.*?)\s*[（(](?P<unit>[^（）()]{1,12})[）)]\s*$")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_GOAL_WORDS = ("行动目标", "目标", "总体目标")
_ORGANISATION = re.compile(r"^(?:市|区|县|各)[^，。；;、,]{1,14}(?:委|局|办|部|会|院|厅|政府|中心)$")


def looks_like_department_list(text: str) -> bool:
    """'市卫生健康委、市教育局' — every piece is a short organisation name (a department cell out of place)."""
    pieces = [piece for piece in re.split(r"[、，,；;]", text.strip()) if piece]
    return bool(pieces) and "。" not in text and all(_ORGANISATION.match(piece) for piece in pieces)


@dataclass(frozen=True)
class RowIssue:
    sheet: str
    row: int
    column: str  # column letter or '' for the whole row
    code: str  # fragment | shifted_cells | blank_departments | action_goal | repeated_header | notes_row | …
    detail: str  # Chinese, for the clerk
    severity: str = "warning"  # info | warning


@dataclass(frozen=True)
class ParsedAction:
    key: str  # normalised title: identifies the action across re-imports
    number: int | None
    number_label: str
    title: str


@dataclass(frozen=True)
class ParsedTask:
    action_key: str
    sheet: str
    first_row: int
    last_row: int
    source_range: str
    source_cells: tuple[str, ...]
    serial_label: str
    basic_content: str
    task_text: str
    measures: str
    work_plan: str
    reporting_note: str
    lead_text: str
    responsible_text: str
    responsibility: Responsibility
    cadence: str
    note: str
    flags: tuple[str, ...]

    @property
    def content_hash(self) -> str:
        joined = "\x1f".join((self.basic_content, self.task_text, self.measures, self.work_plan,
                              self.reporting_note, self.lead_text, self.responsible_text, self.note))
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()

    @property
    def match_text(self) -> str:
        """The text that identifies the task when the city revises its table."""
        return re.sub(r"\s+", "", self.task_text + "|" + self.measures + "|" + self.work_plan)


@dataclass(frozen=True)
class ParsedIndicator:
    action_key: str
    sheet: str
    first_row: int
    last_row: int
    source_range: str
    source_cells: tuple[str, ...]
    serial_label: str
    area: str
    name: str
    name_text: str
    unit: str
    baseline_text: str
    baseline_value: float | None
    baseline_year: int | None
    baseline_note: str
    targets: tuple[tuple[int, str], ...]  # (year, text verbatim)
    nature: str
    note: str
    flags: tuple[str, ...]

    @property
    def content_hash(self) -> str:
        joined = "\x1f".join([self.area, self.name_text, self.unit, self.baseline_text, self.nature, self.note]
                             + [f"{year}:{text}" for year, text in self.targets])
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()

    @property
    def match_text(self) -> str:
        return re.sub(r"\s+", "", self.name)


@dataclass(frozen=True)
class ParsedTable:
    kind: str
    sheet: str
    title: str  # the title row(s) above the header, joined
    actions: tuple[ParsedAction, ...]
    tasks: tuple[ParsedTask, ...] = ()
    indicators: tuple[ParsedIndicator, ...] = ()
    issues: tuple[RowIssue, ...] = field(default_factory=tuple)


def parse_action_label(text: str) -> tuple[int | None, str, str]:
    """'（十一）心脑血管疾病防治行动' → (11, '（十一）', '心脑血管疾病防治行动'); '1. 开展…' → (1, '1.', '开展…')."""
    match = _ACTION_NUMBER.match(text)
    if not match or not match.group("title").strip():
        return None, "", text.strip()
    raw = match.group("number")
    if raw.isdigit():
        number = int(raw)
    else:
        number = _chinese_number(raw)
    return number, match.group("label").strip(), match.group("title").strip().rstrip("。")


def _chinese_number(text: str) -> int | None:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CHINESE_NUMERALS.get(text[1:], 0)
    if len(text) == 2 and text.endswith("十"):
        return CHINESE_NUMERALS[text[0]] * 10
    if len(text) == 3 and text[1] == "十":
        return CHINESE_NUMERALS[text[0]] * 10 + CHINESE_NUMERALS[text[2]]
    return CHINESE_NUMERALS.get(text)


def action_key(title: str) -> str:
    number, _label, bare = parse_action_label(title)
    return re.sub(r"[\s。.、，,（）()]", "", bare) or f"#{number}"


def cadence_from_text(*texts: str) -> str:
    joined = "".join(texts)
    if "按季度" in joined or "每季度" in joined:
        return "quarterly"
    if "分学期" in joined or "每学期" in joined:
        return "per_semester"
    if "以学年" in joined or "每学年" in joined:
        return "school_year"
    return "semiannual"


def _title_above(grid: Grid, layout: TableLayout) -> str:
    first_header = layout.header_row_numbers[0]
    titles = [text for row in grid.rows if row.number < first_header for text in dict.fromkeys(row.cells) if text]
    return " ".join(titles)


def _data_rows(grid: Grid, layout: TableLayout, issues: list[RowIssue]) -> list[GridRow]:
    rows = []
    for row in grid.rows:
        if row.number <= layout.data_starts_after or row.is_blank():
            continue
        if looks_like_repeated_header(row, layout):
            issues.append(RowIssue(grid.sheet_name, row.number, "", "repeated_header", "表头重复出现，已跳过", "info"))
            continue
        if looks_like_notes_row(row):
            issues.append(RowIssue(grid.sheet_name, row.number, "", "notes_row", "表格下方的说明文字，已跳过", "info"))
            continue
        rows.append(row)
    return rows


def _get(row: GridRow, column: int | None) -> str:
    return row.cell(column) if column is not None else ""


def _action_source_column(layout: TableLayout, rows: list[GridRow]) -> int | None:
    """The action column, or a 序号 column that holds '1. 开展健康知识普及行动。' (Tai'an) instead of numbers."""
    column = layout.column_of("action")
    if column is not None:
        return column
    serial = layout.column_of("serial")
    if serial is None:
        return None
    titled = sum(1 for row in rows if len(parse_action_label(row.cell(serial))[2]) >= 4)
    return serial if titled >= max(1, len(rows) // 10) else None


def parse_table(grid: Grid, layout: TableLayout, aliases: Mapping[str, str] | None = None) -> ParsedTable:
    """Parse every data row of `grid` according to `layout` (kind 'tasks' or 'indicators')."""
    issues: list[RowIssue] = []
    rows = _data_rows(grid, layout, issues)
    action_column = _action_source_column(layout, rows)
    actions: dict[str, ParsedAction] = {}
    current_key = ""

    def action_for(row: GridRow) -> str:
        nonlocal current_key
        text = _get(row, action_column)
        if text:
            key = action_key(text)
            if key not in actions:
                number, label, title = parse_action_label(text)
                actions[key] = ParsedAction(key, number, label, title)
            current_key = key
        elif not current_key:
            current_key = "未分类"
            actions.setdefault(current_key, ParsedAction(current_key, None, "", "未分类"))
        return current_key

    title = _title_above(grid, layout)
    if layout.kind == "indicators":
        indicators = tuple(_parse_indicator(grid, layout, row, action_for(row), issues) for row in rows
                           if _get(row, layout.column_of("indicator_name")))
        return ParsedTable("indicators", grid.sheet_name, title, tuple(actions.values()), indicators=indicators,
                           issues=tuple(issues))
    tasks = tuple(_parse_task(grid, layout, row, action_for(row), aliases, issues) for row in rows)
    return ParsedTable("tasks", grid.sheet_name, title, tuple(actions.values()), tasks=tasks, issues=tuple(issues))


def _parse_task(
    grid: Grid, layout: TableLayout, row: GridRow, action: str, aliases: Mapping[str, str] | None,
    issues: list[RowIssue],
) -> ParsedTask:
    lead_column, responsible_column = layout.column_of("lead"), layout.column_of("responsible")
    lead_text, responsible_text = _get(row, lead_column), _get(row, responsible_column)
    if lead_column is None and ("牵头" in responsible_text or responsible_column is not None):
        responsibility = parse_bracket_cell(responsible_text, aliases)
    else:
        responsibility = parse_columns(lead_text, responsible_text, aliases)
    fields = {name: _get(row, layout.column_of(name)) for name in
              ("serial", "basic_content", "task_text", "measures", "work_plan", "reporting_note", "note")}
    flags: list[str] = []

    def flag(code: str, detail: str, column: int | None = None) -> None:
        flags.append(code)
        letter = "" if column is None else _letter(column)
        issues.append(RowIssue(grid.sheet_name, row.number, letter, code, detail))

    merged = row.merged_from_above or tuple(False for _ in row.cells)
    own_text = [text for index, text in enumerate(row.cells) if text and not (index < len(merged) and merged[index])]
    if fields["serial"] in _GOAL_WORDS or fields["task_text"].startswith(_GOAL_WORDS):
        flag("action_goal", "这一行是专项行动的目标段落，不是具体任务；已保留，请确认是否需要分派")
    if not responsibility.all_departments:
        flag("blank_departments", "牵头和责任单位都是空的：请核对原表，确认由谁负责", responsible_column)
    task_column, work_plan_column = layout.column_of("task_text"), layout.column_of("work_plan")
    task_is_inherited = task_column is not None and task_column < len(merged) and merged[task_column]
    if not own_text:
        flag("fragment", "这一行只有上一行延续下来的内容，像是原表被截断的片段；已保留，请核对")
    elif (work_plan_column is not None and not row.cell(work_plan_column) and task_is_inherited
          and not responsibility.all_departments):
        # Tai'an rows 82 and 84: a 推进措施 line cut loose from its task, with no plan and no departments.
        flag("fragment", "这一行没有工作计划和责任单位，只有一条推进措施，像是原表被截断的片段；已保留，请核对")
    for name in ("task_text", "measures", "work_plan"):
        column = layout.column_of(name)
        if column is not None and looks_like_department_list(row.cell(column)):
            flag("shifted_cells", f"“{row.cell(column)[:20]}”看起来是单位名称，却在{name_label(name)}列：可能错位",
                 column)
    if responsible_column is not None and len(responsible_text) > 80 and "、" not in responsible_text \
            and "，" not in responsible_text:
        flag("shifted_cells", "责任单位列是一大段文字：可能错位", responsible_column)
    return ParsedTask(
        action_key=action, sheet=grid.sheet_name, first_row=row.number, last_row=row.number,
        source_range=cell_range(row.number, row.number, grid.width), source_cells=row.cells,
        serial_label=fields["serial"], basic_content=fields["basic_content"], task_text=fields["task_text"],
        measures=fields["measures"], work_plan=fields["work_plan"], reporting_note=fields["reporting_note"],
        lead_text=lead_text, responsible_text=responsible_text, responsibility=responsibility,
        cadence=cadence_from_text(fields["work_plan"], fields["reporting_note"], fields["measures"]),
        note=fields["note"], flags=tuple(dict.fromkeys(flags)),
    )


def name_label(field_name: str) -> str:
    return {"task_text": "具体任务", "measures": "推进措施", "work_plan": "工作计划"}.get(field_name, field_name)


def _letter(column: int) -> str:
    return column_letter(column)


def split_name_and_unit(text: str) -> tuple[str, str]:
    """'居民健康素养水平（%）' → ('居民健康素养水平', '%'); names without a bracketed unit are returned whole."""
    match = _UNIT_IN_NAME.match(text.strip())
    if match and not re.search(r"[\u4e00-\u9fff]{4,}", match.group("unit")):
        return match.group("name").strip(), match.group("unit").strip()
    return text.strip(), ""


def split_baseline(text: str, default_year: int | None) -> tuple[float | None, int | None, str]:
    """'79.49(截至2017年底)' → (79.49, 2017, '截至2017年底'); '—' → (None, year, ''); '≤4.1' → (4.1, year, '≤')."""
    stripped = text.strip()
    note = ""
    note_match = re.search(r"[（(]([^（）()]*)[）)]", stripped)
    if note_match:
        note = note_match.group(1)
        stripped = (stripped[: note_match.start()] + stripped[note_match.end():]).strip()
    year = default_year
    note_year = re.search(r"((?:19|20)\d{2})年", note)
    if note_year:
        year = int(note_year.group(1))
    number = _NUMBER.search(stripped)
    qualifier = re.sub(r"[\d.%‰\s]", "", stripped)
    if qualifier and not note:
        note = qualifier
    return (float(number.group()) if number else None), year, note


def _parse_indicator(
    grid: Grid, layout: TableLayout, row: GridRow, action: str, issues: list[RowIssue]
) -> ParsedIndicator:
    name_text = _get(row, layout.column_of("indicator_name"))
    name, unit_in_name = split_name_and_unit(name_text)
    unit = _get(row, layout.column_of("unit")) or unit_in_name
    baseline_column = layout.column_of("baseline")
    baseline_text = _get(row, baseline_column)
    baseline_year = layout.columns[baseline_column].year if baseline_column is not None else None
    baseline_value, baseline_year, baseline_note = split_baseline(baseline_text, baseline_year)
    targets = tuple(
        (layout.columns[column].year or 0, row.cell(column))
        for column in layout.columns_of("target") if row.cell(column)
    )
    flags: list[str] = []
    if not targets:
        flags.append("no_target")
        issues.append(RowIssue(grid.sheet_name, row.number, "", "no_target", f"指标“{name[:20]}”没有目标值"))
    return ParsedIndicator(
        action_key=action, sheet=grid.sheet_name, first_row=row.number, last_row=row.number,
        source_range=cell_range(row.number, row.number, grid.width), source_cells=row.cells,
        serial_label=_get(row, layout.column_of("serial")), area=_get(row, layout.column_of("action")),
        name=name, name_text=name_text, unit=unit, baseline_text=baseline_text, baseline_value=baseline_value,
        baseline_year=baseline_year, baseline_note=baseline_note, targets=targets,
        nature=_get(row, layout.column_of("nature")), note=_get(row, layout.column_of("note")), flags=tuple(flags),
    )


_PLAN_NAME = re.compile(r"健康[\u4e00-\u9fff]{1,8}?行动|健康[\u4e00-\u9fff]{1,8}?建设|[\u4e00-\u9fff]{2,12}规划")


def plan_key(title: str, file_stem: str = "") -> tuple[str, str]:
    """(key, display title) of the plan a table belongs to: '健康郑州行动' for both Zhengzhou tables."""
    for source in (title, file_stem):
        match = _PLAN_NAME.search(source)
        if match:
            name = match.group()
            return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16], name
    display = re.sub(r"(主要指标|重点任务.*|工作任务分解表|任务分解表|指标)$", "", title.strip()) or file_stem
    return hashlib.sha256(display.encode("utf-8")).hexdigest()[:16], display
