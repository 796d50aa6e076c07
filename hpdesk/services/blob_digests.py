"""The first step of `hpdesk check`, importable before the rest of the services: the workspace's blob store is
hashed while the command still imports SQLAlchemy and the records and opens the workspace, a third of the command's
time on 50,000 blobs (storage/attachment_store.BlobDigests says why the findings stay exact). This module imports the
standard library and storage modules that do not import SQLAlchemy."""

from __future__ import annotations

from pathlib import Path

from hpdesk.storage.attachment_store import BlobDigests
from hpdesk.storage.swap_journal import has_interrupted_swap
from hpdesk.storage.workspace_lock import LockFileIsALink, WorkspaceBusy, WorkspaceLock

# services/workspace.py names them too; importing it would import SQLAlchemy (a test checks they agree)
DATABASE_FILE = "hpdesk.sqlite"
LOCK_FILE = "workspace.lock"


class EarlyBlobCheck:
    """Hashing of the blobs of the SQLite workspace at `workspace_root`, begun now and only while this process holds
    the workspace's lock: no other hpdesk process can be writing, removing or swapping blobs meanwhile (on Windows a
    blob held open for reading could not be removed or renamed). When the lock is taken, the workspace is not a
    local SQLite one, a restore is to be finished by the opening, or anything fails, nothing is hashed early and
    `digests` is None: the check then hashes every blob itself, as before.

    `hand_over()` releases the lock for the workspace's own opening, which takes it again at once (the hashing goes
    on through those few milliseconds); `close()` stops the hashing and releases the lock if still held, and must
    always be called."""

    def __init__(self, workspace_root: Path) -> None:
        self.digests: BlobDigests | None = None
        self._lock: WorkspaceLock | None = None
        root = workspace_root.expanduser().resolve()
        if not (root / DATABASE_FILE).is_file():  # not a workspace (nothing is created here) or a shared one
            return
        if has_interrupted_swap(root):  # opening finishes a restore that swaps the blob folder: on Windows a file
            return                      # held open inside it would make that rename fail
        lock = WorkspaceLock(root / LOCK_FILE)
        try:
            lock.acquire()
        except (WorkspaceBusy, LockFileIsALink, OSError):  # opening the workspace reports it
            return
        self._lock = lock
        try:
            self.digests = BlobDigests(root / "blobs")
        except (OSError, RuntimeError):  # no process, pipe or thread to be had: the check hashes every blob itself
            self.hand_over()

    def hand_over(self) -> None:
        """Release the workspace lock: the next step opens the workspace, which takes it."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def close(self) -> None:
        if self.digests is not None:
            self.digests.close()
        self.hand_over()
