"""Assignments: one lead and co-responsible units per county task, suggested from counterparts, confirmed by the
clerk, in bulk where needed — every change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from plan_builder import audit_events, build_plan
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.services.audit import verify_audit_chain
from hpdesk.services.assignments import (
    assign_task, assign_tasks, confirm_assignments, list_task_assignments, remove_assignments, suggest_assignments,
)
from hpdesk.services.periods import create_periods
from hpdesk.services.reports import ReportChanges, set_report
from hpdesk.services.task_detail import unit_reports
from hpdesk.services.task_list import task_id_for_code
from hpdesk.services.units import add_unit, seed_units_from_plan
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


@pytest.fixture
def planned(workspace: Workspace) -> Workspace:
    build_plan(workspace)
    seed_units_from_plan(workspace)
    add_unit(workspace, "北下街街道", "street", aliases=["北下街办事处"])
    return workspace


def _units(workspace: Workspace, code: str) -> list[tuple[str, str, bool]]:
    """The task's units, lead first, as the task panel reads them."""
    task_id = task_id_for_code(workspace, code)
    assert task_id is not None
    return [(row.unit, row.role, row.confirmed) for row in unit_reports(workspace, task_id, None)]


def test_a_task_gets_one_lead_and_co_units_by_name_or_alias(planned: Workspace) -> None:
    assign_task(planned, "A01-T001", "区卫健委", ["北下街办事处", "区卫生健康委"])
    assert _units(planned, "A01-T001") == [("区卫生健康委", "lead", True), ("北下街街道", "co", True)]


def test_reassigning_replaces_the_units_and_is_audited_before_and_after(planned: Workspace) -> None:
    assign_task(planned, "A01-T001", "区卫生健康委", ["北下街街道"])
    assign_task(planned, "A01-T001", "区教育局")
    assert _units(planned, "A01-T001") == [("区教育局", "lead", True)]
    event = audit_events(planned, "task")[-1]
    assert event.action == "assign"
    assert [a["unit"] for a in event.before["assignments"]] == ["区卫生健康委", "北下街街道"]
    assert [a["unit"] for a in event.after["assignments"]] == ["区教育局"]


def test_a_unit_that_has_reported_keeps_its_assignment_as_co_responsible(planned: Workspace) -> None:
    create_periods(planned, 2025)
    assign_task(planned, "A01-T001", "区卫生健康委")
    set_report(planned, "A01-T001", "区卫生健康委", "2025H1", ReportChanges(narrative="已开展"))
    assign_task(planned, "A01-T001", "区教育局")
    assert _units(planned, "A01-T001") == [("区教育局", "lead", True), ("区卫生健康委", "co", True)]


def test_bulk_assignment_is_all_or_nothing(planned: Workspace) -> None:
    result = assign_tasks(planned, ["A01-T001", "A01-T002"], "区卫生健康委", ["北下街街道"])
    assert set(result) == {"A01-T001", "A01-T002"}
    with pytest.raises(UserError) as refused:
        assign_tasks(planned, ["A02-T001", "A02-T002"], "区市场监管局")  # A02-T002 is the city's own task
    assert refused.value.code == "task_not_county"
    assert _units(planned, "A02-T001") == []


@pytest.mark.parametrize(("code", "lead", "error"), [
    ("A09-T001", "区卫生健康委", "task_unknown"), ("A01-T001", "区民政局", "unit_unknown"),
    ("A01-T001", "", "assignment_needs_lead"),
])
def test_assignment_mistakes_are_user_errors(planned: Workspace, code: str, lead: str, error: str) -> None:
    with pytest.raises(UserError) as refused:
        assign_task(planned, code, lead)
    assert refused.value.code == error


def test_suggestions_map_the_lead_department_to_the_lead_unit(planned: Workspace) -> None:
    suggestions = suggest_assignments(planned)
    assert suggestions["A01-T001"] == ("区卫生健康委", ["区教育局"])
    assert suggestions["A01-T002"] == ("区教育局", ["区体育局"])
    assert "A02-T002" not in suggestions and "A01-T003" not in suggestions  # city-only, withdrawn
    assert _units(planned, "A01-T001") == []  # only suggested


def test_applied_suggestions_are_stored_unconfirmed_and_skip_assigned_tasks(planned: Workspace) -> None:
    assign_task(planned, "A01-T001", "北下街街道")
    applied = suggest_assignments(planned, apply=True)
    assert "A01-T001" not in applied
    assert _units(planned, "A01-T002") == [("区教育局", "lead", False), ("区体育局", "co", False)]
    assert suggest_assignments(planned) == {}


def test_the_clerk_confirms_suggestions(planned: Workspace) -> None:
    suggest_assignments(planned, apply=True)
    assert confirm_assignments(planned, ["A01-T002"]) == 1
    assert all(confirmed for _u, _r, confirmed in _units(planned, "A01-T002"))
    assert not any(confirmed for _u, _r, confirmed in _units(planned, "A02-T001"))
    assert confirm_assignments(planned) == 2
    assert confirm_assignments(planned) == 0


def test_a_co_unit_is_taken_off_but_not_the_lead_nor_a_unit_that_reported(planned: Workspace) -> None:
    create_periods(planned, 2025)
    assign_task(planned, "A01-T001", "区卫生健康委", ["北下街街道", "区教育局"])
    set_report(planned, "A01-T001", "区教育局", "2025H1", ReportChanges(narrative="进校园"))
    remaining = remove_assignments(planned, ["A01-T001"], "北下街街道")["A01-T001"]
    assert [a.unit for a in remaining] == ["区卫生健康委", "区教育局"]
    for unit, error in (("区卫生健康委", "assignment_is_lead"), ("区教育局", "assignment_has_reports"),
                        ("北下街街道", "assignment_unknown")):
        with pytest.raises(UserError) as refused:
            remove_assignments(planned, ["A01-T001"], unit)
        assert refused.value.code == error


def test_the_assignment_table_lists_county_tasks_by_hand_over_state(planned: Workspace) -> None:
    assign_task(planned, "A01-T001", "区卫生健康委", ["北下街街道"])
    suggest_assignments(planned, apply=True)
    rows = list_task_assignments(planned)
    assert [row.task_code for row in rows] == ["A01-T001", "A01-T002", "A02-T001"]
    first = rows[0]
    assert (first.lead_unit, first.co_units, first.confirmed, first.action_label) == (
        "区卫生健康委", ("北下街街道",), True, "（一）健康知识普及行动")
    assert first.lead_departments == ("市卫生健康委",)
    assert [r.task_code for r in list_task_assignments(planned, state="unconfirmed")] == ["A01-T002", "A02-T001"]
    assert len(list_task_assignments(planned, state="confirmed")) == 1


def test_unassigned_tasks_are_listed_as_such(planned: Workspace) -> None:
    rows = list_task_assignments(planned, state="unassigned")
    assert len(rows) == 3 and not any(row.assigned or row.confirmed for row in rows)


def test_an_applied_suggestion_is_audited_with_the_units_as_stored(planned: Workspace) -> None:
    suggest_assignments(planned, apply=True)
    event = next(event for event in audit_events(planned, "task") if event.summary.startswith("建议分派 A01-T001"))
    assert event.before == {"assignments": []}
    assert event.after == {"assignments": [{"unit": unit, "role": role, "confirmed": confirmed}
                                           for unit, role, confirmed in _units(planned, "A01-T001")]}
    assert [entry["role"] for entry in event.after["assignments"]] == ["lead", "co"]


def test_applied_suggestions_are_written_in_one_insert_each_for_rows_and_events_in_task_order_and_verify(
        planned: Workspace) -> None:
    events_before = len(audit_events(planned))
    inserts: list[str] = []

    def count_insert(_connection, _cursor, statement, _parameters, _context, _executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement.split()[2])

    event.listen(planned.database.engine, "before_cursor_execute", count_insert)
    try:
        suggested = suggest_assignments(planned, apply=True)
    finally:
        event.remove(planned.database.engine, "before_cursor_execute", count_insert)
    assert len(suggested) > 1 and inserts == ["assignment", "audit_event"]
    events = audit_events(planned)[events_before:]
    assert [e.summary.split("：")[0] for e in events] == [f"建议分派 {code}" for code in suggested]
    with planned.database.read_only() as session:
        assert verify_audit_chain(session) == (events_before + len(suggested), [])
