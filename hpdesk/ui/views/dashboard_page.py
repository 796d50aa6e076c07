"""The dashboard for the selected period: how complete the county's reporting is per action and per unit, what is
overdue and by when it was due, and how the indicators stand against their targets — as charts, with the numbers.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QScrollArea, QVBoxLayout, QWidget,
)

from hpdesk.services.completeness import Completeness, CompletenessRow
from hpdesk.services.periods import PeriodSummary
from hpdesk.ui import theme
from hpdesk.ui.i18n import REVIEW_LABELS, VERDICT_LABELS, label
from hpdesk.ui.jobs import JobRunner, Newest
from hpdesk.ui.models.overdue_model import OverdueTableModel
from hpdesk.ui.widgets.charts import donut_chart, stacked_bar_chart

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices

UNIT_CHART_LIMIT = 12


class DashboardPage(QWidget):
    task_requested = Signal(str)  # a task code from the overdue list

    def __init__(self, services: AppServices, jobs: JobRunner, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs = services, jobs
        self.today = today or date.today()
        self.period: PeriodSummary | None = None
        self._loads = Newest()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(14, 10, 14, 14)
        self.title_label = theme.page_title(self.tr("Overview"))
        self.layout_.addWidget(self.title_label)
        self.subtitle_label = theme.muted_label(wrap=False)
        self.layout_.addWidget(self.subtitle_label)
        self.cards = QHBoxLayout()
        self.layout_.addLayout(self.cards)
        self.card_values: dict[str, QLabel] = {}
        for key, caption in (("to_confirm", self.tr("Assignments to confirm")),
                             ("expected", self.tr("Reports expected")), ("handed_in", self.tr("Handed in")),
                             ("approved", self.tr("Approved")), ("returned", self.tr("Returned")),
                             ("overdue", self.tr("Overdue")), ("indicators_met", self.tr("Indicators met"))):
            self.cards.addWidget(self._card(key, caption))
        # why 应报 may be short: tasks whose units are not confirmed are not counted
        self.assignment_note = QLabel(wordWrap=True)
        self.assignment_note.setStyleSheet(f"color: {theme.OVERDUE.name()};")
        self.assignment_note.hide()
        self.layout_.addWidget(self.assignment_note)
        self.charts = QGridLayout()
        self.charts.setHorizontalSpacing(12)
        self.charts.setColumnStretch(0, 3)  # actions have longer names than units
        self.charts.setColumnStretch(1, 2)
        self.layout_.addLayout(self.charts)
        lower = QHBoxLayout()
        lower.setSpacing(12)
        self.donut_holder = QVBoxLayout()
        lower.addLayout(self.donut_holder, 2)
        overdue_card = QFrame()
        overdue_card.setProperty("role", "card")
        overdue_layout = QVBoxLayout(overdue_card)
        overdue_title = QLabel(self.tr("Overdue reports"))
        overdue_title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        overdue_layout.addWidget(overdue_title)
        self.overdue_model = OverdueTableModel()
        self.overdue_table = theme.row_table(self.overdue_model,
                                             selection=QAbstractItemView.SelectionMode.ExtendedSelection)
        self.overdue_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.overdue_table.setMinimumHeight(200)
        self.overdue_table.doubleClicked.connect(self._on_overdue_table_double_clicked)
        for enter_key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the keyboard's double-click, as in the search
            QShortcut(QKeySequence(enter_key), self.overdue_table,
                      lambda: self._on_overdue_table_double_clicked(self.overdue_table.currentIndex()),
                      context=Qt.ShortcutContext.WidgetShortcut)
        overdue_layout.addWidget(self.overdue_table)
        self.overdue_note = theme.muted_label(wrap=False)
        overdue_layout.addWidget(self.overdue_note)
        overdue_layout.addStretch()  # with nothing overdue the table hides: keep the title and sentence at the top
        lower.addWidget(overdue_card, 3)
        self.layout_.addLayout(lower)
        self.layout_.addStretch()

    def _card(self, key: str, caption: str) -> QFrame:
        card = QFrame()
        card.setProperty("role", "card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(14, 8, 14, 8)
        value = QLabel("—")
        value.setProperty("role", "cardValue")
        layout.addWidget(value)
        text = QLabel(caption)
        text.setProperty("role", "cardLabel")
        layout.addWidget(text)
        self.card_values[key] = value
        return card

    # --- loading -----------------------------------------------------------------------------------------------------

    def set_period(self, period: PeriodSummary | None) -> None:
        self.period = period
        self.refresh()

    def refresh(self) -> None:
        period_label = self.period.label if self.period else None
        year = self.period.start_date.year if self.period else self.today.year
        self.jobs.run(lambda: self._load(period_label, year), self._loads.then(self._on_loaded))

    def _load(self, period_label: str | None, period_year: int):
        """Runs on the worker. Indicators are judged for the latest year with values up to the period's year
        (values arrive a year late: the annual monitoring report is due the following June)."""
        completeness = self.services.completeness(period_label) if period_label else None
        order = {action.label: number for number, action in enumerate(self.services.action_rows(False))}
        value_years = {year for row in self.services.indicator_grid() for year, _text in row.values
                       if year <= period_year}
        year = max(value_years, default=period_year)
        return completeness, order, self.services.verdict_summary(year), year, self.services.assignment_counts()

    def _on_loaded(self, result) -> None:
        completeness, action_order, verdicts, year, assignments = result
        theme.clear_layout(self.charts)
        theme.clear_layout(self.donut_holder)
        self._show_assignments(assignments)
        if completeness is None:
            self.title_label.setText(self.tr("Overview"))
            self.subtitle_label.setText(self.tr("No reporting period yet: create one in Settings → Calendar."))
        else:
            self._show_completeness(completeness, action_order)
        self._show_verdicts(verdicts, year)

    def _show_completeness(self, data: Completeness, action_order: dict[str, int]) -> None:
        assert self.period is not None
        self.title_label.setText(self.tr("Overview — {period}").format(period=self.period.name))
        days = (data.due_date - data.today).days
        due = self.tr("due {date} (in {days} days)").format(date=data.due_date.isoformat(), days=days) if days >= 0 \
            else self.tr("was due {date}").format(date=data.due_date.isoformat())
        self.subtitle_label.setText(self.tr("Reports {due} · as of {today}").format(due=due,
                                                                                 today=data.today.isoformat()))
        total = data.total
        handed_in = total.submitted + total.approved
        self.card_values["expected"].setText(str(total.expected))
        self.card_values["handed_in"].setText(f"{handed_in}")
        self.card_values["approved"].setText(f"{total.approved}（{_percent(total.approved, total.expected)}）")
        self.card_values["returned"].setText(str(total.returned))
        self.card_values["overdue"].setText(str(total.overdue))
        overdue_colour = theme.OVERDUE.name() if total.overdue else "#1f2933"
        self.card_values["overdue"].setStyleSheet(f"color: {overdue_colour};")
        stacks_for = self._stacks
        empty = self.tr("No confirmed assignments in this period yet.")
        by_action = sorted((row for row in data.by_action if row.expected),
                           key=lambda row: action_order.get(row.key, len(action_order)))  # the plan's order
        self.charts.addWidget(stacked_bar_chart(self.tr("Completeness per action"), [row.key for row in by_action],
                                                stacks_for(by_action), empty), 0, 0)
        worst_units = sorted((row for row in data.by_unit if row.expected > row.approved),
                             key=lambda row: (-(row.expected - row.approved), row.key))[:UNIT_CHART_LIMIT]
        self.charts.addWidget(stacked_bar_chart(self.tr("Units with the most outstanding reports"),
                                                [row.key for row in worst_units], stacks_for(worst_units), empty),
                              0, 1)
        self._show_overdue(data)

    def _show_assignments(self, counts) -> None:
        """Tasks with suggested or no units are not expected to report: say so beside 应报, never hide it."""
        self.card_values["to_confirm"].setText(str(counts.pending))
        colour = theme.OVERDUE.name() if counts.pending else "#1f2933"
        self.card_values["to_confirm"].setStyleSheet(f"color: {colour};")
        parts = []
        if counts.unconfirmed:
            parts.append(self.tr("{count} county tasks have only suggested units").format(count=counts.unconfirmed))
        if counts.unassigned:
            parts.append(self.tr("{count} county tasks have no unit yet").format(count=counts.unassigned))
        self.assignment_note.setText(self.tr("{gaps}: they are not counted in the reports expected until their units "
                                             "are confirmed (Tasks → Assign).").format(gaps="; ".join(parts))
                                     if parts else "")
        self.assignment_note.setVisible(bool(parts))

    def _stacks(self, rows: list[CompletenessRow]):
        return [
            (label(REVIEW_LABELS, "approved"), theme.REVIEW_STRONG["approved"], [row.approved for row in rows]),
            (self.tr("Waiting for review"), theme.REVIEW_STRONG["submitted"], [row.submitted for row in rows]),
            (label(REVIEW_LABELS, "returned"), theme.REVIEW_STRONG["returned"], [row.returned for row in rows]),
            (self.tr("Not handed in"), theme.REVIEW_STRONG["draft"],
             [row.expected - row.approved - row.submitted - row.returned for row in rows]),
        ]

    def _show_overdue(self, data: Completeness) -> None:
        self.overdue_model.set_items(list(data.overdue), data.due_date)
        self.overdue_table.setVisible(bool(data.overdue))  # an empty table says less than the sentence below
        for column, width in ((0, 80), (2, 120), (3, 80), (4, 100)):
            self.overdue_table.horizontalHeader().resizeSection(column, width)
        if data.overdue:
            self.overdue_note.setText(self.tr("Double-click a row (or press Enter) to open the task."))
        elif data.today <= data.due_date:
            self.overdue_note.setText(self.tr("Nothing is overdue: the period is due on {date}.").format(
                date=data.due_date.isoformat()))
        else:
            self.overdue_note.setText(self.tr("Nothing is overdue."))

    def _show_verdicts(self, verdicts, year: int) -> None:
        slices = [(label(VERDICT_LABELS, code), theme.VERDICT_STRONG[code], verdicts.by_verdict.get(code, 0))
                  for code in VERDICT_LABELS]
        met = verdicts.by_verdict.get("met", 0)
        self.card_values["indicators_met"].setText(f"{met}/{verdicts.total}")
        self.donut_holder.addWidget(donut_chart(self.tr("Indicators against their targets, {year}").format(
            year=year), slices, self.tr("No indicators imported yet.")))

    def _on_overdue_table_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.task_requested.emit(self.overdue_model.row_at(index.row()).task_code)


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"

