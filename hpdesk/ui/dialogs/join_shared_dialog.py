"""The first-run wizard's advanced option (issue 17): join a shared office database instead of keeping the workspace
on this PC — the PostgreSQL address (without the password), the password, and the shared attachment folder.

It runs the same service as `hpdesk init --database URL --attachments DIR`: the password goes only into the local
folder's pgpass file (permissions 0600), never into the address. A database that has no office yet is created with
the county and office typed on the wizard's first page. `joined` fires with the office once the shared workspace is
open; a refusal (unreachable server, wrong password, a password in the address) is shown in the dialog, and the
workspace on this PC stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from hpdesk.ui.theme import hbox, muted_label, push_button
from hpdesk.ui.i18n import error_text
from hpdesk.ui.widgets.dialog_footer import add_error_and_buttons

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.jobs import JobRunner


class JoinSharedDialog(QDialog):
    joined = Signal(object)  # the office profile of the shared workspace now open

    def __init__(self, services: AppServices, jobs: JobRunner, prompts, office: tuple[str, str, str],
                 language: str = "zh_CN", parent: QWidget | None = None) -> None:
        """`office`: (region, office, level) from the wizard's first page, used only when the database is new."""
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.office = office
        self.setWindowTitle(self.tr("Join a shared office database"))
        self.resize(620, 320)
        layout = QVBoxLayout(self)
        hint = muted_label(self.tr("For offices where several clerks work on one plan: the database is on a PostgreSQL "
                              "server on the office network, the attachments in a shared folder. Ask whoever set "
                              "up the server for the address and your password. A new, empty database is set up "
                              "with the county and office on the first page."))
        layout.addWidget(hint)
        form = QFormLayout()
        self.url_edit = QLineEdit(placeholderText="postgresql://wang@192.168.10.5/hpdesk_guancheng")
        form.addRow(self.tr("Database address"), self.url_edit)
        self.password_edit = QLineEdit(echoMode=QLineEdit.EchoMode.Password,
                                       placeholderText=self.tr("kept only on this PC, readable by you alone"))
        form.addRow(self.tr("Password"), self.password_edit)
        self.folder_edit = QLineEdit(placeholderText=r"\\server\hpdesk\guancheng")  # a path, the same in every language
        self.choose_button = push_button(self.tr("Choose…"), self._on_choose_clicked)
        form.addRow(self.tr("Shared attachment folder"), hbox((self.folder_edit, 1), self.choose_button))
        layout.addLayout(form)
        layout.addStretch()
        self.error_label = add_error_and_buttons(self, layout, self.join)

    def _on_choose_clicked(self) -> None:
        folder = self.prompts.choose_folder(self.tr("Shared attachment folder"), Path.home())
        if folder is not None:
            self.folder_edit.setText(str(folder))

    def join(self) -> None:
        """Check the form, then create or join the shared workspace off the UI thread."""
        url, password, folder = self.url_edit.text().strip(), self.password_edit.text(), self.folder_edit.text().strip()
        if not url:
            self.error_label.setText(self.tr("Enter the database address."))
            return
        if not folder:
            self.error_label.setText(self.tr("Choose the shared attachment folder."))
            return
        self.error_label.setText(self.tr("Connecting…"))
        region, office, level = self.office
        self.setEnabled(False)
        self.jobs.run(lambda: self.services.join_shared_database(url, password, Path(folder), region, office, level),
                      self._on_joined, self._on_failed)

    def _on_joined(self, office: object) -> None:
        self.setEnabled(True)
        self.accept()
        self.joined.emit(office)

    def _on_failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.error_label.setText(error_text(error, self.language))
