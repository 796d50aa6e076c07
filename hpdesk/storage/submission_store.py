"""The packages sent to the city, inside a session: their rows, and the content each one froze."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from hpdesk.storage.records import SubmissionRecord


def submission_count(session: Session, period_id: int) -> int:
    """How many packages of the period were made so far (the next one's sequence is this plus one)."""
    return session.scalar(select(func.count()).select_from(SubmissionRecord)
                          .where(SubmissionRecord.period_id == period_id)) or 0


def last_snapshot(session: Session, period_id: int) -> Any:
    """The content (PacketContent JSON) the period's last package froze; None before the first package."""
    return session.scalar(select(SubmissionRecord.snapshot).where(SubmissionRecord.period_id == period_id)
                          .order_by(SubmissionRecord.sequence.desc()).limit(1))


def every_snapshot(session: Session) -> Iterator[Any]:
    """The content every package froze, one after the other."""
    return iter(session.scalars(select(SubmissionRecord.snapshot)))


def package_files(session: Session) -> list[Row[str, str]]:
    """(package file name, its SHA-256) of every package made."""
    return list(session.execute(select(SubmissionRecord.package_name, SubmissionRecord.package_sha256)))


def add_submission(session: Session, **fields: Any) -> SubmissionRecord:
    """Add the row of a package just made (every column but the id) and flush it."""
    record = SubmissionRecord(**fields)
    session.add(record)
    session.flush()
    return record
