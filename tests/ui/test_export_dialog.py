"""The export dialog: a backup now, the city's submission once its service is in the build."""

from __future__ import annotations

from pathlib import Path

from hpdesk.ui.dialogs.export_dialog import KIND_BACKUP, KIND_SUBMISSION, ExportDialog
from hpdesk.ui.jobs import JobRunner

from ui_fakes import FakePrompts, FakeServices, make_period


def _dialog(qtbot, services: FakeServices, prompts: FakePrompts | None = None) -> ExportDialog:  # type: ignore[no-untyped-def]
    periods = [make_period("2026H1"), make_period("2026H2")]
    dialog = ExportDialog(services, JobRunner(immediate=True), prompts or FakePrompts(), periods, periods[1])
    qtbot.addWidget(dialog)
    return dialog


def test_the_submission_is_offered_first_and_a_backup_on_request(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, FakeServices())
    assert dialog.kind() == KIND_SUBMISSION and dialog.passphrase_edit.isEnabled()
    dialog.backup_radio.setChecked(True)
    assert dialog.kind() == KIND_BACKUP and not dialog.passphrase_edit.isEnabled()


def test_a_backup_is_written_where_the_clerk_chose(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.folder = tmp_path / "U盘"
    prompts.confirm_answer = False  # not now: the folder stays closed until the button is used
    dialog = _dialog(qtbot, services, prompts)
    dialog.backup_radio.setChecked(True)
    dialog.browse_button.click()
    dialog.export_button.click()
    (args, _kwargs), = services.called("backup")
    assert args[0].parent == tmp_path / "U盘" and args[0].suffix == ".zip" and args[0].exists()
    assert str(args[0].parent) in dialog.result_label.text() and args[0].name in dialog.result_label.text()
    dialog.open_folder_button.click()
    assert prompts.opened == [tmp_path / "U盘"]


def test_the_submission_is_exported_for_the_chosen_period(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    dialog = _dialog(qtbot, services)
    assert dialog.kind() == KIND_SUBMISSION
    dialog.destination_edit.setText(str(tmp_path))
    dialog.export_button.click()
    assert not services.called("export_submission") and "passphrase" in dialog.result_label.text()
    dialog.passphrase_edit.setText("secret12")
    dialog.doc_number_edit.setText("管卫健〔2026〕12号")
    dialog.export_button.click()
    assert services.called("export_submission") == [(("2026H2", tmp_path, "secret12", "管卫健〔2026〕12号"), {})]
    written = dialog.result_label.text()
    assert "报送包-1.zip" in written and "报送包-1.pdf" in written and "报送包-1.xlsx" in written


def test_a_failed_export_says_why_and_can_be_retried(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.domain.errors import UserError

    services = FakeServices()
    services.failures["backup"] = UserError("backup_target_exists", path="x.zip")
    dialog = _dialog(qtbot, services)
    dialog.backup_radio.setChecked(True)
    dialog.destination_edit.setText(str(tmp_path))
    dialog.export_button.click()
    assert "x.zip" in dialog.result_label.text() and dialog.export_button.isEnabled()


def test_exporting_an_open_period_says_it_will_be_locked(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    periods = [make_period("2026H1", "locked"), make_period("2026H2", "open")]
    dialog = ExportDialog(services, JobRunner(immediate=True), FakePrompts(), periods, periods[1])
    qtbot.addWidget(dialog)
    assert "locks 2026年下半年" in dialog.lock_note.text()
    dialog.period_combo.setCurrentIndex(0)
    assert "is locked" in dialog.lock_note.text()


def test_the_preview_shows_every_page_of_the_packet_and_prints_them(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    services = FakeServices()
    dialog = _dialog(qtbot, services)
    dialog.doc_number_edit.setText("12")
    dialog.preview_button.click()
    assert services.called("preview_packet") == [(("2026H2", "12"), {})]
    preview = dialog.preview
    assert preview is not None and preview.isVisible() and preview.document.pageCount() == 2
    assert "2" in preview.page_label.text()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert preview.print_to(printer) == 2
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 2
    preview.close()


def test_a_preview_that_fails_says_why(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.domain.errors import UserError

    services = FakeServices()
    services.failures["preview_packet"] = UserError("period_unknown", label="2026H2")
    dialog = _dialog(qtbot, services)
    dialog.preview_button.click()
    assert dialog.preview is None and dialog.result_label.text() and dialog.preview_button.isEnabled()


def test_before_signing_the_clerk_sees_what_is_missing_and_may_stop(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.export_readiness import AssignmentCounts

    services, prompts = FakeServices(), FakePrompts()
    services.assignment_state = AssignmentCounts(unassigned=2, unconfirmed=129)
    services.indicators_without_value = 1
    prompts.confirm_answer = False
    dialog = _dialog(qtbot, services, prompts)
    dialog.destination_edit.setText(str(tmp_path))
    dialog.passphrase_edit.setText("secret12")
    dialog.export_button.click()
    question, = prompts.asked
    assert "129" in question and "2 county tasks have no unit" in question
    assert "4 of 6 expected reports are not approved" in question and "1 of 2 indicators" in question
    assert not services.called("export_submission") and dialog.export_button.isEnabled()
    prompts.confirm_answer = True
    dialog.export_button.click()
    assert len(services.called("export_submission")) == 1


def test_a_complete_period_is_exported_without_a_question(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from hpdesk.services.export_readiness import ExportReadiness

    services, prompts = FakeServices(), FakePrompts()
    complete = ExportReadiness("2026H2", "2026年下半年", services.assignment_state, 6, 6, 2025, 2, 0)
    services.export_readiness = lambda label: complete  # type: ignore[method-assign]
    dialog = _dialog(qtbot, services, prompts)
    dialog.destination_edit.setText(str(tmp_path))
    dialog.passphrase_edit.setText("secret12")
    dialog.export_button.click()
    assert not any("not complete" in question for question in prompts.asked)
    assert len(services.called("export_submission")) == 1
    assert dialog.missing_text(replace(complete, approved=5)) and not dialog.missing_text(complete)


def test_the_preview_fits_the_screen_and_printing_reports_progress_and_the_result(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPrintSupport import QPrinter

    services = FakeServices()
    dialog = _dialog(qtbot, services)
    dialog.preview_button.click()
    preview = dialog.preview
    free = QGuiApplication.primaryScreen().availableGeometry()
    assert preview.height() <= free.height() and preview.width() <= free.width()
    assert "2026年下半年" in preview.windowTitle() and "2026H2" not in preview.windowTitle()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    seen: list[int] = []
    assert preview.print_to(printer, lambda done: seen.append(done) or False) == 1 and seen == [1]  # stopped
    assert preview.print_with_progress(printer, "办公室打印机") == 2
    assert "2 pages sent to 办公室打印机" in preview.page_label.text() and preview.progress_bar.isHidden()
    preview.close()


def test_after_the_export_the_folder_is_offered_and_opened_on_request(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    dialog = _dialog(qtbot, services, prompts)
    dialog.destination_edit.setText(str(tmp_path))
    dialog.passphrase_edit.setText("secret12")
    prompts.confirm_answer = True
    dialog.export_button.click()
    assert "Open the folder" in prompts.asked[-1] and prompts.opened == [tmp_path]


def test_the_document_number_example_is_the_offices_own(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    services = FakeServices()
    services.office_profile = replace(services.office_profile, doc_prefix="泰卫健")
    dialog = _dialog(qtbot, services)
    assert "泰卫健〔" in dialog.doc_number_edit.placeholderText() and "管卫健" not in dialog.doc_number_edit.placeholderText()


def _receipt(state: str, reason: str = "", sequence: int = 1, latest: int = 1):  # type: ignore[no-untyped-def]
    from hpdesk.services.city.receipts import STATES, PeriodReceipt

    return PeriodReceipt(state, STATES[state], reason, "2026-12-01T10:00:00", "郑州市卫生健康委员会", sequence, latest)


def test_the_citys_return_shows_under_the_period_with_its_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    services.period_receipts = {"2026H2": _receipt("returned", "第二项任务缺少佐证材料")}
    dialog = _dialog(qtbot, services)
    text = dialog.receipt_label.text()
    assert "第二项任务缺少佐证材料" in text and "2026-12-01" in text and "1" in text
    assert dialog.receipt_frame.property("role") == "returned" and not dialog.receipt_frame.isHidden()
    dialog.period_combo.setCurrentIndex(0)  # 2026H1: nothing from the city yet
    assert "第二项任务缺少佐证材料" not in dialog.receipt_label.text()
    assert dialog.receipt_frame.property("role") == ""


def test_a_return_already_answered_by_a_new_export_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    services.period_receipts = {"2026H2": _receipt("returned", "缺少佐证材料", sequence=1, latest=2)}
    dialog = _dialog(qtbot, services)
    returned_once = dialog.receipt_label.text()
    services.period_receipts = {"2026H2": _receipt("returned", "缺少佐证材料", sequence=2, latest=2)}
    dialog.show_receipt()
    still_open = dialog.receipt_label.text()
    assert "2" in returned_once.splitlines()[-1] and returned_once.splitlines()[-1] != still_open.splitlines()[-1]


def test_the_citys_receipt_is_imported_with_its_certificate_the_first_time(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.city.receipts import ReceiptSummary

    services, prompts = FakeServices(), FakePrompts()
    receipt, certificate = tmp_path / "回执-已退回.zip", tmp_path / "市卫健委.pem"
    services.imported_receipt = ReceiptSummary(receipt, "returned", "已退回", "缺少佐证材料", "管城回族区卫生健康委员会",
                                               "2026H1", "报送包-1.zip", "ab" * 32, "2026-12-01T10:00:00")
    prompts.file_answers = [[receipt], [certificate], [receipt]]
    dialog = _dialog(qtbot, services, prompts)
    dialog.import_receipt_button.click()
    assert services.called("import_city_receipt") == [((receipt, certificate), {})]
    assert dialog.period_combo.currentData() == "2026H1" and "2026H1" in dialog.result_label.text()
    dialog.import_receipt_button.click()  # pinned now: the certificate is not asked for again
    assert services.called("import_city_receipt")[-1] == ((receipt, None), {}) and not prompts.file_answers


def test_a_refused_receipt_says_why_in_the_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.domain.errors import UserError

    services, prompts = FakeServices(), FakePrompts()
    services.city_pinned = True
    services.failures["import_city_receipt"] = UserError("receipt_unreadable", name="x.zip", detail="zip")
    prompts.file_answers = [[tmp_path / "x.zip"]]
    dialog = _dialog(qtbot, services, prompts)
    dialog.import_receipt_button.click()
    assert "x.zip" in dialog.result_label.text()


def test_a_city_workspace_has_no_receipt_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    services = FakeServices()
    services.office_profile = replace(services.office_profile, level="city")
    dialog = _dialog(qtbot, services)
    assert dialog.receipt_frame.isHidden() and dialog.import_receipt_button.isHidden()
