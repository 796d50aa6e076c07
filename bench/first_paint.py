"""Child process for the launch benchmark: build a window, print the wall-clock time of its first paint, exit.

    python bench/first_paint.py empty                  an empty QMainWindow (the baseline)
    python bench/first_paint.py hpdesk WORKSPACE       hpdesk's main window on WORKSPACE, built as the app builds it

Prints one JSON line {"painted_at": <time.time()>, "imported_at": ...}; the parent subtracts its own launch time.
The hpdesk mode is used only when the app itself cannot be told to exit after its first paint.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
            print(json.dumps({"painted_at": time.time(), "imported_at": imported_at}), flush=True)
            app.quit()

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    app.exec()
    return 0 if watcher.done else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
