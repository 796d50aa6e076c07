"""The indicator grid page: years as columns, values entered in place, judgements recorded with a reason."""

from __future__ import annotations

from datetime import date

from hpdesk.ui import theme
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.models.indicator_grid_model import FIXED_COLUMNS
from hpdesk.ui.views.indicators_page import IndicatorsPage

from ui_fakes import FakePrompts, FakeServices


def _page(qtbot, services: FakeServices, prompts: FakePrompts | None = None) -> IndicatorsPage:  # type: ignore[no-untyped-def]
    page = IndicatorsPage(services, JobRunner(immediate=True), prompts or FakePrompts(), today=date(2026, 11, 23))
    qtbot.addWidget(page)
    page.refresh()
    return page


def test_the_grid_has_a_column_per_year_with_a_value_or_a_target(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, FakeServices())
    assert page.grid_model.years == [2024, 2025, 2026, 2030]
    assert page.proxy.rowCount() == 2 and "2 of 2" in page.count_label.text()


def test_a_typed_value_is_saved_and_coloured_by_its_verdict(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    page = _page(qtbot, services)
    column = FIXED_COLUMNS + page.grid_model.years.index(2026)
    cell = page.proxy.index(0, column)
    page.proxy.setData(cell, "37%")
    assert services.called("set_indicator_value") == [(("I001", 2026, "37%"), {})]
    assert page.proxy.data(cell) == "37%"
    assert page.proxy.data(cell, 8).color() == theme.VERDICT_BACKGROUND["not_met"]


def test_a_refused_value_is_taken_back_and_explained(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.domain.errors import UserError

    services, prompts = FakeServices(), FakePrompts()
    services.failures["set_indicator_value"] = UserError("indicator_unknown", code="I001")
    page = _page(qtbot, services, prompts)
    cell = page.proxy.index(0, FIXED_COLUMNS + page.grid_model.years.index(2026))
    page.proxy.setData(cell, "37%")
    assert prompts.warnings and page.proxy.data(cell) == ""


def test_a_judgement_needs_a_verdict_and_a_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.choice_answer = 0  # met
    prompts.text_answers = ["已印发实施方案"]
    page = _page(qtbot, services, prompts)
    source = page.grid_model.index(1, FIXED_COLUMNS + page.grid_model.years.index(2025))
    page.record_judgement(source)
    assert services.called("record_judgement") == [(("I002", 2025, "met", "已印发实施方案"), {})]


def test_a_judgement_without_a_reason_says_why_nothing_was_recorded(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A verdict chosen and the reason left empty: OK did nothing and said nothing."""
    services, prompts = FakeServices(), FakePrompts()
    prompts.choice_answer = 0  # met
    prompts.text_answers = ["  "]
    page = _page(qtbot, services, prompts)
    page.record_judgement(page.grid_model.index(1, FIXED_COLUMNS + page.grid_model.years.index(2025)))
    assert not services.called("record_judgement")
    assert prompts.warnings and "reason" in prompts.warnings[0]


def test_filtering_by_action_and_verdict(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, FakeServices())
    page.action_combo.setCurrentIndex(page.action_combo.findData("（2）合理膳食行动"))
    assert page.proxy.rowCount() == 1
    page.action_combo.setCurrentIndex(0)
    page.verdict_combo.setCurrentIndex(page.verdict_combo.findData("off_track"))
    assert page.proxy.rowCount() == 0
