"""The city level's (session, …) lookups: counties and their pinned certificates, received packages, the city's own
plan codes and periods as the inbox compares packages with them, and the county side's receipts."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.city_records import (
    CityReceiptRecord, CountyCertificateRecord, CountyRecord, ReceivedPackageRecord,
)
from hpdesk.storage.records import ReportingPeriodRecord, SubmissionRecord, TaskRecord

register_messages({
    "county_unknown": ("没有登记县区“{name}”（用 hpdesk county list 查看已登记的县区）。",
                       "No county named {name} is registered (see hpdesk county list)."),
    "received_package_unknown": ("没有编号为 {id} 的收件记录（用 hpdesk inbox 查看）。",
                                 "No received package with id {id} (see hpdesk inbox)."),
})


def all_counties(session: Session) -> Sequence[CountyRecord]:
    return session.scalars(select(CountyRecord).order_by(CountyRecord.sort_order, CountyRecord.id)).all()


def county_named(session: Session, name: str) -> CountyRecord | None:
    """The county whose office name or region is `name` (whitespace-insensitive)."""
    wanted = "".join(name.split())
    return next((county for county in all_counties(session)
                 if wanted and wanted in ("".join(county.name.split()), "".join(county.region.split()))), None)


def find_county(session: Session, name: str) -> CountyRecord:
    county = county_named(session, name)
    if county is None:
        raise UserError("county_unknown", name=name)
    return county


def certificates_of(session: Session, county_id: int) -> Sequence[CountyCertificateRecord]:
    return session.scalars(select(CountyCertificateRecord).where(CountyCertificateRecord.county_id == county_id)
                           .order_by(CountyCertificateRecord.valid_from, CountyCertificateRecord.id)).all()


def certificate_by_fingerprint(session: Session, fingerprint: str) -> CountyCertificateRecord | None:
    return session.scalars(select(CountyCertificateRecord)
                           .where(CountyCertificateRecord.fingerprint_sha256 == fingerprint.lower())).first()


def received_by_sha256(session: Session, sha256: str) -> ReceivedPackageRecord | None:
    return session.scalars(select(ReceivedPackageRecord).where(ReceivedPackageRecord.package_sha256 == sha256)).first()


def find_received(session: Session, package_id: int) -> ReceivedPackageRecord:
    record = session.get(ReceivedPackageRecord, package_id)
    if record is None:
        raise UserError("received_package_unknown", id=package_id)
    return record


def all_received(session: Session) -> Sequence[ReceivedPackageRecord]:
    return session.scalars(select(ReceivedPackageRecord).order_by(ReceivedPackageRecord.id)).all()


def current_of(session: Session, county_id: int, period_label: str) -> Sequence[ReceivedPackageRecord]:
    """The county's packages for the period that still count (accepted or returned), newest first."""
    return session.scalars(select(ReceivedPackageRecord).where(
        ReceivedPackageRecord.county_id == county_id, ReceivedPackageRecord.period_label == period_label,
        ReceivedPackageRecord.status.in_(("accepted", "returned")))
        .order_by(ReceivedPackageRecord.sequence.desc(), ReceivedPackageRecord.id.desc())).all()


def period_labels(session: Session) -> dict[str, ReportingPeriodRecord]:
    return {period.label: period for period in session.scalars(
        select(ReportingPeriodRecord).order_by(ReportingPeriodRecord.start_date))}


def county_task_codes(session: Session) -> dict[str, str]:
    """The city plan's active county tasks: code → task text, as the county packages must carry them."""
    rows = session.execute(select(TaskRecord.code, TaskRecord.task_text).where(
        TaskRecord.status == "active", TaskRecord.falls_to_county.is_(True)).order_by(TaskRecord.sort_order))
    return {code: text for code, text in rows}


def receipts(session: Session) -> Sequence[CityReceiptRecord]:
    return session.scalars(select(CityReceiptRecord).order_by(CityReceiptRecord.issued_at,
                                                              CityReceiptRecord.id)).all()


def receipt_by_sha256(session: Session, sha256: str) -> CityReceiptRecord | None:
    return session.scalars(select(CityReceiptRecord).where(CityReceiptRecord.receipt_sha256 == sha256)).first()


def submission_sequences(session: Session, period_label: str) -> dict[str, int]:
    """County side: package SHA-256 → sequence (1st, 2nd … export) of every submission of the period."""
    rows = session.execute(select(SubmissionRecord.package_sha256, SubmissionRecord.sequence)
                           .join(ReportingPeriodRecord, ReportingPeriodRecord.id == SubmissionRecord.period_id)
                           .where(ReportingPeriodRecord.label == period_label)).all()
    return {sha256: sequence for sha256, sequence in rows}


def submission_by_package(session: Session, package_sha256: str) -> SubmissionRecord | None:
    """County side: the submission that wrote the package with this SHA-256."""
    return session.scalars(select(SubmissionRecord).where(SubmissionRecord.package_sha256 == package_sha256)).first()
