"""The office's signing identity: a private key and a self-signed X.509 certificate, kept in the workspace.

There is no PKI between county and city offices: each office makes (or imports) its own key pair and hands its
certificate to the receiving office, which pins it by SHA-256 fingerprint (TECH_NOTES §1). The fingerprint is
therefore what people compare on the phone or on paper, and is offered in a full and a short form.

On disk, in the folder the caller gives (the workspace's `identity/`):
  signing-identity.p12      key + certificate (+ any chain certificates), PKCS#12 encrypted with the user's
                            passphrase (PBES2: PBKDF2-SHA256 + AES-256-CBC, HMAC-SHA256 — opens in OpenSSL 3 and
                            Windows 10+)
  signing-certificate.pem   the certificate alone: readable without the passphrase, for display and export
Files are written to a temporary name in the same folder and moved into place (os.replace). Replacing an identity
keeps the old files under a `.replaced-<time>` suffix, because signatures made with the old key stay valid only
for receivers that still hold the old certificate.

No Qt and no pyHanko here; signing.py turns an UnlockedIdentity into a signer.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.passphrase import MIN_PASSPHRASE_LENGTH, passphrase_too_short
from hpdesk.services.user_files import replacing

IDENTITY_FILE = "signing-identity.p12"
CERTIFICATE_FILE = "signing-certificate.pem"
MAX_OFFICE_NAME_LENGTH = 64  # X.509 upper bound for commonName and organizationName
VALIDITY = dt.timedelta(days=3653)
# Back-dated so a receiving PC whose clock runs a little behind does not see a "not yet valid" certificate.
BACKDATE = dt.timedelta(days=1)
PBKDF2_ROUNDS = 100_000

register_messages(
    {
        "identity_exists": (
            "本机已有签章证书（指纹 {fingerprint}）。如需更换，请先确认：更换后上级单位需重新登记新证书。",
            "A signing identity already exists (fingerprint {fingerprint}). Replacing it means the receiving "
            "office must register the new certificate.",
        ),
        "identity_missing": (
            "尚未创建或导入签章证书。请先在“签章证书”中创建或导入。",
            "No signing identity yet. Create or import one first.",
        ),
        "identity_damaged": (
            "签章证书文件已损坏或不完整：{path}。请从备份恢复或重新导入。",
            "The signing identity files are damaged or incomplete: {path}. Restore them from a backup or re-import.",
        ),
        "identity_wrong_passphrase": (
            "证书口令不正确。",
            "Wrong passphrase for the signing identity.",
        ),
        "identity_passphrase_too_short": (
            "证书口令至少需要 {minimum} 个字符。",
            "The passphrase must have at least {minimum} characters.",
        ),
        "identity_office_name_invalid": (
            "单位名称不能为空，且不超过 {maximum} 个字符。",
            "The office name must be 1 to {maximum} characters long.",
        ),
        "identity_p12_unreadable": (
            "无法打开证书文件：口令不正确，或文件不是有效的 PKCS#12（.p12/.pfx）文件。",
            "Cannot open the certificate file: wrong passphrase, or not a valid PKCS#12 (.p12/.pfx) file.",
        ),
        "identity_p12_incomplete": (
            "证书文件中缺少私钥或证书，无法用于签章。",
            "The PKCS#12 file lacks a private key or a certificate, so it cannot sign.",
        ),
        "identity_p12_key_mismatch": (
            "证书文件中的私钥与证书不匹配。",
            "The private key in the PKCS#12 file does not belong to its certificate.",
        ),
        "identity_key_unsupported": (
            "不支持的密钥类型（{kind}）。请使用 RSA（2048 位及以上）或 EC P-256/P-384 密钥。",
            "Unsupported key type ({kind}). Use RSA (2048 bits or more) or EC P-256/P-384.",
        ),
        "certificate_unreadable": (
            "无法读取证书：{source}。请确认是 PEM 或 DER 格式的 X.509 证书（.pem/.cer/.crt）。",
            "Cannot read the certificate {source}: expected an X.509 certificate in PEM or DER form.",
        ),
    }
)


class KeyKind(enum.StrEnum):
    EC_P256 = "ec-p256"  # small and fast (13 ms to create); the default
    RSA_2048 = "rsa-2048"  # for receivers whose tools only know RSA


@dataclass(frozen=True)
class IdentityInfo:
    """What the UI shows about an identity; needs no passphrase."""

    office_name: str  # organizationName, else commonName
    subject: str  # RFC 4514 form
    fingerprint_sha256: str  # 64 lowercase hex digits: the canonical form for pinning
    fingerprint_display: str  # "AB:CD:…" (32 groups)
    fingerprint_short: str  # "ABCD EF01 2345 6789": first 64 bits, for stamps and phone calls
    not_valid_before: dt.datetime
    not_valid_after: dt.datetime
    key_description: str  # "EC P-256", "RSA-2048"
    certificate_path: Path


@dataclass(frozen=True)
class UnlockedIdentity:
    """The decrypted key and certificate; keep only for the duration of a signing operation."""

    info: IdentityInfo
    private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]  # extra certificates from an imported PKCS#12 (may be empty)

    def __repr__(self) -> str:  # never print key material into logs
        return f"UnlockedIdentity({self.info.subject!r}, {self.info.fingerprint_short})"


# --- fingerprints and certificate files ----------------------------------------------------------------------------


def certificate_sha256(certificate: x509.Certificate) -> str:
    """SHA-256 of the DER certificate as 64 lowercase hex digits."""
    return certificate.fingerprint(hashes.SHA256()).hex()


def format_fingerprint(fingerprint_hex: str) -> tuple[str, str]:
    """(full "AB:CD:…", short "ABCD EF01 2345 6789") forms of a hex fingerprint."""
    digits = fingerprint_hex.replace(":", "").replace(" ", "").upper()
    full = ":".join(digits[i:i + 2] for i in range(0, len(digits), 2))
    short = " ".join(digits[i:i + 4] for i in range(0, 16, 4))
    return full, short


def load_certificates(data: bytes, source: str = "") -> list[x509.Certificate]:
    """Every certificate in PEM data (one or more blocks) or a single DER certificate; UserError if none."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise UserError("certificate_unreadable", source=source or "?") from None


def load_certificate_file(path: Path) -> list[x509.Certificate]:
    try:
        data = path.read_bytes()
    except OSError:
        raise UserError("certificate_unreadable", source=str(path)) from None
    return load_certificates(data, str(path))


def describe_certificate(certificate: x509.Certificate, certificate_path: Path) -> IdentityInfo:
    fingerprint = certificate_sha256(certificate)
    full, short = format_fingerprint(fingerprint)
    return IdentityInfo(_office_name(certificate.subject), certificate.subject.rfc4514_string(), fingerprint, full,
                        short, certificate.not_valid_before_utc, certificate.not_valid_after_utc,
                        _key_description(certificate.public_key()), certificate_path)


def _office_name(name: x509.Name) -> str:
    for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
        attributes = name.get_attributes_for_oid(oid)
        if attributes:
            return str(attributes[0].value)
    return name.rfc4514_string()


def _key_description(public_key) -> str:
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return {"secp256r1": "EC P-256", "secp384r1": "EC P-384"}.get(public_key.curve.name, public_key.curve.name)
    if isinstance(public_key, rsa.RSAPublicKey):
        return f"RSA-{public_key.key_size}"
    return type(public_key).__name__


def _check_key_supported(private_key) -> None:
    if isinstance(private_key, rsa.RSAPrivateKey) and private_key.key_size >= 2048:
        return
    if isinstance(private_key, ec.EllipticCurvePrivateKey) and private_key.curve.name in ("secp256r1", "secp384r1"):
        return
    raise UserError("identity_key_unsupported", kind=_key_description(private_key.public_key()))


# --- creating, importing, storing ----------------------------------------------------------------------------------


def create_identity(identity_dir: Path, office_name: str, passphrase: str, *,
                    key_kind: KeyKind = KeyKind.EC_P256, replace: bool = False,
                    minimum_length: int = MIN_PASSPHRASE_LENGTH) -> IdentityInfo:
    """Make a key pair and a ten-year self-signed certificate for `office_name`, and store them encrypted.

    Subject CN = O = office name, C = CN. BasicConstraints CA=true, pathlen 0 and KeyUsage digitalSignature +
    contentCommitment + keyCertSign (both critical): a self-signed certificate that pyhanko-certvalidator accepts
    as its own trust root (verified in TECH_NOTES §1) and that may not issue further CAs.
    Raises UserError if an identity exists and `replace` is false, or the name or passphrase is unacceptable.
    `minimum_length` is lowered only by the demo, whose published passphrase is "demo".
    """
    office_name = " ".join(office_name.split())
    if not 0 < len(office_name) <= MAX_OFFICE_NAME_LENGTH:
        raise UserError("identity_office_name_invalid", maximum=MAX_OFFICE_NAME_LENGTH)
    _check_new_passphrase(passphrase, minimum_length)
    _refuse_to_overwrite(identity_dir, replace)
    now = dt.datetime.now(dt.timezone.utc)
    private_key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
    if key_kind is KeyKind.RSA_2048:
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    else:
        private_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, office_name),
        x509.NameAttribute(NameOID.COMMON_NAME, office_name),
    ])
    public_key = private_key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public_key), critical=False)
        .sign(private_key, hashes.SHA256())
    )
    return _store(identity_dir, private_key, certificate, (), passphrase, friendly_name=office_name)


def import_identity(identity_dir: Path, p12_bytes: bytes, passphrase: str, *,
                    replace: bool = False) -> IdentityInfo:
    """Store the key and certificate of a PKCS#12 (.p12/.pfx) file, encrypted again with the same passphrase.

    The certificate need not be self-signed (an office may have one from a provincial CA); its chain certificates
    are kept. Raises UserError on a wrong passphrase, a damaged file, a missing key or a key hpdesk cannot use.
    """
    try:
        loaded = pkcs12.load_pkcs12(p12_bytes, passphrase.encode("utf-8") if passphrase else None)
    except (ValueError, TypeError):
        raise UserError("identity_p12_unreadable") from None
    if loaded.key is None or loaded.cert is None:
        raise UserError("identity_p12_incomplete")
    private_key, certificate = loaded.key, loaded.cert.certificate
    _check_key_supported(private_key)
    if private_key.public_key() != certificate.public_key():  # cryptography compares the key material
        raise UserError("identity_p12_key_mismatch")
    _check_new_passphrase(passphrase)
    _refuse_to_overwrite(identity_dir, replace)
    chain = tuple(extra.certificate for extra in loaded.additional_certs)
    return _store(identity_dir, private_key, certificate, chain, passphrase,
                  friendly_name=_office_name(certificate.subject))


def change_passphrase(identity_dir: Path, old_passphrase: str, new_passphrase: str) -> IdentityInfo:
    """Re-encrypt the stored identity; UserError on a wrong old passphrase or a too-short new one."""
    _check_new_passphrase(new_passphrase)
    unlocked = unlock_identity(identity_dir, old_passphrase)
    return _store(identity_dir, unlocked.private_key, unlocked.certificate, unlocked.chain, new_passphrase,
                  friendly_name=unlocked.info.office_name, keep_previous=False)


def load_identity_info(identity_dir: Path) -> IdentityInfo | None:
    """The stored identity's description, or None when there is none. UserError('identity_damaged') if unreadable."""
    certificate_path = identity_dir / CERTIFICATE_FILE
    if not (identity_dir / IDENTITY_FILE).exists():
        return None
    try:
        certificate = x509.load_pem_x509_certificate(certificate_path.read_bytes())
    except (OSError, ValueError):
        raise UserError("identity_damaged", path=str(certificate_path)) from None
    return describe_certificate(certificate, certificate_path)


def unlock_identity(identity_dir: Path, passphrase: str) -> UnlockedIdentity:
    """Decrypt the stored key and certificate. UserError on a wrong passphrase or a missing or damaged identity."""
    p12_path = identity_dir / IDENTITY_FILE
    try:
        p12_bytes = p12_path.read_bytes()
    except FileNotFoundError:
        raise UserError("identity_missing") from None
    except OSError:
        raise UserError("identity_damaged", path=str(p12_path)) from None
    try:
        loaded = pkcs12.load_pkcs12(p12_bytes, passphrase.encode("utf-8"))
    except ValueError:
        # OpenSSL cannot tell a wrong passphrase from a damaged MAC; the file was written by us, so it is the former.
        raise UserError("identity_wrong_passphrase") from None
    # import_identity admits only these key kinds, so another one means the file was not written by us
    if not isinstance(loaded.key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) or loaded.cert is None:
        raise UserError("identity_damaged", path=str(p12_path))
    certificate = loaded.cert.certificate
    return UnlockedIdentity(describe_certificate(certificate, identity_dir / CERTIFICATE_FILE), loaded.key, certificate,
                            tuple(extra.certificate for extra in loaded.additional_certs))


def export_certificate(identity_dir: Path, out_path: Path) -> Path:
    """Write the certificate (PEM; Windows opens it as .cer/.crt too) for the receiving office to register."""
    info = load_identity_info(identity_dir)
    if info is None:
        raise UserError("identity_missing")
    write_file_atomically(out_path, info.certificate_path.read_bytes())
    return out_path


def _check_new_passphrase(passphrase: str, minimum_length: int = MIN_PASSPHRASE_LENGTH) -> None:
    if passphrase_too_short(passphrase, minimum_length):
        raise UserError("identity_passphrase_too_short", minimum=minimum_length)


def _refuse_to_overwrite(identity_dir: Path, replace: bool) -> None:
    if replace or not (identity_dir / IDENTITY_FILE).exists():
        return
    try:
        existing = load_identity_info(identity_dir)
        fingerprint = existing.fingerprint_short if existing else "?"
    except UserError:
        fingerprint = "?"
    raise UserError("identity_exists", fingerprint=fingerprint)


def _store(identity_dir: Path, private_key, certificate: x509.Certificate, chain: tuple[x509.Certificate, ...],
           passphrase: str, *, friendly_name: str, keep_previous: bool = True) -> IdentityInfo:
    identity_dir.mkdir(parents=True, exist_ok=True)
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(PBKDF2_ROUNDS)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase.encode("utf-8"))
    )
    p12_bytes = pkcs12.serialize_key_and_certificates(friendly_name.encode("utf-8"), private_key, certificate,
                                                      list(chain) or None, encryption)
    p12_path, certificate_path = identity_dir / IDENTITY_FILE, identity_dir / CERTIFICATE_FILE
    if keep_previous and p12_path.exists():
        suffix = ".replaced-" + dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        for path in (p12_path, certificate_path):
            if path.exists():
                os.replace(path, path.with_name(path.name + suffix))
    # Key file first: an identity whose certificate PEM is missing is reported as damaged, never silently half-made.
    write_file_atomically(p12_path, p12_bytes)
    write_file_atomically(certificate_path, certificate.public_bytes(serialization.Encoding.PEM))
    return describe_certificate(certificate, certificate_path)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole and fsynced: readers see the old file or the new one, never half."""
    with replacing(path, durable=True) as temporary:
        temporary.write_bytes(data)
