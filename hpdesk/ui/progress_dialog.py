"""A progress dialog that polls a LatestProgress every 100 ms and cancels through a CancelToken.

Qt skips the dialog for jobs shorter than 500 ms (setMinimumDuration). The service never touches Qt, and nothing
here calls processEvents(): the worker runs on the JobRunner's thread while the event loop keeps the UI alive.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from hpdesk.services.progress import CancelToken, LatestProgress


class PolledProgressDialog(QProgressDialog):
    def __init__(self, title: str, progress: LatestProgress, cancel: CancelToken, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setLabelText(title)
        self.setCancelButtonText(QCoreApplication.translate("PolledProgressDialog", "Cancel"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(500)
        self.setRange(0, 0)
        self.setAutoReset(False)
        self.setAutoClose(False)
        self._progress = progress
        self.canceled.connect(cancel.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        done, total, message = self._progress.snapshot()
        if total > 0:
            self.setRange(0, total)
            self.setValue(min(done, total))
        if message:
            self.setLabelText(message)

    def finish(self) -> None:
        self._timer.stop()
        self.reset()
        self.close()
