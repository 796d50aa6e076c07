"""Periods from the cadence, the review workflow and the county's combined answer — as pure rules."""

from __future__ import annotations

from datetime import date

import pytest

from hpdesk.domain.calendar import Cadence, is_overdue, parse_label, period, periods_for_years, spec_for_label
from hpdesk.domain.reporting import combine_figures, combined_status, next_review_state, parse_figure


def test_semiannual_periods_are_due_inside_their_half_year() -> None:
    first, second = periods_for_years("semiannual", 2025, 2025)
    assert (first.label, first.name, first.due) == ("2025H1", "2025年上半年", date(2025, 6, 15))
    assert (second.label, second.end, second.due) == ("2025H2", date(2025, 12, 31), date(2025, 12, 15))


def test_annual_monitoring_report_is_due_5_june_of_the_next_year() -> None:
    assert period("annual", 2025, 1).due == date(2026, 6, 5)


def test_quarters_and_labels_round_trip() -> None:
    assert parse_label("2025Q3") == ("quarterly", 2025, 3)
    assert spec_for_label("2025q3").name == "2025年第三季度"  # type: ignore[union-attr]
    assert parse_label("2025") == ("annual", 2025, 1)
    assert parse_label("2025H3") is None


def test_cadence_is_editable_and_survives_json() -> None:
    cadence = Cadence(semiannual_due=((6, 10), (12, 10)))
    assert Cadence.from_json(cadence.to_json()) == cadence
    assert period("semiannual", 2025, 1, cadence).due == date(2025, 6, 10)


def test_overdue_is_measured_against_the_due_date_not_the_period_end() -> None:
    due = date(2025, 6, 15)
    assert is_overdue(due, date(2025, 6, 20), handed_in=False)
    assert not is_overdue(due, date(2025, 6, 20), handed_in=True)
    assert not is_overdue(due, date(2025, 6, 15), handed_in=False)


@pytest.mark.parametrize(("state", "action", "expected"), [
    ("draft", "submit", "submitted"), ("submitted", "approve", "approved"), ("submitted", "return", "returned"),
    ("returned", "submit", "submitted"), ("approved", "return", "returned"), ("draft", "approve", None),
    ("approved", "submit", None),
])
def test_review_workflow(state: str, action: str, expected: str | None) -> None:
    assert next_review_state(state, action) == expected


@pytest.mark.parametrize(("parts", "combined"), [
    (["done", "done"], "done"), (["done", "not_applicable"], "done"), (["not_applicable"], "not_applicable"),
    (["done", "not_started"], "in_progress"), (["not_started", "not_started"], "not_started"),
    (["not_done", "not_started"], "not_done"), ([], "not_started"),
])
def test_combined_status_from_the_units_parts(parts: list[str], combined: str) -> None:
    assert combined_status(parts) == combined


def test_figures_with_the_same_name_and_unit_are_summed() -> None:
    total = combine_figures([[{"name": "覆盖人数", "value": 420, "unit": "人"}],
                             [{"name": "覆盖人数", "value": 1000, "unit": "人"}, {"name": "场次", "value": 3, "unit": "场"}]])
    assert total == [{"name": "覆盖人数", "value": 1420.0, "unit": "人"}, {"name": "场次", "value": 3.0, "unit": "场"}]


def test_figure_text_is_parsed() -> None:
    figure = parse_figure("培训人数=120人")
    assert (figure.name, figure.value, figure.unit) == ("培训人数", 120, "人")
    with pytest.raises(ValueError):
        parse_figure("培训人数")
