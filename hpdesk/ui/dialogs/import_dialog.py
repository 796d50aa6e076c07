"""The import wizard: choose the sheet → preview (detected field per column, rows with issues highlighted, the diff
against what is imported) → map columns by hand if needed → import (off the UI thread, with progress and cancel).

The clerk's manual mapping is sent with the analysis, and remembered by the service for files of the same layout.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QSplitter, QTableView,
    QVBoxLayout, QWidget,
)

from hpdesk.domain.errors import UserError
from hpdesk.services.progress import CancelToken, LatestProgress
from hpdesk.ui.i18n import error_text
from hpdesk.ui.progress_dialog import PolledProgressDialog

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
    "year_value": QT_TRANSLATE_NOOP("ImportDialog", "Year value"),
    "nature": QT_TRANSLATE_NOOP("ImportDialog", "Nature"),
    "note": QT_TRANSLATE_NOOP("ImportDialog", "Note"),
}
_ISSUE_COLOUR = QColor("#fff4ce")


def _field_label(field: str) -> str:
    return QCoreApplication.translate("ImportDialog", FIELD_LABELS.get(field, field))


class PreviewTableModel(QAbstractTableModel):
    """The rows the import will keep, as the city wrote them; rows with issues are highlighted."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[int, tuple[str, ...]]] = []
        self._flagged: dict[int, str] = {}
        self._headers: list[str] = []

    def set_preview(self, preview) -> None:  # type: ignore[no-untyped-def]
        self.beginResetModel()
        rows = preview.parsed.tasks if preview.kind == "tasks" else preview.parsed.indicators
        self._rows = [(row.first_row, row.source_cells) for row in rows]
        self._flagged = {}
        for issue in preview.issues:
            if issue.severity == "warning":
                self._flagged[issue.row] = (self._flagged.get(issue.row, "") + "\n" + issue.detail).strip()
        self._headers = [f"{column.label or '—'}\n→ {_field_label(column.field)}" for column in preview.columns]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if section < len(self._headers) else None
        return str(self._rows[section][0])  # the sheet row number, as the clerk sees it in Excel

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        number, cells = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = cells[index.column()] if index.column() < len(cells) else ""
            return text if len(text) <= 60 else text[:60] + "…"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._flagged.get(number) or (cells[index.column()] if index.column() < len(cells) else None)
        if role == Qt.ItemDataRole.BackgroundRole and number in self._flagged:
            return QBrush(_ISSUE_COLOUR)
        return None

    def is_flagged(self, row: int) -> bool:
        return self._rows[row][0] in self._flagged


class ImportDialog(QDialog):
    """Never subclassed, so self.tr() takes the right context."""

    imported = Signal(object)  # the ImportReport

    def __init__(self, services, jobs, path: Path, sheets: list[str], prompts,  # type: ignore[no-untyped-def]
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.path, self.prompts = services, jobs, path, prompts
        self.preview = None
        self.setWindowTitle(self.tr("Import {file}").format(file=path.name))
        self.resize(1100, 700)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sheet")))
        self.sheet_combo = QComboBox()
        top.addWidget(self.sheet_combo, 1)
        layout.addLayout(top)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        mapping_row = QHBoxLayout()
        mapping_row.addWidget(QLabel(self.tr("Columns")))
        self.mapping_box = QHBoxLayout()
        mapping_row.addLayout(self.mapping_box, 1)
        self.reanalyse_button = QPushButton(self.tr("Use this column mapping"))
        self.reanalyse_button.clicked.connect(self._on_reanalyse_button_clicked)
        mapping_row.addWidget(self.reanalyse_button)
        layout.addLayout(mapping_row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.preview_model = PreviewTableModel()
        self.preview_table = QTableView()
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setWordWrap(False)
        self.issue_list = QListWidget()
        splitter.addWidget(self.preview_table)
        splitter.addWidget(self.issue_list)
        splitter.setSizes([480, 160])
        layout.addWidget(splitter, 1)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self._on_import_button_clicked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.mapping_combos: list[QComboBox] = []
        self.sheet_combo.addItems(sheets)
        self.sheet_combo.currentTextChanged.connect(lambda _name: self.analyse())

    def analyse(self, column_fields: list[str] | None = None) -> None:
        """Analyse the chosen sheet off the UI thread; the preview fills in when it is done."""
        progress, cancel = LatestProgress(), CancelToken()
        dialog = PolledProgressDialog(self.tr("Reading {file}…").format(file=self.path.name), progress, cancel, self)
        sheet = self.sheet_combo.currentText() or None
        self.import_button.setEnabled(False)
        self.jobs.run(lambda: self.services.analyse_workbook(self.path, progress, cancel, sheet=sheet,
                                                             column_fields=column_fields),
                      lambda preview: (dialog.finish(), self._show_preview(preview)),
                      lambda error: (dialog.finish(), self._show_error(error)))

    def _show_preview(self, preview) -> None:  # type: ignore[no-untyped-def]
        self.preview = preview
        counts = preview.counts()
        kind = self.tr("task table") if preview.kind == "tasks" else self.tr("indicator table")
        warnings = [issue for issue in preview.issues if issue.severity == "warning"]
        self.summary_label.setText(self.tr(
            "{kind} of “{plan}”: {actions} actions, {tasks} tasks ({county} for the county), {indicators} indicators. "
            "Against what is imported: new {new}, changed {changed}, unchanged {unchanged}, withdrawn {withdrawn}. "
            "{issues} rows need checking (highlighted)."
        ).format(kind=kind, plan=preview.plan_title, issues=len(warnings), actions=counts["actions"],
                 tasks=counts["tasks"], county=counts["county_tasks"], indicators=counts["indicators"],
                 new=counts["new"], changed=counts["changed"], unchanged=counts["unchanged"],
                 withdrawn=counts["withdrawn"]))
        self.preview_model.set_preview(preview)
        self.issue_list.clear()
        for issue in preview.issues:
            self.issue_list.addItem(self.tr("Row {row} {column}: {detail}").format(
                row=issue.row, column=issue.column, detail=issue.detail))
        self._rebuild_mapping(preview)
        self.import_button.setEnabled(True)

    def _rebuild_mapping(self, preview) -> None:  # type: ignore[no-untyped-def]
        self._set_mapping_combos([(column.label, column.field) for column in preview.columns])

    def _set_mapping_combos(self, columns: list[tuple[str, str]]) -> None:
        while self.mapping_box.count():
            widget = self.mapping_box.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.mapping_combos = []
        for label, current in columns:
            combo = QComboBox()
            for field in FIELD_LABELS:
                combo.addItem(_field_label(field), field)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.setToolTip(label)
            self.mapping_box.addWidget(combo)
            self.mapping_combos.append(combo)

    def chosen_mapping(self) -> list[str]:
        return [combo.currentData() for combo in self.mapping_combos]

    def _on_reanalyse_button_clicked(self) -> None:
        self.analyse(self.chosen_mapping())

    def _on_import_button_clicked(self) -> None:
        if self.preview is None:
            return
        progress, cancel = LatestProgress(), CancelToken()
        dialog = PolledProgressDialog(self.tr("Importing…"), progress, cancel, self)
        preview = self.preview
        self.import_button.setEnabled(False)
        self.jobs.run(lambda: self.services.apply_import(preview, progress, cancel),
                      lambda report: (dialog.finish(), self._on_imported(report)),
                      lambda error: (dialog.finish(), self._show_error(error)))

    def _on_imported(self, report) -> None:  # type: ignore[no-untyped-def]
        self.imported.emit(report)
        self.accept()

    def _show_error(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("Import"), error_text(error))
        self.import_button.setEnabled(self.preview is not None)
        if isinstance(error, UserError) and error.code == "import_no_header" and not self.mapping_combos:
            # No header words recognised: let the clerk say what each column of the first row holds.
            first_row = self.services.first_filled_row(self.path, self.sheet_combo.currentText() or None)
            self._set_mapping_combos([(text, "") for text in first_row])
            self.summary_label.setText(self.tr(
                "hpdesk did not recognise the header. Choose what each column holds, then press "
                "“Use this column mapping”."))
