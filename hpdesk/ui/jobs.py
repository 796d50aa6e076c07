"""JobRunner: run service calls off the UI thread and deliver their results on it (Anki's QueryOp/CollectionOp idea).

Everything that touches the database goes through one QThreadPool with a single thread, because SQLite has a single
write lock (reads queue behind writes, which also keeps their results in order). A worker emits `_succeeded` /
`_failed` on this QObject, which lives on the UI thread; Qt queues those signals, so the registered callbacks always
run on the UI thread. `job_finished(job_id)` fires after the callback, and `busy_changed(bool)` when the runner
starts or stops having work — `quiet` jobs (the shared workspace's change poll) do not count, so a poll every few
seconds does not flash "Working…". In `immediate` mode (tests) the work runs synchronously inside `run`.

Failures are never swallowed: without an `on_failure`, the error goes to `error_handler` (the main window shows it
through UserPrompts) and the traceback to the log. A cancelled job (OperationCancelled) is logged, not shown.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.services.progress import CancelToken

log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, runner: JobRunner, job_id: int, work: Callable[[], Any]) -> None:
        super().__init__()
        self._runner, self._job_id, self._work = runner, job_id, work

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # delivered to on_failure on the UI thread; nothing is swallowed
            self._runner._failed.emit(self._job_id, error)
        else:
            self._runner._succeeded.emit(self._job_id, result)


class Newest:
    """A view's loads, of which only the newest is shown: the answer to a load that a later one (another period,
    task, filter or search) has overtaken is dropped."""

    def __init__(self) -> None:
        self._count = 0

    def then(self, handler: Callable[..., object]) -> Callable[..., None]:
        """Start a load: the callback returned calls `handler` with the job's result unless a later load started."""
        self._count += 1
        number = self._count

        def deliver(*result: Any) -> None:
            if number == self._count:
                handler(*result)
        return deliver


class JobRunner(QObject):
    job_finished = Signal(int)
    busy_changed = Signal(bool)
    _succeeded = Signal(int, object)
    _failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None, *, immediate: bool = False) -> None:
        super().__init__(parent)
        self._immediate = immediate
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None] | None]] = {}
        self._tokens: dict[int, CancelToken] = {}
        self._quiet: set[int] = set()
        self.error_handler: Callable[[BaseException], None] | None = None
        self._succeeded.connect(self._on_succeeded)
        self._failed.connect(self._on_failed)

    def run(self, work: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None] | None = None, *, cancel: CancelToken | None = None,
            quiet: bool = False) -> int:
        """Run `work()` on the worker thread; `on_success(result)` or `on_failure(error)` runs on the UI thread.

        `cancel` is cancelled by `shutdown()`, so a long job stops when the app quits. A `quiet` job leaves `busy`
        (and the status bar's "Working…") alone.
        """
        job_id = next(self._ids)
        was_busy = self.busy
        self._callbacks[job_id] = (on_success, on_failure)
        if quiet:
            self._quiet.add(job_id)
        if cancel is not None:
            self._tokens[job_id] = cancel
        if not was_busy and not quiet:
            self.busy_changed.emit(True)
        job = _Job(self, job_id, work)
        if self._immediate:
            job.run()
        else:
            self._pool.start(job)
        return job_id

    @property
    def busy(self) -> bool:
        return any(job_id not in self._quiet for job_id in self._callbacks)

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, result: object) -> None:
        on_success, _ = self._callbacks.pop(job_id)
        self._tokens.pop(job_id, None)
        try:
            on_success(result)
        finally:
            self._after(job_id)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: object) -> None:
        _, on_failure = self._callbacks.pop(job_id)
        self._tokens.pop(job_id, None)
        assert isinstance(error, BaseException)
        try:
            if isinstance(error, OperationCancelled):
                log.info("job %d cancelled", job_id)
            elif not isinstance(error, UserError):
                log.error("job %d failed", job_id, exc_info=(type(error), error, error.__traceback__))
            if on_failure is not None:
                on_failure(error)
            elif not isinstance(error, OperationCancelled) and self.error_handler is not None:
                self.error_handler(error)
        finally:
            self._after(job_id)

    def _after(self, job_id: int) -> None:
        quiet = job_id in self._quiet
        self._quiet.discard(job_id)
        self.job_finished.emit(job_id)
        if not quiet and not self.busy:
            self.busy_changed.emit(False)

    def shutdown(self) -> None:
        """Cancel what can be cancelled and wait for running work (connected to aboutToQuit)."""
        for token in list(self._tokens.values()):
            token.cancel()
        self._pool.waitForDone()
