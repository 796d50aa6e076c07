"""The city's pages on a real city workspace (the façade over the city world of tests/city_world.py): the inbox
receives dropped packages off the UI thread and lists accepted and refused ones with their reasons, returns a
submission; the consolidation page shows the counts, charts, a task answered by every county, and search."""

from __future__ import annotations

from pathlib import Path

import pytest
from city_world import CITY_PASSPHRASE, CityWorld, city, city_world  # noqa: F401 - fixtures
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from ui_fakes import FakePrompts, FakeServices

from hpdesk.services.desk import Desk
from hpdesk.services.workspace import Workspace
from hpdesk.ui.dialogs.settings.counties_page import CountiesPage
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.views.city_consolidation_page import CityConsolidationPage
from hpdesk.ui.views.city_inbox_page import CityInboxPage


@pytest.fixture
def desk(city: Workspace) -> Desk:
    return Desk(city)


def table_texts(table, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [table.item(row, column).text() for row in range(table.rowCount())]


def drop(widget, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def test_dropped_packages_are_received_off_the_ui_thread_and_listed(qtbot, desk: Desk,  # type: ignore[no-untyped-def]
                                                                    city_world: CityWorld) -> None:
    jobs, prompts = JobRunner(), FakePrompts()
    page = CityInboxPage(desk, jobs, prompts, "zh_CN")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.received, timeout=60000):
        drop(page, [*city_world.packages()[:3], city_world.impostor])
    qtbot.waitUntil(lambda: page.table.rowCount() == 4, timeout=10000)
    assert sorted(table_texts(page.table, 5)) == ["已拒收", "已接收", "已接收", "已接收"]
    assert prompts.warnings and "其他县区的密钥" in prompts.warnings[0]
    refused = table_texts(page.table, 5).index("已拒收")
    page.table.selectRow(refused)
    assert "其他县区的密钥" in page.details.toPlainText() and not page.return_button.isEnabled()
    jobs.shutdown()


def test_an_accepted_submission_is_returned_with_a_receipt(qtbot, desk: Desk, city_world: CityWorld,  # type: ignore[no-untyped-def]
                                                            tmp_path: Path) -> None:
    desk.receive_packages([city_world.counties[0].package])
    jobs, prompts = JobRunner(immediate=True), FakePrompts()
    prompts.text_answers = ["缺少佐证材料"]
    prompts.folder = tmp_path
    prompts.passphrases = [CITY_PASSPHRASE]
    page = CityInboxPage(desk, jobs, prompts, "zh_CN")
    qtbot.addWidget(page)
    page.refresh()
    page.table.selectRow(0)
    assert page.return_button.isEnabled()
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    assert table_texts(page.table, 5) == ["已退回"] and "缺少佐证材料" in table_texts(page.table, 6)[0]
    assert list(tmp_path.glob("*回执*.zip")) and prompts.informations


def test_the_consolidation_page_shows_counts_charts_a_task_and_search(qtbot, desk: Desk,  # type: ignore[no-untyped-def]
                                                                        city_world: CityWorld) -> None:
    desk.receive_packages(city_world.packages()[1:])
    jobs = JobRunner(immediate=True)
    page = CityConsolidationPage(desk, jobs, FakePrompts(), "zh_CN")
    qtbot.addWidget(page)
    page.refresh()
    assert "14" in page.summary_label.text() and "中原区" in page.summary_label.text()  # accepted 14, one missing
    assert page.completeness_table.rowCount() == 15
    assert page.completeness_table.item(0, 1).text() == "未报送"
    for holder, expected in ((page.completeness_chart, None), (page.indicator_chart, 2.0)):
        (view,) = [holder.itemAt(index).widget() for index in range(holder.count())]
        assert view.height() == view.minimumHeight()  # a bar per county, not stretched over the page
        bar_sets = view.chart().series()[0].barSets()
        totals = [sum(bar_set.at(i) for bar_set in bar_sets) for i in range(bar_sets[0].count())]
        assert len(totals) == 14 and (expected is None or totals == [expected] * 14)  # every indicator counted once
    assert page.indicator_table.rowCount() == 2
    page.task_combo.setCurrentIndex(page.task_combo.findData("A02-T001"))
    assert page.task_table.rowCount() == 15
    assert page.task_table.item(2, 1).text() == "推进中" and "食堂检查照片" in page.task_table.item(2, 6).text()
    assert page.task_table.item(0, 1).text() == "未报送"  # county 0 sent nothing
    page.search_edit.setText("健康科普讲座")
    page.search()
    assert len(set(table_texts(page.search_table, 0))) == 14  # the narrative and an evidence title each


def test_the_counties_page_lists_each_county_with_its_certificate(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    page = CountiesPage(desk, JobRunner(immediate=True), FakePrompts(), "zh_CN")
    qtbot.addWidget(page)
    page.load()
    assert page.tree.topLevelItemCount() == 15
    assert page.tree.topLevelItem(0).childCount() == 1


def test_a_city_workspace_has_its_inbox_and_consolidation_in_the_section_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from hpdesk.ui.main_window import MainWindow

    services = FakeServices()
    services.office_profile = replace(services.office_profile, level="city")
    window = MainWindow(services, JobRunner(immediate=True), FakePrompts())
    qtbot.addWidget(window)
    assert window.inbox_action.isVisible() and window.inbox_action in window.section_bar.actions()
    window.inbox_action.trigger()
    assert window.pages.currentWidget() is window.inbox_page and window.inbox_action.isChecked()
    assert window.section_actions.checkedAction() is None  # no county section looks chosen
    window.show_section(1)
    assert not window.inbox_action.isChecked() and window.section_actions.checkedAction() is not None
    county = MainWindow(FakeServices(), JobRunner(immediate=True), FakePrompts())
    qtbot.addWidget(county)
    assert not county.inbox_action.isVisible() and not county.consolidation_action.isVisible()


def test_a_file_that_is_no_package_is_listed_by_its_name_not_by_a_question_mark(  # type: ignore[no-untyped-def]
        qtbot, desk: Desk, tmp_path: Path) -> None:
    """A refused file whose manifest cannot be read names no county: the row showed "?" and the clerk had to click
    each such row to learn which file on the USB stick it was."""
    jobs = JobRunner()
    page = CityInboxPage(desk, jobs, FakePrompts(), "zh_CN")
    qtbot.addWidget(page)
    stray = tmp_path / "会议通知.docx"
    stray.write_bytes(b"not a package")
    with qtbot.waitSignal(page.received, timeout=60000):
        drop(page, [stray])
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert table_texts(page.table, 2) == ["会议通知.docx"] and table_texts(page.table, 5) == ["已拒收"]
    jobs.shutdown()
