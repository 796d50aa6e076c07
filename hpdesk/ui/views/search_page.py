"""Search results as the clerk types in the search box: tasks, units, evidence (and its file names) and report texts
whose Chinese text contains the words, grouped by kind. Enter or a double-click goes to the task (and the unit and period of a piece of evidence)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QVBoxLayout, QWidget

from hpdesk.services.search import HITS_PER_KIND, SearchHit
from hpdesk.ui.i18n import QT_TRANSLATE_NOOP
from hpdesk.ui.jobs import JobRunner, Newest
from hpdesk.ui.models.paged_table_model import RowTableModel
from hpdesk.ui.theme import hbox, muted_label, page_title, row_table

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices

_KINDS = {
    "task": QT_TRANSLATE_NOOP("SearchResultsModel", "Task"),
    "unit": QT_TRANSLATE_NOOP("SearchResultsModel", "Unit"),
    "evidence": QT_TRANSLATE_NOOP("SearchResultsModel", "Evidence"),
    "report": QT_TRANSLATE_NOOP("SearchResultsModel", "Report"),
}
class SearchResultsModel(RowTableModel[SearchHit]):
    HEADERS = (
        QT_TRANSLATE_NOOP("SearchResultsModel", "Kind"),
        QT_TRANSLATE_NOOP("SearchResultsModel", "Found"),
        QT_TRANSLATE_NOOP("SearchResultsModel", "Where"),
    )

    def cell(self, hit: SearchHit, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            kind = QCoreApplication.translate("SearchResultsModel", _KINDS.get(hit.kind, hit.kind))
            return (kind, hit.title, hit.detail)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{hit.detail}"
        return None


class SearchPage(QWidget):
    hit_activated = Signal(object)  # SearchHit

    def __init__(self, services: AppServices, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs = services, jobs
        self._searches = Newest()
        self.text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.title_label = page_title(self.tr("Search"))
        self.count_label = muted_label(wrap=False)
        layout.addLayout(hbox(self.title_label, (self.count_label, 1),
                              muted_label(self.tr("Enter opens · Esc goes back"), wrap=False)))
        self.results_model = SearchResultsModel()
        self.results_table = row_table(self.results_model)
        header = self.results_table.horizontalHeader()
        header.resizeSection(0, 80)
        header.resizeSection(1, 320)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.results_table.doubleClicked.connect(self._on_results_table_double_clicked)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.results_table, self.activate_selected,
                  context=Qt.ShortcutContext.WidgetShortcut)
        layout.addWidget(self.results_table, 1)
        self.nothing_label = muted_label(wrap=False)
        self.nothing_label.setStyleSheet("font-size: 12pt; padding: 16px;")
        self.nothing_label.hide()
        layout.addWidget(self.nothing_label)
        layout.addStretch()  # with no hits the table hides: keep the heading and the sentence at the top

    def search(self, text: str) -> None:
        """Run the search off the UI thread; only the newest answer is shown."""
        self.text = text.strip()
        on_results = self._searches.then(self._on_results)
        if not self.text:
            self.results_model.set_rows([])
            self.count_label.clear()
            return
        query = self.text
        self.title_label.setText(self.tr("Search: {text}").format(text=query))
        self.jobs.run(lambda: self.services.search(query), on_results)

    def _on_results(self, hits: list[SearchHit]) -> None:
        counts = {kind: sum(1 for hit in hits if hit.kind == kind) for kind in _KINDS}
        # the service looks for one hit more than it lists: a kind that has it shows "50+" and its first 50
        hits = [hit for kind in _KINDS for hit in [hit for hit in hits if hit.kind == kind][:HITS_PER_KIND]]
        self.results_model.set_rows(hits)
        shown = {kind: f"{HITS_PER_KIND}+" if count > HITS_PER_KIND else str(count) for kind, count in counts.items()}
        text = self.tr("{tasks} tasks · {units} units · {evidence} evidence · {reports} reports").format(
            tasks=shown["task"], units=shown["unit"], evidence=shown["evidence"], reports=shown["report"])
        if any(count > HITS_PER_KIND for count in counts.values()):
            text += self.tr(" (the first {limit} of each kind: more words narrow it)").format(limit=HITS_PER_KIND)
        self.count_label.setText(text)
        self.results_table.setVisible(bool(hits))
        self.nothing_label.setVisible(not hits)
        self.nothing_label.setText(self.tr("Nothing contains “{text}”. Try fewer or shorter words: several words "
                                           "separated by spaces must all appear.").format(text=self.text))
        if hits:
            self.results_table.selectRow(0)

    def activate_selected(self) -> None:
        rows = self.results_table.selectionModel().selectedRows()
        if rows:
            self.hit_activated.emit(self.results_model.row_at(rows[0].row()))

    def _on_results_table_double_clicked(self, index: QModelIndex) -> None:
        self.results_table.selectRow(index.row())
        self.activate_selected()
