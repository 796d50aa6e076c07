"""Reporting periods from the workspace's cadence, and their states open → submitted → locked."""

from __future__ import annotations

from datetime import date

import pytest
from plan_builder import audit_events, build_plan
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.calendar import DEFAULT_CADENCE, Cadence
from hpdesk.domain.errors import UserError
from hpdesk.services.periods import (
    CADENCE_SETTING, cadence, create_current_periods, create_period, create_periods, generate_periods, list_periods,
    set_cadence, set_period_state,
)
from hpdesk.services.workspace import Workspace, put_setting

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


def test_half_years_are_created_with_due_dates_and_listed_open(workspace: Workspace) -> None:
    create_periods(workspace, 2025)
    assert [(p.label, p.name, p.due_date, p.state, p.state_label) for p in list_periods(workspace)] == [
        ("2025H1", "2025年上半年", date(2025, 6, 15), "open", "填报中"),
        ("2025H2", "2025年下半年", date(2025, 12, 15), "open", "填报中")]


def test_creating_again_keeps_existing_periods_and_audits_only_new_ones(workspace: Workspace) -> None:
    create_periods(workspace, 2025)
    set_period_state(workspace, "2025H1", "locked")
    periods = create_periods(workspace, 2025, 2026)
    assert [p.label for p in periods] == ["2025H1", "2025H2", "2026H1", "2026H2"]
    assert periods[0].state == "locked"
    assert [e.action for e in audit_events(workspace, "period")].count("create") == 4


def test_one_period_is_created_by_its_label(workspace: Workspace) -> None:
    quarter = create_period(workspace, "2025q3")
    assert (quarter.label, quarter.name, quarter.kind, quarter.due_date) == (
        "2025Q3", "2025年第三季度", "quarterly", date(2025, 9, 15))
    with pytest.raises(UserError) as refused:
        create_period(workspace, "2025H3")
    assert refused.value.code == "period_label_invalid"


@pytest.mark.parametrize(("first", "last", "kind", "error"), [
    (2025, 2024, "semiannual", "period_years_invalid"), (25, 25, "semiannual", "period_years_invalid"),
    (2025, 2025, "monthly", "period_kind_invalid"),
])
def test_impossible_years_and_kinds_are_refused(workspace: Workspace, first: int, last: int, kind: str,
                                                error: str) -> None:
    with pytest.raises(UserError) as refused:
        create_periods(workspace, first, last, kind)
    assert refused.value.code == error


def test_generate_creates_half_years_and_the_annual_report_plus_quarters_when_a_task_asks(
        workspace: Workspace) -> None:
    assert [p.label for p in generate_periods(workspace, 2025)] == ["2025H1", "2025H2", "2025"]
    build_plan(workspace)  # A02-T001 asks for quarterly material
    labels = [p.label for p in generate_periods(workspace, 2024, 2025)]
    assert labels == ["2024Q1", "2024Q2", "2024H1", "2024Q3", "2024Q4", "2024H2", "2024",
                      "2025Q1", "2025Q2", "2025H1", "2025Q3", "2025Q4", "2025H2", "2025"]
    assert [p.label for p in list_periods(workspace, kind="annual")] == ["2024", "2025"]
    assert [p.label for p in list_periods(workspace, year=2025, kind="semiannual")] == ["2025H1", "2025H2"]


def test_the_cadence_is_a_workspace_setting_used_for_new_periods(workspace: Workspace) -> None:
    assert cadence(workspace) == DEFAULT_CADENCE
    create_periods(workspace, 2025)
    set_cadence(workspace, Cadence(semiannual_due=((6, 10), (12, 10))))
    assert cadence(workspace).semiannual_due == ((6, 10), (12, 10))
    assert [p.due_date for p in create_periods(workspace, 2025, 2026)] == [
        date(2025, 6, 15), date(2025, 12, 15), date(2026, 6, 10), date(2026, 12, 10)]
    assert audit_events(workspace, "setting")[-1].entity_id == CADENCE_SETTING


def test_rescheduling_moves_only_open_periods(workspace: Workspace) -> None:
    create_periods(workspace, 2025)
    set_period_state(workspace, "2025H1", "locked")
    moved = set_cadence(workspace, Cadence(semiannual_due=((6, 10), (12, 10))), reschedule_open=True)
    assert [(p.label, p.due_date) for p in moved] == [("2025H2", date(2025, 12, 10))]
    assert [p.due_date for p in list_periods(workspace)] == [date(2025, 6, 15), date(2025, 12, 10)]


def test_an_invalid_cadence_is_refused_and_a_damaged_setting_is_reported(workspace: Workspace) -> None:
    with pytest.raises(UserError) as refused:
        set_cadence(workspace, Cadence(semiannual_due=((2, 30), (12, 15))))
    assert refused.value.code == "cadence_invalid"
    put_setting(workspace, CADENCE_SETTING, {"semiannual_due": "June"})
    with pytest.raises(UserError) as damaged:
        create_periods(workspace, 2025)
    assert damaged.value.code == "cadence_invalid"


def test_a_period_moves_open_submitted_locked_and_each_move_is_audited(workspace: Workspace) -> None:
    create_periods(workspace, 2025)
    assert set_period_state(workspace, "2025H1", "submitted").state == "submitted"
    locked = set_period_state(workspace, "2025h1", "locked")
    assert locked.state == "locked" and locked.locked_at
    events = audit_events(workspace, "period")[-2:]
    assert [(e.before["state"], e.after["state"]) for e in events] == [("open", "submitted"), ("submitted", "locked")]


def test_unlocking_needs_a_reason_which_is_recorded(workspace: Workspace) -> None:
    create_periods(workspace, 2025)
    set_period_state(workspace, "2025H1", "locked")
    with pytest.raises(UserError) as refused:
        set_period_state(workspace, "2025H1", "open", " ")
    assert refused.value.code == "period_unlock_needs_reason"
    reopened = set_period_state(workspace, "2025H1", "open", "市里要求补报")
    assert reopened.state == "open" and reopened.locked_at  # it was locked once: later changes stay flagged
    assert audit_events(workspace, "period")[-1].reason == "市里要求补报"


def test_forbidden_or_unknown_states_and_periods_are_user_errors(workspace: Workspace) -> None:
    create_periods(workspace, 2025)
    set_period_state(workspace, "2025H1", "locked")
    for label, state, error in (("2025H1", "submitted", "period_transition_invalid"),
                                ("2025H1", "archived", "period_state_invalid"),
                                ("2024H1", "locked", "period_unknown")):
        with pytest.raises(UserError) as refused:
            set_period_state(workspace, label, state)
        assert refused.value.code == error


def test_asking_for_the_current_state_changes_nothing(workspace: Workspace) -> None:
    create_periods(workspace, 2025)
    events = len(audit_events(workspace))
    assert set_period_state(workspace, "2025H1", "open").state == "open"
    assert len(audit_events(workspace)) == events




def test_the_starting_periods_follow_the_workspaces_own_due_dates(workspace: Workspace) -> None:
    set_cadence(workspace, Cadence(semiannual_due=((7, 10), (1, 15))))  # H1 due 10 July, H2 due 15 January next year
    created = create_current_periods(workspace, date(2026, 6, 20))
    assert [(p.label, p.due_date) for p in created] == [("2026H1", date(2026, 7, 10)), ("2026H2", date(2027, 1, 15))]
    assert [p.label for p in create_current_periods(workspace, date(2026, 12, 20))] == ["2026H2"]  # kept, not again
