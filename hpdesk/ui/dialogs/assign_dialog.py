"""Hand a task to county units: one lead unit and any co-responsible units (confirms a suggested assignment too)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout,
    QWidget,
)

from hpdesk.services.ui_queries import UnitReportRow
from hpdesk.services.units import UnitSummary


class AssignDialog(QDialog):
    """Never subclassed, so self.tr() takes the right context."""

    assignment_chosen = Signal(str, list)  # lead unit name, co-responsible unit names

    def __init__(self, units: list[UnitSummary], current: list[UnitReportRow], task_code: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign units — {task}").format(task=task_code))
        self.resize(460, 520)
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("The lead unit answers for the task; co-responsible units report their part. "
                              "Units that already reported keep their reports."))
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        layout.addWidget(hint)
        form = QFormLayout()
        self.lead_combo = QComboBox()
        for unit in units:
            self.lead_combo.addItem(unit.name, unit.name)
        current_lead = next((row.unit for row in current if row.role == "lead"), None)
        if current_lead is not None:
            self.lead_combo.setCurrentIndex(max(self.lead_combo.findData(current_lead), 0))
        form.addRow(self.tr("Lead unit"), self.lead_combo)
        layout.addLayout(form)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter units…"))
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        layout.addWidget(QLabel(self.tr("Co-responsible units")))
        layout.addWidget(self.filter_edit)
        self.co_list = QListWidget()
        current_co = {row.unit for row in current if row.role == "co"}
        for unit in units:
            item = QListWidgetItem(unit.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit.name in current_co else Qt.CheckState.Unchecked)
            self.co_list.addItem(item)
        layout.addWidget(self.co_list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_ok_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, list[str]]:
        lead = self.lead_combo.currentData() or ""
        co = [self.co_list.item(row).text() for row in range(self.co_list.count())
              if self.co_list.item(row).checkState() == Qt.CheckState.Checked and self.co_list.item(row).text() != lead]
        return lead, co

    def _on_filter_edit_text_changed(self, text: str) -> None:
        for row in range(self.co_list.count()):
            item = self.co_list.item(row)
            item.setHidden(bool(text) and text not in item.text())

    def _on_ok_clicked(self) -> None:
        lead, co = self.chosen()
        if lead:
            self.assignment_chosen.emit(lead, co)
            self.accept()
