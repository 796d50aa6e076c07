"""What is still missing before a period is sent to the city: county tasks no unit carries yet, tasks whose units
are only suggested (not confirmed, so not counted in 应报), expected reports not yet approved, and indicators with no
value for the year the packet reports on. The dashboard shows the assignment counts; the export dialog shows all of
it and asks the clerk to confirm before signing, so the letter's "应报N项" is never silently short.

Counted in SQL (a handful of COUNT queries); reads only.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select

from hpdesk.services.completeness import completeness
from hpdesk.services.workspace import Workspace
from hpdesk.storage.period_store import find_period
from hpdesk.storage.records import AssignmentRecord, IndicatorRecord, IndicatorValueRecord, TaskRecord
from hpdesk.storage.task_store import county_tasks


@dataclass(frozen=True)
class AssignmentCounts:
    """Active county tasks by how far their hand-over went."""

    unassigned: int  # no unit at all
    unconfirmed: int  # at least one unit only suggested (not expected to report until confirmed)

    @property
    def pending(self) -> int:
        return self.unassigned + self.unconfirmed


@dataclass(frozen=True)
class ExportReadiness:
    """A period's gaps on the day of asking; `ready` when there are none."""

    period: str
    period_name: str
    assignments: AssignmentCounts
    expected: int  # reports the confirmed assignments owe for the period
    approved: int
    indicator_year: int  # the year the packet's indicator table reports on
    indicators: int
    indicators_without_value: int

    @property
    def not_approved(self) -> int:
        return self.expected - self.approved

    @property
    def ready(self) -> bool:
        return not (self.assignments.pending or self.not_approved or self.indicators_without_value)


def assignment_counts(workspace: Workspace) -> AssignmentCounts:
    """How many active county tasks have no unit, and how many have units that are only suggested."""
    with workspace.database.read_only() as session:
        county = and_(*county_tasks())
        any_unit = exists().where(AssignmentRecord.task_id == TaskRecord.id)
        suggested = exists().where(AssignmentRecord.task_id == TaskRecord.id, AssignmentRecord.confirmed.is_(False))
        unassigned = session.scalar(select(func.count(TaskRecord.id)).where(county, ~any_unit)) or 0
        unconfirmed = session.scalar(select(func.count(TaskRecord.id)).where(county, suggested)) or 0
        return AssignmentCounts(unassigned, unconfirmed)


def indicator_year(workspace: Workspace, period_label: str) -> int:
    """The year the packet's indicator table reports on: the latest year up to the period's end with any value,
    else the period's own year (annual figures arrive in the following half-year)."""
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        latest = session.scalar(select(func.max(IndicatorValueRecord.year))
                                .where(IndicatorValueRecord.year <= period.end_date.year))
        return int(latest) if latest else period.end_date.year


def export_readiness(workspace: Workspace, period_label: str) -> ExportReadiness:
    """The period's gaps (see the module docstring). Raises `period_unknown`."""
    counts = completeness(workspace, period_label, overdue_limit=0)
    year = indicator_year(workspace, period_label)
    with workspace.database.read_only() as session:
        active = IndicatorRecord.status == "active"
        total = session.scalar(select(func.count(IndicatorRecord.id)).where(active)) or 0
        with_value = exists().where(IndicatorValueRecord.indicator_id == IndicatorRecord.id,
                                    IndicatorValueRecord.year == year,
                                    func.trim(func.coalesce(IndicatorValueRecord.value_text, "")) != "")
        missing = session.scalar(select(func.count(IndicatorRecord.id)).where(active, ~with_value)) or 0
    return ExportReadiness(counts.period, counts.period_name, assignment_counts(workspace), counts.total.expected,
                           counts.total.approved, year, total, missing)
