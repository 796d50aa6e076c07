"""Completeness per period, unit and action — expected, reported, submitted, approved, returned, overdue — on a
fixed 'today', counted in SQL so that 100,000 reports stay fast."""

from __future__ import annotations

from datetime import date

import pytest
from plan_builder import build_plan
from sqlalchemy import event, insert, select
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.services.assignments import assign_task
from hpdesk.services.completeness import completeness, completeness_by_period, review_state_counts
from hpdesk.services.periods import create_periods, generate_periods
from hpdesk.services.reports import ReportChanges, set_report
from hpdesk.services.review import review_report
from hpdesk.services.units import add_unit
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import (
    AssignmentRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitRecord,
)

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

BEFORE_DUE, DUE_DAY, AFTER_DUE = date(2025, 6, 1), date(2025, 6, 15), date(2025, 6, 20)


@pytest.fixture
def reporting(workspace: Workspace) -> Workspace:
    """A01-T001: 区卫生健康委 (lead, approved) + 北下街街道 (co, returned); A01-T002: 区教育局 (lead, submitted) +
    北下街街道 (co, nothing); A02-T001: 区卫生健康委 (lead, draft filled in)."""
    build_plan(workspace)
    for name, unit_type in (("区卫生健康委", "department"), ("区教育局", "department"), ("北下街街道", "street")):
        add_unit(workspace, name, unit_type)
    create_periods(workspace, 2025)
    assign_task(workspace, "A01-T001", "区卫生健康委", ["北下街街道"])
    assign_task(workspace, "A01-T002", "区教育局", ["北下街街道"])
    assign_task(workspace, "A02-T001", "区卫生健康委")
    for task, unit in (("A01-T001", "区卫生健康委"), ("A01-T001", "北下街街道"), ("A01-T002", "区教育局"),
                       ("A02-T001", "区卫生健康委")):
        set_report(workspace, task, unit, "2025H1", ReportChanges(status="in_progress", narrative="进展"))
    for task, unit in (("A01-T001", "区卫生健康委"), ("A01-T001", "北下街街道"), ("A01-T002", "区教育局")):
        review_report(workspace, task, unit, "2025H1", "submit")
    review_report(workspace, "A01-T001", "区卫生健康委", "2025H1", "approve")
    review_report(workspace, "A01-T001", "北下街街道", "2025H1", "return", comment="缺少照片")
    return workspace


def _counts(row) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    return (row.expected, row.reported, row.submitted, row.approved, row.returned, row.overdue)


def test_totals_count_each_state_and_nothing_is_overdue_before_the_due_date(reporting: Workspace) -> None:
    result = completeness(reporting, "2025H1", BEFORE_DUE)
    assert _counts(result.total) == (5, 4, 1, 1, 1, 0)
    assert (result.period, result.period_name, result.due_date, result.today) == (
        "2025H1", "2025年上半年", date(2025, 6, 15), BEFORE_DUE)
    assert result.overdue == ()


def test_the_due_day_itself_is_on_time(reporting: Workspace) -> None:
    assert completeness(reporting, "2025H1", DUE_DAY).total.overdue == 0


def test_after_the_due_date_everything_not_handed_in_is_overdue(reporting: Workspace) -> None:
    result = completeness(reporting, "2025H1", AFTER_DUE)
    assert result.total.overdue == 3  # returned, never filled, draft
    assert [(item.task_code, item.unit, item.review_state) for item in result.overdue] == [
        ("A01-T001", "北下街街道", "returned"), ("A01-T002", "北下街街道", "draft"), ("A02-T001", "区卫生健康委", "draft")]
    assert {item.days_overdue for item in result.overdue} == {5}


def test_counts_per_unit_follow_the_clerks_order(reporting: Workspace) -> None:
    by_unit = {row.key: _counts(row) for row in completeness(reporting, "2025H1", AFTER_DUE).by_unit}
    assert list(by_unit) == ["区卫生健康委", "区教育局", "北下街街道"]
    assert by_unit == {"区卫生健康委": (2, 2, 0, 1, 0, 1), "区教育局": (1, 1, 1, 0, 0, 0),
                       "北下街街道": (2, 1, 0, 0, 1, 2)}


def test_counts_per_action_follow_the_citys_order(reporting: Workspace) -> None:
    by_action = completeness(reporting, "2025H1", AFTER_DUE).by_action
    assert [(row.key, row.expected, row.overdue) for row in by_action] == [
        ("（一）健康知识普及行动", 4, 2), ("（二）合理膳食行动", 1, 1)]
    assert by_action[0].key_id is not None and by_action[0].approved == 1  # of 4 expected


def test_suggested_assignments_and_withdrawn_tasks_are_not_expected(reporting: Workspace) -> None:
    with reporting.database.unit_of_work() as session:
        withdrawn = session.scalar(select(TaskRecord.id).where(TaskRecord.code == "A01-T003"))
        unit = session.scalar(select(UnitRecord.id).where(UnitRecord.name == "区教育局"))
        session.add(AssignmentRecord(task_id=withdrawn, unit_id=unit, role="lead", confirmed=True, created_at="x"))
    add_unit(reporting, "区体育局")
    assign_task(reporting, "A01-T002", "区教育局", ["北下街街道", "区体育局"], confirmed=False)
    assert completeness(reporting, "2025H1", BEFORE_DUE).total.expected == 3  # A01-T002's units are unconfirmed


def test_a_quarter_expects_only_the_tasks_that_report_quarterly(reporting: Workspace) -> None:
    generate_periods(reporting, 2025)
    quarter = completeness(reporting, "2025Q1", date(2025, 4, 1))
    assert (quarter.total.expected, quarter.total.overdue) == (1, 1)  # A02-T001, due 15 March
    assert [row.key for row in quarter.by_unit] == ["区卫生健康委"]


def test_review_state_counts_cover_exactly_the_reports_the_period_expects(reporting: Workspace) -> None:
    generate_periods(reporting, 2025)
    half_year = review_state_counts(reporting, "2025H1")
    assert half_year == {"draft": 2, "submitted": 1, "returned": 1, "approved": 1}
    assert sum(half_year.values()) == completeness(reporting, "2025H1", BEFORE_DUE).total.expected
    # A quarter expects only the quarterly task: the navigator must not count the half-yearly ones there.
    assert review_state_counts(reporting, "2025Q1") == {"draft": 1, "submitted": 0, "returned": 0, "approved": 0}


def test_every_periods_totals_come_from_one_grouped_query(reporting: Workspace) -> None:
    generate_periods(reporting, 2025)
    overview = {p.label: _counts(p.total) for p in completeness_by_period(reporting, AFTER_DUE)}
    assert overview["2025H1"] == _counts(completeness(reporting, "2025H1", AFTER_DUE).total)
    assert overview["2025H2"] == (5, 0, 0, 0, 0, 0)
    assert overview["2025Q1"] == (1, 0, 0, 0, 0, 1)
    assert overview["2025"] == (0, 0, 0, 0, 0, 0)
    assert list(overview)[:3] == ["2025Q1", "2025Q2", "2025H1"]


def _statement_count(workspace: Workspace, call) -> int:  # type: ignore[no-untyped-def]
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(workspace.database.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(workspace.database.engine, "before_cursor_execute", count)
    return len(statements)


def _add_bulk(workspace: Workspace, units: int, tasks: int, periods: list[str]) -> int:
    """`units` × `tasks` confirmed assignments with a report in each of `periods`, inserted in bulk."""
    with workspace.database.unit_of_work() as session:
        plan_id = session.scalar(select(TaskRecord.plan_id).limit(1))
        session.execute(insert(UnitRecord), [{"name": f"单位{n}", "unit_type": "street", "sort_order": 100 + n,
                                              "created_at": "x"} for n in range(units)])
        session.execute(insert(TaskRecord), [{"plan_id": plan_id, "code": f"B{n:05d}", "falls_to_county": True,
                                              "sort_order": 100 + n, "created_at": "x", "updated_at": "x"}
                                             for n in range(tasks)])
        unit_ids = session.scalars(select(UnitRecord.id).where(UnitRecord.name.like("单位%"))).all()
        task_ids = session.scalars(select(TaskRecord.id).where(TaskRecord.code.like("B%"))).all()
        session.execute(insert(AssignmentRecord), [
            {"task_id": t, "unit_id": u, "role": "lead" if i == 0 else "co", "confirmed": True, "created_at": "x"}
            for t in task_ids for i, u in enumerate(unit_ids)])
        assignment_ids = session.scalars(select(AssignmentRecord.id).where(AssignmentRecord.task_id.in_(task_ids)))
        period_ids = session.scalars(select(ReportingPeriodRecord.id)
                                     .where(ReportingPeriodRecord.label.in_(periods))).all()
        states = ("draft", "submitted", "approved", "returned")
        rows = [{"assignment_id": a, "period_id": p, "status": "in_progress", "review_state": states[(a + p) % 4],
                 "updated_at": "x"} for a in assignment_ids for p in period_ids]
        session.execute(insert(ProgressReportRecord), rows)
        return len(rows)


def test_the_number_of_queries_does_not_grow_with_the_number_of_reports(reporting: Workspace) -> None:
    small = _statement_count(reporting, lambda: completeness(reporting, "2025H1", AFTER_DUE))
    _add_bulk(reporting, units=10, tasks=30, periods=["2025H1"])
    assert _statement_count(reporting, lambda: completeness(reporting, "2025H1", AFTER_DUE)) == small


@pytest.mark.slow
def test_completeness_counts_every_one_of_100000_reports(reporting: Workspace) -> None:
    # How fast this is lives in bench/ (dashboard completeness on the large demo), never in a test.
    assert _add_bulk(reporting, units=50, tasks=1000, periods=["2025H1", "2025H2"]) == 100_000
    result = completeness(reporting, "2025H1", AFTER_DUE)
    overview = completeness_by_period(reporting, AFTER_DUE)
    assert result.total.expected == 50_005 and len(result.by_unit) == 53
    assert sum(p.total.expected for p in overview) == 100_010
