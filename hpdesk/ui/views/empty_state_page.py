"""What a new workspace shows: the one thing to do first (import the city's table) and what follows after it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


from hpdesk.ui.theme import hbox, muted_label, push_button


class EmptyStatePage(QWidget):
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        card = QFrame()
        card.setProperty("role", "card")
        card.setMaximumWidth(720)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.setSpacing(14)
        self.title_label = QLabel(self.tr("Welcome to hpdesk"))
        self.title_label.setStyleSheet("font-size: 20pt; font-weight: bold; color: #1f2933;")
        layout.addWidget(self.title_label)
        self.office_label = muted_label(wrap=False)
        layout.addWidget(self.office_label)
        self.first_step_label = QLabel(self.tr(
            "<b>First step: import the city's table.</b> Choose the task breakdown table (任务分解表) or the "
            "indicator table the city sent you, as an Excel file. hpdesk finds the header, the actions, the tasks "
            "that fall to your county and their departments, and shows you everything before it imports."),
            wordWrap=True)
        self.first_step_label.setStyleSheet("font-size: 12pt;")
        layout.addWidget(self.first_step_label)
        self.import_button = push_button(self.tr("Import the city's table…"), self.import_requested.emit,
                                         primary=True)
        self.import_button.setMinimumHeight(40)
        self.import_button.setStyleSheet("font-size: 12pt; padding: 6px 24px;")
        layout.addLayout(hbox(self.import_button, None))
        self.next_steps_label = muted_label(self.tr(
            "Then: hpdesk suggests which county units carry each task (from the departments the city named), "
            "and you collect each unit's report and evidence for every reporting period, review them, record the "
            "indicator values and export the submission for the city."))
        layout.addWidget(self.next_steps_label)
        outer.addLayout(hbox(None, (card, 4), None))
        outer.addStretch(3)

    def set_office(self, office_name: str) -> None:
        self.office_label.setText(office_name)
        self.office_label.setVisible(bool(office_name))


