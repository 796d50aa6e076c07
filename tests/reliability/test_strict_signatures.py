"""The CMS inside a signed PDF and beside a package's manifest is held to the one form hpdesk writes (issue 12,
item 18): bytes hidden in the zero padding of /Contents, /Contents spelled differently, a changed CMS version or
algorithm spelling, or anything after the DER fail verification, although pyHanko alone still calls them valid."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from hostile_run import hpdesk

from hpdesk.services.cms_strict import CmsWriter, cms_structure_problems
from hpdesk.services.signing import verify_cms, verify_signed_pdf

PASSPHRASE = "县局口令2025"
OFFICE = "某某县卫生健康局"


@dataclass(frozen=True)
class Signed:
    pdf: Path
    certificate: Path
    trusted: list[x509.Certificate]
    gap: tuple[int, int]  # the bytes of the PDF its ByteRange leaves out: "<hex>"
    manifest_signature: bytes


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Signed:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from reportlab.pdfgen import canvas

    from hpdesk.services.identity import CERTIFICATE_FILE, create_identity, load_certificate_file, unlock_identity
    from hpdesk.services.signing import sign_detached_cms, sign_pdf

    folder = tmp_path_factory.mktemp("strict")
    create_identity(folder / "identity", OFFICE, PASSPHRASE)
    unlocked = unlock_identity(folder / "identity", PASSPHRASE)
    plain = canvas.Canvas(str(folder / "plain.pdf"))
    plain.drawString(100, 700, "report")
    plain.save()
    sign_pdf(unlocked, folder / "plain.pdf", folder / "signed.pdf", office_name=OFFICE, location="", reason="")
    with open(folder / "signed.pdf", "rb") as stream:
        byte_range = list(PdfFileReader(stream).embedded_signatures[0].byte_range)
    certificate = folder / "identity" / CERTIFICATE_FILE
    return Signed(folder / "signed.pdf", certificate, load_certificate_file(certificate),
                  (byte_range[1], byte_range[2]), sign_detached_cms(unlocked, b"{}"))


def _with_contents(signed: Signed, target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """A copy of the signed PDF whose /Contents hex text (between < and >) is `change(contents bytes)`."""
    raw = signed.pdf.read_bytes()
    start, end = signed.gap
    contents = bytes.fromhex(raw[start + 1:end - 1].decode("ascii"))
    new = change(contents)
    text = new if isinstance(new, str) else new.hex().upper()
    assert len(text) == end - start - 2  # the ByteRange, and so the signed bytes, stay the same
    target.write_bytes(raw[:start + 1] + text.encode("ascii") + raw[end - 1:])
    return target


def _der_length(contents: bytes) -> int:
    return 4 + int.from_bytes(contents[2:4], "big")  # 30 82 hi lo: every signature here is 256..65535 bytes


def test_the_signed_pdf_verifies(signed: Signed) -> None:
    assert verify_signed_pdf(signed.pdf, signed.trusted).ok


def test_bytes_hidden_in_the_signature_padding_fail_verify(signed: Signed, tmp_path: Path) -> None:
    def hide(contents: bytes) -> bytes:
        used = _der_length(contents)
        hidden = b"hidden in the padding"
        return contents[:used + 10] + hidden + contents[used + 10 + len(hidden):]

    target = _with_contents(signed, tmp_path / "报送材料.pdf", hide)
    completed = hpdesk(tmp_path / "no-workspace", "verify", str(target), "--trust", str(signed.certificate))
    assert completed.returncode == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert "校验未通过" in completed.stdout and "填充区有非零字节" in completed.stdout, completed.stdout


def test_a_changed_cms_version_in_the_pdf_fails_verify(signed: Signed, tmp_path: Path) -> None:
    def version_3(contents: bytes) -> bytes:
        position = contents.index(b"\x02\x01\x01")  # SignedData's version INTEGER, the first one in the structure
        return contents[:position + 2] + b"\x03" + contents[position + 3:]

    result = verify_signed_pdf(_with_contents(signed, tmp_path / "v3.pdf", version_3), signed.trusted)
    assert not result.ok and any("版本号" in problem for problem in result.problems), result.problems


def test_the_signature_contents_spelled_in_lower_case_hex_fail_verify(signed: Signed, tmp_path: Path) -> None:
    result = verify_signed_pdf(_with_contents(signed, tmp_path / "lower.pdf", lambda c: c.hex()), signed.trusted)
    assert not result.ok and any("十六进制" in problem for problem in result.problems), result.problems


@pytest.mark.slow
def test_no_changed_byte_in_the_pdf_signature_contents_verifies(signed: Signed, tmp_path: Path) -> None:
    # the only bytes of the file outside the ByteRange: every other byte is covered by the signature itself
    raw = signed.pdf.read_bytes()
    start, end = signed.gap
    target = tmp_path / "changed.pdf"
    verified = []
    for position in range(start, end, 3):
        target.write_bytes(raw[:position] + bytes([raw[position] ^ 0x01]) + raw[position + 1:])
        if verify_signed_pdf(target, signed.trusted).ok:
            verified.append(position - start)
    assert verified == [], f"changes at these offsets in /Contents still verify: {verified[:20]}"


def test_the_manifest_signature_with_bytes_after_its_der_fails(signed: Signed) -> None:
    changed = signed.manifest_signature + b"\x00\x00"
    assert cms_structure_problems(changed, CmsWriter.MANIFEST)
    assert not cms_structure_problems(signed.manifest_signature, CmsWriter.MANIFEST)


def test_the_manifest_signature_with_a_changed_version_fails(signed: Signed) -> None:
    position = signed.manifest_signature.index(b"\x02\x01\x01")
    changed = signed.manifest_signature[:position + 2] + b"\x03" + signed.manifest_signature[position + 3:]
    cms_ok = verify_cms(b"{}", changed, signed.trusted).ok
    assert not cms_ok or any("版本号" in problem for problem in cms_structure_problems(changed, CmsWriter.MANIFEST))


def test_an_rsa_signature_algorithm_spelled_as_the_other_writer_spells_it_fails(tmp_path: Path) -> None:
    from hpdesk.services.identity import KeyKind, create_identity, unlock_identity
    from hpdesk.services.signing import sign_detached_cms

    create_identity(tmp_path / "id", OFFICE, PASSPHRASE, key_kind=KeyKind.RSA_2048)
    unlocked = unlock_identity(tmp_path / "id", PASSPHRASE)
    signature = sign_detached_cms(unlocked, b"{}")
    rsa_encryption, sha256_with_rsa = bytes.fromhex("2a864886f70d010101"), bytes.fromhex("2a864886f70d01010b")
    position = signature.rindex(rsa_encryption)  # the signer's algorithm, after the certificate's key algorithm
    changed = signature[:position] + sha256_with_rsa + signature[position + len(rsa_encryption):]
    assert changed != signature and verify_cms(b"{}", changed, [unlocked.certificate]).ok  # pyHanko accepts it
    assert any("签名算法" in problem for problem in cms_structure_problems(changed, CmsWriter.MANIFEST))
    assert not cms_structure_problems(signature, CmsWriter.MANIFEST)
