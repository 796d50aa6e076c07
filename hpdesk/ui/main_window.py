"""The main window: menus, the empty state that says what to do first, and the plan browser (actions → tasks).

No business logic here: data comes from AppServices read models, long work goes through the JobRunner with a
polled progress dialog, and dialogs go through UserPrompts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QPushButton,
    QSplitter, QStackedWidget, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from hpdesk import __version__
from hpdesk.ui.app_services import AppServices
from hpdesk.ui.dialogs.import_dialog import ImportDialog
from hpdesk.ui.i18n import LANGUAGES, error_text
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.models.task_table_model import TaskTableModel
from hpdesk.ui.prompts import UserPrompts

ALL_ACTIONS = -1


class MainWindow(QMainWindow):
    """Never subclassed, so self.tr() takes the right context."""

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: UserPrompts | None = None,
                 language: str = "zh_CN") -> None:
        super().__init__()
        self.services, self.jobs, self.language = services, jobs, language
        self.prompts = prompts or UserPrompts(self)
        self.task_model = TaskTableModel()
        self._build_menus()
        self._build_pages()
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self.refresh_tasks)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.resize(1200, 760)
        self.refresh()
        self._restore_layout()

    # ---- construction -------------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("&Import the city's table…"), self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.start_import)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        language_menu = settings_menu.addMenu(self.tr("Language"))
        self.language_actions = QActionGroup(self)
        for code, label in LANGUAGES.items():
            action = QAction(label, self, checkable=True)  # language names are shown in their own language
            action.setChecked(code == self.language)
            action.setData(code)
            action.triggered.connect(self._on_language_action_triggered)
            self.language_actions.addAction(action)
            language_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About hpdesk"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)
        find_action = QAction(self.tr("Find"), self)
        find_action.setShortcut(QKeySequence("Ctrl+F"))
        find_action.triggered.connect(lambda: self.search_edit.setFocus())
        self.addAction(find_action)

    def _build_pages(self) -> None:
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_empty_state())
        self.pages.addWidget(self._build_plan_browser())
        self.setCentralWidget(self.pages)

    def _build_empty_state(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        title = QLabel(self.tr("Welcome to hpdesk"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        layout.addWidget(title)
        self.empty_state_label = QLabel(self.tr(
            "First step: import the task breakdown table or indicator table the city sent you (Excel). "
            "hpdesk finds the header, the actions, the tasks that fall to your county and their departments."))
        self.empty_state_label.setWordWrap(True)
        self.empty_state_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_state_label.setStyleSheet("font-size: 13pt; color: #444;")
        self.empty_state_label.setMaximumWidth(640)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.empty_state_label)
        row.addStretch()
        layout.addLayout(row)
        self.empty_import_button = QPushButton(self.tr("Import the city's table…"))
        self.empty_import_button.setMinimumHeight(44)
        self.empty_import_button.setStyleSheet("font-size: 13pt; padding: 6px 24px;")
        self.empty_import_button.clicked.connect(self.start_import)
        button_row = QHBoxLayout()
        button_row.addStretch()
        button_row.addWidget(self.empty_import_button)
        button_row.addStretch()
        layout.addLayout(button_row)
        layout.addStretch(3)
        return page

    def _build_plan_browser(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search tasks and departments (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        top.addWidget(self.search_edit, 1)
        self.summary_label = QLabel()
        top.addWidget(self.summary_label)
        layout.addLayout(top)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.action_list = QListWidget()
        self.action_list.currentItemChanged.connect(lambda *_: self.refresh_tasks())
        self.task_table = QTableView()
        self.task_table.setModel(self.task_model)
        self.task_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.task_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.task_table.setWordWrap(False)
        self.task_table.verticalHeader().setVisible(False)
        self.task_table.horizontalHeader().setStretchLastSection(True)
        self.task_table.selectionModel().selectionChanged.connect(self._on_task_selection_changed)
        self.task_detail = QTextBrowser()
        self.splitter.addWidget(self.action_list)
        self.splitter.addWidget(self.task_table)
        self.splitter.addWidget(self.task_detail)
        self.splitter.setSizes([260, 600, 340])
        layout.addWidget(self.splitter, 1)
        return page

    # ---- refresh ------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        office = self.services.office()
        name = office.name if office else self.tr("(office not set up)")
        self.setWindowTitle(self.tr("hpdesk — Healthy City workbench — {office}").format(office=name))
        overview = self.services.overview()
        self.pages.setCurrentIndex(0 if overview.is_empty else 1)
        self.summary_label.setText(self.tr(
            "{actions} actions · {tasks} tasks ({county} for the county) · {indicators} indicators"
        ).format(actions=overview.actions, tasks=overview.tasks, county=overview.county_tasks,
                 indicators=overview.indicators))
        self.statusBar().showMessage(f"{name} · {self.services.workspace_root}")
        current = self.action_list.currentItem()
        selected = current.data(Qt.ItemDataRole.UserRole) if current else ALL_ACTIONS
        self.action_list.blockSignals(True)
        self.action_list.clear()
        everything = QListWidgetItem(self.tr("All actions"))
        everything.setData(Qt.ItemDataRole.UserRole, ALL_ACTIONS)
        self.action_list.addItem(everything)
        for action in self.services.actions():
            item = QListWidgetItem(f"{action.label}（{action.task_count}）")
            item.setData(Qt.ItemDataRole.UserRole, action.id)
            item.setToolTip(action.plan_title)
            self.action_list.addItem(item)
            if action.id == selected:
                self.action_list.setCurrentItem(item)
        if self.action_list.currentItem() is None:
            self.action_list.setCurrentRow(0)
        self.action_list.blockSignals(False)
        self.refresh_tasks()

    def refresh_tasks(self) -> None:
        item = self.action_list.currentItem()
        action_id = item.data(Qt.ItemDataRole.UserRole) if item else ALL_ACTIONS
        rows = self.services.tasks(action_id=None if action_id == ALL_ACTIONS else action_id,
                                   search=self.search_edit.text())
        self.task_model.set_rows(rows)
        self.task_table.setColumnWidth(0, 90)
        self.task_table.setColumnWidth(1, 360)
        self.task_detail.clear()

    def _on_task_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        task = self.task_model.row_at(indexes[0].row())
        parts = [
            (self.tr("Action"), task.action_label), (self.tr("Task"), task.task_text),
            (self.tr("Measures"), task.measures), (self.tr("Work plan (expected evidence)"), task.work_plan),
            (self.tr("Lead"), task.lead), (self.tr("Responsible"), task.responsible),
            (self.tr("Source"), task.source),
        ]
        html = [f"<h3>{task.code}</h3>"]
        html += [f"<p><b>{label}</b><br>{_escape(text)}</p>" for label, text in parts if text]
        if task.flags:
            check_label = self.tr("Check in the source table")
            html.append(f"<p style='color:#9a6700'><b>{check_label}</b>: {'、'.join(task.flags)}</p>")
        self.task_detail.setHtml("".join(html))

    # ---- import -------------------------------------------------------------------------------------------------

    def start_import(self) -> None:
        path = self.prompts.choose_workbook()
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """List the workbook's sheets off the UI thread, then open the import wizard on it."""
        self.jobs.run(lambda: self.services.sheet_names(path), lambda sheets: self._open_import_dialog(path, sheets),
                      self._show_error)

    def _open_import_dialog(self, path: Path, sheets: list[str]) -> None:
        self.import_dialog = ImportDialog(self.services, self.jobs, path, sheets, self.prompts, self)
        self.import_dialog.imported.connect(lambda _report: self.refresh())
        self.import_dialog.open()
        self.import_dialog.analyse()

    def _show_error(self, error: BaseException) -> None:
        self.prompts.warn(self.tr("hpdesk"), error_text(error, self.language))

    # ---- misc ---------------------------------------------------------------------------------------------------

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About hpdesk"), self.tr(
            "<h3>hpdesk {version}</h3><p>Offline workbench for county health offices carrying out the city's "
            "Healthy City action plan.</p>").format(version=__version__))

    def _on_language_action_triggered(self) -> None:
        action = self.language_actions.checkedAction()
        if action is None or action.data() == self.language:
            return
        QSettings().setValue("language", action.data())
        self.prompts.inform(self.tr("Language"), self.tr("The new language takes effect when hpdesk restarts."))

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        sizes = settings.value("main_window/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt API
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/splitter", self.splitter.saveState())
        super().closeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
