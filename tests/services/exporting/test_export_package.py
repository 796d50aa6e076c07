"""The package (one zip): a manifest listing every other file with size and SHA-256, a detached CMS signature
over it that openssl accepts, data.json from which another hpdesk can rebuild the submission, the PDF, the Excel
and the evidence files byte for byte."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from missing_input import missing
from conftest import Sent, member_name
from cryptography.hazmat.primitives.serialization import Encoding

from hpdesk import __version__
from hpdesk.services.exporting.packet_content import PacketContent
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


@pytest.fixture(scope="module")
def members(sent: Sent) -> dict[str, bytes]:
    return sent.members()


@pytest.fixture(scope="module")
def manifest(members: dict[str, bytes]) -> dict:  # type: ignore[type-arg]
    return json.loads(members["manifest.json"])


def test_the_manifest_lists_every_other_member_with_its_size_and_sha256(members: dict[str, bytes],
                                                                         manifest: dict) -> None:  # type: ignore[type-arg]
    listed = {entry["name"]: (entry["size"], entry["sha256"]) for entry in manifest["files"]}
    assert set(listed) == set(members) - {"manifest.json", "manifest.json.p7s"}
    for name, data in members.items():
        if name in listed:
            assert listed[name] == (len(data), hashlib.sha256(data).hexdigest()), name
    assert [entry["name"] for entry in manifest["files"]] == sorted(listed)


def test_the_signed_pdf_and_the_excel_lie_beside_the_zip_under_its_name(sent: Sent,
                                                                        members: dict[str, bytes]) -> None:
    pdf, xlsx = sent.result.pdf_path, sent.result.xlsx_path
    assert pdf == sent.package.with_suffix(".pdf") and xlsx == sent.package.with_suffix(".xlsx")
    assert pdf.read_bytes() == members[member_name(members, ".pdf")]  # the signed packet, byte for byte
    assert xlsx.read_bytes() == members[member_name(members, ".xlsx")]
    assert not list(sent.package.parent.glob("*.part"))


def test_the_manifest_says_who_sent_which_period_of_which_plan_with_what(sent: Sent, manifest: dict) -> None:  # type: ignore[type-arg]
    assert manifest["format"] == "hpdesk-submission-package/1"
    assert manifest["office"] == {"name": "管城回族区卫生健康委员会", "region": "管城回族区"}
    assert manifest["period"] == {"label": "2025H1", "name": "2025年上半年"}
    assert manifest["plans"] == [{"code": "plan-zz", "title": "健康郑州行动", "doc_number": "郑健推〔2020〕1号"}]
    assert manifest["software"] == {"name": "hpdesk", "version": __version__}
    assert manifest["doc_number"] == "管卫健〔2025〕12号" and manifest["sequence"] == 1
    assert manifest["fingerprint"] == sent.result.fingerprint
    assert manifest["content_sha256"] == sent.result.content_sha256
    assert manifest["signer"]["fingerprint_sha256"] == sent.result.signer_fingerprint


def test_the_package_holds_the_table_the_signed_packet_the_data_and_every_evidence_file(sent: Sent,
                                                                                        members: dict[str, bytes]) -> None:
    assert list(members)[:2] == ["manifest.json", "manifest.json.p7s"]
    assert set(members) == set(sent.result.files)
    assert member_name(members, ".xlsx") == "2025H1-报送表.xlsx"
    assert members[member_name(members, ".pdf")].startswith(b"%PDF-")
    evidence = sorted(name for name in members if name.startswith("佐证材料/"))
    assert evidence == sorted(file.package_path for file in sent.content().evidence_files)
    assert len(evidence) == sent.result.evidence_files == 5


@pytest.mark.parametrize("original, packaged", [
    ("photo", "佐证材料/E001-1-讲座现场.jpg"), ("png", "佐证材料/E001-2-宣传栏.png"),
    ("pdf", "佐证材料/E002-1-讲座通知.pdf"), ("docx", "佐证材料/E002-2-工作方案.docx"),
    ("broken", "佐证材料/E003-损坏的照片.jpg"),
])
def test_evidence_travels_byte_for_byte(sent: Sent, members: dict[str, bytes], original: str, packaged: str) -> None:
    assert members[packaged] == sent.originals[original].read_bytes()


def test_data_json_is_enough_to_rebuild_the_submission(sent: Sent, members: dict[str, bytes],
                                                       manifest: dict) -> None:  # type: ignore[type-arg]
    data = members["data.json"]
    content = PacketContent.from_json(json.loads(data))
    assert content.canonical_bytes() == data  # nothing lost, nothing reordered
    assert content.sha256 == manifest["content_sha256"] and content.fingerprint == manifest["fingerprint"]
    assert [task.code for task in content.tasks] == ["A01-T001", "A02-T001"]
    assert {table.kind for table in content.city_tables} == {"tasks", "indicators"}  # the city's layout too
    assert all(file.package_path in members for file in content.evidence_files)
    assert content.cover.doc_number == "管卫健〔2025〕12号"


def test_every_member_name_is_safe_to_unpack_on_windows(members: dict[str, bytes]) -> None:
    for name in members:
        parts = name.split("/")
        assert ".." not in parts and not name.startswith("/") and "\\" not in name and ":" not in name
        assert not any(character in name for character in '<>"|?*')
    assert len({name.casefold() for name in members}) == len(members)


def _openssl_verify(folder: Path, manifest: bytes, signature: bytes, certificate: bytes) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    (folder / "manifest.json").write_bytes(manifest)
    (folder / "manifest.json.p7s").write_bytes(signature)
    (folder / "cert.pem").write_bytes(certificate)
    return subprocess.run(["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.json.p7s",
                           "-content", "manifest.json", "-CAfile", "cert.pem", "-purpose", "any", "-out", "/dev/null"],
                          cwd=folder, capture_output=True, text=True)


def test_openssl_verifies_the_manifest_signature(sent: Sent, members: dict[str, bytes], tmp_path: Path) -> None:
    if shutil.which("openssl") is None:
        missing("openssl is not installed")
    certificate = sent.trusted[0].public_bytes(Encoding.PEM)
    accepted = _openssl_verify(tmp_path, members["manifest.json"], members["manifest.json.p7s"], certificate)
    assert accepted.returncode == 0, accepted.stderr
    assert "Verification successful" in accepted.stderr
    changed = members["manifest.json"].replace(b'"sequence": 1', b'"sequence": 2')
    assert changed != members["manifest.json"]
    refused = _openssl_verify(tmp_path, changed, members["manifest.json.p7s"], certificate)
    assert refused.returncode != 0
