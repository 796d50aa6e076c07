"""Progress reports: filling them in (audited), locked periods, the lists the UI pages through, and the county's
combined answer built from several units' parts."""

from __future__ import annotations

from datetime import date

import pytest
from plan_builder import audit_events, build_plan
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.domain.reporting import Figure
from hpdesk.services.assignments import assign_task
from hpdesk.services.periods import create_periods, set_period_state
from hpdesk.services.reports import (
    combined_answer, count_reports, get_report, list_reports, list_task_reports,
    ReportChanges, last_filled_by, set_report,
)
from hpdesk.services.review import review_report
from hpdesk.services.units import add_unit
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


@pytest.fixture
def planned(workspace: Workspace) -> Workspace:
    build_plan(workspace)
    add_unit(workspace, "区卫生健康委", aliases=["区卫健委"])
    add_unit(workspace, "北下街街道", "street", aliases=["北下街办事处"])
    add_unit(workspace, "区教育局")
    create_periods(workspace, 2025)
    assign_task(workspace, "A01-T001", "区卫生健康委", ["北下街街道"])
    assign_task(workspace, "A01-T002", "区教育局", ["北下街街道"])
    return workspace


def test_a_report_records_its_content_and_who_filled_it_when(planned: Workspace) -> None:
    report = set_report(planned, "A01-T001", "北下街办事处", "2025h1", ReportChanges(
        status="in_progress", narrative="讲座3场", figures=(Figure("培训人数", 120, "人"),), problems="场地不足",
        next_steps="下半年进社区"))
    assert (report.task_code, report.unit, report.period, report.role) == ("A01-T001", "北下街街道", "2025H1", "co")
    assert (report.status_label, report.figures) == ("推进中", (Figure("培训人数", 120, "人"),))
    assert isinstance(report.figures[0].value, int)  # kept as written: 120, never "120.0人"
    assert (report.filled_by, report.review_state) == ("tester", "draft") and report.filled_at
    assert report.task_id and report.unit_id and report.period_id and report.assignment_id


def test_the_units_last_filler_is_remembered_and_the_login_name_never_passed_on(planned: Workspace) -> None:
    assert last_filled_by(planned, "北下街街道") == ""
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="讲座3场"))  # no name: the CLI's actor
    assert last_filled_by(planned, "北下街街道") == ""  # "tester" is the login here, not a person to remember
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(filled_by="李四"))
    assert last_filled_by(planned, "北下街办事处") == "李四"
    again = set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="讲座4场"))
    assert again.filled_by == "李四"  # an edit without a name keeps the one the report has


def test_every_change_is_audited_with_before_and_after(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="讲座3场"))
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="讲座4场", filled_by="李四"))
    created, updated = audit_events(planned, "report")
    assert (created.action, created.before, created.after["narrative"]) == ("create", None, "讲座3场")
    assert (updated.before["narrative"], updated.after["narrative"], updated.after["filled_by"]) == (
        "讲座3场", "讲座4场", "李四")


def test_an_identical_change_records_nothing(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="讲座3场"))
    events = len(audit_events(planned))
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="讲座3场"))
    assert len(audit_events(planned)) == events


@pytest.mark.parametrize(("task", "unit", "period", "changes", "error"), [
    ("A01-T001", "北下街街道", "2025H1", ReportChanges(status="finished"), "report_status_invalid"),
    ("A01-T001", "北下街街道", "2025H1", ReportChanges(figures=(Figure(" ", 120),)), "report_figure_invalid"),
    ("A01-T001", "北下街街道", "2025H1", ReportChanges(figures=(Figure("培训人数", float("nan")),)),
     "report_figure_invalid"),
    ("A02-T001", "北下街街道", "2025H1", ReportChanges(narrative="x"), "report_not_assigned"),
    ("A01-T001", "区民政局", "2025H1", ReportChanges(narrative="x"), "unit_unknown"),
    ("A01-T001", "北下街街道", "2024H1", ReportChanges(narrative="x"), "period_unknown"),
    ("A09-T009", "北下街街道", "2025H1", ReportChanges(narrative="x"), "task_unknown"),
])
def test_mistakes_are_user_errors_and_change_nothing(planned: Workspace, task: str, unit: str, period: str,
                                                     changes: ReportChanges, error: str) -> None:
    with pytest.raises(UserError) as refused:
        set_report(planned, task, unit, period, changes)
    assert refused.value.code == error
    assert refused.value.message("zh") != refused.value.message("en")
    assert count_reports(planned, "2025H1") == 0


def test_a_locked_period_refuses_an_edit_without_a_reason(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="原文"))
    set_period_state(planned, "2025H1", "locked")
    with pytest.raises(UserError) as refused:
        set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="改"))
    assert refused.value.code == "period_locked" and "--reason" in refused.value.message("zh")
    assert "2025年上半年" in refused.value.message("zh") and "2025H1" not in refused.value.message("zh")
    assert get_report(planned, "A01-T001", "北下街街道", "2025H1").narrative == "原文"  # type: ignore[union-attr]


def test_a_locked_period_edit_with_a_reason_is_recorded_and_flagged(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="原文"))
    set_period_state(planned, "2025H1", "locked")
    changed = set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="更正"), reason="笔误")
    assert changed.changed_after_lock and changed.narrative == "更正"
    event = audit_events(planned, "report")[-1]
    assert (event.reason, event.after["changed_after_lock"]) == ("笔误", True)
    assert "锁定后修改" in event.summary
    assert [r.unit for r in list_reports(planned, "2025H1") if r.changed_after_lock] == ["北下街街道"]


def test_changes_after_a_reopened_lock_stay_flagged(planned: Workspace) -> None:
    set_period_state(planned, "2025H1", "locked")
    set_period_state(planned, "2025H1", "open", "市里要求补报")
    assert set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="补报")).changed_after_lock
    assert not set_report(planned, "A01-T001", "北下街街道", "2025H2", ReportChanges(narrative="下半年")).changed_after_lock


def test_an_approved_report_changes_only_after_it_is_returned(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="讲座3场"))
    review_report(planned, "A01-T001", "北下街街道", "2025H1", "submit")
    review_report(planned, "A01-T001", "北下街街道", "2025H1", "approve")
    with pytest.raises(UserError) as refused:
        set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="改"))
    assert refused.value.code == "report_approved"
    review_report(planned, "A01-T001", "北下街街道", "2025H1", "return", "请补充照片")
    assert set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="改")).review_state == "returned"


def test_reports_are_listed_in_task_order_lead_first_and_paged(planned: Workspace) -> None:
    for task, unit in (("A01-T002", "北下街街道"), ("A01-T001", "北下街街道"), ("A01-T001", "区卫生健康委")):
        set_report(planned, task, unit, "2025H1", ReportChanges(status="done", narrative=f"{unit}的进展"))
    order = [(r.task_code, r.unit) for r in list_reports(planned, "2025H1")]
    assert order == [("A01-T001", "区卫生健康委"), ("A01-T001", "北下街街道"), ("A01-T002", "北下街街道")]
    assert [(r.task_code, r.unit) for r in list_reports(planned, "2025H1", limit=1, offset=1)] == [order[1]]
    assert len(list_reports(planned, "2025H1", unit_name="北下街办事处")) == 2
    assert [r.task_code for r in list_reports(planned, "2025H1", task_code="A01-T002")] == ["A01-T002"]
    assert count_reports(planned, "2025H2") == 0


def test_expected_reports_include_those_not_filled_yet(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(status="done"))
    rows = list_task_reports(planned, "2025H1", today=date(2025, 6, 1))
    assert [(r.task_code, r.unit, r.report_id is not None, r.status) for r in rows] == [
        ("A01-T001", "区卫生健康委", False, "not_started"), ("A01-T001", "北下街街道", True, "done"),
        ("A01-T002", "区教育局", False, "not_started"), ("A01-T002", "北下街街道", False, "not_started")]
    assert rows[0].action_label == "（一）健康知识普及行动" and rows[0].role_label == "牵头"
    assert not any(row.overdue for row in rows)
    assert len(list_task_reports(planned, "2025H1", unit_name="北下街街道")) == 2


def test_overdue_expected_reports_are_those_not_handed_in_after_the_due_date(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(status="done"))
    review_report(planned, "A01-T001", "北下街街道", "2025H1", "submit")
    assert list_task_reports(planned, "2025H1", overdue_only=True, today=date(2025, 6, 15)) == []
    late = list_task_reports(planned, "2025H1", overdue_only=True, today=date(2025, 6, 16))
    assert len(late) == 3 and all(row.overdue for row in late)
    assert len(list_task_reports(planned, "2025H1", review_state="draft")) == 3


def test_the_county_answer_combines_the_units_parts(planned: Workspace) -> None:
    set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(
        status="in_progress", narrative="讲座3场", figures=(Figure("覆盖人数", 420, "人"),), problems="场地不足"))
    set_report(planned, "A01-T001", "区卫健委", "2025H1", ReportChanges(
        status="done", narrative="专家库已更新", figures=(Figure("覆盖人数", 1000, "人"),), next_steps="继续"))
    answer = combined_answer(planned, "A01-T001", "2025H1")
    assert (answer.status, answer.status_label, [p.unit for p in answer.parts]) == (
        "in_progress", "推进中", ["区卫生健康委", "北下街街道"])
    assert answer.narrative == "【区卫生健康委（牵头）】专家库已更新\n【北下街街道（配合）】讲座3场"
    assert answer.figures == (Figure("覆盖人数", 1420.0, "人"),)
    assert (answer.problems, answer.next_steps) == ("【北下街街道（配合）】场地不足", "【区卫生健康委（牵头）】继续")


def test_a_task_nobody_reported_on_has_an_empty_not_started_answer(planned: Workspace) -> None:
    answer = combined_answer(planned, "A01-T002", "2025H2")
    assert (answer.status, answer.narrative, answer.parts) == ("not_started", "", ())


def test_a_report_is_read_by_its_key(planned: Workspace) -> None:
    assert get_report(planned, "A01-T001", "北下街街道", "2025H1") is None
    created = set_report(planned, "A01-T001", "北下街街道", "2025H1", ReportChanges(narrative="x"))
    assert get_report(planned, "A01-T001", "北下街街道", "2025H1") == created
