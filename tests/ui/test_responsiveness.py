"""The window never freezes during the long jobs: a real import (analysis and write) and a real signed submission
export run on the worker thread, and the UI thread's event loop keeps processing events while each of them runs.

Nothing here reads a clock. Each long service call is probed on entry: it records the thread it runs on, then waits
until the UI thread has handled a few heartbeat timer ticks *while the call is in progress*. A job run on the UI
thread, or a UI thread blocked by the job, never delivers those ticks, and the probe reports it. (How long the UI
thread may stall between ticks is a measurement of the machine as much as of the code: bench/ui_heartbeat.py.)
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from hpdesk.services.desk import Desk
from hpdesk.services.identity import create_identity
from hpdesk.services.periods import create_periods
from hpdesk.services.workspace import Workspace
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.main_window import MainWindow

from ui_fakes import FakePrompts

TICKS_WANTED = 3
HANG_GUARD_SECONDS = 120  # only so that a frozen UI fails the test instead of hanging the run; no figure is judged


class Heartbeat:
    """A timer on the UI thread; `ticks_during_call` (called from the worker) waits until it has ticked
    TICKS_WANTED times after the call began, and says whether that happened."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ticks = 0
        self._enough = threading.Event()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._on_tick)
        self._timer.start()

    def _on_tick(self) -> None:
        with self._lock:
            self._ticks += 1
            if self._ticks >= TICKS_WANTED:
                self._enough.set()

    def ticks_during_call(self) -> bool:
        with self._lock:
            self._ticks = 0
            self._enough.clear()
        return self._enough.wait(HANG_GUARD_SECONDS)

    def stop(self) -> None:
        self._timer.stop()


class ProbedDesk(Desk):
    """The real façade; its long calls note their thread and whether the UI ticked while they ran."""

    def __init__(self, workspace: Workspace, heartbeat: Heartbeat) -> None:
        super().__init__(workspace)
        self.heartbeat = heartbeat
        self.probes: dict[str, tuple[int, bool]] = {}

    def _probe(self, name: str) -> None:
        self.probes[name] = (threading.get_ident(), self.heartbeat.ticks_during_call())

    def analyse_workbook(self, *args: Any, **kwargs: Any) -> Any:
        self._probe("analyse_workbook")
        return super().analyse_workbook(*args, **kwargs)

    def apply_import(self, *args: Any, **kwargs: Any) -> Any:
        self._probe("apply_import")
        return super().apply_import(*args, **kwargs)

    def export_submission(self, *args: Any, **kwargs: Any) -> Any:
        self._probe("export_submission")
        return super().export_submission(*args, **kwargs)


@pytest.mark.slow
def test_an_import_and_an_export_run_on_the_worker_while_the_window_keeps_handling_events(  # type: ignore[no-untyped-def]
        qtbot, workspace: Workspace, sample_copy, tmp_path: Path) -> None:
    create_periods(workspace, 2026)
    create_identity(workspace.identity_dir, "管城回族区卫生健康委员会", "secret12")
    heartbeat = Heartbeat()
    services = ProbedDesk(workspace, heartbeat)
    jobs = JobRunner()
    window = MainWindow(services, jobs, FakePrompts(), today=date(2026, 11, 23))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not jobs.busy, timeout=10000)
    window.import_file(sample_copy("taian_task_breakdown.xlsx"))  # sheets, then the analysis, on the worker
    qtbot.waitUntil(lambda: getattr(window, "import_dialog", None) is not None
                    and window.import_dialog.import_button.isEnabled(), timeout=60000)
    with qtbot.waitSignal(window.import_dialog.imported, timeout=60000):
        window.import_dialog.import_button.click()  # the write runs on the worker too
    qtbot.waitUntil(lambda: not jobs.busy and window.tasks_page.task_model.rowCount() > 0, timeout=60000)
    window.start_export()
    dialog = window.export_dialog
    assert dialog.submission_radio.isChecked()  # the signed submission: Excel, PDF packet, signatures, the zip
    dialog.passphrase_edit.setText("secret12")
    dialog.destination_edit.setText(str(tmp_path / "exports"))
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=120000)
    jobs.shutdown()
    heartbeat.stop()
    assert dialog.written.exists() and dialog.written.suffix == ".zip" and "报送包" in dialog.written.name
    ui_thread = threading.get_ident()
    assert set(services.probes) == {"analyse_workbook", "apply_import", "export_submission"}
    assert {name: thread != ui_thread for name, (thread, _ticked) in services.probes.items()} == {
        "analyse_workbook": True, "apply_import": True, "export_submission": True}
    assert {name: ticked for name, (_thread, ticked) in services.probes.items()} == {
        "analyse_workbook": True, "apply_import": True, "export_submission": True}
