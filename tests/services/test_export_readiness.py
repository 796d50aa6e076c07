"""What is still missing before a period is exported: tasks without units or with suggested units only, expected
reports not approved, indicators with no value for the packet's year."""

from __future__ import annotations

from export_fixture import PERIOD, ExportFixture
from export_fixture import export_data as export_data  # noqa: F401 - a fixture
from sqlalchemy import delete, select

from hpdesk.services.export_readiness import assignment_counts, export_readiness
from hpdesk.storage.records import AssignmentRecord, IndicatorRecord, IndicatorValueRecord, TaskRecord
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


def test_a_period_with_one_report_waiting_lists_only_that(export_data: ExportFixture) -> None:
    readiness = export_readiness(export_data.workspace, PERIOD)
    assert (readiness.expected, readiness.approved, readiness.not_approved) == (4, 3, 1)
    assert readiness.assignments.pending == 0 and readiness.indicators_without_value == 0
    assert readiness.indicator_year == 2025 and readiness.indicators == 2


def test_suggested_and_missing_units_and_missing_values_are_counted(export_data: ExportFixture) -> None:
    with export_data.workspace.database.unit_of_work() as session:
        canteens = session.scalars(select(TaskRecord).where(TaskRecord.code == "A02-T001")).one()
        for assignment in session.scalars(select(AssignmentRecord).where(AssignmentRecord.task_id == canteens.id)):
            assignment.confirmed = False
        city_task = session.scalars(select(TaskRecord).where(TaskRecord.code == "A01-T002")).one()
        city_task.falls_to_county = True  # the city's own task, now read as the county's: no unit carries it
        experts = session.scalars(select(IndicatorRecord).where(IndicatorRecord.code == "I002")).one()
        session.execute(delete(IndicatorValueRecord).where(IndicatorValueRecord.indicator_id == experts.id))
    counts = assignment_counts(export_data.workspace)
    assert (counts.unassigned, counts.unconfirmed, counts.pending) == (1, 1, 2)
    readiness = export_readiness(export_data.workspace, PERIOD)
    assert readiness.expected == 2 and readiness.indicators_without_value == 1


def test_the_task_list_counts_suggested_units_apart_from_confirmed_ones(export_data: ExportFixture) -> None:
    from hpdesk.services.task_list import TaskFilter, list_task_rows

    with export_data.workspace.database.unit_of_work() as session:
        canteens = session.scalars(select(TaskRecord).where(TaskRecord.code == "A02-T001")).one()
        for assignment in session.scalars(select(AssignmentRecord).where(AssignmentRecord.task_id == canteens.id)):
            assignment.confirmed = False
    row = next(r for r in list_task_rows(export_data.workspace, TaskFilter(PERIOD)) if r.code == "A02-T001")
    assert (row.units, row.suggested) == (0, 2)
