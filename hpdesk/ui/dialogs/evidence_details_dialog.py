"""The small form shown when files become evidence: kind, title, the event's date (not today's), document number."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QDateEdit, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from hpdesk.ui.theme import item_combo, muted_label
from hpdesk.ui.i18n import EVIDENCE_KIND_LABELS, label
from hpdesk.ui.widgets.dialog_footer import add_ok_cancel


@dataclass(frozen=True)
class EvidenceDetails:
    kind: str
    title: str
    event_date: date | None = None
    doc_number: str = ""
    description: str = ""


class EvidenceDetailsDialog(QDialog):
    def __init__(self, files: list[Path], suggestion: EvidenceDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence details"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        names = "、".join(path.name for path in files[:3]) + ("…" if len(files) > 3 else "")
        layout.addWidget(muted_label(self.tr("{count} file(s): {names}").format(count=len(files), names=names)))
        form = QFormLayout()
        self.kind_combo = item_combo([(label(EVIDENCE_KIND_LABELS, code), code) for code in EVIDENCE_KIND_LABELS],
                                     suggestion.kind)
        form.addRow(self.tr("Kind"), self.kind_combo)
        self.title_edit = QLineEdit(suggestion.title)
        form.addRow(self.tr("Title"), self.title_edit)
        self.has_date_check = QCheckBox(self.tr("Date of the event"))
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        event_date = suggestion.event_date
        self.date_edit.setDate(QDate.currentDate() if event_date is None
                               else QDate(event_date.year, event_date.month, event_date.day))
        self.has_date_check.setChecked(suggestion.event_date is not None)
        self.date_edit.setEnabled(suggestion.event_date is not None)
        self.has_date_check.toggled.connect(self.date_edit.setEnabled)
        form.addRow(self.has_date_check, self.date_edit)
        self.doc_number_edit = QLineEdit(suggestion.doc_number)
        self.doc_number_edit.setPlaceholderText(self.tr("as printed on the document, e.g. ×卫发〔2025〕12号"))
        form.addRow(self.tr("Document number"), self.doc_number_edit)
        self.description_edit = QPlainTextEdit(suggestion.description)
        self.description_edit.setFixedHeight(70)
        self.description_edit.setTabChangesFocus(True)  # Tab moves on to OK, not a tab character into the packet
        form.addRow(self.tr("Description"), self.description_edit)
        layout.addLayout(form)
        add_ok_cancel(self, layout, self._on_ok_clicked)
        self._suggestion = suggestion

    def details(self) -> EvidenceDetails:
        chosen = self.date_edit.date()
        return replace(
            self._suggestion, kind=self.kind_combo.currentData(), title=self.title_edit.text().strip(),
            event_date=date(chosen.year(), chosen.month(), chosen.day()) if self.has_date_check.isChecked() else None,
            doc_number=self.doc_number_edit.text().strip(), description=self.description_edit.toPlainText().strip())

    def _on_ok_clicked(self) -> None:
        if not self.title_edit.text().strip():
            self.title_edit.setFocus()
            self.title_edit.setPlaceholderText(self.tr("A title is needed"))
            return
        self.accept()
