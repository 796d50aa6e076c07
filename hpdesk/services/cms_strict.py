"""The parts of a CMS signature that its own signature does not cover, held to what hpdesk's signers write.

A CMS SignedData signs only its signed attributes (which hold the content's digest). Everything around them — the
versions, the algorithm lists, the certificate set, unsigned attributes, the DER encoding itself and, in a PDF,
the zero padding of /Contents and its hex spelling — could change while pyHanko still says "valid". Both signers
hpdesk uses write one exact form (manifest signatures: `cryptography`'s PKCS#7 builder; PDF signatures: pyHanko),
so `cms_structure_problems` insists on it (issue 12, items 17 and 18):

- strict DER: the bytes re-encode to themselves, with nothing after them (in a PDF: only zero padding);
- SignedData and signer version 1, exactly one signer, digest SHA-256 (parameters NULL) listed once and used by the
  signer, the signature algorithm exactly as the writer spells it for the key's type, detached "data" content;
- no CRLs, no unsigned attributes;
- every certificate either byte-identical to the signer's (the one `verify` pins), or one whose own signature
  verifies under a certificate of the set (an imported office certificate's CA chain), so no certificate byte is
  unauthenticated.
"""

from __future__ import annotations

from enum import Enum

SHA256 = bytes.fromhex("300d06096086480165030402010500")
ECDSA_SHA256 = bytes.fromhex("300a06082a8648ce3d040302")
RSA_PKCS1 = bytes.fromhex("300d06092a864886f70d0101010500")  # rsaEncryption: what `cryptography` writes
RSA_SHA256 = bytes.fromhex("300d06092a864886f70d01010b0500")  # sha256WithRSAEncryption: what pyHanko writes
TAMPERED = "签名数据中未受签名保护的部分与签名时不同（{detail}），不予认可。"


class CmsWriter(Enum):
    """Who wrote the signature, and so how it spells an RSA signature algorithm."""

    MANIFEST = RSA_PKCS1
    PDF = RSA_SHA256


def cms_structure_problems(der: bytes, writer: CmsWriter) -> list[str]:
    """[] when `der` (a ContentInfo, nothing after it) is in the one form `writer` makes; else one Chinese line."""
    try:
        detail = _structure_detail(der, writer)
    except Exception as error:  # asn1crypto and cryptography raise many types for damaged structures
        detail = f"无法解析：{type(error).__name__}"
    return [TAMPERED.format(detail=detail)] if detail else []


def pdf_contents_problems(gap: bytes) -> list[str]:
    """The bytes a PDF signature's ByteRange leaves out: exactly "<" + upper-case hex + ">" of a CMS in pyHanko's
    form followed only by zero bytes (the space reserved for it)."""
    hexadecimal = gap[1:-1]
    if gap[:1] != b"<" or gap[-1:] != b">" or len(hexadecimal) % 2 or hexadecimal != hexadecimal.upper() \
            or not all(character in b"0123456789ABCDEF" for character in hexadecimal):
        return [TAMPERED.format(detail="签名内容的十六进制书写方式不同")]
    contents = bytes.fromhex(hexadecimal.decode("ascii"))
    length = _der_length(contents)
    if length is None or any(contents[length:]):
        return [TAMPERED.format(detail="签名数据之后的填充区有非零字节")]
    return cms_structure_problems(contents[:length], CmsWriter.PDF)


def _der_length(data: bytes) -> int | None:
    """The length of the DER element at the start of `data` (header included), None if it does not fit."""
    if len(data) < 2:
        return None
    first = data[1]
    if first < 0x80:
        total = 2 + first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or len(data) < 2 + count:
            return None
        total = 2 + count + int.from_bytes(data[2:2 + count], "big")
    return total if total <= len(data) else None


def _structure_detail(der: bytes, writer: CmsWriter) -> str:
    from asn1crypto import cms

    info = cms.ContentInfo.load(der, strict=True)  # strict: nothing may follow the structure
    if info.dump(force=True) != der:
        return "编码不是标准 DER"
    if info["content_type"].native != "signed_data":
        return "不是 SignedData"
    signed = info["content"]
    signers = list(signed["signer_infos"])
    if signed["version"].native != "v1" or len(signers) != 1 or signers[0]["version"].native != "v1":
        return "版本号或签名者数量不同"
    signer = signers[0]
    if [algorithm.dump() for algorithm in signed["digest_algorithms"]] != [SHA256] \
            or signer["digest_algorithm"].dump() != SHA256:
        return "摘要算法不同"
    encapsulated = signed["encap_content_info"]
    if encapsulated["content_type"].native != "data" or encapsulated["content"].native is not None:
        return "所签内容的类型不同"
    if signed["crls"].native is not None or signer["unsigned_attrs"].native is not None:
        return "多出了吊销列表或未签名属性"
    if signer["sid"].name != "issuer_and_serial_number":
        return "签名者标识方式不同"
    wanted = signer["sid"].chosen
    certificates = [choice.chosen for choice in signed["certificates"]]
    own = [certificate for certificate in certificates if certificate.issuer == wanted["issuer"]
           and certificate.serial_number == wanted["serial_number"].native]
    if not own or any(certificate.dump() != own[0].dump() for certificate in own):
        return "签名证书不一致"
    expected = ECDSA_SHA256 if own[0].public_key.algorithm == "ec" else writer.value
    if signer["signature_algorithm"].dump() != expected:
        return "签名算法的写法不同"
    others = [certificate for certificate in certificates if certificate.dump() != own[0].dump()]
    if others and not all(_issued_within(certificate, certificates) for certificate in others):
        return "证书链中有未经签发者签名的证书"
    return ""


def _issued_within(certificate, certificates) -> bool:
    """True if `certificate`'s own signature verifies under one of `certificates` (itself, when self-signed)."""
    from cryptography import x509

    if certificate["signature_algorithm"].dump() != certificate["tbs_certificate"]["signature"].dump():
        return False
    loaded = x509.load_der_x509_certificate(certificate.dump())
    for issuer in certificates:
        try:
            loaded.verify_directly_issued_by(x509.load_der_x509_certificate(issuer.dump()))
            return True
        except Exception:  # a wrong issuer, a bad signature, an unsupported key: try the next one
            continue
    return False
