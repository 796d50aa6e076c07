"""Progress reporting and cancellation for long service calls, without Qt.

A long service function takes `progress: ProgressSink | None` and `cancel: CancelToken | None`. The UI passes a
`LatestProgress` that a QTimer polls every 100 ms (Anki's model: no flood of signals, and services stay Qt-free);
tests pass a recording sink and a real `CancelToken`. A step is a catalogue code with parameters
(`domain.messages`), registered next to the service; the front end renders it in its own language.
"""

from __future__ import annotations

import threading
from typing import Protocol

from hpdesk.domain.errors import OperationCancelled
from hpdesk.domain.messages import Message, register_messages


class ProgressSink(Protocol):
    def update(self, done: int, total: int, message: Message | None = None) -> None:
        """`done` of `total` units; `message` names the step (None: the step goes on)."""


class CancelToken:
    """Set by the UI's Cancel button; checked by the worker between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise OperationCancelled()


class LatestProgress:
    """A ProgressSink that remembers only the newest update; safe to read from another thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: tuple[int, int, Message | None] = (0, 0, None)

    def update(self, done: int, total: int, message: Message | None = None) -> None:
        with self._lock:
            self._state = (done, total, message)

    def snapshot(self) -> tuple[int, int, Message | None]:
        with self._lock:
            return self._state


def report(progress: ProgressSink | None, done: int, total: int, step: str = "", /, **params: object) -> None:
    """Call `progress.update` when a sink was given, with the step's code and params as a Message ('' for none)."""
    if progress is not None:
        progress.update(done, total, Message.of(step, **params) if step else None)


register_messages({"progress_file": ("{file}", "{file}")})  # the step is the file being worked on


def check_cancelled(cancel: CancelToken | None) -> None:
    """Raise OperationCancelled when a token was given and set."""
    if cancel is not None:
        cancel.raise_if_cancelled()
