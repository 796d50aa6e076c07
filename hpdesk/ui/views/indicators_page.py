"""The indicator grid: indicators × years with the county's values, the city's targets and a verdict colour (met /
not met / on track / off track / needs judgement) with the reason on hover. Values are typed into the cells; the
right-click menu records the clerk's judgement where the target cannot be judged by a number.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QMenu, QTableView, QVBoxLayout, QWidget,
)

from hpdesk.services.indicator_grid import grid_years
from hpdesk.ui import theme
from hpdesk.ui.i18n import VERDICT_LABELS, error_text, label
from hpdesk.ui.jobs import JobRunner, Newest
from hpdesk.ui.models.indicator_grid_model import FIXED_COLUMNS, IndicatorFilterProxy, IndicatorGridModel

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.services.indicator_evaluation import IndicatorEvaluation


class IndicatorsPage(QWidget):
    data_changed = Signal()

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str = "zh_CN",
                 parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.today = today or date.today()
        self._loads = Newest()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.count_label = theme.muted_label(wrap=False)
        # long action titles must not widen the window past a 1024-pixel screen
        self.action_combo = QComboBox(
            sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon, minimumContentsLength=12)
        self.action_combo.setMinimumWidth(160)
        self.action_combo.currentIndexChanged.connect(self._on_filter_changed)
        self.verdict_combo = theme.item_combo([(self.tr("Any"), ""),
                                               *((label(VERDICT_LABELS, code), code) for code in VERDICT_LABELS)])
        self.verdict_combo.currentIndexChanged.connect(self._on_filter_changed)
        layout.addLayout(theme.hbox(theme.page_title(self.tr("Indicators")), (self.count_label, 1),
                                    QLabel(self.tr("Action")), self.action_combo, QLabel(self.tr("Verdict")),
                                    self.verdict_combo))
        layout.addLayout(self._legend())
        self.grid_model = IndicatorGridModel(self.language)
        self.grid_model.value_entered.connect(self._on_value_entered)
        self.proxy = IndicatorFilterProxy()
        self.proxy.setSourceModel(self.grid_model)
        self.grid_table = QTableView()
        self.grid_table.setModel(self.proxy)
        self.grid_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                        | QAbstractItemView.EditTrigger.EditKeyPressed
                                        | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.grid_table.setWordWrap(False)
        self.grid_table.verticalHeader().setVisible(False)
        self.grid_table.verticalHeader().setDefaultSectionSize(28)
        self.grid_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid_table.customContextMenuRequested.connect(self._on_grid_context_menu_requested)
        layout.addWidget(self.grid_table, 1)
        # wrapped: an unwrapped sentence sets the window's minimum width
        layout.addWidget(theme.muted_label(self.tr("Double-click a year cell (or start typing) to enter the county's "
                                                   "value as written, e.g. 95.25%以上. Right-click to record a "
                                                   "judgement.")))

    def _legend(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Colours:")))
        for code in VERDICT_LABELS:
            swatch = QFrame()
            swatch.setFixedSize(14, 14)
            swatch.setStyleSheet(f"background:{theme.VERDICT_BACKGROUND[code].name()};"
                                 f"border:1px solid {theme.VERDICT_STRONG[code].name()};border-radius:3px;")
            row.addWidget(swatch)
            row.addWidget(QLabel(label(VERDICT_LABELS, code)))
            row.addSpacing(10)
        row.addStretch()
        return row

    # --- loading -----------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        this_year = self.today.year

        def load():
            rows = self.services.indicator_grid()
            years = grid_years(rows, this_year)
            return rows, years, {year: self.services.evaluations(year) for year in years} if rows else {}

        self.jobs.run(load, self._loads.then(self._on_loaded))

    def _on_loaded(self, result) -> None:
        rows, years, evaluations = result
        self.grid_model.set_grid(rows, years, evaluations)
        actions = dict.fromkeys(row.action for row in rows if row.action)
        theme.refill_combo(self.action_combo, [(self.tr("All actions"), ""), *((action, action) for action in actions)],
                           self.action_combo.currentData())
        self._on_filter_changed()
        header = self.grid_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((2, 70), (3, 90), (4, 170)):
            header.resizeSection(column, width)
        self.grid_table.resizeColumnToContents(0)  # codes like P2-I001 stay on one line, never "P2-I00 / 1"
        for offset in range(len(years)):
            header.resizeSection(FIXED_COLUMNS + offset, 96)

    def _on_filter_changed(self) -> None:
        self.proxy.set_filter(self.action_combo.currentData() or "", self.verdict_combo.currentData() or "")
        self.count_label.setText(self.tr("{shown} of {total} indicators").format(
            shown=self.proxy.rowCount(), total=self.grid_model.rowCount()))

    # --- editing -----------------------------------------------------------------------------------------------------

    def _on_value_entered(self, code: str, year: int, text: str) -> None:
        row = next(number for number in range(self.grid_model.rowCount())
                   if self.grid_model.row_at(number).code == code)
        indicator_id = self.grid_model.row_at(row).id
        self.jobs.run(lambda: self.services.set_indicator_value(code, year, text),
                      lambda evaluation: self._on_evaluated(evaluation, year),
                      lambda error: self._on_value_refused(indicator_id, year, error))

    def _on_evaluated(self, evaluation: IndicatorEvaluation, year: int) -> None:
        self.grid_model.update_evaluation(evaluation, year)
        self.data_changed.emit()

    def _on_value_refused(self, indicator_id: int, year: int, error: BaseException) -> None:
        self.grid_model.discard_pending(indicator_id, year)
        self.prompts.warn(self.tr("Indicator value"), error_text(error, self.language))

    def _on_grid_context_menu_requested(self, position: QPoint) -> None:
        index = self.proxy.mapToSource(self.grid_table.indexAt(position))
        year = self.grid_model.year_of_column(index.column()) if index.isValid() else None
        if year is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Enter value…"), lambda: self.grid_table.edit(self.proxy.mapFromSource(index)))
        menu.addAction(self.tr("Record judgement…"), lambda: self.record_judgement(index))
        evaluation = self.grid_model.evaluation(index.row(), year)
        if evaluation is not None and evaluation.judged_by:
            menu.addAction(self.tr("Clear judgement"), lambda: self._save_judgement(index, year, "", ""))
        menu.popup(self.grid_table.viewport().mapToGlobal(position))
        self.context_menu = menu

    def record_judgement(self, index: QModelIndex) -> None:
        """Ask for the verdict and its reason (kept with who and when) for a target numbers cannot decide."""
        year = self.grid_model.year_of_column(index.column())
        if year is None:
            return
        row = self.grid_model.row_at(index.row())
        codes = [code for code in VERDICT_LABELS if code != "no_value"]  # a clerk judges a value, not its absence
        choice = self.prompts.ask_choice(self.tr("Judgement"), self.tr("{indicator}, {year}: verdict").format(
            indicator=row.name, year=year), [label(VERDICT_LABELS, code) for code in codes])
        if choice is None:
            return
        reason = self.prompts.ask_text(self.tr("Judgement"), self.tr("Why? (e.g. what the evidence shows)"),
                                       multiline=True)
        if reason is None:
            return
        if not reason.strip():  # OK with nothing typed did nothing and said nothing
            self.prompts.warn(self.tr("Judgement"), self.tr(
                "Nothing was recorded: a judgement needs the reason for it (it is kept with your name and the date)."))
            return
        self._save_judgement(index, year, codes[choice], reason.strip())

    def _save_judgement(self, index: QModelIndex, year: int, verdict: str, reason: str) -> None:
        code = self.grid_model.row_at(index.row()).code
        self.jobs.run(lambda: self.services.record_judgement(code, year, verdict, reason),
                      lambda evaluation: self._on_evaluated(evaluation, year),
                      lambda error: self.prompts.warn(self.tr("Judgement"), error_text(error, self.language)))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("indicators/action", self.action_combo.currentData() or "")

    def restore_state(self, settings: QSettings) -> None:
        action = str(settings.value("indicators/action", ""))
        if action:
            self.action_combo.addItem(action, action)
            self.action_combo.setCurrentIndex(self.action_combo.count() - 1)
