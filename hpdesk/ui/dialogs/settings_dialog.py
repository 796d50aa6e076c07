"""Settings: office profile, units (aliases and counterparts), the calendar, the signing identity, the language, and
(city level) the counties and their certificates.
Each page saves its own changes through the services; closing the dialog refreshes the main window."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QVBoxLayout, QWidget,
)

from hpdesk.ui.dialogs.settings.calendar_page import CalendarPage
from hpdesk.ui.dialogs.settings.counties_page import CountiesPage
from hpdesk.ui.dialogs.settings.identity_page import IdentityPage
from hpdesk.ui.dialogs.settings.language_page import LanguagePage
from hpdesk.ui.dialogs.settings.office_page import OfficePage
from hpdesk.ui.dialogs.settings.units_page import UnitsPage
from hpdesk.ui.theme import page_title
from hpdesk.ui.window_size import fitting_size

if TYPE_CHECKING:
    from hpdesk.services.workspace import OfficeProfile
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts
    from hpdesk.ui.jobs import JobRunner

PAGE_OFFICE, PAGE_UNITS, PAGE_CALENDAR, PAGE_IDENTITY, PAGE_LANGUAGE, PAGE_COUNTIES = range(6)


class SettingsDialog(QDialog):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str,
                 parent: QWidget | None = None, today: date | None = None, may_review: bool = True) -> None:
        """`may_review` False (a 填报 clerk of a shared workspace): the calendar offers no period lock/unlock."""
        super().__init__(parent)
        self.prompts = prompts
        self.setWindowTitle(self.tr("Settings"))
        self.resize(fitting_size(parent, 960, 620))
        layout = QVBoxLayout(self)
        body = QHBoxLayout()
        self.page_list = QListWidget()
        self.page_list.setFixedWidth(170)
        self.page_list.setIconSize(QSize(20, 20))
        self.page_list.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 8px 10px; }")
        self.pages = QStackedWidget()
        self.page_title = page_title()
        self.office_page = OfficePage(services, jobs, prompts, language)
        self.units_page = UnitsPage(services, jobs, prompts, language)
        self.calendar_page = CalendarPage(services, jobs, prompts, language, today=today)
        self.calendar_page.may_review = may_review
        self.identity_page = IdentityPage(services, jobs, prompts, language)
        self.language_page = LanguagePage(language)
        self.counties_page = CountiesPage(services, jobs, prompts, language)  # the city level's registry
        for title, page in ((self.tr("Office"), self.office_page), (self.tr("Units"), self.units_page),
                            (self.tr("Calendar"), self.calendar_page), (self.tr("Signing identity"),
                                                                         self.identity_page),
                            (self.tr("Language"), self.language_page), (self.tr("Counties"), self.counties_page)):
            self.page_list.addItem(QListWidgetItem(title))
            self.pages.addWidget(page)
        # the registry of counties is the city level's: a county clerk was shown "县区与证书" and its talk of
        # verifying counties' packages; it shows once the office is known to be a city's
        self.page_list.item(PAGE_COUNTIES).setHidden(True)
        jobs.run(services.office, self._on_office_loaded)
        self.page_list.currentRowChanged.connect(self._on_page_list_row_changed)
        body.addWidget(self.page_list)
        right = QVBoxLayout()
        right.addWidget(self.page_title)
        right.addWidget(self.pages, 1)
        body.addLayout(right, 1)
        layout.addLayout(body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._loaded: set[int] = set()
        self.page_list.setCurrentRow(PAGE_OFFICE)

    def reject(self) -> None:  # 关闭, Esc and the window's × come here
        """Close — asking first when the office or the due dates were edited and not saved: closing dropped them
        silently, and the office's words (the cover letter's addressee, the document prefix) go into the letter."""
        for row, page in ((PAGE_OFFICE, self.office_page), (PAGE_CALENDAR, self.calendar_page)):
            if row in self._loaded and page.has_unsaved_changes():
                self.show_page(row)
                if not self.prompts.confirm(self.tr("Unsaved changes"), self.tr(
                        "“{page}” has changes that were not saved. Close Settings and drop them?").format(
                        page=self.page_list.item(row).text())):
                    return
        super().reject()

    def _on_office_loaded(self, office: OfficeProfile | None) -> None:
        self.page_list.item(PAGE_COUNTIES).setHidden(office is None or office.level != "city")

    def show_page(self, page: int) -> None:
        self.page_list.setCurrentRow(page)

    def _on_page_list_row_changed(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        item = self.page_list.item(row)
        self.page_title.setText(item.text() if item else "")
        page = self.pages.widget(row)
        if row not in self._loaded and page is not None and hasattr(page, "load"):
            self._loaded.add(row)
            page.load()
