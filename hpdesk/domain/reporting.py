"""Progress reports as pure rules: statuses, the review workflow as a table, the county's combined answer and key
figures.

A task shared by several units gets one report per unit; the county's answer is built from those parts:
- status: `combined_status` (see its contract);
- narrative, problems, next steps: each unit's text prefixed with 【unit（role）】, lead first, joined by new lines;
- figures: summed per (figure name, measurement unit) — 培训人数 in 人 from two units add up, 人 and 人次 do not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from hpdesk.domain.measure_units import format_number

STATUS_LABELS = {"not_started": "未开始", "in_progress": "推进中", "done": "已完成", "not_done": "未完成",
                 "not_applicable": "不适用"}
REVIEW_LABELS = {"draft": "草稿", "submitted": "已提交", "returned": "已退回", "approved": "已通过"}
REVIEW_ACTION_LABELS = {"submit": "提交", "approve": "通过", "return": "退回"}
ROLE_LABELS = {"lead": "牵头", "co": "配合"}
UNIT_TYPES = {"department": "部门", "street": "街道", "township": "乡镇", "hospital": "医院",
              "community_health_centre": "社区卫生服务中心", "other": "其他"}

# review action → (states it may start from, state it leads to). Reopening an approved report is returning it.
REVIEW_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft", "returned"}), "submitted"),
    "approve": (frozenset({"submitted"}), "approved"),
    "return": (frozenset({"submitted", "approved"}), "returned"),
}
REVIEW_ACTIONS = tuple(REVIEW_TRANSITIONS)
ACTIONS_NEEDING_COMMENT = frozenset({"return"})  # a unit must be told what to add or correct
HANDED_IN = frozenset({"submitted", "approved"})  # what counts as "reported on time" for overdue
EDITABLE_REVIEW_STATES = frozenset({"draft", "submitted", "returned"})  # approved content changes only via return


def next_review_state(current: str, action: str) -> str | None:
    """The state after `action`, or None when the workflow does not allow it from `current`."""
    allowed, target = REVIEW_TRANSITIONS.get(action, (frozenset(), ""))
    return target if current in allowed else None


def combined_status(statuses: Iterable[str]) -> str:
    """The county's status for a task from its units' parts.

    No parts → not_started; all not applicable → not_applicable; otherwise, ignoring not applicable parts: all done →
    done; all not started → not_started; any in progress or done while others lag → in_progress; else not_done (some
    part failed and nothing is moving).
    """
    parts = list(statuses)
    relevant = [status for status in parts if status != "not_applicable"]
    if not parts:
        return "not_started"
    if not relevant:
        return "not_applicable"
    if all(status == "done" for status in relevant):
        return "done"
    if all(status == "not_started" for status in relevant):
        return "not_started"
    if any(status in ("in_progress", "done") for status in relevant):
        return "in_progress"
    return "not_done"


@dataclass(frozen=True)
class ReportKey:
    """A unit's report named as the clerk names it: task code, unit name (or alias) and period label. Services that
    take a `ReportKey | int` also accept the report's id."""

    task_code: str
    unit: str
    period_label: str


@dataclass(frozen=True)
class UnitPart:
    """One unit's text for the combined answer."""

    unit: str
    role: str  # lead | co
    text: str


def join_parts(parts: Iterable[UnitPart]) -> str:
    """'【区卫生健康委（牵头）】…\\n【北下街街道（配合）】…': lead first, then in the given order; blank texts skipped."""
    ordered = sorted((part for part in parts if part.text.strip()), key=lambda part: part.role != "lead")
    return "\n".join(f"【{part.unit}（{ROLE_LABELS.get(part.role, part.role)}）】{part.text.strip()}"
                     for part in ordered)


# --- key figures ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A named number of a report: 培训人数 = 120 人 (stored as {"name", "value", "unit"})."""

    name: str
    value: float
    unit: str = ""

    def to_json(self) -> dict[str, object]:
        """The stored form; the number as written (12, never 12.0)."""
        return {"name": self.name, "value": figure_number(self.value), "unit": self.unit}

    @classmethod
    def from_json(cls, stored: Mapping[str, object]) -> Figure:
        """A stored figure; a number that is missing or unreadable reads as 0 (every writer checks it, so only a
        hand-edited database has one)."""
        value = stored.get("value")
        try:
            number = figure_number(value) if isinstance(value, (int, float, str)) and value != "" else 0
        except ValueError:
            number = 0
        return cls(str(stored.get("name", "") or ""), number, str(stored.get("unit", "") or ""))

    def is_complete(self) -> bool:
        """A name and a finite number: what a report accepts."""
        return bool(self.name.strip()) and math.isfinite(self.value)


def figures_from_json(stored: Iterable[Mapping[str, object]] | None) -> tuple[Figure, ...]:
    """A report's stored figures ([{"name", "value", "unit"}], or None) as Figure values."""
    return tuple(Figure.from_json(item) for item in stored or ())


def figure_number(value: float | str) -> float | int:
    """A figure's number as it is kept: 12 for "12" or 12.0 (a count is never shown as "12.0场"), 95.5 stays 95.5.
    ValueError for a text that is no number."""
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def figure_text(figure: Figure) -> str:
    """'讲座 12场', '覆盖率 95.5%': name, the number as written and the unit verbatim, for lists and queues."""
    return f"{figure.name} {format_number(float(figure.value))}{figure.unit}".strip()


_FIGURE_NUMBER = re.compile(r"^(?P<qualifier>约|近|超过|逾|共)?(?P<number>[-+]?\d+(?:\.\d+)?)(?P<unit>.*)$")


def parse_figure(text: str) -> Figure:
    """'培训人数=120人' → Figure('培训人数', 120.0, '人'); '覆盖率=约95.5%' → (…, 95.5, '%').

    Full-width ＝ and thousands separators are accepted. ValueError when there is no name or no number after '='.
    """
    name, separator, rest = text.replace("＝", "=").partition("=")
    if not separator:
        raise ValueError(text)
    try:
        return figure_from_cells(name, rest)
    except ValueError:
        raise ValueError(text) from None


def figure_from_cells(name: str, number: str, unit: str = "") -> Figure:
    """A figure typed in separate cells (the report editor's name / value / unit), read as `parse_figure` reads the
    text after '=': '约95.5', '3,000' and '120人' are numbers; a unit written after the number counts when the unit
    cell is blank. ValueError (carrying the name, or the number when there is none) when the name is blank, the
    number is not one, or the two units differ."""
    match = _FIGURE_NUMBER.match(number.strip().replace(",", "").replace("，", ""))
    written_unit = match.group("unit").strip() if match else ""
    if not name.strip() or not match or (written_unit and unit.strip() and written_unit != unit.strip()):
        raise ValueError(name.strip() or number.strip())
    return Figure(name.strip(), float(match.group("number")), unit.strip() or written_unit)


def combine_figures(parts: Iterable[Iterable[Figure]]) -> list[Figure]:
    """Sum figures with the same name and measurement unit across units' reports, keeping first-seen order."""
    totals: dict[tuple[str, str], float] = {}
    for figures in parts:
        for figure in figures:
            key = (figure.name, figure.unit)
            totals[key] = totals.get(key, 0.0) + float(figure.value)
    return [Figure(name, value, unit) for (name, unit), value in totals.items()]

