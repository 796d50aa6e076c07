"""Settings → Calendar: when reports fall due (never hard-coded: the city decides), the reporting periods, and
moving a period from open to sent to locked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QSpinBox, QVBoxLayout, QWidget,
)

from hpdesk.domain.calendar import Cadence
from hpdesk.services.periods import PeriodSummary
from hpdesk.ui.i18n import PERIOD_KIND_LABELS, error_text, label
from hpdesk.ui.models.period_table_model import PeriodTableModel
from hpdesk.ui.theme import hbox, item_combo, push_button, row_table

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner


class MonthDayEdit(QWidget):
    """A month and a day, e.g. 6 月 15 日 (due dates repeat every year, so no year)."""

    def __init__(self, month: int, day: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.month_spin = QSpinBox(minimum=1, maximum=12, value=month, suffix=self.tr(" (month)"))
        self.day_spin = QSpinBox(minimum=1, maximum=31, value=day, suffix=self.tr(" (day)"))
        layout.addWidget(self.month_spin)
        layout.addWidget(self.day_spin)

    def value(self) -> tuple[int, int]:
        return self.month_spin.value(), self.day_spin.value()

    def set_value(self, month_day: tuple[int, int]) -> None:
        self.month_spin.setValue(month_day[0])
        self.day_spin.setValue(month_day[1])


class CalendarPage(QWidget):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.today = today or date.today()
        self.cadence: Cadence | None = None
        self.may_review = True  # False for a 填报 clerk of a shared workspace: no lock, reopen or mark as sent
        layout = QVBoxLayout(self)
        due_box = QGroupBox(self.tr("When reports fall due"))
        form = QFormLayout(due_box)
        self.first_half_edit = MonthDayEdit(6, 15)
        self.second_half_edit = MonthDayEdit(12, 15)
        form.addRow(self.tr("First half-year report"), hbox(self.first_half_edit, None))
        form.addRow(self.tr("Second half-year report"), hbox(self.second_half_edit, None))
        self.annual_edit = MonthDayEdit(6, 5)
        self.annual_next_year_check = QCheckBox(self.tr("in the following year"))
        form.addRow(self.tr("Yearly report"), hbox(self.annual_edit, self.annual_next_year_check, None))
        self.save_cadence_button = push_button(self.tr("Save due dates"), self._on_save_cadence_button_clicked)
        form.addRow(hbox(None, self.save_cadence_button))
        layout.addWidget(due_box)
        periods_box = QGroupBox(self.tr("Reporting periods"))
        periods_layout = QVBoxLayout(periods_box)
        self.period_model = PeriodTableModel()
        self.period_table = row_table(self.period_model, alternating=False, word_wrap=True)
        self.period_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.period_table.selectionModel().selectionChanged.connect(lambda *_: self._update_state_buttons())
        periods_layout.addWidget(self.period_table, 1)
        self.year_spin = QSpinBox(minimum=2000, maximum=2100, value=self.today.year)
        self.kind_combo = item_combo([(label(PERIOD_KIND_LABELS, code), code) for code in PERIOD_KIND_LABELS])
        self.create_button = push_button(self.tr("Create"), self._on_create_button_clicked)
        periods_layout.addLayout(hbox(QLabel(self.tr("Create the periods of")), self.year_spin, self.kind_combo,
                                      self.create_button, None))
        self.sent_button = push_button(self.tr("Mark as sent to the city"), lambda: self.set_state("submitted"))
        self.lock_button = push_button(self.tr("Lock"), lambda: self.set_state("locked"), tip=self.tr(
            "After locking, every change needs a reason and is marked in exports"))
        self.reopen_button = push_button(self.tr("Reopen"), lambda: self.set_state("open"))
        periods_layout.addLayout(hbox(self.sent_button, self.lock_button, self.reopen_button, None))
        layout.addWidget(periods_box, 1)
        self._update_state_buttons()

    def load(self) -> None:
        self.jobs.run(lambda: (self.services.cadence(), self.services.periods()), self._show)

    def _show(self, result) -> None:
        cadence, periods = result
        self.cadence = cadence
        self.first_half_edit.set_value(tuple(cadence.semiannual_due[0]))
        self.second_half_edit.set_value(tuple(cadence.semiannual_due[1]))
        self.annual_edit.set_value(tuple(cadence.annual_due))
        self.annual_next_year_check.setChecked(cadence.annual_due_next_year)
        self.period_model.set_rows(periods)
        self._update_state_buttons()

    def _cadence_in_form(self, saved: Cadence) -> Cadence:
        return replace(saved, semiannual_due=(self.first_half_edit.value(), self.second_half_edit.value()),
                       annual_due=self.annual_edit.value(),
                       annual_due_next_year=self.annual_next_year_check.isChecked())

    def has_unsaved_changes(self) -> bool:
        """Whether the due dates differ from those saved (closing Settings asks before dropping them)."""
        saved = self.cadence
        if saved is None:
            return False
        form = (self.first_half_edit.value(), self.second_half_edit.value(), self.annual_edit.value(),
                self.annual_next_year_check.isChecked())
        return form != (tuple(saved.semiannual_due[0]), tuple(saved.semiannual_due[1]), tuple(saved.annual_due),
                        saved.annual_due_next_year)

    def _on_save_cadence_button_clicked(self) -> None:
        if self.cadence is None:
            return
        new_cadence = self._cadence_in_form(self.cadence)

        def saved(_none: object) -> None:
            self.cadence = new_cadence
            self.prompts.inform(self.tr("Calendar"), self.tr("Saved. Periods created from now on use these due dates."))

        self.jobs.run(lambda: self.services.set_cadence(new_cadence), saved, self._warn)

    def _on_create_button_clicked(self) -> None:
        year, kind = self.year_spin.value(), self.kind_combo.currentData()
        self.jobs.run(lambda: self.services.create_periods(year, year, kind), lambda _periods: self.load(),
                      self._warn)

    def selected_period(self) -> PeriodSummary | None:
        rows = self.period_table.selectionModel().selectedRows()
        return self.period_model.row_at(rows[0].row()) if rows else None

    def _update_state_buttons(self) -> None:
        period = self.selected_period()
        state = period.state if period and self.may_review else None
        self.sent_button.setEnabled(state == "open")
        self.lock_button.setEnabled(state in ("open", "submitted"))
        self.reopen_button.setEnabled(state in ("submitted", "locked"))

    def set_state(self, state: str) -> None:
        period = self.selected_period()
        if period is None:
            return
        reason = ""
        if period.state == "locked" and state == "open":
            answer = self.prompts.ask_text(self.tr("Reopen"), self.tr(
                "Why must {period} be reopened? (kept in the audit trail)").format(period=period.name))
            if answer is None:
                return
            if not answer.strip():  # OK with nothing typed did nothing and said nothing
                self.prompts.warn(self.tr("Reopen"), self.tr(
                    "{period} stays locked: reopening it needs a reason.").format(period=period.name))
                return
            reason = answer.strip()
        elif state == "locked" and not self.prompts.confirm(self.tr("Lock"), self.tr(
                "Lock {period}? Later changes will need a reason and show in the exports.").format(period=period.name)):
            return
        self.jobs.run(lambda: self.services.set_period_state(period.label, state, reason), lambda _p: self.load(),
                      self._warn)

    def _warn(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("Calendar"), error_text(error, self.language))
