"""RowTableModel: a read-only table of frozen read models, one row per item and a column per header; and
PagedTableModel: such a table over rows fetched a page at a time (Qt's canFetchMore/fetchMore), so a list of 100,000
reports opens with its first 200 rows and the rest arrive as the clerk scrolls.

A paged model's first page and total come from a job (`reset_rows`); later pages are fetched on the UI thread by the
`fetch_page(offset, limit)` callable, which is one indexed SQL query of a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 200


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """Subclasses give `HEADERS` (QT_TRANSLATE_NOOP texts in the translation context named after the class) and
    `cell(row, column, role)`; rows are frozen read models, never ORM objects."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, rows: Sequence[Row] = ()) -> None:
        super().__init__()
        self._rows: list[Row] = list(rows)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def cell(self, row: Row, column: int, role: int) -> Any:
        raise NotImplementedError

    # --- Qt API ----------------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.HEADERS):
            return QCoreApplication.translate(type(self).__name__, self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        return self.cell(self._rows[index.row()], index.column(), role)


class PagedTableModel(RowTableModel[Row]):
    """A RowTableModel whose rows arrive with `reset_rows` (not `set_rows`) and then page by page."""

    def __init__(self) -> None:
        super().__init__()
        self._total = 0
        self._fetch_page: Callable[[int, int], Sequence[Row]] | None = None

    # --- contents ------------------------------------------------------------------------------------------------

    def reset_rows(self, first_page: Sequence[Row], total: int,
                   fetch_page: Callable[[int, int], Sequence[Row]] | None = None) -> None:
        """Show `first_page` of `total` rows; `fetch_page(offset, limit)` supplies the rest on demand."""
        self.beginResetModel()
        self._rows = list(first_page)
        self._total = max(total, len(self._rows))
        self._fetch_page = fetch_page
        self.endResetModel()

    def clear(self) -> None:
        self.reset_rows([], 0)

    @property
    def total(self) -> int:
        return self._total

    def replace_row(self, row: int, value: Row) -> None:
        self._rows[row] = value
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._total -= 1
        self.endRemoveRows()

    # --- Qt API ----------------------------------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and self._fetch_page is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802 - Qt API
        if not self.canFetchMore(parent):
            return
        assert self._fetch_page is not None
        page = list(self._fetch_page(len(self._rows), PAGE_SIZE))
        if not page:
            self._total = len(self._rows)  # the data shrank since the count: stop asking
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()
