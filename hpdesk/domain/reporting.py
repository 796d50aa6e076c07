"""Progress reports: statuses, the review workflow, and how several units' parts make the county's answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

STATUS_LABELS = {"not_started": "未开始", "in_progress": "推进中", "done": "已完成", "not_done": "未完成",
                 "not_applicable": "不适用"}
REVIEW_LABELS = {"draft": "草稿", "submitted": "已提交", "returned": "已退回", "approved": "已通过"}
ROLE_LABELS = {"lead": "牵头", "co": "配合"}
UNIT_TYPES = {"department": "部门", "street": "街道", "township": "乡镇", "hospital": "医院",
              "community_health_centre": "社区卫生服务中心", "other": "其他"}

# review action → (states it may start from, state it leads to)
REVIEW_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft", "returned"}), "submitted"),
    "approve": (frozenset({"submitted"}), "approved"),
    "return": (frozenset({"submitted", "approved"}), "returned"),
    "reopen": (frozenset({"approved", "returned"}), "draft"),
}
HANDED_IN = frozenset({"submitted", "approved"})


def next_review_state(current: str, action: str) -> str | None:
    """The state after `action`, or None when the workflow does not allow it from `current`."""
    allowed, target = REVIEW_TRANSITIONS.get(action, (frozenset(), ""))
    return target if current in allowed else None


def combined_status(statuses: Iterable[str]) -> str:
    """The county's status for a task from its units' parts.

    All not applicable → not_applicable; all done (ignoring not applicable) → done; all not started → not_started;
    any part still in progress or done while others lag → in_progress; otherwise not_done.
    """
    parts = [status for status in statuses]
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
class Figure:
    name: str
    value: float
    unit: str = ""


def parse_figure(text: str) -> Figure:
    """'培训人数=120人' → Figure('培训人数', 120, '人'). ValueError when there is no number after '='."""
    name, _, rest = text.partition("=")
    rest = rest.strip()
    number = ""
    for character in rest:
        if character.isdigit() or character in ".-":
            number += character
        else:
            break
    if not name.strip() or not number:
        raise ValueError(text)
    return Figure(name.strip(), float(number), rest[len(number):].strip())


def combine_figures(parts: Iterable[Iterable[dict]]) -> list[dict]:
    """Sum figures with the same name and unit across units' reports, keeping first-seen order."""
    totals: dict[tuple[str, str], float] = {}
    for figures in parts:
        for figure in figures:
            key = (str(figure.get("name", "")), str(figure.get("unit", "")))
            totals[key] = totals.get(key, 0.0) + float(figure.get("value", 0) or 0)
    return [{"name": name, "value": value, "unit": unit} for (name, unit), value in totals.items()]
