"""Units, assignments, periods, reports, review, locking and completeness over an imported plan."""

from __future__ import annotations

from datetime import date

import pytest

from hpdesk.domain.errors import UserError
from hpdesk.services import completeness as completeness_service
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.periods import create_periods, list_periods, set_period_state
from hpdesk.services.reports import combined_answer, list_reports, review_report, set_report
from hpdesk.services.units import add_unit, assign_task, list_units, seed_units_from_plan, suggest_assignments
from hpdesk.services.workspace import Workspace


@pytest.fixture
def planned(workspace: Workspace, sample_copy) -> Workspace:  # type: ignore[no-untyped-def]
    apply_import(workspace, analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx")))
    seed_units_from_plan(workspace)
    add_unit(workspace, "北下街街道", "street", aliases=["北下街办事处"])
    create_periods(workspace, 2025)
    assign_task(workspace, "A01-T001", "区卫生健康委", ["北下街街道"])
    return workspace


def test_starter_units_mirror_the_plans_city_departments(planned: Workspace) -> None:
    units = {unit.name: unit for unit in list_units(planned)}
    assert "市卫生健康委" in units["区卫生健康委"].counterparts
    assert not any("各县" in name for name in units)


def test_duplicate_unit_names_and_aliases_are_refused(planned: Workspace) -> None:
    with pytest.raises(UserError) as refused:
        add_unit(planned, "北下街办事处")
    assert refused.value.code == "unit_exists"


def test_suggestions_come_from_counterparts_and_stay_unconfirmed(planned: Workspace) -> None:
    suggestions = suggest_assignments(planned, apply=True)
    assert "A01-T001" not in suggestions  # already assigned
    code, (lead, _co) = next(iter(suggestions.items()))
    assert lead.startswith("区")
    report = completeness_service.completeness(planned, "2025H1", date(2025, 5, 1))
    assert report.total.expected == 2  # unconfirmed suggestions are not expected yet


def test_units_keep_separate_parts_and_the_county_answer_combines_them(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街办事处", "2025H1", status="done", narrative="讲座3场",
               figures=[{"name": "覆盖人数", "value": 420, "unit": "人"}])
    set_report(planned, "A01-T001", "区卫生健康委", "2025H1", status="done", narrative="专家库已更新",
               figures=[{"name": "覆盖人数", "value": 1000, "unit": "人"}])
    answer = combined_answer(planned, "A01-T001", "2025H1")
    assert answer.status == "done" and len(answer.parts) == 2
    assert "【北下街街道（配合）】讲座3场" in answer.narrative
    assert answer.figures == ({"name": "覆盖人数", "value": 1420.0, "unit": "人"},)


def test_review_queue_and_return_needs_a_comment(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", narrative="x")
    review_report(planned, "A01-T001", "北下街街道", "2025H1", "submit")
    assert [r.unit for r in list_reports(planned, "2025H1", review_state="submitted")] == ["北下街街道"]
    with pytest.raises(UserError):
        review_report(planned, "A01-T001", "北下街街道", "2025H1", "return")
    returned = review_report(planned, "A01-T001", "北下街街道", "2025H1", "return", "缺少签到表")
    assert (returned.review_state, returned.review_comment) == ("returned", "缺少签到表")
    with pytest.raises(UserError):
        review_report(planned, "A01-T001", "北下街街道", "2025H1", "approve")


def test_locked_period_refuses_edits_without_a_reason_and_flags_them_with_one(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", narrative="原文")
    set_period_state(planned, "2025H1", "locked")
    with pytest.raises(UserError) as refused:
        set_report(planned, "A01-T001", "北下街街道", "2025H1", narrative="改")
    assert refused.value.code == "period_locked"
    changed = set_report(planned, "A01-T001", "北下街街道", "2025H1", narrative="更正", reason="笔误")
    assert changed.changed_after_lock
    assert check_workspace(planned).sound


def test_completeness_counts_per_unit_and_action_and_overdue_after_the_due_date(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", status="done")
    review_report(planned, "A01-T001", "北下街街道", "2025H1", "submit")
    review_report(planned, "A01-T001", "北下街街道", "2025H1", "approve")
    before_due = completeness_service.completeness(planned, "2025H1", date(2025, 6, 15))
    assert (before_due.total.expected, before_due.total.approved, before_due.total.overdue) == (2, 1, 0)
    after_due = completeness_service.completeness(planned, "2025H1", date(2025, 6, 16))
    assert after_due.total.overdue == 1
    assert [item.unit for item in after_due.overdue] == ["区卫生健康委"]
    assert {row.key for row in after_due.by_unit} == {"区卫生健康委", "北下街街道"}
    assert after_due.by_action[0].expected == 2


def test_periods_are_listed_with_due_dates_and_states(planned: Workspace) -> None:
    periods = list_periods(planned)
    assert [(p.label, p.due_date, p.state) for p in periods] == [
        ("2025H1", date(2025, 6, 15), "open"), ("2025H2", date(2025, 12, 15), "open")]


def test_clerk_edits_a_unit_and_its_assignments_stay_attached(planned: Workspace) -> None:
    from hpdesk.services.units import task_assignments, update_unit

    edited = update_unit(planned, "北下街办事处", new_name="北下街街道办事处", unit_type="street",
                         add_aliases=["北下街"], add_counterparts=["市民政局"])
    assert edited.name == "北下街街道办事处" and "北下街" in edited.aliases and "市民政局" in edited.counterparts
    assert "北下街街道办事处" in [a.unit for a in task_assignments(planned, "A01-T001")]
    with pytest.raises(UserError):
        update_unit(planned, "区卫生健康委", new_name="北下街")
