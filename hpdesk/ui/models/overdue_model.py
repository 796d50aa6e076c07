"""OverdueTableModel: the period's reports that were not handed in by the due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush

from hpdesk.services.completeness import OverdueItem
from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, REVIEW_LABELS, label
from hpdesk.ui.models.paged_table_model import Index

_HEADERS = (
    QT_TRANSLATE_NOOP("OverdueTableModel", "Code"),
    QT_TRANSLATE_NOOP("OverdueTableModel", "Task"),
    QT_TRANSLATE_NOOP("OverdueTableModel", "Unit"),
    QT_TRANSLATE_NOOP("OverdueTableModel", "State"),
    QT_TRANSLATE_NOOP("OverdueTableModel", "Due date"),
)


class OverdueTableModel(QAbstractTableModel):
    COLUMN_CODE, COLUMN_TASK, COLUMN_UNIT, COLUMN_STATE, COLUMN_DUE = range(5)

    def __init__(self) -> None:
        super().__init__()
        self._items: list[OverdueItem] = []
        self._due: date | None = None

    def set_items(self, items: list[OverdueItem], due: date | None) -> None:
        self.beginResetModel()
        self._items, self._due = items, due
        self.endResetModel()

    def item_at(self, row: int) -> OverdueItem:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("OverdueTableModel", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self._items[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (item.task_code, item.task_text, item.unit, label(REVIEW_LABELS, item.review_state),
                    self._due.isoformat() if self._due else "")[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_DUE:
            return QBrush(theme.OVERDUE)
        return None
