"""PeriodTableModel: the reporting periods with their dates, due dates and state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from hpdesk.services.periods import PeriodSummary
from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, PERIOD_KIND_LABELS, PERIOD_STATE_LABELS, label
from hpdesk.ui.models.paged_table_model import RowTableModel


class PeriodTableModel(RowTableModel[PeriodSummary]):
    HEADERS = (
        QT_TRANSLATE_NOOP("PeriodTableModel", "Period"),
        QT_TRANSLATE_NOOP("PeriodTableModel", "Cadence"),
        QT_TRANSLATE_NOOP("PeriodTableModel", "From"),
        QT_TRANSLATE_NOOP("PeriodTableModel", "To"),
        QT_TRANSLATE_NOOP("PeriodTableModel", "Due"),
        QT_TRANSLATE_NOOP("PeriodTableModel", "State"),
    )

    def cell(self, period: PeriodSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (period.name, label(PERIOD_KIND_LABELS, period.kind), period.start_date.isoformat(),
                    period.end_date.isoformat(), period.due_date.isoformat(),
                    label(PERIOD_STATE_LABELS, period.state))[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 5 and period.state == "locked":
            return QBrush(theme.MUTED_TEXT)
        return None
