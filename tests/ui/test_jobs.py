"""JobRunner and the polled progress dialog: results on the UI thread, errors never swallowed, cancel on quit."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QPushButton

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.services.importing import plan_import  # noqa: F401 - registers the import's progress steps
from hpdesk.services.progress import CancelToken, LatestProgress, report
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.progress_dialog import PolledProgressDialog


def test_results_arrive_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    seen: dict[str, object] = {}
    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        runner.run(QThread.currentThread, lambda worker: seen.update(worker=worker, ui=QThread.currentThread()))
    assert seen["worker"] is not seen["ui"]
    runner.shutdown()


def test_errors_go_to_the_failure_callback(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    errors: list[BaseException] = []

    def fail() -> None:
        raise ValueError("boom")

    with qtbot.waitSignal(runner.job_finished, timeout=5000):
        runner.run(fail, lambda _result: None, errors.append)
    assert isinstance(errors[0], ValueError)
    runner.shutdown()


def test_without_a_failure_callback_the_error_handler_shows_it(qapp) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner(immediate=True)
    shown: list[BaseException] = []
    runner.error_handler = shown.append
    runner.run(lambda: (_ for _ in ()).throw(UserError("internal", detail="x")), lambda _result: None)
    runner.run(lambda: (_ for _ in ()).throw(OperationCancelled()), lambda _result: None)
    assert len(shown) == 1 and isinstance(shown[0], UserError)


def test_busy_changes_when_work_starts_and_ends(qapp) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner(immediate=True)
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    runner.run(lambda: 1, lambda _result: None)
    assert states == [True, False] and not runner.busy


def test_shutdown_cancels_running_jobs_and_waits_until_they_stop(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = JobRunner()
    token = CancelToken()
    started, stopped = threading.Event(), threading.Event()

    def wait_for_cancel() -> None:
        started.set()
        while not token.cancelled:  # a job checks its token between steps
            QThread.msleep(5)
        stopped.set()

    runner.run(wait_for_cancel, lambda _result: None, cancel=token)
    qtbot.waitUntil(started.is_set, timeout=5000)  # the job is running, not merely queued
    runner.shutdown()  # hangs (and times out) unless it cancels the running job
    assert stopped.is_set()  # the job itself saw the cancellation and ended before shutdown returned


@pytest.mark.parametrize(("language", "shown"), [("zh_CN", "写入任务"), ("en", "Writing the tasks")])
def test_progress_dialog_shows_the_latest_step_in_the_ui_language_and_cancel_sets_the_token(
        qtbot, language: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    progress, token = LatestProgress(), CancelToken()
    dialog = PolledProgressDialog("导入中…", progress, token, language)
    qtbot.addWidget(dialog)
    report(progress, 3, 10, "progress_import_writing_tasks")
    qtbot.waitUntil(lambda: dialog.value() == 3, timeout=2000)
    assert dialog.maximum() == 10 and dialog.labelText() == shown
    cancel_button = dialog.findChild(QPushButton)
    cancel_button.click()
    assert token.cancelled


def test_finishing_the_progress_dialog_is_not_a_cancel(qtbot) -> None:  # type: ignore[no-untyped-def]
    progress, token = LatestProgress(), CancelToken()
    dialog = PolledProgressDialog("导出中…", progress, token, "zh_CN")
    qtbot.addWidget(dialog)
    dialog.finish()
    dialog.finish()
    assert not token.cancelled and not dialog.isVisible()
