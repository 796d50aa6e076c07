"""Content-addressed file store: every file is kept once, as `blobs/ab/<sha256>`, and can be verified.

Writes stream through a temporary file in the blob folder (never whole in memory), are fsynced, and are moved into
place with `os.replace` only when complete, so a crash leaves at most a `*.part` file that `check` recognises and
`sweep_partials` removes. The database row pointing at a blob is committed *after* the blob exists; a blob without
a row (a crash between the two) is an orphan that `check` reports as explainable and `sweep_orphans` can remove.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

CHUNK_SIZE = 1024 * 1024
_VERIFY_BATCH = 64  # blobs per thread-pool task: small blobs cost less than a task each, large ones still spread
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation


class SourceVanished(Exception):
    """The file being added disappeared or became unreadable while it was read."""


class BlobTooLarge(ValueError):
    """The stream yielded more than `limit` bytes; nothing was kept. A ValueError, as `add_stream` always raised."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"file larger than {limit} bytes")


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    already_present: bool


@dataclass(frozen=True)
class BlobProblem:
    sha256: str
    problem: str  # "missing" | "corrupt" | "orphan" | "partial"


class AttachmentStore:
    """Blobs under `root` (the workspace's `blobs/` folder)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def add_stream(self, stream: BinaryIO, *, max_size: int | None = None) -> StoredBlob:
        """Store what `stream` yields; returns its hash and size. Raises BlobTooLarge past `max_size` bytes.

        A temp file in the target folder makes the final `os.replace` atomic (same file system).
        """
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        handle, temp_name = tempfile.mkstemp(prefix="incoming-", suffix=".part", dir=self.root)
        temp_path = Path(temp_name)
        try:
            with os.fdopen(handle, "wb") as temp_file:
                while True:
                    try:
                        chunk = stream.read(CHUNK_SIZE)
                    except OSError as error:
                        raise SourceVanished(str(error)) from error
                    if not chunk:
                        break
                    size += len(chunk)
                    if max_size is not None and size > max_size:
                        raise BlobTooLarge(max_size)
                    digest.update(chunk)
                    temp_file.write(chunk)
                temp_file.flush()
                os.fsync(temp_file.fileno())
            sha256 = digest.hexdigest()
            final_path = self.path_for(sha256)
            if final_path.is_file() and final_path.stat().st_size == size:
                temp_path.unlink()
                return StoredBlob(sha256, size, already_present=True)
            final_path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temp_path, final_path)
            fsync_directory(final_path.parent)
            return StoredBlob(sha256, size, already_present=False)
        except BaseException:
            temp_path.unlink(missing_ok=True)
            raise

    def add_file(self, source: Path, *, max_size: int | None = None) -> StoredBlob:
        """Store a file from disk. Raises SourceVanished if it disappears before or while it is read."""
        try:
            stream = open(source, "rb")
        except FileNotFoundError as error:
            raise SourceVanished(str(error)) from error
        with stream:
            return self.add_stream(stream, max_size=max_size)

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path_for(sha256), "rb")

    def stored_hashes(self) -> Iterator[str]:
        """Every blob name on disk (ignores partial files)."""
        yield from sorted(self._listing()[0])

    def _listing(self) -> tuple[set[str], list[str]]:
        """(blob names, partial file names) on disk, in one pass over the store (no per-blob stat: `check` needs the
        set once, to find missing blobs and orphans, instead of asking the file system 50,000 times)."""
        names: set[str] = set()
        partials: list[str] = []
        if not self.root.is_dir():
            return names, partials
        with os.scandir(self.root) as entries:
            for entry in entries:
                if len(entry.name) == 2 and entry.is_dir():
                    with os.scandir(entry.path) as blobs:
                        names.update(filter(_SHA256.match, [blob.name for blob in blobs]))
                elif entry.name.startswith("incoming-") and entry.name.endswith(".part"):
                    partials.append(entry.name)
        return names, sorted(partials)

    def verify(self, known: Iterable[tuple[str, int]], *, progress=None, cancel=None,
               total: int | None = None, workers: int | None = None) -> list[BlobProblem]:
        """Compare the database's (sha256, size) pairs with the files, both ways, re-hashing every blob.

        `known` is read once, as it comes (a streamed query result is never held whole), and the store is listed
        once. Blobs are re-hashed on `workers` threads beside this one (default: one per core but one, at most four:
        hashlib releases the GIL while it hashes and the reads release it too, but each blob still needs the GIL
        between its system calls, and `check` runs SQLite's integrity check on a core of its own meanwhile; on 2
        busy cores two hashing threads took 5.2 s where one took 3.9). Problems come in the order of `known`, then
        orphans and partial files. `total` is the progress denominator (default: len(known) when it has one).
        """
        if total is None and isinstance(known, Sized):
            total = len(known)
        on_disk, partials = self._listing()
        known_hashes: set[str] = set()
        problems: list[BlobProblem] = []
        workers = workers or max(1, min(4, (os.cpu_count() or 1) - 1))
        pending: deque[Future[list[BlobProblem]]] = deque()
        rows = iter(known)
        prefix = os.path.join(self.root, "")
        done = 0

        def collect_oldest() -> None:
            problems.extend(pending.popleft().result())
            if cancel is not None:
                cancel.raise_if_cancelled()

        # The hashing threads need the GIL for a moment between each system call and hash; this thread keeps its
        # share small (slices and set updates in C, no per-row Python here) so they rarely wait for it.
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="blob-check") as pool:
            try:
                while batch := list(islice(rows, _VERIFY_BATCH)):
                    known_hashes.update(map(itemgetter(0), batch))
                    pending.append(pool.submit(_verify_batch, prefix, batch, on_disk))
                    if len(pending) > 2 * workers:  # bounded: rows are streamed, not all queued at once
                        collect_oldest()
                    done += len(batch)
                    if progress is not None:
                        progress.update(done, total if total is not None else done)  # the caller named the step
                while pending:
                    collect_oldest()
            except BaseException:
                for future in pending:
                    future.cancel()
                raise
        problems.extend(BlobProblem(sha256, "orphan") for sha256 in sorted(on_disk - known_hashes))
        problems.extend(BlobProblem(name, "partial") for name in partials)
        return problems

    def sweep_partials(self) -> int:
        """Remove temp files left by a crash while adding. Only safe while this process holds the workspace lock."""
        partials = list(self.root.glob("incoming-*.part"))
        for partial in partials:
            partial.unlink(missing_ok=True)
        return len(partials)

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)


def _verify_batch(prefix: str, batch: list[tuple[str, int]], on_disk: set[str]) -> list[BlobProblem]:
    """The problems among `batch`: first the blobs the listing did not find ("missing"), then those listed that
    are corrupt (or missing if they vanished since), in the order given. `prefix` is the store's folder with a
    separator: a path built by string concatenation costs a fraction of two pathlib joins, 50,000 times."""
    problems = [BlobProblem(sha256, "missing") for sha256, _size in batch if sha256 not in on_disk]
    for sha256, size in batch:
        if sha256 in on_disk:
            problem = _blob_problem(f"{prefix}{sha256[:2]}{os.sep}{sha256}", sha256, size)
            if problem is not None:
                problems.append(BlobProblem(sha256, problem))
    return problems


def _blob_problem(path: str, sha256: str, size: int) -> str | None:
    """"missing", "corrupt" or None. Plain os.open/os.read: for the typical 10 KB blob a file object's set-up
    (buffer, fstat, seek) costs more than hashing it, and this runs 50,000 times."""
    try:
        fd = os.open(path, os.O_RDONLY | _O_BINARY)
    except FileNotFoundError:
        return "missing"
    except IsADirectoryError:
        return "corrupt"
    try:
        digest = hashlib.sha256()
        read = 0
        while chunk := os.read(fd, min(CHUNK_SIZE, size - read + 1)):  # one byte more: a grown file shows
            read += len(chunk)
            if read > size:
                return "corrupt"
            digest.update(chunk)
    except IsADirectoryError:
        return "corrupt"
    finally:
        os.close(fd)
    return None if read == size and digest.hexdigest() == sha256 else "corrupt"


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, read a chunk at a time."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def fsync_directory(directory: Path) -> None:
    """Make the rename durable on POSIX; Windows has no directory handles to fsync."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
