"""The (session, …) queries over the clerks of a shared workspace (records.ClerkRecord, ClerkUnitRecord), and the
ordering of lists by Chinese names on either back end."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import SQLColumnExpression, delete, exists, func, select
from sqlalchemy.orm import Session

from hpdesk.storage.records import AuditEventRecord, ClerkRecord, ClerkUnitRecord, UnitRecord

CHINESE_COLLATION = "zh-x-icu"  # PostgreSQL's ICU collation; SQLite has none and keeps code point order


def chinese_order(session: Session, column: SQLColumnExpression[str]) -> SQLColumnExpression[str]:
    """`column` for ORDER BY in Chinese (pinyin) order on PostgreSQL; unchanged on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        return column.collate(CHINESE_COLLATION)
    return column


def any_clerks(session: Session) -> bool:
    """Whether the workspace has clerks at all (without any, it is single-user and every action is allowed)."""
    return bool(session.scalar(select(exists().where(ClerkRecord.id.is_not(None)))))


def others_count(session: Session, clerk_id: int, role: str | None = None) -> int:
    """How many active clerks other than `clerk_id` there are (of `role`, or of any role)."""
    query = select(func.count()).select_from(ClerkRecord).where(ClerkRecord.id != clerk_id,
                                                                ClerkRecord.active.is_(True))
    return int(session.scalar(query.where(ClerkRecord.role == role) if role else query) or 0)


def find_clerk(session: Session, login: str) -> ClerkRecord | None:
    return session.scalars(select(ClerkRecord).where(ClerkRecord.login == login.strip())).first()


def clerk_unit_ids(session: Session, clerk_id: int) -> set[int]:
    return set(session.scalars(select(ClerkUnitRecord.unit_id).where(ClerkUnitRecord.clerk_id == clerk_id)))


def unit_names_of(session: Session, clerk_id: int) -> Sequence[str]:
    """The names of the clerk's units, in the city's unit order."""
    return session.scalars(select(UnitRecord.name).join(ClerkUnitRecord, ClerkUnitRecord.unit_id == UnitRecord.id)
                           .where(ClerkUnitRecord.clerk_id == clerk_id)
                           .order_by(UnitRecord.sort_order, UnitRecord.id)).all()


def clerks_in_order(session: Session) -> Sequence[ClerkRecord]:
    """Every clerk, by display name (Chinese order on PostgreSQL), then login."""
    return session.scalars(select(ClerkRecord).order_by(chinese_order(session, ClerkRecord.display_name),
                                                        ClerkRecord.login)).all()


def add_clerk_row(session: Session, login: str, display_name: str, role: str, unit_ids: Sequence[int],
                  created_at: str) -> ClerkRecord:
    """A new active clerk with their units, flushed so it has its id."""
    clerk = ClerkRecord(login=login, display_name=display_name, role=role, active=True, created_at=created_at)
    session.add(clerk)
    session.flush()
    session.add_all(ClerkUnitRecord(clerk_id=clerk.id, unit_id=unit_id) for unit_id in unit_ids)
    return clerk


def delete_clerk(session: Session, clerk: ClerkRecord) -> None:
    """The clerk and their units' links (their past changes stay in the audit trail under their login)."""
    session.execute(delete(ClerkUnitRecord).where(ClerkUnitRecord.clerk_id == clerk.id))
    session.delete(clerk)


def last_change_id(session: Session) -> int:
    """The id of the newest audit event (0 for none): every change hpdesk makes records one, by any clerk."""
    return int(session.scalar(select(func.max(AuditEventRecord.id))) or 0)


def changes_after(session: Session, event_id: int, limit: int) -> list[AuditEventRecord]:
    """The audit events after `event_id`, oldest first, at most `limit`."""
    return list(session.scalars(select(AuditEventRecord).where(AuditEventRecord.id > event_id)
                                .order_by(AuditEventRecord.id).limit(limit)))
