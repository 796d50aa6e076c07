"""`verify_package`: a package passes only when the manifest signature is valid and made by a pinned certificate,
every file matches the manifest and nothing was added; every other case fails and says which file or signature.
Damaged input never raises."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Sent, member_name, read_members

from hpdesk.services.cms_strict import CmsWriter, cms_structure_problems
from hpdesk.services.exporting.package import member_info
from hpdesk.services.exporting.verification import verify_package
from hpdesk.services.identity import CERTIFICATE_FILE, create_identity, load_certificate_file, unlock_identity
from hpdesk.services.signing import sign_detached_cms, verify_signed_pdf

# Runs once, not on both back ends: verifying a package reads the zip, never a database (the package exported on
# PostgreSQL is verified in test_export_package and test_export_cli).

Change = Callable[[str, bytes], bytes | None]


def rewrite(source: Path, target: Path, change: Change, extra: dict[str, bytes] | None = None, *,
            as_hpdesk_writes: bool = True) -> Path:
    """Copy the zip member by member; `change(name, data)` returns the new bytes, or None to drop the member.

    `as_hpdesk_writes`: each member with hpdesk's own header (package.member_info), so the container stays
    canonical and a test sees only the findings about the change it made; else as zipfile writes by default."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(member_info(info.filename) if as_hpdesk_writes else info.filename, data)
        for name, data in (extra or {}).items():
            new.writestr(member_info(name) if as_hpdesk_writes else name, data)
    return target


def flip(data: bytes, at: int | None = None) -> bytes:
    index = len(data) // 2 if at is None else at % len(data)
    return data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1:]


def only(name: str, how: Callable[[bytes], bytes]) -> Change:
    return lambda member, data: how(data) if member == name else data


def problems_of(sent: Sent, tmp_path: Path, change: Change, extra: dict[str, bytes] | None = None) -> list[str]:
    result = verify_package(rewrite(sent.package, tmp_path / "tampered.zip", change, extra), sent.trusted)
    assert not result.ok and result.problems
    return list(result.problems)


def test_the_exported_package_verifies(sent: Sent) -> None:
    result = verify_package(sent.package, sent.trusted)
    assert result.ok, result.problems
    assert result.problems == () and result.office == "管城回族区卫生健康委员会" and result.period == "2025H1"
    assert result.signer_fingerprint == sent.result.signer_fingerprint
    assert result.files_checked == len(result.files) == len(sent.result.files) - 2


def test_a_package_rewritten_the_way_hpdesk_writes_still_verifies(sent: Sent, tmp_path: Path) -> None:
    copy = rewrite(sent.package, tmp_path / "copy.zip", lambda name, data: data)
    assert verify_package(copy, sent.trusted).ok


def test_a_package_rewritten_by_another_zip_writer_is_refused_although_every_member_matches(
        sent: Sent, tmp_path: Path) -> None:
    # other timestamps and attributes: bytes the signature does not cover, so the container is not hpdesk's
    copy = rewrite(sent.package, tmp_path / "copy.zip", lambda name, data: data, as_hpdesk_writes=False)
    result = verify_package(copy, sent.trusted)
    assert not result.ok and len(result.problems) == 1 and "不是 hpdesk 写出的样子" in result.problems[0]


@pytest.mark.parametrize("member", [
    "data.json", "2025H1-报送表.xlsx", "PDF", "佐证材料/E001-1-讲座现场.jpg", "佐证材料/E001-2-宣传栏.png",
    "佐证材料/E002-1-讲座通知.pdf", "佐证材料/E002-2-工作方案.docx", "佐证材料/E003-损坏的照片.jpg",
])
def test_one_changed_byte_in_any_member_fails_and_names_the_member(sent: Sent, tmp_path: Path, member: str) -> None:
    name = member_name(sent.members(), ".pdf") if member == "PDF" else member
    problems = problems_of(sent, tmp_path, only(name, flip))
    assert [problem for problem in problems if name in problem and "SHA-256" in problem], problems
    assert not [problem for problem in problems if "清单签名" in problem]  # the manifest itself is fine


def test_a_changed_manifest_fails_the_signature_and_names_the_manifest(sent: Sent, tmp_path: Path) -> None:
    def renumber(data: bytes) -> bytes:
        manifest = json.loads(data)
        manifest["doc_number"] = "管卫健〔2025〕13号"
        return json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"

    for change in (flip, renumber):
        problems = problems_of(sent, tmp_path, only("manifest.json", change))
        assert any("manifest.json" in problem and "清单签名" in problem for problem in problems), problems


def test_a_manifest_that_lies_about_a_file_fails_on_the_signature_and_the_file(sent: Sent, tmp_path: Path) -> None:
    def forge(data: bytes) -> bytes:
        manifest = json.loads(data)
        for entry in manifest["files"]:
            if entry["name"] == "data.json":
                entry["sha256"] = "0" * 64
        return json.dumps(manifest).encode()

    problems = problems_of(sent, tmp_path, only("manifest.json", forge))
    assert any("清单签名" in problem for problem in problems)
    assert any("data.json" in problem for problem in problems), problems


@pytest.mark.parametrize("where", [40, 0.5, -20, -2])
def test_a_changed_byte_in_the_signature_fails_and_names_the_signature(sent: Sent, tmp_path: Path,
                                                                       where: float) -> None:
    def change(data: bytes) -> bytes:
        return flip(data, int(len(data) * where) if isinstance(where, float) else where)

    problems = problems_of(sent, tmp_path, only("manifest.json.p7s", change))
    assert any("manifest.json.p7s" in problem for problem in problems), problems


def test_bytes_appended_to_the_pdf_fail_in_the_package_and_on_their_own(sent: Sent, tmp_path: Path) -> None:
    name = member_name(sent.members(), ".pdf")
    appended = b"\n% appended after signing\n"
    problems = problems_of(sent, tmp_path, only(name, lambda data: data + appended))
    assert any(name in problem for problem in problems), problems
    alone = tmp_path / "alone.pdf"
    alone.write_bytes(sent.members()[name] + appended)
    result = verify_signed_pdf(alone, sent.trusted)
    assert not result.ok and any("追加" in problem for problem in result.problems), result.problems
    alone.write_bytes(sent.members()[name])
    assert verify_signed_pdf(alone, sent.trusted).ok


def test_an_extra_member_fails_and_is_named(sent: Sent, tmp_path: Path) -> None:
    problems = problems_of(sent, tmp_path, lambda name, data: data, extra={"佐证材料/后加的说明.txt": b"added"})
    assert problems == ["报送包中有清单未列出的多余文件 佐证材料/后加的说明.txt。"]


def test_a_missing_member_fails_and_is_named(sent: Sent, tmp_path: Path) -> None:
    problems = problems_of(sent, tmp_path, lambda name, data: None if name == "data.json" else data)
    assert problems == ["清单列出的文件 data.json 在报送包中缺失。"]


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_duplicated_member_fails_and_is_named(sent: Sent, tmp_path: Path) -> None:
    data = sent.members()["data.json"]
    problems = problems_of(sent, tmp_path, lambda name, value: value, extra={"data.json": data})
    assert any("data.json" in problem and "2 次" in problem for problem in problems), problems


@pytest.mark.parametrize("missing", ["manifest.json", "manifest.json.p7s"])
def test_a_package_without_its_manifest_or_signature_fails(sent: Sent, tmp_path: Path, missing: str) -> None:
    problems = problems_of(sent, tmp_path, lambda name, data: None if name == missing else data)
    assert any(missing in problem for problem in problems), problems


def test_a_signer_that_is_not_pinned_fails_even_when_everything_is_intact(sent: Sent, tmp_path: Path) -> None:
    create_identity(tmp_path / "other", "别的县卫生健康委员会", "另一个单位的口令")
    other = load_certificate_file(tmp_path / "other" / CERTIFICATE_FILE)
    result = verify_package(sent.package, other)
    assert not result.ok and any("不是本机登记的受信任证书" in problem for problem in result.problems)


def test_a_manifest_re_signed_by_another_key_fails(sent: Sent, tmp_path: Path) -> None:
    create_identity(tmp_path / "other", "别的县卫生健康委员会", "另一个单位的口令")
    forger = unlock_identity(tmp_path / "other", "另一个单位的口令")

    def change(name: str, data: bytes) -> bytes:
        if name == "manifest.json.p7s":
            return sign_detached_cms(forger, sent.members()["manifest.json"])
        return data

    problems = problems_of(sent, tmp_path, change)
    assert any("不是本机登记的受信任证书" in problem for problem in problems), problems


def _structure_positions(raw: bytes) -> list[int]:
    """Positions in the zip's own structure: the first local header, the central directory, the end record."""
    central = raw.rfind(b"PK\x01\x02")
    end = raw.rfind(b"PK\x05\x06")
    return [*range(0, 60, 3), *range(central, min(len(raw), central + 120), 5), *range(end, len(raw))]


def test_a_damaged_zip_never_crashes_the_verifier(sent: Sent, tmp_path: Path) -> None:
    raw = sent.package.read_bytes()
    target = tmp_path / "damaged.zip"
    for damaged in (b"", b"not a zip at all", raw[:len(raw) // 2], raw[:-10], raw[:22], b"PK\x05\x06" + b"\0" * 18):
        target.write_bytes(damaged)
        result = verify_package(target, sent.trusted)
        assert not result.ok and result.problems
    for position in _structure_positions(raw):
        target.write_bytes(flip(raw, position))
        result = verify_package(target, sent.trusted)  # never raises
        # the container is checked byte for byte too (canonical_zip.py): no header byte is left unchecked
        assert not result.ok and all(isinstance(p, str) and p for p in result.problems), position


def test_a_changed_byte_anywhere_in_a_stored_member_fails(sent: Sent, tmp_path: Path) -> None:
    # Every member is stored: its bytes in the zip are the content the manifest's SHA-256 covers.
    raw = sent.package.read_bytes()
    target = tmp_path / "damaged.zip"
    with zipfile.ZipFile(sent.package) as archive:
        spans = [(info.header_offset + 30 + len(info.filename.encode()) + len(info.extra), info.compress_size)
                 for info in archive.infolist() if info.compress_type == zipfile.ZIP_STORED]
    assert len(spans) >= 5
    for start, size in spans:
        for position in (start, start + size // 2, start + size - 1):
            target.write_bytes(flip(raw, position))
            result = verify_package(target, sent.trusted)
            assert not result.ok and result.problems, position


def test_a_changed_byte_anywhere_in_the_signature_fails(sent: Sent) -> None:
    from hpdesk.services.exporting import verification

    members = sent.members()
    signature = members["manifest.json.p7s"]
    for position in range(len(signature)):
        changed = flip(signature, position)
        cms = verification.verify_cms(members["manifest.json"], changed, sent.trusted)
        assert not cms.ok or cms_structure_problems(changed, CmsWriter.MANIFEST), position


@pytest.mark.parametrize("manifest", [
    b"not json", b"[]", b'"text"', b"{}", b'{"format": "hpdesk-submission-package/1"}',
    b'{"format": "hpdesk-submission-package/1", "files": {}}',
    b'{"format": "hpdesk-submission-package/1", "files": ["data.json"]}',
    b'{"format": "hpdesk-submission-package/1", "files": [{"name": "data.json", "size": "x", "sha256": 1}]}',
    b'{"format": "hpdesk-submission-package/1", "files": [], "office": "text", "period": 7}',
    b'{"format": "hpdesk-submission-package/1", "files": [{"name": ["a"], "size": 1, "sha256": "0"}]}',
    b'{"format": "hpdesk-submission-package/1", "files": [{"name": "../evil", "size": 1e999, "sha256": "0"}]}',
    "\ufeff{}".encode(), b"\xff\xfe", b"{" * 100_000,
])
def test_a_malformed_manifest_is_reported_never_raised(sent: Sent, tmp_path: Path, manifest: bytes) -> None:
    problems = problems_of(sent, tmp_path, only("manifest.json", lambda data: manifest))
    assert any("manifest.json" in problem for problem in problems), problems


def test_odd_member_names_are_reported(sent: Sent, tmp_path: Path) -> None:
    problems = problems_of(sent, tmp_path, lambda name, data: data,
                           extra={"../outside.txt": b"x", "C:/windows.txt": b"y"})
    assert any("../outside.txt" in problem and "不安全" in problem for problem in problems), problems
    assert any("C:/windows.txt" in problem and "不安全" in problem for problem in problems), problems


def test_a_missing_file_or_a_folder_is_reported(sent: Sent, tmp_path: Path) -> None:
    for path in (tmp_path / "nothing-here.zip", tmp_path):
        result = verify_package(path, sent.trusted)
        assert not result.ok and result.problems


def test_the_package_members_read_back_unchanged(sent: Sent) -> None:
    assert read_members(sent.package) == sent.members()


def test_a_damaged_or_truncated_zip_is_explained_in_chinese_not_in_zipfiles_english(sent: Sent, tmp_path: Path) -> None:
    """A byte flipped in a member (a CRC error) and a copy cut short on the USB stick: zipfile's own English texts
    ("Bad CRC-32 for file …", "File is not a zip file") were quoted inside the Chinese reason."""
    raw = sent.package.read_bytes()
    with zipfile.ZipFile(sent.package) as archive:
        pdf = next(info for info in archive.infolist() if info.filename.endswith(".pdf"))
    start = pdf.header_offset + 30 + len(pdf.filename.encode()) + len(pdf.extra)
    target = tmp_path / "damaged.zip"
    for damaged in (flip(raw, start + pdf.compress_size // 2), raw[:len(raw) * 2 // 3], b""):
        target.write_bytes(damaged)
        problems = verify_package(target, sent.trusted).problems
        text = "\n".join(problems)
        assert problems and not re.search(r"[A-Za-z]{3,} [A-Za-z]{2,}", text), text
        assert "BadZipFile" not in text and "CRC-32 for" not in text, text
