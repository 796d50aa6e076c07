"""Indicator values per year, stored verbatim with the number parsed where possible, and the clerk's judgements
and directions — each audited."""

from __future__ import annotations

from datetime import date

import pytest
from plan_builder import audit_events, build_plan
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.services import indicator_evaluation
from hpdesk.services.indicator_values import (
    get_indicator_value, list_indicator_values, record_judgement, set_indicator_direction,
    set_indicator_value,
)
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


@pytest.fixture
def planned(workspace: Workspace) -> Workspace:
    build_plan(workspace)
    return workspace


def test_an_approximate_value_is_kept_verbatim_beside_its_number(planned: Workspace) -> None:
    value = set_indicator_value(planned, "I001", 2025, " 95.25%以上 ", as_of=date(2025, 12, 31), source="区疾控中心",
                                note="抽样调查")
    assert (value.value_text, value.value, value.as_of, value.source, value.note) == (
        "95.25%以上", 95.25, date(2025, 12, 31), "区疾控中心", "抽样调查")
    assert (value.updated_by, value.indicator_name, value.unit) == ("tester", "居民健康素养水平", "%")


def test_text_without_a_number_is_stored_with_no_number(planned: Workspace) -> None:
    assert set_indicator_value(planned, "I001", 2025, "基本实现").value is None


def test_a_value_in_a_convertible_unit_is_stored_in_the_indicators_unit(planned: Workspace) -> None:
    assert set_indicator_value(planned, "I002", 2025, "0.39%").value == pytest.approx(3.9)
    with pytest.raises(UserError) as refused:
        set_indicator_value(planned, "I002", 2025, "3岁")
    assert refused.value.code == "indicator_value_unit_invalid"


def test_setting_a_value_again_replaces_it_and_audits_before_and_after(planned: Workspace) -> None:
    set_indicator_value(planned, "I001", 2025, "20.5")
    set_indicator_value(planned, "I001", 2025, "22.1")
    created, updated = audit_events(planned, "indicator_value")
    assert (created.action, created.before, updated.action) == ("create", None, "update")
    assert (updated.before["value_text"], updated.after["value_text"]) == ("20.5", "22.1")
    assert len(list_indicator_values(planned)) == 1


@pytest.mark.parametrize(("code", "year", "text", "error"), [
    ("I999", 2025, "1", "indicator_unknown"), ("I001", 2025, "  ", "indicator_value_empty"),
    ("I001", 25, "1", "indicator_value_year_invalid"),
])
def test_value_mistakes_are_user_errors(planned: Workspace, code: str, year: int, text: str, error: str) -> None:
    with pytest.raises(UserError) as refused:
        set_indicator_value(planned, code, year, text)
    assert refused.value.code == error


def test_a_judgement_keeps_verdict_reason_who_and_when(planned: Workspace) -> None:
    set_indicator_value(planned, "I001", 2025, "约22")
    judged = record_judgement(planned, "I001", 2025, "met", "督导检查认定已达标")
    assert (judged.judgement, judged.judgement_reason, judged.judged_by, judged.value_text) == (
        "met", "督导检查认定已达标", "tester", "约22")
    assert judged.judged_at
    event = audit_events(planned, "indicator_value")[-1]
    assert (event.action, event.reason, event.after["judgement"]) == ("judge", "督导检查认定已达标", "met")


def test_a_judgement_may_come_before_any_value_and_keeps_it_when_a_value_follows(planned: Workspace) -> None:
    record_judgement(planned, "I001", 2025, "on_track", "年中自评")
    value = set_indicator_value(planned, "I001", 2025, "21")
    assert (value.judgement, value.value) == ("on_track", 21.0)


def test_a_judgement_needs_a_known_verdict_and_a_reason_and_can_be_cleared(planned: Workspace) -> None:
    for verdict, reason, error in (("good", "x", "indicator_value_verdict_invalid"),
                                   ("met", " ", "indicator_value_judgement_needs_reason")):
        with pytest.raises(UserError) as refused:
            record_judgement(planned, "I001", 2025, verdict, reason)
        assert refused.value.code == error
    record_judgement(planned, "I001", 2025, "met", "认定")
    cleared = record_judgement(planned, "I001", 2025, "", "")
    assert (cleared.judgement, cleared.judged_by, cleared.judged_at) == ("", "", None)


def test_the_clerks_direction_is_stored_and_audited(planned: Workspace) -> None:
    set_indicator_direction(planned, "I002", "lower")
    event = audit_events(planned, "indicator")[-1]
    assert (event.before["direction"], event.after) == ("", {"direction": "lower", "direction_source": "clerk"})
    with pytest.raises(UserError) as refused:
        set_indicator_direction(planned, "I002", "down")
    assert refused.value.code == "indicator_value_direction_invalid"


def test_values_are_listed_in_the_citys_order_and_filtered(planned: Workspace) -> None:
    set_indicator_value(planned, "I002", 2024, "4.0")
    set_indicator_value(planned, "I001", 2025, "22")
    set_indicator_value(planned, "I001", 2024, "20")
    assert [(v.indicator_code, v.year) for v in list_indicator_values(planned)] == [
        ("I001", 2024), ("I001", 2025), ("I002", 2024)]
    assert [v.indicator_code for v in list_indicator_values(planned, year=2024, limit=1, offset=1)] == ["I002"]
    assert len(list_indicator_values(planned, code="I001")) == 2
    assert get_indicator_value(planned, "I002", 2025) is None


def test_the_evaluation_reads_what_is_stored_here(planned: Workspace) -> None:
    set_indicator_value(planned, "I001", 2025, "23.5")
    assert indicator_evaluation.evaluate_indicator(planned, "I001", 2025).verdict.value == "met"
    record_judgement(planned, "I001", 2025, "not_met", "抽样口径与市里不一致")
    assert indicator_evaluation.evaluate_indicator(planned, "I001", 2025).verdict.value == "not_met"


def test_a_value_changed_without_an_audit_event_is_noticed(planned: Workspace) -> None:
    """An indicator value (the figure the city judges the county by) changed with an SQL tool passed `hpdesk check`:
    only reports were compared with their audit events. Values and judgements set through hpdesk stay sound."""
    from sqlalchemy import text

    from hpdesk.services.maintenance import check_workspace

    value = set_indicator_value(planned, "I001", 2025, "95.25%", as_of=date(2025, 12, 31), source="区疾控中心")
    record_judgement(planned, "I001", 2025, "met", "经核实已达标")
    assert check_workspace(planned).sound
    with planned.database.unit_of_work() as session:
        session.execute(text("UPDATE indicator_value SET value = 99.5, value_text = '99.5%' WHERE id = :id"),
                        {"id": value.id})
    result = check_workspace(planned)
    assert not result.sound
    assert result.integrity.values_changed_without_audit == [value.id]
