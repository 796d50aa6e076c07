"""A city task breakdown table (as a Grid with its layout) → actions and task rows, each with its sheet rows, cell
range, normalised departments and flags.

A task row keeps every text column verbatim. Rows that look broken are kept and flagged, never dropped or repaired:
- `fragment`: own text in a single column and no department anywhere on the row (a line cut loose from its task);
- `blank_departments`: nobody is named (neither column, nor a parenthesis after the task text);
- `shifted_cells`: a department list sitting in a text column, or prose in a department column;
- `action_goal`: the action's goal paragraph written as a row ('行动目标');
- `duplicate_row`: the same texts as an earlier row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from operator import itemgetter

from hpdesk.domain.departments import (
    NOBODY, Responsibility, looks_like_department_name, parse_responsibility, split_top_level,
    split_trailing_responsibility,
)
from hpdesk.domain.grid import Grid, GridRow, column_letter, frozen_instance
from hpdesk.domain.messages import Message, register_messages
from hpdesk.domain.plan_table import (
    DataRecord, FieldReader, ParsedTable, PlanHeading, RowIssue, collect_records,
)
from hpdesk.domain.table_layout import DEPARTMENT_FIELDS, FIELD_LABELS, TableLayout
from hpdesk.domain.task_text import TaskText

register_messages({  # a task row's issues, for the clerk (params quote the clerk's own file)
    "row_action_goal": ("这一行是专项行动的目标段落，不是具体任务；已保留，请确认是否需要分派",
                        "This row is the goal of an action, not a task; kept, please decide whether to assign it"),
    "row_task_fragment": ("这一行只有{column}一栏有内容，没有责任单位，像是原表被截断的片段；已保留，请核对",
                          "Only the {column} column of this row is filled and it has no unit: it looks like a "
                          "fragment of a cut-off row; kept, please check"),
    "row_blank_departments": ("牵头和责任单位都是空的：请核对原表，确认由谁负责",
                              "Both the lead and the responsible units are empty: check the table for who is "
                              "responsible"),
    "row_unit_in_text_column": ("“{text}”看起来是单位名称，却在{column}列：可能错位",
                                "\"{text}\" looks like a unit name but is in the {column} column: the cells may be "
                                "shifted"),
    "row_text_in_unit_column": ("责任单位列里有不像单位名称的文字“{text}”：可能错位",
                                "The responsible units column holds \"{text}\", which is not a unit name: the cells "
                                "may be shifted"),
    "row_duplicate_row": ("与第 {first} 行完全相同：请确认是否重复",
                          "Identical to row {first}: please check whether it is a duplicate"),
    "row_no_unit_in_parentheses": ("任务后面的括号里没有写明牵头或责任单位：请核对原表，确认由谁负责",
                                   "No lead or responsible unit in the parentheses after the task: check the table "
                                   "for who is responsible"),
    "row_no_department_columns": ("表中没有牵头单位或责任单位列，任务后的括号里也没有写明：导入后请手动指定责任单位",
                                  "The table has no lead or responsible unit column, and the tasks name none in "
                                  "parentheses: assign the units by hand after the import"),
})

_GOAL_WORDS = ("行动目标", "总体目标", "目标", "工作目标")
_GOAL_PREFIXES = ("行动目标", "总体目标")
_CADENCE_WORDS = (("quarterly", ("按季度", "每季度")), ("per_semester", ("分学期", "每学期")),
                  ("school_year", ("以学年", "每学年")))  # the first found wins; none: semiannual
_ANY_CADENCE_WORD = re.compile("|".join(re.escape(word) for _cadence, words in _CADENCE_WORDS for word in words))
_ROW_TEXT_FIELDS = ("serial", "basic_content", "task_text", "measures", "work_plan", "reporting_note", "note")
_SHIFT_CHECKED_FIELDS = ("basic_content", "task_text", "measures", "work_plan")  # a unit list may slip into these


@dataclass(frozen=True)
class ParsedTask:
    action_key: str  # '' when the table names no action
    sheet: str
    first_row: int
    last_row: int
    source_range: str  # 'A5:H5', or 'A5:H7' when the row was merged over three sheet rows
    source_cells: tuple[str, ...]  # the first row's cells verbatim (merged text expanded), in column order
    serial_label: str
    text: TaskText  # the text columns verbatim
    responsibility: Responsibility
    cadence: str  # semiannual | quarterly | per_semester | school_year
    flags: tuple[str, ...]  # warning codes of this row's issues
    content_hash: str = ""  # changes with any edit of the row's texts (the stored text is then updated)

    def __post_init__(self) -> None:
        # computed once: matching a 20,000-row table against the stored plan reads it for every row
        if not self.content_hash:
            object.__setattr__(self, "content_hash", self.text.content_hash)

    @cached_property
    def match_text(self) -> str:
        """Identifies the task when the city revises its table (spacing, punctuation ignored). Computed when first
        asked for, then kept: a first import matches against nothing and never needs it."""
        return self.text.identity

    @property
    def label(self) -> str:
        return self.text.label


def cadence_from_text(*texts: str) -> str:
    joined = "".join(texts)
    if not _ANY_CADENCE_WORD.search(joined):  # most rows name none: one scan instead of one per word
        return "semiannual"
    return next((cadence for cadence, words in _CADENCE_WORDS if any(word in joined for word in words)), "semiannual")


def looks_like_department_list(text: str) -> bool:
    """'市卫生健康委、市教育局' — every piece is a short organisation name (a department cell out of place)."""
    if not text.strip() or "。" in text or len(text) > 120:
        return False
    pieces = split_top_level(text)
    return bool(pieces) and all(looks_like_department_name(piece) for piece in pieces)


@dataclass
class _TaskParser:
    """Parses the records of one table into tasks, appending row issues to `issues` as it goes."""

    grid: Grid
    layout: TableLayout
    aliases: Mapping[str, str] | None
    issues: list[RowIssue]

    def __post_init__(self) -> None:
        self._responsibility_cache: dict[tuple[str, str], Responsibility] = {}
        self._seen_rows: dict[tuple[str, ...], int] = {}
        self.has_department_columns = any(self.layout.columns_of(name) for name in DEPARTMENT_FIELDS)
        reader = FieldReader.for_layout(self.layout)
        self.text = reader.text
        self.text_columns = [(column, FIELD_LABELS[name]) for name in _SHIFT_CHECKED_FIELDS
                             for column in self.layout.columns_of(name)]
        # A field of one column is that cell: all of them are taken from a row in one itemgetter call (20,000 rows ×
        # nine fields); only a field spread over several columns goes through the reader. A row too short for the
        # layout (a hand-built Grid) takes the reader for every field.
        fields = (*_ROW_TEXT_FIELDS, *DEPARTMENT_FIELDS)
        single = [(name, reader.columns[name][0]) for name in fields if len(reader.columns.get(name, ())) == 1]
        self._blank_texts = dict.fromkeys(fields, "")
        self._single_names = tuple(name for name, _column in single)
        # the extra index 0 makes the getter return a tuple even for one field (zip stops at the names)
        self._single_cells = itemgetter(*(column for _name, column in single), 0) if single else None
        self._shortest_row = max((column for _name, column in single), default=-1) + 1
        self._joined_fields = tuple(name for name in fields if len(reader.columns.get(name, ())) > 1)

    def texts(self, row: GridRow) -> dict[str, str]:
        """Every text field of the row by name ('' for a field the layout lacks)."""
        texts = self._blank_texts.copy()
        if self._single_cells is None or len(row.cells) < self._shortest_row:
            for name in texts:
                texts[name] = self.text(row, name)
            return texts
        texts.update(zip(self._single_names, self._single_cells(row.cells)))
        for name in self._joined_fields:
            texts[name] = self.text(row, name)
        return texts

    def responsibility(self, lead: str, responsible: str) -> Responsibility:
        # Department cells repeat heavily (20,000-row tables have a few hundred distinct ones): parse each once.
        key = (lead, responsible)
        if key not in self._responsibility_cache:
            self._responsibility_cache[key] = (parse_responsibility(lead, responsible, self.aliases)
                                               if (lead or responsible) else NOBODY)
        return self._responsibility_cache[key]

    def letter(self, field: str) -> str:
        column = self.layout.column_of(field)
        return column_letter(column) if column is not None else ""

    def parse(self, record: DataRecord) -> ParsedTask:
        row = record.row
        texts = self.texts(row)
        lead_text, responsible_text = texts["lead"], texts["responsible"]
        if not lead_text and not responsible_text:
            for name in ("task_text", "measures", "basic_content"):
                kept, inner = split_trailing_responsibility(texts[name])
                if inner:
                    texts[name], responsible_text = kept, inner
                    break
        responsibility = self.responsibility(lead_text, responsible_text)
        flags = self.flags(row, texts, responsibility)
        text = frozen_instance(TaskText, {
            "basic_content": texts["basic_content"], "task_text": texts["task_text"], "measures": texts["measures"],
            "work_plan": texts["work_plan"], "reporting_note": texts["reporting_note"], "lead_text": lead_text,
            "responsible_text": responsible_text, "note": texts["note"]})
        return frozen_instance(ParsedTask, {
            "action_key": record.action_key, "sheet": self.grid.sheet_name, "first_row": row.number,
            "last_row": record.last_row, "source_range": record.source_range, "source_cells": row.cells,
            "serial_label": texts["serial"], "text": text, "responsibility": responsibility,
            "cadence": cadence_from_text(texts["work_plan"], texts["reporting_note"], texts["measures"]),
            "flags": flags, "content_hash": text.content_hash})  # what __post_init__ would have set

    def flags(self, row: GridRow, texts: dict[str, str], responsibility: Responsibility) -> tuple[str, ...]:
        found: list[str] = []

        def flag(code: str, detail: Message, column: str = "") -> None:
            found.append(code)
            self.issues.append(RowIssue(self.grid.sheet_name, row.number, column, code, detail))

        inherited = row.merged_from_above
        own_columns = [index for index, text in enumerate(row.cells) if text and not inherited[index]] if inherited \
            else [index for index, text in enumerate(row.cells) if text]
        if texts["serial"] in _GOAL_WORDS or texts["task_text"].startswith(_GOAL_PREFIXES) or \
                texts["basic_content"].startswith(_GOAL_PREFIXES):
            flag("action_goal", Message.of("row_action_goal"))
        nobody = not (responsibility.leads or responsibility.responsible)  # no all_departments tuple per row
        if self.has_department_columns and nobody and len(own_columns) == 1:
            only = self.layout.columns[own_columns[0]].label or column_letter(own_columns[0])
            flag("fragment", Message.of("row_task_fragment", column=only))
        if self.has_department_columns and nobody:
            flag("blank_departments", Message.of("row_blank_departments"), self.letter("responsible"))
        for column, label in self.text_columns:
            text = row.cells[column]
            if text and len(text) <= 120 and "。" not in text and looks_like_department_list(row.own_cell(column)):
                flag("shifted_cells", Message.of("row_unit_in_text_column", text=row.cell(column)[:20], column=label),
                     column_letter(column))
        if responsibility.unclear:
            flag("shifted_cells", Message.of("row_text_in_unit_column", text=responsibility.unclear[0][:20]),
                 self.letter("responsible") or self.letter("lead"))
        if own_columns and not any(inherited):
            first_seen = self._seen_rows.setdefault(row.cells, row.number)
            if first_seen != row.number:
                flag("duplicate_row", Message.of("row_duplicate_row", first=first_seen))
        return tuple(dict.fromkeys(found))


def _flag_nobody(task: ParsedTask, issues: list[RowIssue]) -> ParsedTask:
    if task.responsibility.all_departments:
        return task
    issues.append(RowIssue(task.sheet, task.first_row, "", "blank_departments",
                           Message.of("row_no_unit_in_parentheses")))
    return replace(task, flags=(*task.flags, "blank_departments"))


def parse_task_table(grid: Grid, layout: TableLayout, heading: PlanHeading,
                     aliases: Mapping[str, str] | None = None) -> ParsedTable:
    """Every task row under the header of `grid`, with its action and flags; `aliases` are the clerk's department
    spellings (spelling → canonical)."""
    issues: list[RowIssue] = []
    records, actions = collect_records(grid, layout, issues)
    parser = _TaskParser(grid, layout, aliases, issues)
    if records and not parser.has_department_columns:
        first = layout.header_row_numbers[0]
        issues.append(RowIssue(grid.sheet_name, first, "", "no_department_columns",
                               Message.of("row_no_department_columns")))
    tasks = tuple(parser.parse(record) for record in records)
    if not parser.has_department_columns and any(task.responsibility.all_departments for task in tasks):
        # departments came from parentheses after the task text: the rows without one need a look
        issues[:] = [issue for issue in issues if issue.code != "no_department_columns"]
        tasks = tuple(_flag_nobody(task, issues) for task in tasks)
    return ParsedTable("tasks", grid.sheet_name, " ".join(layout.title_lines), tuple(actions.values()),
                       tasks=tasks, issues=tuple(sorted(issues, key=lambda issue: issue.row)), heading=heading)

