"""The workspace's own rows inside a session: its office, and settings as JSON values by key (the period cadence,
the audit seal, the office's own)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hpdesk.storage.records import OfficeRecord, SettingRecord


def the_office(session: Session) -> OfficeRecord | None:
    """The office the workspace belongs to; None before the first-run set-up."""
    return session.scalars(select(OfficeRecord)).first()


def add_office(session: Session, **fields: Any) -> OfficeRecord:
    """The workspace's office row with `fields` (every column but the id), flushed so it has its id."""
    record = OfficeRecord(**fields)
    session.add(record)
    session.flush()
    return record


def setting_value(session: Session, key: str, default: Any = None) -> Any:
    """The setting's stored value, `default` when it was never set."""
    record = session.get(SettingRecord, key)
    return record.value if record is not None else default


def set_setting(session: Session, key: str, value: Any) -> Any:
    """Store `value` under `key`, creating the setting or replacing its value; returns the value before (or None)."""
    record = session.get(SettingRecord, key)
    if record is None:
        session.add(SettingRecord(key=key, value=value))
        return None
    before, record.value = record.value, value
    return before
