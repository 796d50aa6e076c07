"""发给各单位填报…: write one fill-in workbook per chosen unit for a period (off the UI thread, with progress and
Cancel), then say which units got a file and which had nothing to report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QVBoxLayout, QWidget,
)

from hpdesk.services.periods import PeriodSummary
from hpdesk.ui.i18n import error_text
from hpdesk.ui.progress_dialog import run_with_progress
from hpdesk.ui.theme import hbox, item_combo, push_button
from hpdesk.ui.widgets.dialog_footer import add_action_buttons

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.services.forms.export import FormsExport


class SendFormsDialog(QDialog):
    """Choose the period, the units (all by default) and a folder; `written` holds the FormsExport once written."""

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, periods: list[PeriodSummary],
                 period: PeriodSummary | None, *, language: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.written: FormsExport | None = None
        self.setWindowTitle(self.tr("Send fill-in forms to the units"))
        self.setMinimumSize(560, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Each unit with tasks in the period gets one Excel workbook of its own tasks "
                                        "to fill in. Import the returned workbooks with “Import units' forms…”."),
                                wordWrap=True))
        form = QFormLayout()
        self.period_combo = item_combo([(item.name, item.label) for item in periods], period.label if period else None)
        form.addRow(self.tr("Period"), self.period_combo)
        self.folder_edit = QLineEdit(str(Path.home() / "填报表"))
        form.addRow(self.tr("Save in"), hbox((self.folder_edit, 1), push_button(self.tr("Choose…"),
                                                                                self._on_browse_clicked)))
        layout.addLayout(form)
        self.all_button = push_button(self.tr("All"), lambda: self._check_all(True))
        self.none_button = push_button(self.tr("None"), lambda: self._check_all(False))
        layout.addLayout(hbox((QLabel(self.tr("Units")), 1), self.all_button, self.none_button))
        self.unit_list = QListWidget()
        layout.addWidget(self.unit_list, 1)
        self.zip_check = QCheckBox(self.tr("One zip per unit (the workbook and a folder for its evidence)"))
        layout.addWidget(self.zip_check)
        self.result_label = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_label)
        _buttons, self.send_button = add_action_buttons(self, layout, self.tr("Write the forms"), self._on_send_clicked,
                                                        QDialogButtonBox.StandardButton.Close)
        self.period_combo.currentIndexChanged.connect(lambda _index: self.load_units())

    def load_units(self) -> None:
        """List the units of the chosen period with how many tasks each has (off the UI thread)."""
        label = self.period_combo.currentData()
        if label is None:
            return
        self.jobs.run(lambda: self.services.form_units(label), self._show_units,
                      lambda error: self.prompts.warn(self.windowTitle(), error_text(error, self.language)))

    def _show_units(self, units: list[tuple[str, int]]) -> None:
        self.unit_list.clear()
        for name, rows in units:
            text = (self.tr("{unit} ({count} tasks)").format(unit=name, count=rows) if rows
                    else self.tr("{unit} (nothing to report this period)").format(unit=name))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, name)
            if rows:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.unit_list.addItem(item)

    def _check_all(self, checked: bool) -> None:
        for index in range(self.unit_list.count()):
            item = self.unit_list.item(index)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def chosen_units(self) -> list[str]:
        return [self.unit_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.unit_list.count())
                if self.unit_list.item(i).checkState() == Qt.CheckState.Checked]

    def _on_browse_clicked(self) -> None:
        folder = self.prompts.choose_folder(self.tr("Save the forms in"), Path(self.folder_edit.text()))
        if folder is not None:
            self.folder_edit.setText(str(folder))

    def _on_send_clicked(self) -> None:
        units = self.chosen_units()
        if not units:
            self.prompts.warn(self.windowTitle(), self.tr("Choose at least one unit."))
            return
        label, folder, zip_each = self.period_combo.currentData(), Path(self.folder_edit.text()), self.zip_check.isChecked()
        self.send_button.setEnabled(False)
        run_with_progress(self.jobs, self, self.tr("Writing the forms…"), self.language,
                          lambda progress, cancel: self.services.export_forms(label, folder, units, zip_each,
                                                                              progress, cancel),
                          self._on_written, self._on_failed)

    def _on_written(self, result: FormsExport) -> None:
        self.written = result
        lines = [self.tr("{count} forms written to {folder}:").format(count=len(result.forms),
                                                                       folder=self.folder_edit.text())]
        lines += [self.tr("• {unit}: {file} ({rows} tasks)").format(unit=f.unit, file=f.path.name, rows=f.rows)
                  for f in result.forms]
        if result.without_tasks:
            lines.append(self.tr("No form for units with nothing to report: {units}").format(
                units="、".join(result.without_tasks)))
        self.result_label.setText("\n".join(lines))

    def _on_failed(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.prompts.warn(self.windowTitle(), error_text(error, self.language))
