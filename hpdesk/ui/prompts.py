"""UserPrompts: the only place that opens QFileDialog, QMessageBox, QInputDialog or the system file viewer, and runs
the small modal questions (evidence details), so every view can be tested with a fake that answers at once.

Each method blocks in its own event loop (exec) and returns the answer; None means the clerk cancelled.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog, QHeaderView, QInputDialog, QLineEdit, QMessageBox, QTreeView, QWidget,
)

from hpdesk.ui.dialogs.evidence_batch_dialog import EvidenceBatchDialog, EvidenceGroup
from hpdesk.ui.dialogs.evidence_details_dialog import EvidenceDetails, EvidenceDetailsDialog

if TYPE_CHECKING:
    from hpdesk.services.evidence_suggestions import EvidenceSuggestion

translate = QCoreApplication.translate  # lupdate extracts translate("Context", "literal") calls


def file_dialog(parent: QWidget | None, title: str, directory: str, file_filter: str,
                mode: QFileDialog.FileMode, *, save: bool = False,
                options: QFileDialog.Option = QFileDialog.Option(0)) -> QFileDialog:
    """A file dialog as the static QFileDialog functions would open it (the system's own where there is one), with
    Qt's own dialog's columns fitted to what they show (`fit_file_dialog_columns`)."""
    dialog = QFileDialog(parent, title, directory, file_filter)
    dialog.setOptions(options)
    dialog.setFileMode(mode)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    fit_file_dialog_columns(dialog)
    return dialog


def fit_file_dialog_columns(dialog: QFileDialog) -> None:
    """Qt's own dialog (Linux without a desktop theme) sizes 体积/类型/修改日期 for English samples ("128.88 GB",
    "mp3Folder"), which clips "14.2 KiB", "Word 文档" and "2026/12/5 10:00" to "14…iB" at 1024×768: those columns
    follow their contents (also after a change of folder), the name takes the rest. A native dialog has no such view
    and is left as it is."""
    view = dialog.findChild(QTreeView, "treeView")
    if view is None:
        return
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _chosen(dialog: QFileDialog) -> list[str]:
    return dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []


class Prompts(Protocol):
    """What views and dialogs may ask the clerk (files, confirmations, text, evidence details): UserPrompts shows
    Qt dialogs, the UI tests' FakePrompts answers at once (both checked against this in
    tests/ui/test_app_services_protocol.py). A method answers None (or an empty list) when the clerk cancelled."""

    def choose_workbook(self) -> Path | None: ...
    def choose_evidence_files(self) -> list[Path]: ...
    def choose_identity_file(self) -> Path | None: ...
    def choose_seal_image(self) -> Path | None: ...
    def choose_files(self, title: str, file_filter: str) -> list[Path]: ...
    def choose_save_path(self, title: str, suggested: Path, file_filter: str) -> Path | None: ...
    def choose_folder(self, title: str, start: Path) -> Path | None: ...
    def open_file(self, path: Path) -> bool: ...
    def inform(self, title: str, text: str) -> None: ...
    def warn(self, title: str, text: str) -> None: ...
    def confirm(self, title: str, text: str) -> bool: ...
    def ask_unsaved(self, title: str, text: str) -> str: ...
    def ask_text(self, title: str, label: str, text: str = "", *, multiline: bool = False) -> str | None: ...
    def ask_passphrase(self, title: str, label: str) -> str | None: ...
    def ask_choice(self, title: str, label: str, choices: list[str], current: int = 0) -> int | None: ...
    def ask_evidence_details(self, files: list[Path], suggestion: EvidenceDetails) -> EvidenceDetails | None: ...
    def ask_evidence_batch(self, suggestions: list[EvidenceSuggestion]) -> list[EvidenceGroup] | None: ...
    def about(self, title: str, html: str) -> None: ...


class UserPrompts:
    """The Prompts of the running application: Qt's dialogs over `parent`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    # --- files -----------------------------------------------------------------------------------------------------

    def _open_one(self, title: str, file_filter: str) -> Path | None:
        chosen = _chosen(file_dialog(self.parent, title, "", file_filter, QFileDialog.FileMode.ExistingFile))
        return Path(chosen[0]) if chosen else None

    def choose_workbook(self) -> Path | None:
        return self._open_one(translate("UserPrompts", "Choose the city's table"),
                              translate("UserPrompts", "Spreadsheets (*.xlsx *.xlsm *.xls *.ods)"))

    def choose_evidence_files(self) -> list[Path]:
        return self.choose_files(
            translate("UserPrompts", "Add evidence files"),
            translate("UserPrompts",
                      "Evidence (*.jpg *.jpeg *.png *.pdf *.doc *.docx *.xls *.xlsx *.ofd *.zip);;All files (*)"))

    def choose_identity_file(self) -> Path | None:
        return self._open_one(translate("UserPrompts", "Choose the certificate file"),
                              translate("UserPrompts", "PKCS#12 certificates (*.p12 *.pfx)"))

    def choose_seal_image(self) -> Path | None:
        return self._open_one(translate("UserPrompts", "Choose the seal image"),
                              translate("UserPrompts", "Images (*.png *.jpg *.jpeg *.bmp)"))

    def choose_files(self, title: str, file_filter: str) -> list[Path]:
        dialog = file_dialog(self.parent, title, "", file_filter, QFileDialog.FileMode.ExistingFiles)
        return [Path(path) for path in _chosen(dialog)]

    def choose_save_path(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        dialog = file_dialog(self.parent, title, str(suggested.parent), file_filter, QFileDialog.FileMode.AnyFile,
                             save=True)
        dialog.selectFile(suggested.name)
        chosen = _chosen(dialog)
        return Path(chosen[0]) if chosen else None

    def choose_folder(self, title: str, start: Path) -> Path | None:
        chosen = _chosen(file_dialog(self.parent, title, str(start), "", QFileDialog.FileMode.Directory,
                                     options=QFileDialog.Option.ShowDirsOnly))
        return Path(chosen[0]) if chosen else None

    def open_file(self, path: Path) -> bool:
        """Open `path` with the system's viewer for its type; False when no viewer could be started."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- questions ---------------------------------------------------------------------------------------------------

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def ask_unsaved(self, title: str, text: str) -> str:
        """'save', 'discard' or 'cancel' for a window that holds unsaved changes."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return "save"
        if answer == QMessageBox.StandardButton.Discard:
            return "discard"
        return "cancel"

    def ask_text(self, title: str, label: str, text: str = "", *, multiline: bool = False) -> str | None:
        if multiline:
            value, accepted = QInputDialog.getMultiLineText(self.parent, title, label, text)
        else:
            value, accepted = QInputDialog.getText(self.parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value if accepted else None

    def ask_passphrase(self, title: str, label: str) -> str | None:
        value, accepted = QInputDialog.getText(self.parent, title, label, QLineEdit.EchoMode.Password)
        return value if accepted else None

    def ask_choice(self, title: str, label: str, choices: list[str], current: int = 0) -> int | None:
        """The index of the chosen item, or None."""
        value, accepted = QInputDialog.getItem(self.parent, title, label, choices, current, False)
        return choices.index(value) if accepted and value in choices else None

    def ask_evidence_details(self, files: list[Path], suggestion: EvidenceDetails) -> EvidenceDetails | None:
        """Kind, title, date, document number and description for files about to become one piece of evidence."""
        dialog = EvidenceDetailsDialog(files, suggestion, self.parent)
        return dialog.details() if dialog.exec() else None

    def ask_evidence_batch(self, suggestions: list[EvidenceSuggestion]) -> list[EvidenceGroup] | None:
        """For several files: a kind, title and date per file (or one piece for all); [(files, details)] or None."""
        dialog = EvidenceBatchDialog(suggestions, self.parent)
        return dialog.groups() if dialog.exec() else None

    def about(self, title: str, html: str) -> None:
        QMessageBox.about(self.parent, title, html)
