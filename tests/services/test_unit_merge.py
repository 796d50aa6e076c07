"""Merging two units that are one body: tasks, reports, evidence and names move to the kept unit in one audited unit
of work; clashing reports (both units reported on one task and period) need the clerk's choice, and are refused in a
period already handed in."""

from __future__ import annotations

import pytest
from plan_builder import audit_events, build_plan, unit_named
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.domain.reporting import ReportKey
from hpdesk.services.assignments import assign_task
from hpdesk.services.evidence import add_evidence
from hpdesk.services.periods import create_periods, set_period_state
from hpdesk.services.reports import ReportChanges, list_reports, set_report
from hpdesk.services.unit_merge import merge_units, preview_merge
from hpdesk.services.units import add_unit, list_units
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


@pytest.fixture
def twins(workspace: Workspace) -> Workspace:
    """区工信局 and 区工业信息化局 were both created; each carries a task, and both carry A01-T002."""
    build_plan(workspace)
    add_unit(workspace, "区工业信息化局", counterparts=["市中小企业服务局"])
    add_unit(workspace, "区工信局", aliases=["工信局"], counterparts=["市工信局"])
    add_unit(workspace, "区教育局")
    create_periods(workspace, 2025)
    assign_task(workspace, "A01-T001", "区工信局", ["区教育局"])
    assign_task(workspace, "A01-T002", "区工业信息化局", ["区工信局"])
    return workspace


def _reports(workspace: Workspace) -> dict[tuple[str, str], str]:
    return {(r.task_code, r.unit): r.narrative for r in list_reports(workspace, "2025H1")}


def test_merging_moves_tasks_reports_evidence_and_names_to_the_kept_unit(twins: Workspace) -> None:
    set_report(twins, "A01-T001", "区工信局", "2025H1", ReportChanges(status="in_progress", narrative="企业健康讲座2场"))
    add_evidence(twins, ReportKey("A01-T001", "区工信局", "2025H1"), kind="photo", title="讲座照片")
    done = merge_units(twins, "区工信局", "区工业信息化局")
    assert (done.tasks_moved, done.tasks_shared, done.reports_moved, done.evidence_moved) == (1, 1, 1, 1)
    assert _reports(twins) == {("A01-T001", "区工业信息化局"): "企业健康讲座2场"}
    kept = unit_named(twins, "区工信局")  # the merged name now finds the kept unit
    assert kept.name == "区工业信息化局" and set(kept.aliases) == {"区工信局", "工信局"}
    assert set(kept.counterparts) == {"市中小企业服务局", "市工信局"}
    assert [unit.name for unit in list_units(twins)].count("区工信局") == 0
    assert (kept.lead_tasks, kept.co_tasks) == (2, 0)  # A01-T002: lead and co became one lead assignment


def test_a_merge_is_one_audit_event_naming_both_units(twins: Workspace) -> None:
    merge_units(twins, "区工信局", "区工业信息化局")
    event = audit_events(twins, "unit")[-1]
    assert event.action == "merge" and "区工信局 并入 区工业信息化局" in event.summary
    assert event.after["aliases_added"] == ["区工信局", "工信局"]


def test_clashing_reports_are_refused_until_the_clerk_chooses_whose_report_stays(twins: Workspace) -> None:
    set_report(twins, "A01-T002", "区工业信息化局", "2025H1", ReportChanges(status="in_progress", narrative="牵头单位的报告"))
    set_report(twins, "A01-T002", "区工信局", "2025H1", ReportChanges(status="done", narrative="配合单位的报告"))
    add_evidence(twins, ReportKey("A01-T002", "区工信局", "2025H1"), kind="minutes", title="配合单位的会议纪要")
    plan = preview_merge(twins, "区工信局", "区工业信息化局")
    assert [(c.task_code, c.period_open) for c in plan.clashes] == [("A01-T002", True)]
    with pytest.raises(UserError) as refused:
        merge_units(twins, "区工信局", "区工业信息化局")
    assert refused.value.code == "unit_merge_clash" and "A01-T002" in refused.value.message("zh")
    assert unit_named(twins, "区工信局").name == "区工信局"  # nothing changed

    done = merge_units(twins, "区工信局", "区工业信息化局", keep="merged")
    assert _reports(twins)[("A01-T002", "区工业信息化局")] == "配合单位的报告"
    assert done.evidence_moved == 1
    deleted = audit_events(twins, "unit")[-1].after["deleted_reports"]
    assert [(d["narrative"], d["unit"]) for d in deleted] == [("牵头单位的报告", "区工业信息化局")]


def test_an_empty_report_gives_way_without_asking(twins: Workspace) -> None:
    set_report(twins, "A01-T002", "区工业信息化局", "2025H1", ReportChanges(status="in_progress", narrative="牵头单位的报告"))
    set_report(twins, "A01-T002", "区工信局", "2025H1", ReportChanges())  # opened, never written on
    done = merge_units(twins, "区工信局", "区工业信息化局")
    assert (done.clashes, done.empty_reports_dropped) == ((), 1)
    assert _reports(twins)[("A01-T002", "区工业信息化局")] == "牵头单位的报告"


def test_a_clash_in_a_period_already_handed_in_is_refused_whatever_the_choice(twins: Workspace) -> None:
    set_report(twins, "A01-T002", "区工业信息化局", "2025H1", ReportChanges(status="in_progress", narrative="甲"))
    set_report(twins, "A01-T002", "区工信局", "2025H1", ReportChanges(status="in_progress", narrative="乙"))
    set_period_state(twins, "2025H1", "locked")
    with pytest.raises(UserError) as refused:
        merge_units(twins, "区工信局", "区工业信息化局", keep="kept")
    assert refused.value.code == "unit_merge_clash_closed"
    assert _reports(twins) == {("A01-T002", "区工业信息化局"): "甲", ("A01-T002", "区工信局"): "乙"}


def test_a_unit_cannot_be_merged_into_itself_or_an_alias_of_itself(twins: Workspace) -> None:
    with pytest.raises(UserError) as refused:
        merge_units(twins, "工信局", "区工信局")
    assert refused.value.code == "unit_merge_same"
