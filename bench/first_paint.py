"""Child process for the launch benchmark: build a window, print the wall-clock time of its first paint, exit.

    python bench/first_paint.py empty                  an empty QMainWindow (the baseline)
    python bench/first_paint.py hpdesk WORKSPACE       hpdesk's main window on WORKSPACE, built as the app builds it

Prints one JSON line {"painted_at": <time.time()>, "imported_at": ...}; the parent subtracts its own launch time.
In hpdesk mode the line also has "loaded_at": the main window loads its pages in background jobs after it is first
drawn, so the child waits until the job runner has been idle for IDLE_SECONDS, repaints the window with the loaded
data, and reports the moment the last job finished plus the time that repaint took.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
IDLE_SECONDS = 0.3  # no background job for this long after the last one finished: the pages are loaded
LOAD_TIMEOUT_SECONDS = 120


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    imported_at = time.time()
    mode = argv[0] if argv else "empty"
    if mode == "empty":
        app = QApplication([sys.argv[0]])
        window = QMainWindow()
        window.setWindowTitle("empty")
        window.resize(1280, 800)
    else:
        from pathlib import Path

        from bench_launch import build_hpdesk_window

        app, window = build_hpdesk_window(Path(argv[1]))

    class FirstPaint(QObject):
        """Quits on the window's first paint event; the paint itself has run when the event loop comes back."""

        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, self._report)
            return False

        def _report(self) -> None:
            self.painted_at = time.time()
            if mode == "empty":
                self._finish({})
            else:
                self._idle_since = time.time() if not window.jobs.busy else None
                window.jobs.busy_changed.connect(self._on_busy_changed)
                self._poll = QTimer(interval=10)
                self._poll.timeout.connect(self._check_loaded)
                self._poll.start()

        def _on_busy_changed(self, busy: bool) -> None:
            self._idle_since = None if busy else time.time()

        def _check_loaded(self) -> None:
            now = time.time()
            if now - self.painted_at > LOAD_TIMEOUT_SECONDS:
                self._poll.stop()
                self._finish({"loaded_at": None})
            elif self._idle_since is not None and now - self._idle_since >= IDLE_SECONDS:
                self._poll.stop()
                before = time.time()
                window.repaint()  # a synchronous paint with the loaded data
                # The last job's results were on the widgets when it went idle; add what drawing them takes.
                self._finish({"loaded_at": self._idle_since + (time.time() - before)})

        def _finish(self, extra: dict[str, object]) -> None:
            print(json.dumps({"painted_at": self.painted_at, "imported_at": imported_at, **extra}), flush=True)
            app.quit()

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    return 0 if watcher.done else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
