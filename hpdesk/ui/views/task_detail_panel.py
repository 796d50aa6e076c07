"""The task view: the city's text for a task (every column it wrote), the county units that carry it out (lead and
co-responsible), and for the selected period each unit's report with its review state and evidence count.

Double-click or Enter on a unit opens its report; "Assign units…" hands the task to units (or confirms the
suggestion made from the plan's departments).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QLabel, QSizePolicy, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from hpdesk.services.task_detail import TaskDetail, UnitReportRow
from hpdesk.ui.i18n import FLAG_LABELS, label
from hpdesk.ui.icons import icon
from hpdesk.ui.jobs import JobRunner, Newest
from hpdesk.ui.models.unit_report_model import UnitReportModel
from hpdesk.ui.theme import hbox, page_title, push_button, row_table

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices


@dataclass(frozen=True)
class ReportTarget:
    """Which report to open: a task, one of its units, a period."""

    task_id: int
    task_code: str
    task_text: str
    unit: str
    role: str
    period_label: str


class TaskDetailPanel(QWidget):
    report_requested = Signal(object)  # ReportTarget
    assign_requested = Signal(object)  # TaskDetail
    confirm_requested = Signal(object)  # TaskDetail whose suggested units the clerk accepts

    def __init__(self, services: AppServices, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs = services, jobs
        self.detail: TaskDetail | None = None
        self.period_label: str | None = None
        self.period_name = ""
        self._loads = Newest()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title_label = page_title(self.tr("Choose a task on the left"))
        self.title_label.setWordWrap(True)
        layout.addWidget(self.title_label)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.text_browser = QTextBrowser(openLinks=False)
        self.splitter.addWidget(self.text_browser)
        units_box = QWidget()
        units_layout = QVBoxLayout(units_box)
        units_layout.setContentsMargins(0, 4, 0, 0)
        # The heading has a line of its own, wrapped: beside the buttons a narrow view cut it to "…报告 — 202".
        self.units_label = QLabel(wordWrap=True)
        self.units_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.units_label.setStyleSheet("font-weight: bold;")
        units_layout.addWidget(self.units_label)
        self.confirm_button = push_button(self.tr("Confirm the suggestion"), self._on_confirm_button_clicked,
                                          tip=self.tr("hpdesk suggested these units from the departments the city "
                                                      "named; only confirmed units are expected to report"),
                                          icon=icon("approve"))
        self.confirm_button.hide()
        self.assign_button = push_button(self.tr("Assign units…"), self._on_assign_button_clicked,
                                         icon=icon("assign"))
        self.open_report_button = push_button(self.tr("Open report"), self._on_open_report_button_clicked, primary=True)
        units_layout.addLayout(hbox(1, self.confirm_button, self.assign_button, self.open_report_button))
        self.unit_model = UnitReportModel()
        self.unit_table = row_table(self.unit_model, word_wrap=True)
        self.unit_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.unit_table.horizontalHeader().setStretchLastSection(True)
        self.unit_table.doubleClicked.connect(self._on_unit_table_double_clicked)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.unit_table, self._on_open_report_button_clicked,
                  context=Qt.ShortcutContext.WidgetShortcut)
        units_layout.addWidget(self.unit_table)
        self.splitter.addWidget(units_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        self._set_enabled(False)

    # --- loading ---------------------------------------------------------------------------------------------------

    def set_period(self, period_label: str | None, period_name: str) -> None:
        self.period_label, self.period_name = period_label, period_name
        if self.detail is not None:
            self.show_task(self.detail.id)

    def show_task(self, task_id: int | None, select_unit_id: int | None = None) -> None:
        """Load and show a task (None clears the panel); the units' rows follow the current period."""
        on_loaded = self._loads.then(lambda result: self._on_task_loaded(result, select_unit_id))
        if task_id is None:
            self.detail = None
            self.confirm_button.hide()
            self.title_label.setText(self.tr("Choose a task on the left"))
            self.text_browser.clear()
            self.unit_model.set_rows([])
            self.units_label.clear()
            self._set_enabled(False)
            return
        period = self.period_label
        self.jobs.run(lambda: (self.services.task_detail(task_id), self.services.unit_reports(task_id, period)),
                      on_loaded)

    def reload(self) -> None:
        if self.detail is not None:
            selected = self.selected_unit()
            self.show_task(self.detail.id, selected.unit_id if selected else None)

    def _on_task_loaded(self, result: tuple[TaskDetail | None, list[UnitReportRow]], select_unit_id: int | None
                        ) -> None:
        detail, unit_rows = result
        self.detail = detail
        if detail is None:
            self.show_task(None)
            return
        self.title_label.setText(f"{detail.code}  {detail.action_label}")
        self.text_browser.setHtml(self._task_html(detail))
        self.unit_model.set_rows(unit_rows)
        self._set_enabled(True)
        if not detail.falls_to_county:
            self.units_label.setText(self.tr("This task is the city's own; no county unit reports on it."))
        elif not unit_rows:
            self.units_label.setText(self.tr("No unit is assigned yet — use “Assign units…”."))
        elif self.period_label is None:
            self.units_label.setText(self.tr("Units (create a reporting period in Settings to collect reports)"))
        else:
            self.units_label.setText(self.tr("Units and their reports — {period}").format(period=self.period_name))
        self.units_label.setToolTip(self.units_label.text())
        self.assign_button.setEnabled(detail.falls_to_county)
        self.confirm_button.setVisible(any(not row.confirmed for row in unit_rows))
        self.open_report_button.setEnabled(bool(unit_rows) and self.period_label is not None)
        target_row = next((number for number, row in enumerate(unit_rows) if row.unit_id == select_unit_id), 0)
        if unit_rows:
            self.unit_table.selectRow(target_row)

    def _task_html(self, detail: TaskDetail) -> str:
        serial = self.tr("serial {label}").format(label=detail.serial_label) if detail.serial_label else ""
        check_label = self.tr("Check in the source table")
        sections = [
            (self.tr("Action"), detail.action_label),
            (self.tr("Basic content"), detail.text.basic_content),
            (self.tr("Task"), detail.text.task_text),
            (self.tr("Measures"), detail.text.measures),
            (self.tr("Work plan (the evidence the city expects)"), detail.text.work_plan),
            (self.tr("Reporting instruction"), detail.text.reporting_note),
            (self.tr("Lead (as the city wrote it)"), detail.text.lead_text),
            (self.tr("Responsible (as the city wrote it)"), detail.text.responsible_text),
            (self.tr("Note"), detail.text.note),
            (self.tr("Source"), " · ".join(part for part in (detail.plan_title, detail.source, serial) if part)),
        ]
        parts = ["<style>p{margin:0 0 10px 0;line-height:140%;} b{color:#374151;}</style>"]
        for title, text in sections:
            if text and text.strip():
                body = html.escape(text).replace("\n", "<br>")
                parts.append(f"<p><b>{html.escape(title)}</b><br>{body}</p>")
        if detail.flags:
            parts.append(f"<p style='color:#9a6700'><b>{html.escape(check_label)}</b>："
                         f"{html.escape('、'.join(label(FLAG_LABELS, flag) for flag in detail.flags))}</p>")
        return "".join(parts)

    # --- actions ---------------------------------------------------------------------------------------------------

    def selected_unit(self) -> UnitReportRow | None:
        rows = self.unit_table.selectionModel().selectedRows()
        return self.unit_model.row_at(rows[0].row()) if rows else None

    def _on_unit_table_double_clicked(self, index: QModelIndex) -> None:
        self.unit_table.selectRow(index.row())
        self._on_open_report_button_clicked()

    def _on_open_report_button_clicked(self) -> None:
        unit = self.selected_unit()
        if unit is None or self.detail is None or self.period_label is None:
            return
        self.report_requested.emit(ReportTarget(self.detail.id, self.detail.code,
                                                self.detail.text.label, unit.unit, unit.role, self.period_label))

    def _on_confirm_button_clicked(self) -> None:
        if self.detail is not None:
            self.confirm_requested.emit(self.detail)

    def _on_assign_button_clicked(self) -> None:
        if self.detail is not None:
            self.assign_requested.emit(self.detail)

    def _set_enabled(self, enabled: bool) -> None:
        self.assign_button.setEnabled(enabled)
        self.open_report_button.setEnabled(enabled)
