"""TaskTableModel: a QAbstractTableModel over TaskRow read models (plain tuples of text; no ORM, no queries)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from hpdesk.services.plan_queries import TaskRow

# Marked for lupdate here, translated in headerData so a language switch takes effect.
_HEADERS_SOURCE = (
    QT_TRANSLATE_NOOP("TaskTableModel", "Code"),
    QT_TRANSLATE_NOOP("TaskTableModel", "Task"),
    QT_TRANSLATE_NOOP("TaskTableModel", "Lead"),
    QT_TRANSLATE_NOOP("TaskTableModel", "Responsible"),
    QT_TRANSLATE_NOOP("TaskTableModel", "County"),
)
_FLAG_COLOUR = QColor("#fff4ce")

Index = QModelIndex | QPersistentModelIndex


class TaskTableModel(QAbstractTableModel):
    COLUMN_COUNT = 5

    def __init__(self, rows: list[TaskRow] | None = None) -> None:
        super().__init__()
        self._rows: list[TaskRow] = rows or []

    def set_rows(self, rows: list[TaskRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> TaskRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TaskTableModel", _HEADERS_SOURCE[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        task = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (task.code, task.task_text, task.lead, task.responsible,
                    QCoreApplication.translate("TaskTableModel", "Yes") if task.falls_to_county else "")[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return task.task_text
        if role == Qt.ItemDataRole.BackgroundRole and task.flags:
            return QBrush(_FLAG_COLOUR)
        return None
