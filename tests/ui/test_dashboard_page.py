"""The dashboard: completeness per action and per unit as charts, overdue items with due dates, verdict counts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import QChartView, QHorizontalStackedBarSeries, QPieSeries

from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.views.dashboard_page import DashboardPage

from ui_fakes import FakeServices, make_period


def _page(qtbot, services: FakeServices | None = None) -> DashboardPage:  # type: ignore[no-untyped-def]
    page = DashboardPage(services or FakeServices(), JobRunner(immediate=True), today=date(2026, 7, 1))
    qtbot.addWidget(page)
    page.set_period(make_period("2026H1"))
    return page


def _charts(page: DashboardPage) -> list[QChartView]:
    return page.findChildren(QChartView)


def test_cards_show_the_periods_numbers(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    assert page.card_values["expected"].text() == "6"
    assert page.card_values["approved"].text().startswith("2")
    assert page.card_values["overdue"].text() == "2"
    assert page.card_values["indicators_met"].text() == "1/2"


def test_tasks_with_suggested_or_no_units_are_shown_beside_the_reports_expected(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.export_readiness import AssignmentCounts

    services = FakeServices()
    services.assignment_state = AssignmentCounts(unassigned=3, unconfirmed=129)
    page = _page(qtbot, services)
    assert page.card_values["to_confirm"].text() == "132"
    note = page.assignment_note.text()
    assert not page.assignment_note.isHidden() and "129" in note and "3" in note and "not counted" in note


def test_with_every_assignment_confirmed_no_warning_is_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    assert page.card_values["to_confirm"].text() == "0" and page.assignment_note.isHidden()


def test_indicators_without_a_value_have_their_own_slice_in_the_donut(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.indicator_evaluation import VerdictSummary

    services = FakeServices()
    services.verdict_summary = lambda year: VerdictSummary(  # type: ignore[method-assign]
        year, 143, {"met": 1, "not_met": 0, "on_track": 0, "off_track": 0, "needs_judgement": 2, "no_value": 140})
    page = _page(qtbot, services)
    pie = next(view for view in _charts(page) if isinstance(view.chart().series()[0], QPieSeries))
    values = sorted(pie_slice.value() for pie_slice in pie.chart().series()[0].slices() if pie_slice.value())
    assert values == [1, 2, 140]  # 未填报 apart from 需人工判断, not merged into it


def test_completeness_is_drawn_per_action_and_per_unit_and_verdicts_as_a_donut(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    views = _charts(page)
    bars = [view for view in views if isinstance(view.chart().series()[0], QHorizontalStackedBarSeries)]
    pies = [view for view in views if isinstance(view.chart().series()[0], QPieSeries)]
    assert len(bars) == 2 and len(pies) == 1
    action_series = bars[0].chart().series()[0]
    approved = action_series.barSets()[0]
    assert [approved.at(i) for i in range(approved.count())] == [1.0, 1.0]
    assert sum(pie_slice.value() for pie_slice in pies[0].chart().series()[0].slices()) == 2


def test_overdue_items_are_listed_with_their_due_date(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    model = page.overdue_model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 4)) == "2026-06-15" and model.data(model.index(0, 2)) == "区教育局"


def test_double_clicking_an_overdue_item_asks_for_its_task(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    with qtbot.waitSignal(page.task_requested, timeout=1000) as signal:
        page.overdue_table.doubleClicked.emit(page.overdue_model.index(0, 1))
    assert signal.args == ["A01-T001"]


def test_without_a_period_the_page_says_what_to_do(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = DashboardPage(FakeServices(), JobRunner(immediate=True))
    qtbot.addWidget(page)
    page.set_period(None)
    assert "Settings" in page.subtitle_label.text()


def test_enter_on_an_overdue_item_asks_for_its_task(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Only a double-click opened an overdue item; a keyboard user had no way to it."""
    from PySide6.QtCore import Qt

    page = _page(qtbot)
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    page.overdue_table.setFocus()
    page.overdue_table.setCurrentIndex(page.overdue_model.index(0, 1))
    with qtbot.waitSignal(page.task_requested, timeout=1000) as signal:
        qtbot.keyClick(page.overdue_table, Qt.Key.Key_Return)
    assert signal.args == ["A01-T001"]
