"""What is still missing before a period is sent to the city: county tasks no unit carries yet, tasks whose units
are only suggested (not confirmed, so not counted in 应报), expected reports not yet approved, and indicators with no
value for the year the packet reports on. The dashboard shows the assignment counts; the export dialog shows all of
it and asks the clerk to confirm before signing, so the letter's "应报N项" is never silently short.

Counted in SQL (a handful of COUNT queries); reads only.
"""

from __future__ import annotations

from dataclasses import dataclass

from hpdesk.services.completeness import completeness
from hpdesk.services.workspace import Workspace
from hpdesk.storage import indicator_store
from hpdesk.storage.period_store import find_period
from hpdesk.storage.report_store import count_task_ids, task_ids


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
    """A period's gaps on the day of asking (the export dialog lists each one that is not 0)."""

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


def assignment_counts(workspace: Workspace) -> AssignmentCounts:
    """How many active county tasks have no unit, and how many have units that are only suggested."""
    with workspace.database.read_only() as session:
        return AssignmentCounts(count_task_ids(session, task_ids(handover="unassigned")),
                                count_task_ids(session, task_ids(handover="unconfirmed")))


def export_readiness(workspace: Workspace, period_label: str) -> ExportReadiness:
    """The period's gaps (see the module docstring). Raises `period_unknown`."""
    counts = completeness(workspace, period_label, overdue_limit=0)
    with workspace.database.read_only() as session:
        year = indicator_store.indicator_year(session, find_period(session, period_label))
        total, missing = indicator_store.indicators_without_value(session, year)
    return ExportReadiness(counts.period, counts.period_name, assignment_counts(workspace), counts.total.expected,
                           counts.total.approved, year, total, missing)
