"""The reporting calendar as pure rules: cadence → periods, labels, names, due dates, period states, overdue.

Labels are `2025H1`, `2025H2`, `2025Q3` and `2025`; names 2025年上半年, 2025年下半年, 2025年第三季度, 2025年度.
Deadlines fall *inside* the half-year they report on (H1 is due 15 June), so "overdue" is measured against the due
date, never the period end. Nothing is hard-coded beyond `DEFAULT_CADENCE`, which the workspace overrides with its
own setting (see `Cadence.to_json` / `Cadence.from_json`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

KINDS = ("semiannual", "quarterly", "annual")
KIND_LABELS = {"semiannual": "半年报", "quarterly": "季报", "annual": "年报"}
_PERIODS_PER_YEAR = {"semiannual": 2, "quarterly": 4, "annual": 1}

MonthDay = tuple[int, int]


@dataclass(frozen=True)
class Cadence:
    """When reports fall due, and which kinds of period `generate` creates.

    Semiannual and quarterly due dates are (month, day) per period, taken as the first such day on or after the
    period's start: (6, 15) for H1 is 15 June of the same year, while (1, 10) for H2 would be 10 January of the next.
    The annual report falls due on `annual_due` of the following year when `annual_due_next_year` (the monitoring
    report on 2025 is due 5 June 2026). `kinds` are always generated; quarterly periods are also generated when a task
    asks for quarterly material (see `kinds_to_generate`).
    """

    semiannual_due: tuple[MonthDay, ...] = ((6, 15), (12, 15))
    quarterly_due: tuple[MonthDay, ...] = ((3, 15), (6, 15), (9, 15), (12, 15))
    annual_due: MonthDay = (6, 5)
    annual_due_next_year: bool = True
    kinds: tuple[str, ...] = ("semiannual", "annual")

    def problems(self) -> list[str]:
        """What is wrong with this cadence (empty when it is usable): counts of due dates, impossible days, kinds."""
        found = []
        if len(self.semiannual_due) != 2:
            found.append("semiannual_due needs 2 dates")
        if len(self.quarterly_due) != 4:
            found.append("quarterly_due needs 4 dates")
        for month_day in (*self.semiannual_due, *self.quarterly_due, self.annual_due):
            if not _valid_month_day(month_day):
                found.append(f"no such day every year: {month_day}")
        found.extend(f"unknown kind: {kind}" for kind in self.kinds if kind not in KINDS)
        return found

    def to_json(self) -> dict[str, object]:
        return {
            "semiannual_due": [list(d) for d in self.semiannual_due],
            "quarterly_due": [list(d) for d in self.quarterly_due],
            "annual_due": list(self.annual_due),
            "annual_due_next_year": self.annual_due_next_year,
            "kinds": list(self.kinds),
        }

    @staticmethod
    def from_json(data: object) -> Cadence:
        """The cadence stored as a setting; missing keys take the default. ValueError when the data is malformed."""
        if not data:
            return DEFAULT_CADENCE
        if not isinstance(data, dict):
            raise ValueError(f"cadence must be an object, not {type(data).__name__}")
        try:
            cadence = Cadence(
                semiannual_due=_month_days(data.get("semiannual_due", DEFAULT_CADENCE.semiannual_due)),
                quarterly_due=_month_days(data.get("quarterly_due", DEFAULT_CADENCE.quarterly_due)),
                annual_due=_month_day(data.get("annual_due", DEFAULT_CADENCE.annual_due)),
                annual_due_next_year=bool(data.get("annual_due_next_year", DEFAULT_CADENCE.annual_due_next_year)),
                kinds=tuple(str(kind) for kind in data.get("kinds", DEFAULT_CADENCE.kinds)),
            )
        except (TypeError, ValueError) as error:
            raise ValueError(f"malformed cadence: {error}") from None
        problems = cadence.problems()
        if problems:
            raise ValueError("; ".join(problems))
        return cadence


def _month_day(value: Sequence[Any]) -> MonthDay:
    month, day = value
    return int(month), int(day)


def _month_days(values: Iterable[Sequence[Any]]) -> tuple[MonthDay, ...]:
    return tuple(_month_day(value) for value in values)


def _valid_month_day(month_day: MonthDay) -> bool:
    try:
        date(2025, *month_day)  # a common year: 29 February would vanish three years in four
    except (TypeError, ValueError):
        return False
    return True


DEFAULT_CADENCE = Cadence()


@dataclass(frozen=True)
class PeriodSpec:
    label: str
    kind: str
    name: str
    start: date
    end: date
    due: date


_LABEL = re.compile(r"^(?P<year>\d{4})(?:(?P<half>H[12])|(?P<quarter>Q[1-4]))?$")
_QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


def parse_label(label: str) -> tuple[str, int, int] | None:
    """'2025H1' → ('semiannual', 2025, 1); '2025Q3' → ('quarterly', 2025, 3); '2025' → ('annual', 2025, 1).

    Case and surrounding spaces are ignored; anything else (2025H3, 25H1) gives None.
    """
    match = _LABEL.match(label.strip().upper())
    if not match:
        return None
    year = int(match.group("year"))
    if match.group("half"):
        return "semiannual", year, int(match.group("half")[1])
    if match.group("quarter"):
        return "quarterly", year, int(match.group("quarter")[1])
    return "annual", year, 1


def normalise_label(label: str) -> str:
    """'2025h1 ' → '2025H1' (the stored form); unchanged when it is not a label."""
    return label.strip().upper()


def _last_day(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _due_on_or_after(start: date, month_day: MonthDay) -> date:
    due = date(start.year, *month_day)
    return due if due >= start else date(start.year + 1, *month_day)


def period(kind: str, year: int, index: int, cadence: Cadence = DEFAULT_CADENCE) -> PeriodSpec:
    """Period `index` (1-based) of `year` for `kind`; ValueError for an unknown kind or index."""
    if kind not in _PERIODS_PER_YEAR or not 1 <= index <= _PERIODS_PER_YEAR[kind]:
        raise ValueError(f"no period {index} of kind {kind!r}")
    if kind == "semiannual":
        start = date(year, 1 if index == 1 else 7, 1)
        return PeriodSpec(f"{year}H{index}", kind, f"{year}年{'上' if index == 1 else '下'}半年", start,
                          _last_day(year, start.month + 5), _due_on_or_after(start, cadence.semiannual_due[index - 1]))
    if kind == "quarterly":
        start = date(year, 3 * (index - 1) + 1, 1)
        return PeriodSpec(f"{year}Q{index}", kind, f"{year}年{_QUARTER_NAMES[index]}", start,
                          _last_day(year, start.month + 2), _due_on_or_after(start, cadence.quarterly_due[index - 1]))
    due_year = year + 1 if cadence.annual_due_next_year else year
    return PeriodSpec(f"{year}", kind, f"{year}年度", date(year, 1, 1), date(year, 12, 31),
                      date(due_year, *cadence.annual_due))


def periods_for_years(kind: str, first_year: int, last_year: int,
                      cadence: Cadence = DEFAULT_CADENCE) -> list[PeriodSpec]:
    """Every period of `kind` from `first_year` to `last_year` inclusive, in date order."""
    count = _PERIODS_PER_YEAR[kind]
    return [period(kind, year, index, cadence) for year in range(first_year, last_year + 1)
            for index in range(1, count + 1)]


def current_periods(kind: str, today: date, cadence: Cadence = DEFAULT_CADENCE) -> list[PeriodSpec]:
    """The periods of `kind` a new workspace starts with on `today`: this year's whose due date has not passed, or
    next year's when every one of this year's has. The first is the current period; none is overdue on `today`."""
    specs = [spec for spec in periods_for_years(kind, today.year, today.year, cadence) if spec.due >= today]
    return specs or periods_for_years(kind, today.year + 1, today.year + 1, cadence)


def passed_periods(kind: str, today: date, cadence: Cadence = DEFAULT_CADENCE) -> list[PeriodSpec]:
    """This year's periods of `kind` already due before `today`: the ones `current_periods` leaves out, which the
    clerk is told about (they can still be added by hand)."""
    return [spec for spec in periods_for_years(kind, today.year, today.year, cadence) if spec.due < today]


def spec_for_label(label: str, cadence: Cadence = DEFAULT_CADENCE) -> PeriodSpec | None:
    """The period a label names, or None when it is not a label."""
    parsed = parse_label(label)
    return period(*parsed, cadence) if parsed else None


def kinds_to_generate(cadence: Cadence, task_cadences: Iterable[str]) -> tuple[str, ...]:
    """The kinds of period `generate` creates: the cadence's kinds, plus quarterly when some task asks for it."""
    kinds = set(cadence.kinds)
    if "quarterly" in set(task_cadences):
        kinds.add("quarterly")
    return tuple(kind for kind in KINDS if kind in kinds)


# Which task cadences a period of each kind expects a report for (None: every county task). Every task reports its
# progress each half-year; quarterly periods ask only the tasks that want quarterly material, annual ones only tasks
# marked annual (the annual monitoring report itself is about indicator values).
EXPECTED_TASK_CADENCES: dict[str, frozenset[str] | None] = {
    "semiannual": None,
    "quarterly": frozenset({"quarterly"}),
    "annual": frozenset({"annual"}),
}


# --- period states -------------------------------------------------------------------------------------------------

PERIOD_STATES = ("open", "submitted", "locked")
STATE_LABELS = {"open": "填报中", "submitted": "已报送", "locked": "已锁定"}

# target state → states it may be reached from. Reopening a locked period needs a reason (UNLOCK_NEEDS_REASON).
PERIOD_TRANSITIONS: dict[str, frozenset[str]] = {
    "submitted": frozenset({"open"}),
    "locked": frozenset({"open", "submitted"}),
    "open": frozenset({"submitted", "locked"}),
}


def period_transition_allowed(current: str, target: str) -> bool:
    """True when a period may move from `current` to `target` (staying put is allowed: it changes nothing)."""
    return current == target or current in PERIOD_TRANSITIONS.get(target, frozenset())


def transition_needs_reason(current: str, target: str) -> bool:
    """Unlocking must be explained: it reopens data that was already final."""
    return current == "locked" and target != "locked"


# --- overdue -------------------------------------------------------------------------------------------------------


def days_overdue(due: date, today: date) -> int:
    """Whole days past the due date (0 up to and on the due day)."""
    return max((today - due).days, 0)
