"""Hand a task (or several selected tasks) to county units: one lead unit and any co-responsible units (confirms a
suggested assignment too). Units are listed in pinyin order; both lists filter as the clerk types, and no lead unit
is chosen for the clerk when the task has none: an arbitrary preselection would be assigned by a careless Enter."""

from __future__ import annotations

from PySide6.QtCore import QCollator, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox, QCompleter, QDialog, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QVBoxLayout, QWidget,
)

from hpdesk.services.task_detail import UnitReportRow
from hpdesk.services.units import UnitSummary
from hpdesk.ui.theme import muted_label
from hpdesk.ui.widgets.dialog_footer import add_error_and_buttons


class AssignDialog(QDialog):
    assignment_chosen = Signal(str, list)  # lead unit name, co-responsible unit names

    def __init__(self, units: list[UnitSummary], current: list[UnitReportRow], task_code: str,
                 parent: QWidget | None = None, task_count: int = 1) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign units — {task}").format(task=task_code) if task_count == 1 else
                            self.tr("Assign units — {count} tasks").format(count=task_count))
        units = sorted_units(units)
        self.resize(460, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(muted_label(self.tr("The lead unit answers for the task; co-responsible units report their "
                                             "part. Units that already reported keep their reports.")))
        form = QFormLayout()
        # editable, to type and filter: 40+ units do not fit a plain drop-down
        self.lead_combo = QComboBox(editable=True, insertPolicy=QComboBox.InsertPolicy.NoInsert)
        completer, line_edit = self.lead_combo.completer(), self.lead_combo.lineEdit()
        assert completer is not None and line_edit is not None  # an editable combo box has both
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        for unit in units:
            self.lead_combo.addItem(unit.name, unit.name)
        current_lead = next((row.unit for row in current if row.role == "lead"), None)
        self.lead_combo.setCurrentIndex(self.lead_combo.findData(current_lead) if current_lead is not None else -1)
        line_edit.setPlaceholderText(self.tr("Choose or type the lead unit"))
        form.addRow(self.tr("Lead unit"), self.lead_combo)
        layout.addLayout(form)
        self.filter_edit = QLineEdit(placeholderText=self.tr("Filter units…"))
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.filter_edit.installEventFilter(self)  # Enter here goes to the list; it pressed OK (see eventFilter)
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
        self.error_label = add_error_and_buttons(self, layout, self._on_ok_clicked)

    def chosen(self) -> tuple[str, list[str]]:
        typed = self.lead_combo.currentText().strip()
        index = self.lead_combo.findText(typed, Qt.MatchFlag.MatchExactly)
        lead = self.lead_combo.itemData(index) if index >= 0 else ""
        co = [self.co_list.item(row).text() for row in range(self.co_list.count())
              if self.co_list.item(row).checkState() == Qt.CheckState.Checked and self.co_list.item(row).text() != lead]
        return lead, co

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Enter in the filter moves to the first unit it left (Space ticks it): it used to press OK and assign
        the task before the clerk had ticked the unit they were filtering for."""
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shown = [self.co_list.item(row) for row in range(self.co_list.count())
                     if not self.co_list.item(row).isHidden()]
            if shown:
                self.co_list.setCurrentItem(shown[0])
                self.co_list.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _on_filter_edit_text_changed(self, text: str) -> None:
        for row in range(self.co_list.count()):
            item = self.co_list.item(row)
            item.setHidden(bool(text) and text not in item.text())

    def _on_ok_clicked(self) -> None:
        lead, co = self.chosen()
        if not lead:
            self.lead_combo.setFocus()
            self.error_label.setText(self.tr("Choose the lead unit from the list."))
            return
        self.assignment_chosen.emit(lead, co)
        self.accept()


def sorted_units(units: list[UnitSummary]) -> list[UnitSummary]:
    """Units in pinyin order (区财政局 before 区卫健委), as a Chinese clerk looks for them."""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return sorted(units, key=lambda unit: collator.sortKey(unit.name))
