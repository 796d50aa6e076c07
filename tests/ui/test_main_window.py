"""The main window: empty state, sections, the period selector, search as you type, shortcuts, remembered layout,
and no lost work on quit. Built with fake services; one test imports a real sample into a real workspace."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence

from hpdesk.services.plan_queries import PlanOverview
from hpdesk.services.workspace import Workspace
from hpdesk.services.desk import Desk
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.main_window import PAGE_EMPTY, PAGE_SEARCH, SECTION_REVIEW, SECTION_TASKS, MainWindow
from hpdesk.ui.views.tasks_page import TAB_UNITS

from ui_fakes import FakePrompts, FakeServices

TODAY = date(2026, 11, 23)


def _window(qtbot, services=None, prompts: FakePrompts | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services or FakeServices(), JobRunner(immediate=True), prompts or FakePrompts(), today=TODAY)
    qtbot.addWidget(window)
    return window


def test_an_empty_workspace_shows_the_first_step_and_nothing_else(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    services.plan_overview = PlanOverview(0, 0, 0, 0, 0, 0)
    window = _window(qtbot, services)
    assert window.pages.currentIndex() == PAGE_EMPTY
    assert not any(action.isEnabled() for action in window.section_actions.actions())
    assert "管城回族区卫生健康委员会" in window.windowTitle()


def test_the_empty_state_button_starts_the_import(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    services.plan_overview = PlanOverview(0, 0, 0, 0, 0, 0)
    prompts.workbook = tmp_path / "任务分解表.xlsx"
    window = _window(qtbot, services, prompts)
    window.empty_page.import_button.click()
    assert window.import_dialog.isVisible() and services.called("analyse_workbook")
    window.import_dialog.reject()


def test_the_period_selector_starts_on_the_period_being_filled(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    assert window.current_period().label == "2026H2"
    assert window.pages.currentIndex() == SECTION_TASKS
    assert window.tasks_page.period.label == "2026H2"


def test_just_after_a_due_date_the_next_period_is_chosen_not_the_overdue_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui_fakes import make_period

    services = FakeServices()
    services.period_list = [make_period("2026H1", "open"), make_period("2026H2", "open")]
    window = MainWindow(services, JobRunner(immediate=True), FakePrompts(), today=date(2026, 6, 20))
    qtbot.addWidget(window)
    assert window.current_period().label == "2026H2"  # 2026H1 was due on 15 June


def test_the_section_bar_keeps_its_width_when_the_review_count_appears(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    window.show()
    before = window.section_bar.width()
    window.section_actions.actions()[SECTION_REVIEW].setText("审核（128）")
    qtbot.wait(1)  # let the tool bar lay out again
    assert window.section_bar.width() == before


def test_changing_the_period_reloads_the_visible_page_and_is_remembered(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    window.period_combo.setCurrentIndex(window.period_combo.findData("2026H1"))
    assert window.tasks_page.period.label == "2026H1"
    assert QSettings().value("period") == "2026H1"
    again = _window(qtbot)
    assert again.current_period().label == "2026H1"


def test_sections_switch_with_their_shortcuts(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    review = window.section_actions.actions()[SECTION_REVIEW]
    assert review.shortcut() == QKeySequence("Ctrl+3")
    review.trigger()
    assert window.pages.currentIndex() == SECTION_REVIEW and window.review_page.queue_model.rowCount() == 3
    assert review.text().endswith("(3)")


def test_the_main_shortcuts_are_in_place(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    assert window.find_action.shortcut() == QKeySequence.StandardKey.Find or \
        window.find_action.shortcut() == QKeySequence("Ctrl+F")
    assert window.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    window.show()
    window.find_action.trigger()
    assert window.search_edit.hasFocus() or not window.isActiveWindow()


def test_typing_in_the_search_box_finds_tasks_units_and_evidence(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    window = _window(qtbot, services)
    for character in "健康":  # typed one character at a time (QTest cannot type Chinese key events)
        window.search_edit.insert(character)
    qtbot.waitUntil(lambda: window.pages.currentIndex() == PAGE_SEARCH, timeout=2000)
    assert services.called("search")[-1][0] == ("健康",)
    kinds = {window.search_page.results_model.row_at(row).kind
             for row in range(window.search_page.results_model.rowCount())}
    assert kinds == {"task", "evidence"}  # the fake finds 健康 in a task and in an evidence title
    window.search_edit.clear()
    qtbot.waitUntil(lambda: window.pages.currentIndex() == SECTION_TASKS, timeout=2000)


def test_no_section_is_lit_in_the_section_bar_while_search_results_are_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The bar kept 任务 highlighted over the search results, as if they were the task list."""
    window = _window(qtbot)
    window.search_edit.setText("健康")
    window._on_search_timer_timeout()
    assert window.pages.currentIndex() == PAGE_SEARCH and window.section_actions.checkedAction() is None
    window._on_search_escape()
    assert window.section_actions.checkedAction() is window.section_actions.actions()[SECTION_TASKS]


def test_a_kind_with_more_hits_than_listed_says_so_rather_than_a_count(qtbot) -> None:  # type: ignore[no-untyped-def]
    """"报告 50" read as "50 reports mention it" when the search had stopped at 50: the service looks for one more,
    and a kind that has it is counted "50+" and lists its first 50."""
    from hpdesk.services.search import HITS_PER_KIND, SearchHit

    services = FakeServices()
    services.search_hits = [SearchHit("task", "A01-T001", "开展健康教育", task_id=1)] + [
        SearchHit("report", f"A01-T{number:03d} · 区卫健委 · 2026年下半年", "健康讲座", task_id=1)
        for number in range(HITS_PER_KIND + 1)]
    window = _window(qtbot, services)
    window.search_page.search("健康")
    count = window.search_page.count_label.text()
    assert f"{HITS_PER_KIND}+ reports" in count and "1 tasks" in count and f"first {HITS_PER_KIND} of each" in count
    assert window.search_page.results_model.rowCount() == 1 + HITS_PER_KIND


def test_a_search_hit_takes_the_clerk_to_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    window = _window(qtbot, services)
    window.period_combo.setCurrentIndex(window.period_combo.findData("2026H1"))
    evidence_hit, unit_hit = services.search_hits[2], services.search_hits[1]
    window.go_to_hit(evidence_hit)
    assert window.current_period().label == "2026H2"
    assert window.tasks_page.detail_panel.detail.code == "A01-T002"
    window.go_to_hit(unit_hit)
    assert window.tasks_page.nav_tabs.currentIndex() == TAB_UNITS


def test_the_layout_and_section_are_remembered(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot)
    window.show_section(SECTION_REVIEW)
    window.resize(1000, 700)
    window.close()
    again = _window(qtbot)
    assert again.section == SECTION_REVIEW and again.pages.currentIndex() == SECTION_REVIEW


def test_choosing_english_is_remembered_for_the_next_start(qtbot) -> None:  # type: ignore[no-untyped-def]
    prompts = FakePrompts()
    window = _window(qtbot, prompts=prompts)
    english = next(action for action in window.language_actions.actions() if action.data() == "en")
    english.trigger()
    assert QSettings().value("language") == "en" and prompts.informations


def test_quitting_with_an_unsaved_report_asks_and_cancel_keeps_everything(qtbot) -> None:  # type: ignore[no-untyped-def]
    prompts = FakePrompts()
    prompts.unsaved_answer = "cancel"
    window = _window(qtbot, prompts=prompts)
    window.show()
    window.tasks_page.detail_panel.open_report_button.click()
    editor = window.tasks_page.editor
    editor.narrative_edit.setPlainText("还没保存的内容")
    assert not window.close()
    assert window.isVisible() and editor.isVisible() and prompts.asked
    prompts.unsaved_answer = "discard"
    assert window.close()


def test_the_about_box_names_the_version(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk import __version__

    prompts = FakePrompts()
    window = _window(qtbot, prompts=prompts)
    window.about_action.trigger()
    assert __version__ in prompts.informations[-1]


def test_importing_a_real_table_from_the_empty_state_lands_on_the_task_list(qtbot, workspace: Workspace,  # type: ignore[no-untyped-def]
                                                                            sample_copy) -> None:
    prompts = FakePrompts()
    prompts.workbook = sample_copy("taian_task_breakdown.xlsx")
    window = _window(qtbot, Desk(workspace), prompts)
    assert window.pages.currentIndex() == PAGE_EMPTY
    window.empty_page.import_button.click()
    window.import_dialog.import_button.click()
    assert window.pages.currentIndex() == SECTION_TASKS
    assert window.tasks_page.task_model.rowCount() > 0
    assert window.current_period() is not None  # this year's periods were created after the first import
    assert window.tasks_page.unit_model.rowCount() > 0  # and the county's units, from the plan's departments
