"""The submission package format: one zip holding a signed manifest and the files it lists.

Layout (all names UTF-8, forward slashes, no folder other than 佐证材料/):
    manifest.json        what the package is and every other file's name, size and SHA-256 (canonical JSON)
    manifest.json.p7s    detached CMS signature (DER) over manifest.json's exact bytes
    data.json            the frozen snapshot (PacketContent.canonical_bytes())
    <period>-报送表.xlsx  the city's table with the answers
    <period>-报送材料.pdf  the signed cover letter (报送函) and its attachments
    佐证材料/E001-<file>   the evidence files, byte for byte as stored, named by the number the PDF and the Excel
                         use (E001-1-…, E001-2-… when an item has several files)

A receiver trusts nothing but the manifest signature: every other member is checked against the manifest's hash,
and members the manifest does not list are an error (see verification.py). The zip around them is written in one
exact layout (every member stored, fixed headers), which the receiver rebuilds and compares (canonical_zip.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from hpdesk.storage.crash_points import crash_point

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.p7s"
DATA_NAME = "data.json"
MANIFEST_FORMAT = "hpdesk-submission-package/1"
CHUNK = 1024 * 1024
# Copying, hashing and checking members and the zip: a 256 KiB chunk stays in the core's cache while it is hashed,
# CRC-ed and written (1 MiB chunks do not: measured 10-20 % more CPU for the same bytes, writing and verifying).
HASH_CHUNK = 256 * 1024
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # fixed: the manifest, not the zip headers, says when it was made


@dataclass(frozen=True)
class PackageMember:
    """One file to put into the package: its name in the zip, its size and SHA-256, and how to read it.

    `sha256` None: not known yet; `write_signed_package` hashes the bytes it copies into the zip (the member is read
    once) and answers the member with its size and hash filled in."""

    name: str
    size: int
    sha256: str | None
    open: Callable[[], BinaryIO]

    def manifest_entry(self) -> dict[str, object]:
        if self.sha256 is None:
            raise ValueError(f"{self.name} has not been hashed yet")
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bytes_member(name: str, data: bytes) -> PackageMember:
    """A member held in memory, hashed when it is written (see `write_signed_package`)."""
    return PackageMember(name, len(data), None, lambda: io.BytesIO(data))


def file_member(name: str, path: Path, sha256: str | None = None) -> PackageMember:
    """A member read from `path`. With the known `sha256` (e.g. from the attachment store) the bytes are checked
    against it while they are copied into the zip; without it they are hashed then, and only then."""
    return PackageMember(name, path.stat().st_size, sha256, lambda: open(path, "rb"))


def manifest_bytes(header: dict[str, object], members: Iterable[PackageMember]) -> bytes:
    """Canonical manifest JSON: `header` plus a `files` list sorted by name."""
    manifest = {**header, "format": MANIFEST_FORMAT,
                "files": sorted((m.manifest_entry() for m in members), key=lambda entry: str(entry["name"]))}
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


class MemberChanged(Exception):
    """A member's bytes did not match the SHA-256 the manifest promises (the stored file changed or is damaged)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass(frozen=True)
class WrittenPackage:
    sha256: str  # of the zip file
    manifest: bytes
    signature: bytes
    members: list[PackageMember]  # as written: every size and SHA-256 known


def write_signed_package(out_path: Path, members: list[PackageMember], make_manifest: Callable[[list[PackageMember]], bytes],
                         sign: Callable[[bytes], bytes], *,
                         on_member: Callable[[int, int, str], None] | None = None) -> WrittenPackage:
    """Write the zip atomically (temporary file beside `out_path`, then os.replace) in one pass over the members.

    Each member is read once, as it is copied into the zip (zipfile takes its CRC-32); its SHA-256 (checked against the
    promised one, or taken for the first time) is computed on a second thread from its bytes as they are in the zip, a
    member behind the copy, so the manifest describes exactly what was written. Then `make_manifest(members as written)`
    gives the manifest, `sign` its detached signature, and both are added. They are stored after the members but listed
    first in the zip's directory, so every reader shows manifest.json, manifest.json.p7s, then the members. The zip's
    own SHA-256 is computed on a third thread while the zip is written (see _TrailingHasher). On two cores the copy and
    the two hashes overlap: measured, the writing thread's CPU time fell from 2.4x to 1.5x a SHA-256 of the package, the
    process's rose by 0.2x (the members' bytes are read back from the page cache once more).

    `on_member(done, total, name)` is called before each member (for progress and cancellation: an exception raised
    there aborts the write and removes the temporary file). Raises MemberChanged if a member's bytes differ from its
    promised hash.
    """
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".hpdesk-", suffix=".zip.part", dir=out_path.parent)
    os.close(handle)
    hasher = _TrailingHasher(Path(temporary))
    try:
        with zipfile.ZipFile(temporary, "w", allowZip64=True) as archive, open(temporary, "rb", buffering=0) as zipped:
            hashing = ThreadPoolExecutor(1, "member-hash")
            try:
                buffer = memoryview(bytearray(HASH_CHUNK))  # the hashing thread's, reused for every member
                copied: list[Future[PackageMember]] = []
                for index, member in enumerate(members):
                    if on_member is not None:
                        on_member(index, len(members), member.name)
                    for done in (future for future in copied if future.done()):
                        done.result()  # stop as soon as a member is known to have changed, waiting for none
                    size = _copy_member(archive, member)
                    archive.fp.flush()  # type: ignore[union-attr]  # the hashing threads read the file, not our buffer
                    end = archive.fp.tell()  # type: ignore[union-attr]
                    copied.append(hashing.submit(_hash_written, zipped, buffer, member, end - size, size))
                    hasher.final_up_to(end)  # every byte before here is final
                written = [future.result() for future in copied]
            finally:  # a cancelled or failed write does not wait for the members still queued to be hashed
                hashing.shutdown(cancel_futures=True)
            manifest = make_manifest(written)
            signature = sign(manifest)
            _write_entry(archive, MANIFEST_NAME, manifest)
            _write_entry(archive, SIGNATURE_NAME, signature)
            # The central directory lists the manifest and its signature first, as earlier versions wrote them.
            archive.filelist[:] = archive.filelist[-2:] + archive.filelist[:-2]
        digest = hasher.finish()
        make_shareable(Path(temporary))
        crash_point("export.package")  # the signed zip is complete as a .part file beside its final name
        os.replace(temporary, out_path)
    except BaseException:
        hasher.abandon()
        Path(temporary).unlink(missing_ok=True)
        raise
    return WrittenPackage(digest, manifest, signature, written)


class _TrailingHasher:
    """SHA-256 of a file that is being written, computed on its own thread a step behind the writer.

    zipfile goes back to fill in each member's local header once the member's bytes are written, so only the bytes
    before the current member's header are final: the writer says so with `final_up_to(offset)` after each member,
    the thread hashes up to there (hashlib releases the GIL, so this runs on another core while the next member is
    copied), and `finish()` hashes the rest once the file is closed. Each byte of the zip is read back once.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._digest = hashlib.sha256()
        self._final = 0
        self._closed = False
        self._stop = False
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="zip-hash", daemon=True)
        self._thread.start()

    def final_up_to(self, offset: int) -> None:
        with self._changed:
            self._final = max(self._final, offset)
            self._changed.notify()

    def finish(self) -> str:
        with self._changed:
            self._final = self._path.stat().st_size
            self._closed = True
            self._changed.notify()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._digest.hexdigest()

    def abandon(self) -> None:
        with self._changed:
            self._stop = True
            self._changed.notify()
        self._thread.join()

    def _run(self) -> None:
        try:
            # Unbuffered: a buffered reader would read ahead past `final` and keep bytes zipfile rewrites later.
            with open(self._path, "rb", buffering=0) as stream:
                buffer = memoryview(bytearray(HASH_CHUNK))  # one buffer reused: no allocation per chunk
                hashed = 0
                while True:
                    with self._changed:
                        while not self._stop and hashed >= self._final and not self._closed:
                            self._changed.wait()
                        if self._stop or (self._closed and hashed >= self._final):
                            return
                        final = self._final
                    while hashed < final:
                        read = stream.readinto(buffer[:min(HASH_CHUNK, final - hashed)])
                        if not read:
                            raise OSError(f"{self._path} ended at {hashed} bytes, before {final}")
                        self._digest.update(buffer[:read])
                        hashed += read
        except BaseException as error:  # handed to finish(), which raises it in the writer's thread
            self._error = error


def make_shareable(path: Path) -> None:
    """Give a finished output file the usual permissions (mkstemp creates it readable by its owner only)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def member_info(name: str) -> zipfile.ZipInfo:
    """Every member STORED, on every system alike: the one layout canonical_zip.py checks byte for byte. Stored,
    a member's bytes in the zip are its content, which the signed manifest authenticates; a deflate stream could
    decode to the same content from other bytes (and zlib builds differ in what they write)."""
    info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3  # zipfile says 0 on Windows: a package must not depend on the system that wrote it
    info.external_attr = 0o644 << 16
    return info


def _write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(member_info(name), data)


def _copy_member(archive: zipfile.ZipFile, member: PackageMember) -> int:
    """Copy the member into the zip (zipfile takes its CRC-32 on the way); answers how many bytes it has."""
    size = 0
    with member.open() as source, archive.open(member_info(member.name), "w", force_zip64=member.size > 2**31) as sink:
        for chunk in iter(lambda: source.read(HASH_CHUNK), b""):
            sink.write(chunk)
            size += len(chunk)
    return size


def _hash_written(zipped: io.FileIO, buffer: memoryview, member: PackageMember, start: int, size: int) -> PackageMember:
    """SHA-256 of the member's bytes as they are in the zip (bytes [start, start + size) of `zipped`)."""
    digest = hashlib.sha256()
    zipped.seek(start)
    left = size
    while left:
        read = zipped.readinto(buffer[:min(HASH_CHUNK, left)])
        if not read:
            raise OSError(f"{zipped.name} ended before {start + size}")
        digest.update(buffer[:read])
        left -= read
    sha256 = digest.hexdigest()
    if member.sha256 is not None and (sha256 != member.sha256 or size != member.size):
        raise MemberChanged(member.name)
    return PackageMember(member.name, size, sha256, member.open)
