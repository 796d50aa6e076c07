"""The first-run wizard: office → identity → the city's table → Finish sets everything up and opens the tasks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWizard

from hpdesk.domain.errors import UserError
from hpdesk.services.identity import create_identity
from hpdesk.services.workspace import Workspace
from hpdesk.services.desk import Desk
from hpdesk.ui.dialogs.first_run_wizard import FirstRunWizard
from hpdesk.ui.jobs import JobRunner

from ui_fakes import FakePrompts, FakeServices


def _wizard(qtbot, services, prompts: FakePrompts | None = None) -> FirstRunWizard:  # type: ignore[no-untyped-def]
    wizard = FirstRunWizard(services, JobRunner(immediate=True), prompts or FakePrompts(), today=date(2026, 11, 23))
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _fill_office(wizard: FirstRunWizard) -> None:
    wizard.office_page.region_edit.setText("管城回族区")
    wizard.office_page.office_edit.setText("管城回族区卫生健康委员会")


def test_next_needs_the_region_and_the_office(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, FakeServices())
    assert not wizard.office_page.isComplete()
    _fill_office(wizard)
    assert wizard.office_page.isComplete()


def test_a_new_identity_needs_a_long_enough_passphrase_typed_twice(qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, FakeServices())
    page = wizard.identity_page
    page.passphrase_edit.setText("abc")
    assert not page.isComplete() and "6" in page.problem_label.text()
    page.passphrase_edit.setText("secret12")
    page.repeat_edit.setText("secret13")
    assert not page.isComplete()
    page.repeat_edit.setText("secret12")
    assert page.isComplete()
    page.later_radio.setChecked(True)
    assert page.isComplete()


def test_the_wizard_takes_exactly_the_passphrases_the_identity_service_takes(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shortest = next(length for length in range(1, 30) if _service_accepts("x" * length, tmp_path / str(length)))
    wizard = _wizard(qtbot, FakeServices())
    page = wizard.identity_page
    for length, accepted in ((shortest - 1, False), (shortest, True)):
        page.passphrase_edit.setText("x" * length)
        page.repeat_edit.setText("x" * length)
        assert page.isComplete() is accepted, length


def _service_accepts(passphrase: str, identity_dir: Path) -> bool:
    try:
        create_identity(identity_dir, "管城回族区卫生健康委员会", passphrase)
    except UserError as refused:
        assert refused.code == "identity_passphrase_too_short"
        return False
    return True


def test_the_table_step_can_be_skipped_and_a_bad_file_is_explained(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.workbook = tmp_path / "照片.xlsx"
    wizard = _wizard(qtbot, services, prompts)
    page = wizard.table_page
    assert not page.isComplete()
    page.choose_button.click()
    assert page.preview is None and "照片.xlsx" in page.summary_label.text()
    page.skip_check.setChecked(True)
    assert page.isComplete()


def test_finish_sets_up_the_office_and_the_identity_then_closes(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    services.office_profile = None
    wizard = _wizard(qtbot, services)
    _fill_office(wizard)
    wizard.next()
    wizard.identity_page.passphrase_edit.setText("secret12")
    wizard.identity_page.repeat_edit.setText("secret12")
    wizard.next()
    wizard.table_page.skip_check.setChecked(True)
    wizard.next()
    assert "管城回族区卫生健康委员会" in wizard.finish_page.steps_label.text()
    with qtbot.waitSignal(wizard.completed, timeout=2000):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert services.called("set_up_office")[0][1]["region"] == "管城回族区"
    assert services.called("create_identity")[0][0] == ("管城回族区卫生健康委员会", "secret12")
    assert not services.called("apply_import") and not wizard.isVisible()


def test_a_failed_step_keeps_the_wizard_open_with_the_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.domain.errors import UserError

    services = FakeServices()
    services.office_profile = None
    services.failures["set_up_office"] = UserError("office_field_empty", field="region")
    wizard = _wizard(qtbot, services)
    _fill_office(wizard)
    wizard.identity_page.later_radio.setChecked(True)
    wizard.table_page.skip_check.setChecked(True)
    for _step in range(3):
        wizard.next()
    wizard.accept()
    assert wizard.isVisible() and wizard.finish_page.error_label.text()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_a_clerk_reaches_the_task_list_of_a_real_table(qtbot, workspace_dir: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.workspace import open_workspace

    root = workspace_dir.parent / "fresh"
    workspace: Workspace = open_workspace(root, create=True, actor="tester")
    try:
        services, prompts = Desk(workspace), FakePrompts()
        prompts.workbook = sample_copy("taian_task_breakdown.xlsx")
        wizard = _wizard(qtbot, services, prompts)
        _fill_office(wizard)
        wizard.identity_page.later_radio.setChecked(True)
        wizard.next()
        wizard.next()
        wizard.table_page.choose_button.click()
        assert wizard.table_page.preview is not None and wizard.table_page.isComplete()
        # The rows the summary says need checking are listed there, one entry per row (it used to show none).
        flagged = wizard.table_page.preview.counts()["flagged_rows"]
        assert flagged and f"{flagged} rows need checking" in wizard.table_page.summary_label.text()
        assert wizard.table_page.rows_list.isVisible() and wizard.table_page.rows_list.count() == flagged
        assert wizard.table_page.rows_list.item(0).text().startswith("Row ")
        wizard.next()
        steps = wizard.finish_page.steps_label.text()  # 23 November: the first half-year was due on 15 June
        assert "2026年下半年 (due 2026-12-15)" in steps and "2026年上半年 was due on 2026-06-15" in steps
        with qtbot.waitSignal(wizard.completed, timeout=20000):
            wizard.accept()
        assert services.office().region == "管城回族区"
        assert services.overview().tasks > 100 and services.units()
        assert [period.label for period in services.periods()] == ["2026H2"]  # none overdue the day it is made
    finally:
        workspace.close()


def test_escape_after_typing_asks_before_leaving_and_keeps_what_was_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Esc (or 取消, or ×) quit hpdesk at once from the third step, the office and the passphrase gone unasked."""
    from PySide6.QtCore import Qt

    prompts = FakePrompts()
    wizard = _wizard(qtbot, FakeServices(), prompts)
    _fill_office(wizard)
    wizard.next()
    prompts.confirm_answer = False
    with qtbot.assertNotEmitted(wizard.rejected):
        qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert prompts.asked and wizard.isVisible()
    assert wizard.office_page.office_edit.text() == "管城回族区卫生健康委员会"
    prompts.confirm_answer = True
    with qtbot.waitSignal(wizard.rejected, timeout=1000):
        wizard.reject()


def test_escape_before_anything_was_typed_leaves_without_asking(qtbot) -> None:  # type: ignore[no-untyped-def]
    prompts = FakePrompts()
    wizard = _wizard(qtbot, FakeServices(), prompts)
    with qtbot.waitSignal(wizard.rejected, timeout=1000):
        wizard.reject()
    assert not prompts.asked


def test_the_finish_page_joins_chinese_sentences_without_a_stray_space() -> None:
    """"…（2026-12-15 截止）。 2026年上半年已于…": a space after 。 where English wants one after the full stop."""
    from hpdesk.ui.i18n import then_sentence

    assert then_sentence("导入后仍会标出。", "其中 3 行需要核对。") == "导入后仍会标出。其中 3 行需要核对。"
    assert then_sentence("Due 15 December.", "Left out.") == "Due 15 December. Left out."
    assert then_sentence("", "其中 3 行需要核对。") == "其中 3 行需要核对。"
