"""Completeness of reporting — per period, per unit and per action: expected, reported, submitted, approved,
returned, overdue. The dashboard and the exports share it.

Definitions: expected = confirmed assignments of active county tasks that the period's kind
asks a report of (storage.report_store.expected_assignments); reported = their reports filled in (status no longer
not_started); submitted/approved/returned = reports in that review state; overdue = expected, not handed in
(submitted or approved), and `today` is past the period's due date — deadlines fall inside the half-year, so the due
date counts, never the period end.

Everything is counted in SQL with GROUP BY (a handful of queries whatever the number of reports), so 100,000
reports cost milliseconds, not a Python loop over ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hpdesk.domain.calendar import STATE_LABELS, days_overdue
from hpdesk.services.workspace import Workspace
from hpdesk.storage import tally_store
from hpdesk.storage.clock import today as local_today
from hpdesk.storage.period_store import find_period, periods_in_order

UNCLASSIFIED = "未分类"


@dataclass(frozen=True)
class CompletenessRow:
    """The counts of one slice: a unit (`key` = its name), an action (its label) or the county ('合计')."""

    key: str
    expected: int
    reported: int
    submitted: int
    approved: int
    returned: int
    overdue: int
    # the unit's or action's id; None for the total and unclassified tasks
    key_id: int | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class OverdueItem:
    task_code: str
    task_text: str
    unit: str
    review_state: str  # draft when nothing was filled
    task_id: int = 0
    unit_id: int = 0
    assignment_id: int = 0
    days_overdue: int = 0


@dataclass(frozen=True)
class Completeness:
    """A period's completeness on `today`; `overdue` lists at most `overdue_limit` items (total.overdue counts all)."""

    period: str
    due_date: date
    today: date
    total: CompletenessRow
    by_unit: tuple[CompletenessRow, ...]
    by_action: tuple[CompletenessRow, ...]
    overdue: tuple[OverdueItem, ...]
    period_name: str = ""
    period_state: str = ""


@dataclass(frozen=True)
class PeriodCompleteness:
    """One period's totals, for the overview of all periods."""

    period_id: int
    label: str
    name: str
    due_date: date
    state: str
    state_label: str
    total: CompletenessRow


def completeness(workspace: Workspace, period_label: str, today: date | None = None,
                 overdue_limit: int = 500) -> Completeness:
    """The period's counts in total, per unit (the clerk's order) and per action (the city's order), and the first
    `overdue_limit` overdue items (page through them all with reports.list_task_reports(overdue_only=True)).
    `today` defaults to the local date. Raises `period_unknown`."""
    today = today or local_today()
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        past_due = today > period.due_date
        units = tally_store.tallies_by_unit(session, period, past_due)
        by_unit = [CompletenessRow(name, *counts, key_id=unit_id) for unit_id, name, counts in units]
        by_action = [CompletenessRow(label if action_id is not None else UNCLASSIFIED, *counts, key_id=action_id)
                     for action_id, label, counts in tally_store.tallies_by_action(session, period, past_due)]
        total = CompletenessRow("合计", *(sum(counts[i] for _id, _name, counts in units) for i in range(6)))
        late = days_overdue(period.due_date, today)
        overdue = [OverdueItem(*row, days_overdue=late)
                   for row in tally_store.overdue_rows(session, period, overdue_limit)] if past_due else []
        return Completeness(period.label, period.due_date, today, total, tuple(by_unit), tuple(by_action),
                            tuple(overdue), period.name, period.state)


def completeness_by_period(workspace: Workspace, today: date | None = None) -> list[PeriodCompleteness]:
    """Every period's totals in one grouped query (period × expected assignment), in the order periods end."""
    today = today or local_today()
    with workspace.database.read_only() as session:
        totals = tally_store.tallies_by_period(session, today)
        return [PeriodCompleteness(p.id, p.label, p.name, p.due_date, p.state, STATE_LABELS[p.state],
                                   CompletenessRow("合计", *totals.get(p.id, (0, 0, 0, 0, 0, 0))))
                for p in periods_in_order(session)]


REVIEW_BUCKETS = ("draft", "submitted", "returned", "approved")  # 'draft' also counts reports not yet started


def review_state_counts(workspace: Workspace, period_label: str) -> dict[str, int]:
    """How many of the reports the period expects are in each review state (every bucket present, 0 when empty)."""
    with workspace.database.read_only() as session:
        return {bucket: 0 for bucket in REVIEW_BUCKETS} | tally_store.review_state_counts(
            session, find_period(session, period_label))
