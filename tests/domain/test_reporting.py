"""Report rules: the review workflow table, the county's combined answer and figures."""

from __future__ import annotations

import pytest

from hpdesk.domain.reporting import (
    REVIEW_TRANSITIONS, Figure, UnitPart, combine_figures, combined_status, figure_text, join_parts,
    next_review_state, parse_figure,
)


@pytest.mark.parametrize(("state", "action", "expected"), [
    ("draft", "submit", "submitted"), ("submitted", "approve", "approved"), ("submitted", "return", "returned"),
    ("returned", "submit", "submitted"), ("approved", "return", "returned"),
    ("draft", "approve", None), ("draft", "return", None), ("approved", "submit", None),
    ("approved", "approve", None), ("returned", "approve", None), ("draft", "reopen", None),
])
def test_review_workflow(state: str, action: str, expected: str | None) -> None:
    assert next_review_state(state, action) == expected


def test_every_review_transition_leads_to_a_known_state() -> None:
    states = {"draft", "submitted", "returned", "approved"}
    assert all(sources <= states and target in states for sources, target in REVIEW_TRANSITIONS.values())


@pytest.mark.parametrize(("parts", "combined"), [
    (["done", "done"], "done"), (["done", "not_applicable"], "done"), (["not_applicable"], "not_applicable"),
    (["done", "not_started"], "in_progress"), (["in_progress", "not_done"], "in_progress"),
    (["not_started", "not_started"], "not_started"), (["not_done", "not_started"], "not_done"), ([], "not_started"),
])
def test_combined_status_from_the_units_parts(parts: list[str], combined: str) -> None:
    assert combined_status(parts) == combined


def test_parts_are_joined_lead_first_under_the_unit_names() -> None:
    text = join_parts([UnitPart("北下街街道", "co", "讲座3场"), UnitPart("区教育局", "co", "  "),
                       UnitPart("区卫生健康委", "lead", "专家库已更新")])
    assert text == "【区卫生健康委（牵头）】专家库已更新\n【北下街街道（配合）】讲座3场"


def test_figures_with_the_same_name_and_unit_are_summed() -> None:
    total = combine_figures([[Figure("覆盖人数", 420, "人")],
                             [Figure("覆盖人数", 1000, "人"), Figure("覆盖人数", 5, "人次"), Figure("场次", 3, "场")]])
    assert total == [Figure("覆盖人数", 1420.0, "人"), Figure("覆盖人数", 5.0, "人次"), Figure("场次", 3.0, "场")]


def test_a_stored_figure_reads_back_as_written_and_an_unreadable_number_as_zero() -> None:
    assert Figure.from_json({"name": "讲座", "value": 12, "unit": "场"}) == Figure("讲座", 12, "场")
    assert Figure("讲座", 12.0, "场").to_json() == {"name": "讲座", "value": 12, "unit": "场"}  # never "12.0场"
    assert Figure.from_json({"name": "覆盖", "value": "很多"}) == Figure("覆盖", 0, "")
    assert figure_text(Figure("知晓率", 95.5, "%")) == "知晓率 95.5%"


@pytest.mark.parametrize(("text", "figure"), [
    ("培训人数=120人", ("培训人数", 120.0, "人")), ("覆盖率＝约95.5%", ("覆盖率", 95.5, "%")),
    ("投入资金=3,000万元", ("投入资金", 3000.0, "万元")), ("场次=3", ("场次", 3.0, "")),
])
def test_figure_text_is_parsed(text: str, figure: tuple) -> None:
    parsed = parse_figure(text)
    assert (parsed.name, parsed.value, parsed.unit) == figure


@pytest.mark.parametrize("text", ["培训人数", "培训人数=若干", "=120人"])
def test_figure_text_without_a_name_or_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_figure(text)
