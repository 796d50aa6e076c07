"""The demo's reporting calendar and the review state each report is in.

Periods are half-years ending with the one `today` falls in (due 15 June / 15 December, inside the half-year they
report on). Their roles tell the demo's story: the oldest was submitted to the city and locked; the later past ones
are fully approved and ready to send; the last past one is still being reviewed; the current one is being filled in,
so it holds reports in every review state.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from hpdesk.domain import calendar

# (status, review_state, weight) per period role
# Statuses are hpdesk.domain.reporting.STATUS_LABELS' keys.
_STATE_MIX: dict[str, tuple[tuple[str, str, int], ...]] = {
    "locked": (("done", "approved", 70), ("in_progress", "approved", 24), ("not_done", "approved", 4),
               ("not_applicable", "approved", 2)),
    "closed": (("done", "approved", 66), ("in_progress", "approved", 28), ("not_done", "approved", 4),
               ("not_applicable", "approved", 2)),
    "review": (("done", "approved", 40), ("in_progress", "approved", 28), ("done", "submitted", 12),
               ("in_progress", "submitted", 6), ("in_progress", "returned", 9), ("in_progress", "draft", 5)),
    "current": (("not_started", "draft", 18), ("in_progress", "draft", 24), ("in_progress", "submitted", 20),
                ("done", "submitted", 8), ("in_progress", "returned", 10), ("in_progress", "approved", 14),
                ("done", "approved", 6)),
}


@dataclass(frozen=True)
class DemoOutcome:
    """What a builder reports back beyond the counts."""

    locked_period: str | None = None
    identity_passphrase: str | None = None


@dataclass(frozen=True)
class DemoPeriod(calendar.PeriodSpec):
    """A half-year as the calendar makes it (label, name, dates, the default due date) and its part in the story."""

    year: int
    half: int  # 1 | 2
    role: str  # locked | closed | review | current


def demo_periods(count: int, today: date | None = None) -> list[DemoPeriod]:
    """`count` (≥ 2) consecutive half-years, oldest first, the last one containing `today`."""
    today = today or date.today()
    count = max(2, count)
    current = today.year * 2 + (today.month > 6)  # half-years counted from year 0: year * 2 + (half - 1)
    halves = [(index // 2, index % 2 + 1) for index in range(current - count + 1, current + 1)]
    roles = ["locked", *["closed"] * (count - 3), "review"][:count - 1] + ["current"]
    return [DemoPeriod(**vars(calendar.period("semiannual", y, h)), year=y, half=h, role=role)
            for (y, h), role in zip(halves, roles)]


def report_states_for(period: DemoPeriod, rng: random.Random) -> tuple[str, str]:
    """A (status, review_state) drawn from the period role's mix."""
    mix = _STATE_MIX[period.role]
    status, review_state, _ = rng.choices(mix, weights=[weight for *_, weight in mix])[0]
    return status, review_state
