"""FiguresTableModel: a report's key figures (name, number, unit), edited in place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from hpdesk.domain.reporting import Figure, figure_from_cells
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP
from hpdesk.ui.models.paged_table_model import Index, RowTableModel


def format_number(value: float) -> str:
    """120.0 → '120'; 95.25 → '95.25'."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


class FiguresTableModel(RowTableModel[list[str]]):
    """Each row is the [name, value, unit] cells as typed."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FiguresTableModel", "Figure"),
        QT_TRANSLATE_NOOP("FiguresTableModel", "Value"),
        QT_TRANSLATE_NOOP("FiguresTableModel", "Unit"),
    )
    COLUMN_VALUE = 1

    def set_figures(self, figures: Iterable[Figure]) -> None:
        self.set_rows([[f.name, format_number(f.value), f.unit] for f in figures])

    def figures(self) -> tuple[Figure, ...]:
        """Rows with a name or a value, each read by `domain.reporting.figure_from_cells` (the rule the CLI's
        `--figure` follows); raises ValueError naming a row whose value is no number."""
        return tuple(figure_from_cells(name, value, unit) for name, value, unit in self._rows
                     if name.strip() or value.strip())

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(["", "", ""])
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def cell(self, row: list[str], column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value)
        if self._rows[index.row()][index.column()] == text:
            return False
        self._rows[index.row()][index.column()] = text
        self.dataChanged.emit(index, index)
        return True
