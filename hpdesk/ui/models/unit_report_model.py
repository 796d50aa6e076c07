"""UnitReportModel: the units assigned to one task and the state of each one's report for the period."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QFont

from hpdesk.services.task_detail import UnitReportRow
from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, REVIEW_LABELS, ROLE_LABELS, STATUS_LABELS, label
from hpdesk.ui.models.paged_table_model import RowTableModel
from hpdesk.ui.models.report_table_model import short_time

translate = QCoreApplication.translate  # lupdate extracts translate("Context", "literal") calls


class UnitReportModel(RowTableModel[UnitReportRow]):
    HEADERS = (
        QT_TRANSLATE_NOOP("UnitReportModel", "Unit"),
        QT_TRANSLATE_NOOP("UnitReportModel", "Role"),
        QT_TRANSLATE_NOOP("UnitReportModel", "Status"),
        QT_TRANSLATE_NOOP("UnitReportModel", "Review"),
        QT_TRANSLATE_NOOP("UnitReportModel", "Evidence"),
        QT_TRANSLATE_NOOP("UnitReportModel", "Last change"),
    )
    COLUMN_UNIT, COLUMN_ROLE, COLUMN_STATUS, COLUMN_REVIEW, COLUMN_EVIDENCE = range(5)

    def cell(self, row: UnitReportRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            unit = row.unit if row.confirmed else \
                translate("UnitReportModel", "{unit} (suggested)").format(unit=row.unit)
            return (
                unit, label(ROLE_LABELS, row.role), label(STATUS_LABELS, row.status),
                label(REVIEW_LABELS, row.review_state) + (" ⚠" if row.changed_after_lock else ""),
                str(row.evidence_count) if row.evidence_count else "—",
                f"{row.filled_by} {short_time(row.filled_at)}".strip(),
            )[column]
        if role == Qt.ItemDataRole.FontRole and not row.confirmed:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COLUMN_REVIEW:
                return QBrush(theme.REVIEW_STRONG.get(row.review_state, theme.MUTED_TEXT))
            if not row.confirmed:
                return QBrush(theme.MUTED_TEXT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.changed_after_lock:
                return translate("UnitReportModel", "Changed after the period was locked")
            if row.review_comment:
                return translate("UnitReportModel", "Review comment: {comment}").format(comment=row.review_comment)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_EVIDENCE:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
