"""Content-addressed file store: every file is kept once, as `blobs/ab/<sha256>`, and can be verified.

Writes stream through a temporary file in the blob folder (never whole in memory), are fsynced, and are moved into
place with `os.replace` only when complete, so a crash leaves at most a `*.part` file that `check` recognises and
`sweep_partials` removes. The database row pointing at a blob is committed *after* the blob exists; a blob without
a row (a crash between the two) is an orphan that `check` reports as explainable and `sweep_orphans` can remove.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

CHUNK_SIZE = 1024 * 1024
_EARLY_CHUNK = 64 * 1024  # BlobDigests' reads: below malloc's mmap threshold, so a 10 KB blob costs no mmap/munmap
_VERIFY_BATCH = 64  # blobs per thread-pool task: small blobs cost less than a task each, large ones still spread
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
# How check opens a blob to hash it: never through a link (a link to /dev/zero was read without end) and never
# waiting (a FIFO's open blocked for ever); such a file reads as no blob's bytes, so it is judged corrupt or ignored.
_O_BLOB_READ = os.O_RDONLY | _O_BINARY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
# what opening or reading such a thing gives: a folder, a link (ELOOP), a FIFO with a writer but no data (EAGAIN)
_NOT_A_BLOB = frozenset({errno.EISDIR, errno.ELOOP, errno.EAGAIN})


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
        for folder in _blob_folders(self.root, partials):
            names.update(_blob_names(folder))
        return names, sorted(partials)

    def verify(self, known: Iterable[tuple[str, int]], *, progress=None, cancel=None,
               total: int | None = None, workers: int | None = None,
               digests: BlobDigests | None = None) -> list[BlobProblem]:
        """Compare the database's (sha256, size) pairs with the files, both ways, re-hashing every blob.

        `digests`, begun on this store before the workspace was opened (see BlobDigests), is waited for and spares
        re-hashing the blobs it found sound with the row's size; every other blob, and every problem, is decided
        here as before. Nothing else changes: the store is still listed here (after the open), so what exists,
        what is missing and what is an orphan is judged on the store as it is now.

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
        workers = workers or _hashing_threads()
        # the blobs hashed already, sound, of this size and still there: a row among them is settled
        settled = digests.sound(self.root) if digests is not None else {}
        for gone in settled.keys() - on_disk:
            del settled[gone]
        is_settled = settled.items().__contains__  # (name, size) in it: one dict lookup, in C
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
                    if not all(map(is_settled, batch)):  # in C: no per-row Python for a batch all settled
                        unsettled = [row for row in batch if not is_settled(row)] if settled else batch
                        pending.append(pool.submit(_verify_batch, prefix, unsettled, on_disk))
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


class BlobDigests:
    """Every blob of a store hashed from the moment this is made: `hpdesk check` makes it before it imports the
    services and opens the workspace, so the hashing runs beside that start-up instead of after it.

    Where it can (Linux, and no other thread in this process yet: `hpdesk check` makes it first thing) the hashing
    runs in a forked child process (_ForkedHashing). Threads share this process's GIL with the import of SQLAlchemy,
    which holds it almost all the time, and each 10 KB blob needs the GIL between its system calls: on 2 cores
    the hashing thread mostly waited. Elsewhere (Windows), or when `in_child` is False, it runs on worker threads.

    Begun before the workspace is opened (services/blob_digests.py holds its lock meanwhile), the findings only ever
    spare work: `sound` gives the blobs whose bytes hashed to their name, with their size, and `AttachmentStore.verify`
    re-hashes every blob not among them (damaged, missing, added since, or of another size than its row) and lists
    the store itself, so every problem it reports is found on the store as it is then. If the store's folder is not
    the same folder any more (a restore swapped it in), nothing of it is used. `close()` stops the hashing (a failed
    open, Ctrl-C) and must always be called.
    """

    def __init__(self, root: Path, workers: int | None = None, *, in_child: bool | None = None) -> None:
        self.root = root  # resolved: the folder's identity is taken here and the blobs read by this path
        self._stopped = threading.Event()
        try:
            self._identity: tuple[int, int] | None = _folder_identity(root)
            folders = _blob_folders(root, [])
        except OSError:  # no store yet: nothing to hash
            self._identity, folders = None, []
        self.in_child = bool(folders) and (_may_fork() if in_child is None else in_child)
        self._child = _ForkedHashing(folders) if self.in_child else None
        self._threads = _FolderHashing([] if self.in_child else folders, workers or _hashing_threads(),
                                       self._stopped.is_set)

    def sound(self, root: Path) -> dict[str, int]:
        """{name: size} of every blob that hashed to its name, once all are hashed; empty when `root` is not the
        folder this hashed (another folder, or the folder was replaced since)."""
        found = self._threads.found() if self._child is None else self._child.found()
        try:
            same = self._identity is not None and _folder_identity(root) == self._identity
        except OSError:
            same = False
        return found if same and found is not None else {}

    def close(self) -> None:
        """Stop hashing and wait for the threads (each stops after the blob it is reading) or the child."""
        self._stopped.set()
        if self._child is not None:
            self._child.stop()
        self._threads.found()


class _FolderHashing:
    """The blobs of `folders` hashed on up to `count` threads from now on, sharing one iterator over the folders,
    each keeping what it found: no task or future per folder or batch, and found() wakes once, when they are done
    (a thread pool's per-batch hand-overs cost a tenth of the hashing's CPU time on 50,000 blobs)."""

    def __init__(self, folders: list[str], count: int, stopped: Callable[[], bool]) -> None:
        remaining = iter(folders)
        self._failed = False
        self._found: list[dict[str, int]] = [{} for _ in range(min(count, len(folders)))]
        self._threads = [threading.Thread(target=self._hash, args=(remaining, found, stopped),
                                          name=f"blob-digest-{index}", daemon=True)
                         for index, found in enumerate(self._found)]
        for thread in self._threads:
            thread.start()

    def _hash(self, remaining: Iterator[str], found: dict[str, int], stopped: Callable[[], bool]) -> None:
        try:
            for folder in remaining:
                if not _sound_blobs_of(folder, found, stopped):
                    return
        except OSError:  # a folder that cannot be listed: verify's own listing meets the same error, as before
            self._failed = True

    def found(self) -> dict[str, int] | None:
        """{name: size} of the sound blobs once every thread is done; None if a folder could not be listed."""
        for thread in self._threads:
            thread.join()
        if self._failed:
            return None
        return {name: size for findings in self._found for name, size in findings.items()}


class _ForkedHashing:
    """The blobs of `folders` hashed in a forked child process, which has an interpreter and a GIL of its own; it
    writes a line "<sha256> <size>" for each blob that hashed to its name, and this process reads them on a thread.

    The child closes every file it inherited but its pipe, and says so before this returns: the workspace lock is an
    flock, which lives as long as any handle to it, so a child keeping one would keep the workspace locked after
    this process let it go. It leaves through os._exit (none of this process's clean-up runs twice) with status 0
    only when every folder was listed and hashed; anything else (an unreadable folder, a kill) makes `found()` None,
    as a failed thread does."""

    def __init__(self, folders: list[str]) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except BaseException:
            os.close(read_end)
            os.close(write_end)
            raise
        if pid == 0:  # the child
            status = 1
            try:
                _close_inherited_files(keep=write_end)
                os.write(write_end, _CHILD_READY)
                _write_sound_blobs(folders, write_end)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid: int | None = pid
        self._status = 1
        self._output: list[bytes] = []
        try:
            # Wait (a millisecond) until the child has closed what it inherited: the caller lets the lock go next.
            os.read(read_end, len(_CHILD_READY))  # b"" if the child failed first: found() then says so
            self._reader = threading.Thread(target=self._read, args=(read_end,), name="blob-digest-reader",
                                            daemon=True)
            self._reader.start()
        except BaseException:  # Ctrl-C, no thread to be had: no child left behind, no descriptor either
            os.close(read_end)
            self._kill()
            self._wait()
            raise

    def _read(self, fd: int) -> None:
        try:
            while chunk := os.read(fd, CHUNK_SIZE):
                self._output.append(chunk)
        finally:
            os.close(fd)

    def found(self) -> dict[str, int] | None:
        """{sha256: size} of the sound blobs once the child is done; None if it failed or was stopped."""
        self._reader.join()
        if self._wait() != 0:
            return None
        pairs = (line.split(b" ") for line in b"".join(self._output).splitlines())
        return {name.decode("ascii"): int(size) for name, size in pairs}

    def stop(self) -> None:
        self._kill()
        self._reader.join()
        self._wait()

    def _kill(self) -> None:
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)  # it only reads: nothing is left half-done
            except ProcessLookupError:
                pass

    def _wait(self) -> int:
        if self._pid is not None:
            _pid, status = os.waitpid(self._pid, 0)
            self._pid, self._status = None, os.waitstatus_to_exitcode(status)
        return self._status


_CHILD_READY = b"+"


def _sound_blobs_of(folder: str, found: dict[str, int], stopped: Callable[[], bool]) -> bool:
    """Note in `found` {name: size} of the files of the two-letter `folder` that hash to their name and belong in
    it (a blob's folder is its name's first two letters: one copied into another folder is not where the store
    looks, so verify must still find it missing). Every name is hashed, not only digests (filtering costs half the
    listing): another file never hashes to its name; an empty file is left to verify. False if `stopped()` said so
    before the end."""
    prefix, belongs = os.path.join(folder, ""), os.path.basename(folder)
    for name in os.listdir(folder):
        if stopped():
            return False
        if name.startswith(belongs) and (size := _sound_size(prefix + name, name)):
            found[name] = size
    return True


def _write_sound_blobs(folders: list[str], fd: int) -> None:
    """In the child: hash `folders` on as many threads as the parent would (their reads and hashes release the GIL,
    and nothing else runs in this process), then write "<sha256> <size>\n" to `fd` for each sound blob. Stops, with
    an error, if a folder cannot be listed or the parent is gone (it was killed: nobody will read the result)."""
    parent = os.getppid()
    found = _FolderHashing(folders, _hashing_threads(), lambda: os.getppid() != parent).found()
    if found is None or os.getppid() != parent:
        raise OSError("a blob folder could not be listed, or the parent process is gone")
    data = memoryview("".join(f"{name} {size}\n" for name, size in found.items()).encode("ascii"))
    while data:
        data = data[os.write(fd, data):]


def _may_fork() -> bool:
    """Linux, and this process has no other thread yet, native ones included (/proc/self/task lists them all): a
    child forked beside another thread could inherit a lock that thread held (OpenSSL's, the allocator's) and hang."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # not Linux
        return False


def _close_inherited_files(keep: int) -> None:
    """In the child: point stdin, stdout and stderr at the null device (a caller reading the command's output must
    not wait for the child as well) and close every other file descriptor but `keep`, those Linux lists in
    /proc/self/fd (a closerange up to the limit could be a million close calls), else up to the limit."""
    null = os.open(os.devnull, os.O_RDWR)
    for standard in (0, 1, 2):
        os.dup2(null, standard)
    os.close(null)
    try:
        descriptors = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        os.closerange(3, keep)
        os.closerange(keep + 1, int(os.sysconf("SC_OPEN_MAX")))
        return
    for fd in descriptors:
        if fd > 2 and fd != keep:
            try:
                os.close(fd)
            except OSError:  # the listing's own descriptor, closed already
                pass


def _hashing_threads() -> int:
    """One thread per core but one, at most four: the other core is the one `check` imports the services on,
    opens the workspace and checks the database (on 2 cores a second hashing thread only slowed that chain)."""
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def _folder_identity(folder: Path) -> tuple[int, int]:
    status = os.stat(folder)
    return status.st_dev, status.st_ino


def _blob_folders(root: Path, partials: list[str]) -> list[str]:
    """The paths of the two-letter folders of the store at `root` (none if there is no store); the names of partial
    files in `root` itself are appended to `partials`."""
    folders: list[str] = []
    if not root.is_dir():
        return folders
    with os.scandir(root) as entries:
        for entry in entries:
            if len(entry.name) == 2 and entry.is_dir():
                folders.append(entry.path)
            elif entry.name.startswith("incoming-") and entry.name.endswith(".part"):
                partials.append(entry.name)
    return folders


def _blob_names(folder: str) -> list[str]:
    """The names in a two-letter folder that are SHA-256 digests (anything else there is not a blob)."""
    with os.scandir(folder) as blobs:
        return list(filter(_SHA256.match, [blob.name for blob in blobs]))


def _sound_size(path: str, sha256: str) -> int:
    """The file's size if its bytes hash to `sha256`, else 0 (also when it cannot be read). Read until a short read
    (the end of a regular file), without asking the size first: on 50,000 blobs of 10 KB an fstat and a second
    read to see the end cost a sixth of the hashing's CPU time. A result is a hint verify trusts only for a blob
    whose row has this size, so a file growing meanwhile can make it wrong only as a later change would."""
    try:
        fd = os.open(path, _O_BLOB_READ)
    except OSError:
        return 0
    digest = hashlib.sha256()
    size = 0
    try:
        while True:
            chunk = os.read(fd, _EARLY_CHUNK)
            digest.update(chunk)
            size += len(chunk)
            if len(chunk) < _EARLY_CHUNK:
                break
    except OSError:  # a folder where a blob should be, a read error
        return 0
    finally:
        os.close(fd)
    return size if digest.hexdigest() == sha256 else 0


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
        fd = os.open(path, _O_BLOB_READ)
    except FileNotFoundError:
        return "missing"
    except OSError as error:
        if error.errno in _NOT_A_BLOB:
            return "corrupt"
        raise
    try:
        return None if _digest_of_size(fd, size) == sha256 else "corrupt"
    except OSError as error:
        if error.errno in _NOT_A_BLOB:
            return "corrupt"
        raise
    finally:
        os.close(fd)


def _digest_of_size(fd: int, size: int) -> str | None:
    """The hex SHA-256 of what `fd` reads if that is exactly `size` bytes, else None. Reads at most `size` + 1
    bytes: one byte more shows a file that grew, and a huge file named for a small blob is not read whole."""
    digest = hashlib.sha256()
    read = 0
    while chunk := os.read(fd, min(CHUNK_SIZE, size - read + 1)):
        read += len(chunk)
        if read > size:
            return None
        digest.update(chunk)
    return digest.hexdigest() if read == size else None


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
