"""An exclusive, OS-level lock on a workspace so that a second hpdesk process cannot write to it.

The OS releases the lock when the process dies, so a crash never leaves a stale lock behind. The lock file also
records the holder's pid and host for the message the second process shows.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from io import BufferedRandom
from pathlib import Path

# sys.platform rather than os.name: mypy checks only the branch of the platform it runs on.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt
else:
    import fcntl


class WorkspaceBusy(Exception):
    """Another process holds the workspace; `holder` is what it wrote into the lock file (may be empty)."""

    def __init__(self, holder: dict) -> None:
        self.holder = holder
        super().__init__(f"workspace locked by {holder}")


class LockFileIsALink(Exception):
    """The lock file is a symbolic link (planted, or copied in by a careless tool); it was left untouched."""


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has none; links there need privileges to create


class WorkspaceLock:
    """Held between `acquire()` and `release()`."""

    def __init__(self, lock_file: Path) -> None:
        self.lock_file = lock_file
        self._handle: BufferedRandom | None = None

    def acquire(self) -> None:
        """Lock, or raise WorkspaceBusy. Raises LockFileIsALink when `lock_file` is a symbolic link: it is never
        followed, so a link planted there cannot make us truncate and overwrite a file elsewhere."""
        try:
            descriptor = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
        except OSError as error:
            if self.lock_file.is_symlink():
                raise LockFileIsALink(str(self.lock_file)) from None
            raise error
        handle = os.fdopen(descriptor, "r+b")
        try:
            if sys.platform == "win32":  # pragma: no cover
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            raw = handle.read()
            handle.close()
            try:
                holder = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                holder = {}
            raise WorkspaceBusy(holder) from None
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode("utf-8"))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases flock / msvcrt locks
            self._handle = None
