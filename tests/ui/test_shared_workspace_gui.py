"""A shared workspace in the GUI (issue 17): the main window polls for other clerks' changes and re-reads what it shows,
names who is working in which role, offers a 填报 clerk no reviewer's action, manages clerks, and the report editor
refuses to overwrite another clerk's save (已被他人修改). Built with fake services; the poll is driven directly."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from hpdesk.domain.errors import UserError
from hpdesk.services.clerks import ChangeNotice, ClerkSummary
from hpdesk.ui.dialogs.clerks_dialog import ClerksDialog
from hpdesk.ui.dialogs.report_editor import ReportEditorDialog
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.main_window import SECTION_REVIEW, MainWindow
from hpdesk.ui.views.task_detail_panel import ReportTarget

from ui_fakes import FakePrompts, FakeServices, make_period

TODAY = date(2026, 11, 23)
URL = "postgresql://wang@192.168.10.5/hpdesk_guancheng"
REVIEWER = ClerkSummary("wang", "王芳", "reviewer", "审核", (), True)
FILLER = ClerkSummary("li", "李明", "filler", "填报", ("区教育局",), True)


def _notice(event_id: int, actor: str = "li", summary: str = "A01-T001 区教育局 2026H2：修改报告") -> ChangeNotice:
    return ChangeNotice(event_id, "2026-11-23T10:15:00+08:00", actor, "update", "report", "7", summary)


def _shared(clerk: ClerkSummary | None = REVIEWER) -> FakeServices:
    services = FakeServices()
    services.shared_url = URL
    services.clerk = clerk
    services.change_events = [_notice(1, "wang", "登记经办人 wang（审核）")]
    return services


def _window(qtbot, services: FakeServices, prompts: FakePrompts | None = None) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, JobRunner(immediate=True), prompts or FakePrompts(), today=TODAY)
    qtbot.addWidget(window)
    return window


def _counting_overview(services: FakeServices) -> list[int]:
    """Count the main window's state reads (office, overview, periods, clerk) by counting overview() calls."""
    reads: list[int] = []
    original = services.overview

    def overview():  # type: ignore[no-untyped-def]
        reads.append(1)
        return original()

    services.overview = overview  # type: ignore[method-assign]
    return reads


def test_a_workspace_on_one_pc_is_not_polled_and_names_no_clerk(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, FakeServices())
    assert not window.watcher.timer.isActive()
    assert window.watcher.token is None
    assert window.clerk_label.text() == ""
    assert not window.clerks_action.isVisible()


def test_a_shared_workspace_is_polled_and_names_the_clerk_and_role(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, _shared())
    assert window.watcher.timer.isActive()
    assert window.watcher.token == 1  # the first poll only takes the token
    assert "王芳" in window.clerk_label.text() and "reviewer" in window.clerk_label.text()
    assert window.clerk_label.toolTip() == URL
    assert window.clerks_action.isVisible() and window.clerks_action.isEnabled()
    assert window.changes_label.text() == ""


def test_another_clerks_change_refreshes_the_views_and_says_who_changed_what(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = _shared()
    window = _window(qtbot, services)
    reads = _counting_overview(services)
    window.watcher.poll()
    assert reads == []  # nothing moved: nothing re-read
    services.change_events.append(_notice(2))
    window.watcher.poll()
    assert reads == [1]
    assert window.watcher.token == 2
    assert "li" in window.changes_label.text() and "A01-T001 区教育局" in window.changes_label.text()
    services.change_events += [_notice(3, "zhao", "删除佐证：讲座照片"), _notice(4, "zhao", "锁定2026年下半年")]
    window.watcher.poll()
    assert "zhao" in window.changes_label.text() and "锁定2026年下半年" in window.changes_label.text()
    assert "1" in window.changes_label.text()  # and one more change, listed in the tooltip
    assert "删除佐证" in window.changes_label.toolTip()


def test_a_poll_does_not_show_the_window_as_busy(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, _shared())
    seen: list[bool] = []
    window.jobs.busy_changed.connect(seen.append)
    window.watcher.poll()
    assert seen == [] and not window.jobs.busy
    assert not window.busy_label.text()


def test_an_unreachable_server_is_said_once_in_the_status_bar_not_in_dialogs(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = _shared(), FakePrompts()
    window = _window(qtbot, services, prompts)

    def unreachable() -> int:
        raise UserError("database_unreachable", url=URL, detail="connection refused")

    services.change_token = unreachable  # type: ignore[method-assign]
    window.watcher.poll()
    window.watcher.poll()
    assert prompts.warnings == []
    assert window.changes_label.text()
    del services.change_token  # the class's answer again
    window.watcher.poll()
    assert window.changes_label.text() == ""


def test_a_filler_is_offered_no_export_review_decision_or_period_lock(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, _shared(FILLER))
    assert "李明" in window.clerk_label.text() and "filler" in window.clerk_label.text()
    assert not window.export_action.isEnabled()
    assert not window.clerks_action.isEnabled()
    window.show_section(SECTION_REVIEW)
    window.review_page.queue_table.selectRow(0)
    assert window.review_page.open_button.isEnabled()
    assert not window.review_page.approve_button.isEnabled() and not window.review_page.return_button.isEnabled()
    window.review_page.approve_selected()  # the A key
    assert not window.services.called("review")
    window.open_settings()
    calendar = window.settings_dialog.calendar_page
    calendar.load()
    calendar.period_table.selectRow(1)
    assert not calendar.lock_button.isEnabled() and not calendar.reopen_button.isEnabled()
    window.settings_dialog.reject()


def test_a_reviewer_is_offered_every_action(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, _shared(REVIEWER))
    assert window.export_action.isEnabled()
    window.show_section(SECTION_REVIEW)
    window.review_page.queue_table.selectRow(0)
    assert window.review_page.approve_button.isEnabled() and window.review_page.return_button.isEnabled()


def test_the_clerks_dialog_lists_adds_a_filler_with_units_and_removes_after_asking(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = _shared(), FakePrompts()
    services.clerk_list = [REVIEWER]
    dialog = ClerksDialog(services, JobRunner(immediate=True), prompts)
    qtbot.addWidget(dialog)
    dialog.load()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "王芳"
    dialog.login_edit.setText("li")
    dialog.name_edit.setText("李明")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("filler"))
    dialog.add_clerk()
    assert not services.called("add_clerk") and dialog.error_label.text()  # a filler without units
    dialog.units_list.item(0).setCheckState(dialog.units_list.item(0).checkState().Checked)
    dialog.add_clerk()
    assert services.called("add_clerk") == [(("li", "filler", (dialog.units_list.item(0).text(),), "李明"), {})]
    assert dialog.table.rowCount() == 2 and dialog.login_edit.text() == ""
    dialog.table.selectRow(1)
    prompts.confirm_answer = False
    dialog.remove_selected()
    assert not services.called("remove_clerk")
    prompts.confirm_answer = True
    dialog.remove_selected()
    assert services.called("remove_clerk") == [(("li",), {})] and dialog.table.rowCount() == 1


def test_a_refused_clerk_change_is_shown_in_the_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = _shared()
    services.failures["add_clerk"] = UserError("clerk_exists", login="wang")
    dialog = ClerksDialog(services, JobRunner(immediate=True), FakePrompts())
    qtbot.addWidget(dialog)
    dialog.load()
    assert dialog.role_combo.currentData() == "reviewer"  # the first clerk must be a reviewer
    dialog.login_edit.setText("wang")
    dialog.add_clerk()
    assert "wang" in dialog.error_label.text() and "已登记" in dialog.error_label.text()


# --- the report editor: 已被他人修改 -------------------------------------------------------------------------------

TARGET = ReportTarget(1, "A01-T001", "开展第1项健康教育工作", "区卫健委", "lead", "2026H2")


def _editor(qtbot, services: FakeServices, prompts: FakePrompts, *, may_review: bool = True) -> ReportEditorDialog:  # type: ignore[no-untyped-def]
    editor = ReportEditorDialog(services, JobRunner(immediate=True), prompts, TARGET, make_period("2026H2", "open"),
                                may_review=may_review)
    qtbot.addWidget(editor)
    return editor


def test_a_shared_save_carries_the_version_the_clerk_loaded(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = _shared(), FakePrompts()
    assert services.stored_report is not None
    services.stored_report = replace(services.stored_report, version=4)
    editor = _editor(qtbot, services, prompts)
    editor.narrative_edit.setPlainText("召开推进会2次。")
    editor.save()
    assert [args[0] for args, _ in services.called("save_report_seen")] == [4]
    editor.narrative_edit.setPlainText("召开推进会3次。")
    editor.save()  # the version its own save produced, not a refusal of its own change
    assert [args[0] for args, _ in services.called("save_report_seen")] == [4, 5]
    assert prompts.warnings == []


def test_a_save_over_another_clerks_change_is_refused_named_and_reloaded(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = _shared(), FakePrompts()
    assert services.stored_report is not None
    services.stored_report = replace(services.stored_report, version=4)
    editor = _editor(qtbot, services, prompts)
    # another clerk saves the same report while this one edits it
    services.stored_report = replace(services.stored_report, version=5, narrative="李明写的进展。", filled_by="li")
    editor.narrative_edit.setPlainText("我的修改。")
    editor.save()
    assert len(prompts.warnings) == 1
    assert "已被他人修改" in prompts.warnings[0] and "li" in prompts.warnings[0] and "工作进展" in prompts.warnings[0]
    assert not services.called("save_report")  # nothing overwritten
    assert editor.narrative_edit.toPlainText() == "李明写的进展。" and not editor.isWindowModified()
    assert editor.version == 5
    editor.narrative_edit.setPlainText("核对后再保存。")
    editor.save()
    assert [args[0] for args, _ in services.called("save_report_seen")] == [4, 5]
    assert len(prompts.warnings) == 1


def test_on_one_pc_the_editor_saves_without_a_version(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    editor = _editor(qtbot, services, FakePrompts())
    editor.narrative_edit.setPlainText("召开推进会2次。")
    editor.save()
    assert services.called("save_report") and not services.called("save_report_seen")


def test_a_filler_is_not_offered_to_return_an_approved_report(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = _shared(FILLER)
    assert services.stored_report is not None
    services.stored_report = replace(services.stored_report, review_state="approved")
    editor = _editor(qtbot, services, FakePrompts(), may_review=False)
    assert editor.approved_frame.isVisibleTo(editor) and not editor.return_button.isEnabled()
    reviewer_editor = _editor(qtbot, services, FakePrompts())
    assert reviewer_editor.return_button.isEnabled()


# --- the first-run wizard's advanced option: join a shared office database -----------------------------------------

def _first_run(qtbot, services: FakeServices, prompts: FakePrompts):  # type: ignore[no-untyped-def]
    from hpdesk.ui.dialogs.first_run_wizard import FirstRunWizard

    services.office_profile = None
    wizard = FirstRunWizard(services, JobRunner(immediate=True), prompts, today=TODAY)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def test_the_first_run_wizard_joins_a_shared_database_and_closes(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.folder = tmp_path / "share"
    wizard = _first_run(qtbot, services, prompts)
    wizard.office_page.region_edit.setText("管城回族区")
    wizard.office_page.office_edit.setText("管城回族区卫生健康委员会")
    wizard.office_page.join_button.click()
    dialog = wizard.join_dialog
    dialog.join()
    assert "address" in dialog.error_label.text() and not services.called("join_shared_database")
    dialog.url_edit.setText(URL)
    dialog.password_edit.setText("s3cret")
    dialog.choose_button.click()
    assert dialog.folder_edit.text() == str(tmp_path / "share")
    with qtbot.waitSignal(wizard.completed, timeout=1000):
        dialog.join()
    assert services.called("join_shared_database") == [
        ((URL, "s3cret", tmp_path / "share", "管城回族区", "管城回族区卫生健康委员会", "county"), {})]
    assert not wizard.isVisible() and not services.called("set_up_first_run")


def test_a_refused_join_is_explained_in_the_dialog_and_the_wizard_stays(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    services.failures["join_shared_database"] = UserError("database_unreachable", url=URL, detail="timeout")
    wizard = _first_run(qtbot, services, prompts)
    wizard.office_page.join_button.click()
    dialog = wizard.join_dialog
    dialog.url_edit.setText(URL)
    dialog.folder_edit.setText(str(tmp_path / "share"))
    dialog.join()
    assert "无法连接共享数据库" in dialog.error_label.text() and dialog.isVisible() and dialog.isEnabled()
    assert wizard.isVisible() and services.shared_database() is None
