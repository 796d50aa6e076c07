"""Models of the task navigator: the plan (actions → tasks, tasks fetched when an action is expanded), the units,
and the review-state buckets of the selected period."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel, QAbstractListModel, QCoreApplication, QModelIndex, Qt,
)
from PySide6.QtGui import QBrush

from hpdesk.services.plan_queries import ActionNavRow
from hpdesk.services.task_list import TaskListRow
from hpdesk.services.units import UnitSummary
from hpdesk.ui import theme
from hpdesk.ui.i18n import REVIEW_LABELS, label
from hpdesk.ui.models.paged_table_model import Index

translate = QCoreApplication.translate  # lupdate extracts translate("Context", "literal") calls


ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 2
UNIT_ID_ROLE = Qt.ItemDataRole.UserRole + 3
BUCKET_ROLE = Qt.ItemDataRole.UserRole + 4
_TOP = 0  # internal id of top-level rows; a task row carries its action's row + 1


class PlanTreeModel(QAbstractItemModel):
    """Row 0 is "All tasks"; then one row per action, whose tasks are fetched the first time it is expanded."""

    def __init__(self) -> None:
        super().__init__()
        self._actions: list[ActionNavRow] = []
        self._tasks: dict[int, list[TaskListRow]] = {}  # action row → tasks, once fetched
        self._fetch_tasks: Callable[[int], Sequence[TaskListRow]] | None = None

    def set_actions(self, actions: list[ActionNavRow], fetch_tasks: Callable[[int], Sequence[TaskListRow]]) -> None:
        self.beginResetModel()
        self._actions = actions
        self._tasks = {}
        self._fetch_tasks = fetch_tasks
        self.endResetModel()

    def action_row_of(self, action_id: int) -> int | None:
        return next((number + 1 for number, action in enumerate(self._actions) if action.id == action_id), None)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row <= len(self._actions) else QModelIndex()
        if parent.internalId() == _TOP and parent.row() >= 1:
            tasks = self._tasks.get(parent.row(), [])
            return self.createIndex(row, 0, parent.row() + 1) if row < len(tasks) else QModelIndex()
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        if not parent.isValid():
            return len(self._actions) + 1
        if parent.internalId() == _TOP and parent.row() >= 1:
            return len(self._tasks.get(parent.row(), []))
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 - Qt API
        if not parent.isValid():
            return True
        if parent.internalId() == _TOP and parent.row() >= 1:
            return self._actions[parent.row() - 1].task_count > 0
        return False

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802 - Qt API
        return (parent.isValid() and parent.internalId() == _TOP and parent.row() >= 1
                and parent.row() not in self._tasks and self._fetch_tasks is not None)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802 - Qt API
        if not self.canFetchMore(parent):
            return
        assert self._fetch_tasks is not None
        tasks = list(self._fetch_tasks(self._actions[parent.row() - 1].id))
        if tasks:
            self.beginInsertRows(parent, 0, len(tasks) - 1)
            self._tasks[parent.row()] = tasks
            self.endInsertRows()
        else:
            self._tasks[parent.row()] = []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            if index.row() == 0:
                if role == Qt.ItemDataRole.DisplayRole:
                    total = sum(action.task_count for action in self._actions)
                    return translate("NavigatorModels", "All tasks ({count})").format(count=total)
                return None
            action = self._actions[index.row() - 1]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{action.label}（{action.task_count}）"
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{action.plan_title}\n{action.label}"
            if role == ACTION_ID_ROLE:
                return action.id
            if role == Qt.ItemDataRole.ForegroundRole and not action.task_count:
                return QBrush(theme.MUTED_TEXT)
            return None
        task = self._tasks[index.internalId() - 1][index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            short = task.text if len(task.text) <= 24 else task.text[:24] + "…"
            return f"{task.code} {short}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return task.text
        if role == TASK_ID_ROLE:
            return task.id
        if role == ACTION_ID_ROLE:
            return self._actions[index.internalId() - 2].id
        return None


class UnitListModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self._units: list[UnitSummary] = []

    def set_units(self, units: list[UnitSummary]) -> None:
        self.beginResetModel()
        self._units = units
        self.endResetModel()

    def row_of_unit(self, unit_id: int) -> int | None:
        return next((number for number, unit in enumerate(self._units) if unit.id == unit_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._units)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        unit = self._units[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("NavigatorModels", "{name} (lead {lead} · co {co})").format(
                name=unit.name, lead=unit.lead_tasks, co=unit.co_tasks)
        if role == Qt.ItemDataRole.ToolTipRole and unit.aliases:
            return translate("NavigatorModels", "Also written as: {aliases}").format(aliases="、".join(unit.aliases))
        if role == UNIT_ID_ROLE:
            return unit.id
        return None


BUCKETS = ("", "draft", "submitted", "returned", "approved")  # '' = every task


class ReviewBucketModel(QAbstractListModel):
    """The period's assignments by review state: not handed in, waiting for review, returned, approved."""

    def __init__(self) -> None:
        super().__init__()
        self._counts: dict[str, int] = {}

    def set_counts(self, counts: dict[str, int]) -> None:
        self.beginResetModel()
        self._counts = counts
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(BUCKETS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        bucket = BUCKETS[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if not bucket:
                return translate("NavigatorModels", "All tasks of the period")
            name = translate("NavigatorModels", "Not handed in") if bucket == "draft" else label(REVIEW_LABELS, bucket)
            return f"{name}（{self._counts.get(bucket, 0)}）"
        if role == Qt.ItemDataRole.DecorationRole and bucket:
            return theme.REVIEW_STRONG[bucket]
        if role == BUCKET_ROLE:
            return bucket
        return None

