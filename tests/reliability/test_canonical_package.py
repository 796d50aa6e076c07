"""`verify` says valid only when every byte of the package is accounted for (issue 12, item 17).

The signed manifest authenticates the members' contents; the zip around them is checked by rebuilding the one
layout hpdesk writes and comparing byte for byte (services/exporting/canonical_zip.py). So no single changed byte
anywhere in a package verifies, and neither do bytes added before, between or after the members, a duplicated
member, an extra field or a comment that could carry data, or a member stored compressed.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from hostile_run import hpdesk

from hpdesk.services.exporting.canonical_zip import central_directory
from hpdesk.services.exporting.package import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    bytes_member,
    manifest_bytes,
    member_info,
    write_signed_package,
)
from hpdesk.services.exporting.verification import verify_package

PASSPHRASE = "县局口令2025"
MEMBERS = {"data.json": b'{"period": "2025H1", "reports": []}\n', "佐证材料/E001-会议通知.txt": "会议通知".encode()}


@dataclass(frozen=True)
class SignedPackage:
    path: Path
    certificate: Path
    trusted: list[x509.Certificate]
    manifest: bytes
    signature: bytes


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> SignedPackage:
    """A small package signed as `export` signs it (a real identity, hpdesk's writer), with a non-ASCII name."""
    from hpdesk.services.identity import CERTIFICATE_FILE, create_identity, load_certificate_file, unlock_identity
    from hpdesk.services.signing import sign_detached_cms

    folder = tmp_path_factory.mktemp("canonical")
    create_identity(folder / "identity", "某某县卫生健康局", PASSPHRASE)
    unlocked = unlock_identity(folder / "identity", PASSPHRASE)
    path = folder / "报送包.zip"
    written = write_signed_package(
        path, [bytes_member(name, data) for name, data in MEMBERS.items()],
        lambda hashed: manifest_bytes({"office": {"name": "某某县卫生健康局"}, "period": {"label": "2025H1"}}, hashed),
        lambda manifest: sign_detached_cms(unlocked, manifest))
    certificate = folder / "identity" / CERTIFICATE_FILE
    return SignedPackage(path, certificate, load_certificate_file(certificate), written.manifest, written.signature)


def _verifies(package: SignedPackage, data: bytes, target: Path) -> bool:
    target.write_bytes(data)
    return verify_package(target, package.trusted).ok


def _problems(package: SignedPackage, target: Path) -> list[str]:
    result = verify_package(target, package.trusted)
    assert not result.ok and result.problems
    return list(result.problems)


def _rezip(target: Path, package: SignedPackage, *, info: Callable[[str], zipfile.ZipInfo] = member_info,
           between: bytes = b"", comment: bytes = b"", extra_entries: tuple[tuple[str, bytes], ...] = ()) -> Path:
    """The package's members rewritten with `info(name)` headers, `between` written after the first member, the
    archive `comment`, and `extra_entries` added last (as zipfile writes them all)."""
    members = {MANIFEST_NAME: package.manifest, SIGNATURE_NAME: package.signature, **MEMBERS}
    with zipfile.ZipFile(target, "w") as archive:
        for index, (name, data) in enumerate([*members.items(), *extra_entries]):
            archive.writestr(info(name), data)
            if index == 0 and between:
                archive.fp.write(between)  # type: ignore[union-attr]
                archive.start_dir = archive.fp.tell()  # type: ignore[union-attr]  # the next header goes after it
        archive.comment = comment
    return target


def test_the_untouched_package_verifies(package: SignedPackage, tmp_path: Path) -> None:
    assert _verifies(package, package.path.read_bytes(), tmp_path / "copy.zip")
    assert verify_package(_rezip(tmp_path / "rezipped.zip", package), package.trusted).ok  # the same layout


@pytest.mark.slow
@pytest.mark.parametrize("mask", [0x01, 0x80, 0xFF])
def test_no_single_changed_byte_anywhere_in_the_package_verifies(package: SignedPackage, tmp_path: Path,
                                                                 mask: int) -> None:
    # Every byte: local headers, contents, the manifest, its CMS signature, the central directory, the end record.
    raw = package.path.read_bytes()
    target = tmp_path / "changed.zip"
    verified = [position for position in range(len(raw))
                if _verifies(package, raw[:position] + bytes([raw[position] ^ mask]) + raw[position + 1:], target)]
    assert verified == [], f"{len(verified)} of {len(raw)} changed bytes still verify, at {verified[:20]}"


def test_garbage_appended_to_the_package_is_refused(package: SignedPackage, tmp_path: Path) -> None:
    target = tmp_path / "报送包.zip"
    target.write_bytes(package.path.read_bytes() + b"hidden bytes after the end record")
    completed = hpdesk(tmp_path / "no-workspace", "verify", str(target), "--trust", str(package.certificate))
    assert completed.returncode == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert "校验未通过" in completed.stdout and "末尾追加" in completed.stdout, completed.stdout


def test_an_executable_stub_prepended_to_the_package_is_refused(package: SignedPackage, tmp_path: Path) -> None:
    target = tmp_path / "报送包.zip"
    target.write_bytes(b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode.\r\n"
                       + package.path.read_bytes())
    completed = hpdesk(tmp_path / "no-workspace", "verify", str(target), "--trust", str(package.certificate))
    assert completed.returncode == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert "校验未通过" in completed.stdout and "开头有多余的数据" in completed.stdout, completed.stdout


def test_bytes_hidden_between_two_members_are_refused(package: SignedPackage, tmp_path: Path) -> None:
    problems = _problems(package, _rezip(tmp_path / "gap.zip", package, between=b"hidden between members"))
    assert any("夹带" in problem for problem in problems), problems


def test_an_archive_comment_is_refused(package: SignedPackage, tmp_path: Path) -> None:
    problems = _problems(package, _rezip(tmp_path / "comment.zip", package, comment=b"hidden in the comment"))
    assert any("末尾追加" in problem for problem in problems), problems


def test_an_extra_field_in_a_member_header_is_refused(package: SignedPackage, tmp_path: Path) -> None:
    def with_extra(name: str) -> zipfile.ZipInfo:
        info = member_info(name)
        if name == "data.json":
            hidden = b"hidden in an extra field"
            info.extra = struct.pack("<HH", 0xCAFE, len(hidden)) + hidden
        return info

    problems = _problems(package, _rezip(tmp_path / "extra.zip", package, info=with_extra))
    assert any("data.json" in problem and "文件头" in problem for problem in problems), problems


def test_a_duplicated_member_name_is_refused(package: SignedPackage, tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="Duplicate name"):
        target = _rezip(tmp_path / "twice.zip", package, extra_entries=(("data.json", b'{"other": true}\n'),))
    problems = _problems(package, target)
    assert any("data.json" in problem and "2 次" in problem for problem in problems), problems


def test_a_member_stored_compressed_is_refused_although_its_content_matches(package: SignedPackage,
                                                                           tmp_path: Path) -> None:
    # a deflate stream can decode to the same content from other bytes: only stored bytes are the signed content
    def deflated(name: str) -> zipfile.ZipInfo:
        info = member_info(name)
        if name == "data.json":
            info.compress_type = zipfile.ZIP_DEFLATED
        return info

    problems = _problems(package, _rezip(tmp_path / "deflated.zip", package, info=deflated))
    assert problems == ["报送包内文件 data.json 是压缩存放的，本版本只认可逐字节受清单保护的不压缩格式，不予认可。"]


def test_a_member_written_with_a_windows_header_is_refused(package: SignedPackage, tmp_path: Path) -> None:
    def windows(name: str) -> zipfile.ZipInfo:
        info = member_info(name)
        info.create_system = 0
        return info

    problems = _problems(package, _rezip(tmp_path / "windows.zip", package, info=windows))
    assert any("目录区" in problem for problem in problems), problems


def test_the_zip64_directory_is_rebuilt_exactly_as_zipfile_writes_it_beyond_two_gigabytes(tmp_path: Path) -> None:
    # a sparse file: the members start past 2 GiB, so zipfile writes ZIP64 offsets and end records
    path = tmp_path / "large.zip"
    start = 2 ** 31 + 17
    with open(path, "wb") as stream:
        stream.seek(start)
        with zipfile.ZipFile(stream, "w") as archive:
            for name, data in {MANIFEST_NAME: b"{}", SIGNATURE_NAME: b"sig", **MEMBERS}.items():
                archive.writestr(member_info(name), data)
            infos = archive.infolist()
            offsets = {index: info.header_offset for index, info in enumerate(infos)}
            directory_start = infos[-1].header_offset + 30 + len(infos[-1].filename.encode()) + infos[-1].file_size
    expected = central_directory(infos, offsets, directory_start)
    with open(path, "rb") as stream:
        stream.seek(directory_start)
        assert stream.read() == expected
    assert b"PK\x06\x06" in expected  # the ZIP64 end record really was needed
