"""TaskListModel: the task list with the county's progress for the selected period, paged."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush

from hpdesk.services.task_list import TaskListRow
from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP
from hpdesk.ui.models.paged_table_model import PagedTableModel

translate = QCoreApplication.translate  # lupdate extracts translate("Context", "literal") calls

TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def progress_text(row: TaskListRow) -> str:
    """'2/4 handed in · 1 approved' — or why there is nothing to count."""
    if not row.falls_to_county:
        return translate("TaskListModel", "City only")
    if row.units == 0:  # suggested units are not "not assigned": they wait for the clerk's confirmation
        return translate("TaskListModel", "To confirm") if row.suggested else \
            translate("TaskListModel", "Not assigned")
    parts = [translate("TaskListModel", "{done}/{units} in").format(done=row.handed_in, units=row.units)]
    if row.approved:
        parts.append(translate("TaskListModel", "{approved} approved").format(approved=row.approved))
    if row.returned:
        parts.append(translate("TaskListModel", "{returned} returned").format(returned=row.returned))
    return " · ".join(parts)


class TaskListModel(PagedTableModel[TaskListRow]):
    HEADERS = (
        QT_TRANSLATE_NOOP("TaskListModel", "Code"),
        QT_TRANSLATE_NOOP("TaskListModel", "Task"),
        QT_TRANSLATE_NOOP("TaskListModel", "Lead unit"),
        QT_TRANSLATE_NOOP("TaskListModel", "This period"),
    )
    COLUMN_CODE, COLUMN_TASK, COLUMN_LEAD, COLUMN_PROGRESS = range(4)

    def row_of_task(self, task_id: int) -> int | None:
        return next((number for number, row in enumerate(self._rows) if row.id == task_id), None)

    def cell(self, row: TaskListRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_CODE:
                return row.code
            if column == self.COLUMN_TASK:
                return row.text if len(row.text) <= 90 else row.text[:90] + "…"
            if column == self.COLUMN_LEAD:
                return row.lead
            return progress_text(row)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_TASK:
            return f"{row.action_label}\n\n{row.text}"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_PROGRESS:
            return progress_text(row)  # whole, where a narrow column shows "已报 3/4 · …"
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_PROGRESS:
            if row.returned:
                return QBrush(theme.REVIEW_STRONG["returned"])
            if row.units and row.approved == row.units:
                return QBrush(theme.REVIEW_STRONG["approved"])
            if not row.falls_to_county or not row.units:
                return QBrush(theme.MUTED_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and row.flagged:
            return QBrush(theme.FLAG)
        if role == TASK_ID_ROLE:
            return row.id
        return None
