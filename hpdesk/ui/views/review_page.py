"""The review queue: every report of the period that was submitted and waits, with a preview of what the unit wrote
and its evidence; approve or return it with a comment without touching the mouse.

Keys (while the queue has focus): ↑/↓ move, A approves, R returns (asks for the comment), Enter opens the report.
After a decision the next report is selected, so a clerk can go through the queue in one sitting.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from hpdesk.domain.reporting import figure_text
from hpdesk.services.periods import PeriodSummary
from hpdesk.services.reports import ReportSummary
from hpdesk.ui.dialogs.report_editor import ReportEditorDialog, ask_lock_reason
from hpdesk.ui.i18n import EVIDENCE_KIND_LABELS, ROLE_LABELS, STATUS_LABELS, error_text, label
from hpdesk.ui.icons import icon
from hpdesk.ui.jobs import JobRunner, Newest
from hpdesk.ui.models.paged_table_model import PAGE_SIZE
from hpdesk.ui.models.report_table_model import ReportTableModel, short_time
from hpdesk.ui.theme import hbox, muted_label, page_title, push_button, row_table
from hpdesk.ui.views.task_detail_panel import ReportTarget

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts


class ReviewPage(QWidget):
    data_changed = Signal()

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str = "zh_CN",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.period: PeriodSummary | None = None
        self.editor: ReportEditorDialog | None = None
        self.may_review = True  # False for a 填报 clerk of a shared workspace: approve/return are not offered
        self._loads = Newest()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.title_label = page_title(self.tr("Review queue"))
        self.count_label = muted_label(wrap=False)
        layout.addLayout(hbox(self.title_label, (self.count_label, 1),
                              muted_label(self.tr("Keys: ↑ ↓ move · A approve · R return · Enter open"), wrap=False)))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.queue_model = ReportTableModel()
        self.queue_table = row_table(self.queue_model)
        self.queue_table.verticalHeader().setDefaultSectionSize(26)
        header = self.queue_table.horizontalHeader()
        header.setSectionResizeMode(ReportTableModel.COLUMN_TASK, QHeaderView.ResizeMode.Stretch)
        # narrow fixed columns: at 1024×768 the task text keeps some eight characters (it was "…" under "壬务")
        for column, width in ((ReportTableModel.COLUMN_CODE, 76), (ReportTableModel.COLUMN_UNIT, 100),
                              (ReportTableModel.COLUMN_ROLE, 44), (ReportTableModel.COLUMN_STATUS, 64),
                              (ReportTableModel.COLUMN_EVIDENCE, 40), (ReportTableModel.COLUMN_REVIEW, 60),
                              (ReportTableModel.COLUMN_BY, 116)):
            header.resizeSection(column, width)
        # who filled it in and when, whole ("林晓燕 12-06 00:26"): names are short, the column follows them
        header.setSectionResizeMode(ReportTableModel.COLUMN_BY, QHeaderView.ResizeMode.ResizeToContents)
        self.queue_table.hideColumn(ReportTableModel.COLUMN_REVIEW)  # every row here is "submitted"
        self.queue_table.selectionModel().selectionChanged.connect(self._on_queue_selection_changed)
        self.queue_table.doubleClicked.connect(lambda _index: self.open_selected())
        self.splitter.addWidget(self.queue_table)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview = QTextBrowser()
        preview_layout.addWidget(self.preview, 1)
        self.open_button = push_button(self.tr("Open (Enter)"), self.open_selected, icon=icon("open"))
        self.return_button = push_button(self.tr("Return… (R)"), self.return_selected, icon=icon("return"))
        self.approve_button = push_button(self.tr("Approve (A)"), self.approve_selected, primary=True)
        preview_layout.addLayout(hbox(self.open_button, None, self.return_button, self.approve_button))
        self.splitter.addWidget(preview_box)
        self.splitter.setSizes([740, 440])
        layout.addWidget(self.splitter, 1)
        for key, slot in ((Qt.Key.Key_A, self.approve_selected), (Qt.Key.Key_R, self.return_selected),
                          (Qt.Key.Key_Return, self.open_selected), (Qt.Key.Key_Enter, self.open_selected)):
            QShortcut(QKeySequence(key), self.queue_table, slot, context=Qt.ShortcutContext.WidgetShortcut)
        self._set_buttons_enabled(False)

    # --- loading -----------------------------------------------------------------------------------------------------

    def set_period(self, period: PeriodSummary | None) -> None:
        self.period = period
        self.refresh()

    def refresh(self) -> None:
        label_ = self.period.label if self.period is not None else ""
        on_loaded = self._loads.then(lambda result: self._on_loaded(label_, result))
        if self.period is None:
            self.queue_model.clear()
            self.count_label.setText(self.tr("No reporting period yet"))
            self.preview.clear()
            return
        self.jobs.run(lambda: (self.services.count_reports(label_, "submitted"),
                               self.services.reports(label_, "submitted", PAGE_SIZE, 0)),
                      on_loaded)

    def _on_loaded(self, period_label: str, result) -> None:
        total, first_page = result
        selected = self.selected_report()
        self.queue_model.reset_rows(first_page, total, lambda offset, limit: self.services.reports(
            period_label, "submitted", limit, offset))
        self._update_count()
        row = next((number for number, report in enumerate(first_page) if selected and report.id == selected.id), 0)
        if self.queue_model.rowCount():
            self.queue_table.selectRow(row)
        else:
            self.preview.setHtml(self._empty_html())
            self._set_buttons_enabled(False)

    def _update_count(self) -> None:
        assert self.period is not None
        self.count_label.setText(self.tr("{count} reports waiting — {period}").format(
            count=self.queue_model.total, period=self.period.name))

    def _empty_html(self) -> str:
        text = self.tr("Nothing waits for review in this period.")
        return f"<p style='color:#6b7280;font-size:12pt'>{html.escape(text)}</p>"

    def selected_report(self) -> ReportSummary | None:
        rows = self.queue_table.selectionModel().selectedRows()
        return self.queue_model.row_at(rows[0].row()) if rows else None

    def _on_queue_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        report = self.selected_report()
        self._set_buttons_enabled(report is not None)
        if report is None:
            return
        self.preview.setHtml(self._report_html(report, None))
        period = report.period
        self.jobs.run(lambda: self.services.evidence(report.task_code, report.unit, period),
                      lambda evidence: self._show_evidence(report, evidence), lambda _error: None)

    def _show_evidence(self, report: ReportSummary, evidence) -> None:
        current = self.selected_report()
        if current is not None and current.id == report.id:
            self.preview.setHtml(self._report_html(report, evidence))

    def _report_html(self, report: ReportSummary, evidence) -> str:
        empty = html.escape(self.tr("(empty)"))
        status_title, filled_by_title = html.escape(self.tr("Status")), html.escape(self.tr("Filled in by"))
        files_template = self.tr("{count} file(s)")

        def section(title: str, text: str) -> str:
            body = html.escape(text).replace("\n", "<br>") if text.strip() else \
                f"<span style='color:#9ca3af'>{empty}</span>"
            return f"<p><b>{html.escape(title)}</b><br>{body}</p>"

        role = label(ROLE_LABELS, report.role)
        parts = [
            "<style>p{margin:0 0 10px 0;line-height:140%;}</style>",
            f"<h3 style='margin-bottom:2px'>{html.escape(report.task_code)} · "
            f"{html.escape(report.unit)}（{role}）</h3>",
            f"<p style='color:#6b7280'>{html.escape(report.task_text)}</p>",
            f"<p><b>{status_title}</b>：{html.escape(label(STATUS_LABELS, report.status))}　"
            f"<b>{filled_by_title}</b>：{html.escape(report.filled_by)} "
            f"{html.escape(short_time(report.filled_at))}</p>",
            section(self.tr("Progress"), report.narrative),
        ]
        if report.figures:
            figures = "、".join(figure_text(f) for f in report.figures)
            parts.append(section(self.tr("Key figures"), figures))
        parts += [section(self.tr("Problems"), report.problems), section(self.tr("Next steps"), report.next_steps)]
        if evidence is None:
            loading = html.escape(self.tr("Loading evidence…"))
            parts.append(f"<p style='color:#9ca3af'>{loading}</p>")
        elif not evidence:
            missing = html.escape(self.tr("No evidence attached."))
            parts.append(f"<p style='color:#c0392b'><b>{missing}</b></p>")
        else:
            evidence_title = html.escape(self.tr("Evidence"))
            items = "".join(
                f"<li>{html.escape(item.title)} <span style='color:#6b7280'>"
                f"（{html.escape(label(EVIDENCE_KIND_LABELS, item.kind))}"
                f"{'，' + html.escape(item.doc_number) if item.doc_number else ''}"
                f"{'，' + item.event_date.isoformat() if item.event_date else ''}，"
                f"{html.escape(files_template.format(count=len(item.files)))}）</span></li>"
                for item in evidence)
            parts.append(f"<p><b>{evidence_title}</b></p><ul style='margin-top:0'>{items}</ul>")
        return "".join(parts)

    # --- decisions ---------------------------------------------------------------------------------------------------

    def approve_selected(self) -> None:
        report = self.selected_report()
        if report is not None and self.may_review:
            self._decide(report, "approve", "")

    def return_selected(self) -> None:
        report = self.selected_report()
        if report is None or not self.may_review:
            return
        comment = self.prompts.ask_text(self.tr("Return the report"), self.tr(
            "What must {unit} add or correct?").format(unit=report.unit), multiline=True)
        if comment is None:
            return
        if not comment.strip():  # never silently: the clerk may think it was returned
            self.prompts.warn(self.tr("Return the report"), self.tr(
                "Not returned: write what {unit} must add or correct; the unit sees this comment.").format(
                unit=report.unit))
            return
        self._decide(report, "return", comment.strip())

    def _decide(self, report: ReportSummary, action: str, comment: str) -> None:
        reason = ask_lock_reason(self.prompts, self.period) if self.period is not None else ""
        if reason is None:
            return
        self._set_buttons_enabled(False)
        self.jobs.run(lambda: self.services.review(report.task_code, report.unit, report.period, action, comment,
                                                   reason),
                      lambda _updated: self._on_decided(report),
                      self._on_decision_failed)

    def _on_decision_failed(self, error: BaseException) -> None:
        self._set_buttons_enabled(True)
        self.prompts.warn(self.tr("Review"), error_text(error, self.language))

    def _on_decided(self, report: ReportSummary) -> None:
        """Drop the decided report from the queue and select the one that took its place."""
        row = next((number for number, row in enumerate(self.queue_model.rows()) if row.id == report.id), None)
        if row is not None:
            self.queue_model.remove_row(row)
        self._update_count()
        self.data_changed.emit()
        if self.queue_model.rowCount():
            self.queue_table.selectRow(min(row or 0, self.queue_model.rowCount() - 1))
            self.queue_table.setFocus()
        else:
            self.preview.setHtml(self._empty_html())
            self._set_buttons_enabled(False)

    def open_selected(self) -> None:
        report = self.selected_report()
        if report is None or self.period is None:
            return
        target = ReportTarget(0, report.task_code, report.task_text, report.unit, report.role, report.period)
        self.editor = ReportEditorDialog(self.services, self.jobs, self.prompts, target, self.period,
                                         language=self.language, may_review=self.may_review, parent=self)
        self.editor.saved.connect(self.data_changed.emit)
        self.editor.finished.connect(lambda _result: self.refresh())
        self.editor.open()

    def _set_buttons_enabled(self, enabled: bool) -> None:
        self.open_button.setEnabled(enabled)
        for button in (self.return_button, self.approve_button):
            button.setEnabled(enabled and self.may_review)

    def refresh_buttons(self) -> None:
        """Offer what the selection and the clerk's role allow (after `may_review` changed)."""
        self._set_buttons_enabled(self.selected_report() is not None)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("review/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("review/splitter")
        if state is not None:
            self.splitter.restoreState(state)

