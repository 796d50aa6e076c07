"""Settings → Language: Chinese (the default) or English, kept in QSettings for the next start."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget

from hpdesk.ui.theme import muted_label
from hpdesk.ui.i18n import LANGUAGES


class LanguagePage(QWidget):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Language of hpdesk's windows")))
        self.language_group = QButtonGroup(self)
        self.language_buttons: dict[str, QRadioButton] = {}
        for code, name in LANGUAGES.items():
            button = QRadioButton(name)  # each language named in itself
            button.setChecked(code == language)
            button.toggled.connect(lambda checked, code=code: self._on_language_toggled(code, checked))
            self.language_group.addButton(button)
            self.language_buttons[code] = button
            layout.addWidget(button)
        self.note_label = muted_label(self.tr("The new language takes effect when hpdesk restarts. Exports and "
                                         "documents for the city are always in Chinese."))
        layout.addWidget(self.note_label)
        layout.addStretch()

    def _on_language_toggled(self, code: str, checked: bool) -> None:
        if checked:
            QSettings().setValue("language", code)
