"""The reporting calendar as pure rules: labels, names, due dates from an editable cadence, states, overdue."""

from __future__ import annotations

from datetime import date

import pytest

from hpdesk.domain.calendar import (
    current_periods, passed_periods,
    DEFAULT_CADENCE, Cadence, days_overdue, kinds_to_generate, parse_label, period,
    period_transition_allowed, periods_for_years, spec_for_label, transition_needs_reason,
)


def test_half_years_are_due_inside_the_half_year_they_report_on() -> None:
    first, second = periods_for_years("semiannual", 2025, 2025)
    assert (first.label, first.name, first.start, first.end, first.due) == (
        "2025H1", "2025年上半年", date(2025, 1, 1), date(2025, 6, 30), date(2025, 6, 15))
    assert (second.label, second.name, second.end, second.due) == (
        "2025H2", "2025年下半年", date(2025, 12, 31), date(2025, 12, 15))


def test_annual_monitoring_report_is_due_5_june_of_the_following_year_by_default() -> None:
    annual = period("annual", 2025, 1)
    assert (annual.label, annual.name, annual.due) == ("2025", "2025年度", date(2026, 6, 5))
    same_year = Cadence(annual_due_next_year=False)
    assert period("annual", 2025, 1, same_year).due == date(2025, 6, 5)


def test_quarters_have_labels_names_and_end_dates() -> None:
    third = period("quarterly", 2025, 3)
    assert (third.label, third.name, third.start, third.end, third.due) == (
        "2025Q3", "2025年第三季度", date(2025, 7, 1), date(2025, 9, 30), date(2025, 9, 15))
    assert [p.label for p in periods_for_years("quarterly", 2024, 2025)][3:5] == ["2024Q4", "2025Q1"]


@pytest.mark.parametrize(("label", "parsed"), [
    ("2025H1", ("semiannual", 2025, 1)), ("2025h2", ("semiannual", 2025, 2)), (" 2025Q3 ", ("quarterly", 2025, 3)),
    ("2025", ("annual", 2025, 1)), ("2025H3", None), ("2025Q5", None), ("25H1", None), ("上半年", None),
])
def test_labels_are_parsed_case_insensitively_and_strictly(label: str, parsed: tuple | None) -> None:
    assert parse_label(label) == parsed


def test_a_label_names_its_period() -> None:
    assert spec_for_label("2025q3").name == "2025年第三季度"  # type: ignore[union-attr]
    assert spec_for_label("next year") is None


def test_an_edited_cadence_moves_due_dates_and_survives_json() -> None:
    cadence = Cadence(semiannual_due=((6, 10), (12, 10)), annual_due=(5, 31), kinds=("semiannual",))
    assert Cadence.from_json(cadence.to_json()) == cadence
    assert period("semiannual", 2025, 1, cadence).due == date(2025, 6, 10)


def test_a_due_day_before_the_period_starts_falls_in_the_next_year() -> None:
    cadence = Cadence(semiannual_due=((6, 15), (1, 10)))
    assert period("semiannual", 2025, 2, cadence).due == date(2026, 1, 10)


def test_missing_cadence_keys_take_the_default() -> None:
    assert Cadence.from_json(None) == DEFAULT_CADENCE
    assert Cadence.from_json({"annual_due": [6, 1]}).semiannual_due == DEFAULT_CADENCE.semiannual_due


@pytest.mark.parametrize("data", [
    {"semiannual_due": [[6, 15]]}, {"semiannual_due": [[6, 31], [12, 15]]}, {"annual_due": [2, 29]},
    {"kinds": ["monthly"]}, {"annual_due": "June"}, ["not", "a", "dict"],
])
def test_a_malformed_cadence_is_refused(data: object) -> None:
    with pytest.raises(ValueError):
        Cadence.from_json(data)


def test_quarters_are_generated_only_when_a_task_asks_for_them() -> None:
    assert kinds_to_generate(DEFAULT_CADENCE, ["semiannual"]) == ("semiannual", "annual")
    assert kinds_to_generate(DEFAULT_CADENCE, ["semiannual", "quarterly"]) == ("semiannual", "quarterly", "annual")


@pytest.mark.parametrize(("current", "target", "allowed"), [
    ("open", "submitted", True), ("open", "locked", True), ("submitted", "locked", True), ("locked", "open", True),
    ("submitted", "open", True), ("locked", "submitted", False), ("open", "open", True),
])
def test_period_state_transitions(current: str, target: str, allowed: bool) -> None:
    assert period_transition_allowed(current, target) is allowed


def test_only_unlocking_needs_a_reason() -> None:
    assert transition_needs_reason("locked", "open")
    assert not transition_needs_reason("open", "locked")


def test_overdue_is_measured_against_the_due_date_not_the_period_end() -> None:
    due = date(2025, 6, 15)  # H1 ends 30 June, but is due on the 15th
    assert [days_overdue(due, day) for day in (date(2025, 6, 20), date(2025, 6, 15), date(2025, 6, 1))] == [5, 0, 0]


@pytest.mark.parametrize(("today", "labels", "passed"), [
    (date(2026, 3, 1), ["2026H1", "2026H2"], []),  # nothing due yet this year
    (date(2026, 6, 15), ["2026H1", "2026H2"], []),  # due today is not overdue
    (date(2026, 6, 20), ["2026H2"], ["2026H1"]),  # the first half-year is already late: start at the second
    (date(2026, 12, 20), ["2027H1", "2027H2"], ["2026H1", "2026H2"]),  # every due date of 2026 has passed
])
def test_a_new_workspace_starts_at_the_current_period_never_an_overdue_one(today: date, labels: list[str],
                                                                             passed: list[str]) -> None:
    specs = current_periods("semiannual", today)
    assert [spec.label for spec in specs] == labels and all(spec.due >= today for spec in specs)
    assert [spec.label for spec in passed_periods("semiannual", today)] == passed  # what the clerk is told about
