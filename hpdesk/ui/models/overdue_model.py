"""OverdueTableModel: the period's reports that were not handed in by the due date."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from hpdesk.services.completeness import OverdueItem
from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, REVIEW_LABELS, label
from hpdesk.ui.models.paged_table_model import RowTableModel


class OverdueTableModel(RowTableModel[OverdueItem]):
    HEADERS = (
        QT_TRANSLATE_NOOP("OverdueTableModel", "Code"),
        QT_TRANSLATE_NOOP("OverdueTableModel", "Task"),
        QT_TRANSLATE_NOOP("OverdueTableModel", "Unit"),
        QT_TRANSLATE_NOOP("OverdueTableModel", "State"),
        QT_TRANSLATE_NOOP("OverdueTableModel", "Due date"),
    )
    COLUMN_DUE = 4

    def __init__(self) -> None:
        super().__init__()
        self._due: date | None = None

    def set_items(self, items: list[OverdueItem], due: date | None) -> None:
        self._due = due
        self.set_rows(items)

    def cell(self, item: OverdueItem, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (item.task_code, item.task_text, item.unit, label(REVIEW_LABELS, item.review_state),
                    self._due.isoformat() if self._due else "")[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_DUE:
            return QBrush(theme.OVERDUE)
        return None
