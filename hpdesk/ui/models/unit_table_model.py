"""UnitTableModel: the county's units with their type, aliases, mirrored city departments and task counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from hpdesk.services.units import UnitSummary
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, UNIT_TYPE_LABELS, label
from hpdesk.ui.models.paged_table_model import RowTableModel


class UnitTableModel(RowTableModel[UnitSummary]):
    HEADERS = (
        QT_TRANSLATE_NOOP("UnitTableModel", "Unit"),
        QT_TRANSLATE_NOOP("UnitTableModel", "Type"),
        QT_TRANSLATE_NOOP("UnitTableModel", "Also written as"),
        QT_TRANSLATE_NOOP("UnitTableModel", "City departments it mirrors"),
        QT_TRANSLATE_NOOP("UnitTableModel", "Lead"),
        QT_TRANSLATE_NOOP("UnitTableModel", "Co"),
    )

    def cell(self, unit: UnitSummary, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (unit.name, label(UNIT_TYPE_LABELS, unit.unit_type), "、".join(unit.aliases),
                    "、".join(unit.counterparts), str(unit.lead_tasks), str(unit.co_tasks))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
