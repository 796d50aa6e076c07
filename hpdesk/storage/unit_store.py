"""Finding the county's responsible units inside a session: by name or alias, and whether a name is free.

Names and aliases are unique across all units together, so one text finds at most one unit.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.records import UnitAliasRecord, UnitCounterpartRecord, UnitRecord

register_messages(
    {"unit_unknown": ("找不到责任单位“{name}”（也不是任何单位的别名）。", "No unit or alias named {name}.")}
)


def find_unit(session: Session, name: str) -> UnitRecord:
    """A unit by its name or one of its aliases (surrounding spaces ignored); UserError `unit_unknown` otherwise."""
    wanted = name.strip()
    unit = session.scalars(select(UnitRecord).where(UnitRecord.name == wanted)).first()
    if unit is None:
        unit = session.scalars(select(UnitRecord).join(UnitAliasRecord)
                               .where(UnitAliasRecord.alias == wanted)).first()
    if unit is None:
        raise UserError("unit_unknown", name=name)
    return unit


def name_taken(session: Session, name: str, *, except_unit: int | None = None) -> bool:
    """Whether `name` is already some unit's name or alias (other than unit `except_unit`'s own)."""
    unit_id = session.scalar(select(UnitRecord.id).where(UnitRecord.name == name))
    alias_owner = session.scalar(select(UnitAliasRecord.unit_id).where(UnitAliasRecord.alias == name))
    return any(owner is not None and owner != except_unit for owner in (unit_id, alias_owner))


def mirrors(session: Session) -> dict[str, UnitRecord]:
    """city department → the active unit mirroring it (the first in the clerk's order when several do)."""
    found: dict[str, UnitRecord] = {}
    for department, unit in session.execute(
            select(UnitCounterpartRecord.city_department, UnitRecord).join(UnitRecord)
            .where(UnitRecord.active.is_(True)).order_by(UnitRecord.sort_order, UnitRecord.id)):
        found.setdefault(department, unit)
    return found
