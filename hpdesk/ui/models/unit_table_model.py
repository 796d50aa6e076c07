"""UnitTableModel: the county's units with their type, aliases, mirrored city departments and task counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from hpdesk.services.units import UnitSummary
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, UNIT_TYPE_LABELS, label
from hpdesk.ui.models.paged_table_model import Index

_HEADERS = (
    QT_TRANSLATE_NOOP("UnitTableModel", "Unit"),
    QT_TRANSLATE_NOOP("UnitTableModel", "Type"),
    QT_TRANSLATE_NOOP("UnitTableModel", "Also written as"),
    QT_TRANSLATE_NOOP("UnitTableModel", "City departments it mirrors"),
    QT_TRANSLATE_NOOP("UnitTableModel", "Lead"),
    QT_TRANSLATE_NOOP("UnitTableModel", "Co"),
)


class UnitTableModel(QAbstractTableModel):
    def __init__(self, units: list[UnitSummary] | None = None) -> None:
        super().__init__()
        self._units = units or []

    def set_units(self, units: list[UnitSummary]) -> None:
        self.beginResetModel()
        self._units = units
        self.endResetModel()

    def unit_at(self, row: int) -> UnitSummary:
        return self._units[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._units)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("UnitTableModel", _HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        unit = self._units[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (unit.name, label(UNIT_TYPE_LABELS, unit.unit_type), "、".join(unit.aliases),
                    "、".join(unit.counterparts), str(unit.lead_tasks), str(unit.co_tasks))[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
