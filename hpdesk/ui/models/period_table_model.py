"""PeriodTableModel: the reporting periods with their dates, due dates and state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush

from hpdesk.services.periods import PeriodSummary
from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, PERIOD_KIND_LABELS, PERIOD_STATE_LABELS, label
from hpdesk.ui.models.paged_table_model import Index

_HEADERS = (
    QT_TRANSLATE_NOOP("PeriodTableModel", "Period"),
    QT_TRANSLATE_NOOP("PeriodTableModel", "Cadence"),
    QT_TRANSLATE_NOOP("PeriodTableModel", "From"),
    QT_TRANSLATE_NOOP("PeriodTableModel", "To"),
    QT_TRANSLATE_NOOP("PeriodTableModel", "Due"),
    QT_TRANSLATE_NOOP("PeriodTableModel", "State"),
)


class PeriodTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._periods: list[PeriodSummary] = []

    def set_periods(self, periods: list[PeriodSummary]) -> None:
        self.beginResetModel()
        self._periods = periods
        self.endResetModel()

    def period_at(self, row: int) -> PeriodSummary:
        return self._periods[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._periods)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("PeriodTableModel", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        period = self._periods[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (period.name, label(PERIOD_KIND_LABELS, period.kind), period.start_date.isoformat(),
                    period.end_date.isoformat(), period.due_date.isoformat(),
                    label(PERIOD_STATE_LABELS, period.state))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5 and period.state == "locked":
            return QBrush(theme.MUTED_TEXT)
        return None
