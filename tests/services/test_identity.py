"""The office signing identity: created or imported, stored encrypted, unlocked only with the passphrase."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess

import pytest
from missing_input import missing
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from hpdesk.domain.errors import UserError
from hpdesk.services import identity
from hpdesk.services.identity import KeyKind

# Runs once, not on both back ends: no database (the identity is files in a folder; on a shared workspace that folder
# is the shared one: test_identity_cli runs on both).

OFFICE = "某某县卫生健康局"
PASSPHRASE = "县局口令2025"


def make_p12(passphrase: bytes, *, key=None, with_key=True, common_name="外部CA签发的证书") -> bytes:
    key = key or ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now)
                   .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256()))
    encryption = serialization.BestAvailableEncryption(passphrase)
    if with_key:
        return pkcs12.serialize_key_and_certificates(b"x", key, certificate, None, encryption)
    return pkcs12.serialize_key_and_certificates(b"x", None, None, [certificate], encryption)


@pytest.fixture
def identity_dir(tmp_path):
    return tmp_path / "identity"


def test_created_identity_describes_office_and_fingerprint(identity_dir):
    info = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    assert info.office_name == OFFICE
    assert "CN=" + OFFICE in info.subject and "C=CN" in info.subject
    assert len(info.fingerprint_sha256) == 64
    assert info.fingerprint_display.count(":") == 31
    assert info.fingerprint_display.replace(":", "").lower() == info.fingerprint_sha256
    assert info.fingerprint_short == " ".join(info.fingerprint_sha256[i:i + 4].upper() for i in range(0, 16, 4))
    assert info.key_description == "EC P-256"
    assert dt.timedelta(days=3640) < info.not_valid_after - info.not_valid_before < dt.timedelta(days=3660)
    assert (identity_dir / identity.IDENTITY_FILE).is_file()
    assert info.certificate_path == identity_dir / identity.CERTIFICATE_FILE


def test_created_certificate_is_a_self_signed_signing_root(identity_dir):
    info = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    certificate = x509.load_pem_x509_certificate(info.certificate_path.read_bytes())
    assert certificate.issuer == certificate.subject
    constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints)
    assert constraints.critical and constraints.value.ca and constraints.value.path_length == 0
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and usage.key_cert_sign
    assert not usage.key_encipherment


def test_rsa_identity_can_be_chosen(identity_dir):
    info = identity.create_identity(identity_dir, OFFICE, PASSPHRASE, key_kind=KeyKind.RSA_2048)
    assert info.key_description == "RSA-2048"
    assert isinstance(identity.unlock_identity(identity_dir, PASSPHRASE).private_key, rsa.RSAPrivateKey)


def test_no_identity_yet_reads_as_none(identity_dir):
    assert identity.load_identity_info(identity_dir) is None
    with pytest.raises(UserError) as raised:
        identity.unlock_identity(identity_dir, PASSPHRASE)
    assert raised.value.code == "identity_missing"


def test_stored_identity_reads_back_without_passphrase(identity_dir):
    created = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    assert identity.load_identity_info(identity_dir) == created


def test_unlock_with_right_passphrase_gives_matching_key_and_certificate(identity_dir):
    created = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    unlocked = identity.unlock_identity(identity_dir, PASSPHRASE)
    assert unlocked.info == created
    assert unlocked.private_key.public_key().public_numbers() == unlocked.certificate.public_key().public_numbers()
    assert "PRIVATE" not in repr(unlocked) and created.fingerprint_short in repr(unlocked)


def test_unlock_with_wrong_passphrase_is_a_user_error(identity_dir):
    identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    with pytest.raises(UserError) as raised:
        identity.unlock_identity(identity_dir, "wrong-passphrase")
    assert raised.value.code == "identity_wrong_passphrase"
    assert raised.value.message("zh") == "证书口令不正确。"


def test_private_key_file_is_encrypted(identity_dir):
    identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    with pytest.raises(ValueError):
        pkcs12.load_pkcs12((identity_dir / identity.IDENTITY_FILE).read_bytes(), None)


def test_stored_identity_opens_in_openssl(identity_dir):
    if shutil.which("openssl") is None:
        missing("openssl is not installed (scripts/setup.sh installs it)")
    identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    result = subprocess.run(["openssl", "pkcs12", "-in", str(identity_dir / identity.IDENTITY_FILE), "-nokeys",
                             "-passin", "env:P12_PASS"], capture_output=True,
                            env={**os.environ, "P12_PASS": PASSPHRASE})
    assert result.returncode == 0, result.stderr
    assert b"BEGIN CERTIFICATE" in result.stdout


def test_creating_over_an_existing_identity_needs_replace(identity_dir):
    first = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    with pytest.raises(UserError) as raised:
        identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    assert raised.value.code == "identity_exists"
    assert first.fingerprint_short in raised.value.message("zh")


def test_replacing_an_identity_keeps_the_old_files(identity_dir):
    first = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    second = identity.create_identity(identity_dir, OFFICE, PASSPHRASE, replace=True)
    assert second.fingerprint_sha256 != first.fingerprint_sha256
    kept = sorted(path.name for path in identity_dir.iterdir() if ".replaced-" in path.name)
    assert len(kept) == 2
    assert identity.load_identity_info(identity_dir) == second


@pytest.mark.parametrize("passphrase", ["", "12345"])
def test_short_passphrase_is_refused(identity_dir, passphrase):
    with pytest.raises(UserError) as raised:
        identity.create_identity(identity_dir, OFFICE, passphrase)
    assert raised.value.code == "identity_passphrase_too_short"
    assert not identity_dir.exists() or not any(identity_dir.iterdir())


@pytest.mark.parametrize("office", ["", "   ", "局" * 65])
def test_blank_or_overlong_office_name_is_refused(identity_dir, office):
    with pytest.raises(UserError) as raised:
        identity.create_identity(identity_dir, office, PASSPHRASE)
    assert raised.value.code == "identity_office_name_invalid"


def test_damaged_certificate_file_is_reported(identity_dir):
    identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    (identity_dir / identity.CERTIFICATE_FILE).write_bytes(b"not a certificate")
    with pytest.raises(UserError) as raised:
        identity.load_identity_info(identity_dir)
    assert raised.value.code == "identity_damaged"


def test_change_passphrase_reencrypts_same_key(identity_dir):
    created = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    identity.change_passphrase(identity_dir, PASSPHRASE, "新的口令123")
    assert identity.unlock_identity(identity_dir, "新的口令123").info.fingerprint_sha256 == created.fingerprint_sha256
    with pytest.raises(UserError) as refused:
        identity.unlock_identity(identity_dir, PASSPHRASE)
    assert refused.value.code == "identity_wrong_passphrase" and "口令" in refused.value.message("zh")


def test_imported_p12_keeps_its_key_and_passphrase(identity_dir):
    key = ec.generate_private_key(ec.SECP384R1())
    info = identity.import_identity(identity_dir, make_p12(b"old-pass", key=key), "old-pass")
    assert info.office_name == "外部CA签发的证书"
    assert info.key_description == "EC P-384"
    unlocked = identity.unlock_identity(identity_dir, "old-pass")
    assert unlocked.private_key.private_numbers() == key.private_numbers()
    assert unlocked.info.office_name == "外部CA签发的证书"


@pytest.mark.parametrize("data", [make_p12(b"other-pass"), b"garbage, not PKCS#12", b""])
def test_import_with_wrong_passphrase_or_damaged_file_is_a_user_error(identity_dir, data):
    with pytest.raises(UserError) as raised:
        identity.import_identity(identity_dir, data, "old-pass")
    assert raised.value.code == "identity_p12_unreadable"
    assert identity.load_identity_info(identity_dir) is None


def test_import_of_certificate_without_key_is_refused(identity_dir):
    with pytest.raises(UserError) as raised:
        identity.import_identity(identity_dir, make_p12(b"old-pass", with_key=False), "old-pass")
    assert raised.value.code == "identity_p12_incomplete"


def test_import_of_weak_rsa_key_is_refused(identity_dir):
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    with pytest.raises(UserError) as raised:
        identity.import_identity(identity_dir, make_p12(b"old-pass", key=weak), "old-pass")
    assert raised.value.code == "identity_key_unsupported"
    assert "RSA-1024" in raised.value.message("zh")


def test_exported_certificate_loads_back_with_same_fingerprint(identity_dir, tmp_path):
    created = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    out = identity.export_certificate(identity_dir, tmp_path / "export" / "某某县.cer")
    [certificate] = identity.load_certificate_file(out)
    assert identity.certificate_sha256(certificate) == created.fingerprint_sha256


def test_der_certificates_load_too(identity_dir, tmp_path):
    created = identity.create_identity(identity_dir, OFFICE, PASSPHRASE)
    [pem_certificate] = identity.load_certificate_file(created.certificate_path)
    [der_certificate] = identity.load_certificates(pem_certificate.public_bytes(serialization.Encoding.DER))
    assert der_certificate == pem_certificate


def test_unreadable_certificate_is_a_user_error(tmp_path):
    with pytest.raises(UserError) as raised:
        identity.load_certificates(b"\x00\x01 nonsense", "city.cer")
    assert raised.value.code == "certificate_unreadable"
    with pytest.raises(UserError) as refused:
        identity.load_certificate_file(tmp_path / "absent.pem")
    assert refused.value.code == "certificate_unreadable" and "absent.pem" in refused.value.message("zh")


def test_export_without_identity_is_a_user_error(identity_dir, tmp_path):
    with pytest.raises(UserError) as raised:
        identity.export_certificate(identity_dir, tmp_path / "x.pem")
    assert raised.value.code == "identity_missing"
