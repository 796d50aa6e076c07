"""Finding the city's indicators inside a session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.records import IndicatorRecord

register_messages({"indicator_unknown": ("找不到指标 {code}。", "No indicator with code {code}.")})


def find_indicator(session: Session, code: str) -> IndicatorRecord:
    """The active indicator with `code` (surrounding spaces ignored); UserError `indicator_unknown` otherwise."""
    record = session.scalars(select(IndicatorRecord).where(IndicatorRecord.code == code.strip(),
                                                           IndicatorRecord.status == "active")).first()
    if record is None:
        raise UserError("indicator_unknown", code=code)
    return record
