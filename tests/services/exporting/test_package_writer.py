"""`write_signed_package`: one pass over the members (each read once, hashed while zipped), the manifest of those
hashes signed, the zip's own hash taken while it is written, nothing left behind when it fails."""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from hpdesk.services.exporting.package import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    MemberChanged,
    PackageMember,
    bytes_member,
    file_member,
    manifest_bytes,
    write_signed_package,
)

# Runs once, not on both back ends: no workspace (writing a package from files).


def _counting_member(name: str, data: bytes, opened: list[str], sha256: str | None = None) -> PackageMember:
    def open_it() -> io.BytesIO:
        opened.append(name)
        return io.BytesIO(data)

    return PackageMember(name, len(data), sha256, open_it)


def _sign(manifest: bytes) -> bytes:
    return b"signature over " + hashlib.sha256(manifest).digest()


def test_each_member_is_read_once_and_the_signed_manifest_lists_the_hashes_taken_while_zipping(tmp_path: Path) -> None:
    payloads = {f"佐证材料/E{index:03d}.jpg": os.urandom(300_000 + index) for index in range(12)}
    opened: list[str] = []
    members = [_counting_member(name, data, opened) for name, data in payloads.items()]
    out = tmp_path / "package.zip"

    written = write_signed_package(out, members, lambda hashed: manifest_bytes({"period": "2025H1"}, hashed), _sign)

    assert opened == list(payloads)  # once each, in order
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == [MANIFEST_NAME, SIGNATURE_NAME, *payloads]
        manifest = archive.read(MANIFEST_NAME)
        assert archive.read(SIGNATURE_NAME) == _sign(manifest)
        assert all(archive.read(name) == data for name, data in payloads.items())
        assert archive.testzip() is None
    listed = {entry["name"]: entry for entry in json.loads(manifest)["files"]}
    assert {name: (entry["size"], entry["sha256"]) for name, entry in listed.items()} == {
        name: (len(data), hashlib.sha256(data).hexdigest()) for name, data in payloads.items()}
    assert written.manifest == manifest
    assert written.sha256 == hashlib.sha256(out.read_bytes()).hexdigest()
    assert [member.sha256 for member in written.members] == [listed[name]["sha256"] for name in payloads]


def test_a_member_whose_bytes_differ_from_its_promised_hash_stops_the_write_and_leaves_no_file(tmp_path: Path) -> None:
    good = bytes_member("data.json", b"{}")
    stored = tmp_path / "blob"
    stored.write_bytes(b"the bytes on disk now")
    changed = file_member("佐证材料/E001.jpg", stored, hashlib.sha256(b"the bytes that were stored").hexdigest())

    with pytest.raises(MemberChanged) as raised:
        write_signed_package(tmp_path / "out" / "package.zip", [good, changed],
                             lambda hashed: manifest_bytes({}, hashed), _sign)

    assert raised.value.name == "佐证材料/E001.jpg"
    assert list((tmp_path / "out").iterdir()) == []


def test_a_cancelled_write_removes_its_temporary_file(tmp_path: Path) -> None:
    members = [bytes_member(f"m{index}.txt", b"x" * 10_000) for index in range(5)]

    def cancel_at_the_third(done: int, _total: int, _name: str) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_signed_package(tmp_path / "package.zip", members, lambda hashed: manifest_bytes({}, hashed), _sign,
                             on_member=cancel_at_the_third)

    assert list(tmp_path.iterdir()) == []


def test_a_changed_member_among_many_is_named_and_nothing_is_left_whichever_thread_finds_it(tmp_path: Path) -> None:
    # Members are hashed on another thread, from their bytes as written into the zip: the one that changed is still
    # the one named, and the write stops without leaving the temporary file.
    stored = tmp_path / "blob"
    stored.write_bytes(os.urandom(700_000))
    changed = file_member("佐证材料/E002.jpg", stored, hashlib.sha256(b"the bytes that were stored").hexdigest())
    members = [bytes_member("data.json", b"{}"), changed,
               *(bytes_member(f"佐证材料/E{index:03d}.jpg", os.urandom(200_000)) for index in range(3, 40))]

    with pytest.raises(MemberChanged) as raised:
        write_signed_package(tmp_path / "out" / "package.zip", members, lambda hashed: manifest_bytes({}, hashed), _sign)

    assert raised.value.name == "佐证材料/E002.jpg"
    assert list((tmp_path / "out").iterdir()) == []


def test_the_manifest_hashes_are_those_of_the_bytes_in_the_zip_for_members_of_every_size(tmp_path: Path) -> None:
    sizes = [0, 1, 65_535, 256 * 1024, 256 * 1024 + 1, 3 * 256 * 1024 - 7]  # around the copy chunk
    payloads = {f"m{index}.bin": os.urandom(size) for index, size in enumerate(sizes)}
    members = [bytes_member(name, data) for name, data in payloads.items()]

    written = write_signed_package(tmp_path / "package.zip", members, lambda hashed: manifest_bytes({}, hashed), _sign)

    with zipfile.ZipFile(tmp_path / "package.zip") as archive:
        assert {m.name: m.sha256 for m in written.members} == {
            name: hashlib.sha256(archive.read(name)).hexdigest() for name in payloads}
    assert [m.size for m in written.members] == sizes
    assert written.sha256 == hashlib.sha256((tmp_path / "package.zip").read_bytes()).hexdigest()
