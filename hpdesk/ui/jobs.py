"""JobRunner: run service calls off the UI thread and deliver their results on it (Anki's QueryOp/CollectionOp idea).

Everything that writes the database goes through one QThreadPool with a single thread, because SQLite has a single
write lock. A worker emits `_succeeded`/`_failed` on this QObject, which lives on the UI thread; Qt queues those
signals, so the registered callbacks always run on the UI thread. `job_finished(job_id)` fires after the callback.
In `immediate` mode (tests) the work runs synchronously.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, runner: JobRunner, job_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._runner, self._job_id, self._work = runner, job_id, work

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # delivered to on_failure; nothing is swallowed
            self._runner._failed.emit(self._job_id, error)
        else:
            self._runner._succeeded.emit(self._job_id, result)


class JobRunner(QObject):
    job_finished = Signal(int)
    _succeeded = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None, *, immediate: bool = False) -> None:
        super().__init__(parent)
        self._immediate = immediate
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]] = {}
        self._succeeded.connect(self._on_succeeded)
        self._failed.connect(self._on_failed)

    def run(self, work: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None]) -> int:
        """Run `work()` on the worker thread; `on_success(result)` or `on_failure(error)` runs on the UI thread."""
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_success, on_failure)
        job = _Job(self, job_id, work)
        if self._immediate:
            job.run()
        else:
            self._pool.start(job)
        return job_id

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, result: object) -> None:
        on_success, _ = self._callbacks.pop(job_id)
        try:
            on_success(result)
        finally:
            self.job_finished.emit(job_id)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: object) -> None:
        _, on_failure = self._callbacks.pop(job_id)
        try:
            on_failure(error)  # type: ignore[arg-type]
        finally:
            self.job_finished.emit(job_id)

    def shutdown(self) -> None:
        """Wait for running work (called from aboutToQuit)."""
        self._pool.waitForDone()
