"""The two fill-in form dialogs: sending forms to the chosen units, and importing the returned ones with the diff,
row by row."""

from __future__ import annotations

from pathlib import Path

from hpdesk.domain.messages import Message
from hpdesk.services.forms import FormsAnalysis
from hpdesk.services.forms.preview import FieldChange, FormPreview, RowPreview
from hpdesk.ui.dialogs.forms_import_dialog import FormsImportDialog
from hpdesk.ui.dialogs.send_forms_dialog import SendFormsDialog
from hpdesk.ui.jobs import JobRunner
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ui_fakes import FakePrompts, FakeServices, make_period


def _analysis(tmp_path: Path) -> FormsAnalysis:
    rows = (
        RowPreview(5, "RKEY1", "A01-T001", "开展健康知识进机关活动", 1, None, "new",
                   changes=(FieldChange("narrative", "工作开展情况", "", "开展讲座3场"),),
                   evidence_missing=("现场照片.jpg",)),
        RowPreview(6, "RKEY2", "A01-T002", "中小学开设健康教育课程", 2, 9, "changed",
                   changes=(FieldChange("status", "完成情况", "推进中", "已完成"),),
                   locked_changes=(FieldChange("task_text", "任务内容", "中小学开设健康教育课程", "改过的任务"),),
                   problems=(Message.of("form_locked_text_changed", fields="任务内容"),)),
        RowPreview(7, "RKEY3", "A02-T001", "", 0, None, "blocked",
                   problems=(Message.of("form_row_not_units_task", row=7, task="A02-T001", unit="北下街街道",
                                        cell="B7"),)),
    )
    preview = FormPreview("北下街街道-填报表.xlsx", str(tmp_path / "a.xlsx"), "0" * 64, "id", "1A2B3C4D", "北下街街道",
                          "2026H2", "2026年下半年", rows)
    return FormsAnalysis((preview,), str(tmp_path / "scratch"))


def test_forms_go_to_the_checked_units_and_the_dialog_names_who_got_one(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    periods = [make_period("2026H1"), make_period("2026H2")]
    dialog = SendFormsDialog(services, JobRunner(immediate=True), FakePrompts(), periods, periods[1])
    qtbot.addWidget(dialog)
    dialog.load_units()
    assert dialog.unit_list.count() == 3 and dialog.chosen_units() == ["区卫健委", "北下街街道"]
    assert not dialog.unit_list.item(2).flags() & Qt.ItemFlag.ItemIsEnabled  # nothing to report: no form
    dialog.none_button.click()
    dialog.unit_list.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.folder_edit.setText(str(tmp_path))
    dialog.send_button.click()
    (args, _kwargs), = services.called("export_forms")
    assert args[:4] == ("2026H2", tmp_path, ["北下街街道"], False)
    assert "北下街街道" in dialog.result_label.text() and "区民政局" in dialog.result_label.text()


def test_the_import_dialog_shows_each_rows_changes_and_imports_the_checked_rows(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    services.forms_analysis = _analysis(tmp_path)
    prompts = FakePrompts()
    dialog = FormsImportDialog(services, JobRunner(immediate=True), prompts, period_label="2026H2")
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path / "a.xlsx"])
    head = dialog.tree.topLevelItem(0)
    new, consent, blocked = head.child(0), head.child(1), head.child(2)
    assert new.checkState(0) == Qt.CheckState.Checked and new.child(0).text(3).endswith("→ 开展讲座3场")
    assert consent.checkState(0) == Qt.CheckState.Unchecked  # the unit changed the city's text: the clerk decides
    assert "改过的任务" in consent.child(1).text(3)
    assert not blocked.flags() & Qt.ItemFlag.ItemIsUserCheckable and "A02-T001" in blocked.child(0).text(3)
    assert "现场照片.jpg" in new.child(1).text(1)
    consent.setCheckState(0, Qt.CheckState.Checked)
    dialog.import_button.click()
    (args, _kwargs), = services.called("apply_forms")
    assert args[1] == {str(tmp_path / "a.xlsx"): {"RKEY1", "RKEY2"}}
    assert "1 new and 1 changed" in prompts.informations[0] or "新增 1" in prompts.informations[0]


def test_files_dropped_on_the_import_dialog_are_analysed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    services.forms_analysis = _analysis(tmp_path)
    dialog = FormsImportDialog(services, JobRunner(immediate=True), FakePrompts())
    qtbot.addWidget(dialog)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "回传"))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    dialog.dropEvent(event)
    (args, _kwargs), = services.called("analyse_forms")
    assert args[0] == [tmp_path / "回传"] and dialog.tree.topLevelItemCount() == 1


def test_a_refused_file_is_reported_and_dropped_from_the_list(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.domain.errors import UserError

    services, prompts = FakeServices(), FakePrompts()
    services.failures["analyse_forms"] = UserError("form_not_a_form", file="回执.xlsx", sheet="Sheet1")
    dialog = FormsImportDialog(services, JobRunner(immediate=True), prompts)
    qtbot.addWidget(dialog)
    dialog.add_paths([tmp_path / "回执.xlsx"])
    assert "回执.xlsx" in prompts.warnings[0] and dialog.paths == [] and not dialog.import_button.isEnabled()


def test_an_empty_value_in_the_diff_reads_chinese_in_the_chinese_ui(qtbot, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A new report's fields showed "(empty) → 已完成": the dialog's "(empty)" had no Chinese entry."""
    from PySide6.QtCore import QCoreApplication

    from hpdesk.ui.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        services = FakeServices()
        services.forms_analysis = _analysis(tmp_path)
        dialog = FormsImportDialog(services, JobRunner(immediate=True), FakePrompts(), period_label="2026H2",
                                   language="zh_CN")
        qtbot.addWidget(dialog)
        dialog.add_paths([tmp_path / "a.xlsx"])
        first_change = dialog.tree.topLevelItem(0).child(0).child(0).text(3)
        assert first_change == "（未填写） → 开展讲座3场"
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
