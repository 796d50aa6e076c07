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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK_SIZE = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


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
            _fsync_directory(final_path.parent)
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

    def hash_of_stored(self, sha256: str) -> str:
        digest = hashlib.sha256()
        with self.open(sha256) as stream:
            for chunk in iter(lambda: stream.read(CHUNK_SIZE), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def stored_hashes(self) -> Iterator[str]:
        """Every blob name on disk (ignores partial files)."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and len(folder.name) == 2:
                for blob in sorted(folder.iterdir()):
                    if _SHA256.match(blob.name):
                        yield blob.name

    def partial_files(self) -> list[Path]:
        if not self.root.is_dir():
            return []
        return sorted(self.root.glob("incoming-*.part"))

    def verify(self, known: Iterable[tuple[str, int]], *, progress=None, cancel=None) -> list[BlobProblem]:  # type: ignore[no-untyped-def]
        """Compare the database's (sha256, size) list with the files, both ways, re-hashing every blob."""
        problems: list[BlobProblem] = []
        known_list = list(known)
        known_hashes = {sha for sha, _size in known_list}
        for index, (sha256, size) in enumerate(known_list):
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None and index % 50 == 0:
                progress.update(index, len(known_list), sha256[:12])
            path = self.path_for(sha256)
            if not path.is_file():
                problems.append(BlobProblem(sha256, "missing"))
            elif path.stat().st_size != size or self.hash_of_stored(sha256) != sha256:
                problems.append(BlobProblem(sha256, "corrupt"))
        for sha256 in self.stored_hashes():
            if sha256 not in known_hashes:
                problems.append(BlobProblem(sha256, "orphan"))
        for partial in self.partial_files():
            problems.append(BlobProblem(partial.name, "partial"))
        return problems

    def sweep_partials(self) -> int:
        """Remove temp files left by a crash while adding. Only safe while this process holds the workspace lock."""
        removed = 0
        for partial in self.partial_files():
            partial.unlink(missing_ok=True)
            removed += 1
        return removed

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable on POSIX; Windows has no directory handles to fsync."""
    if os.name == "nt":  # pragma: no cover
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
