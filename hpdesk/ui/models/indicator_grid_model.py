"""IndicatorGridModel: indicators × years. A year cell shows the county's value (entered in place), coloured by the
verdict against the target, with the target and the reason on hover; a year with a target but no value shows the
target in grey. IndicatorFilterProxy narrows the grid to an action or to one verdict."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt, Signal,
)
from PySide6.QtGui import QBrush, QFont

from hpdesk.services.indicator_evaluation import IndicatorEvaluation
from hpdesk.services.indicator_grid import IndicatorGridRow
from hpdesk.ui import theme
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, VERDICT_LABELS, label, message_text
from hpdesk.ui.models.paged_table_model import Index

translate = QCoreApplication.translate  # lupdate extracts translate("Context", "literal") calls

_FIXED_HEADERS = (
    QT_TRANSLATE_NOOP("IndicatorGridModel", "Code"),
    QT_TRANSLATE_NOOP("IndicatorGridModel", "Indicator"),
    QT_TRANSLATE_NOOP("IndicatorGridModel", "Unit"),
    QT_TRANSLATE_NOOP("IndicatorGridModel", "Baseline"),
    QT_TRANSLATE_NOOP("IndicatorGridModel", "Targets"),
)
ANY_YEAR = 0  # a target stored without a year (不限年份) applies to every year

FIXED_COLUMNS = len(_FIXED_HEADERS)
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
VERDICTS_ROLE = Qt.ItemDataRole.UserRole + 2


class IndicatorGridModel(QAbstractTableModel):
    """`value_entered(code, year, text)` asks the page to save a value typed into a cell."""

    value_entered = Signal(str, int, str)

    def __init__(self, language: str = "zh_CN") -> None:
        """`language` is the UI's: the verdicts' reasons in the tooltips are shown in it."""
        super().__init__()
        self.language = language
        self._rows: list[IndicatorGridRow] = []
        self._years: list[int] = []
        self._evaluations: dict[tuple[int, int], IndicatorEvaluation] = {}
        self._pending: dict[tuple[int, int], str] = {}  # typed, not yet saved

    def set_grid(self, rows: list[IndicatorGridRow], years: list[int],
                 evaluations: dict[int, list[IndicatorEvaluation]]) -> None:
        self.beginResetModel()
        self._rows, self._years = rows, years
        self._evaluations = {(item.indicator_id, year): item for year, items in evaluations.items() for item in items}
        self._pending = {}
        self.endResetModel()

    @property
    def years(self) -> list[int]:
        return list(self._years)

    def row_at(self, row: int) -> IndicatorGridRow:
        return self._rows[row]

    def year_of_column(self, column: int) -> int | None:
        offset = column - FIXED_COLUMNS
        return self._years[offset] if 0 <= offset < len(self._years) else None

    def evaluation(self, row: int, year: int) -> IndicatorEvaluation | None:
        return self._evaluations.get((self._rows[row].id, year))

    def update_evaluation(self, evaluation: IndicatorEvaluation, year: int) -> None:
        """A saved value or judgement came back: show it and its verdict."""
        key = (evaluation.indicator_id, year)
        self._evaluations[key] = evaluation
        self._pending.pop(key, None)
        for number, row in enumerate(self._rows):
            if row.id == evaluation.indicator_id:
                values = dict(row.values)
                if evaluation.value_text:
                    values[year] = evaluation.value_text
                else:
                    values.pop(year, None)
                self._rows[number] = IndicatorGridRow(row.id, row.code, row.name, row.unit, row.action, row.nature,
                                                      row.baseline_text, row.targets, tuple(sorted(values.items())))
                column = FIXED_COLUMNS + self._years.index(year)
                self.dataChanged.emit(self.index(number, column), self.index(number, column))
                self.dataChanged.emit(self.index(number, 0), self.index(number, 0))

    def discard_pending(self, indicator_id: int, year: int) -> None:
        """The value typed for (indicator, year) was refused: show what is stored again."""
        self._pending.pop((indicator_id, year), None)
        for number, row in enumerate(self._rows):
            if row.id == indicator_id and year in self._years:
                cell = self.index(number, FIXED_COLUMNS + self._years.index(year))
                self.dataChanged.emit(cell, cell)

    # --- Qt API ----------------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else FIXED_COLUMNS + len(self._years)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        year = self.year_of_column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("IndicatorGridModel", _FIXED_HEADERS[section]) if year is None else str(year)
        if role == Qt.ItemDataRole.ToolTipRole and year is not None:
            return translate("IndicatorGridModel", "Values for {year}; double-click a cell to enter one").format(
                year=year)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.year_of_column(index.column()) is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        year = self.year_of_column(index.column())
        if year is None:
            return self._fixed_data(row, index.column(), role)
        return self._year_data(row, year, role)

    def _fixed_data(self, row: IndicatorGridRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.code, row.name, row.unit, row.baseline_text, targets_text(row.targets))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 4):
            targets = targets_text(row.targets)
            targets_line = translate("IndicatorGridModel", "Targets: {targets}").format(targets=targets) \
                if targets else ""
            return "\n".join(part for part in (row.name, row.action, row.nature, targets_line) if part)
        if role == ACTION_ROLE:
            return row.action
        if role == VERDICTS_ROLE:
            return {item.verdict.value for (indicator_id, _year), item in self._evaluations.items()
                    if indicator_id == row.id and self._has_value(row, _year, item)}
        return None

    def _has_value(self, row: IndicatorGridRow, year: int, evaluation: IndicatorEvaluation | None) -> bool:
        return bool(row.value_for(year) or (evaluation is not None and evaluation.judged_by))

    def _year_data(self, row: IndicatorGridRow, year: int, role: int) -> Any:
        value = self._pending.get((row.id, year), row.value_for(year))
        target = row.target_for(year) or row.target_for(ANY_YEAR)
        evaluation = self._evaluations.get((row.id, year))
        judged = self._has_value(row, year, evaluation) and evaluation is not None
        if role == Qt.ItemDataRole.DisplayRole:
            if value:
                return value
            return translate("IndicatorGridModel", "target {target}").format(target=target) if target else ""
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ForegroundRole and not value:
            return QBrush(theme.MUTED_TEXT)
        if role == Qt.ItemDataRole.FontRole and not value and target:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and judged and (row.id, year) not in self._pending:
            assert evaluation is not None
            return QBrush(theme.VERDICT_BACKGROUND[evaluation.verdict.value])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, year, value, evaluation, judged)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _tooltip(self, row: IndicatorGridRow, year: int, value: str, evaluation: IndicatorEvaluation | None,
                 judged: bool) -> str:
        lines = [f"<b>{row.name}</b> · {year}"]
        if value:
            lines.append(translate("IndicatorGridModel", "Value: {value}").format(value=value))
        else:
            lines.append(translate("IndicatorGridModel", "No value yet"))
        if evaluation is not None and evaluation.target_text:
            lines.append(translate("IndicatorGridModel", "Target, {year}: {target}").format(
                year=year_text(evaluation.target_year), target=evaluation.target_text))
        if evaluation is not None and judged:
            lines.append(translate("IndicatorGridModel", "<b>{verdict}</b>: {reason}").format(
                verdict=label(VERDICT_LABELS, evaluation.verdict.value),
                reason=message_text(evaluation.reason, self.language)))
            if evaluation.judged_by:
                lines.append(translate("IndicatorGridModel", "Judged by {name}").format(name=evaluation.judged_by))
        return "<br>".join(lines)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        year = self.year_of_column(index.column()) if index.isValid() else None
        if year is None or role != Qt.ItemDataRole.EditRole:
            return False
        row = self._rows[index.row()]
        text = str(value).strip()
        if text == row.value_for(year):
            return False
        self._pending[(row.id, year)] = text
        self.dataChanged.emit(index, index)
        self.value_entered.emit(row.code, year, text)
        return True


def year_text(year: int | None) -> str:
    """'2030年'; a target without a year reads 不限年份 (any year), never '0年'."""
    if not year:
        return translate("IndicatorGridModel", "any year")
    return translate("IndicatorGridModel", "{year}").format(year=year)


def targets_text(targets: tuple[tuple[int, str], ...]) -> str:
    """Every target of an indicator, all years (2022 too): '2022：≥80；2030：≥90'."""
    return "；".join(f"{year_text(year)}：{text}" for year, text in targets)


class IndicatorFilterProxy(QSortFilterProxyModel):
    """Keeps the rows of one action (or all) that have a given verdict in some year (or any)."""

    def __init__(self) -> None:
        super().__init__()
        self._action = ""
        self._verdict = ""

    def set_filter(self, action: str, verdict: str) -> None:
        self.beginFilterChange()
        self._action, self._verdict = action, verdict
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 - Qt API
        index = self.sourceModel().index(source_row, 0, source_parent)
        if self._action and index.data(ACTION_ROLE) != self._action:
            return False
        if self._verdict and self._verdict not in (index.data(VERDICTS_ROLE) or set()):
            return False
        return True
