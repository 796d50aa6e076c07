"""The city's consolidation dashboard for one period: who sent what, completeness and indicator charts, the tables
behind them, one task answered by every county side by side, and search across the counties' answers. The 汇总表
and the PDF summary are written from here. Everything is read through AppServices on the JobRunner."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHeaderView, QLabel, QLineEdit, QTableWidget, QTabWidget,
    QVBoxLayout, QWidget,
)

from hpdesk.services.city.consolidation import MEETING
from hpdesk.ui.i18n import error_text
from hpdesk.ui.progress_dialog import run_with_progress
from hpdesk.ui.theme import clear_layout, fill_table, hbox, page_title, push_button, record_table, refill_combo
from hpdesk.ui.widgets.charts import stacked_bar_chart

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner

DONE, IN_PROGRESS, OTHER, NOT_REPORTED = QColor("#2e8b57"), QColor("#4a90d9"), QColor("#f0ad4e"), QColor("#d9534f")


def _table(headers: list[str]) -> QTableWidget:
    table = record_table(headers, selection=QAbstractItemView.SelectionMode.ExtendedSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class CityConsolidationPage(QWidget):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.consolidation = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.period_combo = QComboBox()
        self.period_combo.setMinimumWidth(180)
        self.period_combo.currentIndexChanged.connect(lambda _index: self.load())
        self.export_button = push_button(self.tr("Write the summary workbook and PDF…"),
                                         self._on_export_button_clicked)
        layout.addLayout(hbox(page_title(self.tr("Consolidation")), QLabel(self.tr("Period")), self.period_combo, 1,
                              self.export_button))
        self.summary_label = QLabel(wordWrap=True)
        layout.addWidget(self.summary_label)
        self.tabs = QTabWidget()
        self.completeness_table = _table([])
        self.indicator_table = _table([])
        # Each chart sits above its table at its own height (a bar per county), never stretched to fill the page.
        self.completeness_chart = QVBoxLayout()
        self.indicator_chart = QVBoxLayout()
        self.tabs.addTab(self._chart_tab(self.completeness_chart, self.completeness_table), self.tr("Completeness"))
        self.tabs.addTab(self._chart_tab(self.indicator_chart, self.indicator_table), self.tr("Indicators"))
        self.tabs.addTab(self._build_task_tab(), self.tr("One task, every county"))
        self.tabs.addTab(self._build_search_tab(), self.tr("Search answers"))
        layout.addWidget(self.tabs, 1)

    @staticmethod
    def _chart_tab(chart: QVBoxLayout, table: QTableWidget) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(chart)
        layout.addWidget(table, 1)
        return tab

    def _build_task_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.task_combo = QComboBox()
        self.task_combo.setMinimumWidth(420)
        self.task_combo.currentIndexChanged.connect(lambda _index: self.load_task())
        layout.addLayout(hbox(QLabel(self.tr("Task")), (self.task_combo, 1)))
        self.task_table = _table([self.tr("County"), self.tr("Status"), self.tr("Work done"), self.tr("Figures"),
                                  self.tr("Problems"), self.tr("Next steps"), self.tr("Evidence")])
        self.task_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 70, 320, 160, 180, 180, 260)):
            self.task_table.setColumnWidth(column, width)
        layout.addWidget(self.task_table, 1)
        return tab

    def _build_search_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.search_edit = QLineEdit(placeholderText=self.tr("Words to find in every county's answers"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self.search)
        layout.addWidget(self.search_edit)
        self.search_table = _table([self.tr("County"), self.tr("Task"), self.tr("Where"), self.tr("Text")])
        self.search_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.search_table, 1)
        return tab

    # --- loading -------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the periods and tasks, then the consolidation of the chosen period."""
        self.jobs.run(lambda: (self.services.periods(), self.services.city_tasks()), self._on_lists_loaded)

    def _on_lists_loaded(self, lists) -> None:
        periods, tasks = lists
        wanted, labels = self.period_combo.currentData(), [period.label for period in periods]
        refill_combo(self.period_combo, [(period.name, period.label) for period in periods],
                     wanted if wanted in labels else labels[-1] if labels else None)  # else the latest period
        refill_combo(self.task_combo, [(f"{code}　{text[:40]}", code) for code, text in tasks],
                     self.task_combo.currentData())
        self.load()

    def period(self) -> str | None:
        return self.period_combo.currentData()

    def load(self) -> None:
        period = self.period()
        if period is None:
            self.summary_label.setText(self.tr("The city has no reporting periods yet (Settings → Calendar)."))
            return
        self.jobs.run(lambda: self.services.consolidation(period), self._show)
        self.load_task()

    def _show(self, result) -> None:
        self.consolidation = result
        missing = "、".join(map(result.short, result.missing)) or self.tr("none")
        late = "、".join(map(result.short, result.late)) or self.tr("none")
        self.summary_label.setText(self.tr(
            "{period}: {accepted} of {counties} counties accepted · due {due} · missing or returned: {missing} · "
            "late: {late}").format(period=result.period_name, accepted=len(result.accepted),
                                   counties=len(result.counties), due=result.due, missing=missing, late=late)
            + (self.tr(" · {count} differences from the city's plan").format(count=len(result.mismatches))
               if result.mismatches else ""))
        self._show_charts(result)
        actions = list(result.actions)
        headers = [self.tr("County"), self.tr("Status"), self.tr("Tasks"), self.tr("Reported"), self.tr("Done"),
                   self.tr("In progress"), self.tr("Not reported"), *actions]
        cells = {cell.county: cell for cell in result.by_period if cell.period == result.period}
        rows: list[list[object]] = []
        for county in result.counties:
            cell = cells[county]
            state = cell.state_label + (self.tr(" (late)") if cell.late and cell.received_on else "")
            if county in result.accepted:
                total = result.county_total(county)
                per_action = {line.action: f"{line.reported}/{line.tasks}" for line in result.by_action
                              if line.county == county}
                rows.append([result.short(county), state, total.tasks, total.reported, total.done,
                             total.in_progress, total.not_reported, *(per_action.get(a, "") for a in actions)])
            else:
                rows.append([result.short(county), state, *([""] * (5 + len(actions)))])
        fill_table(self.completeness_table, rows, headers)
        indicator_rows = [[row.name, row.target_text, *(cell.value_text or "—" for cell in row.cells), row.met]
                          for row in result.indicators]
        fill_table(self.indicator_table, indicator_rows, [self.tr("Indicator"), self.tr("Target"),
                                                          *map(result.short, result.counties),
                                                          self.tr("Counties meeting")])
        # Long indicator names and targets wrap in a fixed width, so the counties' columns are in view.
        header = self.indicator_table.horizontalHeader()
        for column, width in ((0, 300), (1, 140)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.indicator_table.setColumnWidth(column, width)
        self.indicator_table.resizeRowsToContents()

    def _show_charts(self, result) -> None:
        """Tasks per county by status; and per county, how many indicators meet their target (each indicator's
        count of counties is the table's last column: 75 indicators make no readable chart)."""
        accepted = [result.county_total(county) for county in result.accepted]
        self._set_chart(self.completeness_chart, stacked_bar_chart(
            self.tr("Tasks per county"), [result.short(line.county) for line in accepted],
            [(self.tr("Done"), DONE, [line.done for line in accepted]),
             (self.tr("In progress"), IN_PROGRESS, [line.in_progress for line in accepted]),
             (self.tr("Other"), OTHER, [line.reported - line.done - line.in_progress for line in accepted]),
             (self.tr("Not reported"), NOT_REPORTED, [line.not_reported for line in accepted])],
            self.tr("No accepted package for this period yet.")))
        columns = {county: [row.cells[index] for row in result.indicators]
                   for index, county in enumerate(result.counties)}
        shown = [county for county in result.accepted if county in columns]
        self._set_chart(self.indicator_chart, stacked_bar_chart(
            self.tr("Indicators meeting their target, per county"), [result.short(county) for county in shown],
            [(self.tr("Met or on track"), DONE, [sum(c.verdict in MEETING for c in columns[county]) for county in shown]),
             (self.tr("Not met or to judge"), OTHER,
              [sum(bool(c.value_text) and c.verdict not in MEETING for c in columns[county]) for county in shown]),
             (self.tr("No value"), NOT_REPORTED, [sum(not c.value_text for c in columns[county]) for county in shown])],
            self.tr("No accepted package for this period yet.")))

    @staticmethod
    def _set_chart(holder: QVBoxLayout, chart: QWidget) -> None:
        clear_layout(holder)
        chart.setFixedHeight(chart.minimumHeight())
        holder.addWidget(chart)

    def load_task(self) -> None:
        period, code = self.period(), self.task_combo.currentData()
        if period is None or code is None:
            return
        self.jobs.run(lambda: self.services.city_task_view(period, code), self._show_task)

    def _show_task(self, view) -> None:
        rows = [[answer.county, answer.status_label, answer.narrative, answer.figures, answer.problems,
                 answer.next_steps, "\n".join(f"{item.number} {item.kind_label} {item.title}"
                                              f"（{len(item.files)}）" for item in answer.evidence)]
                for answer in view.answers]
        fill_table(self.task_table, rows)
        self.task_table.resizeRowsToContents()

    def search(self) -> None:
        text = self.search_edit.text().strip()
        self.jobs.run(lambda: self.services.search_answers(text, self.period()), self._show_hits)

    def _show_hits(self, hits) -> None:
        fill_table(self.search_table, [[hit.county, f"{hit.task_code} {hit.task_label[:30]}", hit.where, hit.text]
                                       for hit in hits])

    # --- outputs -------------------------------------------------------------------------------------------------

    def _on_export_button_clicked(self) -> None:
        period = self.period()
        if period is None:
            return
        folder = self.prompts.choose_folder(self.tr("Where to write the summary workbook and PDF"), Path.home())
        if folder is None:
            return
        run_with_progress(self.jobs, self, self.tr("Writing the summary…"), self.language,
                          lambda progress, cancel: self.services.write_city_outputs(period, folder, progress, cancel),
                          self._on_written, self._on_write_failed)

    def _on_written(self, outputs) -> None:
        self.prompts.inform(self.tr("Consolidation"), self.tr("Written:\n{workbook}\n{pdf}").format(
            workbook=outputs.workbook, pdf=outputs.pdf))

    def _on_write_failed(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("Consolidation"), error_text(error, self.language))
