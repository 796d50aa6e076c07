"""The main window: menus, the section bar (overview, tasks, review, indicators), the period selector and the search
box that are always visible, and the pages. No business logic: pages get their data from AppServices through the
JobRunner, and every question to the clerk goes through UserPrompts.

Layout, the section, the period and the last task are remembered between runs (QSettings).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QLabel, QLineEdit, QMainWindow, QSizePolicy, QStackedWidget, QToolBar, QWidget,
)

from hpdesk import __version__
from hpdesk.services.periods import PeriodSummary
from hpdesk.services.search import SearchHit
from hpdesk.ui.dialogs.clerks_dialog import ClerksDialog
from hpdesk.ui.dialogs.export_dialog import ExportDialog
from hpdesk.ui.dialogs.forms_import_dialog import FormsImportDialog
from hpdesk.ui.dialogs.import_dialog import ImportDialog
from hpdesk.ui.dialogs.send_forms_dialog import SendFormsDialog
from hpdesk.ui.dialogs.report_editor import CANCELLED, SAVING
from hpdesk.ui.dialogs.settings_dialog import PAGE_COUNTIES, SettingsDialog
from hpdesk.ui.i18n import LANGUAGES, PERIOD_STATE_LABELS, error_text, label
from hpdesk.ui.icons import icon
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.prompts import UserPrompts
from hpdesk.ui.shared_status import changes_details, changes_text, clerk_text, may_review
from hpdesk.ui.shared_watch import ChangeWatcher
from hpdesk.ui.views.city_consolidation_page import CityConsolidationPage
from hpdesk.ui.views.city_inbox_page import CityInboxPage
from hpdesk.ui.views.dashboard_page import DashboardPage
from hpdesk.ui.views.empty_state_page import EmptyStatePage
from hpdesk.ui.views.indicators_page import IndicatorsPage
from hpdesk.ui.views.review_page import ReviewPage
from hpdesk.ui.views.search_page import SearchPage
from hpdesk.ui.views.tasks_page import TasksPage
from hpdesk.ui.window_size import fitting_size

if TYPE_CHECKING:
    from hpdesk.services.clerks import ChangeNotice, ClerkSummary
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts

SECTION_DASHBOARD, SECTION_TASKS, SECTION_REVIEW, SECTION_INDICATORS = range(4)
PAGE_EMPTY, PAGE_SEARCH = 4, 5


class MainWindow(QMainWindow):
    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts | None = None,
                 language: str = "zh_CN", today: date | None = None) -> None:
        super().__init__()
        self.services, self.jobs, self.language = services, jobs, language
        self.today = today or date.today()
        self.prompts: Prompts = prompts or UserPrompts(self)
        self.periods: list[PeriodSummary] = []
        self.plan_is_empty = True
        self.section = SECTION_TASKS
        self._stale: set[int] = set()
        self.clerk: ClerkSummary | None = None
        self.jobs.error_handler = self._show_error
        self.setWindowIcon(icon("hpdesk"))
        self._build_actions()
        self._build_menus()
        self._build_top_bar()
        self._build_section_bar()
        self._build_pages()
        self.busy_label = QLabel()
        # a shared workspace (issue 17): what other clerks just changed, and who is working in which role
        self.changes_label = QLabel()
        self.clerk_label = QLabel()
        for widget in (self.changes_label, self.clerk_label, self.busy_label):
            self.statusBar().addPermanentWidget(widget)
        self.watcher = ChangeWatcher(services, jobs, self)
        self.watcher.others_changed.connect(self._on_others_changed)
        self.watcher.unreachable.connect(self._on_shared_unreachable)
        self.jobs.busy_changed.connect(self._on_jobs_busy_changed)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.resize(fitting_size(None, 1320, 820))
        self._restore_layout()
        self.refresh()

    # --- construction ------------------------------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.import_action = self._action(self.tr("&Import the city's table…"), self.start_import, "Ctrl+I", "import")
        self.export_action = self._action(self.tr("&Export…"), self.start_export, "Ctrl+E", "export")
        self.send_forms_action = self._action(self.tr("Send fill-in forms to the units…"), self.start_send_forms)
        self.import_forms_action = self._action(self.tr("Import units' fill-in forms…"), self.start_import_forms)
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings, "Ctrl+,", "settings")
        self.clerks_action = self._action(self.tr("&Clerks…"), self.open_clerks)
        self.clerks_action.setVisible(False)  # a shared workspace's (see _show_clerk)
        self.find_action = self._action(self.tr("&Find"), self.focus_search, QKeySequence.StandardKey.Find)
        self.refresh_action = self._action(self.tr("&Refresh"), self.refresh, QKeySequence.StandardKey.Refresh)
        # The toolbar shows short words; the menus keep the full text with the accelerator.
        self.import_action.setIconText(self.tr("Import"))
        self.export_action.setIconText(self.tr("Export"))
        self.settings_action.setIconText(self.tr("Settings"))
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.about_action = self._action(self.tr("&About hpdesk"), self.show_about)
        self.section_actions = QActionGroup(self)
        # One section at most, and none while a city page (inbox, consolidation) is shown.
        self.section_actions.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        sections = ((self.tr("Overview"), "section-dashboard"), (self.tr("Tasks"), "section-tasks"),
                    (self.tr("Review"), "section-review"), (self.tr("Indicators"), "section-indicators"))
        for number, (text, icon_name) in enumerate(sections):
            action = QAction(icon(icon_name), text, self, checkable=True)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.setData(number)
            action.triggered.connect(lambda _checked=False, section=number: self.show_section(section))
            self.section_actions.addAction(action)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addActions([self.import_action, self.export_action])
        file_menu.addSeparator()
        file_menu.addActions([self.send_forms_action, self.import_forms_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addActions(self.section_actions.actions())
        view_menu.addSeparator()
        view_menu.addActions([self.find_action, self.refresh_action])
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addActions([self.settings_action, self.clerks_action])
        language_menu = settings_menu.addMenu(self.tr("Language"))
        self.language_actions = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self.language)
            action.setData(code)
            action.triggered.connect(self._on_language_action_triggered)
            self.language_actions.addAction(action)
            language_menu.addAction(action)
        # The city level's pages (issue 15): shown only in a city workspace (see _on_state_loaded).
        self.city_menu = self.menuBar().addMenu(self.tr("&City"))
        self.inbox_action = self._action(self.tr("&Inbox"), lambda: self.show_city_page(self.inbox_page), "Ctrl+7")
        self.consolidation_action = self._action(self.tr("&Consolidation"),
                                                 lambda: self.show_city_page(self.consolidation_page), "Ctrl+8")
        for action, icon_name, text in ((self.inbox_action, "section-inbox", self.tr("Inbox")),
                                        (self.consolidation_action, "section-consolidation", self.tr("Consolidation"))):
            action.setIcon(icon(icon_name))
            action.setIconText(text)
            action.setCheckable(True)
            action.setVisible(False)  # a city workspace's pages; shown in the section bar there (_on_state_loaded)
        self.counties_action = self._action(self.tr("Counties and &certificates…"), self.open_county_settings)
        self.city_menu.addActions([self.inbox_action, self.consolidation_action, self.counties_action])
        self.city_menu.menuAction().setVisible(False)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    @staticmethod
    def _tool_bar(title: str, name: str, icon_size: int, style: Qt.ToolButtonStyle) -> QToolBar:
        """A fixed bar named `name` for the style sheet."""
        bar = QToolBar(title)
        bar.setObjectName(name)
        bar.setMovable(False)
        bar.setIconSize(QSize(icon_size, icon_size))
        bar.setToolButtonStyle(style)
        return bar

    def _build_top_bar(self) -> None:
        bar = self._tool_bar(self.tr("Period and search"), "topBar", 20, Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        period_label = QLabel(self.tr("Period"))
        period_label.setStyleSheet("font-weight: bold;")
        bar.addWidget(period_label)
        self.period_combo = QComboBox()
        self.period_combo.setMinimumWidth(260)
        self.period_combo.setToolTip(self.tr("The reporting period every page shows"))
        self.period_combo.currentIndexChanged.connect(self._on_period_combo_changed)
        period_label.setBuddy(self.period_combo)
        bar.addWidget(self.period_combo)
        bar.addSeparator()
        self.search_edit = QLineEdit(placeholderText=self.tr("Search tasks, units, evidence (Ctrl+F)"),
                                     clearButtonEnabled=True)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_edit.setMinimumWidth(320)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit, self._on_search_escape,
                  context=Qt.ShortcutContext.WidgetShortcut)
        bar.addWidget(self.search_edit)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addActions([self.import_action, self.export_action, self.settings_action])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def _build_section_bar(self) -> None:
        bar = self._tool_bar(self.tr("Sections"), "sectionBar", 28, Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        bar.addActions([*self.section_actions.actions(), self.inbox_action, self.consolidation_action])
        # Wide enough for 审核（999）: the bar must not jump when the review count appears or changes.
        bar.setFixedWidth(bar.fontMetrics().horizontalAdvance("审核（999）") + 28)
        self.addToolBar(Qt.ToolBarArea.LeftToolBarArea, bar)
        self.section_bar = bar

    def _build_pages(self) -> None:
        self.pages = QStackedWidget(self)
        self.dashboard_page = DashboardPage(self.services, self.jobs, today=self.today)
        self.tasks_page = TasksPage(self.services, self.jobs, self.prompts, self.language)
        self.review_page = ReviewPage(self.services, self.jobs, self.prompts, self.language)
        self.indicators_page = IndicatorsPage(self.services, self.jobs, self.prompts, self.language,
                                              today=self.today)
        self.empty_page = EmptyStatePage()
        self.search_page = SearchPage(self.services, self.jobs)
        self.inbox_page = CityInboxPage(self.services, self.jobs, self.prompts, self.language)
        self.consolidation_page = CityConsolidationPage(self.services, self.jobs, self.prompts, self.language)
        for page in (self.dashboard_page, self.tasks_page, self.review_page, self.indicators_page, self.empty_page,
                     self.search_page, self.inbox_page, self.consolidation_page):
            self.pages.addWidget(page)
        self.empty_page.import_requested.connect(self.start_import)
        self.search_page.hit_activated.connect(self.go_to_hit)
        self.dashboard_page.task_requested.connect(self.go_to_task_code)
        for page in (self.tasks_page, self.review_page, self.indicators_page):
            page.data_changed.connect(lambda page=page: self._on_page_data_changed(page))
        self.setCentralWidget(self.pages)

    def _section_pages(self) -> list[DashboardPage | TasksPage | ReviewPage | IndicatorsPage]:
        return [self.dashboard_page, self.tasks_page, self.review_page, self.indicators_page]

    # --- state -------------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the office, the plan's size, the periods and who is working, then the visible page."""
        self.jobs.run(lambda: (self.services.office(), self.services.overview(), self.services.periods(),
                               self.services.current_clerk()),
                      self._on_state_loaded)

    def _on_state_loaded(self, state) -> None:
        office, overview, periods, self.clerk = state
        name = office.name if office else self.tr("(office not set up)")
        self.setWindowTitle(self.tr("hpdesk — Healthy City workbench — {office}").format(office=name))
        self._show_clerk()
        self.statusBar().showMessage(f"{name} · {self.services.workspace_root}")
        self.empty_page.set_office(name if office else "")
        city = office is not None and office.level == "city"
        self.city_menu.menuAction().setVisible(city)
        self.inbox_action.setVisible(city)
        self.consolidation_action.setVisible(city)
        self.plan_is_empty = overview.is_empty
        for action in self.section_actions.actions():
            action.setEnabled(not self.plan_is_empty)
        self.export_action.setEnabled(not self.plan_is_empty and may_review(self.clerk))
        self.period_combo.setEnabled(not self.plan_is_empty)
        self.search_edit.setEnabled(not self.plan_is_empty)
        self._fill_periods(periods)
        self._stale = set(range(4))
        if self.plan_is_empty:
            self.pages.setCurrentIndex(PAGE_EMPTY)
        else:
            self.show_section(self.section)
        self._update_review_badge()

    def _fill_periods(self, periods: list[PeriodSummary]) -> None:
        current = self.current_period()
        wanted = current.label if current else str(QSettings().value("period", ""))
        self.periods = periods
        with QSignalBlocker(self.period_combo):
            self.period_combo.clear()
            if not periods:
                self.period_combo.addItem(self.tr("No periods yet — see Settings → Calendar"), None)
            for period in periods:
                state = label(PERIOD_STATE_LABELS, period.state)
                self.period_combo.addItem(f"{period.name}（{state}）", period.label)
                self.period_combo.setItemData(self.period_combo.count() - 1, self.tr("Due {date}").format(
                    date=period.due_date.isoformat()), Qt.ItemDataRole.ToolTipRole)
            index = self.period_combo.findData(wanted) if wanted else -1
            if index < 0 and periods:
                index = self.period_combo.findData(self._default_period(periods).label)
            self.period_combo.setCurrentIndex(max(index, 0))

    def _default_period(self, periods: list[PeriodSummary]) -> PeriodSummary:
        """The period being filled now: the open one due next (a half-year whose 15 June has passed is not what the
        clerk works on on 20 June, and would show everything overdue at once), else the one containing today, else
        the latest."""
        upcoming = sorted((p for p in periods if p.state == "open" and p.due_date >= self.today),
                          key=lambda p: p.due_date)
        current = [p for p in periods if p.start_date <= self.today <= p.end_date]
        return (upcoming or current or [periods[-1]])[0]

    def current_period(self) -> PeriodSummary | None:
        chosen = self.period_combo.currentData()
        return next((period for period in self.periods if period.label == chosen), None)

    def _on_period_combo_changed(self, _index: int) -> None:
        period = self.current_period()
        if period is not None:
            QSettings().setValue("period", period.label)
        self._stale = set(range(4))
        if not self.plan_is_empty and self.pages.currentIndex() != PAGE_SEARCH:
            self.show_section(self.section)
        self._update_review_badge()

    def show_section(self, section: int) -> None:
        """Show a section's page, loading it first when the period or the data changed since it was shown."""
        self.section = section
        self.section_actions.actions()[section].setChecked(True)
        self.inbox_action.setChecked(False)
        self.consolidation_action.setChecked(False)
        if self.plan_is_empty:
            self.pages.setCurrentIndex(PAGE_EMPTY)
            return
        page = self._section_pages()[section]
        self.pages.setCurrentIndex(section)
        if section in self._stale:
            self._stale.discard(section)
            if isinstance(page, IndicatorsPage):
                page.refresh()
            else:
                page.set_period(self.current_period())

    def show_city_page(self, page: CityInboxPage | CityConsolidationPage) -> None:
        """The city level's inbox or consolidation page, read afresh; its section-bar button is the checked one."""
        checked = self.section_actions.checkedAction()
        if checked is not None:
            checked.setChecked(False)  # the group is ExclusiveOptional: no county section looks chosen
        self.inbox_action.setChecked(page is self.inbox_page)
        self.consolidation_action.setChecked(page is self.consolidation_page)
        self.pages.setCurrentWidget(page)
        page.refresh()

    def open_county_settings(self) -> None:
        self.open_settings()
        self.settings_dialog.show_page(PAGE_COUNTIES)

    def _on_page_data_changed(self, page: QWidget) -> None:
        shown = self._section_pages().index(page) if page in self._section_pages() else -1
        self._stale = {section for section in range(4) if section != shown}
        self._update_review_badge()

    def _update_review_badge(self) -> None:
        period = self.current_period()
        review_action = self.section_actions.actions()[SECTION_REVIEW]
        if period is None or self.plan_is_empty:
            review_action.setText(self.tr("Review"))
            return
        self.jobs.run(lambda: self.services.count_reports(period.label, "submitted"),
                      lambda count: review_action.setText(self.tr("Review ({count})").format(count=count)
                                                          if count else self.tr("Review")))

    # --- a shared workspace: who is working, and what the other clerks changed (issue 17) ---------------------------

    def _show_clerk(self) -> None:
        """Name the clerk and their role, offer a filler no reviewer's action, and watch for others' changes."""
        shared = self.watcher.start()
        reviewer = may_review(self.clerk)
        self.clerk_label.setText(clerk_text(self.clerk, self.services.actor) if shared else "")
        self.clerk_label.setToolTip(self.services.shared_database() or "")
        self.clerks_action.setVisible(shared)
        self.clerks_action.setEnabled(reviewer)
        for page in (self.tasks_page, self.review_page):
            page.may_review = reviewer
        self.review_page.refresh_buttons()

    def _on_others_changed(self, notices: list[ChangeNotice]) -> None:
        """Another clerk changed the workspace: re-read what is shown (the other pages when next shown) and say
        who changed what."""
        self.changes_label.setText(changes_text(notices, self.language))
        self.changes_label.setToolTip(changes_details(notices, self.language))
        current = self.pages.currentWidget()
        if current is self.search_page:
            self._stale = set(range(4))
            self._on_search_timer_timeout()
        elif current in (self.inbox_page, self.consolidation_page):
            self._stale = set(range(4))
            current.refresh()
        else:
            self.refresh()  # the periods (a colleague may have locked one) and the section shown

    def _on_shared_unreachable(self, unreachable: bool) -> None:
        self.changes_label.setText(self.tr("The shared database cannot be reached; retrying…") if unreachable else "")
        self.changes_label.setToolTip("")

    def open_clerks(self) -> None:
        self.clerks_dialog = ClerksDialog(self.services, self.jobs, self.prompts, self.language, parent=self)
        self.clerks_dialog.open()
        self.clerks_dialog.load()

    # --- search ------------------------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _on_search_timer_timeout(self) -> None:
        text = self.search_edit.text().strip()
        if text and not self.plan_is_empty:
            self.pages.setCurrentIndex(PAGE_SEARCH)
            checked = self.section_actions.checkedAction()
            if checked is not None:  # the section bar lit 任务 over the search results
                checked.setChecked(False)
            self.search_page.search(text)
        elif not text and self.pages.currentIndex() == PAGE_SEARCH:
            self.show_section(self.section)

    def _on_search_edit_return_pressed(self) -> None:
        self._search_timer.stop()
        self._on_search_timer_timeout()
        self.search_page.results_table.setFocus()

    def _on_search_escape(self) -> None:
        self.search_edit.clear()
        self.show_section(self.section)

    def go_to_hit(self, hit: SearchHit) -> None:
        if hit.period_label:
            index = self.period_combo.findData(hit.period_label)
            if index >= 0:
                self.period_combo.setCurrentIndex(index)
        self.show_section(SECTION_TASKS)
        if hit.kind == "unit" and hit.unit_id is not None:
            self.tasks_page.show_unit(hit.unit_id)
        elif hit.task_id is not None:
            self.tasks_page.show_task(hit.task_id, hit.unit_id)

    def go_to_task_code(self, code: str) -> None:
        self.jobs.run(lambda: self.services.task_id_for_code(code), self._show_task_if_found)

    def _show_task_if_found(self, task_id: int | None) -> None:
        if task_id is not None:
            self.show_section(SECTION_TASKS)
            self.tasks_page.show_task(task_id)

    # --- import, export, settings ------------------------------------------------------------------------------------

    def start_import(self) -> None:
        path = self.prompts.choose_workbook()
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """List the workbook's sheets off the UI thread, then open the import wizard on it."""
        self.jobs.run(lambda: self.services.sheet_names(path), lambda sheets: self._open_import_dialog(path, sheets))

    def _open_import_dialog(self, path: Path, sheets: list[str]) -> None:
        self.import_dialog = ImportDialog(self.services, self.jobs, path, sheets, self.prompts, self,
                                          language=self.language)
        self.import_dialog.imported.connect(self._on_imported)
        self.import_dialog.open()
        self.import_dialog.analyse()

    def _on_imported(self, _report: object) -> None:
        """After the first import, give the county its units, suggested assignments and the periods not yet due
        (the current one first: none is overdue the day it is made)."""
        year, today = self.today.year, self.today
        self.jobs.run(lambda: self.services.prepare_after_import(year, today=today), lambda _summary: self.refresh())

    def start_export(self) -> None:
        self.export_dialog = ExportDialog(self.services, self.jobs, self.prompts, self.periods,
                                          self.current_period(), language=self.language, parent=self)
        self.export_dialog.finished.connect(lambda _result: self.refresh())  # an export locks its period
        self.export_dialog.open()

    def start_send_forms(self) -> None:
        self.send_forms_dialog = SendFormsDialog(self.services, self.jobs, self.prompts, self.periods,
                                                 self.current_period(), language=self.language, parent=self)
        self.send_forms_dialog.open()
        self.send_forms_dialog.load_units()

    def start_import_forms(self) -> None:
        self.forms_import_dialog = FormsImportDialog(self.services, self.jobs, self.prompts,
                                                     language=self.language, parent=self)
        self.forms_import_dialog.imported.connect(lambda _results: self.refresh())
        self.forms_import_dialog.open()

    def open_settings(self) -> None:
        self.settings_dialog = SettingsDialog(self.services, self.jobs, self.prompts, self.language, parent=self,
                                              today=self.today, may_review=may_review(self.clerk))
        self.settings_dialog.finished.connect(lambda _result: self.refresh())
        self.settings_dialog.open()

    def show_about(self) -> None:
        self.prompts.about(self.tr("About hpdesk"), self.tr(
            "<h3>hpdesk {version}</h3><p>Offline workbench for county health offices carrying out the city's "
            "Healthy China action plan: tasks, units' reports and evidence, indicators, and the signed "
            "submission.</p><p>Workspace: {workspace}</p>").format(version=__version__,
                                                                     workspace=self.services.workspace_root))

    def _on_language_action_triggered(self) -> None:
        action = self.language_actions.checkedAction()
        if action is None or action.data() == self.language:
            return
        QSettings().setValue("language", action.data())
        self.prompts.inform(self.tr("Language"), self.tr("The new language takes effect when hpdesk restarts."))

    def _show_error(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("hpdesk"), error_text(error, self.language))

    def _on_jobs_busy_changed(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")

    # --- remembered layout and closing -------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.section = int(str(settings.value("main_window/section", SECTION_TASKS)))
        for page in (self.tasks_page, self.review_page, self.indicators_page):  # the overview keeps no layout
            page.restore_state(settings)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/section", self.section)
        for page in (self.tasks_page, self.review_page, self.indicators_page):
            page.save_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        for editor in (self.tasks_page.editor, self.review_page.editor):
            if editor is None or not editor.isVisible():
                continue
            outcome = editor.request_close()
            if outcome == CANCELLED:
                event.ignore()
                return
            if outcome == SAVING:  # closes the window once the save has landed
                editor.finished.connect(self.close, Qt.ConnectionType.SingleShotConnection)
                event.ignore()
                return
        self.save_layout()
        super().closeEvent(event)
