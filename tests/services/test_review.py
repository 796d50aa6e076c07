"""Review: draft → submitted → returned (with a comment) or approved; returned → submitted again; approved →
returned when reopened. Locked periods need a reason; every decision is audited."""

from __future__ import annotations

import pytest
from plan_builder import audit_events, build_plan
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.services.assignments import assign_task
from hpdesk.services.periods import create_periods, set_period_state
from hpdesk.services.reports import ReportChanges, list_reports, set_report
from hpdesk.services.review import review_report, review_reports
from hpdesk.services.units import add_unit
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

KEY = ("A01-T001", "北下街街道", "2025H1")


@pytest.fixture
def drafted(workspace: Workspace) -> Workspace:
    build_plan(workspace)
    add_unit(workspace, "区卫生健康委")
    add_unit(workspace, "北下街街道", "street")
    create_periods(workspace, 2025)
    assign_task(workspace, "A01-T001", "区卫生健康委", ["北下街街道"])
    set_report(workspace, *KEY, ReportChanges(status="done", narrative="讲座3场"))
    set_report(workspace, "A01-T001", "区卫生健康委", "2025H1", ReportChanges(status="done", narrative="专家库已更新"))
    return workspace


def test_a_submitted_report_joins_the_review_queue(drafted: Workspace) -> None:
    assert review_report(drafted, *KEY, "submit").review_state == "submitted"
    assert [r.unit for r in list_reports(drafted, "2025H1", review_state="submitted")] == ["北下街街道"]


def test_returning_needs_a_comment_which_the_unit_sees(drafted: Workspace) -> None:
    review_report(drafted, *KEY, "submit")
    with pytest.raises(UserError) as refused:
        review_report(drafted, *KEY, "return", comment=" ")
    assert refused.value.code == "review_needs_comment"
    returned = review_report(drafted, *KEY, "return", comment="缺少签到表")
    assert (returned.review_state, returned.review_comment, returned.reviewed_by) == ("returned", "缺少签到表", "tester")


def test_a_returned_report_is_corrected_submitted_again_and_approved(drafted: Workspace) -> None:
    review_report(drafted, *KEY, "submit")
    review_report(drafted, *KEY, "return", comment="缺少签到表")
    set_report(drafted, *KEY, ReportChanges(narrative="讲座3场，附签到表"))
    review_report(drafted, *KEY, "submit")
    approved = review_report(drafted, *KEY, "approve", comment="材料齐全")
    assert (approved.review_state, approved.review_label, approved.review_comment) == ("approved", "已通过", "材料齐全")


def test_an_approved_report_is_reopened_by_returning_it(drafted: Workspace) -> None:
    review_report(drafted, *KEY, "submit")
    review_report(drafted, *KEY, "approve")
    assert review_report(drafted, *KEY, "return", comment="数据有误，请核实").review_state == "returned"


@pytest.mark.parametrize("steps", [["approve"], ["return"], ["submit", "submit"], ["submit", "approve", "approve"]])
def test_illegal_transitions_are_refused_in_both_languages(drafted: Workspace, steps: list[str]) -> None:
    *allowed, illegal = steps
    for action in allowed:
        review_report(drafted, *KEY, action, comment="意见")
    with pytest.raises(UserError) as refused:
        review_report(drafted, *KEY, illegal, comment="意见")
    assert refused.value.code == "review_not_allowed"
    assert "不能" in refused.value.message("zh") and "cannot" in refused.value.message("en")


def test_an_unknown_action_or_a_report_never_filled_cannot_be_reviewed(drafted: Workspace) -> None:
    with pytest.raises(UserError) as unknown:
        review_report(drafted, *KEY, "reopen")
    with pytest.raises(UserError) as missing:
        review_report(drafted, "A01-T001", "北下街街道", "2025H2", "submit")
    assert (unknown.value.code, missing.value.code) == ("review_action_invalid", "review_report_missing")


def test_each_decision_is_audited_with_before_and_after(drafted: Workspace) -> None:
    review_report(drafted, *KEY, "submit")
    review_report(drafted, *KEY, "return", comment="缺少签到表")
    submitted, returned = audit_events(drafted, "report")[-2:]
    assert (submitted.action, submitted.before["review_state"], submitted.after["review_state"]) == (
        "review", "draft", "submitted")
    assert (returned.after["review_state"], returned.after["review_comment"]) == ("returned", "缺少签到表")


def test_reviewing_in_a_locked_period_needs_a_reason_and_flags_the_report(drafted: Workspace) -> None:
    review_report(drafted, *KEY, "submit")
    set_period_state(drafted, "2025H1", "locked")
    with pytest.raises(UserError) as refused:
        review_report(drafted, *KEY, "approve")
    assert refused.value.code == "period_locked"
    approved = review_report(drafted, *KEY, "approve", reason="报送前漏审")
    assert approved.review_state == "approved" and approved.changed_after_lock
    assert audit_events(drafted, "report")[-1].reason == "报送前漏审"


def test_many_reports_are_decided_at_once_or_not_at_all(drafted: Workspace) -> None:
    ids = [r.id for r in list_reports(drafted, "2025H1")]
    review_report(drafted, *KEY, "submit")
    with pytest.raises(UserError) as refused:
        review_reports(drafted, ids, "approve")  # the lead's report is still a draft
    assert refused.value.code == "review_not_allowed"
    assert {r.review_state for r in list_reports(drafted, "2025H1")} == {"draft", "submitted"}
    review_report(drafted, "A01-T001", "区卫生健康委", "2025H1", "submit")
    decided = review_reports(drafted, ids, "approve", "材料齐全")
    assert [r.review_state for r in decided] == ["approved", "approved"]
    with pytest.raises(UserError) as unknown:
        review_reports(drafted, [999], "approve")
    assert unknown.value.code == "report_unknown"
