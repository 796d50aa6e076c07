"""Child process for the launch benchmark: show a window, print the wall-clock time of its first paint, exit.

    python bench/first_paint.py empty                  an empty QMainWindow (the baseline)
    python bench/first_paint.py hpdesk WORKSPACE       hpdesk's own `run_application` on WORKSPACE

Prints one JSON line {"painted_at": <time.time()>, "imported_at": ...}; the parent subtracts its own launch time.
"painted_at" is the first frame of any window (hpdesk paints its StartupWindow first). In hpdesk mode the line also
has "main_painted_at" (the main window's first frame, after the workspace was opened in the background) and
"loaded_at": the main window loads its pages in background jobs after it is first drawn, so the child waits until
the job runner has been idle for IDLE_SECONDS, repaints the window with the loaded data, and reports the moment the
last job finished plus the time that repaint took.
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
        from hpdesk.ui import application
        from hpdesk.ui.jobs import JobRunner

        app = None  # made by run_application's own create_application, as `hpdesk gui` makes it (once)
        window = None

    class FirstPaint(QObject):
        """Notes the first paint event of any window and of the main window; the paint itself has run when the
        event loop comes back. In hpdesk mode it then waits for the pages to load."""

        done = False
        painted_at: float | None = None
        main_painted_at: float | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
            if event.type() != QEvent.Type.Paint or not watched.isWidgetType() or not watched.isWindow():
                return False
            if self.painted_at is None:
                self.painted_at = -1.0
                QTimer.singleShot(0, self._first_frame)
            if mode != "empty" and type(watched).__name__ == "MainWindow" and self.main_painted_at is None:
                self.main_painted_at = -1.0
                QTimer.singleShot(0, self._main_frame)
            return False

        def _first_frame(self) -> None:
            self.painted_at = time.time()
            if mode == "empty":
                self.done = True
                self._finish({})

        def _main_frame(self) -> None:
            self.main_painted_at = time.time()
            self.jobs = app.findChildren(JobRunner)[0]
            self._idle_since = time.time() if not self.jobs.busy else None
            self.jobs.busy_changed.connect(self._on_busy_changed)
            self._poll = QTimer(interval=10)
            self._poll.timeout.connect(self._check_loaded)
            self._poll.start()

        def _on_busy_changed(self, busy: bool) -> None:
            self._idle_since = None if busy else time.time()

        def _check_loaded(self) -> None:
            now = time.time()
            if now - (self.main_painted_at or now) > LOAD_TIMEOUT_SECONDS:
                self._poll.stop()
                self._finish({"loaded_at": None})
            elif self._idle_since is not None and now - self._idle_since >= IDLE_SECONDS:
                self._poll.stop()
                main = next(w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow")
                before = time.time()
                main.repaint()  # a synchronous paint with the loaded data
                # The last job's results were on the widgets when it went idle; add what drawing them takes.
                self.done = True
                self._finish({"loaded_at": self._idle_since + (time.time() - before)})

        def _finish(self, extra: dict[str, object]) -> None:
            print(json.dumps({"painted_at": self.painted_at, "main_painted_at": self.main_painted_at,
                              "imported_at": imported_at, **extra}), flush=True)
            app.quit()

    watcher = FirstPaint()
    if window is not None:
        app.installEventFilter(watcher)
        window.show()
        app.exec()
    else:
        from pathlib import Path

        create = application.create_application

        def create_and_watch(arguments: list[str]):  # type: ignore[no-untyped-def]
            # The watcher goes on the application run_application creates. Calling create_application here first
            # (as this file did) set the application up twice: fonts, style and translators, ~20 ms the real
            # `hpdesk gui` never spends.
            nonlocal app
            app, language = create(arguments)
            app.installEventFilter(watcher)
            return app, language

        application.create_application = create_and_watch
        application.run_application(Path(argv[1]), [sys.argv[0]])
    return 0 if watcher.done else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
