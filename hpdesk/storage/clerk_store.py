"""The (session, …) queries over the clerks of a shared workspace (records.ClerkRecord, ClerkUnitRecord), and the
ordering of lists by Chinese names on either back end."""

from __future__ import annotations

from sqlalchemy import SQLColumnExpression, exists, func, select
from sqlalchemy.orm import Session

from hpdesk.storage.records import AuditEventRecord, ClerkRecord, ClerkUnitRecord

CHINESE_COLLATION = "zh-x-icu"  # PostgreSQL's ICU collation; SQLite has none and keeps code point order


def chinese_order(session: Session, column: SQLColumnExpression[str]) -> SQLColumnExpression[str]:
    """`column` for ORDER BY in Chinese (pinyin) order on PostgreSQL; unchanged on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return column.collate(CHINESE_COLLATION)
    return column


def any_clerks(session: Session) -> bool:
    """Whether the workspace has clerks at all (without any, it is single-user and every action is allowed)."""
    return bool(session.scalar(select(exists().where(ClerkRecord.id.is_not(None)))))


def find_clerk(session: Session, login: str) -> ClerkRecord | None:
    return session.scalars(select(ClerkRecord).where(ClerkRecord.login == login.strip())).first()


def clerk_unit_ids(session: Session, clerk_id: int) -> set[int]:
    return set(session.scalars(select(ClerkUnitRecord.unit_id).where(ClerkUnitRecord.clerk_id == clerk_id)))


def last_change_id(session: Session) -> int:
    """The id of the newest audit event (0 for none): every change hpdesk makes records one, by any clerk."""
    return int(session.scalar(select(func.max(AuditEventRecord.id))) or 0)


def changes_after(session: Session, event_id: int, limit: int) -> list[AuditEventRecord]:
    """The audit events after `event_id`, oldest first, at most `limit`."""
    return list(session.scalars(select(AuditEventRecord).where(AuditEventRecord.id > event_id)
                                .order_by(AuditEventRecord.id).limit(limit)))
