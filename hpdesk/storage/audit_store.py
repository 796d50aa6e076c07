"""The audit trail's rows inside a session: appending an event, the chain's end, and walking it in order.

The hash chain itself (what is hashed, the keyed seal) is services.audit's and services.audit_seal's rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Row, func, insert, select
from sqlalchemy.orm import Session

from hpdesk.storage.records import AuditEventRecord


def append_event(session: Session, **fields: Any) -> None:
    """Add one event row with `fields` (every column but the id); the session's next flush inserts it."""
    session.add(AuditEventRecord(**fields))


def append_events(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert event rows (every column but the id) in their order with one executemany, after the events already
    added to the session (flushed first, so ids still follow the chain)."""
    session.flush()
    session.execute(insert(AuditEventRecord.__table__), list(rows))


def chain_end(session: Session) -> tuple[int, str | None]:
    """(how many events, the last event's hash or None when there is none)."""
    count = session.scalar(select(func.count()).select_from(AuditEventRecord)) or 0
    return count, session.scalars(select(AuditEventRecord.hash).order_by(AuditEventRecord.id.desc()).limit(1)).first()


def hash_at(session: Session, position: int) -> str | None:
    """The hash of the `position`-th event (1 = the first) in chain order; None past the end."""
    return session.scalars(select(AuditEventRecord.hash).order_by(AuditEventRecord.id)
                           .offset(position - 1).limit(1)).first()


def events_in_order(session: Session) -> Iterator[AuditEventRecord]:
    """Every event in chain order, streamed (any size of trail)."""
    return iter(session.scalars(select(AuditEventRecord).order_by(AuditEventRecord.id)).yield_per(2000))


def last_after_by_entity(session: Session, entity_type: str) -> dict[str, Any]:
    """entity id → the `after` snapshot of the last event on each entity of `entity_type`."""
    last = (select(func.max(AuditEventRecord.id)).where(AuditEventRecord.entity_type == entity_type)
            .group_by(AuditEventRecord.entity_id))
    return {entity_id: after for entity_id, after in session.execute(
        select(AuditEventRecord.entity_id, AuditEventRecord.after).where(AuditEventRecord.id.in_(last)))}


def afters_in_order(session: Session, entity_type: str) -> Sequence[Row[str, Any]]:
    """(entity id, after) of every event on entities of `entity_type`, in chain order (for few entities: periods)."""
    return session.execute(select(AuditEventRecord.entity_id, AuditEventRecord.after)
                           .where(AuditEventRecord.entity_type == entity_type)
                           .order_by(AuditEventRecord.id)).all()


def events_on(session: Session, entity_type: str, entity_id: object) -> Sequence[Row[str, Any, Any]]:
    """(actor, before, after) of every event on one entity, in chain order."""
    return session.execute(
        select(AuditEventRecord.actor, AuditEventRecord.before, AuditEventRecord.after)
        .where(AuditEventRecord.entity_type == entity_type, AuditEventRecord.entity_id == str(entity_id))
        .order_by(AuditEventRecord.id)).all()
