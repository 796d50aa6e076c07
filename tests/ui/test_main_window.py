"""The main window: empty state, import off the UI thread, browsing and searching the plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QThread, QTimer

from hpdesk.services.plan_queries import TaskRow
from hpdesk.services.workspace import Workspace
from hpdesk.ui.app_services import AppServices
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.main_window import MainWindow
from hpdesk.ui.models.task_table_model import TaskTableModel


class FakePrompts:
    def __init__(self, workbook: Path | None = None, confirm: bool = True) -> None:
        self.workbook, self.answer = workbook, confirm
        self.warnings: list[str] = []
        self.confirmations: list[str] = []

    def choose_workbook(self) -> Path | None:
        return self.workbook

    def confirm(self, title: str, text: str) -> bool:
        self.confirmations.append(text)
        return self.answer

    def warn(self, title: str, text: str) -> None:
        self.warnings.append(text)

    def inform(self, title: str, text: str) -> None:
        pass


def _window(qtbot, workspace: Workspace, prompts: FakePrompts, immediate: bool = True) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppServices(workspace), JobRunner(immediate=immediate), prompts)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    return window


def test_empty_workspace_shows_the_first_step(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace, FakePrompts())
    assert window.pages.currentIndex() == 0
    assert window.empty_import_button.isVisible() or not window.isVisible()


def _import_through_the_wizard(window: MainWindow) -> None:
    window.start_import()
    window.import_dialog.import_button.click()


def test_importing_from_the_empty_state_shows_the_preview_then_the_tasks(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace, FakePrompts(sample_copy("taian_task_breakdown.xlsx")))
    window.empty_import_button.click()
    summary = window.import_dialog.summary_label.text()
    assert "124" in summary and "84" in summary
    window.import_dialog.import_button.click()
    assert window.pages.currentIndex() == 1
    assert window.task_model.rowCount() == 124


def test_cancelling_the_wizard_imports_nothing(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace, FakePrompts(sample_copy("taian_task_breakdown.xlsx")))
    window.start_import()
    window.import_dialog.reject()
    assert window.pages.currentIndex() == 0


def test_a_bad_file_shows_one_clear_message(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bogus = tmp_path / "照片.xlsx"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 jpeg bytes")
    prompts = FakePrompts(bogus)
    window = _window(qtbot, workspace, prompts)
    window.start_import()
    assert len(prompts.warnings) == 1 and "照片.xlsx" in prompts.warnings[0]


def test_search_filters_tasks_by_chinese_text(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace, FakePrompts(sample_copy("taian_task_breakdown.xlsx")))
    _import_through_the_wizard(window)
    window.search_edit.setText("市残联")
    window.refresh_tasks()
    assert 0 < window.task_model.rowCount() < 124
    rows = [window.task_model.row_at(i) for i in range(window.task_model.rowCount())]
    assert all("市残联" in row.lead + row.responsible for row in rows)


def test_selecting_a_task_shows_all_its_city_columns(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace, FakePrompts(sample_copy("taian_task_breakdown.xlsx")))
    _import_through_the_wizard(window)
    window.task_table.selectRow(0)
    text = window.task_detail.toPlainText()
    assert "A01-T001" in text and "工作任务分解表" in text


def test_window_never_stalls_over_100ms_while_importing_on_the_worker(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, workspace, FakePrompts(sample_copy("taian_task_breakdown.xlsx")), immediate=False)
    gaps: list[int] = []
    clock = QElapsedTimer()
    clock.start()
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: gaps.append(clock.restart()))
    heartbeat.start()
    window.import_file(sample_copy("taian_task_breakdown.xlsx"))  # sheets, then the analysis, on the worker
    qtbot.waitUntil(lambda: getattr(window, "import_dialog", None) is not None
                    and window.import_dialog.import_button.isEnabled(), timeout=30000)
    window.import_dialog.import_button.click()  # the apply job runs on the worker too
    qtbot.waitUntil(lambda: not window.jobs.busy and window.task_model.rowCount() == 124, timeout=30000)
    heartbeat.stop()
    window.jobs.shutdown()
    assert window.task_model.rowCount() == 124
    assert max(gaps[1:], default=0) < 100, gaps


def test_job_runner_delivers_results_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    seen: dict[str, object] = {}
    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        runner.run(lambda: QThread.currentThread(), lambda worker: seen.update(worker=worker,
                                                                             ui=QThread.currentThread()),
                   lambda error: seen.update(error=error))
    assert seen["worker"] is not seen["ui"]
    runner.shutdown()


def test_job_runner_passes_errors_to_the_failure_callback(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("boom")

    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        runner.run(fail, lambda _result: None, errors.append)
    assert isinstance(errors[0], ValueError)
    runner.shutdown()


def test_task_model_shows_rows_and_marks_flagged_ones_without_a_window() -> None:
    rows = [TaskRow(1, "A01-T001", "1.行动", "任务一", "", "", "市卫生健康委", "各县（市、区）", True, (), "表 A3:H3"),
            TaskRow(2, "A01-T002", "1.行动", "任务二", "", "", "", "", False, ("blank_departments",), "表 A4:H4")]
    model = TaskTableModel(rows)
    assert (model.rowCount(), model.columnCount()) == (2, 5)
    assert model.data(model.index(0, 1)) == "任务一"
    assert model.data(model.index(1, 0), 8) is not None  # BackgroundRole for a flagged row
    assert model.data(model.index(0, 0), 8) is None


def test_choosing_english_is_remembered_for_the_next_start(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    prompts = FakePrompts()
    window = _window(qtbot, workspace, prompts)
    english = next(action for action in window.language_actions.actions() if action.data() == "en")
    english.trigger()
    assert QSettings().value("language") == "en"
