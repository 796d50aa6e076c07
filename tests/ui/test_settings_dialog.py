"""Settings: office profile, units with aliases and counterparts, the calendar, the signing identity, the language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings

from hpdesk.services.workspace import OfficeChanges
from hpdesk.ui.dialogs.settings_dialog import (
    PAGE_CALENDAR, PAGE_IDENTITY, PAGE_LANGUAGE, PAGE_UNITS, SettingsDialog,
)
from hpdesk.ui.jobs import JobRunner

from ui_fakes import FakePrompts, FakeServices


def _dialog(qtbot, services: FakeServices, prompts: FakePrompts | None = None) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(services, JobRunner(immediate=True), prompts or FakePrompts(), "zh_CN",
                            today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    return dialog


def test_the_office_page_shows_the_profile_and_saves_only_what_changed(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    dialog = _dialog(qtbot, services)
    page = dialog.office_page
    assert page.name_edit.text() == "管城回族区卫生健康委员会"
    page.addressee_edit.setText("郑州市健康城市建设推进委员会办公室")
    page.save_button.click()
    assert services.called("update_office") == [((OfficeChanges(addressee="郑州市健康城市建设推进委员会办公室"),), {})]


def test_an_office_needs_a_region_and_a_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    dialog = _dialog(qtbot, services, prompts)
    page = dialog.office_page
    page.name_edit.clear()
    page.save_button.click()
    assert prompts.warnings and not services.called("update_office")


def test_units_are_listed_and_an_edit_sends_only_the_differences(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    dialog = _dialog(qtbot, services)
    dialog.show_page(PAGE_UNITS)
    page = dialog.units_page
    assert page.unit_model.rowCount() == 2
    page.unit_table.selectRow(1)
    page.edit_button.click()
    editor = page.edit_dialog
    editor.aliases_edit.setPlainText("区教体局\n区教育体育局")
    editor.counterparts_edit.setPlainText("")
    editor._on_ok_clicked()
    (args, changes), = services.called("update_unit")
    assert args == ("区教育局",)
    assert changes["add_aliases"] == ["区教育体育局"] and changes["remove_counterparts"] == ["市教育局"]
    assert changes["new_name"] is None and changes["remove_aliases"] == []


def test_edit_without_a_selected_unit_says_to_select_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    """修改… with no unit selected did nothing and said nothing (合并到… already said why)."""
    services, prompts = FakeServices(), FakePrompts()
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_UNITS)
    page = dialog.units_page
    page.unit_table.clearSelection()
    page.edit_button.click()
    assert prompts.informations and "Select the unit" in prompts.informations[0]


def test_a_new_unit_takes_aliases_separated_by_commas_or_lines(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    dialog = _dialog(qtbot, services)
    dialog.show_page(PAGE_UNITS)
    dialog.units_page.add_button.click()
    editor = dialog.units_page.edit_dialog
    editor.name_edit.setText("南关街道")
    editor.type_combo.setCurrentIndex(editor.type_combo.findData("street"))
    editor.aliases_edit.setPlainText("南关街道办事处、南关办")
    editor._on_ok_clicked()
    assert services.called("add_unit") == [(("南关街道", "street", ["南关街道办事处", "南关办"], []), {})]
    assert dialog.units_page.unit_model.rowCount() == 3
    assert dialog.units_page.selected_unit().name == "南关街道"  # selected and scrolled to, not out of sight


def test_no_other_citys_example_is_shown_once_the_office_is_set(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, FakeServices())
    assert "郑州" not in dialog.office_page.addressee_edit.placeholderText()


def test_the_calendar_keeps_due_dates_and_creates_and_locks_periods(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_CALENDAR)
    page = dialog.calendar_page
    assert page.first_half_edit.value() == (6, 15)
    page.first_half_edit.set_value((6, 30))
    page.save_cadence_button.click()
    assert services.cadence_value.semiannual_due[0] == (6, 30)
    page.year_spin.setValue(2027)
    page.create_button.click()
    assert services.called("create_periods") == [((2027, 2027, "semiannual"), {})]
    page.period_table.selectRow(1)
    assert page.lock_button.isEnabled() and not page.reopen_button.isEnabled()
    page.lock_button.click()
    assert services.called("set_period_state") == [(("2026H2", "locked", ""), {})]


def _reopen_the_first_period(qtbot, reason: str) -> tuple[FakeServices, FakePrompts]:  # type: ignore[no-untyped-def]
    """Press 重新打开 on the first (locked) period of the calendar, answering the reason prompt with `reason`."""
    services, prompts = FakeServices(), FakePrompts()
    prompts.text_answers = [reason]
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_CALENDAR)
    dialog.calendar_page.period_table.selectRow(0)
    dialog.calendar_page.reopen_button.click()
    return services, prompts


def test_reopening_a_locked_period_needs_a_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, _prompts = _reopen_the_first_period(qtbot, "市里退回重报")
    assert services.called("set_period_state") == [(("2026H1", "open", "市里退回重报"), {})]


def test_reopening_with_an_empty_reason_says_the_period_stays_locked(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = _reopen_the_first_period(qtbot, "")
    assert not services.called("set_period_state")
    assert prompts.warnings and "stays locked" in prompts.warnings[0]


def test_an_identity_is_created_with_a_passphrase_typed_twice(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.passphrases = ["secret12", "secret12"]
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_IDENTITY)
    page = dialog.identity_page
    assert "No signing identity" in page.info_label.text()
    page.create_button.click()
    assert services.called("create_identity") == [(("管城回族区卫生健康委员会", "secret12"), {"replace": False})]
    assert "ABAB ABAB ABAB ABAB" in page.info_label.text()


def test_a_mistyped_passphrase_creates_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.passphrases = ["secret12", "secret13"]
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_IDENTITY)
    dialog.identity_page.create_button.click()
    assert not services.called("create_identity") and prompts.warnings


def test_importing_and_exporting_the_certificate(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.identity_file = tmp_path / "office.p12"
    prompts.passphrases = ["filepass"]
    prompts.save_path = tmp_path / "office.pem"
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_IDENTITY)
    dialog.identity_page.import_button.click()
    assert services.called("import_identity")[0][0] == (tmp_path / "office.p12", "filepass")
    dialog.identity_page.export_button.click()
    assert services.called("export_certificate") == [((tmp_path / "office.pem",), {})]


def test_the_language_choice_is_stored(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, FakeServices())
    dialog.show_page(PAGE_LANGUAGE)
    dialog.language_page.language_buttons["en"].setChecked(True)
    assert QSettings().value("language") == "en"


def test_a_seal_image_is_chosen_shown_and_removed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.seal_file = tmp_path / "公章.png"
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_IDENTITY)
    page = dialog.identity_page
    assert "none" in page.seal_label.text() and not page.clear_seal_button.isEnabled()
    page.seal_button.click()
    assert services.called("set_seal_image") == [((tmp_path / "公章.png",), {})]
    assert "set" in page.seal_label.text() and page.clear_seal_button.isEnabled()
    page.clear_seal_button.click()
    assert services.called("clear_seal_image") and "none" in page.seal_label.text()


def test_merging_a_unit_moves_its_reports_after_the_clerk_chooses_whose_clashing_report_stays(  # type: ignore[no-untyped-def]
        qtbot, workspace) -> None:
    from plan_builder import build_plan

    from hpdesk.services.assignments import assign_task
    from hpdesk.services.desk import Desk
    from hpdesk.services.periods import create_periods
    from hpdesk.services.reports import ReportChanges, list_reports, set_report
    from hpdesk.services.units import add_unit

    build_plan(workspace)
    add_unit(workspace, "区工业信息化局")
    add_unit(workspace, "区工信局")
    create_periods(workspace, 2025)
    assign_task(workspace, "A01-T001", "区工信局")
    assign_task(workspace, "A01-T002", "区工业信息化局", ["区工信局"])
    set_report(workspace, "A01-T001", "区工信局", "2025H1", ReportChanges(status="in_progress", narrative="讲座2场"))
    set_report(workspace, "A01-T002", "区工业信息化局", "2025H1", ReportChanges(status="in_progress", narrative="牵头单位写的"))
    set_report(workspace, "A01-T002", "区工信局", "2025H1", ReportChanges(status="done", narrative="配合单位写的"))
    prompts = FakePrompts()
    prompts.choice_answers = [0, 1]  # into 区工业信息化局 (first in pinyin order); keep the reports of 区工信局
    dialog = _dialog(qtbot, Desk(workspace), prompts)
    dialog.show_page(PAGE_UNITS)
    page = dialog.units_page
    page.load()
    page.unit_table.selectRow(next(row for row in range(page.unit_model.rowCount())
                                   if page.unit_model.row_at(row).name == "区工信局"))
    page.merge_button.click()
    assert "A01-T002（2025年上半年）" in prompts.asked[1]  # the clash is named before anything changes
    assert "2 tasks, 2 reports" in prompts.asked[2]  # counted with the clerk's choice: both reports of 区工信局
    names = [page.unit_model.row_at(row).name for row in range(page.unit_model.rowCount())]
    assert "区工信局" not in names and page.selected_unit().name == "区工业信息化局"
    assert {(r.task_code, r.unit): r.narrative for r in list_reports(workspace, "2025H1")} == {
        ("A01-T001", "区工业信息化局"): "讲座2场", ("A01-T002", "区工业信息化局"): "配合单位写的"}


def test_a_merge_clashing_in_a_period_handed_in_is_refused_before_asking_to_confirm(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.unit_merge import MergePlan, ReportClash

    services, prompts = FakeServices(), FakePrompts()
    services.merge_plan = MergePlan("", "", 1, 1, 2, 0, (), (ReportClash("A01-T001", "2026年上半年", False, 1, 2),))
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_UNITS)
    dialog.units_page.load()
    dialog.units_page.unit_table.selectRow(1)
    dialog.units_page.merge_button.click()
    assert services.called("preview_unit_merge") == [(("区教育局", "区卫健委", None), {})]
    assert "A01-T001（2026年上半年）" in prompts.warnings[0]
    assert not services.called("merge_units") and len(prompts.asked) == 1  # only "into which unit?" was asked


def test_counties_and_their_certificates_are_offered_only_to_a_city_office(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A county clerk was shown 县区与证书, the city's registry of counties, with its talk of verifying packages."""
    from dataclasses import replace

    from hpdesk.ui.dialogs.settings_dialog import PAGE_COUNTIES

    services = FakeServices()
    county = _dialog(qtbot, services)
    assert county.page_list.item(PAGE_COUNTIES).isHidden()
    assert services.office_profile is not None
    services.office_profile = replace(services.office_profile, level="city")
    city = _dialog(qtbot, services)
    assert not city.page_list.item(PAGE_COUNTIES).isHidden()


def test_closing_with_an_unsaved_office_asks_and_no_keeps_the_edit(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The addressee typed on 本单位 and then 关闭 (or Esc) was dropped silently; it goes into the signed letter."""
    services, prompts = FakeServices(), FakePrompts()
    dialog = _dialog(qtbot, services, prompts)
    dialog.show()
    dialog.office_page.addressee_edit.setText("郑州市健康城市建设推进委员会办公室")
    dialog.show_page(PAGE_CALENDAR)
    prompts.confirm_answer = False
    with qtbot.assertNotEmitted(dialog.rejected):
        dialog.reject()
    assert prompts.asked and dialog.isVisible()
    assert dialog.pages.currentWidget() is dialog.office_page
    assert dialog.office_page.addressee_edit.text() == "郑州市健康城市建设推进委员会办公室"
    prompts.confirm_answer = True
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        dialog.reject()
    assert not services.called("update_office")


def test_unsaved_due_dates_are_asked_about_and_saved_ones_are_not(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    dialog = _dialog(qtbot, services, prompts)
    dialog.show_page(PAGE_CALENDAR)
    page = dialog.calendar_page
    assert not page.has_unsaved_changes()
    page.second_half_edit.set_value((12, 10))
    assert page.has_unsaved_changes()
    page.save_cadence_button.click()
    assert not page.has_unsaved_changes()
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        dialog.reject()
    assert not [text for text in prompts.asked if "未保存" in text or "not saved" in text]


def test_tab_walks_through_a_units_aliases_and_counterparts(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Tab in 又称/对应的市级部门 typed a tab character and kept the focus there."""
    from PySide6.QtCore import Qt

    from hpdesk.ui.dialogs.settings.units_page import UnitEditDialog

    dialog = UnitEditDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    for edit in (dialog.aliases_edit, dialog.counterparts_edit):
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
        assert edit.toPlainText() == "" and edit.tabChangesFocus()
