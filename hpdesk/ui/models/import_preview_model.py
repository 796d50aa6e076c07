"""ImportPreviewModel: the rows an import will keep, as the city wrote them, with what the import will do to each
(new / changed / unchanged) and the rows it asks the clerk to check highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush

from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, message_text
from hpdesk.ui.models.paged_table_model import Index

FIELD_LABELS = {
    "": QT_TRANSLATE_NOOP("ImportDialog", "(ignore)"),
    "serial": QT_TRANSLATE_NOOP("ImportDialog", "Serial"),
    "action": QT_TRANSLATE_NOOP("ImportDialog", "Action"),
    "basic_content": QT_TRANSLATE_NOOP("ImportDialog", "Basic content"),
    "task_text": QT_TRANSLATE_NOOP("ImportDialog", "Task"),
    "measures": QT_TRANSLATE_NOOP("ImportDialog", "Measures"),
    "work_plan": QT_TRANSLATE_NOOP("ImportDialog", "Work plan"),
    "reporting_note": QT_TRANSLATE_NOOP("ImportDialog", "Reporting instruction"),
    "lead": QT_TRANSLATE_NOOP("ImportDialog", "Lead"),
    "responsible": QT_TRANSLATE_NOOP("ImportDialog", "Responsible"),
    "indicator_name": QT_TRANSLATE_NOOP("ImportDialog", "Indicator"),
    "unit": QT_TRANSLATE_NOOP("ImportDialog", "Unit"),
    "baseline": QT_TRANSLATE_NOOP("ImportDialog", "Baseline"),
    "target": QT_TRANSLATE_NOOP("ImportDialog", "Target"),
    "nature": QT_TRANSLATE_NOOP("ImportDialog", "Nature"),
    "note": QT_TRANSLATE_NOOP("ImportDialog", "Note"),
}
CHANGE_LABELS = {
    "new": QT_TRANSLATE_NOOP("ImportDialog", "new"),
    "changed": QT_TRANSLATE_NOOP("ImportDialog", "changed"),
    "unchanged": QT_TRANSLATE_NOOP("ImportDialog", "unchanged"),
    "withdrawn": QT_TRANSLATE_NOOP("ImportDialog", "withdrawn"),
}
_CHANGE_COLOURS = {"new": theme.REVIEW_STRONG["approved"], "changed": theme.REVIEW_STRONG["submitted"],
                   "unchanged": theme.MUTED_TEXT, "withdrawn": theme.REVIEW_STRONG["returned"]}


def field_label(field: str, year: int | None = None) -> str:
    text = QCoreApplication.translate("ImportDialog", FIELD_LABELS.get(field, field))
    return f"{text} {year}" if year else text


class ImportPreviewModel(QAbstractTableModel):
    """Column 0 is what the import does to the row; then the sheet's columns. The vertical header is the sheet row."""

    def __init__(self, language: str = "zh_CN") -> None:
        """`language` is the UI's: the flagged rows' tooltips (the import's row issues) are shown in it."""
        super().__init__()
        self.language = language
        self._rows: list[tuple[int, tuple[str, ...]]] = []
        self._flagged: dict[int, str] = {}
        self._states: dict[int, str] = {}
        self._headers: list[str] = []

    def set_preview(self, preview) -> None:
        self.beginResetModel()
        self._rows = [(row.first_row, tuple(row.source_cells)) for row in preview.parsed.rows]
        self._flagged = {}
        for issue in preview.issues:
            if issue.severity == "warning":
                self._flagged[issue.row] = (self._flagged.get(issue.row, "") + "\n"
                                           + message_text(issue.detail, self.language)).strip()
        # One match per incoming row, in the same order: new / changed / unchanged against the workspace.
        self._states = {row.first_row: match.state for row, match in zip(preview.parsed.rows, preview.matches.matches)}
        self._headers = [f"{column.label or column.letter}\n→ {field_label(column.field, column.year)}"
                         for column in preview.columns]
        self.endResetModel()

    def row_of_sheet_row(self, sheet_row: int) -> int | None:
        """The preview row showing a sheet row (None when the import skips that row)."""
        return next((number for number, (first_row, _cells) in enumerate(self._rows) if first_row == sheet_row), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._headers) + 1

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section == 0:
                return QCoreApplication.translate("ImportDialog", "Import")
            return self._headers[section - 1] if section - 1 < len(self._headers) else None
        return str(self._rows[section][0])  # the sheet row number, as the clerk sees it in Excel

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        number, cells = self._rows[index.row()]
        column = index.column() - 1
        state = self._states.get(number, "")
        if column < 0:
            if role == Qt.ItemDataRole.DisplayRole:
                source = CHANGE_LABELS.get(state)
                return QCoreApplication.translate("ImportDialog", source) if source else ""
            if role == Qt.ItemDataRole.ForegroundRole and state:
                return QBrush(_CHANGE_COLOURS[state])
        elif role == Qt.ItemDataRole.DisplayRole:
            text = cells[column] if column < len(cells) else ""
            return text if len(text) <= 60 else text[:60] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._flagged.get(number) or (cells[column] if 0 <= column < len(cells) else None)
        if role == Qt.ItemDataRole.BackgroundRole and number in self._flagged:
            return QBrush(theme.FLAG)
        return None
