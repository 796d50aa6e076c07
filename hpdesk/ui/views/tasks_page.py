"""The task page: a navigator (by plan: action → task; by unit; by the period's review state), the task list with
the county's progress in the selected period, and the task view beside it.

The list takes several rows (Shift/Ctrl-click, Ctrl+A, the context menu): the selected tasks can be assigned to the
same units or have their suggested units confirmed at once, and "Confirm all suggestions…" accepts every suggestion
made from the plan's departments — each after a summary the clerk confirms.

Data arrives through the JobRunner (first page and counts) and the list fetches further pages as the clerk scrolls.
Answers to requests that a newer selection has overtaken are dropped (jobs.Newest).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHeaderView, QLabel, QListView, QMenu, QSplitter,
    QTabWidget, QTreeView, QVBoxLayout, QWidget,
)

from hpdesk.services.periods import PeriodSummary
from hpdesk.services.task_detail import TaskDetail
from hpdesk.services.task_list import TaskFilter
from hpdesk.ui.dialogs.assign_dialog import AssignDialog
from hpdesk.ui.dialogs.report_editor import ReportEditorDialog
from hpdesk.ui.i18n import error_text
from hpdesk.ui.jobs import JobRunner, Newest
from hpdesk.ui.models.navigator_models import (
    ACTION_ID_ROLE, BUCKET_ROLE, TASK_ID_ROLE, UNIT_ID_ROLE, PlanTreeModel, ReviewBucketModel, UnitListModel,
)
from hpdesk.ui.models.paged_table_model import PAGE_SIZE
from hpdesk.ui.models.task_list_model import TaskListModel, progress_text
from hpdesk.ui.theme import hbox, muted_label, push_button, row_table
from hpdesk.ui.views.task_detail_panel import ReportTarget, TaskDetailPanel

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.prompts import Prompts

TAB_PLAN, TAB_UNITS, TAB_PERIOD = range(3)


PAGE_MARGIN = 8
PROGRESS_COLUMN_WIDTH = 100  # "已报 1/3", the narrowest the progress column gets (see _fit_progress_column)


def initial_split(width: int) -> list[int]:
    """Navigator, task list and task view of a page `width` pixels wide, on its first showing (a saved layout wins
    afterwards): the navigator gets what its three tabs need and no more, the list a little more than the view. A
    fixed 220-pixel navigator left the task text at "建立健…" at 1024×768."""
    navigator = max(200, min(220, width * 18 // 100))
    rest = max(width - navigator, 0)
    listing = rest * 57 // 100
    return [navigator, listing, rest - listing]


class TasksPage(QWidget):
    data_changed = Signal()  # a report or an assignment was saved: counts elsewhere are stale

    def __init__(self, services: AppServices, jobs: JobRunner, prompts: Prompts, language: str = "zh_CN",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs, self.prompts, self.language = services, jobs, prompts, language
        self.period: PeriodSummary | None = None
        self._task_loads = Newest()
        self._pending_task_id: int | None = None
        self.editor: ReportEditorDialog | None = None
        self.may_review = True  # False for a 填报 clerk of a shared workspace: the editor offers no 退回
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self._build_navigator())
        self.splitter.addWidget(self._build_task_list())
        self.splitter.splitterMoved.connect(lambda _position, _index: self._fit_progress_column())
        self.detail_panel = TaskDetailPanel(services, jobs)
        self.detail_panel.report_requested.connect(self.open_report)
        self.detail_panel.assign_requested.connect(self._on_assign_requested)
        self.detail_panel.confirm_requested.connect(self._on_confirm_requested)
        self.splitter.addWidget(self.detail_panel)
        self.splitter.setSizes([220, 480, 480])
        self._split_fitted = False  # the first showing sizes the panes to the real width (initial_split)
        self.splitter.setStretchFactor(1, 1)  # the list and the task share what a wider window adds
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter)

    def _build_navigator(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.county_only_check = QCheckBox(self.tr("Only the county's tasks"))
        self.county_only_check.setChecked(True)
        self.county_only_check.toggled.connect(lambda _checked: self.refresh())
        layout.addWidget(self.county_only_check)
        self.nav_tabs = QTabWidget()
        self.plan_model = PlanTreeModel()
        self.plan_tree = QTreeView(headerHidden=True, uniformRowHeights=True)
        self.plan_tree.setModel(self.plan_model)
        self.plan_tree.selectionModel().currentChanged.connect(self._on_plan_tree_current_changed)
        self.nav_tabs.addTab(self.plan_tree, self.tr("By plan"))
        self.unit_model = UnitListModel()
        self.unit_list = QListView()
        self.unit_list.setModel(self.unit_model)
        self.unit_list.selectionModel().currentChanged.connect(lambda *_: self.reload_tasks())
        self.nav_tabs.addTab(self.unit_list, self.tr("By unit"))
        self.bucket_model = ReviewBucketModel()
        self.bucket_list = QListView()
        self.bucket_list.setModel(self.bucket_model)
        self.bucket_list.selectionModel().currentChanged.connect(lambda *_: self.reload_tasks())
        self.nav_tabs.addTab(self.bucket_list, self.tr("By period"))
        self.nav_tabs.currentChanged.connect(lambda _index: self.reload_tasks())
        layout.addWidget(self.nav_tabs, 1)
        return box

    def _build_task_list(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list_title_label = QLabel()
        self.list_title_label.setStyleSheet("font-weight: bold;")
        self.count_label = muted_label(wrap=False)
        self.confirm_all_button = push_button(self.tr("Confirm all suggestions…"), self.confirm_all_suggestions,
                                              tip=self.tr("Accept the units hpdesk suggested from the departments the "
                                                          "city named, for every task still waiting"))
        layout.addLayout(hbox((self.list_title_label, 1), self.count_label, self.confirm_all_button))
        self.selection_label = muted_label(wrap=False)
        self.assign_selected_button = push_button(self.tr("Assign selected…"), self.assign_selected)
        self.confirm_selected_button = push_button(self.tr("Confirm suggestions of selected"), self.confirm_selected)
        self.bulk_bar = QWidget()
        self.bulk_bar.setLayout(hbox((self.selection_label, 1), self.assign_selected_button,
                                     self.confirm_selected_button))
        self.bulk_bar.hide()  # shown while several tasks are selected
        layout.addWidget(self.bulk_bar)
        self.empty_label = muted_label()  # why the list is empty (an action the county carries no task of)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        self.task_model = TaskListModel()
        self.task_table = row_table(self.task_model, selection=QAbstractItemView.SelectionMode.ExtendedSelection)
        self.task_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.task_table.customContextMenuRequested.connect(self._on_task_table_context_menu)
        self.task_table.verticalHeader().setDefaultSectionSize(26)
        header_view = self.task_table.horizontalHeader()
        header_view.setSectionResizeMode(TaskListModel.COLUMN_TASK, QHeaderView.ResizeMode.Stretch)
        # narrow fixed columns, so the task text keeps most of the room even at 1024×768 (never just "建…")
        header_view.resizeSection(TaskListModel.COLUMN_CODE, 76)
        header_view.resizeSection(TaskListModel.COLUMN_LEAD, 96)
        header_view.resizeSection(TaskListModel.COLUMN_PROGRESS, PROGRESS_COLUMN_WIDTH)  # widened when there is room
        header_view.setMinimumSectionSize(40)
        self.task_table.selectionModel().selectionChanged.connect(self._on_task_selection_changed)
        layout.addWidget(self.task_table, 1)
        return box

    # --- state -------------------------------------------------------------------------------------------------------

    def set_period(self, period: PeriodSummary | None) -> None:
        self.period = period
        self.detail_panel.set_period(period.label if period else None, period.name if period else "")
        self.refresh()

    def current_filter(self) -> TaskFilter:
        period_label = self.period.label if self.period else None
        county_only = self.county_only_check.isChecked()
        tab = self.nav_tabs.currentIndex()
        if tab == TAB_PLAN:
            current = self.plan_tree.currentIndex()
            action_id = current.data(ACTION_ID_ROLE) if current.isValid() else None
            return TaskFilter(period_label, action_id=action_id, county_only=county_only)
        if tab == TAB_UNITS:
            current = self.unit_list.currentIndex()
            return TaskFilter(period_label, unit_id=current.data(UNIT_ID_ROLE) if current.isValid() else None,
                              county_only=county_only)
        current = self.bucket_list.currentIndex()
        bucket = current.data(BUCKET_ROLE) if current.isValid() else ""
        return TaskFilter(period_label, review_state=bucket or None, county_only=county_only)

    def refresh(self) -> None:
        """Reload the navigator and the task list (after an import, a period change, a save)."""
        county_only = self.county_only_check.isChecked()
        period_label = self.period.label if self.period else None
        selected_action = self.current_filter().action_id if self.nav_tabs.currentIndex() == TAB_PLAN else None
        self.jobs.run(lambda: self._navigator_data(county_only, period_label),
                      lambda data: self._on_navigator_loaded(data, selected_action))

    def _navigator_data(self, county_only: bool, period_label: str | None):
        """Runs on the worker: the actions, the units and the period's review counts."""
        counts = self.services.review_counts(period_label) if period_label else {}
        return self.services.action_rows(county_only), self.services.units(), counts

    def _on_navigator_loaded(self, data, selected_action: int | None) -> None:
        actions, units, counts = data
        self.plan_model.set_actions(actions, lambda action_id: self.services.task_rows(
            TaskFilter(None, action_id=action_id, county_only=self.county_only_check.isChecked())))
        unit_index = self.unit_list.currentIndex()
        unit_id = unit_index.data(UNIT_ID_ROLE) if unit_index.isValid() else None
        self.unit_model.set_units(units)
        bucket_row = max(self.bucket_list.currentIndex().row(), 0)
        self.bucket_model.set_counts(counts)
        for view, row in ((self.plan_tree, self.plan_model.action_row_of(selected_action) if selected_action else 0),
                          (self.unit_list, self.unit_model.row_of_unit(unit_id) if unit_id else None),
                          (self.bucket_list, bucket_row)):
            if row is not None:
                with QSignalBlocker(view), QSignalBlocker(view.selectionModel()):
                    view.setCurrentIndex(view.model().index(row, 0))
        self.reload_tasks()

    def reload_tasks(self) -> None:
        task_filter = self.current_filter()
        self.list_title_label.setText(self._list_title(task_filter))
        self.jobs.run(lambda: (self.services.count_tasks(task_filter),
                               self.services.task_rows(task_filter, PAGE_SIZE, 0)),
                      self._task_loads.then(lambda result: self._on_tasks_loaded(task_filter, result)))

    def _list_title(self, task_filter: TaskFilter) -> str:
        tab = self.nav_tabs.currentIndex()
        current = {TAB_PLAN: self.plan_tree, TAB_UNITS: self.unit_list, TAB_PERIOD: self.bucket_list}[tab]
        index = current.currentIndex()
        if tab == TAB_PLAN and index.isValid() and index.parent().isValid():
            index = index.parent()
        text = index.data() if index.isValid() else ""
        if tab == TAB_PERIOD and self.period is not None:
            return f"{self.period.name} · {text}"
        return text or self.tr("All tasks")

    def _on_tasks_loaded(self, task_filter: TaskFilter, result) -> None:
        total, first_page = result
        selected = self._pending_task_id or self.selected_task_id()
        self.task_model.reset_rows(first_page, total,
                                   lambda offset, limit: self.services.task_rows(task_filter, limit, offset))
        self.count_label.setText(self.tr("{count} tasks").format(count=total))
        # an empty table alone read like a fault (控烟行动 has only city tasks, hidden by the county-only box)
        self.empty_label.setText(self.tr("No task of the county here. Untick “Only the county's tasks” to see every "
                                         "task of the city's table.") if task_filter.county_only else
                                 self.tr("No task here."))
        self.empty_label.setVisible(total == 0)
        self._fit_progress_column()
        if selected is not None and not self._select_task_row(selected):
            self.detail_panel.show_task(selected)  # not in this list: keep showing it
        elif selected is None and self.task_model.rowCount():
            self.task_table.selectRow(0)
        self._pending_task_id = None

    def _fit_progress_column(self) -> None:
        """The progress column as wide as its longest text ("已报 3/4 · 通过 1 · 退回 1") where the list has room, so
        approved and returned counts are not hidden behind "…" at 1366 or 1440 pixels; never narrower than 100
        pixels, and never at the cost of the task text's first ten characters (at 1024×768 it stays at 100)."""
        metrics = self.task_table.fontMetrics()
        widest = max((metrics.horizontalAdvance(progress_text(row)) for row in self.task_model.rows()), default=0)
        header = self.task_table.horizontalHeader()
        others = header.sectionSize(TaskListModel.COLUMN_CODE) + header.sectionSize(TaskListModel.COLUMN_LEAD)
        room = self.task_table.viewport().width() - others - 10 * metrics.height()
        header.resizeSection(TaskListModel.COLUMN_PROGRESS, max(PROGRESS_COLUMN_WIDTH, min(widest + 16, room)))

    def _select_task_row(self, task_id: int) -> bool:
        row = self.task_model.row_of_task(task_id)
        if row is None:
            return False
        self.task_table.selectRow(row)
        self.task_table.scrollTo(self.task_model.index(row, 0))
        return True

    def selected_task_id(self) -> int | None:
        rows = self.task_table.selectionModel().selectedRows()
        if rows:
            return self.task_model.row_at(rows[0].row()).id
        return self.detail_panel.detail.id if self.detail_panel.detail else None

    # --- navigation --------------------------------------------------------------------------------------------------

    def show_task(self, task_id: int, unit_id: int | None = None) -> None:
        """Show a task (from search or a dashboard link): selected in the list when it is there."""
        if not self._select_task_row(task_id):
            self.task_table.clearSelection()
        self.detail_panel.show_task(task_id, unit_id)

    def show_unit(self, unit_id: int) -> None:
        self.nav_tabs.setCurrentIndex(TAB_UNITS)
        row = self.unit_model.row_of_unit(unit_id)
        if row is not None:
            self.unit_list.setCurrentIndex(self.unit_model.index(row, 0))

    def _on_plan_tree_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        task_id = current.data(TASK_ID_ROLE) if current.isValid() else None
        if task_id is not None:
            same_action = previous.isValid() and (previous.data(ACTION_ID_ROLE) == current.data(ACTION_ID_ROLE))
            if same_action:
                self.show_task(task_id)
            else:
                self._pending_task_id = task_id
                self.reload_tasks()
            return
        self.reload_tasks()

    def _on_task_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        count = len(self.task_table.selectionModel().selectedRows())
        self.bulk_bar.setVisible(count > 1)
        self.selection_label.setText(self.tr("{count} tasks selected").format(count=count))
        indexes = selected.indexes()
        if indexes and count == 1:
            self.detail_panel.show_task(self.task_model.row_at(indexes[0].row()).id)

    def selected_codes(self) -> list[str]:
        """The codes of the selected tasks, in the list's order."""
        rows = sorted(index.row() for index in self.task_table.selectionModel().selectedRows())
        return [self.task_model.row_at(row).code for row in rows]

    def _on_task_table_context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Select all"), self.task_table.selectAll)
        menu.addSeparator()
        selected = bool(self.selected_codes())
        menu.addAction(self.tr("Assign selected…"), self.assign_selected).setEnabled(selected)
        menu.addAction(self.tr("Confirm suggestions of selected"), self.confirm_selected).setEnabled(selected)
        menu.addAction(self.tr("Confirm all suggestions…"), self.confirm_all_suggestions)
        menu.popup(self.task_table.viewport().mapToGlobal(position))
        self.context_menu = menu

    # --- reports and assignments -------------------------------------------------------------------------------------

    def open_report(self, target: ReportTarget) -> None:
        if self.period is None or self.period.label != target.period_label:
            return
        self.editor = ReportEditorDialog(self.services, self.jobs, self.prompts, target, self.period,
                                         language=self.language, may_review=self.may_review, parent=self)
        self.editor.saved.connect(self._on_task_changed)
        self.editor.open()

    def _on_task_changed(self, _result: object = None) -> None:
        """A report or an assignment of the shown task was saved."""
        self.detail_panel.reload()
        self._refresh_task_row()
        self.data_changed.emit()

    def _refresh_task_row(self) -> None:
        """Re-read the selected task's progress so the list shows what was just saved."""
        rows = self.task_table.selectionModel().selectedRows()
        if not rows:
            return
        row_number = rows[0].row()
        task_id = self.task_model.row_at(row_number).id
        task_filter = self.current_filter()

        def updated(found):
            match = next((row for row in found if row.id == task_id), None)
            if match is not None and row_number < self.task_model.rowCount() \
                    and self.task_model.row_at(row_number).id == task_id:
                self.task_model.replace_row(row_number, match)

        self.jobs.run(lambda: self.services.task_rows(task_filter, 1, row_number), updated)

    def _on_assign_requested(self, detail: TaskDetail) -> None:
        dialog = AssignDialog(self.services.units(), self.detail_panel.unit_model.rows(), detail.code, self)
        dialog.assignment_chosen.connect(lambda lead, co: self._assign(detail.code, lead, co))
        self.assign_dialog = dialog
        dialog.open()

    def _on_confirm_requested(self, detail: TaskDetail) -> None:
        self.jobs.run(lambda: self.services.confirm_assignments([detail.code]), self._on_task_changed,
                      self._warning(self.tr("Assign units")))

    # --- several tasks at once -----------------------------------------------------------------------------------------

    def assign_selected(self) -> None:
        """The same lead and co-responsible units for every selected task, after a summary."""
        codes = self.selected_codes()
        if not codes:
            return
        dialog = AssignDialog(self.services.units(), [], codes[0], self, task_count=len(codes))
        dialog.assignment_chosen.connect(lambda lead, co: self._assign_many(codes, lead, co))
        self.assign_dialog = dialog
        dialog.open()

    def _assign_many(self, codes: list[str], lead: str, co: list[str]) -> None:
        summary = self.tr("Assign {count} tasks ({first} …) to {lead} as lead").format(
            count=len(codes), first=codes[0], lead=lead)
        if co:
            summary += self.tr(", with {units} co-responsible").format(units="、".join(co))
        if not self.prompts.confirm(self.tr("Assign units"), summary + self.tr(
                "?\nTasks that already have units get these instead; units that already reported keep their "
                "reports.")):
            return
        self.jobs.run(lambda: self.services.assign_tasks(codes, lead, co),
                      lambda count: self._bulk_done(self.tr("{count} tasks assigned.").format(count=count)),
                      self._warning(self.tr("Assign units")))

    def confirm_selected(self) -> None:
        codes = self.selected_codes()
        if not codes or not self.prompts.confirm(self.tr("Confirm suggestions"), self.tr(
                "Confirm the suggested units of the {count} selected tasks? They are then expected to report.")
                .format(count=len(codes))):
            return
        self.jobs.run(lambda: self.services.confirm_assignments(codes),
                      lambda count: self._bulk_done(self.tr("Suggested units confirmed for {count} tasks.")
                                                    .format(count=count)),
                      self._warning(self.tr("Confirm suggestions")))

    def confirm_all_suggestions(self) -> None:
        """Count what waits, say it, and confirm every suggestion when the clerk agrees."""
        self.jobs.run(self.services.assignment_counts, self._ask_confirm_all,
                      self._warning(self.tr("Confirm suggestions")))

    def _ask_confirm_all(self, counts) -> None:
        if not counts.unconfirmed:
            self.prompts.inform(self.tr("Confirm suggestions"), self.tr("No suggestion is waiting to be confirmed.")
                                + (self.tr(" {count} tasks have no unit: assign them by hand.").format(
                                    count=counts.unassigned) if counts.unassigned else ""))
            return
        question = self.tr("Confirm the suggested units of all {count} tasks that have them? They are then expected "
                           "to report.").format(count=counts.unconfirmed)
        if counts.unassigned:
            question += self.tr("\n{count} tasks have no suggestion and still need assigning by hand.").format(
                count=counts.unassigned)
        if not self.prompts.confirm(self.tr("Confirm suggestions"), question):
            return
        self.jobs.run(self.services.confirm_all_suggestions,
                      lambda count: self._bulk_done(self.tr("Suggested units confirmed for {count} tasks.")
                                                    .format(count=count)),
                      self._warning(self.tr("Confirm suggestions")))

    def _warning(self, title: str) -> Callable[[BaseException], None]:
        """A job's failure callback: the error in a warning titled `title`."""
        return lambda error: self.prompts.warn(title, error_text(error, self.language))

    def _bulk_done(self, message: str) -> None:
        self.prompts.inform(self.tr("Assign units"), message)
        self.detail_panel.reload()
        self.reload_tasks()
        self.data_changed.emit()

    def _assign(self, task_code: str, lead: str, co: list[str]) -> None:
        self.jobs.run(lambda: self.services.assign_task(task_code, lead, co), self._on_task_changed,
                      self._warning(self.tr("Assign units")))

    # --- remembered layout -------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self._fit_split()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_split()
        QTimer.singleShot(0, self._fit_progress_column)  # after the layout has given the list its new width

    def _fit_split(self) -> None:
        if self._split_fitted or not self.isVisible():
            return
        self._split_fitted = True
        self.splitter.setSizes(initial_split(self.width() - 2 * PAGE_MARGIN))

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("tasks/splitter", self.splitter.saveState())
        settings.setValue("tasks/detail_splitter", self.detail_panel.splitter.saveState())
        settings.setValue("tasks/nav_tab", self.nav_tabs.currentIndex())
        settings.setValue("tasks/county_only", self.county_only_check.isChecked())
        task_id = self.selected_task_id()
        settings.setValue("tasks/last_task", task_id if task_id is not None else -1)

    def restore_state(self, settings: QSettings) -> None:
        for key, splitter in (("tasks/splitter", self.splitter), ("tasks/detail_splitter", self.detail_panel.splitter)):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
                self._split_fitted = self._split_fitted or splitter is self.splitter
        with QSignalBlocker(self.nav_tabs), QSignalBlocker(self.county_only_check):
            self.nav_tabs.setCurrentIndex(int(str(settings.value("tasks/nav_tab", TAB_PLAN))))
            self.county_only_check.setChecked(str(settings.value("tasks/county_only", "true")).lower() == "true")
        last_task = int(str(settings.value("tasks/last_task", -1)))
        self._pending_task_id = last_task if last_task >= 0 else None
