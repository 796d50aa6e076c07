"""Several files dropped at once: one row per file with its own kind, title and event date (suggested from the
name, the type and a photo's EXIF date), all editable before anything is stored; or, when they belong together
(twenty photos of one event), one piece of evidence for all of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QHeaderView, QLineEdit, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from hpdesk.ui.theme import item_combo, muted_label
from hpdesk.ui.dialogs.evidence_details_dialog import EvidenceDetails
from hpdesk.ui.i18n import EVIDENCE_KIND_LABELS, label
from hpdesk.ui.widgets.dialog_footer import add_error_and_buttons

COLUMN_FILE, COLUMN_KIND, COLUMN_TITLE, COLUMN_DATE, COLUMN_HAS_DATE = range(5)
EvidenceGroup = tuple[list[Path], EvidenceDetails]


class EvidenceBatchDialog(QDialog):
    """So self.tr() takes the right context. `suggestions` have .path, .kind, .title, .event_date."""

    def __init__(self, suggestions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence details"))
        self.resize(860, 200 + 36 * min(len(suggestions), 10))  # every row visible up to ten files
        self.paths = [suggestion.path for suggestion in suggestions]
        layout = QVBoxLayout(self)
        hint = muted_label(self.tr("{count} files: each becomes its own piece of evidence. Check the kind, title and date "
                              "of each; you can change them later too.").format(count=len(suggestions)))
        layout.addWidget(hint)
        self.table = QTableWidget(len(suggestions), 5)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Kind"), self.tr("Title"),
                                              self.tr("Date of the event"), self.tr("Dated")])
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COLUMN_FILE, 200), (COLUMN_KIND, 110), (COLUMN_DATE, 120), (COLUMN_HAS_DATE, 50)):
            header.resizeSection(column, width)
        for row, suggestion in enumerate(suggestions):
            name = QTableWidgetItem(suggestion.path.name)
            name.setToolTip(str(suggestion.path))
            self.table.setItem(row, COLUMN_FILE, name)
            kind = item_combo([(label(EVIDENCE_KIND_LABELS, code), code) for code in EVIDENCE_KIND_LABELS],
                              suggestion.kind)
            self.table.setCellWidget(row, COLUMN_KIND, kind)
            self.table.setCellWidget(row, COLUMN_TITLE, QLineEdit(suggestion.title))
            when = QDateEdit()
            when.setCalendarPopup(True)
            when.setDisplayFormat("yyyy-MM-dd")
            day = suggestion.event_date
            when.setDate(QDate(day) if day else QDate.currentDate())
            when.setEnabled(day is not None)
            self.table.setCellWidget(row, COLUMN_DATE, when)
            dated = QCheckBox()
            dated.setChecked(day is not None)
            dated.toggled.connect(when.setEnabled)
            self.table.setCellWidget(row, COLUMN_HAS_DATE, dated)
        layout.addWidget(self.table, 1)
        self.together_check = QCheckBox(self.tr("Keep all files together as one piece of evidence (the first row's "
                                                "kind, title and date)"))
        layout.addWidget(self.together_check)
        self.error_label = add_error_and_buttons(self, layout, self._on_ok_clicked)

    def row_details(self, row: int) -> EvidenceDetails:
        kind: QComboBox = self.table.cellWidget(row, COLUMN_KIND)  # type: ignore[assignment]
        title: QLineEdit = self.table.cellWidget(row, COLUMN_TITLE)  # type: ignore[assignment]
        when: QDateEdit = self.table.cellWidget(row, COLUMN_DATE)  # type: ignore[assignment]
        dated: QCheckBox = self.table.cellWidget(row, COLUMN_HAS_DATE)  # type: ignore[assignment]
        chosen = when.date()
        return EvidenceDetails(kind.currentData(), title.text().strip(),
                               date(chosen.year(), chosen.month(), chosen.day()) if dated.isChecked() else None)

    def groups(self) -> list[EvidenceGroup]:
        """What to store: one group per file, or one group of all files when they are kept together."""
        if self.together_check.isChecked():
            return [(list(self.paths), self.row_details(0))]
        return [([path], self.row_details(row)) for row, path in enumerate(self.paths)]

    def _on_ok_clicked(self) -> None:
        rows = [0] if self.together_check.isChecked() else range(len(self.paths))
        untitled = [self.paths[row].name for row in rows if not self.row_details(row).title]
        if untitled:
            self.error_label.setText(self.tr("A title is needed for {files}").format(files="、".join(untitled)))
            return
        self.accept()
