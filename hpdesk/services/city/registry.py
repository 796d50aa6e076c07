"""The county registry: each county or district the city receives from, with the signing certificates pinned for it.

A package is verified only against the certificates of the county it names, never against every county's: a union
would let one county sign for another (TECH_NOTES §8). A certificate belongs to at most one county. Each pinned
certificate has a window (valid_from … valid_to, ISO times) of package creation times it is trusted for, so a county
can rotate its key: the old certificate's window is closed, the new one added. `revoked` distrusts it entirely.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.audit import record_event
from hpdesk.services.identity import certificate_sha256, format_fingerprint, load_certificate_file
from hpdesk.services.workspace import Workspace
from hpdesk.storage.city_records import CountyCertificateRecord, CountyRecord
from hpdesk.storage.city_store import (
    all_counties, certificate_by_fingerprint, certificates_of, county_named, find_county,
)
from hpdesk.storage.clock import now_iso

register_messages({
    "county_name_invalid": ("县区名称不能为空，且不超过 200 个字。", "A county name must be 1 to 200 characters."),
    "county_exists": ("县区“{name}”已经登记过。", "County {name} is already registered."),
    "county_certificate_elsewhere": (
        "证书（指纹 {fingerprint}）已登记给“{county}”：一个签名证书只能属于一个县区。",
        "The certificate {fingerprint} is already registered for {county}; a key belongs to one county only."),
    "county_certificate_already": ("证书（指纹 {fingerprint}）已登记给“{county}”。",
                                   "The certificate {fingerprint} is already registered for {county}."),
    "county_certificate_unknown": ("“{county}”没有指纹以 {fingerprint} 开头的证书。",
                                   "{county} has no certificate whose fingerprint starts with {fingerprint}."),
    "county_certificate_ambiguous": ("“{county}”有多个指纹以 {fingerprint} 开头的证书，请多输入几位。",
                                     "Several certificates of {county} start with {fingerprint}; type more digits."),
    "county_time_invalid": ("时间“{text}”无法识别，请写成 2025-07-01 或 2025-07-01T08:00:00+08:00。",
                            "Cannot read the time {text}; write 2025-07-01 or 2025-07-01T08:00:00+08:00."),
})


@dataclass(frozen=True)
class CertificateSummary:
    fingerprint_sha256: str
    fingerprint_short: str
    subject: str
    valid_from: str
    valid_to: str  # "" when open-ended
    revoked: bool


@dataclass(frozen=True)
class CountySummary:
    id: int
    name: str
    region: str
    contact: str
    certificates: tuple[CertificateSummary, ...]


def parse_time(text: str) -> datetime:
    """An ISO date or time as an aware datetime (a bare date or a time without offset is read as local time)."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError("county_time_invalid", text=text) from None
    return value if value.tzinfo else value.astimezone()


def _certificate(record: CountyCertificateRecord) -> CertificateSummary:
    return CertificateSummary(record.fingerprint_sha256, format_fingerprint(record.fingerprint_sha256)[1],
                              record.subject, record.valid_from, record.valid_to or "", record.revoked)


def _summary(county: CountyRecord, certificates) -> CountySummary:
    return CountySummary(county.id, county.name, county.region, county.contact, tuple(map(_certificate, certificates)))


def add_county(workspace: Workspace, name: str, region: str = "", contact: str = "") -> CountySummary:
    """Register a county by its office name (as its packages' manifests carry it). UserError if it exists."""
    name = " ".join(name.split())
    if not 0 < len(name) <= 200:
        raise UserError("county_name_invalid")
    with workspace.database.unit_of_work() as session:
        if county_named(session, name) is not None:
            raise UserError("county_exists", name=name)
        county = CountyRecord(name=name, region=" ".join(region.split()), contact=contact.strip(),
                              sort_order=len(all_counties(session)), created_at=now_iso())
        session.add(county)
        session.flush()
        record_event(session, actor=workspace.actor, action="create", entity_type="county", entity_id=county.id,
                     summary=f"登记县区：{name}", after={"name": name, "region": county.region, "contact": contact})
        return _summary(county, ())


def list_counties(workspace: Workspace) -> list[CountySummary]:
    with workspace.database.read_only() as session:
        return [_summary(county, certificates_of(session, county.id)) for county in all_counties(session)]


def trust_certificate(workspace: Workspace, county_name: str, certificate_file: Path, *,
                      valid_from: str | None = None, valid_to: str | None = None) -> CertificateSummary:
    """Pin the certificate in `certificate_file` (PEM or DER) for the county. The window defaults to the
    certificate's own validity start, open-ended. UserError when it is registered already (for any county)."""
    (certificate, *_rest) = load_certificate_file(certificate_file)
    fingerprint = certificate_sha256(certificate)
    start = parse_time(valid_from).isoformat() if valid_from else certificate.not_valid_before_utc.isoformat()
    end = parse_time(valid_to).isoformat() if valid_to else None
    with workspace.database.unit_of_work() as session:
        county = find_county(session, county_name)
        existing = certificate_by_fingerprint(session, fingerprint)
        if existing is not None:
            owner = session.get_one(CountyRecord, existing.county_id)
            code = "county_certificate_already" if owner.id == county.id else "county_certificate_elsewhere"
            raise UserError(code, fingerprint=format_fingerprint(fingerprint)[1], county=owner.name)
        record = CountyCertificateRecord(
            county_id=county.id, fingerprint_sha256=fingerprint, subject=certificate.subject.rfc4514_string(),
            pem=certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"), valid_from=start,
            valid_to=end, revoked=False, added_at=now_iso())
        session.add(record)
        session.flush()
        record_event(session, actor=workspace.actor, action="trust", entity_type="county", entity_id=county.id,
                     summary=f"登记{county.name}的签名证书 {format_fingerprint(fingerprint)[1]}",
                     after={"fingerprint": fingerprint, "valid_from": start, "valid_to": end})
        return _certificate(record)


def untrust_certificate(workspace: Workspace, county_name: str, fingerprint: str, *,
                        after: str | None = None) -> CertificateSummary:
    """Stop trusting one of the county's certificates: for packages made after `after` (a key rotation: what it
    signed before stays valid), or, without `after`, for every package (a lost or leaked key)."""
    wanted = fingerprint.replace(":", "").replace(" ", "").lower()
    with workspace.database.unit_of_work() as session:
        county = find_county(session, county_name)
        matches = [c for c in certificates_of(session, county.id) if wanted and c.fingerprint_sha256.startswith(wanted)]
        if not matches:
            raise UserError("county_certificate_unknown", county=county.name, fingerprint=fingerprint)
        if len(matches) > 1:
            raise UserError("county_certificate_ambiguous", county=county.name, fingerprint=fingerprint)
        (record,) = matches
        before = {"valid_to": record.valid_to, "revoked": record.revoked}
        if after:
            record.valid_to = parse_time(after).isoformat()
        else:
            record.revoked = True
        record_event(session, actor=workspace.actor, action="untrust", entity_type="county", entity_id=county.id,
                     summary=f"停止信任{county.name}的签名证书 {format_fingerprint(record.fingerprint_sha256)[1]}",
                     before=before, after={"valid_to": record.valid_to, "revoked": record.revoked})
        return _certificate(record)


def trusted_at(certificates, made_at: str) -> list[x509.Certificate]:
    """The certificates (records of one county) trusted for a package made at `made_at` (ISO; "" or unreadable:
    only open windows count)."""
    try:
        when: datetime | None = parse_time(made_at) if made_at else None
    except UserError:
        when = None
    chosen = []
    for record in certificates:
        if record.revoked:
            continue
        start, end = parse_time(record.valid_from), parse_time(record.valid_to) if record.valid_to else None
        if when is None and end is None or when is not None and start <= when and (end is None or when <= end):
            chosen.append(x509.load_pem_x509_certificate(record.pem.encode("ascii")))
    return chosen
