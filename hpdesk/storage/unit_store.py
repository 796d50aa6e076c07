"""Finding the county's responsible units inside a session: by name or alias, and whether a name is free.

Names and aliases are unique across all units together, so one text finds at most one unit.
"""

from __future__ import annotations

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    AssignmentRecord, DepartmentAliasRecord, UnitAliasRecord, UnitCounterpartRecord, UnitRecord,
)

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


def unit_by_id(session: Session, unit_id: int) -> UnitRecord | None:
    return session.get(UnitRecord, unit_id)


def units_in_order(session: Session, *, text: str, unit_type: str | None, include_inactive: bool) -> list[UnitRecord]:
    """Units in the clerk's order, of a type, whose name, an alias or a counterpart holds `text`; active ones
    unless `include_inactive`."""
    statement = select(UnitRecord).order_by(UnitRecord.sort_order, UnitRecord.id)
    if not include_inactive:
        statement = statement.where(UnitRecord.active.is_(True))
    if unit_type:
        statement = statement.where(UnitRecord.unit_type == unit_type)
    if text.strip():
        pattern = f"%{text.strip()}%"
        statement = statement.where(or_(
            UnitRecord.name.ilike(pattern),
            UnitRecord.id.in_(select(UnitAliasRecord.unit_id).where(UnitAliasRecord.alias.ilike(pattern))),
            UnitRecord.id.in_(select(UnitCounterpartRecord.unit_id)
                              .where(UnitCounterpartRecord.city_department.ilike(pattern)))))
    return list(session.scalars(statement))


def unit_facts(session: Session, ids: list[int]) -> tuple[dict[int, list[str]], dict[int, list[str]],
                                                          dict[tuple[int, str], int]]:
    """For the units `ids`: unit id → its aliases, unit id → the city departments it mirrors (each in the order
    they were added), and (unit id, role) → how many tasks it has in that role."""
    aliases: dict[int, list[str]] = {}
    for alias in session.scalars(select(UnitAliasRecord).where(UnitAliasRecord.unit_id.in_(ids))
                                 .order_by(UnitAliasRecord.id)):
        aliases.setdefault(alias.unit_id, []).append(alias.alias)
    counterparts: dict[int, list[str]] = {}
    for counterpart in session.scalars(select(UnitCounterpartRecord).where(UnitCounterpartRecord.unit_id.in_(ids))
                                       .order_by(UnitCounterpartRecord.id)):
        counterparts.setdefault(counterpart.unit_id, []).append(counterpart.city_department)
    roles = {(unit_id, role): count for unit_id, role, count in session.execute(
        select(AssignmentRecord.unit_id, AssignmentRecord.role, func.count())
        .where(AssignmentRecord.unit_id.in_(ids)).group_by(AssignmentRecord.unit_id, AssignmentRecord.role))}
    return aliases, counterparts, roles


def next_sort_order(session: Session) -> int:
    """The place after the last unit in the clerk's order."""
    return (session.scalar(select(func.max(UnitRecord.sort_order))) or 0) + 1


def taken_names(session: Session) -> set[str]:
    """Every unit's name and alias."""
    return set(session.scalars(select(UnitRecord.name))) | set(session.scalars(select(UnitAliasRecord.alias)))


def add_unit_row(session: Session, name: str, unit_type: str, contact: str, sort_order: int, aliases: list[str],
                 counterparts: list[str]) -> UnitRecord:
    """A new active unit with its aliases and counterparts; the unit is flushed (so it has its id)."""
    unit = UnitRecord(name=name, unit_type=unit_type, contact=contact, sort_order=sort_order, active=True,
                      created_at=now_iso())
    session.add(unit)
    session.flush()
    session.add_all([UnitAliasRecord(unit_id=unit.id, alias=alias) for alias in aliases])
    session.add_all([UnitCounterpartRecord(unit_id=unit.id, city_department=department) for department in counterparts])
    return unit


def add_unit_rows(session: Session, units: list[tuple[str, str, str, int]]) -> list[int]:
    """Insert active units (name, unit_type, contact, sort_order) in their order with one executemany; their ids,
    in the same order. (Not RETURNING: SQLite cannot promise the order of a multi-row RETURNING, so SQLAlchemy
    would send one INSERT per unit; names are unique, so one SELECT finds the ids.)"""
    if not units:
        return []
    session.execute(insert(UnitRecord.__table__), [
        {"name": name, "unit_type": unit_type, "contact": contact, "sort_order": sort_order, "active": True,
         "created_at": now_iso()} for name, unit_type, contact, sort_order in units])
    names = [name for name, _type, _contact, _order in units]
    ids = {name: unit_id for name, unit_id in
           session.execute(select(UnitRecord.name, UnitRecord.id).where(UnitRecord.name.in_(names)))}
    return [ids[name] for name in names]


def add_aliases(session: Session, aliases: list[tuple[int, str]]) -> None:
    """Insert (unit id, alias) rows in their order, with one executemany."""
    if aliases:
        session.execute(insert(UnitAliasRecord.__table__), [{"unit_id": unit_id, "alias": alias}
                                                            for unit_id, alias in aliases])


def add_counterparts(session: Session, counterparts: list[tuple[int, str]]) -> None:
    """Insert (unit id, city department) rows in their order, with one executemany."""
    if counterparts:
        session.execute(insert(UnitCounterpartRecord.__table__), [
            {"unit_id": unit_id, "city_department": department} for unit_id, department in counterparts])


def add_alias(session: Session, unit_id: int, alias: str) -> None:
    session.add(UnitAliasRecord(unit_id=unit_id, alias=alias))


def remove_alias(session: Session, unit_id: int, alias: str) -> None:
    for record in session.scalars(select(UnitAliasRecord).where(UnitAliasRecord.unit_id == unit_id,
                                                                UnitAliasRecord.alias == alias)):
        session.delete(record)


def add_counterpart(session: Session, unit_id: int, department: str) -> None:
    """Record that the unit mirrors the city department (in the plan's normalised spelling)."""
    session.add(UnitCounterpartRecord(unit_id=unit_id, city_department=department))


def counterparts_of(session: Session, unit_id: int) -> list[UnitCounterpartRecord]:
    """The city departments the unit mirrors, in the order they were added."""
    return list(session.scalars(select(UnitCounterpartRecord).where(UnitCounterpartRecord.unit_id == unit_id)
                                .order_by(UnitCounterpartRecord.id)))


def mirrored_departments(session: Session) -> set[str]:
    """Every city department some unit mirrors."""
    return set(session.scalars(select(UnitCounterpartRecord.city_department)))


def department_aliases(session: Session) -> dict[str, str]:
    """A city department's other spelling → its normalised spelling, as the workspace keeps them."""
    return {row.alias: row.canonical for row in session.scalars(select(DepartmentAliasRecord))}
