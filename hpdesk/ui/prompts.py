"""UserPrompts: the only place that opens QFileDialog and QMessageBox, so tests can replace it with a fake."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class UserPrompts:
    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def choose_workbook(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            QCoreApplication.translate("UserPrompts", "Choose the city's table"),
            "",
            QCoreApplication.translate("UserPrompts", "Spreadsheets (*.xlsx *.xls *.ods)"),
        )
        return Path(path) if path else None

    def inform(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes
