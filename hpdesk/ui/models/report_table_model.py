"""ReportTableModel: reports of a period (the review queue shows the submitted ones), paged."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from hpdesk.services.reports import ReportSummary
from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, REVIEW_LABELS, ROLE_LABELS, STATUS_LABELS, label
from hpdesk.ui.models.paged_table_model import PagedTableModel


def short_time(iso_text: str | None) -> str:
    """'2026-11-23T07:56:18+00:00' → '2026-11-23 07:56'."""
    return (iso_text or "")[:16].replace("T", " ")


class ReportTableModel(PagedTableModel[ReportSummary]):
    HEADERS = (
        QT_TRANSLATE_NOOP("ReportTableModel", "Code"),
        QT_TRANSLATE_NOOP("ReportTableModel", "Task"),
        QT_TRANSLATE_NOOP("ReportTableModel", "Unit"),
        QT_TRANSLATE_NOOP("ReportTableModel", "Role"),
        QT_TRANSLATE_NOOP("ReportTableModel", "Status"),
        QT_TRANSLATE_NOOP("ReportTableModel", "Evidence"),
        QT_TRANSLATE_NOOP("ReportTableModel", "Review"),
        QT_TRANSLATE_NOOP("ReportTableModel", "Filled by"),
    )
    COLUMN_CODE, COLUMN_TASK, COLUMN_UNIT, COLUMN_ROLE, COLUMN_STATUS, COLUMN_EVIDENCE, COLUMN_REVIEW, COLUMN_BY = \
        range(8)

    def cell(self, row: ReportSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.task_code, row.task_text if len(row.task_text) <= 70 else row.task_text[:70] + "…", row.unit,
                label(ROLE_LABELS, row.role), label(STATUS_LABELS, row.status),
                str(row.evidence_count) if row.evidence_count else "—", label(REVIEW_LABELS, row.review_state),
                # month and day only: the period names the year, and the task text needs the room
                f"{row.filled_by} {short_time(row.filled_at)[5:]}".strip(),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_TASK:
            return row.task_text
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_BY:
            return f"{row.filled_by} {short_time(row.filled_at)}".strip()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_EVIDENCE:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_REVIEW:
            return QBrush(theme.REVIEW_STRONG.get(row.review_state, theme.MUTED_TEXT))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_EVIDENCE and not row.evidence_count:
            return QBrush(theme.MUTED_TEXT)
        return None
