"""The city's inbox: every package received from the counties, with its fate, and receiving more.

Packages arrive by dropping files or a folder (the USB stick) on the page, or through the two buttons. Receiving runs
on the JobRunner with a progress dialog that can cancel (a cancelled receive records nothing). The selected row's
reasons (why it was rejected, what superseded it, plan mismatches) show below the table; an accepted submission can
be returned (退回) with a reason, which writes the signed receipt for the county.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from hpdesk.ui.i18n import error_text
from hpdesk.ui.progress_dialog import run_with_progress
from hpdesk.ui.theme import fill_table, hbox, page_title, push_button, record_table

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner

STATUS_COLOURS = {"accepted": "#1b7f3b", "superseded": "#777777", "returned": "#b36b00", "rejected": "#c0392b"}


class CityInboxPage(QWidget):
    received = Signal()  # packages were recorded (or a submission returned): consolidation is stale

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.rows: list = []
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.receive_files_button = push_button(self.tr("Receive packages…"), self._on_receive_files_button_clicked)
        self.receive_folder_button = push_button(self.tr("Receive a folder…"), self._on_receive_folder_button_clicked)
        self.return_button = push_button(self.tr("Return to the county…"), self._on_return_button_clicked)
        self.return_button.setEnabled(False)
        layout.addLayout(hbox(page_title(self.tr("Inbox")), 1, self.receive_files_button, self.receive_folder_button,
                              self.return_button))
        self.hint_label = QLabel(self.tr("Drop the counties' packages (.zip) or the folder of a USB stick here. "
                                         "Each package is checked against its own county's certificates only."),
                                 wordWrap=True)
        layout.addWidget(self.hint_label)
        self.table = record_table([self.tr("No."), self.tr("Received"), self.tr("County"), self.tr("Period"),
                                   self.tr("Submission"), self.tr("Status"), self.tr("Details")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        layout.addWidget(self.table, 3)
        self.details = QPlainTextEdit(readOnly=True, placeholderText=self.tr(
            "Select a package to see why it was accepted or refused."))
        layout.addWidget(self.details, 1)
        self.summary_label = QLabel()
        layout.addWidget(self.summary_label)

    # --- loading -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.jobs.run(self.services.city_inbox, self._show_rows)

    def _show_rows(self, rows: list) -> None:
        self.rows = rows
        fill_table(self.table, [(str(row.id), row.received_at[:16].replace("T", " "), row.county or row.office or row.file_name,
                                 row.period, self.tr("No. {n}").format(n=row.sequence) if row.sequence else "",
                                 row.status_label, row.detail) for row in rows])
        for number, row in enumerate(rows):
            if (status := self.table.item(number, 5)) is not None:
                status.setForeground(QColor(STATUS_COLOURS.get(row.status, "#000000")))
        counts = {status: sum(1 for row in rows if row.status == status) for status in STATUS_COLOURS}
        self.summary_label.setText(self.tr("{total} packages: {accepted} accepted, {superseded} superseded, "
                                           "{returned} returned, {rejected} refused").format(
            total=len(rows), **counts))
        self._on_table_selection_changed()

    def selected_row(self):
        chosen = self.table.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen else None

    def _on_table_selection_changed(self) -> None:
        row = self.selected_row()
        self.return_button.setEnabled(row is not None and row.status == "accepted")
        if row is None:
            self.details.clear()
            return
        lines = [f"{row.file_name}", f"SHA-256 {row.package_sha256}", *row.reasons,
                 *(self.tr("Differs from the city's plan: {line}").format(line=line) for line in row.plan_mismatches)]
        if row.status in ("returned", "superseded"):
            lines.append(row.detail)
        self.details.setPlainText("\n".join(lines))

    # --- receiving -----------------------------------------------------------------------------------------------

    def _on_receive_files_button_clicked(self) -> None:
        files = self.prompts.choose_files(self.tr("Choose the counties' packages"),
                                          self.tr("Submission packages (*.zip)"))
        if files:
            self.receive(files)

    def _on_receive_folder_button_clicked(self) -> None:
        folder = self.prompts.choose_folder(self.tr("Choose the folder holding the packages"), Path.home())
        if folder is not None:
            self.receive([folder])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.receive(paths)

    def receive(self, paths: list[Path]) -> None:
        """Receive `paths` (files or folders) off the UI thread, with a cancellable progress dialog."""
        self._set_busy(True)
        run_with_progress(self.jobs, self, self.tr("Checking packages…"), self.language,
                          lambda progress, cancel: self.services.receive_packages(paths, progress, cancel),
                          self._on_received, self._on_receive_failed)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.receive_files_button, self.receive_folder_button):
            button.setEnabled(not busy)

    def _on_received(self, report) -> None:
        self._set_busy(False)
        counts = {status: report.count(status) for status in ("accepted", "superseded", "rejected", "duplicate")}
        self.summary_label.setText(self.tr("Received {total}: {accepted} accepted, {superseded} superseded, "
                                           "{rejected} refused, {duplicate} already received").format(
            total=len(report.outcomes), **counts))
        if counts["rejected"]:
            refused = "\n".join(f"• {outcome.file_name}: {outcome.reasons[0]}" for outcome in report.outcomes
                                if outcome.status == "rejected")
            self.prompts.warn(self.tr("Inbox"), self.tr("{count} packages were refused:\n{list}").format(
                count=counts["rejected"], list=refused))
        self.received.emit()
        self.refresh()

    def _on_receive_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.summary_label.setText(error_text(error, self.language))
        self.refresh()

    # --- returning -----------------------------------------------------------------------------------------------

    def _on_return_button_clicked(self) -> None:
        row = self.selected_row()
        if row is None or row.status != "accepted":
            return
        reason = self.prompts.ask_text(self.tr("Return to the county"), self.tr(
            "Why is {county}'s submission for {period} returned? The county sees this reason.").format(
            county=row.county, period=row.period), multiline=True)
        if not reason or not reason.strip():
            return
        folder = self.prompts.choose_folder(self.tr("Where to save the receipt for the county"), Path.home())
        if folder is None:
            return
        passphrase = self.prompts.ask_passphrase(self.tr("Return to the county"),
                                                 self.tr("The city's signing passphrase (signs the receipt):"))
        if passphrase is None:
            return
        self.jobs.run(lambda: self.services.return_submission(row.id, reason, folder, passphrase),
                      self._on_returned)

    def _on_returned(self, receipt) -> None:
        self.prompts.inform(self.tr("Return to the county"), self.tr(
            "Returned. Give the county this signed receipt:\n{path}").format(path=receipt.path))
        self.received.emit()
        self.refresh()
