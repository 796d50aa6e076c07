"""A city indicator table (as a Grid with its layout) → indicator rows: name and unit, baseline with its year and
note, the target text per year verbatim, nature, and the area (领域) the indicator belongs to.

Understanding the target texts is `domain.targets`' job; here they are only kept exactly as written. Rows that look
broken are kept and flagged: `fragment` (no indicator name), `no_target`, `duplicate_indicator`, `unit_conflict`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hpdesk.domain.grid import Grid, column_letter
from hpdesk.domain.measure_units import canonical_unit, unit_dimension
from hpdesk.domain.messages import Message, register_messages
from hpdesk.domain.plan_table import (
    DataRecord, FieldReader, ParsedTable, PlanHeading, RowIssue, collect_records, content_digest, identity_text,
)
from hpdesk.domain.table_layout import TableLayout

register_messages({  # an indicator row's issues, for the clerk (params quote the clerk's own file)
    "row_indicator_fragment": ("这一行没有指标名称，只有其他栏的内容，像是原表被截断或错位；已保留，请核对",
                               "This row has no indicator name, only other columns: the table looks cut off or "
                               "shifted; kept, please check"),
    "row_no_target": ("指标“{name}”没有目标值", "The indicator \"{name}\" has no target"),
    "row_unit_conflict": ("单位列写“{unit}”，指标名称里写“{named}”：以单位列为准，请核对",
                          "The unit column says \"{unit}\", the indicator's name \"{named}\": the unit column "
                          "is used, please check"),
    "row_target_year_unknown": ("目标值没有注明年份，已按“不限年份”导入；如需指定年份，请在导入窗口调整该列的年份",
                                "The targets name no year and are imported as \"any year\"; to give a year, set "
                                "the column's year in the import window"),
    "row_unknown_nature": ("指标性质“{nature}”不是预期性、约束性或倡导性",
                           "The indicator's nature \"{nature}\" is none of expected, binding or advocated"),
    "row_duplicate_indicator": ("与第 {first} 行的指标同名：请确认是否重复",
                                "Same name as the indicator in row {first}: please check whether it is a duplicate"),
})

ANY_YEAR = 0  # the year of a target that holds for every year (不限年份): its column names none, nor does the plan

NATURES = ("预期性", "约束性", "倡导性")
_UNIT_IN_NAME = re.compile(r"^(?P<name>.*?)\s*[（(](?P<unit>[^（）()]{1,12})[）)]\s*$", re.S)
_NOT_A_UNIT = re.compile(r"[\u4e00-\u9fff]{4,}|含|包括|截至|以|不")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_NOTE_IN_BRACKETS = re.compile(r"[（(](?P<note>[^（）()]*)[）)]")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_EMPTY_MARKS = {"—", "-", "－", "--", "——", "/", "无", "暂无", "—/—"}


@dataclass(frozen=True)
class ParsedIndicator:
    action_key: str  # the area's action key ('' when the table has no 领域 column)
    sheet: str
    first_row: int
    last_row: int
    source_range: str
    source_cells: tuple[str, ...]
    serial_label: str
    area: str  # the 领域 cell verbatim
    name: str
    name_text: str  # the name cell verbatim, unit included
    unit: str
    baseline_text: str
    baseline_value: float | None
    baseline_year: int | None
    baseline_note: str
    targets: tuple[tuple[int, str], ...]  # (year, text verbatim); year 0 when the table gives none
    nature: str  # 预期性 | 约束性 | 倡导性, or the cell verbatim when it is something else
    note: str
    flags: tuple[str, ...]
    content_hash: str = ""  # changes with any edit of the row's texts, targets included
    match_text: str = ""  # the name, spacing and punctuation ignored

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", content_digest(
                self.area, self.name_text, self.unit, self.baseline_text, self.nature, self.note,
                *(f"{year}:{text}" for year, text in self.targets)))
        if not self.match_text:
            object.__setattr__(self, "match_text", identity_text(self.name))

    @property
    def label(self) -> str:
        return self.name_text


def split_name_and_unit(text: str) -> tuple[str, str]:
    """'居民健康素养水平 (%)' → ('居民健康素养水平', '%'); '每千人口执业（助理）医师数（人）' → (…医师数, '人').

    Only a final bracket that reads as a unit is taken; '（以乡镇为单位）' stays in the name and the unit is ''.
    """
    match = _UNIT_IN_NAME.match(text.strip())
    # A spelling hpdesk knows ('十万分之') is a unit even when it looks like words to the heuristic.
    if match and (unit_dimension(match.group("unit").strip()) is not None
                  or not _NOT_A_UNIT.search(match.group("unit"))):
        return match.group("name").strip(), canonical_unit(match.group("unit").strip())
    return text.strip(), ""


def split_baseline(text: str, default_year: int | None) -> tuple[float | None, int | None, str]:
    """'79.49(截至2017年底)' → (79.49, 2017, '截至2017年底'); '—' → (None, year, ''); '≤4.1' → (4.1, year, '≤');
    '接近100' → (100.0, year, '接近'). The text itself is stored verbatim beside these."""
    stripped = text.strip()
    if stripped in _EMPTY_MARKS:
        return None, default_year, ""
    note = ""
    bracket = _NOTE_IN_BRACKETS.search(stripped)
    if bracket:
        note = bracket.group("note").strip()
        stripped = (stripped[: bracket.start()] + stripped[bracket.end():]).strip()
    year = default_year
    note_year = _YEAR.search(note)
    text_year = _YEAR.search(stripped)
    if note_year:
        year = int(note_year.group(1))
    elif text_year:  # '2017年：79.49'
        year = int(text_year.group(1))
        stripped = stripped.replace(text_year.group(0), "")
    number = _NUMBER.search(stripped)
    qualifier = re.sub(r"[\d.%‰\s：:]", "", stripped)
    if qualifier and not note:
        note = qualifier
    return (float(number.group()) if number else None), year, note


def normalise_nature(text: str) -> str:
    """'预期' / '预期性指标' → '预期性'; anything else comes back verbatim."""
    compact = re.sub(r"\s|指标|[（(].*[）)]", "", text)
    return next((nature for nature in NATURES if compact.startswith(nature[:2])), text.strip())


@dataclass
class _IndicatorParser:
    """Parses the records of one table into indicators, appending row issues to `issues` as it goes."""

    grid: Grid
    layout: TableLayout
    heading: PlanHeading
    issues: list[RowIssue]

    def __post_init__(self) -> None:
        self._seen: dict[tuple[str, str], int] = {}
        self._year_noted = False
        baseline_column = self.layout.column_of("baseline")
        self.baseline_year = self.layout.columns[baseline_column].year if baseline_column is not None else None
        self.target_columns = [(column, self.layout.columns[column].year) for column in self.layout.columns_of("target")]
        self.text = FieldReader.for_layout(self.layout).text

    def parse(self, record: DataRecord) -> ParsedIndicator:
        row = record.row
        name_text = self.text(row, "indicator_name")
        name, unit_in_name = split_name_and_unit(name_text)
        unit_cell = self.text(row, "unit")
        unit = canonical_unit(unit_cell) if unit_cell else unit_in_name
        baseline_text = self.text(row, "baseline")
        baseline_value, baseline_year, baseline_note = split_baseline(baseline_text, self.baseline_year)
        targets = tuple(  # a column without a year: the plan's end year, else 0 (不限年份, any year)
            (year if year is not None else (self.heading.span_end or ANY_YEAR), row.cell(column).strip())
            for column, year in self.target_columns if row.cell(column).strip()
        )
        nature_text = self.text(row, "nature")
        found: list[str] = []

        def flag(code: str, detail: Message, column: str = "", severity: str = "warning") -> None:
            if severity == "warning":
                found.append(code)
            self.issues.append(RowIssue(self.grid.sheet_name, row.number, column, code, detail, severity))

        name_column = self.layout.column_of("indicator_name")
        name_letter = column_letter(name_column) if name_column is not None else ""
        if not name:
            flag("fragment", Message.of("row_indicator_fragment"), name_letter)
        elif not targets:
            flag("no_target", Message.of("row_no_target", name=name[:20]))
        if unit_cell and unit_in_name and canonical_unit(unit_cell) != unit_in_name:
            flag("unit_conflict", Message.of("row_unit_conflict", unit=unit_cell, named=unit_in_name),
                 name_letter, "info")
        if targets and not self._year_noted and not self.heading.span_end \
                and any(year is None for _column, year in self.target_columns):
            self._year_noted = True  # said once for the column, not on each of its rows
            flag("target_year_unknown", Message.of("row_target_year_unknown"), "", "info")
        nature = normalise_nature(nature_text) if nature_text else ""
        if nature and nature not in NATURES:
            flag("unknown_nature", Message.of("row_unknown_nature", nature=nature), "", "info")
        area = self.text(row, "action")
        if name:
            first = self._seen.setdefault((area, identity_text(name)), row.number)
            if first != row.number:
                flag("duplicate_indicator", Message.of("row_duplicate_indicator", first=first), name_letter)
        return ParsedIndicator(
            action_key=record.action_key, sheet=self.grid.sheet_name, first_row=row.number,
            last_row=record.last_row, source_range=record.source_range, source_cells=row.cells,
            serial_label=self.text(row, "serial"), area=area, name=name, name_text=name_text, unit=unit,
            baseline_text=baseline_text, baseline_value=baseline_value, baseline_year=baseline_year,
            baseline_note=baseline_note, targets=targets, nature=nature, note=self.text(row, "note"),
            flags=tuple(dict.fromkeys(found)),
        )


def parse_indicator_table(grid: Grid, layout: TableLayout, heading: PlanHeading) -> ParsedTable:
    """Every indicator row under the header of `grid` (a two- or three-row header is part of `layout`)."""
    issues: list[RowIssue] = []
    records, actions = collect_records(grid, layout, issues)
    parser = _IndicatorParser(grid, layout, heading, issues)
    indicators = tuple(parser.parse(record) for record in records)
    return ParsedTable("indicators", grid.sheet_name, " ".join(layout.title_lines), tuple(actions.values()),
                       indicators=indicators, issues=tuple(sorted(issues, key=lambda issue: issue.row)),
                       heading=heading)
