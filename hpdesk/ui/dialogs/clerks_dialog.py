"""The clerks of a shared workspace (issue 17): who may work in it, as 审核 (reviewer) or 填报 (filler) of some units.

A reviewer lists, adds and removes clerks here, through the façade (the services check the role again and audit
every change; a refusal is shown as the services word it). The login is the name the clerk signs in to their PC
with; a filler is given the units whose reports they fill in. Removing a clerk keeps their past changes in the
audit trail under their login.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QTableWidgetItem, QVBoxLayout, QWidget,
)

from hpdesk.ui.theme import hbox, item_combo, muted_label, push_button, record_table
from hpdesk.ui.dialogs.assign_dialog import sorted_units
from hpdesk.ui.i18n import error_text
from hpdesk.ui.shared_status import role_text

if TYPE_CHECKING:
    from hpdesk.services.clerks import ClerkSummary
    from hpdesk.services.units import UnitSummary
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.jobs import JobRunner


class ClerksDialog(QDialog):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts, language: str = "zh_CN",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.clerks: list[ClerkSummary] = []
        self.setWindowTitle(self.tr("Clerks"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(muted_label(self.tr("Reviewers approve and return reports, lock periods, export and manage "
                                             "clerks; fillers edit the reports of their own units only. Everyone's "
                                             "changes are kept in the audit trail under their login.")))
        self.table = record_table([self.tr("Login"), self.tr("Name"), self.tr("Role"), self.tr("Units")])
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        layout.addWidget(self.table, 1)
        self.remove_button = push_button(self.tr("Remove the selected clerk…"), self.remove_selected)
        self.remove_button.setEnabled(False)
        layout.addLayout(hbox(None, self.remove_button))
        layout.addWidget(self._build_add_box())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _build_add_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Add a clerk"))
        outer = QHBoxLayout(box)
        form = QFormLayout()
        self.login_edit = QLineEdit(placeholderText=self.tr("the name they log in to their PC with, e.g. wangfang"))
        form.addRow(self.tr("Login"), self.login_edit)
        self.name_edit = QLineEdit(placeholderText=self.tr("e.g. 王芳 (optional)"))
        form.addRow(self.tr("Name"), self.name_edit)
        self.role_combo = item_combo([(role_text(role), role) for role in ("filler", "reviewer")])
        self.role_combo.currentIndexChanged.connect(self._on_role_combo_changed)
        form.addRow(self.tr("Role"), self.role_combo)
        self.add_button = push_button(self.tr("Add"), self.add_clerk, primary=True)
        form.addRow("", self.add_button)
        self.error_label = QLabel(wordWrap=True)
        self.error_label.setStyleSheet("color: #c0392b;")
        form.addRow(self.error_label)
        outer.addLayout(form, 1)
        units_box = QVBoxLayout()
        units_box.addWidget(QLabel(self.tr("Units they fill in for (fillers)")))
        self.units_list = QListWidget()
        units_box.addWidget(self.units_list, 1)
        outer.addLayout(units_box, 1)
        return box

    # --- loading -----------------------------------------------------------------------------------------------------

    def load(self) -> None:
        self.jobs.run(lambda: (self.services.clerks(), self.services.units()), self._on_loaded, self._show_error)

    def _on_loaded(self, result: tuple[list[ClerkSummary], list[UnitSummary]]) -> None:
        clerks, units = result
        self._show_clerks(clerks)
        self.units_list.clear()
        for unit in sorted_units([unit for unit in units if unit.active]):
            item = QListWidgetItem(unit.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.units_list.addItem(item)
        # the first clerk must be a reviewer (the services refuse otherwise): offer that first
        self.role_combo.setCurrentIndex(self.role_combo.findData("reviewer" if not clerks else "filler"))

    def _show_clerks(self, clerks: list[ClerkSummary]) -> None:
        self.clerks = clerks
        self.table.setRowCount(len(clerks))
        for row, clerk in enumerate(clerks):
            units = "、".join(clerk.units) if clerk.role == "filler" else self.tr("all units")
            for column, text in enumerate((clerk.login, clerk.display_name, role_text(clerk.role), units)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._on_table_selection_changed()

    def selected_clerk(self) -> ClerkSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.clerks[rows[0].row()] if rows else None

    def _on_table_selection_changed(self) -> None:
        self.remove_button.setEnabled(self.selected_clerk() is not None)

    def _on_role_combo_changed(self, _index: int) -> None:
        self.units_list.setEnabled(self.role_combo.currentData() == "filler")  # a reviewer may edit every unit

    def checked_units(self) -> list[str]:
        return [self.units_list.item(row).text() for row in range(self.units_list.count())
                if self.units_list.item(row).checkState() == Qt.CheckState.Checked]

    # --- changes -----------------------------------------------------------------------------------------------------

    def add_clerk(self) -> None:
        login, role = self.login_edit.text().strip(), self.role_combo.currentData()
        units = self.checked_units() if role == "filler" else []
        if not login:
            self.error_label.setText(self.tr("Enter the clerk's login."))
            self.login_edit.setFocus()
            return
        if role == "filler" and not units:
            self.error_label.setText(self.tr("Tick the units this filler fills in reports for."))
            return
        self.error_label.clear()
        name = self.name_edit.text().strip()
        self.jobs.run(lambda: self.services.add_clerk(login, role, units, name), self._on_added, self._on_add_failed)

    def _on_added(self, _clerk: ClerkSummary) -> None:
        self.login_edit.clear()
        self.name_edit.clear()
        self.load()

    def _on_add_failed(self, error: BaseException) -> None:
        self.error_label.setText(error_text(error, self.language))

    def remove_selected(self) -> None:
        clerk = self.selected_clerk()
        if clerk is None or not self.prompts.confirm(self.tr("Remove the clerk"), self.tr(
                "Remove {login}? They can no longer change this workspace; their past changes stay in the audit "
                "trail.").format(login=clerk.login)):
            return
        self.jobs.run(lambda: self.services.remove_clerk(clerk.login), lambda _none: self.load(), self._show_error)

    def _show_error(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("Clerks"), error_text(error, self.language))
