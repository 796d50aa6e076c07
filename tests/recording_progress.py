"""A ProgressSink that keeps every update, for tests of long service calls (hpdesk.services.progress)."""

from __future__ import annotations

from hpdesk.domain.messages import Message


class RecordingProgress:
    def __init__(self) -> None:
        self.updates: list[tuple[int, int, Message | None]] = []

    def update(self, done: int, total: int, message: Message | None = None) -> None:
        self.updates.append((done, total, message))
