"""The report editor: one unit's report on one task for one period — status, narrative, key figures, problems, next
steps — and its evidence (thumbnails; files added by drag-and-drop or a file dialog; double-click opens a file with
the system viewer).

Unsaved changes are never lost silently: closing (Esc, the Close button, the window's ×, or quitting the app) with
unsaved changes asks Save / Discard / Cancel. Saves and evidence go through the JobRunner; a locked period asks for
the reason the services require and record.

In a shared workspace a save carries the version the clerk loaded: a report another clerk saved meanwhile is refused
(已被他人修改), told in one dialog naming who changed which fields, and reloaded; nothing is overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QDialog, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.services.periods import PeriodSummary
from hpdesk.services.progress import CancelToken, LatestProgress
from hpdesk.services.reports import ReportChanges
from hpdesk.ui.theme import hbox, item_combo, muted_label, page_title, push_button
from hpdesk.ui.dialogs.evidence_details_dialog import EvidenceDetails
from hpdesk.ui.i18n import REVIEW_LABELS, ROLE_LABELS, STATUS_LABELS, error_text, label, message_text
from hpdesk.ui.icons import icon
from hpdesk.ui.models.figures_model import FiguresTableModel
from hpdesk.ui.progress_dialog import SharedProgress, run_with_progress
from hpdesk.ui.views.task_detail_panel import ReportTarget
from hpdesk.ui.widgets.evidence_list_view import EvidenceListModel, EvidenceListView
from hpdesk.ui.window_size import fitting_size

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.services.evidence import EvidenceResult
    from hpdesk.services.reports import ReportSummary

CLOSED, SAVING, CANCELLED = "closed", "saving", "cancelled"
translate = QCoreApplication.translate  # lupdate extracts translate("Context", "literal") calls


def ask_lock_reason(prompts: Prompts, period: PeriodSummary) -> str | None:
    """'' for an open period; the clerk's reason for changing a locked one (kept in the audit trail); None when they
    cancelled or gave none."""
    if period.state != "locked":
        return ""
    reason = prompts.ask_text(translate("ReportEditorDialog", "Locked period"), translate(
        "ReportEditorDialog", "{period} is locked. Why must this be changed? (kept in the audit trail)").format(
        period=period.name))
    if reason is None:
        return None
    if not reason.strip():  # OK with nothing typed did nothing and said nothing
        prompts.warn(translate("ReportEditorDialog", "Locked period"), translate(
            "ReportEditorDialog", "Nothing was changed: {period} is locked, and a change to it needs a reason.").format(
            period=period.name))
        return None
    return reason.strip()


class ReportEditorDialog(QDialog):
    saved = Signal()  # the report or its evidence changed in the workspace

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts,
                 target: ReportTarget, period: PeriodSummary, *, language: str = "zh_CN",
                 may_review: bool = True, parent: QWidget | None = None) -> None:
        """`may_review` False (a 填报 clerk of a shared workspace): 退回修改 is not offered."""
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.target, self.period, self.may_review = target, period, may_review
        self.version: int | None = None  # the report's version as loaded (None: no report yet)
        self.review_state = "draft"
        self._dirty = False
        self._loading = True
        self._saving = False
        self.setWindowTitle(self.tr("Report — {task} · {unit} · {period}").format(
            task=target.task_code, unit=target.unit, period=period.name) + "[*]")  # [*]: Qt's unsaved mark
        self.resize(fitting_size(parent, 1100, 720))
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_header())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_form())
        splitter.addWidget(self._build_evidence())
        splitter.setSizes([640, 440])
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_buttons())
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.load()

    # --- construction ------------------------------------------------------------------------------------------------

    def _build_header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        role = label(ROLE_LABELS, self.target.role)
        self.review_label = QLabel()
        header.addLayout(hbox((page_title(f"{self.target.task_code} · {self.target.unit}（{role}）· {self.period.name}"),
                               1), self.review_label))
        task_label = muted_label(self.target.task_text if len(self.target.task_text) <= 160
                                 else self.target.task_text[:160] + "…")
        task_label.setToolTip(self.target.task_text)
        header.addWidget(task_label)
        self.returned_frame, _layout, self.returned_label = self._banner(header, "returned")
        self.returned_frame.hide()
        # an approved report is read-only; changing it starts with returning it
        self.approved_frame, approved_layout, _label = self._banner(header, "notice", self.tr(
            "Approved: this report is read-only. To change it, return it for changes (the reason is kept in the "
            "audit trail)."))
        self.return_button = push_button(self.tr("Return for changes…"), self.return_for_changes)
        approved_layout.addWidget(self.return_button)
        self.approved_frame.hide()
        if self.period.state == "locked":
            self._banner(header, "notice", self.tr("This period is locked: changes need a reason, and the submission "
                                                   "will show them as changed after locking."))
        return header

    @staticmethod
    def _banner(header: QVBoxLayout, role: str, text: str = "") -> tuple[QFrame, QHBoxLayout, QLabel]:
        """A frame in the style sheet's colours for `role` holding a wrapped `text`, added to `header`."""
        frame = QFrame()
        frame.setProperty("role", role)
        layout = QHBoxLayout(frame)
        label_ = QLabel(text, wordWrap=True)
        layout.addWidget(label_, 1)
        header.addWidget(frame)
        return frame, layout, label_

    def _build_form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 8, 0)
        self.status_combo = item_combo([(label(STATUS_LABELS, code), code) for code in STATUS_LABELS])
        self.status_combo.currentIndexChanged.connect(self._mark_dirty)
        form.addRow(self.tr("Status"), self.status_combo)
        self.narrative_edit = self._text_edit(self.tr("What was done in this period: meetings, activities, "
                                                      "coverage, documents issued…"), 150)
        form.addRow(self.tr("Progress"), self.narrative_edit)
        figures_box = QWidget()
        figures_layout = QHBoxLayout(figures_box)
        figures_layout.setContentsMargins(0, 0, 0, 0)
        self.figures_model = FiguresTableModel()
        self.figures_table = QTableView()
        self.figures_table.setModel(self.figures_model)
        self.figures_table.verticalHeader().setVisible(False)
        self.figures_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        rows = self.figures_table.verticalHeader()  # four rows whatever the font, not "2.5 rows" at 1024×768
        self.figures_table.setFixedHeight(self.figures_table.horizontalHeader().sizeHint().height()
                                          + 4 * rows.defaultSectionSize() + 2 * self.figures_table.frameWidth() + 2)
        # Not CurrentChanged: a cell editor opened by merely arriving would trap the Tab key inside the table.
        self.figures_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                           | QAbstractItemView.EditTrigger.EditKeyPressed
                                           | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.figures_table.setTabKeyNavigation(False)  # Tab moves on through the form, arrows move between cells
        for signal in (self.figures_model.dataChanged, self.figures_model.rowsInserted,
                       self.figures_model.rowsRemoved):
            signal.connect(self._mark_dirty)
        figures_layout.addWidget(self.figures_table, 1)
        figure_buttons = QVBoxLayout()
        self.add_figure_button = push_button("", self._on_add_figure_button_clicked, tip=self.tr("Add a figure"),
                                             icon=icon("add"))
        self.remove_figure_button = push_button("", self._on_remove_figure_button_clicked,
                                                tip=self.tr("Remove the selected figure"), icon=icon("remove"))
        figure_buttons.addWidget(self.add_figure_button)
        figure_buttons.addWidget(self.remove_figure_button)
        figure_buttons.addStretch()
        figures_layout.addLayout(figure_buttons)
        form.addRow(self.tr("Key figures"), figures_box)
        self.problems_edit = self._text_edit(self.tr("Difficulties and shortcomings"), 70)
        form.addRow(self.tr("Problems"), self.problems_edit)
        self.next_steps_edit = self._text_edit(self.tr("What the unit will do next"), 70)
        form.addRow(self.tr("Next steps"), self.next_steps_edit)
        self.filled_by_edit = QLineEdit(placeholderText=self.tr("Required: the person at the unit who filled it in"))
        self.filled_by_edit.textChanged.connect(self._mark_dirty)
        form.addRow(self.tr("Filled in by"), self.filled_by_edit)
        return box

    def _text_edit(self, placeholder: str, height: int) -> QPlainTextEdit:
        edit = QPlainTextEdit(placeholderText=placeholder)
        edit.setMinimumHeight(height)
        edit.setTabChangesFocus(True)
        edit.textChanged.connect(self._mark_dirty)
        return edit

    def _build_evidence(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(8, 0, 0, 0)
        self.evidence_title_label = QLabel(self.tr("Evidence"))
        self.evidence_title_label.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.evidence_title_label)
        layout.addWidget(muted_label(self.tr("Drop files here from the file manager, or use “Add files…”. "
                                        "Double-click a file to open it.")))
        self.evidence_model = EvidenceListModel()
        self.evidence_view = EvidenceListView()
        self.evidence_view.setModel(self.evidence_model)
        self.evidence_view.files_dropped.connect(self.add_files)
        self.evidence_view.doubleClicked.connect(self._on_evidence_view_double_clicked)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # the keyboard's double-click: open with the viewer
            QShortcut(QKeySequence(key), self.evidence_view, lambda: self._on_evidence_view_double_clicked(
                self.evidence_view.currentIndex()), context=Qt.ShortcutContext.WidgetShortcut)
        layout.addWidget(self.evidence_view, 1)
        self.add_files_button = push_button(self.tr("Add files…"), self._on_add_files_button_clicked,
                                            icon=icon("add"))
        self.remove_evidence_button = push_button(self.tr("Remove evidence"), self._on_remove_evidence_button_clicked,
                                                  icon=icon("remove"))
        self.edit_evidence_button = push_button(self.tr("Edit details…"), self.edit_selected_evidence,
                                                tip=self.tr("Kind, title, date, document number of the selected "
                                                            "evidence"))
        layout.addLayout(hbox(self.add_files_button, self.edit_evidence_button, self.remove_evidence_button, None))
        self.evidence_view.selectionModel().selectionChanged.connect(lambda *_: self._update_evidence_buttons())
        return box

    def _update_evidence_buttons(self) -> None:
        """修改信息 and 删除佐证 act on the selected evidence: offered only while one is selected (with none they
        did nothing, not a word) and never on an approved report."""
        chosen = bool(self.evidence_view.selectionModel().selectedIndexes())
        for button in (self.edit_evidence_button, self.remove_evidence_button):
            button.setEnabled(chosen and self.review_state != "approved")

    def _build_buttons(self) -> QHBoxLayout:
        self.dirty_label = muted_label(wrap=False)
        self.close_button = push_button(self.tr("Close"), self.reject)
        self.submit_button = push_button(self.tr("Save and submit for review"), self._on_submit_button_clicked,
                                         icon=icon("submit"))
        self.save_button = push_button(self.tr("Save"), self.save, tip=self.tr("Save (Ctrl+S)"), primary=True)
        for button in (self.close_button, self.submit_button, self.save_button):
            button.setAutoDefault(False)
        return hbox((self.dirty_label, 1), self.close_button, self.submit_button, self.save_button)

    # --- loading -----------------------------------------------------------------------------------------------------

    def load(self) -> None:
        target = self.target
        self.jobs.run(lambda: (self.services.report(target.task_code, target.unit, target.period_label),
                               self.services.evidence(target.task_code, target.unit, target.period_label),
                               self.services.last_filled_by(target.unit)),
                      self._on_loaded, self._show_error)

    def _on_loaded(self, result) -> None:
        report, evidence, last_filled_by = result
        self._loading = True
        self.version = report.version if report is not None else None
        if report is not None:
            self.status_combo.setCurrentIndex(max(self.status_combo.findData(report.status), 0))
            self.narrative_edit.setPlainText(report.narrative)
            self.figures_model.set_figures(report.figures)
            self.problems_edit.setPlainText(report.problems)
            self.next_steps_edit.setPlainText(report.next_steps)
            self.filled_by_edit.setText(report.filled_by)
            self._show_review(report.review_state, report.review_comment)
        else:
            self.filled_by_edit.setText(last_filled_by)  # the unit's contact last time, never the login name
            self._show_review("draft", "")
        self._show_evidence(evidence)
        self._loading = False
        self._set_dirty(False)

    def _on_reviewed(self, report: ReportSummary) -> None:
        self.version = report.version
        self._show_review(report.review_state, report.review_comment)
        self.saved.emit()

    def _show_review(self, state: str, comment: str) -> None:
        self.review_state = state
        self.review_label.setText(self.tr("Review: {state}").format(state=label(REVIEW_LABELS, state)))
        self.returned_frame.setVisible(state == "returned" and bool(comment))
        self.returned_label.setText(self.tr("Returned with the comment: {comment}").format(comment=comment))
        self.submit_button.setEnabled(state in ("draft", "returned"))
        self._set_read_only(state == "approved")

    def _set_read_only(self, read_only: bool) -> None:
        """Approved content cannot be edited: every field is locked and only 退回修改 is offered."""
        self.approved_frame.setVisible(read_only)
        self.return_button.setEnabled(self.may_review)
        for edit in (self.narrative_edit, self.problems_edit, self.next_steps_edit):
            edit.setReadOnly(read_only)
        self.filled_by_edit.setReadOnly(read_only)
        self.status_combo.setEnabled(not read_only)
        self.figures_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                                           QAbstractItemView.EditTrigger.DoubleClicked
                                           | QAbstractItemView.EditTrigger.EditKeyPressed
                                           | QAbstractItemView.EditTrigger.AnyKeyPressed)
        for button in (self.add_figure_button, self.remove_figure_button, self.add_files_button, self.save_button):
            button.setEnabled(not read_only)
        self._update_evidence_buttons()
        self.evidence_view.setAcceptDrops(not read_only)

    def return_for_changes(self) -> None:
        """Ask why (the unit sees it as the review comment), then return the approved report so it can be edited."""
        comment = self.prompts.ask_text(self.tr("Return for changes"), self.tr(
            "Why is the approved report returned? The unit sees this comment."), multiline=True)
        if comment is None:
            return
        if not comment.strip():
            self.prompts.warn(self.tr("Return for changes"), self.tr(
                "Nothing was returned: a returned report needs a comment saying what to change."))
            return
        reason = ask_lock_reason(self.prompts, self.period)
        if reason is None:
            return
        target = self.target
        self.jobs.run(lambda: self.services.review(target.task_code, target.unit, target.period_label, "return",
                                                   comment.strip(), reason),
                      self._on_reviewed, self._show_error)

    def _show_evidence(self, evidence) -> None:
        self.evidence_model.set_evidence(evidence)
        self._update_evidence_buttons()  # a reset model has nothing selected
        self.evidence_title_label.setText(self.tr("Evidence ({count})").format(
            count=self.evidence_model.evidence_count()))

    # --- dirty state -------------------------------------------------------------------------------------------------

    def _mark_dirty(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.dirty_label.setText(self.tr("Unsaved changes") if dirty else "")
        self.setWindowModified(dirty)

    # --- saving ------------------------------------------------------------------------------------------------------

    def _commit_open_figure_cell(self) -> None:
        """Hand a figure cell still being typed in to the model: Ctrl+S and the window's × move no focus, so without
        this the save read the cell as it was before the clerk typed (the old number, or an empty value "not a
        number"), and closing did not count the typed number as unsaved."""
        cell_editor = QApplication.focusWidget()
        if cell_editor is not None and self.figures_table.viewport().isAncestorOf(cell_editor):
            self.figures_table.commitData(cell_editor)

    def _changes(self) -> ReportChanges | None:
        self._commit_open_figure_cell()
        try:
            figures = self.figures_model.figures()
        except ValueError as bad:
            self.prompts.warn(self.tr("Key figures"), self.tr("The value of “{figure}” is not a number.").format(
                figure=str(bad)))
            return None
        if not self.filled_by_edit.text().strip():
            self.prompts.warn(self.tr("Filled in by"), self.tr(
                "Enter who filled in the report: the name is printed in the packet sent to the city."))
            self.filled_by_edit.setFocus()
            return None
        return ReportChanges(status=self.status_combo.currentData(),
                             narrative=self.narrative_edit.toPlainText().strip(), figures=figures,
                             problems=self.problems_edit.toPlainText().strip(),
                             next_steps=self.next_steps_edit.toPlainText().strip(),
                             filled_by=self.filled_by_edit.text().strip())

    def save(self, then=None, reason: str | None = None) -> bool:
        """Save the form (off the UI thread); `then()` runs after a successful save. False if nothing was started.

        `reason` is the clerk's reason for changing a locked period when it was already asked for.
        """
        changes = self._changes()
        if changes is not None and reason is None:
            reason = ask_lock_reason(self.prompts, self.period)
        if changes is None or reason is None:
            return False
        target = self.target
        self._saving = True
        self.save_button.setEnabled(False)

        def saved(report) -> None:
            self.version = report.version
            self._saving = False
            self.save_button.setEnabled(True)
            self._set_dirty(False)
            self._show_review(report.review_state, report.review_comment)
            self.saved.emit()
            if then is not None:
                then()

        def failed(error: BaseException) -> None:
            self._saving = False
            self.save_button.setEnabled(True)
            if isinstance(error, UserError) and error.code == "report_changed_by_other":
                self.prompts.warn(self.tr("Changed by someone else"), error_text(error, self.language))
                self.load()  # what the other clerk saved; the clerk re-enters their change on it
                return
            self._show_error(error)

        version = self.version if self.services.shared_database() is not None else None
        if version is None:
            self.jobs.run(lambda: self.services.save_report(target.task_code, target.unit, target.period_label,
                                                            changes, reason=reason), saved, failed)
        else:
            self.jobs.run(lambda: self.services.save_report_seen(version, target.task_code, target.unit,
                                                                 target.period_label, changes, reason), saved, failed)
        return True

    def _on_submit_button_clicked(self) -> None:
        """Save what is unsaved, then hand the report in for review (a report saying 已完成 without any evidence is
        handed in only when the clerk confirms: the city asks for proof of completed work)."""
        target = self.target
        if self.status_combo.currentData() == "done" and not self.evidence_model.evidence_count() \
                and not self.prompts.confirm(self.tr("Submit for review"), self.tr(
                    "The report says the task is done but has no evidence. Submit it anyway?")):
            return
        reason = ask_lock_reason(self.prompts, self.period)
        if reason is None:
            return

        def submit() -> None:
            self.jobs.run(lambda: self.services.review(target.task_code, target.unit, target.period_label, "submit",
                                                       reason=reason),
                          self._on_reviewed, self._show_error)

        if self._dirty:
            self.save(then=submit, reason=reason)
        else:
            submit()

    # --- closing -----------------------------------------------------------------------------------------------------

    def request_close(self) -> str:
        """Close, asking first when there are unsaved changes: CLOSED, SAVING (closes after the save) or CANCELLED."""
        if self._saving:
            return SAVING
        self._commit_open_figure_cell()  # a number still being typed counts as unsaved too
        if self._dirty:
            answer = self.prompts.ask_unsaved(self.tr("Unsaved changes"), self.tr(
                "The report of {unit} on {task} has unsaved changes.").format(unit=self.target.unit,
                                                                             task=self.target.task_code))
            if answer == "cancel":
                return CANCELLED
            if answer == "save":
                return SAVING if self.save(then=lambda: QDialog.reject(self)) else CANCELLED
        QDialog.reject(self)
        return CLOSED

    def reject(self) -> None:  # Esc, the Close button and the window's × all come here
        self.request_close()

    # --- evidence ----------------------------------------------------------------------------------------------------

    def _on_add_files_button_clicked(self) -> None:
        files = self.prompts.choose_evidence_files()
        if files:
            self.add_files(files)

    def add_files(self, files: list[Path]) -> None:
        """Ask what the files are — one form for one file; for several, a row per file with its own kind, title and
        date (or all as one piece) — then store them (with progress; cancellable)."""
        if self.review_state == "approved":
            self.prompts.warn(self.tr("Evidence"), self.tr("This report is approved: return it for changes first."))
            return
        suggestions = self.services.suggest_evidence(files)
        if len(files) == 1:
            first = suggestions[0]
            details = self.prompts.ask_evidence_details(files, EvidenceDetails(first.kind, first.title,
                                                                               first.event_date))
            groups = [(list(files), details)] if details is not None else None
        else:
            groups = self.prompts.ask_evidence_batch(suggestions)
        if not groups:
            return
        reason = ask_lock_reason(self.prompts, self.period)
        if reason is None:
            return
        target = self.target

        stopped: list[BaseException] = []  # a Cancel or a refusal after some pieces were stored

        def store_all(progress: LatestProgress, cancel: CancelToken) -> list[EvidenceResult]:
            overall = SharedProgress.over_files(progress, [group_files for group_files, _ in groups])
            results: list[EvidenceResult] = []
            for part, (group_files, details) in enumerate(groups):
                overall.start(part)
                try:
                    results.append(self.services.add_evidence(
                        target.task_code, target.unit, target.period_label, group_files, kind=details.kind,
                        title=details.title, event_date=details.event_date, doc_number=details.doc_number,
                        description=details.description, reason=reason, progress=overall, cancel=cancel))
                except (OperationCancelled, UserError) as error:
                    if not results:
                        raise  # nothing stored: the refusal, or "cancelled, nothing was changed", is true
                    stopped.append(error)
                    break
            return results

        def added(results: list[EvidenceResult]) -> None:
            self._on_evidence_added(results)
            left = len(groups) - len(results)  # each piece is stored on its own: those before stay; say so
            if stopped and isinstance(stopped[0], OperationCancelled):
                self.prompts.inform(self.tr("Evidence"), self.tr(
                    "Cancelled: {added} piece(s) of evidence were added before the Cancel; the other {left} were "
                    "not.").format(added=len(results), left=left))
            elif stopped:
                self.prompts.warn(self.tr("Evidence"), self.tr(
                    "{added} piece(s) of evidence were added; the other {left} were not, as the next one was "
                    "refused: {reason}").format(added=len(results), left=left,
                                                reason=error_text(stopped[0], self.language)))

        run_with_progress(self.jobs, self, self.tr("Adding evidence…"), self.language, store_all, added,
                          self._on_evidence_failed)

    def edit_selected_evidence(self) -> None:
        """Change the kind, title, date, document number or description of stored evidence."""
        rows = self.evidence_view.selectionModel().selectedRows() or self.evidence_view.selectedIndexes()
        if not rows:
            return
        evidence = self.evidence_model.tile_at(rows[0].row()).evidence
        details = self.prompts.ask_evidence_details(
            [Path(file.file_name) for file in evidence.files],
            EvidenceDetails(evidence.kind, evidence.title, evidence.event_date, evidence.doc_number,
                            evidence.description))
        if details is None:
            return
        reason = ask_lock_reason(self.prompts, self.period)
        if reason is None:
            return
        self.jobs.run(lambda: self.services.update_evidence(
            evidence.id, kind=details.kind, title=details.title, event_date=details.event_date,
            doc_number=details.doc_number, description=details.description, reason=reason),
            lambda result: self._on_evidence_added([result]), self._show_error)

    def _on_evidence_changed(self, _result: object = None) -> None:
        self.saved.emit()
        self._reload_evidence()

    def _on_evidence_failed(self, error: BaseException) -> None:
        self._show_error(error)
        self._reload_evidence()

    def _on_evidence_added(self, results: list[EvidenceResult]) -> None:
        self._on_evidence_changed()
        warnings = [message_text(notice, self.language) for result in results for notice in result.notices]
        if warnings:
            self.prompts.inform(self.tr("Evidence added"), "\n".join(warnings))

    def _reload_evidence(self) -> None:
        """The evidence, and the report's version (evidence changed after a lock flags the report)."""
        target = self.target
        self.jobs.run(lambda: (self.services.evidence(target.task_code, target.unit, target.period_label),
                               self.services.report(target.task_code, target.unit, target.period_label)),
                      self._on_evidence_reloaded, self._show_error)

    def _on_evidence_reloaded(self, result) -> None:
        evidence, report = result
        self._show_evidence(evidence)
        if report is not None:
            self.version = report.version

    def _on_remove_evidence_button_clicked(self) -> None:
        rows = self.evidence_view.selectionModel().selectedRows() or self.evidence_view.selectedIndexes()
        if not rows:
            return
        evidence = self.evidence_model.tile_at(rows[0].row()).evidence
        if not self.prompts.confirm(self.tr("Remove evidence"), self.tr(
                "Remove “{title}” and its {count} file(s) from this report?").format(
                title=evidence.title, count=len(evidence.files))):
            return
        reason = ask_lock_reason(self.prompts, self.period)
        if reason is None:
            return
        self.jobs.run(lambda: self.services.remove_evidence(evidence.id, reason),
                      self._on_evidence_changed, self._show_error)

    def _on_evidence_view_double_clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        tile = self.evidence_model.tile_at(index.row())
        if tile.file is None:
            return
        file = tile.file
        self.jobs.run(lambda: self.services.viewable_file(file.sha256, file.file_name), self._open_with_viewer,
                      self._show_error)

    def _open_with_viewer(self, path: Path) -> None:
        if not self.prompts.open_file(path):
            self.prompts.warn(self.tr("Open file"), self.tr(
                "No program on this PC opens {file}. The file is at {path}.").format(file=path.name, path=path))

    # --- figures -----------------------------------------------------------------------------------------------------

    def _on_add_figure_button_clicked(self) -> None:
        row = self.figures_model.add_row()
        self.figures_table.setCurrentIndex(self.figures_model.index(row, 0))
        self.figures_table.edit(self.figures_model.index(row, 0))

    def _on_remove_figure_button_clicked(self) -> None:
        index = self.figures_table.currentIndex()
        if index.isValid():
            self.figures_model.remove_row(index.row())

    def _show_error(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("Report"), error_text(error, self.language))
