"""How long the UI thread stalls while a real import and a real signed export run on the worker (a measurement, not
a test: it depends on the machine's load as much as on the code; tests/ui/test_responsiveness.py checks, without a
clock, that the jobs run on the worker and the UI keeps handling events).

    QT_QPA_PLATFORM=offscreen python bench/ui_heartbeat.py [--sample shared/samples/taian_task_breakdown.xlsx]

Prints JSON: the longest gap between 10 ms heartbeat ticks during the import and during the export, the median
gap, and the load average. Before this script the test asserted "no gap over 100 ms" (it failed under load).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests" / "ui"))  # FakePrompts: no dialog may block the measurement


class Heartbeat:
    """Ticks every 10 ms on the UI thread and keeps the gaps between ticks."""

    def __init__(self) -> None:
        self.gaps: list[int] = []
        self._clock = QElapsedTimer()
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(lambda: self.gaps.append(self._clock.restart()))

    def __enter__(self) -> Heartbeat:
        self._clock.start()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.stop()

    def figures(self) -> dict[str, float]:
        gaps = self.gaps[1:] or [0]
        return {"longest_gap_ms": max(gaps), "median_gap_ms": statistics.median(gaps), "ticks": len(gaps)}


def _wait_until(condition, limit_ms: int = 300_000) -> None:  # type: ignore[no-untyped-def]
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > limit_ms:
            raise TimeoutError("the job did not finish")
        loop = QEventLoop()
        QTimer.singleShot(5, loop.quit)
        loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=Path,
                        default=REPO_ROOT.parent / "shared" / "samples" / "taian_task_breakdown.xlsx")
    args = parser.parse_args()
    from ui_fakes import FakePrompts

    from hpdesk.services.desk import Desk
    from hpdesk.services.identity import create_identity
    from hpdesk.services.periods import create_periods
    from hpdesk.services.workspace import init_workspace
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    scratch = Path(tempfile.mkdtemp(prefix="hpdesk-heartbeat-"))
    workspace = init_workspace(scratch / "ws", region="管城回族区", office="管城回族区卫生健康委员会", actor="bench")
    try:
        create_periods(workspace, 2026)
        create_identity(workspace.identity_dir, "管城回族区卫生健康委员会", "secret12")
        jobs = JobRunner()
        window = MainWindow(Desk(workspace), jobs, FakePrompts(), today=date(2026, 11, 23))
        window.show()
        _wait_until(lambda: not jobs.busy)
        sample = scratch / args.sample.name
        shutil.copy(args.sample, sample)
        with Heartbeat() as import_beat:
            window.import_file(sample)
            _wait_until(lambda: getattr(window, "import_dialog", None) is not None
                        and window.import_dialog.import_button.isEnabled())
            imported: list[object] = []
            window.import_dialog.imported.connect(imported.append)
            window.import_dialog.import_button.click()
            _wait_until(lambda: bool(imported))
        _wait_until(lambda: not jobs.busy and window.tasks_page.task_model.rowCount() > 0)
        window.start_export()
        dialog = window.export_dialog
        dialog.passphrase_edit.setText("secret12")
        dialog.destination_edit.setText(str(scratch / "exports"))
        with Heartbeat() as export_beat:
            dialog.export_button.click()
            _wait_until(lambda: dialog.written is not None)
        jobs.shutdown()
        window.close()
        print(json.dumps({"import": import_beat.figures(), "export": export_beat.figures(),
                          "load_average": os.getloadavg()}, indent=2))
    finally:
        workspace.close()
        shutil.rmtree(scratch, ignore_errors=True)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
