"""The city level's tables (`hpdesk init --level city`): the county registry with its pinned certificates, every
package received from a county (accepted, superseded, returned or rejected) and, on the county side, the city's
receipts imported back.

Kept apart from records.py because they belong to one feature; records.py imports this module so that
`Base.metadata` (migrations, schema checks) always holds these tables too.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hpdesk.storage.record_base import Base, JsonDocument


class CountyRecord(Base):
    """A county or district that reports to this city office; `name` is the office name its packages carry."""

    __tablename__ = "county"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)  # 管城回族区卫生健康委员会 (manifest office.name)
    region: Mapped[str] = mapped_column(String(100), default="")  # 管城回族区
    contact: Mapped[str] = mapped_column(String(200), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[str] = mapped_column(String(40))


class CountyCertificateRecord(Base):
    """A signing certificate pinned for one county, trusted for packages made between valid_from and valid_to.

    The window is the city's decision, not the certificate's own validity: when a county rotates its key the old
    certificate's window is closed (`valid_to`), so packages it signed before stay verifiable while anything newer
    must carry the new key. `revoked` stops trusting it for every package (a lost or leaked key).
    """

    __tablename__ = "county_certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("county.id", ondelete="RESTRICT"), index=True)
    fingerprint_sha256: Mapped[str] = mapped_column(String(64), unique=True)  # one key belongs to one county
    subject: Mapped[str] = mapped_column(String(500), default="")
    pem: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[str] = mapped_column(String(40))  # ISO time
    valid_to: Mapped[str | None] = mapped_column(String(40))  # None: open-ended
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[str] = mapped_column(String(40))


class ReceivedPackageRecord(Base):
    """One package file as received, kept unchanged under received/ab/<sha256> (content-addressed).

    status: accepted (the county's current submission for the period) | superseded (an accepted one replaced by a
    later submission) | returned (退回 by the city, with `return_reason`) | rejected (failed a check: `reasons`).
    A rejected package contributes nothing; only accepted ones are consolidated, from `snapshot` (its data.json).
    """

    __tablename__ = "received_package"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[str] = mapped_column(String(40))
    received_by: Mapped[str] = mapped_column(String(100), default="")
    county_id: Mapped[int | None] = mapped_column(ForeignKey("county.id", ondelete="RESTRICT"), index=True)
    office_name: Mapped[str] = mapped_column(String(200), default="")  # as the manifest says, trusted or not
    period_label: Mapped[str] = mapped_column(String(20), default="")
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[str] = mapped_column(String(40), default="")  # the manifest's (the county PC's clock)
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    signer_fingerprint: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(20))  # accepted | superseded | returned | rejected
    reason_code: Mapped[str] = mapped_column(String(40), default="")  # why rejected, e.g. signer_unknown
    reasons: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)  # the verifier's exact lines (Chinese)
    plan_mismatches: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)  # task codes not in the city's plan
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("received_package.id", ondelete="RESTRICT"))
    return_reason: Mapped[str] = mapped_column(Text, default="")
    returned_at: Mapped[str | None] = mapped_column(String(40))
    snapshot: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)  # data.json of an accepted package


Index("ix_received_package_county_period", ReceivedPackageRecord.county_id, ReceivedPackageRecord.period_label)


class CityReceiptRecord(Base):
    """County side: a signed receipt from the city about one of this county's packages (received/accepted/returned)."""

    __tablename__ = "city_receipt"

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    package_sha256: Mapped[str] = mapped_column(String(64), index=True)
    period_label: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))  # received | accepted | returned
    reason: Mapped[str] = mapped_column(Text, default="")
    city_office: Mapped[str] = mapped_column(String(200), default="")
    signer_fingerprint: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[str] = mapped_column(String(40))
    imported_at: Mapped[str] = mapped_column(String(40))
