"""A progress dialog that polls a LatestProgress every 100 ms and cancels through a CancelToken.

It appears only when the job is still running after 500 ms (quick jobs never flash a dialog). The service never
touches Qt, and nothing here calls processEvents(): the worker runs on the JobRunner's thread while the event loop
keeps the UI alive and repaints the bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from hpdesk.domain.messages import Message
from hpdesk.services.progress import CancelToken, LatestProgress, ProgressSink
from hpdesk.ui.i18n import message_text

if TYPE_CHECKING:
    from hpdesk.ui.jobs import JobRunner

SHOW_AFTER_MS = 500
POLL_MS = 100
T = TypeVar("T")


class PolledProgressDialog(QProgressDialog):
    """Call `finish()` from the job's success or failure callback, or pass `then(handler)` as that callback."""

    def __init__(self, title: str, progress: LatestProgress, cancel: CancelToken, language: str,
                 parent: QWidget | None = None) -> None:
        """`language` is the UI's (Settings) language: the service's step messages are shown in it."""
        super().__init__(parent)
        self.language = language
        self.setWindowTitle(title)
        self.setLabelText(title)
        self.setCancelButtonText(QCoreApplication.translate("PolledProgressDialog", "Cancel"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoReset(False)
        self.setAutoClose(False)
        self.setMinimumWidth(420)
        self.setRange(0, 0)  # a busy bar until the service reports a total
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setValue(0)  # starts Qt's show timer: the dialog appears after SHOW_AFTER_MS unless finished first
        self._progress = progress
        self._cancel = cancel
        self.canceled.connect(self._on_canceled)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        done, total, message = self._progress.snapshot()
        if total > 0:
            if self.maximum() != total:
                self.setRange(0, total)
            self.setValue(min(done, total))
        if message is not None:
            self.setLabelText(message_text(message, self.language))

    def _on_canceled(self) -> None:
        self._cancel.cancel()
        self.setLabelText(QCoreApplication.translate("PolledProgressDialog", "Cancelling…"))

    def finish(self) -> None:
        """The job is over: stop polling and close without counting the close as a Cancel."""
        if not self._timer.isActive():
            return
        self._timer.stop()
        self.canceled.disconnect(self._on_canceled)
        self.reset()
        self.hide()
        self.deleteLater()

    def then(self, handler: Callable[[T], object]) -> Callable[[T], None]:
        """A job callback that finishes this dialog, then hands the job's result (or error) to `handler`."""
        def finish_then(value: T) -> None:
            self.finish()
            handler(value)
        return finish_then


class SharedProgress:
    """One bar over several service calls that each report their own done-of-total: call `start(part)` before the
    part-th call; its progress fills its share (`weights[part]`, e.g. the bytes of its files) after the shares
    before it. Forty photos stored one by one showed "100%" forty times; now the bar runs once."""

    def __init__(self, sink: ProgressSink, weights: list[int]) -> None:
        self._sink, self._weights = sink, [max(weight, 1) for weight in weights]
        self._total = sum(self._weights)
        self._offset, self._share = 0, self._weights[0] if self._weights else 1

    @classmethod
    def over_files(cls, sink: ProgressSink, parts: Sequence[Sequence[Path]]) -> SharedProgress:
        """Shares by the bytes of each part's files (a file that cannot be read counts 0: the store says why)."""
        def size(path: Path) -> int:
            try:
                return path.stat().st_size
            except OSError:
                return 0

        return cls(sink, [sum(size(path) for path in files) for files in parts])

    def start(self, part: int) -> None:
        self._offset, self._share = sum(self._weights[:part]), self._weights[part]

    def update(self, done: int, total: int, message: Message | None = None) -> None:
        filled = self._share * min(done, total) // total if total > 0 else 0
        self._sink.update(self._offset + filled, self._total, message)


def run_with_progress(jobs: JobRunner, parent: QWidget, title: str, language: str,
                      work: Callable[[LatestProgress, CancelToken], T], on_success: Callable[[T], object],
                      on_failure: Callable[[BaseException], object]) -> None:
    """Run `work(progress, cancel)` as a cancellable job behind a PolledProgressDialog titled `title` over `parent`;
    the dialog closes before `on_success(result)` or `on_failure(error)` runs."""
    progress, cancel = LatestProgress(), CancelToken()
    dialog = PolledProgressDialog(title, progress, cancel, language, parent)
    jobs.run(lambda: work(progress, cancel), dialog.then(on_success), dialog.then(on_failure), cancel=cancel)
