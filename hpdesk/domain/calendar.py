"""Reporting periods from an editable cadence: labels (2025H1, 2025Q3, 2025), names, dates and due dates.

Deadlines fall *inside* the half-year they report on (H1 is due 15 June), so "overdue" is measured against the due
date, never the period end. Nothing here is hard-coded beyond `DEFAULT_CADENCE`, which the workspace may override.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

KINDS = ("semiannual", "quarterly", "annual")


@dataclass(frozen=True)
class Cadence:
    """Due dates as (month, day) per period index; annual reports fall due in the following year."""

    semiannual_due: tuple[tuple[int, int], ...] = ((6, 15), (12, 15))
    quarterly_due: tuple[tuple[int, int], ...] = ((3, 15), (6, 15), (9, 15), (12, 15))
    annual_due: tuple[int, int] = (6, 5)
    annual_due_next_year: bool = True

    def to_json(self) -> dict[str, object]:
        return {"semiannual_due": [list(d) for d in self.semiannual_due],
                "quarterly_due": [list(d) for d in self.quarterly_due],
                "annual_due": list(self.annual_due), "annual_due_next_year": self.annual_due_next_year}

    @staticmethod
    def from_json(data: dict | None) -> Cadence:
        if not data:
            return DEFAULT_CADENCE
        return Cadence(
            semiannual_due=tuple(tuple(d) for d in data.get("semiannual_due", DEFAULT_CADENCE.semiannual_due)),  # type: ignore[misc]
            quarterly_due=tuple(tuple(d) for d in data.get("quarterly_due", DEFAULT_CADENCE.quarterly_due)),  # type: ignore[misc]
            annual_due=tuple(data.get("annual_due", DEFAULT_CADENCE.annual_due)),  # type: ignore[arg-type]
            annual_due_next_year=bool(data.get("annual_due_next_year", True)),
        )


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
    """'2025H1' → ('semiannual', 2025, 1); '2025Q3' → ('quarterly', 2025, 3); '2025' → ('annual', 2025, 1)."""
    match = _LABEL.match(label.strip().upper())
    if not match:
        return None
    year = int(match.group("year"))
    if match.group("half"):
        return "semiannual", year, int(match.group("half")[1])
    if match.group("quarter"):
        return "quarterly", year, int(match.group("quarter")[1])
    return "annual", year, 1


def _last_day(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def period(kind: str, year: int, index: int, cadence: Cadence = DEFAULT_CADENCE) -> PeriodSpec:
    """The period `index` (1-based) of `year` for `kind`."""
    if kind == "semiannual":
        start_month = 1 if index == 1 else 7
        month, day = cadence.semiannual_due[index - 1]
        return PeriodSpec(f"{year}H{index}", kind, f"{year}年{'上' if index == 1 else '下'}半年",
                          date(year, start_month, 1), _last_day(year, start_month + 5), date(year, month, day))
    if kind == "quarterly":
        start_month = 3 * (index - 1) + 1
        month, day = cadence.quarterly_due[index - 1]
        return PeriodSpec(f"{year}Q{index}", kind, f"{year}年{_QUARTER_NAMES[index]}", date(year, start_month, 1),
                          _last_day(year, start_month + 2), date(year, month, day))
    if kind == "annual":
        month, day = cadence.annual_due
        due_year = year + 1 if cadence.annual_due_next_year else year
        return PeriodSpec(f"{year}", kind, f"{year}年度", date(year, 1, 1), date(year, 12, 31), date(due_year, month, day))
    raise ValueError(f"unknown period kind {kind!r}")


def periods_for_years(kind: str, first_year: int, last_year: int, cadence: Cadence = DEFAULT_CADENCE) -> list[PeriodSpec]:
    count = {"semiannual": 2, "quarterly": 4, "annual": 1}[kind]
    return [period(kind, year, index, cadence) for year in range(first_year, last_year + 1)
            for index in range(1, count + 1)]


def spec_for_label(label: str, cadence: Cadence = DEFAULT_CADENCE) -> PeriodSpec | None:
    parsed = parse_label(label)
    return period(*parsed, cadence) if parsed else None


def is_overdue(due: date, today: date, handed_in: bool) -> bool:
    """Not handed in (submitted or approved) and past the due date."""
    return not handed_in and today > due
