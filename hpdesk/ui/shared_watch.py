"""What other clerks changed in a shared workspace (issue 17): a poll of the façade's change token on a timer.

Only a shared workspace (`shared_database()` is not None) is watched: on one PC nobody else writes. Every
`INTERVAL_MS` the token (the newest audit event's id, one indexed query) is read on the JobRunner's worker — never on
the UI thread, because a network database can stall — as a quiet job, so the status bar does not flash "Working…".
When it moved, the same job reads `changes_since(old)` and `others_changed` carries the other clerks' changes (own
changes move the token too but are already on screen, so they are not announced). One poll at a time: a poll that
is still queued behind a long job (an import) is not stacked up again.

A failed poll (the server unreachable) is announced once through `unreachable`, not as a dialog every few seconds;
the next successful poll clears it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from hpdesk.services.clerks import ChangeNotice
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.jobs import JobRunner

log = logging.getLogger(__name__)
INTERVAL_MS = 5000


class ChangeWatcher(QObject):
    others_changed = Signal(list)  # list[ChangeNotice], oldest first, never empty
    unreachable = Signal(bool)  # True when a poll failed, False when polls succeed again

    def __init__(self, services: AppServices, jobs: JobRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services, self.jobs = services, jobs
        self.token: int | None = None
        self._polling = False
        self._failed = False
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> bool:
        """Watch when the workspace is shared (returns whether it is); the first poll only takes the token."""
        if self.services.shared_database() is None:
            self.timer.stop()
            return False
        if not self.timer.isActive():
            self.timer.start()
            self.poll()
        return True

    def poll(self) -> None:
        """Read the token (and, when it moved, the others' changes since) on the worker."""
        if self._polling:
            return
        self._polling = True
        seen = self.token
        self.jobs.run(lambda: self._read(seen), self._on_read, self._on_failed, quiet=True)

    def _read(self, seen: int | None) -> tuple[int, list[ChangeNotice]]:
        """Runs on the worker: the current token and the other clerks' changes after `seen`."""
        token = self.services.change_token()
        if seen is None or token == seen:
            return token, []
        notices = self.services.changes_since(seen)
        # a change landing between the two reads is in `notices`: do not announce it twice next time
        return max([token, *(notice.event_id for notice in notices)]), notices

    def _on_read(self, result: tuple[int, list[ChangeNotice]]) -> None:
        self._polling = False
        if self._failed:
            self._failed = False
            self.unreachable.emit(False)
        self.token, notices = result
        if notices:
            self.others_changed.emit(notices)

    def _on_failed(self, error: BaseException) -> None:
        self._polling = False
        log.warning("polling the shared workspace for changes failed: %s", error)
        if not self._failed:
            self._failed = True
            self.unreachable.emit(True)
