"""Import the workbooks units sent back: drop files, folders or zips; see per report what changes field by field and
what is new; keep every row (the default) or pick row by row; import off the UI thread with progress and Cancel.

Rows that cannot be imported are shown with the reason and no check box; rows whose locked city text the unit changed
start unchecked (the clerk decides). Nothing is written before “Import the checked rows”.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from hpdesk.ui.i18n import QT_TRANSLATE_NOOP, error_text, message_text
from hpdesk.ui.progress_dialog import run_with_progress
from hpdesk.ui.window_size import fitting_size
from hpdesk.ui.theme import hbox, push_button
from hpdesk.ui.widgets.dialog_footer import add_action_buttons

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner

KEY_ROLE = Qt.ItemDataRole.UserRole
STATE_LABELS = {
    "new": QT_TRANSLATE_NOOP("FormsImportDialog", "New report"),
    "changed": QT_TRANSLATE_NOOP("FormsImportDialog", "Changes"),
    "unchanged": QT_TRANSLATE_NOOP("FormsImportDialog", "No change"),
    "unfilled": QT_TRANSLATE_NOOP("FormsImportDialog", "Not filled in"),
    "blocked": QT_TRANSLATE_NOOP("FormsImportDialog", "Cannot be imported"),
}
_GREY = QColor("#777777")
_RED = QColor("#B42318")


class FormsImportDialog(QDialog):
    imported = Signal(object)  # the list of FormImportResult

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, *, period_label: str | None = None,
                 language: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.period_label = period_label
        self.paths: list[Path] = []
        self.analysis = None
        self.setWindowTitle(self.tr("Import units' fill-in forms"))
        self.resize(fitting_size(parent, 1100, 700))
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        self.drop_label = QLabel(self.tr("Drag the workbooks the units sent back here — files, folders or zips — "
                                         "with their evidence files beside them."), wordWrap=True)
        self.add_file_button = push_button(self.tr("Add a file…"), self._on_add_file_clicked)
        self.add_folder_button = push_button(self.tr("Add a folder…"), self._on_add_folder_clicked)
        layout.addLayout(hbox((self.drop_label, 1), self.add_file_button, self.add_folder_button))
        self.summary_label = QLabel(wordWrap=True)
        layout.addWidget(self.summary_label)
        self.tree = QTreeWidget(columnCount=4)
        self.tree.setHeaderLabels([self.tr("Row"), self.tr("Task"), self.tr("What happens"), self.tr("Details")])
        self.tree.setColumnWidth(0, 230)
        self.tree.setColumnWidth(1, 300)
        self.tree.setColumnWidth(2, 130)
        self.tree.setWordWrap(True)
        layout.addWidget(self.tree, 1)
        buttons, self.import_button = add_action_buttons(self, layout, self.tr("Import the checked rows"),
                                                         self._on_import_clicked,
                                                         QDialogButtonBox.StandardButton.Cancel)
        self.import_button.setEnabled(False)
        self.check_all_button = push_button(self.tr("Check every row that can be imported"), self._on_check_all_clicked)
        buttons.addButton(self.check_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.finished.connect(self._on_finished)

    # --- adding files --------------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def _on_add_file_clicked(self) -> None:
        path = self.prompts.choose_workbook()
        if path is not None:
            self.add_paths([path])

    def _on_add_folder_clicked(self) -> None:
        folder = self.prompts.choose_folder(self.tr("The folder the units' workbooks are in"), Path.home())
        if folder is not None:
            self.add_paths([folder])

    def add_paths(self, paths: list[Path]) -> None:
        """Add files, folders or zips and analyse everything added so far (off the UI thread)."""
        self._before = list(self.paths)
        self.paths += [path for path in paths if path not in self.paths]
        self.analyse()

    def analyse(self) -> None:
        self._discard()
        paths, period = list(self.paths), self.period_label
        self.import_button.setEnabled(False)
        run_with_progress(self.jobs, self, self.tr("Reading the returned forms…"), self.language,
                          lambda progress, cancel: self.services.analyse_forms(paths, period, progress, cancel),
                          self._show, self._on_analysis_failed)

    def _on_analysis_failed(self, error: BaseException) -> None:
        """Say what is wrong with the file just added, and go back to the files that were fine."""
        self._on_failed(error)
        self.paths = list(getattr(self, "_before", []))
        self.tree.clear()
        self.summary_label.clear()
        if self.paths:
            self.analyse()

    # --- the diff ------------------------------------------------------------------------------------------------

    def _show(self, analysis) -> None:
        self.analysis = analysis
        self.tree.clear()
        counts = {state: 0 for state in STATE_LABELS}
        for preview in analysis.previews:
            head = QTreeWidgetItem(self.tree, [preview.file, self.tr("{unit} · {period} · form {code}").format(
                unit=preview.unit, period=preview.period_name, code=preview.form_code), "", ""])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            head.setFont(1, font)
            if preview.already_imported:
                head.setText(3, self.tr("This file was imported before; nothing changes."))
            elif preview.supersedes:
                head.setText(3, self.tr("Replaces the earlier file {file}").format(file=preview.supersedes))
            for warning in preview.warnings:
                QTreeWidgetItem(head, ["", "", self.tr("Note"), message_text(warning, self.language)])
            for row in preview.rows:
                counts[row.state] += 1
                self._row_item(head, row, preview.already_imported)
            head.setExpanded(True)
        self.summary_label.setText(self.tr(
            "{files} files: {new} new reports, {changed} with changes, {unchanged} unchanged, {unfilled} not "
            "filled in, {blocked} cannot be imported. Imported reports are handed in for review (已提交).").format(
            files=len(analysis.previews), **counts))
        self.import_button.setEnabled(any(row.applicable for p in analysis.previews for row in p.rows
                                          if not p.already_imported))

    def _row_item(self, head: QTreeWidgetItem, row, already: bool) -> None:
        state = QCoreApplication.translate("FormsImportDialog", STATE_LABELS[row.state])
        item = QTreeWidgetItem(head, [self.tr("Row {row}").format(row=row.sheet_row),
                                      f"{row.task_code} {row.task_text[:40]}".strip(), state, ""])
        item.setData(0, KEY_ROLE, row.row_key)
        if row.applicable and not already:
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked if row.needs_consent else Qt.CheckState.Checked)
            return self._row_details(item, row, already)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)  # nothing to choose: no check box
        if row.state == "blocked":
            item.setForeground(2, QBrush(_RED))
        else:
            for column in range(4):
                item.setForeground(column, QBrush(_GREY))
        self._row_details(item, row, already)

    def _row_details(self, item: QTreeWidgetItem, row, already: bool) -> None:
        for change in row.changes:
            QTreeWidgetItem(item, ["", change.label, self.tr("was → now"),
                                   f"{change.before or self.tr('(empty)')} → {change.after or self.tr('(empty)')}"])
        for change in row.locked_changes:
            child = QTreeWidgetItem(item, ["", change.label, self.tr("Locked text changed"),
                                           f"{change.before} → {change.after}"])
            child.setForeground(2, QBrush(_RED))
        for problem in row.problems:
            QTreeWidgetItem(item, ["", "", self.tr("Problem"), message_text(problem, self.language)])
        for path in row.evidence_found:
            QTreeWidgetItem(item, ["", Path(path).name, self.tr("Evidence to add"), ""])
        for name in row.evidence_missing:
            QTreeWidgetItem(item, ["", name, self.tr("Evidence not found"),
                                   self.tr("Not beside the workbook; it can be added later by hand.")])
        item.setExpanded(row.state in ("new", "changed", "blocked") and not already)

    def _checkable_rows(self, index: int) -> list[QTreeWidgetItem]:
        """The rows of the `index`-th file that have a check box."""
        head = self.tree.topLevelItem(index)
        rows = [head.child(child) for child in range(head.childCount())] if head is not None else []
        return [item for item in rows if item is not None and item.flags() & Qt.ItemFlag.ItemIsUserCheckable]

    def accepted_rows(self) -> dict[str, set[str]]:
        """Per preview path, the row keys checked."""
        if self.analysis is None:
            return {}
        return {preview.path: {item.data(0, KEY_ROLE) for item in self._checkable_rows(index)
                               if item.checkState(0) == Qt.CheckState.Checked}
                for index, preview in enumerate(self.analysis.previews)}

    def _on_check_all_clicked(self) -> None:
        for index in range(self.tree.topLevelItemCount()):
            for item in self._checkable_rows(index):
                item.setCheckState(0, Qt.CheckState.Checked)

    # --- importing -----------------------------------------------------------------------------------------------

    def _on_import_clicked(self) -> None:
        if self.analysis is None:
            return
        analysis, accepted = self.analysis, self.accepted_rows()
        self.import_button.setEnabled(False)
        self.analysis = None  # applying consumes it (its scratch copies are removed)
        run_with_progress(self.jobs, self, self.tr("Importing the forms…"), self.language,
                          lambda progress, cancel: self.services.apply_forms(analysis, accepted, progress, cancel),
                          self._on_imported, self._on_failed)

    def _on_imported(self, results) -> None:
        new = sum(result.new_reports for result in results)
        changed = sum(result.changed_reports for result in results)
        evidence = sum(len(result.evidence_added) for result in results)
        notes = [message_text(warning, self.language) for result in results for warning in result.warnings]
        missing = [name for result in results for name in result.evidence_missing]
        text = self.tr("{new} new and {changed} changed reports were handed in for review; {evidence} evidence "
                       "files added.").format(new=new, changed=changed, evidence=evidence)
        if missing:
            text += "\n" + self.tr("Evidence not found: {files}").format(files="、".join(missing))
        if notes:
            text += "\n" + "\n".join(notes)
        self.prompts.inform(self.windowTitle(), text)
        self.imported.emit(results)
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.prompts.warn(self.windowTitle(), error_text(error, self.language))
        self.import_button.setEnabled(self.analysis is not None)

    def _discard(self) -> None:
        if self.analysis is not None:
            analysis, self.analysis = self.analysis, None
            self.jobs.run(lambda: self.services.discard_forms(analysis), lambda _none: None)

    def _on_finished(self, _result: int) -> None:
        self._discard()
