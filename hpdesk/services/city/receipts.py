"""Receipts (回执): the city's signed answer about one received package — received, accepted or returned (退回, with
the reason) — as a small file the county imports.

Format (`hpdesk-city-receipt/1`): a zip holding receipt.json (canonical JSON: format, state, reason, the city office,
the county, the period, the package's file name, SHA-256 and sequence, issued_at) and receipt.json.p7s, a detached
CMS signature by the city's signing identity — the same construction as a package manifest.

County side: `import_receipt` verifies the signature against the city certificate the county pinned (the first
import pins the one given with `trust`), checks the receipt is about a package this county sent (its SHA-256 is one
of its submissions) and records it; importing the same receipt twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import safe_file_name
from hpdesk.services.audit import record_event
from hpdesk.services.city.inbox_queries import STATUS_LABELS
from hpdesk.services.exporting.package import make_shareable
from hpdesk.services.exporting.verification import zip_damage
from hpdesk.services.identity import load_certificate_file, unlock_identity
from hpdesk.services.signing import sign_detached_cms, verify_cms
from hpdesk.services.user_files import open_user_file
from hpdesk.services.workspace import Workspace, get_setting, office_profile, put_setting
from hpdesk.storage.city_records import CityReceiptRecord
from hpdesk.storage.city_store import (
    find_received, receipt_by_sha256, receipts, submission_by_package, submission_sequences,
)
from hpdesk.storage.clock import now_iso

RECEIPT_FORMAT = "hpdesk-city-receipt/1"
RECEIPT_NAME, RECEIPT_SIGNATURE = "receipt.json", "receipt.json.p7s"
CITY_CERTIFICATE_SETTING = "city_certificate_pem"
STATES = {"received": "已收到", "accepted": "已接收", "returned": "已退回"}
MAX_RECEIPT_BYTES = 1024 * 1024

register_messages({
    "return_reason_missing": ("退回时请写明理由，县区据此修改后重新报送。",
                              "Give a reason for returning the submission; the county corrects it from that."),
    "return_not_current": ("收件 {id}（{county} {period}）{status_label}：只能退回当前有效（已接收）的报送。",
                           "Package {id} ({county} {period}) is {status_label}: only the accepted submission can be "
                           "returned."),
    "receipt_state_invalid": ("回执状态 {state} 无效，应为 received（已收到）或 accepted（已接收）；退回请用 hpdesk return。",
                              "Receipt state {state} is invalid: use received or accepted (return: hpdesk return)."),
    "receipt_not_for_rejected": ("收件 {id} 未通过校验，不能出具回执；请让县区重新报送。",
                                 "Package {id} was rejected; no receipt can be issued for it."),
    "receipt_unreadable": ("{name} 不是可识别的市级回执文件（{detail}）。", "{name} is not a city receipt ({detail})."),
    "receipt_invalid": ("回执 {name} 的签名未通过校验：{problems}", "The receipt {name} failed verification: {problems}"),
    "receipt_no_trust": ("尚未登记市里的签名证书：第一次导入回执时请用 --trust 指定市里提供的证书文件。",
                         "No city certificate is pinned yet: name the city's certificate with --trust."),
    "receipt_not_ours": ("回执 {name} 针对的报送包（SHA-256 {sha256}）不是本单位报送的。",
                         "The receipt {name} is about a package ({sha256}) this office did not send."),
})


@dataclass(frozen=True)
class ReceiptSummary:
    path: Path | None  # the receipt file (city side) or the imported file (county side)
    state: str
    state_label: str
    reason: str
    county: str
    period: str
    package_name: str
    package_sha256: str
    issued_at: str
    city_office: str = ""
    already_imported: bool = False


def return_submission(workspace: Workspace, package_id: int, reason: str, out_dir: Path, passphrase: str
                      ) -> ReceiptSummary:
    """退回: mark the county's accepted package returned with `reason` and write the signed receipt into `out_dir`.
    The package stops counting in consolidation until the county resubmits. UserError without a reason, or for a
    package that is not the current accepted one."""
    reason = reason.strip()
    if not reason:
        raise UserError("return_reason_missing")
    unlocked = unlock_identity(workspace.identity_dir, passphrase)
    with workspace.database.read_only() as session:
        package = find_received(session, package_id)
        if package.status != "accepted":
            raise UserError("return_not_current", id=package_id, county=package.office_name,
                            period=package.period_label, status=package.status,
                            status_label=STATUS_LABELS.get(package.status, package.status))
    now = now_iso()
    receipt = _write(workspace, unlocked, package_id, "returned", reason, out_dir, now)
    with workspace.database.unit_of_work() as session:
        package = find_received(session, package_id)
        package.status, package.return_reason, package.returned_at = "returned", reason, now
        record_event(session, actor=workspace.actor, action="return", entity_type="received_package",
                     entity_id=package.id, summary=f"退回{package.office_name}{package.period_label}的报送",
                     before={"status": "accepted"}, after={"status": "returned", "receipt": receipt.path.name
                                                           if receipt.path else ""}, reason=reason)
    return receipt


def issue_receipt(workspace: Workspace, package_id: int, state: str, out_dir: Path, passphrase: str) -> ReceiptSummary:
    """A signed receipt saying the package was received (any recorded package but a rejected one) or accepted."""
    if state not in ("received", "accepted"):
        raise UserError("receipt_state_invalid", state=state)
    unlocked = unlock_identity(workspace.identity_dir, passphrase)
    with workspace.database.read_only() as session:
        package = find_received(session, package_id)
        if package.status == "rejected":
            raise UserError("receipt_not_for_rejected", id=package_id)
    return _write(workspace, unlocked, package_id, state, "", out_dir, now_iso())


def _write(workspace: Workspace, unlocked, package_id: int, state: str, reason: str, out_dir: Path,
           now: str) -> ReceiptSummary:
    profile = office_profile(workspace)
    with workspace.database.read_only() as session:
        package = find_received(session, package_id)
        body = {"format": RECEIPT_FORMAT, "state": state, "reason": reason, "issued_at": now,
                "city": {"name": profile.name if profile else "", "region": profile.region if profile else ""},
                "county": package.office_name, "period": package.period_label,
                "package": {"name": package.file_name, "sha256": package.package_sha256,
                            "sequence": package.sequence}}
        stem = safe_file_name(f"{package.office_name}-{package.period_label}-回执-{STATES[state]}-{package_id}")
    data = (json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    signature = sign_detached_cms(unlocked, data)
    out_dir.mkdir(parents=True, exist_ok=True)
    path, number = out_dir / f"{stem}.zip", 2
    while path.exists():
        path, number = out_dir / f"{stem} ({number}).zip", number + 1
    partial = path.with_name(f".{path.name}.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(RECEIPT_NAME, (1980, 1, 1, 0, 0, 0)), data)
        archive.writestr(zipfile.ZipInfo(RECEIPT_SIGNATURE, (1980, 1, 1, 0, 0, 0)), signature)
    make_shareable(partial)
    partial.replace(path)
    return _summary(path, body)


def _summary(path: Path | None, body: dict, already: bool = False) -> ReceiptSummary:
    package = body.get("package") or {}
    return ReceiptSummary(path, body["state"], STATES.get(body["state"], body["state"]), body.get("reason", ""),
                          body.get("county", ""), body.get("period", ""), package.get("name", ""),
                          package.get("sha256", ""), body.get("issued_at", ""),
                          (body.get("city") or {}).get("name", ""), already)


def _read_receipt(path: Path) -> tuple[bytes, bytes]:
    def unreadable(detail: str) -> UserError:
        return UserError("receipt_unreadable", name=path.name, detail=detail)

    try:
        with open_user_file(path) as opened, zipfile.ZipFile(opened.stream) as archive:
            members = {info.filename: info for info in archive.infolist()}
            if set(members) != {RECEIPT_NAME, RECEIPT_SIGNATURE}:
                raise unreadable("应只含 receipt.json 与 receipt.json.p7s")
            if any(info.file_size > MAX_RECEIPT_BYTES for info in members.values()):
                raise unreadable("文件过大")
            return archive.read(RECEIPT_NAME), archive.read(RECEIPT_SIGNATURE)
    except UserError:
        raise
    except Exception as error:  # zipfile raises many types for damaged input
        raise unreadable(zip_damage(error)) from None  # the reason in words, not zipfile's class name


def import_receipt(workspace: Workspace, path: Path, trust: Path | None = None) -> ReceiptSummary:
    """County side: verify and record a receipt from the city (see the module docstring)."""
    path = Path(path)
    data, signature = _read_receipt(path)
    pinned = get_setting(workspace, CITY_CERTIFICATE_SETTING)
    if trust is not None:
        (certificate, *_rest) = load_certificate_file(trust)
    elif isinstance(pinned, str):
        certificate = x509.load_pem_x509_certificate(pinned.encode("ascii"))
    else:
        raise UserError("receipt_no_trust")
    result = verify_cms(data, signature, [certificate])
    if not result.ok:
        raise UserError("receipt_invalid", name=path.name, problems="；".join(result.problems))
    try:
        body = json.loads(data.decode("utf-8"))
        if body.get("format") != RECEIPT_FORMAT or body.get("state") not in STATES:
            raise ValueError(body.get("format"))
        package_sha256 = str(body["package"]["sha256"])
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise UserError("receipt_unreadable", name=path.name, detail="receipt.json 格式不符") from None
    receipt_sha256 = hashlib.sha256(data + signature).hexdigest()
    with workspace.database.unit_of_work() as session:
        if submission_by_package(session, package_sha256) is None:
            raise UserError("receipt_not_ours", name=path.name, sha256=package_sha256[:16])
        if receipt_by_sha256(session, receipt_sha256) is not None:
            return _summary(path, body, already=True)
        session.add(CityReceiptRecord(
            receipt_sha256=receipt_sha256, package_sha256=package_sha256, period_label=str(body.get("period", "")),
            state=body["state"], reason=str(body.get("reason", "")),
            city_office=str((body.get("city") or {}).get("name", "")),
            signer_fingerprint=result.signer_fingerprint, issued_at=str(body.get("issued_at", "")),
            imported_at=now_iso()))
        record_event(session, actor=workspace.actor, action="import", entity_type="city_receipt",
                     entity_id=receipt_sha256[:16], summary=f"导入市里回执：{body.get('period', '')}"
                     f"{STATES[body['state']]}", after={"state": body["state"], "reason": body.get("reason", "")})
    if trust is not None and pinned != _pem(certificate):
        put_setting(workspace, CITY_CERTIFICATE_SETTING, _pem(certificate))
    return _summary(path, body)


def list_receipts(workspace: Workspace) -> list[ReceiptSummary]:
    """County side: the receipts imported, oldest first (the last one of a period is the city's current word)."""
    with workspace.database.read_only() as session:
        return [ReceiptSummary(None, r.state, STATES.get(r.state, r.state), r.reason, "", r.period_label, "",
                               r.package_sha256, r.issued_at, r.city_office) for r in receipts(session)]


@dataclass(frozen=True)
class PeriodReceipt:
    """County side: the city's latest word on one period — the receipt and which export it is about."""

    state: str  # received | accepted | returned
    state_label: str
    reason: str
    issued_at: str
    city_office: str
    sequence: int  # the export (1st, 2nd …) the receipt is about
    latest_sequence: int  # the county's latest export of the period

    @property
    def exported_since(self) -> bool:
        """True when the county exported the period again after the submission this receipt is about."""
        return self.latest_sequence > self.sequence


def period_receipt(workspace: Workspace, period_label: str) -> PeriodReceipt | None:
    """County side: the last receipt (by issue time) imported for the period, or None when none was."""
    with workspace.database.read_only() as session:
        found = [r for r in receipts(session) if r.period_label == period_label]
        if not found:
            return None
        sequences = submission_sequences(session, period_label)
        last = found[-1]
        return PeriodReceipt(last.state, STATES.get(last.state, last.state), last.reason, last.issued_at,
                             last.city_office, sequences.get(last.package_sha256, 0), max(sequences.values(), default=0))


def city_certificate_pinned(workspace: Workspace) -> bool:
    """County side: whether a city certificate was pinned (by a first receipt import with `trust`)."""
    return isinstance(get_setting(workspace, CITY_CERTIFICATE_SETTING), str)


def _pem(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")
