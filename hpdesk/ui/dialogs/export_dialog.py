"""Export: the signed submission for the city or a backup of the whole workspace, written off the UI thread with a
progress bar and Cancel; a cancelled export leaves no half-written file.

Under the period, the city's latest receipt for it (returned with the city's reason, accepted, received), and a
button importing a receipt file the city sent, so the clerk sees a 退回 without the command line.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
    QRadioButton, QVBoxLayout, QWidget,
)

from hpdesk.services.periods import PeriodSummary
from hpdesk.services.progress import CancelToken, LatestProgress
from hpdesk.ui.theme import hbox, item_combo, muted_label, push_button
from hpdesk.ui.dialogs.pdf_preview_dialog import PdfPreviewDialog, show_preview
from hpdesk.ui.i18n import error_text
from hpdesk.ui.progress_dialog import run_with_progress
from hpdesk.ui.widgets.dialog_footer import add_action_buttons

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner

KIND_SUBMISSION, KIND_BACKUP = "submission", "backup"


class ExportDialog(QDialog):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, periods: list[PeriodSummary],
                 period: PeriodSummary | None, *, language: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.written: Path | None = None
        self.setWindowTitle(self.tr("Export"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.kind_group = QButtonGroup(self)
        self.submission_radio = QRadioButton(self.tr("Submission for the city (Excel, signed PDF, evidence)"))
        self.backup_radio = QRadioButton(self.tr("Backup of the whole workspace (one .zip file)"))
        self.kind_group.addButton(self.submission_radio)
        self.kind_group.addButton(self.backup_radio)
        layout.addWidget(self.submission_radio)
        form = QFormLayout()
        form.setContentsMargins(24, 0, 0, 8)
        self.period_combo = item_combo([(item.name, item.label) for item in periods], period.label if period else None)
        form.addRow(self.tr("Period"), self.period_combo)
        self.doc_number_edit = QLineEdit()
        office = services.office()  # the office's own prefix, never another county's example
        prefix = office.doc_prefix if office is not None else ""
        self.doc_number_edit.setPlaceholderText(
            self.tr("e.g. 12, giving {prefix}〔{year}〕12号 (optional)").format(prefix=prefix, year=date.today().year)
            if prefix else self.tr("the letter's document number (optional)"))
        form.addRow(self.tr("Document number"), self.doc_number_edit)
        self.passphrase_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password,
                                         placeholderText=self.tr("the signing identity's passphrase"))
        form.addRow(self.tr("Passphrase"), self.passphrase_edit)
        layout.addLayout(form)
        self.lock_note = muted_label()
        self.lock_note.setContentsMargins(24, 0, 0, 8)
        layout.addWidget(self.lock_note)
        layout.addLayout(self._receipt_row(office is None or office.level != "city"))
        self.periods_by_label = {item.label: item for item in periods}
        self.period_combo.currentIndexChanged.connect(self._show_lock_note)
        self.period_combo.currentIndexChanged.connect(self.show_receipt)
        self._show_lock_note()
        self.show_receipt()
        layout.addWidget(self.backup_radio)
        self.destination_edit = QLineEdit(str(services.workspace_root / "exports"))
        self.browse_button = push_button(self.tr("Browse…"), self._on_browse_button_clicked)
        layout.addLayout(hbox(QLabel(self.tr("Save in")), (self.destination_edit, 1), self.browse_button))
        self.result_label = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        self.buttons, self.export_button = add_action_buttons(self, layout, self.tr("Export"), self.start_export,
                                                              QDialogButtonBox.StandardButton.Close)
        self.open_folder_button = self.buttons.addButton(self.tr("Open folder"),
                                                         QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.hide()
        self.preview_button = self.buttons.addButton(self.tr("Preview and print…"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.setToolTip(self.tr("The packet as it will be signed, before entering the passphrase"))
        self.preview_button.clicked.connect(self.start_preview)
        self.preview: PdfPreviewDialog | None = None
        self.open_folder_button.clicked.connect(self._on_open_folder_button_clicked)
        self.submission_radio.setEnabled(bool(periods))
        self.submission_radio.toggled.connect(self._on_kind_toggled)
        (self.submission_radio if self.submission_radio.isEnabled() else self.backup_radio).setChecked(True)
        self._on_kind_toggled()

    def _on_kind_toggled(self, *_args: object) -> None:
        submission = self.kind() == KIND_SUBMISSION
        for widget in (self.period_combo, self.doc_number_edit, self.passphrase_edit, self.preview_button):
            widget.setEnabled(submission)

    def _show_lock_note(self, *_args: object) -> None:
        period = self.periods_by_label.get(self.period_combo.currentData())
        if period is not None and period.state != "locked":
            self.lock_note.setText(self.tr("Exporting locks {period}: later changes need a reason and are marked "
                                           "as made after the submission.").format(period=period.name))
        else:
            self.lock_note.setText(self.tr("This period is locked; the export shows its data as it stands."))

    def _receipt_row(self, county: bool) -> QHBoxLayout:
        """The city's receipt for the period and the import button (a county's dialog only: the city issues them)."""
        row = QHBoxLayout()
        row.setContentsMargins(24, 0, 0, 8)
        self.receipt_frame = QFrame()
        frame_layout = QVBoxLayout(self.receipt_frame)
        frame_layout.setContentsMargins(8, 6, 8, 6)
        self.receipt_label = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        frame_layout.addWidget(self.receipt_label)
        row.addWidget(self.receipt_frame, 1)
        self.import_receipt_button = push_button(self.tr("Import the city's receipt…"), self.import_receipt,
                                                 tip=self.tr("The signed receipt file the city sent back (received, "
                                                             "accepted or returned with a reason)"))
        row.addWidget(self.import_receipt_button, 0, Qt.AlignmentFlag.AlignTop)
        self.receipt_frame.setVisible(county)
        self.import_receipt_button.setVisible(county)
        self.county = county
        return row

    def show_receipt(self, *_args: object) -> None:
        """Show the city's latest receipt for the chosen period; a return stands out with the city's reason."""
        if not self.county:
            return
        receipt = self.services.city_receipt(self.period_combo.currentData()) if self.period_combo.count() else None
        role = ""
        if receipt is None:
            text = self.tr("No receipt from the city for this period yet.")
        elif receipt.state == "returned":
            role = "returned"
            text = self.tr("The city returned submission no. {sequence} on {date}. Reason: {reason}").format(
                sequence=receipt.sequence, date=receipt.issued_at[:10], reason=receipt.reason)
            text += "\n" + (self.tr("You have exported no. {latest} since.").format(latest=receipt.latest_sequence)
                            if receipt.exported_since else
                            self.tr("Correct what the city asks, then export the period again."))
        elif receipt.state == "accepted":
            text = self.tr("The city accepted submission no. {sequence} on {date}.").format(
                sequence=receipt.sequence, date=receipt.issued_at[:10])
        else:
            text = self.tr("The city received submission no. {sequence} on {date}.").format(
                sequence=receipt.sequence, date=receipt.issued_at[:10])
        self.receipt_label.setText(text)
        self.receipt_label.setProperty("role", "" if role else "muted")
        self.receipt_frame.setProperty("role", role)
        for widget in (self.receipt_frame, self.receipt_label):  # a changed dynamic property needs a re-polish
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def import_receipt(self) -> None:
        """Choose the city's receipt file (and, the first time, the city's certificate to pin) and import it."""
        files = self.prompts.choose_files(self.tr("The city's receipt"), self.tr("Receipts (*.zip)"))
        if not files:
            return
        trust = None
        if not self.services.city_certificate_pinned():
            certificates = self.prompts.choose_files(
                self.tr("The city's certificate (first receipt only)"), self.tr("Certificates (*.pem *.crt *.cer)"))
            if not certificates:
                return
            trust = certificates[0]
        self.result_label.clear()
        self.jobs.run(lambda: self.services.import_city_receipt(files[0], trust), self._on_receipt_imported,
                      self._on_failed)

    def _on_receipt_imported(self, receipt) -> None:
        index = self.period_combo.findData(receipt.period)
        if index >= 0:
            self.period_combo.setCurrentIndex(index)
        self.show_receipt()
        state = {"received": self.tr("received"), "accepted": self.tr("accepted"),
                 "returned": self.tr("returned")}.get(receipt.state, receipt.state)
        self.result_label.setText(
            (self.tr("This receipt was imported before ({period}, {state}).") if receipt.already_imported else
             self.tr("Imported the city's receipt: {period}, {state}.")).format(period=receipt.period, state=state))

    def start_preview(self) -> None:
        """Render the unsigned packet on the worker, then show it in the preview window."""
        period_label, doc_number = self.period_combo.currentData(), self.doc_number_edit.text().strip()
        self.preview_button.setEnabled(False)
        self.result_label.clear()
        run_with_progress(self.jobs, self, self.tr("Preparing the preview…"), self.language,
                          lambda progress, cancel: self.services.preview_packet(period_label, doc_number, progress,
                                                                                cancel),
                          self._on_preview_ready, self._on_failed)

    def _on_preview_ready(self, path: Path) -> None:
        self.preview_button.setEnabled(True)
        self.preview = show_preview(path, self.tr("Preview — {period}").format(period=self.period_combo.currentText()),
                                    self)

    def kind(self) -> str:
        return KIND_SUBMISSION if self.submission_radio.isChecked() else KIND_BACKUP

    def _on_browse_button_clicked(self) -> None:
        folder = self.prompts.choose_folder(self.tr("Where to save the export"), Path(self.destination_edit.text()))
        if folder is not None:
            self.destination_edit.setText(str(folder))

    def start_export(self) -> None:
        """Write the export on the worker; the progress dialog appears if it takes longer than half a second.
        A submission first shows what is still missing for the period and goes ahead only when the clerk confirms."""
        folder = Path(self.destination_edit.text().strip() or str(self.services.workspace_root / "exports"))
        self.result_label.clear()
        if self.kind() == KIND_BACKUP:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = folder / f"hpdesk-backup-{stamp}.zip"

            def back_up(progress: LatestProgress, cancel: CancelToken) -> Path:
                folder.mkdir(parents=True, exist_ok=True)
                return self.services.backup(target, progress, cancel)
            self._run_export(back_up)
            return
        period_label, passphrase = self.period_combo.currentData(), self.passphrase_edit.text()
        doc_number = self.doc_number_edit.text().strip()
        if not passphrase:
            self.passphrase_edit.setFocus()
            self.result_label.setText(self.tr("The submission is signed: enter the identity's passphrase."))
            return
        self.export_button.setEnabled(False)
        self.jobs.run(lambda: self.services.export_readiness(period_label),
                      lambda readiness: self._export_if_confirmed(readiness, lambda progress, cancel:
                                                                  self.services.export_submission(
                                                                      period_label, folder, passphrase, doc_number,
                                                                      progress, cancel)),
                      self._on_failed)

    def missing_text(self, readiness) -> str:
        """What the clerk should know before signing: one line per gap, or '' when nothing is missing."""
        lines = []
        if readiness.assignments.unassigned:
            lines.append(self.tr("{count} county tasks have no unit yet (not counted in the reports expected)")
                         .format(count=readiness.assignments.unassigned))
        if readiness.assignments.unconfirmed:
            lines.append(self.tr("{count} county tasks have only suggested units (not counted in the reports "
                                 "expected)").format(count=readiness.assignments.unconfirmed))
        if readiness.not_approved:
            lines.append(self.tr("{count} of {expected} expected reports are not approved (left out of the packet)")
                         .format(count=readiness.not_approved, expected=readiness.expected))
        if readiness.indicators_without_value:
            lines.append(self.tr("{count} of {total} indicators have no value for {year} (shown as not reported)")
                         .format(count=readiness.indicators_without_value, total=readiness.indicators,
                                 year=readiness.indicator_year))
        return "\n".join(f"• {line}" for line in lines)

    def _export_if_confirmed(self, readiness, work) -> None:
        missing = self.missing_text(readiness)
        if missing and not self.prompts.confirm(self.tr("Export"), self.tr(
                "{period} is not complete yet:\n{missing}\n\nThe cover letter states these numbers as they are. "
                "Sign and export anyway?").format(period=readiness.period_name, missing=missing)):
            self.export_button.setEnabled(True)
            self.result_label.setText(self.tr("Not exported."))
            return
        self._run_export(work)

    def _run_export(self, work) -> None:
        self.export_button.setEnabled(False)
        run_with_progress(self.jobs, self, self.tr("Exporting…"), self.language, work, self._on_exported,
                          self._on_failed)

    def _on_exported(self, path: Path) -> None:
        """Name every file written (the package, and for a submission the signed PDF and the Excel beside it) and
        offer to open their folder."""
        self.written = path
        self.export_button.setEnabled(True)
        beside = [path.with_suffix(suffix) for suffix in (".pdf", ".xlsx")] if self.kind() == KIND_SUBMISSION else []
        files = [path, *(candidate for candidate in beside if candidate.exists())]
        self.result_label.setText(self.tr("Written in {folder}:\n{files}").format(
            folder=path.parent, files="\n".join(f"• {file.name}" for file in files)))
        self.open_folder_button.show()
        if self.prompts.confirm(self.tr("Export"), self.tr(
                "Written: {files}.\nOpen the folder now?").format(files="、".join(file.name for file in files))):
            self._on_open_folder_button_clicked()

    def _on_failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.preview_button.setEnabled(self.kind() == KIND_SUBMISSION)
        self.result_label.setText(error_text(error, self.language))

    def _on_open_folder_button_clicked(self) -> None:
        if self.written is not None:
            self.prompts.open_file(self.written.parent if self.written.is_file() else self.written)

