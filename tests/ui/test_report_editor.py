"""The report editor: loads the unit's report, saves through the service, never loses unsaved changes silently,
takes files by drag-and-drop or a dialog, and opens a file with the system viewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from hpdesk.domain.reporting import Figure, parse_figure
from hpdesk.ui.dialogs.evidence_details_dialog import EvidenceDetails
from hpdesk.ui.dialogs.report_editor import CANCELLED, CLOSED, ReportEditorDialog
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.views.task_detail_panel import ReportTarget

from ui_fakes import FakePrompts, FakeServices, make_period

TARGET = ReportTarget(1, "A01-T001", "开展第1项健康教育工作", "区卫健委", "lead", "2026H2")


def _editor(qtbot, services: FakeServices | None = None, prompts: FakePrompts | None = None,  # type: ignore[no-untyped-def]
            state: str = "open") -> ReportEditorDialog:
    editor = ReportEditorDialog(services or FakeServices(), JobRunner(immediate=True), prompts or FakePrompts(),
                                TARGET, make_period("2026H2", state))
    qtbot.addWidget(editor)
    return editor


def _type_into_the_first_figures_value(qtbot, editor: ReportEditorDialog, text: str):  # type: ignore[no-untyped-def]
    """Show and activate the editor (shortcuts reach only the active window), open the first figure's value cell
    and type `text` over it without leaving the cell; returns the cell's editor."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    editor.show()
    with qtbot.waitActive(editor):
        editor.activateWindow()
    value = editor.figures_model.index(0, 1)
    editor.figures_table.setCurrentIndex(value)
    editor.figures_table.edit(value)
    cell_editor = QApplication.focusWidget()
    assert isinstance(cell_editor, QLineEdit)
    cell_editor.selectAll()
    qtbot.keyClicks(cell_editor, text)
    return cell_editor


def test_the_saved_report_is_loaded_and_nothing_is_unsaved(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    assert editor.narrative_edit.toPlainText() == "召开推进会1次，开展讲座3场。"
    assert editor.status_combo.currentData() == "in_progress"
    assert editor.figures_model.rowCount() == 1
    assert editor.evidence_model.rowCount() == 1
    assert not editor.isWindowModified()


def test_save_sends_every_field_and_clears_the_unsaved_mark(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    editor = _editor(qtbot, services)
    editor.show()
    with qtbot.waitActive(editor):  # shortcuts only reach the active window
        editor.activateWindow()
    editor.narrative_edit.setPlainText("召开推进会2次。")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("done"))
    assert editor.isWindowModified() and editor.dirty_label.text()
    with qtbot.waitSignal(editor.saved, timeout=1000):
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (args, kwargs), = services.called("save_report")
    assert args == ("A01-T001", "区卫健委", "2026H2")
    changes = kwargs["changes"]
    assert changes.narrative == "召开推进会2次。" and changes.status == "done" and kwargs["reason"] == ""
    assert changes.figures == (Figure("讲座", 3, "场"),)
    assert not editor.isWindowModified()


def test_a_new_report_is_filled_by_the_units_last_filler_never_the_login_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    services.stored_report = None
    services.last_filler = {"区卫健委": "王芳"}
    editor = _editor(qtbot, services)
    assert editor.filled_by_edit.text() == "王芳" and services.actor not in editor.filled_by_edit.text()


def test_without_a_known_filler_the_name_is_empty_and_required(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    services.stored_report = None
    editor = _editor(qtbot, services, prompts)
    assert editor.filled_by_edit.text() == ""
    editor.narrative_edit.setPlainText("召开推进会2次。")
    assert editor.save() is False and not services.called("save_report")
    assert prompts.warnings and "who filled in" in prompts.warnings[0]
    editor.filled_by_edit.setText("李四")
    assert editor.save() is True and services.called("save_report")[0][1]["changes"].filled_by == "李四"


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_editor_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    prompts = FakePrompts()
    prompts.unsaved_answer = "cancel"
    editor = _editor(qtbot, prompts=prompts)
    editor.show()
    editor.problems_edit.setPlainText("新的问题")
    editor.reject()  # Esc, Close and the window's × all come here
    assert editor.isVisible() and prompts.asked
    assert editor.request_close() == CANCELLED


def test_closing_with_save_saves_first_then_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.unsaved_answer = "save"
    editor = _editor(qtbot, services, prompts)
    editor.show()
    editor.next_steps_edit.setPlainText("下一步")
    editor.reject()
    assert services.called("save_report") and not editor.isVisible()


def test_discarding_closes_without_saving(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    editor = _editor(qtbot, services, prompts)
    editor.show()
    editor.next_steps_edit.setPlainText("下一步")
    assert editor.request_close() == CLOSED
    assert not services.called("save_report") and not editor.isVisible()


def test_a_locked_period_asks_for_the_reason_and_sends_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.text_answers = ["补充遗漏的数据"]
    editor = _editor(qtbot, services, prompts, state="locked")
    editor.narrative_edit.setPlainText("补充")
    editor.save()
    (_args, kwargs), = services.called("save_report")
    assert kwargs["reason"] == "补充遗漏的数据"


def test_a_locked_period_without_a_reason_saves_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    editor = _editor(qtbot, services, state="locked")
    editor.narrative_edit.setPlainText("补充")
    assert editor.save() is False and not services.called("save_report")


def test_a_locked_period_with_an_empty_reason_says_why_nothing_was_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    """OK on the reason prompt with nothing typed: nothing was saved and nothing was said."""
    services, prompts = FakeServices(), FakePrompts()
    prompts.text_answers = [" "]
    editor = _editor(qtbot, services, prompts, state="locked")
    editor.narrative_edit.setPlainText("补充")
    assert editor.save() is False and not services.called("save_report")
    assert prompts.warnings and "locked" in prompts.warnings[0] and editor.isWindowModified()


def test_a_figure_that_is_no_number_is_named_and_nothing_is_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    editor = _editor(qtbot, services, prompts)
    editor.figures_model.setData(editor.figures_model.index(0, 1), "三场")
    editor.save()
    assert not services.called("save_report") and "讲座" in prompts.warnings[0]


def test_ctrl_s_while_typing_a_figure_saves_what_was_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+S moves no focus, so the open cell editor had not handed its text to the model: the clerk typed 5 and
    was told the figure "is not a number" (an empty new row) or had the old 3 saved."""
    services = FakeServices()
    editor = _editor(qtbot, services)
    cell_editor = _type_into_the_first_figures_value(qtbot, editor, "5")
    with qtbot.waitSignal(editor.saved, timeout=1000):
        qtbot.keyClick(cell_editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    (_args, kwargs), = services.called("save_report")
    assert kwargs["changes"].figures == (Figure("讲座", 5, "场"),)
    assert not editor.isWindowModified()


@pytest.mark.parametrize("text", ["覆盖率=约95.5%", "投入资金=3,000万元", "培训人数＝120人", "场次=3"])
def test_the_editor_takes_every_figure_the_cli_takes(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    editor = _editor(qtbot, services)
    name, _, number = text.replace("＝", "=").partition("=")
    editor.figures_model.setData(editor.figures_model.index(0, 0), name)
    editor.figures_model.setData(editor.figures_model.index(0, 1), number)
    editor.figures_model.setData(editor.figures_model.index(0, 2), "")
    assert editor.save() is True
    (_args, kwargs), = services.called("save_report")
    assert kwargs["changes"].figures == (parse_figure(text),)


def test_submit_saves_unsaved_changes_then_hands_the_report_in(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    editor = _editor(qtbot, services)
    editor.narrative_edit.setPlainText("已完成")
    editor.submit_button.click()
    assert [call for call, _args, _kwargs in services.calls] == ["save_report", "review"]
    assert services.called("review")[0][0][3] == "submit"
    assert editor.review_state == "submitted" and not editor.submit_button.isEnabled()


def test_dropped_files_become_evidence_after_the_clerk_describes_them(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.evidence_answer = EvidenceDetails("photo", "健康讲座现场")
    photo = tmp_path / "讲座.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0")
    editor = _editor(qtbot, services, prompts)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(editor.saved, timeout=1000):
        editor.evidence_view.dropEvent(drop)
    (args, kwargs), = services.called("add_evidence")
    assert args[3] == [photo] and kwargs["kind"] == "photo" and kwargs["title"] == "健康讲座现场"
    assert editor.evidence_model.evidence_count() == 2


def test_the_file_dialog_adds_files_too_and_cancelling_the_details_adds_nothing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.evidence_files = [tmp_path / "方案.pdf"]
    prompts.evidence_answer = None
    editor = _editor(qtbot, services, prompts)
    editor.add_files_button.click()
    assert prompts.asked == ["evidence details"] and not services.called("add_evidence")


def test_double_clicking_a_file_opens_it_with_the_system_viewer(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    editor = _editor(qtbot, services, prompts)
    editor.evidence_view.doubleClicked.emit(editor.evidence_model.index(0, 0))
    assert prompts.opened == [services.workspace_root / "现场照片1.jpg"]


def test_enter_on_a_file_opens_it_with_the_system_viewer(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Only a double-click opened a file; a keyboard user had no way to look at the evidence."""
    services, prompts = FakeServices(), FakePrompts()
    editor = _editor(qtbot, services, prompts)
    editor.show()
    with qtbot.waitActive(editor):
        editor.activateWindow()
    editor.evidence_view.setFocus()
    editor.evidence_view.setCurrentIndex(editor.evidence_model.index(0, 0))
    qtbot.keyClick(editor.evidence_view, Qt.Key.Key_Return)
    assert prompts.opened == [services.workspace_root / "现场照片1.jpg"]


def test_removing_evidence_asks_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    editor = _editor(qtbot, services, prompts)
    editor.evidence_view.setCurrentIndex(editor.evidence_model.index(0, 0))
    editor.remove_evidence_button.click()
    assert services.called("remove_evidence") == [((1, ""), {})]
    assert editor.evidence_model.rowCount() == 0


def test_tab_walks_the_form_from_top_to_bottom(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    editor = _editor(qtbot)
    editor.show()
    with qtbot.waitActive(editor):
        editor.activateWindow()
    editor.status_combo.setFocus()
    seen = []
    for _step in range(12):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    order = [editor.status_combo, editor.narrative_edit, editor.figures_table, editor.problems_edit,
             editor.next_steps_edit, editor.filled_by_edit, editor.evidence_view]
    positions = [seen.index(widget) for widget in order]
    assert positions == sorted(positions)


def test_an_approved_report_is_read_only_and_offers_only_returning_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.ui.jobs import JobRunner as _Runner  # noqa: F401 - the editor runs its jobs at once here
    from ui_fakes import make_report

    services, prompts = FakeServices(), FakePrompts()
    services.stored_report = make_report(1, state="approved")
    editor = _editor(qtbot, services, prompts)
    assert not editor.approved_frame.isHidden()
    assert editor.narrative_edit.isReadOnly() and editor.filled_by_edit.isReadOnly()
    assert not editor.status_combo.isEnabled() and not editor.save_button.isEnabled()
    assert not editor.add_files_button.isEnabled() and not editor.submit_button.isEnabled()
    prompts.text_answers = ["请补充活动照片"]
    editor.return_button.click()
    (args, _kwargs), = services.called("review")
    assert args[3:5] == ("return", "请补充活动照片")
    assert editor.approved_frame.isHidden() and not editor.narrative_edit.isReadOnly()
    assert editor.save_button.isEnabled()


def test_returning_an_approved_report_without_a_comment_says_why(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui_fakes import make_report

    services, prompts = FakeServices(), FakePrompts()
    services.stored_report = make_report(1, state="approved")
    editor = _editor(qtbot, services, prompts)
    prompts.text_answers = [""]
    editor.return_button.click()
    assert not services.called("review") and "needs a comment" in prompts.warnings[0]
    assert editor.narrative_edit.isReadOnly()


def test_submitting_done_without_evidence_warns_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    services.stored_evidence = []
    prompts.confirm_answer = False
    editor = _editor(qtbot, services, prompts)
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("done"))
    editor.submit_button.click()
    assert prompts.asked and "no evidence" in prompts.asked[0] and not services.called("review")
    prompts.confirm_answer = True
    editor.submit_button.click()
    assert services.called("review")


def _add_files(qtbot, services: FakeServices, prompts: FakePrompts, tmp_path: Path,  # type: ignore[no-untyped-def]
               names: tuple[str, ...] = ("IMG_0012.jpg", "IMG_0013.jpg", "IMG_0014.jpg")) -> list[Path]:
    """Make files called `names` and add them in one batch through the editor, waiting until it has saved."""
    files = [tmp_path / name for name in names]
    for path in files:
        path.write_bytes(b"x")
    editor = _editor(qtbot, services, prompts)
    with qtbot.waitSignal(editor.saved, timeout=1000):
        editor.add_files(files)
    return files


def test_several_dropped_files_become_one_item_each_with_their_own_kind_and_title(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    files = _add_files(qtbot, services, prompts, tmp_path, ("IMG_0012.jpg", "关于开展讲座的通知.pdf", "推进会会议纪要.docx"))
    assert prompts.asked == ["evidence batch"]
    added = [(args[3], kwargs["kind"], kwargs["title"]) for args, kwargs in services.called("add_evidence")]
    assert added == [([files[0]], "photo", "现场照片"), ([files[1]], "document", "关于开展讲座的通知"),
                     ([files[2]], "minutes", "推进会会议纪要")]


def test_stored_evidence_details_can_be_edited_afterwards(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.evidence_answer = EvidenceDetails("minutes", "推进会会议纪要")
    editor = _editor(qtbot, services, prompts)
    editor.evidence_view.setCurrentIndex(editor.evidence_model.index(0, 0))
    editor.edit_evidence_button.click()
    (args, kwargs), = services.called("update_evidence")
    assert args == (1,) and (kwargs["kind"], kwargs["title"]) == ("minutes", "推进会会议纪要")
    assert services.stored_evidence[0].title == "推进会会议纪要"


def test_the_batch_dialog_gives_one_group_per_file_or_one_for_all(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.evidence_suggestions import suggest_for_files
    from hpdesk.ui.dialogs.evidence_batch_dialog import COLUMN_TITLE, EvidenceBatchDialog

    files = [tmp_path / "讲座1.jpg", tmp_path / "讲座2.jpg"]
    dialog = EvidenceBatchDialog(suggest_for_files(files))
    qtbot.addWidget(dialog)
    assert [(group_files, details.title) for group_files, details in dialog.groups()] == [
        ([files[0]], "讲座1"), ([files[1]], "讲座2")]
    dialog.table.cellWidget(0, COLUMN_TITLE).setText("健康讲座现场照片")
    dialog.together_check.setChecked(True)
    (group_files, details), = dialog.groups()
    assert group_files == files and details.title == "健康讲座现场照片" and details.kind == "photo"
    dialog.table.cellWidget(0, COLUMN_TITLE).setText("")
    dialog._on_ok_clicked()
    assert dialog.error_label.text() and dialog.result() == 0


def test_the_figures_table_shows_four_rows(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot)
    table = editor.figures_table
    assert table.height() >= table.horizontalHeader().sizeHint().height() + 4 * table.verticalHeader().defaultSectionSize()


def test_the_editor_fits_the_screen_so_its_buttons_are_never_off_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication

    editor = _editor(qtbot)
    free = QGuiApplication.primaryScreen().availableGeometry()  # 800×800 offscreen: narrower than the 1100 it wants
    assert editor.width() <= free.width() and editor.height() <= free.height()


def test_tab_leaves_the_evidence_description_instead_of_typing_into_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab in 说明 typed a tab character (kept in the packet's evidence index) and never reached OK."""
    from hpdesk.ui.dialogs.evidence_details_dialog import EvidenceDetailsDialog

    dialog = EvidenceDetailsDialog([Path("讲座.jpg")], EvidenceDetails("photo", "健康讲座现场"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.description_edit.setFocus()
    qtbot.keyClick(dialog.description_edit, Qt.Key.Key_Tab)
    assert dialog.description_edit.toPlainText() == ""
    assert not dialog.description_edit.hasFocus() or not dialog.isActiveWindow()
    assert dialog.description_edit.tabChangesFocus()


def test_several_files_fill_one_progress_bar_instead_of_one_bar_per_file(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Forty photos showed "100%" forty times (each file's own bytes of its own total): the bar said done at the
    first photo. One bar runs over all the files' bytes."""
    from hpdesk.services.progress import LatestProgress
    from hpdesk.ui import progress_dialog

    updates: list[tuple[int, int]] = []

    class RecordingProgress(LatestProgress):
        def update(self, done: int, total: int, message=None) -> None:  # type: ignore[no-untyped-def]
            updates.append((done, total))
            super().update(done, total, message)

    class BytesReportingServices(FakeServices):
        def add_evidence(self, task_code, unit, period_label, files, **details):  # type: ignore[no-untyped-def]
            size = sum(path.stat().st_size for path in files)
            details["progress"].update(0, size, None)
            details["progress"].update(size, size, None)
            return super().add_evidence(task_code, unit, period_label, files, **details)

    monkeypatch.setattr(progress_dialog, "LatestProgress", RecordingProgress)
    files = [tmp_path / "IMG_0012.jpg", tmp_path / "IMG_0013.jpg"]
    files[0].write_bytes(b"x" * 300)
    files[1].write_bytes(b"x" * 100)
    editor = _editor(qtbot, BytesReportingServices(), FakePrompts())
    with qtbot.waitSignal(editor.saved, timeout=1000):
        editor.add_files(files)
    dones = [done for done, _total in updates]
    assert {total for _done, total in updates} == {400}
    assert dones == sorted(dones) and dones[-1] == 400


def test_cancel_between_files_says_how_many_were_added_not_that_nothing_changed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Cancel at the 17th of 40 photos: 16 were stored (each file is its own piece of evidence), and the editor said
    "操作已取消，未作任何改动". It names what was added and what was not."""
    class CancelAfterTheFirst(FakeServices):
        def add_evidence(self, task_code, unit, period_label, files, **details):  # type: ignore[no-untyped-def]
            details["cancel"].raise_if_cancelled()
            result = super().add_evidence(task_code, unit, period_label, files, **details)
            details["cancel"].cancel()  # the clerk presses Cancel while the first file is stored
            return result

    services, prompts = CancelAfterTheFirst(), FakePrompts()
    _add_files(qtbot, services, prompts, tmp_path)
    assert not prompts.warnings
    assert len(services.called("add_evidence")) == 1
    assert prompts.informations and "1" in prompts.informations[-1] and "2" in prompts.informations[-1]


def test_a_refusal_between_files_says_how_many_were_added_and_why_the_rest_were_not(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The second of three files refused (a file changed while copied, say) after the first was stored: the editor
    said only the refusal, as if nothing had been added."""
    from hpdesk.domain.errors import UserError

    class RefuseTheSecond(FakeServices):
        def add_evidence(self, task_code, unit, period_label, files, **details):  # type: ignore[no-untyped-def]
            if self.called("add_evidence"):
                raise UserError("evidence_file_missing", file=str(files[0].name))
            return super().add_evidence(task_code, unit, period_label, files, **details)

    services, prompts = RefuseTheSecond(), FakePrompts()
    _add_files(qtbot, services, prompts, tmp_path)
    assert len(prompts.warnings) == 1
    warning = prompts.warnings[-1]
    assert "1" in warning and "2" in warning and "IMG_0013.jpg" in warning, warning


def test_closing_while_a_figure_is_still_being_typed_asks_before_dropping_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The window's × with a figure cell still open: the typed number was not in the model yet, so nothing counted
    as unsaved and the editor closed without a question."""
    prompts = FakePrompts()
    prompts.unsaved_answer = "cancel"
    editor = _editor(qtbot, FakeServices(), prompts)
    _type_into_the_first_figures_value(qtbot, editor, "5")
    assert editor.request_close() == CANCELLED
    assert prompts.asked and editor.isVisible()


def test_edit_and_remove_evidence_are_offered_only_while_one_is_selected(qtbot) -> None:  # type: ignore[no-untyped-def]
    """With nothing selected, 修改信息… and 删除佐证 looked ready and did nothing when pressed."""
    editor = _editor(qtbot)
    assert not editor.edit_evidence_button.isEnabled() and not editor.remove_evidence_button.isEnabled()
    editor.evidence_view.setCurrentIndex(editor.evidence_model.index(0, 0))
    assert editor.edit_evidence_button.isEnabled() and editor.remove_evidence_button.isEnabled()
