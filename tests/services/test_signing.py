"""PDF and CMS signatures: made offline with the office identity, and verified strictly against pinned certificates."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from missing_input import missing
from asn1crypto import cms as asn1_cms
from PIL import Image, ImageDraw
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hpdesk.domain.errors import UserError
from hpdesk.services import fonts, identity, signing

# Runs once, not on both back ends: no workspace (signatures on files).

COUNTY = "某某县卫生健康局"
CITY = "某某市卫生健康委员会"
PASSPHRASE = "县局口令2025"


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    folder = tmp_path_factory.mktemp("county-identity")
    identity.create_identity(folder, COUNTY, PASSPHRASE)
    return identity.unlock_identity(folder, PASSPHRASE)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    folder = tmp_path_factory.mktemp("city-identity")
    identity.create_identity(folder, CITY, PASSPHRASE)
    return identity.unlock_identity(folder, PASSPHRASE)


def write_report_pdf(path, pages=2):
    """A small uncompressed PDF (so a test can change one byte of page content) with embedded Chinese text."""
    fonts.register_pdf_fonts()
    pdf = canvas.Canvas(str(path), pagesize=A4, pageCompression=0, invariant=1)
    for number in range(1, pages + 1):
        pdf.setFont(fonts.pdf_font_name(fonts.FontRole.SANS), 14)
        pdf.drawString(72, 760, f"某某县健康城市建设工作进展报告 第{number}页")
        pdf.drawString(72, 730, "目标值 ≥92.3%，完成值 93.1%")
        pdf.showPage()
    pdf.save()
    return path


@pytest.fixture(scope="module")
def signed_pdf(county, tmp_path_factory):
    folder = tmp_path_factory.mktemp("signed")
    source = write_report_pdf(folder / "report.pdf")
    signing.sign_pdf(county, source, folder / "report-signed.pdf", office_name=COUNTY, location="某某县",
                     reason="健康城市建设进展报送")
    return folder / "report-signed.pdf"


@pytest.fixture
def signed_copy(signed_pdf, tmp_path):
    copy = tmp_path / "copy.pdf"
    shutil.copyfile(signed_pdf, copy)
    return copy


def problems_text(result) -> str:
    return "\n".join(result.problems)


# --- signing PDFs ------------------------------------------------------------------------------------------------


def test_signed_pdf_verifies_against_the_signers_certificate(signed_pdf, county):
    result = signing.verify_signed_pdf(signed_pdf, [county.certificate])
    assert result.ok, result.problems
    [report] = result.signatures
    assert report.ok and report.field_name == "HpdeskSignature"
    assert report.signer_fingerprint == county.info.fingerprint_sha256
    assert COUNTY in report.signer_subject
    assert report.signing_time is not None


def test_signature_is_visible_on_the_last_page_with_an_embedded_stamp_font(signed_pdf):
    with open(signed_pdf, "rb") as stream:
        reader = PdfFileReader(stream)
        last_page = reader.root["/Pages"]["/Kids"][-1].get_object()
        widgets = [annot.get_object() for annot in last_page["/Annots"]]
        [widget] = [w for w in widgets if w.get("/FT") == "/Sig"]
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        assert x2 - x1 > 100 and y2 - y1 > 40
        assert 0 <= x1 < x2 <= A4[0] and 0 <= y1 < y2 < A4[1] / 4  # bottom of the page, inside it
        assert "/AP" in widget
    assert signed_pdf.read_bytes().count(b"/FontFile2") >= 2  # the report's font and the stamp's


def test_signing_reports_page_box_and_time(county, tmp_path):
    source = write_report_pdf(tmp_path / "in.pdf", pages=3)
    result = signing.sign_pdf(county, source, tmp_path / "out.pdf", office_name=COUNTY, location="某某县",
                              reason="报送", page=0, box=(72, 72, 300, 150))
    assert result.page_index == 0 and result.box == (72, 72, 300, 150)
    assert result.signing_time is not None
    assert signing.verify_signed_pdf(result.path, [county.certificate]).ok


def test_signing_in_place_replaces_the_file(county, tmp_path):
    source = write_report_pdf(tmp_path / "in.pdf")
    signing.sign_pdf(county, source, source, office_name=COUNTY, location="某某县", reason="报送")
    assert signing.verify_signed_pdf(source, [county.certificate]).ok
    assert [path.name for path in tmp_path.iterdir()] == ["in.pdf"]  # no temporary file left


def test_seal_image_signature_verifies(county, tmp_path):
    seal = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(seal).ellipse((10, 10, 290, 290), outline=(220, 20, 20, 255), width=14)
    seal.save(tmp_path / "seal.png")
    source = write_report_pdf(tmp_path / "in.pdf")
    result = signing.sign_pdf(county, source, tmp_path / "out.pdf", office_name=COUNTY, location="某某县",
                              reason="报送", seal_image=tmp_path / "seal.png")
    assert signing.verify_signed_pdf(result.path, [county.certificate]).ok


def test_page_out_of_range_is_a_user_error(county, tmp_path):
    source = write_report_pdf(tmp_path / "in.pdf", pages=2)
    with pytest.raises(UserError) as raised:
        signing.sign_pdf(county, source, tmp_path / "out.pdf", office_name=COUNTY, location="", reason="",
                         page=5)
    assert raised.value.code == "sign_page_out_of_range"
    assert not (tmp_path / "out.pdf").exists()


def test_office_name_the_stamp_font_cannot_draw_is_a_user_error(county, tmp_path):
    source = write_report_pdf(tmp_path / "in.pdf")
    with pytest.raises(UserError) as raised:
        signing.sign_pdf(county, source, tmp_path / "out.pdf", office_name="㐀县卫生健康局", location="", reason="")
    assert raised.value.code == "sign_stamp_characters_missing"
    assert "㐀" in raised.value.message("zh")


def test_signing_a_file_that_is_not_a_pdf_is_a_user_error(county, tmp_path):
    (tmp_path / "in.pdf").write_bytes(b"PK\x03\x04 this is a zip, not a PDF")
    with pytest.raises(UserError) as raised:
        signing.sign_pdf(county, tmp_path / "in.pdf", tmp_path / "out.pdf", office_name=COUNTY, location="",
                         reason="")
    assert raised.value.code == "sign_pdf_unreadable"


def test_unreadable_seal_image_is_a_user_error(county, tmp_path):
    (tmp_path / "seal.png").write_bytes(b"not an image")
    source = write_report_pdf(tmp_path / "in.pdf")
    with pytest.raises(UserError) as raised:
        signing.sign_pdf(county, source, tmp_path / "out.pdf", office_name=COUNTY, location="", reason="",
                         seal_image=tmp_path / "seal.png")
    assert raised.value.code == "sign_seal_unreadable"


def test_rsa_identity_signs_and_verifies(tmp_path):
    identity.create_identity(tmp_path / "id", COUNTY, PASSPHRASE, key_kind=identity.KeyKind.RSA_2048)
    unlocked = identity.unlock_identity(tmp_path / "id", PASSPHRASE)
    source = write_report_pdf(tmp_path / "in.pdf")
    signing.sign_pdf(unlocked, source, tmp_path / "out.pdf", office_name=COUNTY, location="", reason="")
    assert signing.verify_signed_pdf(tmp_path / "out.pdf", [unlocked.certificate]).ok
    signature = signing.sign_detached_cms(unlocked, b"{}")
    assert signing.verify_cms(b"{}", signature, [unlocked.certificate]).ok


# --- tampering and damage ----------------------------------------------------------------------------------------


def test_one_changed_byte_in_page_content_fails_with_hash_mismatch(signed_copy, county):
    data = bytearray(signed_copy.read_bytes())
    position = data.index(b" Td")  # an operand of the first text positioning operator, inside a content stream
    data[position - 1] = ord("7") if data[position - 1] != ord("7") else ord("8")
    signed_copy.write_bytes(bytes(data))
    result = signing.verify_signed_pdf(signed_copy, [county.certificate])
    assert not result.ok
    assert "哈希不匹配" in problems_text(result)
    assert "第 1 个签名（HpdeskSignature）" in problems_text(result)


def signature_contents(data: bytes) -> tuple[int, bytes]:
    match = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    return match.start(1), match.group(1)


def test_altered_signature_value_fails_as_invalid(signed_copy, county):
    data = bytearray(signed_copy.read_bytes())
    start, hex_contents = signature_contents(bytes(data))
    signed_data = asn1_cms.ContentInfo.load(bytes.fromhex(hex_contents.decode()))["content"]
    signature_value = signed_data["signer_infos"][0]["signature"].native
    # ECDSA-Sig-Value: 30 len 02 len r…; change a digit well inside r so the DER structure stays intact.
    offset = start + hex_contents.lower().index(signature_value.hex().encode()) + 20
    data[offset] = ord("0") if data[offset] != ord("0") else ord("1")
    signed_copy.write_bytes(bytes(data))
    result = signing.verify_signed_pdf(signed_copy, [county.certificate])
    assert not result.ok
    assert "签名值无效" in problems_text(result)


def test_damaged_signature_structure_fails_without_raising(signed_copy, county):
    data = bytearray(signed_copy.read_bytes())
    start, _ = signature_contents(bytes(data))
    data[start + 8:start + 12] = b"ffff"
    signed_copy.write_bytes(bytes(data))
    result = signing.verify_signed_pdf(signed_copy, [county.certificate])
    assert not result.ok and result.problems


def test_bytes_appended_after_signing_fail(signed_copy, county):
    with open(signed_copy, "ab") as stream:
        stream.write(b"\n% appended after signing\n")
    result = signing.verify_signed_pdf(signed_copy, [county.certificate])
    assert not result.ok
    assert "追加" in problems_text(result)


def test_incremental_update_after_signing_fails(signed_copy, county):
    with open(signed_copy, "rb+") as stream:
        writer = IncrementalPdfFileWriter(stream)
        writer.root["/Lang"] = generic.pdf_string("zh-CN")
        writer.update_root()
        writer.write_in_place()
    result = signing.verify_signed_pdf(signed_copy, [county.certificate])
    assert not result.ok
    assert "增量更新" in problems_text(result)


@pytest.mark.parametrize("cut", [50, 5000])
def test_truncated_file_fails_clearly_without_raising(signed_copy, county, cut):
    data = signed_copy.read_bytes()
    signed_copy.write_bytes(data[:-cut])
    result = signing.verify_signed_pdf(signed_copy, [county.certificate])
    assert not result.ok and result.problems


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n garbage", b"\x00" * 100])
def test_garbage_file_fails_without_raising(tmp_path, county, content):
    (tmp_path / "bad.pdf").write_bytes(content)
    result = signing.verify_signed_pdf(tmp_path / "bad.pdf", [county.certificate])
    assert not result.ok and result.problems


def test_missing_file_fails_without_raising(tmp_path, county):
    result = signing.verify_signed_pdf(tmp_path / "absent.pdf", [county.certificate])
    assert not result.ok and result.problems


def test_unsigned_pdf_fails_as_unsigned(tmp_path, county):
    result = signing.verify_signed_pdf(write_report_pdf(tmp_path / "plain.pdf"), [county.certificate])
    assert not result.ok
    assert result.problems == ["文件中没有数字签名。"]


@pytest.mark.parametrize("trusted", ["other", "none"])
def test_signature_by_an_unregistered_certificate_fails_as_not_trusted(signed_pdf, city, county, trusted):
    result = signing.verify_signed_pdf(signed_pdf, [city.certificate] if trusted == "other" else [])
    assert not result.ok
    assert "不是本机登记的受信任证书" in problems_text(result)
    assert county.info.fingerprint_short in problems_text(result)


def test_countersignature_is_accepted_only_when_allowed(signed_copy, county, city):
    signing.sign_pdf(city, signed_copy, signed_copy, office_name=CITY, location="某某市", reason="审核通过")
    trusted = [county.certificate, city.certificate]
    strict = signing.verify_signed_pdf(signed_copy, trusted)
    assert not strict.ok
    assert [report.field_name for report in strict.signatures] == ["HpdeskSignature", "HpdeskSignature2"]
    assert not strict.signatures[0].ok and strict.signatures[1].ok
    relaxed = signing.verify_signed_pdf(signed_copy, trusted, allow_countersignatures=True)
    assert relaxed.ok, relaxed.problems


# --- detached CMS ------------------------------------------------------------------------------------------------

MANIFEST = '{"files": [{"path": "data/progress.xlsx", "sha256": "ab12"}], "office": "某某县卫生健康局"}'.encode()


def test_cms_signature_verifies(county):
    signature = signing.sign_detached_cms(county, MANIFEST)
    result = signing.verify_cms(MANIFEST, signature, [county.certificate])
    assert result.ok, result.problems
    assert result.signer_fingerprint == county.info.fingerprint_sha256
    assert COUNTY in result.signer_subject
    assert result.signing_time is not None


def test_cms_signature_is_detached(county):
    signature = signing.sign_detached_cms(county, MANIFEST)
    assert MANIFEST not in signature


def test_cms_over_changed_data_fails_with_hash_mismatch(county):
    signature = signing.sign_detached_cms(county, MANIFEST)
    result = signing.verify_cms(MANIFEST.replace(b"ab12", b"ab13"), signature, [county.certificate])
    assert not result.ok
    assert "哈希不匹配" in problems_text(result)


def test_cms_with_altered_signature_value_fails(county):
    signature = bytearray(signing.sign_detached_cms(county, MANIFEST))
    signature_value = asn1_cms.ContentInfo.load(bytes(signature))["content"]["signer_infos"][0]["signature"].native
    offset = bytes(signature).index(signature_value) + 10
    signature[offset] ^= 0x01
    result = signing.verify_cms(MANIFEST, bytes(signature), [county.certificate])
    assert not result.ok
    assert "签名值无效" in problems_text(result)


@pytest.mark.parametrize("signature", [b"", b"garbage", b"\x30\x03\x02\x01\x01"])
def test_damaged_cms_fails_without_raising(county, signature):
    result = signing.verify_cms(MANIFEST, signature, [county.certificate])
    assert not result.ok and result.problems


def test_truncated_cms_fails_without_raising(county):
    signature = signing.sign_detached_cms(county, MANIFEST)
    result = signing.verify_cms(MANIFEST, signature[:-20], [county.certificate])
    assert not result.ok and result.problems


def test_cms_by_an_unregistered_certificate_fails_as_not_trusted(county, city):
    signature = signing.sign_detached_cms(county, MANIFEST)
    result = signing.verify_cms(MANIFEST, signature, [city.certificate])
    assert not result.ok
    assert "不是本机登记的受信任证书" in problems_text(result)


def test_openssl_accepts_the_cms_signature_and_rejects_changed_content(county, tmp_path):
    if shutil.which("openssl") is None:
        missing("openssl is not installed (scripts/setup.sh installs it)")
    (tmp_path / "manifest.json").write_bytes(MANIFEST)
    (tmp_path / "manifest.json.p7s").write_bytes(signing.sign_detached_cms(county, MANIFEST))
    (tmp_path / "cert.pem").write_bytes(county.info.certificate_path.read_bytes())
    command = ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", "manifest.json.p7s",
               "-content", "manifest.json", "-CAfile", "cert.pem", "-purpose", "any", "-out", os.devnull]
    accepted = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert accepted.returncode == 0, accepted.stderr
    assert "Verification successful" in accepted.stderr
    (tmp_path / "manifest.json").write_bytes(MANIFEST + b" ")
    rejected = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert rejected.returncode != 0


def test_identity_issued_by_an_outside_ca_verifies_when_its_own_certificate_is_registered(tmp_path):
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.timezone.utc)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "省级CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
          .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=90))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True).sign(ca_key, hashes.SHA256()))
    leaf = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, COUNTY)]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(2)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=90))
            .sign(ca_key, hashes.SHA256()))
    encryption = serialization.BestAvailableEncryption(b"pass1234")
    p12 = pkcs12.serialize_key_and_certificates(b"x", key, leaf, [ca], encryption)
    identity.import_identity(tmp_path / "id", p12, "pass1234")
    unlocked = identity.unlock_identity(tmp_path / "id", "pass1234")
    assert len(unlocked.chain) == 1
    source = write_report_pdf(tmp_path / "in.pdf")
    signing.sign_pdf(unlocked, source, tmp_path / "out.pdf", office_name=COUNTY, location="", reason="")
    assert signing.verify_signed_pdf(tmp_path / "out.pdf", [leaf]).ok
    # Pinning is by the signer's own certificate: trusting only the issuing CA is not enough.
    assert not signing.verify_signed_pdf(tmp_path / "out.pdf", [ca]).ok


def test_using_pyhanko_prints_no_english_warning_on_the_clerks_terminal():
    """`hpdesk verify`/`receive`/`export` load pyHanko's signers through this module; cryptography's "DSA is
    deprecated" warning from that import reached the clerk's terminal before every result."""
    import sys

    code = ("import hpdesk.services.signing as signing; signing._pyhanko_signer; "
            "import pyhanko.sign.signers, pyhanko.sign.validation")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONWARNINGS": ""})
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr


def test_an_end_of_file_marker_appended_after_signing_is_named_in_chinese(signed_copy, county):
    """Appending "%%EOF" after the signed file made the reader fail before any signature was read, and the reason
    quoted pyHanko's "PdfReadError: startxref not found"."""
    with open(signed_copy, "ab") as stream:
        stream.write(b"\n%%EOF\n")
    result = signing.verify_signed_pdf(signed_copy, [county.certificate])
    text = problems_text(result)
    assert not result.ok and "追加" in text and "startxref" not in text and "Error" not in text, text


@pytest.mark.parametrize("cut", [50, 5000])
def test_a_truncated_file_is_explained_in_chinese_not_in_pypdfs_english(signed_copy, county, cut):
    """A copy cut short on the USB stick quoted "PdfReadError: EOF marker not found" inside the Chinese reason."""
    data = signed_copy.read_bytes()
    signed_copy.write_bytes(data[:cut] if cut < 100 else data[:-cut])
    text = problems_text(signing.verify_signed_pdf(signed_copy, [county.certificate]))
    assert "Error" not in text and "EOF marker" not in text and "malformed" not in text, text
