"""Signing and verifying: PAdES signatures on exported PDFs, detached CMS over package manifests.

Everything is offline. PDFs are signed PAdES B-B with pyHanko (no timestamp authority: the signing time is the
signer PC's clock and is shown as such). Package manifests get a detached CMS (DER, SHA-256) that
`openssl cms -verify -binary -inform DER -content manifest.json -CAfile cert.pem -purpose any` accepts.

Verification never raises on a damaged file: pyHanko raises AttributeError/PdfReadError and worse on malformed
input (TECH_NOTES §1), so every failure becomes a precise Chinese problem in the result. "Valid" is not enough:
a signature passes only if it is intact and valid, its certificate is one of the receiver's registered certificates
(pinned by SHA-256; there is no PKI), and nothing was changed or appended after it.

pyHanko's synchronous validators call asyncio.run(): call these functions from a worker thread, never from a thread
that runs an event loop. No Qt here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import tempfile
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, cast

from asn1crypto import cms as asn1_cms
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.cms_strict import pdf_contents_problems
from hpdesk.services import fonts
from hpdesk.services.identity import UnlockedIdentity, certificate_sha256, format_fingerprint

# Importing pyHanko's signers makes cryptography warn "DSA is deprecated …" (English, on stderr) on every verify,
# receive and export a clerk runs: it is about pyHanko's own import of the DSA key class, says nothing about the
# clerk's files, and hpdesk signs with its own EC or RSA keys only.
warnings.filterwarnings("ignore", message="DSA is deprecated", module=r"pyhanko\.")

DEFAULT_FIELD_NAME = "HpdeskSignature"
STAMP_FONT_SIZE = 8
STAMP_MARGIN = 36  # points from the page edge for the default stamp box
STAMP_SIZE = (250, 72)  # points: room for three lines of 8 pt text, or a 4.2 cm seal
STAMP_TEMPLATE = "签章单位：%(office)s\n签名时间（本机时钟）：%(ts)s\n证书指纹：%(fingerprint)s"
STAMP_TIME_FORMAT = "%Y-%m-%d %H:%M:%S UTC%z"

register_messages(
    {
        "sign_pdf_unreadable": (
            "无法读取要签章的 PDF：{path}（{detail}）。",
            "Cannot read the PDF to sign: {path} ({detail}).",
        ),
        "sign_page_out_of_range": (
            "签章页码 {page} 超出范围：文件共 {count} 页。",
            "Signature page {page} is out of range: the document has {count} pages.",
        ),
        "sign_stamp_characters_missing": (
            "签章外观中的字符“{characters}”超出签章字体的范围，无法显示。请修改单位名称或更换字体。",
            "The stamp font cannot draw “{characters}”. Change the office name or the font.",
        ),
        "sign_seal_unreadable": (
            "无法读取印章图片：{path}。",
            "Cannot read the seal image: {path}.",
        ),
    }
)


# --- signing -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedPdf:
    path: Path
    field_name: str
    page_index: int  # zero-based, resolved from a negative index
    box: tuple[float, float, float, float]
    signing_time: dt.datetime | None  # the signer-asserted time (this PC's clock)


def sign_pdf(unlocked: UnlockedIdentity, in_path: Path | str, out_path: Path | str, *, office_name: str,
             location: str, reason: str, seal_image: Path | str | None = None,
             stamp_font_path: Path | str | None = None, page: int = -1,
             box: tuple[float, float, float, float] | None = None, field_name: str | None = None) -> SignedPdf:
    """Sign `in_path` (PAdES B-B, SHA-256) into `out_path` with a visible signature.

    The appearance shows 签章单位 / 签名时间（本机时钟） / 证书指纹 (short form) in `stamp_font_path` (default: the
    bundled Noto Sans SC; must be a single-face TTF/OTF), drawn over `seal_image` (an RGBA PNG) when given.
    `page` is a page index (negative counts from the end; default last page); `box` is (x1, y1, x2, y2) in PDF
    points, default the bottom-right corner. A new field is added (named `field_name`, or HpdeskSignature[N] when
    the document already has signatures, e.g. a countersignature). The output is written to a temporary file in the
    target folder and moved into place, so `out_path` may equal `in_path`. Raises UserError for unreadable input,
    a bad page number, stamp text the font cannot draw or an unreadable seal.
    """
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    in_path, out_path = Path(in_path), Path(out_path)
    font_path = Path(stamp_font_path) if stamp_font_path else fonts.font_path(fonts.FontRole.SANS)
    stamp_params = {"office": office_name, "fingerprint": unlocked.info.fingerprint_short}
    _check_stamp_coverage(font_path, STAMP_TEMPLATE % {**stamp_params, "ts": "0123456789-:+ UTC"})
    background = None
    if seal_image is not None:
        try:
            background = PdfImage(str(seal_image))
        except Exception:  # PIL raises many types for a bad image file
            raise UserError("sign_seal_unreadable", path=str(seal_image)) from None

    with open(in_path, "rb") as source:
        try:
            writer = IncrementalPdfFileWriter(source)
            page_count = int(writer.root["/Pages"]["/Count"])
            existing_names = {name for name, _, _ in fields.enumerate_sig_fields(writer)}
        except (PdfError, KeyError, ValueError, TypeError) as error:
            raise UserError("sign_pdf_unreadable", path=str(in_path), detail=str(error)) from None
        page_index = page if page >= 0 else page_count + page
        if not 0 <= page_index < page_count:
            raise UserError("sign_page_out_of_range", page=page, count=page_count)
        if box is None:
            box = _default_stamp_box(writer, page_index)
        field_name = field_name or _free_field_name(existing_names)
        # pyHanko annotates the box as ints but writes any PDF number
        spec = fields.SigFieldSpec(field_name, on_page=page_index, box=cast("tuple[int, int, int, int]", box))
        fields.append_signature_field(writer, spec)
        style = TextStampStyle(
            stamp_text=STAMP_TEMPLATE,
            timestamp_format=STAMP_TIME_FORMAT,
            text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(str(font_path), font_size=STAMP_FONT_SIZE),
                                        leading=round(STAMP_FONT_SIZE * 1.5)),
            border_width=0 if background is not None else 1,
            background=background,
            background_opacity=1.0,
        )
        metadata = signers.PdfSignatureMetadata(
            field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason, location=location, name=office_name,
        )
        pdf_signer = signers.PdfSigner(metadata, _pyhanko_signer(unlocked), stamp_style=style)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{out_path.name}.", suffix=".tmp", dir=out_path.parent)
        try:
            with os.fdopen(handle, "w+b") as output:
                pdf_signer.sign_pdf(writer, output=output, appearance_text_params=stamp_params)
                output.flush()
                os.fsync(output.fileno())
            os.replace(temporary, out_path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    return SignedPdf(out_path, field_name, page_index, box, _signing_time_of(out_path, field_name))


def _check_stamp_coverage(font_path: Path, text: str) -> None:
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path), lazy=True) as font:
        covered = font.getBestCmap()
    missing = sorted({ch for ch in text if ch != "\n" and ord(ch) not in covered})
    if missing:
        raise UserError("sign_stamp_characters_missing", characters="".join(missing))


def _default_stamp_box(writer, page_index: int) -> tuple[float, float, float, float]:
    page_ref, _ = writer.find_page_for_modification(page_index)
    try:
        _, y1, x2, _ = (float(value) for value in page_ref.get_object()["/MediaBox"])  # [x1 y1 x2 y2]
    except (KeyError, TypeError, ValueError):
        x2, y1 = 595.0, 0.0  # A4 when the box is inherited from the page tree or malformed
    right = x2 - STAMP_MARGIN
    bottom = y1 + STAMP_MARGIN
    return (right - STAMP_SIZE[0], bottom, right, bottom + STAMP_SIZE[1])


def _free_field_name(existing: set[str]) -> str:
    if DEFAULT_FIELD_NAME not in existing:
        return DEFAULT_FIELD_NAME
    number = 2
    while f"{DEFAULT_FIELD_NAME}{number}" in existing:
        number += 1
    return f"{DEFAULT_FIELD_NAME}{number}"


def _signing_time_of(path: Path, field_name: str) -> dt.datetime | None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as stream:
        for signature in PdfFileReader(stream).embedded_signatures:
            if signature.field_name == field_name:
                return signature.self_reported_timestamp
    return None


def _pyhanko_signer(unlocked: UnlockedIdentity):
    """A pyHanko SimpleSigner from already-decrypted keys (no second PKCS#12 decryption)."""
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    certificate = _to_asn1(unlocked.certificate)
    key = asn1_keys.PrivateKeyInfo.load(unlocked.private_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    chain = [_to_asn1(extra) for extra in unlocked.chain]
    return SimpleSigner(signing_cert=certificate, signing_key=key,
                        cert_registry=SimpleCertificateStore.from_certs([certificate, *chain]))


def _to_asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def sign_detached_cms(unlocked: UnlockedIdentity, data: bytes) -> bytes:
    """A detached CMS SignedData (DER, SHA-256, binary content, signer certificate included) over `data`."""
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(
        unlocked.certificate, unlocked.private_key, hashes.SHA256())
    for extra in unlocked.chain:
        builder = builder.add_certificate(extra)
    return builder.sign(serialization.Encoding.DER,
                        [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])


# --- verification --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureReport:
    """One embedded PDF signature as the verifier saw it."""

    label: str  # "第 1 个签名（HpdeskSignature）"
    field_name: str
    signer_subject: str = ""
    signer_fingerprint: str = ""  # 64 lowercase hex digits, empty when the signature could not be parsed
    signing_time: dt.datetime | None = None  # signer-asserted, not proven (no timestamp authority)
    ok: bool = False
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class PdfVerification:
    ok: bool
    problems: list[str]  # Chinese, one line each, naming the signature concerned
    signatures: list[SignatureReport] = field(default_factory=list)


@dataclass(frozen=True)
class CmsVerification:
    ok: bool
    problems: list[str]
    signer_subject: str = ""
    signer_fingerprint: str = ""
    signing_time: dt.datetime | None = None


def verify_signed_pdf(path: Path | str, trusted_certs: Sequence[x509.Certificate], *,
                      allow_countersignatures: bool = False) -> PdfVerification:
    """Check every signature in the PDF at `path` against the receiver's registered certificates.

    OK only if there is at least one signature and each is intact, cryptographically valid, made by a certificate
    whose SHA-256 equals one of `trusted_certs`, and not followed by any change: the last signature must cover the
    entire file (no incremental update, no appended bytes). With `allow_countersignatures`, an earlier signature
    may be followed by revisions that only add and fill signature fields (pyHanko modification level FORM_FILLING)
    — the county-then-city case. Never raises for a damaged file.
    """
    path = Path(path)
    try:
        with open(path, "rb") as stream:
            return verify_signed_pdf_stream(stream, os.fstat(stream.fileno()).st_size, trusted_certs,
                                            allow_countersignatures=allow_countersignatures)
    except FileNotFoundError:
        return PdfVerification(False, [f"文件不存在：{path}"])
    except Exception as error:  # belt and braces: a verifier must report, never crash the import
        return PdfVerification(False, [f"文件无法读取或结构已损坏，无法校验签名（{_describe(error)}）。"])


def verify_signed_pdf_stream(stream: BinaryIO, file_size: int, trusted_certs: Sequence[x509.Certificate], *,
                             allow_countersignatures: bool = False) -> PdfVerification:
    """`verify_signed_pdf` on a seekable binary stream holding exactly `file_size` bytes of PDF (e.g. a member of a
    package read in place, without a copy anywhere)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        try:
            reader = PdfFileReader(stream, strict=False)
        except Exception as error:  # truncated or mangled files raise anything from PdfReadError to ValueError
            if "startxref" in str(error):  # pypdf/pyHanko's English: the tail a reader starts from is not there
                return PdfVerification(False, ["文件末尾不是 PDF 的结束结构（签名后被追加了内容，或文件被截断），"
                                               "无法校验签名。"])
            return PdfVerification(False, [f"文件不是完整的 PDF 或结构已损坏，无法校验签名（{_describe(error)}）。"])
        try:
            embedded = list(reader.embedded_signatures)
        except Exception as error:
            return PdfVerification(False, [f"文件中的签名数据已损坏，无法解析（{_describe(error)}）。"])
        if not embedded:
            return PdfVerification(False, ["文件中没有数字签名。"])
        reports = [
            _verify_embedded(signature, index, index == len(embedded) - 1, file_size, trusted_certs,
                             allow_countersignatures, stream)
            for index, signature in enumerate(embedded)
        ]
    except Exception as error:  # belt and braces: a verifier must report, never crash the import
        return PdfVerification(False, [f"文件无法读取或结构已损坏，无法校验签名（{_describe(error)}）。"])
    problems = [problem for report in reports for problem in report.problems]
    return PdfVerification(not problems, problems, reports)


def _verify_embedded(signature, index: int, is_last: bool, file_size: int,
                     trusted_certs: Sequence[x509.Certificate], allow_countersignatures: bool,
                     stream: BinaryIO) -> SignatureReport:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    field_name = _safe(lambda: str(signature.field_name), "?")
    label = f"第 {index + 1} 个签名（{field_name}）"
    try:
        status = validate_pdf_signature(signature, _validation_context(trusted_certs))
    except Exception as error:
        return SignatureReport(label, field_name, problems=(
            f"{label}：签名数据或签名范围已损坏，无法校验（{_describe(error)}）。",))
    signing_cert = status.signing_cert
    fingerprint = _safe(lambda: signing_cert.sha256.hex(), "")
    subject = _safe(lambda: signing_cert.subject.human_friendly, "")
    problems = _signer_problems(label, status.intact, status.valid, fingerprint, _signer_name(signing_cert),
                                trusted_certs)
    coverage, level = status.coverage, status.modification_level
    if is_last or not allow_countersignatures:
        byte_range = _safe(lambda: list(signature.byte_range), [])
        signed_end = byte_range[2] + byte_range[3] if len(byte_range) == 4 else None
        if coverage != SignatureCoverageLevel.ENTIRE_FILE:
            if not is_last and level == ModificationLevel.FORM_FILLING:
                problems.append(f"{label}：签名之后文件中又追加了签名（会签），而本次校验要求签名后文件不再有任何改动。")
            elif level is not None and level > ModificationLevel.NONE:
                problems.append(f"{label}：签名之后文件被增量更新修改过（修改级别：{level.name}），"
                                "签名时的版本已不是当前内容。")
            elif signed_end is not None and signed_end < file_size:
                problems.append(f"{label}：签名之后文件末尾被追加了 {file_size - signed_end} 字节，"
                                "这些内容不受签名保护。")
            else:
                problems.append(f"{label}：签名未覆盖整个文件（覆盖范围：{coverage.name if coverage else '未知'}）。")
    elif coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION or level is None \
            or level > ModificationLevel.FORM_FILLING:
        problems.append(f"{label}：签名之后文件除追加签名外还有其他修改"
                        f"（修改级别：{level.name if level else '未知'}）。")
    if not problems and not status.bottom_line:
        problems.append(f"{label}：校验未通过（{_safe(status.summary, '原因未知')}）。")
    if not problems:
        problems.extend(f"{label}：{problem}" for problem in _unsigned_bytes_problems(signature, stream, file_size))
    if not problems and status.docmdp_ok is False:
        problems.append(f"{label}：签名之后的修改违反了文档的修改权限设置。")
    return SignatureReport(label, field_name, subject, fingerprint,
                           _safe(lambda: signature.self_reported_timestamp, None), not problems, tuple(problems))


def _unsigned_bytes_problems(signature, stream: BinaryIO, file_size: int) -> list[str]:
    """The bytes the signature's ByteRange leaves out (/Contents: the CMS, its padding, its hex spelling) held to
    the one form pyHanko writes (cms_strict.py): nothing in the file escapes every signature."""
    byte_range = _safe(lambda: [int(value) for value in signature.byte_range], [])
    if len(byte_range) != 4 or not 0 <= byte_range[1] <= byte_range[2] <= file_size:
        return ["签名范围无法解析。"]
    stream.seek(byte_range[1])
    return pdf_contents_problems(stream.read(byte_range[2] - byte_range[1]))


def verify_cms(data: bytes, signature: bytes, trusted_certs: Sequence[x509.Certificate]) -> CmsVerification:
    """Check a detached CMS `signature` (DER) over `data` against the receiver's registered certificates.

    OK only if the content digest matches, the signature value verifies, and the signer certificate's SHA-256 equals
    one of `trusted_certs`. Never raises for damaged input.
    """
    from pyhanko.sign.validation import async_validate_detached_cms

    label = "清单签名"
    try:
        content_info = asn1_cms.ContentInfo.load(signature)
        if content_info["content_type"].native != "signed_data":
            return CmsVerification(False, [f"{label}：不是 CMS SignedData 签名文件。"])
        signed_data = content_info["content"]
        signed_data.native  # asn1crypto parses lazily: surface structural damage here, not deep inside pyHanko
        status = asyncio.run(async_validate_detached_cms(
            data, signed_data, signer_validation_context=_validation_context(trusted_certs)))
    except Exception as error:
        return CmsVerification(False, [f"{label}：签名文件已损坏，无法解析（{_describe(error)}）。"])
    fingerprint = _safe(lambda: status.signing_cert.sha256.hex(), "")
    subject = _safe(lambda: status.signing_cert.subject.human_friendly, "")
    problems = _signer_problems(label, status.intact, status.valid, fingerprint, _signer_name(status.signing_cert),
                                trusted_certs)
    if not problems and not status.bottom_line:
        problems.append(f"{label}：校验未通过（{_safe(status.summary, '原因未知')}）。")
    return CmsVerification(not problems, problems, subject, fingerprint,
                           _safe(lambda: status.signer_reported_dt, None))


def _signer_name(certificate) -> str:
    """organizationName, else commonName, else the whole subject: what a person recognises the office by."""
    def read() -> str:
        subject = certificate.subject.native
        return subject.get("organization_name") or subject.get("common_name") or certificate.subject.human_friendly

    name = _safe(read, "")
    return name if isinstance(name, str) else str(name)


def _signer_problems(label: str, intact: bool, valid: bool, fingerprint: str, subject: str,
                     trusted_certs: Sequence[x509.Certificate]) -> list[str]:
    problems = []
    if not intact:
        problems.append(f"{label}：内容摘要不一致（哈希不匹配），文件在签名后被修改。")
    elif not valid:
        problems.append(f"{label}：签名值无效，签名数据被篡改或与签名证书不符。")
    trusted = {certificate_sha256(certificate) for certificate in trusted_certs}
    if fingerprint not in trusted:
        shown = format_fingerprint(fingerprint)[1] if fingerprint else "未知"
        problems.append(f"{label}：签名证书（{subject or '未知单位'}，指纹 {shown}）不是本机登记的受信任证书。")
    return problems


def _validation_context(trusted_certs: Sequence[x509.Certificate]):
    """Trust exactly the registered certificates; never fetch anything and never fall back to the system store."""
    from pyhanko_certvalidator import ValidationContext

    return ValidationContext(trust_roots=[_to_asn1(certificate) for certificate in trusted_certs],
                             allow_fetching=False)


def _safe(getter, default):
    try:
        return getter()
    except Exception:
        return default


# What pypdf/pyHanko's commonest complaints about a damaged file mean, for the clerk (their texts are English)
_KNOWN_DAMAGE = (("EOF marker not found", "文件末尾缺少结束标记，可能被截断"),
                 ("startxref", "找不到交叉引用表的位置，可能被截断或在末尾追加了内容"),
                 ("malformed PDF", "文件结构无法解析"))


def _describe(error: BaseException) -> str:
    """The error in words: a known pypdf/pyHanko complaint in Chinese, else its class and first line (for whoever
    looks further)."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    known = next((meaning for marker, meaning in _KNOWN_DAMAGE if marker in text), None)
    if known:
        return known
    return f"{type(error).__name__}: {text[:160]}" if text else type(error).__name__
