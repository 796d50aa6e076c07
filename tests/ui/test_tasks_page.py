"""The task page: navigation by plan, by unit and by the period's review state; the task view; opening reports."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.models.navigator_models import ACTION_ID_ROLE
from hpdesk.ui.views.tasks_page import TAB_PERIOD, TAB_UNITS, TasksPage

from ui_fakes import FakePrompts, FakeServices, make_period, make_task


def _page(qtbot, services: FakeServices | None = None, prompts: FakePrompts | None = None) -> TasksPage:  # type: ignore[no-untyped-def]
    page = TasksPage(services or FakeServices(), JobRunner(immediate=True), prompts or FakePrompts())
    qtbot.addWidget(page)
    page.show()
    page.set_period(make_period("2026H2"))
    return page


def test_all_county_tasks_are_listed_and_the_first_is_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    assert page.task_model.rowCount() == 3
    assert page.detail_panel.detail is not None and page.detail_panel.detail.code == "A01-T001"
    text = page.detail_panel.text_browser.toPlainText()
    assert "印发方案、会议纪要、现场照片" in text and "市教育局、各区县（市）" in text
    assert page.detail_panel.unit_model.rowCount() == 2


def test_choosing_an_action_narrows_the_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    second_action = page.plan_model.index(2, 0)
    assert second_action.data(ACTION_ID_ROLE) == 2
    page.plan_tree.setCurrentIndex(second_action)
    assert page.task_model.rowCount() == 1 and page.task_model.row_at(0).code == "A02-T003"


def test_expanding_an_action_lists_its_tasks_and_choosing_one_shows_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    action = page.plan_model.index(1, 0)
    page.plan_tree.expand(action)
    page.plan_model.fetchMore(action)
    task = page.plan_model.index(1, 0, action)
    page.plan_tree.setCurrentIndex(task)
    assert page.detail_panel.detail.code == "A01-T002"


def test_the_unit_tab_lists_units_and_filters_by_the_chosen_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    page.nav_tabs.setCurrentIndex(TAB_UNITS)
    assert page.unit_model.rowCount() == 2
    page.unit_list.setCurrentIndex(page.unit_model.index(1, 0))
    assert page.task_model.rowCount() == 0
    assert page.current_filter().unit_id == 2


def test_the_period_tab_filters_by_review_state(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    page.nav_tabs.setCurrentIndex(TAB_PERIOD)
    page.bucket_list.setCurrentIndex(page.bucket_model.index(4, 0))  # approved
    assert page.current_filter().review_state == "approved"
    assert page.task_model.rowCount() == 1 and "2026年下半年" in page.list_title_label.text()


def test_opening_a_units_report_shows_the_editor_for_the_period(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot)
    page.detail_panel.unit_table.selectRow(1)
    page.detail_panel.open_report_button.click()
    assert page.editor is not None and page.editor.isVisible()
    assert (page.editor.target.unit, page.editor.target.period_label) == ("区教育局", "2026H2")
    page.editor.reject()


def test_assigning_units_sends_the_lead_and_the_co_units(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    page = _page(qtbot, services)
    page.detail_panel.assign_button.click()
    dialog = page.assign_dialog
    dialog.lead_combo.setCurrentIndex(dialog.lead_combo.findData("区教育局"))
    dialog._on_ok_clicked()
    assert services.called("assign_task") == [(("A01-T001", "区教育局", []), {})]


def test_the_last_task_and_the_layout_are_remembered(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    page = _page(qtbot)
    page.task_table.selectRow(2)
    page.save_state(QSettings())
    again = TasksPage(FakeServices(), JobRunner(immediate=True), FakePrompts())
    qtbot.addWidget(again)
    again.restore_state(QSettings())
    again.set_period(make_period("2026H2"))
    assert again.selected_task_id() == 3


def test_a_suggested_assignment_is_confirmed_with_one_click(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    services = FakeServices()
    services.unit_rows = [replace(row, confirmed=False) for row in services.unit_rows]
    page = _page(qtbot, services)
    assert page.detail_panel.confirm_button.isVisible()
    page.detail_panel.confirm_button.click()
    assert services.called("confirm_assignments") == [((["A01-T001"],), {})]
    assert not page.detail_panel.confirm_button.isVisible()


def test_several_tasks_are_assigned_at_once_after_a_summary(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    page = _page(qtbot, services, prompts)
    page.task_table.selectAll()
    assert not page.bulk_bar.isHidden() and "3" in page.selection_label.text()
    page.assign_selected_button.click()
    dialog = page.assign_dialog
    assert dialog.lead_combo.currentIndex() == -1  # nothing chosen for the clerk
    dialog.lead_combo.setCurrentIndex(dialog.lead_combo.findData("区教育局"))
    dialog.co_list.findItems("区卫健委", Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Checked)
    dialog._on_ok_clicked()
    summary, = prompts.asked
    assert "3 tasks" in summary and "区教育局" in summary and "区卫健委" in summary
    assert services.called("assign_tasks") == [((["A01-T001", "A01-T002", "A02-T003"], "区教育局", ["区卫健委"]), {})]
    assert prompts.informations == ["3 tasks assigned."]


def test_declining_the_summary_assigns_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.confirm_answer = False
    page = _page(qtbot, services, prompts)
    page.task_table.selectAll()
    page.confirm_selected_button.click()
    assert prompts.asked and not services.called("confirm_assignments")


def test_confirming_all_suggestions_says_how_many_and_what_is_left(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.export_readiness import AssignmentCounts

    services, prompts = FakeServices(), FakePrompts()
    services.assignment_state = AssignmentCounts(unassigned=6, unconfirmed=129)
    page = _page(qtbot, services, prompts)
    page.confirm_all_button.click()
    question, = prompts.asked
    assert "129" in question and "6 tasks have no suggestion" in question
    assert services.called("confirm_all_suggestions") and "129" in prompts.informations[0]


def test_the_context_menu_offers_select_all_and_the_bulk_actions(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    page = _page(qtbot)
    page._on_task_table_context_menu(QPoint(5, 5))
    texts = [action.text() for action in page.context_menu.actions() if action.text()]
    assert texts == ["Select all", "Assign selected…", "Confirm suggestions of selected", "Confirm all suggestions…"]
    page.context_menu.actions()[0].trigger()
    assert len(page.selected_codes()) == 3
    page.context_menu.close()


def test_the_assign_dialog_lists_units_in_pinyin_order_and_refuses_no_lead(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.units import UnitSummary
    from hpdesk.ui.dialogs.assign_dialog import AssignDialog

    units = [UnitSummary(n, name, "department", "部门", (), (), 0, 0)
             for n, name in enumerate(["区卫健委", "区财政局", "区教育局", "北下街街道"], start=1)]
    dialog = AssignDialog(units, [], "A01-T001")
    qtbot.addWidget(dialog)
    names = [dialog.lead_combo.itemText(i) for i in range(dialog.lead_combo.count())]
    assert names == ["北下街街道", "区财政局", "区教育局", "区卫健委"]
    with qtbot.assertNotEmitted(dialog.assignment_chosen):
        dialog._on_ok_clicked()
    assert dialog.error_label.text()
    dialog.lead_combo.setEditText("区财政局")
    assert dialog.chosen() == ("区财政局", [])


def test_at_1024_by_768_the_task_list_shows_the_task_text_not_just_its_first_characters(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.ui.models.task_list_model import TaskListModel

    page = TasksPage(FakeServices(), JobRunner(immediate=True), FakePrompts())
    qtbot.addWidget(page)
    page.resize(906, 650)  # what the page gets in a 1024×768 window beside the section bar
    page.show()
    qtbot.waitExposed(page)
    page.set_period(make_period("2026H2"))
    navigator, listing, view = page.splitter.sizes()
    # A Chinese character is about as wide as a line is high (the offscreen test font has no CJK glyphs to measure):
    # room for some eight of them, where the fixed 220-pixel navigator left three ("建立健…").
    line = page.task_table.fontMetrics().height()
    assert page.task_table.horizontalHeader().sectionSize(TaskListModel.COLUMN_TASK) >= 6 * line
    assert navigator <= 200 and view >= 280  # the navigator's three tabs show; the task view keeps room to read


def test_a_wide_task_list_shows_the_whole_progress_and_a_narrow_one_names_it_on_hover(qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 1366 and 1440 pixels the column was fixed at 100 pixels: every "已报 3/4 · 通过 1 · 退回 1" read
    "已报 3/4 · …", hiding how many were approved or returned; the full text is on hover at any width."""
    from ui_fakes import make_task
    from hpdesk.ui.models.task_list_model import TaskListModel, progress_text

    services = FakeServices()
    services.tasks = [make_task(1, 1, units=4, handed_in=3, approved=1, returned=1), make_task(2, 1)]
    page = TasksPage(services, JobRunner(immediate=True), FakePrompts())
    qtbot.addWidget(page)
    page.resize(1264, 700)  # what the page gets in a 1366×768 window beside the section bar
    page.show()
    qtbot.waitExposed(page)
    page.set_period(make_period("2026H2"))
    longest = progress_text(services.tasks[0])
    header = page.task_table.horizontalHeader()
    needed = page.task_table.fontMetrics().horizontalAdvance(longest)
    assert header.sectionSize(TaskListModel.COLUMN_PROGRESS) >= needed
    progress = page.task_model.index(0, TaskListModel.COLUMN_PROGRESS)
    assert progress.data(Qt.ItemDataRole.ToolTipRole) == longest


def test_enter_in_the_unit_filter_goes_to_the_list_and_does_not_assign(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Enter after typing a filter pressed OK: the task was assigned (a suggestion confirmed) before the clerk had
    ticked the co-responsible unit they were looking for."""
    from hpdesk.services.task_detail import UnitReportRow
    from hpdesk.services.units import UnitSummary
    from hpdesk.ui.dialogs.assign_dialog import AssignDialog

    units = [UnitSummary(n, name, "department", "部门", (), (), 0, 0)
             for n, name in enumerate(["区卫健委", "区财政局", "区教育局"], start=1)]
    lead = UnitReportRow(1, "区卫健委", "lead", False, None, "not_started", "draft", "", 0, "", None, False)
    dialog = AssignDialog(units, [lead], "A01-T001")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.filter_edit.setFocus()
    dialog.filter_edit.setText("教育")
    with qtbot.assertNotEmitted(dialog.assignment_chosen):
        qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    current = dialog.co_list.currentItem()
    assert current is not None and current.text() == "区教育局"


def test_an_empty_task_list_says_why_and_how_to_see_the_citys_tasks(qtbot) -> None:  # type: ignore[no-untyped-def]
    """(4) 控烟行动 (0): the list was just empty, as if something had failed to load."""
    services = FakeServices()
    page = _page(qtbot, services)
    services.tasks = []
    page.reload_tasks()
    assert page.empty_label.isVisible() and "Untick" in page.empty_label.text()
    page.county_only_check.setChecked(False)
    assert page.empty_label.isVisible() and "Untick" not in page.empty_label.text()
    services.tasks = [make_task(1)]
    page.reload_tasks()
    assert not page.empty_label.isVisible()


def test_tab_leaves_the_task_list_for_the_task_view(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab moved from cell to cell of the task list (and of every list of records) and never left it: a keyboard
    user could not reach 分派单位… or 打开报告."""
    page = _page(qtbot)
    with qtbot.waitActive(page):
        page.activateWindow()
    page.task_table.setFocus()
    for _ in range(page.task_model.columnCount() + 1):
        qtbot.keyClick(page.focusWidget() or page.task_table, Qt.Key.Key_Tab)
    assert not page.task_table.hasFocus()
