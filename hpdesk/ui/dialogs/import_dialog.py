"""The import wizard: choose the sheet → preview (detected field per column, rows with issues highlighted, the diff
against what is imported) → map columns by hand if needed → import (off the UI thread, with progress and cancel).

The clerk's manual mapping is sent with the analysis, and remembered by the service for files of the same layout.
Nothing is written before "Import" is pressed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QPushButton, QScrollArea, QSplitter,
    QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from hpdesk.domain.errors import UserError
from hpdesk.ui.i18n import error_text, message_text, then_sentence
from hpdesk.ui.models.import_preview_model import CHANGE_LABELS, FIELD_LABELS, ImportPreviewModel, field_label
from hpdesk.ui.progress_dialog import run_with_progress
from hpdesk.ui.theme import clear_layout, hbox, item_combo, push_button
from hpdesk.ui.window_size import fitting_size
from hpdesk.ui.widgets.dialog_footer import add_action_buttons

if TYPE_CHECKING:
    from hpdesk.services.importing.report import ImportPreview
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner

_YEAR_FIELDS = {"baseline", "target"}
PREVIEW_COLUMN_MAX = 320  # pixels: a long task text is read in the tooltip, not in a column wider than the screen


def rows_to_check(preview: ImportPreview, language: str) -> list[tuple[int, str]]:
    """The preview's rows to check, one entry per sheet row with its warnings joined (so a list of them counts what
    the summary's "N rows need checking" counts), in the UI's `language`: [(sheet row, what to check)]."""
    by_row: dict[tuple[str, int], list[str]] = {}
    for issue in preview.warnings:
        by_row.setdefault((issue.sheet, issue.row), []).append(
            f"{issue.column} {message_text(issue.detail, language)}".strip())
    separator = QCoreApplication.translate("ImportDialog", "; ")
    return [(row, separator.join(details)) for (_sheet, row), details in by_row.items()]


class ImportDialog(QDialog):
    imported = Signal(object)  # the ImportReport

    def __init__(self, services: AppServices, jobs: JobRunner, path: Path, sheets: list[str], prompts: Prompts,
                 parent: QWidget | None = None, *, language: str = "zh_CN") -> None:
        super().__init__(parent)
        self.services, self.jobs, self.path, self.prompts, self.language = services, jobs, path, prompts, language
        self.preview = None
        self.setWindowTitle(self.tr("Import {file}").format(file=path.name))
        self.resize(fitting_size(parent, 1150, 720))
        layout = QVBoxLayout(self)
        self.sheet_combo = QComboBox()
        layout.addLayout(hbox(QLabel(self.tr("Sheet")), (self.sheet_combo, 1)))
        self.summary_label = QLabel(self.tr("Reading the file…"), wordWrap=True)
        self.adjust_button = QPushButton(self.tr("Adjust the columns…"))
        self.adjust_button.setCheckable(True)
        self.adjust_button.setToolTip(self.tr("Only needed when hpdesk read a column as the wrong field"))
        layout.addLayout(hbox((self.summary_label, 1), (self.adjust_button, 0, Qt.AlignmentFlag.AlignTop)))
        self.mapping_panel = QWidget()
        mapping_row = QHBoxLayout(self.mapping_panel)
        mapping_row.setContentsMargins(0, 0, 0, 0)
        mapping_row.addWidget(QLabel(self.tr("Columns")))
        mapping_area = QScrollArea(widgetResizable=True)
        mapping_area.setFixedHeight(48)
        mapping_holder = QWidget()
        self.mapping_box = QHBoxLayout(mapping_holder)
        self.mapping_box.setContentsMargins(0, 0, 0, 0)
        mapping_area.setWidget(mapping_holder)
        mapping_row.addWidget(mapping_area, 1)
        self.reanalyse_button = push_button(self.tr("Use this column mapping"), self._on_reanalyse_button_clicked,
                                            tip=self.tr("Read the sheet again with the fields chosen above; hpdesk "
                                                        "remembers them for tables of the same layout"))
        mapping_row.addWidget(self.reanalyse_button)
        layout.addWidget(self.mapping_panel)
        self.mapping_panel.hide()  # the detected fields are in the column headers; adjusting is the exception
        self.adjust_button.toggled.connect(self.mapping_panel.setVisible)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.preview_model = ImportPreviewModel(self.language)
        self.preview_table = QTableView(wordWrap=False)
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setAlternatingRowColors(True)
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        self.detail_tabs = QTabWidget()
        self.issue_list = QListWidget()
        self.issue_list.currentRowChanged.connect(self._on_issue_list_row_changed)
        self.change_list = QListWidget()
        self.note_list = QListWidget()
        self.detail_tabs.addTab(self.issue_list, self.tr("Rows to check"))
        self.detail_tabs.addTab(self.change_list, self.tr("Changes"))
        self.detail_tabs.addTab(self.note_list, self.tr("Notes"))
        splitter.addWidget(self.preview_table)
        splitter.addWidget(self.detail_tabs)
        splitter.setSizes([470, 170])
        layout.addWidget(splitter, 1)
        _buttons, self.import_button = add_action_buttons(self, layout, self.tr("Import"),
                                                          self._on_import_button_clicked,
                                                          QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.mapping_combos: list[QComboBox] = []
        self.year_combos: list[QComboBox] = []
        self.sheet_combo.addItems(sheets)
        self.sheet_combo.currentTextChanged.connect(lambda _name: self.analyse())

    def analyse(self, column_fields: list[str] | None = None) -> None:
        """Analyse the chosen sheet off the UI thread; the preview fills in when it is done."""
        sheet = self.sheet_combo.currentText() or None
        # The preview shown was made of another sheet or mapping: if this analysis fails, 导入 must not write it
        self.preview = None
        self.summary_label.clear()
        self.import_button.setEnabled(False)
        run_with_progress(self.jobs, self, self.tr("Reading {file}…").format(file=self.path.name), self.language,
                          lambda progress, cancel: self.services.analyse_workbook(
                              self.path, progress, cancel, sheet=sheet, column_fields=column_fields),
                          self._show_preview, self._show_error)

    def _show_preview(self, preview) -> None:
        self.preview = preview
        counts = preview.counts()
        if preview.kind == "tasks":
            text = self.tr("Task table of “{plan}”: {actions} actions, {tasks} tasks ({county} for the county).")
        else:
            text = self.tr("Indicator table of “{plan}”: {actions} actions, {indicators} indicators.")
        text = then_sentence(text, self.tr("Against what is imported: {new} new, {changed} changed, "
                                           "{unchanged} unchanged, {withdrawn} withdrawn."))
        # "0 rows need checking" read like a warning; a clean table says so plainly
        text = then_sentence(text, self.tr("{issues} rows need checking (highlighted).") if counts["flagged_rows"]
                             else self.tr("No row needs checking."))
        self.summary_label.setText(text.format(
            plan=preview.plan_title, actions=counts["actions"], tasks=counts["tasks"], county=counts["county_tasks"],
            indicators=counts["indicators"], new=counts["new"], changed=counts["changed"],
            unchanged=counts["unchanged"], withdrawn=counts["withdrawn"], issues=counts["flagged_rows"]))
        self.preview_model.set_preview(preview)
        # Each column as wide as its text up to a limit (the last one stretches): at 1024×768 the indicator name
        # read "居民健康素养…" beside a half-empty target column that took all the room.
        for column in range(self.preview_model.columnCount()):
            self.preview_table.resizeColumnToContents(column)
            self.preview_table.setColumnWidth(column, min(self.preview_table.columnWidth(column), PREVIEW_COLUMN_MAX))
        self.issue_list.clear()
        self.note_list.clear()
        # One entry per row to check (its warnings joined), so the tab counts what the summary counts; notes
        # (information only) have their own tab.
        checks = rows_to_check(preview, self.language)
        self._issue_rows = [row for row, _detail in checks]
        for row, detail in checks:
            self.issue_list.addItem(self.tr("Row {row}: {detail}").format(row=row, detail=detail))
        for issue in preview.issues:
            if issue.severity != "warning":
                self.note_list.addItem(self.tr("Row {row}: {detail}").format(row=issue.row,
                                                                            detail=message_text(issue.detail,
                                                                                                self.language)))
        self.change_list.clear()
        for change in preview.changes:
            if change.state == "unchanged":
                continue
            state = QCoreApplication.translate("ImportDialog", CHANGE_LABELS.get(change.state, change.state))
            where = self.tr("row {row}").format(row=change.row) if change.row else (change.code or "")
            self.change_list.addItem(f"{state} · {where} · {change.label[:80]}")
        self.detail_tabs.setTabText(0, self.tr("Rows to check ({count})").format(count=self.issue_list.count()))
        self.detail_tabs.setTabText(1, self.tr("Changes ({count})").format(count=self.change_list.count()))
        self.detail_tabs.setTabText(2, self.tr("Notes ({count})").format(count=self.note_list.count()))
        if self.issue_list.count():
            self.detail_tabs.setCurrentIndex(0)
        self._set_mapping_combos([(column.label or column.letter, column.field, column.year)
                                  for column in preview.columns])
        self.import_button.setEnabled(True)

    def _on_issue_list_row_changed(self, row: int) -> None:
        """Show the row an issue is about in the preview, so the clerk sees it in context."""
        if 0 <= row < len(getattr(self, "_issue_rows", [])):
            model_row = self.preview_model.row_of_sheet_row(self._issue_rows[row])
            if model_row is not None:
                self.preview_table.selectRow(model_row)
                self.preview_table.scrollTo(self.preview_model.index(model_row, 0))

    def _set_mapping_combos(self, columns: list[tuple[str, str, int | None]]) -> None:
        """One field choice per column; a baseline or target column also gets a year choice (a year, the plan's
        end year, or 不限年份), so a target column whose header names no year can be given one right here."""
        clear_layout(self.mapping_box)
        self.mapping_combos, self.year_combos = [], []
        for header, current, year in columns:
            combo = item_combo([(field_label(field), field) for field in FIELD_LABELS], current)
            combo.setToolTip(header)
            years = self._year_combo(year)
            years.setToolTip(self.tr("The year of this column's values: {header}").format(header=header))
            years.setVisible(current in _YEAR_FIELDS)
            combo.currentIndexChanged.connect(
                lambda _index, field_combo=combo, year_combo=years:
                year_combo.setVisible(field_combo.currentData() in _YEAR_FIELDS))
            self.mapping_box.addWidget(combo)
            self.mapping_box.addWidget(years)
            self.mapping_combos.append(combo)
            self.year_combos.append(years)

    def _year_combo(self, year: int | None) -> QComboBox:
        heading = self.preview.parsed.heading if self.preview is not None else None
        span_end = heading.span_end if heading is not None else None
        as_header = self.tr("Plan's end year ({year})").format(year=span_end) if span_end \
            else self.tr("Year as in the header")
        return item_combo([(as_header, None), (self.tr("Any year (不限年份)"), 0),
                           *((self.tr("{year}").format(year=value), value) for value in range(2015, 2036))], year)

    def chosen_mapping(self) -> list[str]:
        """'target:2030', 'target:0' (any year), 'target' (as the header says), 'task_text', '' …"""
        chosen = [(combo.currentData(), years.currentData()) for combo, years in zip(self.mapping_combos,
                                                                                      self.year_combos)]
        return [f"{field}:{year}" if field in _YEAR_FIELDS and year is not None else field for field, year in chosen]

    def _on_reanalyse_button_clicked(self) -> None:
        if self.mapping_combos:
            self.analyse(self.chosen_mapping())

    def _on_import_button_clicked(self) -> None:
        if self.preview is None:
            return
        preview = self.preview
        self.import_button.setEnabled(False)
        run_with_progress(self.jobs, self, self.tr("Importing…"), self.language,
                          lambda progress, cancel: self.services.apply_import(preview, progress, cancel),
                          self._on_imported, self._show_error)

    def _on_imported(self, report) -> None:
        self.imported.emit(report)
        self.accept()

    def _show_error(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("Import"), error_text(error, self.language))
        self.import_button.setEnabled(self.preview is not None)
        if isinstance(error, UserError) and error.code == "import_no_header" and not self.mapping_combos:
            # No header words recognised: let the clerk say what each column of the first row holds.
            self.jobs.run(lambda: self.services.first_filled_row(self.path, self.sheet_combo.currentText() or None),
                          self._offer_manual_mapping)

    def _offer_manual_mapping(self, first_row: tuple[str, ...]) -> None:
        self._set_mapping_combos([(text, "", None) for text in first_row])
        self.adjust_button.setChecked(True)
        self.summary_label.setText(self.tr(
            "hpdesk did not recognise the header. Choose what each column holds, then press "
            "“Use this column mapping”."))
