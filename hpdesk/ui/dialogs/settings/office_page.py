"""Settings → Office: the region, the office's name and the words its documents use."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from hpdesk.services.workspace import OfficeChanges, OfficeProfile
from hpdesk.ui.theme import hbox, item_combo, muted_label, push_button
from hpdesk.ui.i18n import error_text

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner


class OfficePage(QWidget):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.profile: OfficeProfile | None = None
        layout = QVBoxLayout(self)
        intro = muted_label(self.tr("These details appear on the submission's cover letter and in document numbers."))
        layout.addWidget(intro)
        form = QFormLayout()
        self.region_edit = QLineEdit(placeholderText=self.tr("e.g. 管城回族区"))
        form.addRow(self.tr("Region"), self.region_edit)
        self.name_edit = QLineEdit(placeholderText=self.tr("e.g. 管城回族区卫生健康委员会"))
        form.addRow(self.tr("Office"), self.name_edit)
        self.level_combo = item_combo([(self.tr("County or district"), "county"), (self.tr("City"), "city")])
        form.addRow(self.tr("Level"), self.level_combo)
        self.short_name_edit = QLineEdit(placeholderText=self.tr("e.g. 区卫健委"))
        form.addRow(self.tr("Short name"), self.short_name_edit)
        self.doc_prefix_edit = QLineEdit(placeholderText=self.tr("e.g. 管卫健 (for 管卫健〔2025〕12号)"))
        form.addRow(self.tr("Document number prefix"), self.doc_prefix_edit)
        # no other city's name here: left empty, the letter goes to the issuer of the imported plan
        self.addressee_edit = QLineEdit(placeholderText=self.tr("Empty: the issuer of the imported plan"))
        form.addRow(self.tr("Addressee of the cover letter"), self.addressee_edit)
        layout.addLayout(form)
        self.save_button = push_button(self.tr("Save"), self._on_save_button_clicked, primary=True)
        layout.addLayout(hbox(None, self.save_button))
        layout.addStretch()

    def load(self) -> None:
        self.jobs.run(self.services.office, self._show)

    def _show(self, profile: OfficeProfile | None) -> None:
        self.profile = profile
        if profile is None:
            return
        self.region_edit.setText(profile.region)
        self.name_edit.setText(profile.name)
        self.level_combo.setCurrentIndex(max(self.level_combo.findData(profile.level), 0))
        self.short_name_edit.setText(profile.short_name)
        self.doc_prefix_edit.setText(profile.doc_prefix)
        self.addressee_edit.setText(profile.addressee)

    def _on_saved(self, profile: OfficeProfile) -> None:
        self._show(profile)
        self.prompts.inform(self.tr("Office"), self.tr("Saved."))

    def values(self) -> OfficeProfile:
        """The office as the form shows it."""
        return OfficeProfile(self.region_edit.text().strip(), self.name_edit.text().strip(),
                             self.level_combo.currentData(), self.short_name_edit.text().strip(),
                             self.doc_prefix_edit.text().strip(), self.addressee_edit.text().strip())

    def has_unsaved_changes(self) -> bool:
        """Whether the form differs from the office as saved (closing Settings asks before dropping it)."""
        return self.profile is not None and bool(OfficeChanges.between(self.profile, self.values()).given())

    def _on_save_button_clicked(self) -> None:
        wanted = self.values()
        if not wanted.region or not wanted.name:
            self.prompts.warn(self.tr("Office"), self.tr("The region and the office's name are needed."))
            return
        if self.profile is None:
            work = lambda: self.services.set_up_office(  # noqa: E731
                region=wanted.region, office=wanted.name, level=wanted.level, short_name=wanted.short_name,
                doc_prefix=wanted.doc_prefix, addressee=wanted.addressee)
        else:
            changes = OfficeChanges.between(self.profile, wanted)
            if not changes.given():
                return
            work = lambda: self.services.update_office(changes)  # noqa: E731
        self.jobs.run(work, self._on_saved,
                      lambda error: self.prompts.warn(self.tr("Office"), error_text(error, self.language)))
