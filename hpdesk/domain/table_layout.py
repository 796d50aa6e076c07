"""Find the header of a city table and map its columns to fields by their header words.

Works on any layout: title and subtitle rows above the header are skipped, a two-row header (2018年 over 基期水平)
is merged into one label per column, and the table kind (tasks or indicators) follows from the fields found. When
the mapping is unsure the caller may pass the clerk's own `column_fields`, remembered by `layout_signature`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from hpdesk.domain.grid import Grid, GridRow

# field → header words (compared after removing spaces and brackets). Order matters: first match wins.
FIELD_WORDS: dict[str, tuple[str, ...]] = {
    "serial": ("序号", "编号", "序"),
    "action": ("专项行动", "行动名称", "行动", "领域", "重大行动", "专项"),
    "basic_content": ("基本内容", "主要内容", "工作内容"),
    "task_text": ("具体任务", "任务名称", "任务内容", "重点任务", "主要任务", "工作任务", "任务"),
    "measures": ("推进措施", "工作措施", "具体措施", "措施"),
    "work_plan": ("工作计划", "佐证材料", "工作要求"),
    "reporting_note": ("工作推进", "推进要求", "报送要求", "时间要求", "完成时限"),
    "lead": ("牵头部门", "牵头单位", "牵头"),
    "responsible": ("责任部门", "责任单位", "配合部门", "配合单位", "责任分工", "责任主体"),
    "indicator_name": ("指标名称", "指标", "主要指标"),
    "unit": ("单位", "计量单位"),
    "baseline": ("基期水平", "基期值", "基期", "基线值", "基线", "现状值", "现状"),
    "target": ("目标值", "目标"),
    "nature": ("指标性质", "性质", "指标属性"),
    "note": ("备注", "说明"),
}
TASK_FIELDS = {"task_text", "basic_content", "measures", "work_plan"}
INDICATOR_FIELDS = {"indicator_name"}
_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})年?(?:底|末)?$")
_YEAR_ANYWHERE = re.compile(r"(?P<year>(?:19|20)\d{2})年")
_STRIP = re.compile(r"[\s（）()【】\[\]:：*]")
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class ColumnRole:
    field: str  # one of FIELD_WORDS, "year_value", or "" when unmapped
    year: int | None = None  # for baseline/target/year_value columns
    label: str = ""  # the merged header text, verbatim


@dataclass(frozen=True)
class TableLayout:
    kind: str  # "tasks" | "indicators" | "unknown"
    header_row_numbers: tuple[int, ...]
    header_rows: tuple[tuple[str, ...], ...]
    columns: tuple[ColumnRole, ...]
    signature: str
    confident: bool  # every essential field found from the header words alone

    def column_of(self, field: str) -> int | None:
        for index, role in enumerate(self.columns):
            if role.field == field:
                return index
        return None

    def columns_of(self, field: str) -> list[int]:
        return [index for index, role in enumerate(self.columns) if role.field == field]

    @property
    def data_starts_after(self) -> int:
        return self.header_row_numbers[-1]


def _compact(text: str) -> str:
    return _STRIP.sub("", text)


def field_for_label(label: str) -> str:
    """The field a single header label names, or '' (exact words first, then a label starting with one)."""
    compact = _compact(label)
    if not compact:
        return ""
    for field, words in FIELD_WORDS.items():
        if compact in words:
            return field
    for field, words in FIELD_WORDS.items():
        if any(compact.startswith(word) and len(compact) <= len(word) + 4 for word in words):
            return field
    return ""


def _header_score(row: GridRow) -> int:
    score = 0
    for text in row.cells:
        if field_for_label(text) or _YEAR.match(_compact(text)):
            score += 1
        elif len(text) > 40:
            score -= 1  # long prose is data, not a header
    return score


def layout_signature(header_rows: tuple[tuple[str, ...], ...]) -> str:
    """Same header words in the same order → same signature (spacing and brackets ignored)."""
    joined = "|".join("/".join(_compact(cell) for cell in row) for row in header_rows)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def _is_second_header_row(row: GridRow, above: GridRow) -> bool:
    # Cells that merely repeat the row above (a vertically merged 领域/序号 header) say nothing either way.
    filled = [
        text for index, text in enumerate(row.cells)
        if text.strip() and text != above.cell(index)
    ]
    if not filled:
        return False
    return all(field_for_label(text) in {"baseline", "target", "unit", "note"} or _YEAR.match(_compact(text))
               for text in filled)


def _merged_labels(rows: list[GridRow], width: int) -> list[str]:
    labels = []
    for column in range(width):
        parts = [row.cell(column) for row in rows if row.cell(column)]
        deduplicated = list(dict.fromkeys(parts))
        labels.append("/".join(deduplicated))
    return labels


def _role_for(label: str) -> ColumnRole:
    parts = [part for part in label.split("/") if part]
    year = None
    for part in parts:
        match = _YEAR.match(_compact(part)) or _YEAR_ANYWHERE.search(part)
        if match:
            year = int(match.group("year"))
    fields = [field_for_label(part) for part in parts]
    chosen = next((f for f in reversed(fields) if f in {"baseline", "target"}), "") or next(
        (f for f in fields if f), ""
    )
    if year is not None and chosen in {"", "target", "baseline"}:
        return ColumnRole(chosen or "year_value", year, label)
    return ColumnRole(chosen, None, label)


def detect_layout(grid: Grid, column_fields: list[str] | None = None) -> TableLayout | None:
    """The header rows and column roles of `grid`, or None when no row looks like a header.

    `column_fields` (one field name per column, '' to ignore a column) overrides the detected mapping: it is what
    the clerk chose by hand for this layout.
    """
    candidates = [row for row in grid.rows[:HEADER_SEARCH_ROWS] if not row.is_blank()]
    scored = [(_header_score(row), index, row) for index, row in enumerate(candidates)]
    best = max(scored, key=lambda item: (item[0], -item[1]), default=None)
    if best is not None and best[0] < 2 and column_fields is not None:
        best = (0, 0, candidates[0])  # the clerk mapped the columns by hand: the first filled row is the header
    if best is None or (best[0] < 2 and column_fields is None):
        return None
    _score, index, header = best
    header_rows = [header]
    if index + 1 < len(candidates) and _is_second_header_row(candidates[index + 1], header):
        header_rows.append(candidates[index + 1])
    labels = _merged_labels(header_rows, grid.width)
    roles = [_role_for(label) for label in labels]
    roles = _resolve_year_columns(roles)
    if column_fields is not None:
        roles = [
            ColumnRole(field, roles[i].year if i < len(roles) else None, labels[i] if i < len(labels) else "")
            for i, field in enumerate(column_fields[: grid.width])
        ]
    fields = {role.field for role in roles}
    if fields & INDICATOR_FIELDS and (fields & {"target", "year_value", "baseline"}):
        kind = "indicators"
    elif fields & TASK_FIELDS:
        kind = "tasks"
    else:
        kind = "unknown"
    essential = {"tasks": {"task_text"}, "indicators": {"indicator_name", "target"}}.get(kind, {"?"})
    header_tuple = tuple(row.cells for row in header_rows)
    return TableLayout(
        kind=kind,
        header_row_numbers=tuple(row.number for row in header_rows),
        header_rows=header_tuple,
        columns=tuple(roles),
        signature=layout_signature(header_tuple),
        confident=column_fields is not None or essential <= fields,
    )


def _resolve_year_columns(roles: list[ColumnRole]) -> list[ColumnRole]:
    """Year columns without 基期/目标 words: the earliest is the baseline when later ones exist, the rest targets."""
    year_columns = [i for i, role in enumerate(roles) if role.field == "year_value"]
    has_baseline = any(role.field == "baseline" for role in roles)
    if not year_columns:
        return roles
    resolved = list(roles)
    earliest = min(year_columns, key=lambda i: roles[i].year or 0)
    for i in year_columns:
        if i == earliest and not has_baseline and len(year_columns) > 1:
            resolved[i] = ColumnRole("baseline", roles[i].year, roles[i].label)
        else:
            resolved[i] = ColumnRole("target", roles[i].year, roles[i].label)
    return resolved


def looks_like_repeated_header(row: GridRow, layout: TableLayout) -> bool:
    """A data row that repeats the header (page breaks in the source document)."""
    header = layout.header_rows[0]
    matches = sum(1 for a, b in zip(row.cells, header) if a and _compact(a) == _compact(b))
    filled = row.filled_count()
    return filled > 0 and matches >= max(2, int(filled * 0.6))


_NOTE_START = re.compile(r"^(?:注|备注|说明|附注|填报说明)\s*[：:\d１１、.]")


def looks_like_notes_row(row: GridRow) -> bool:
    """'注：…' / '说明：…' rows under the table (often one merged cell across the width)."""
    filled = [text for text in row.cells if text.strip()]
    if not filled:
        return False
    first = filled[0]
    distinct = set(filled)
    return bool(_NOTE_START.match(first)) and len(distinct) <= 2
