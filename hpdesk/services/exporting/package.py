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
and members the manifest does not list are an error (see verification.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.p7s"
DATA_NAME = "data.json"
MANIFEST_FORMAT = "hpdesk-submission-package/1"
CHUNK = 1024 * 1024
ALREADY_COMPRESSED = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".mp3", ".m4a", ".zip",
                      ".xlsx", ".docx", ".pptx", ".rar", ".7z", ".pdf")
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # fixed: the manifest, not the zip headers, says when it was made


@dataclass(frozen=True)
class PackageMember:
    """One file to put into the package: its name in the zip, its size and SHA-256, and how to read it."""

    name: str
    size: int
    sha256: str
    open: Callable[[], BinaryIO]

    def manifest_entry(self) -> dict[str, object]:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def bytes_member(name: str, data: bytes) -> PackageMember:
    return PackageMember(name, len(data), hash_bytes(data), lambda: io.BytesIO(data))


def file_member(name: str, path: Path, sha256: str | None = None) -> PackageMember:
    """A member read from `path`; pass the known `sha256` (e.g. from the attachment store) to skip hashing now —
    the bytes are still checked against it while they are copied into the zip."""
    return PackageMember(name, path.stat().st_size, sha256 or hash_file(path), lambda: open(path, "rb"))


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


def write_package(out_path: Path, manifest: bytes, signature: bytes, members: list[PackageMember], *,
                  on_member: Callable[[int, int, str], None] | None = None) -> str:
    """Write the zip atomically (temporary file beside `out_path`, then os.replace); returns its SHA-256.

    `on_member(done, total, name)` is called before each member (for progress and cancellation: an exception raised
    there aborts the write and removes the temporary file). Raises MemberChanged if a member's bytes differ from its
    promised hash.
    """
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".hpdesk-", suffix=".zip.part", dir=out_path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", allowZip64=True) as archive:
            _write_entry(archive, MANIFEST_NAME, manifest)
            _write_entry(archive, SIGNATURE_NAME, signature)
            for index, member in enumerate(members):
                if on_member is not None:
                    on_member(index, len(members), member.name)
                _copy_member(archive, member)
        digest = hash_file(Path(temporary))
        make_shareable(Path(temporary))
        os.replace(temporary, out_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return digest


def make_shareable(path: Path) -> None:
    """Give a finished output file the usual permissions (mkstemp creates it readable by its owner only)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
    info.compress_type = zipfile.ZIP_STORED if name.lower().endswith(ALREADY_COMPRESSED) else zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    archive.writestr(_zip_info(name), data)


def _copy_member(archive: zipfile.ZipFile, member: PackageMember) -> None:
    digest = hashlib.sha256()
    with member.open() as source, archive.open(_zip_info(member.name), "w", force_zip64=member.size > 2**31) as sink:
        for chunk in iter(lambda: source.read(CHUNK), b""):
            digest.update(chunk)
            sink.write(chunk)
    if digest.hexdigest() != member.sha256:
        raise MemberChanged(member.name)
