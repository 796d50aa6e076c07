"""The county's responsible units: type, aliases, and the city departments each one mirrors.

A starter list comes from the imported plan (`seed_units_from_plan`): every city department named on a county task
gets its county counterpart (市卫生健康委 → 区卫生健康委, 市委宣传部 → 区委宣传部); county-wide words (各县市区 …)
are skipped. The clerk then edits the list. Names and aliases are unique across all units, so any of them finds
the unit (`storage.unit_store.find_unit`). Counterparts are stored in the plan's normalised spelling (市卫健委 →
市卫生健康委), which is what assignment suggestions match against. Assignments are `hpdesk.services.assignments`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hpdesk.domain.departments import (
    DEFAULT_DEPARTMENT_ALIASES, clean_body_name, county_counterpart, is_county_wide, is_generic_body, normalise_name,
)
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import UNIT_TYPES
from hpdesk.services.audit import AuditEntry, record_event, record_events
from hpdesk.services.clerks import require_reviewer
from hpdesk.services.workspace import Workspace
from hpdesk.storage.setting_store import the_office
from hpdesk.storage.task_store import county_task_departments
from hpdesk.storage.unit_store import (
    add_alias, add_aliases, add_counterpart, add_counterparts, add_unit_row, add_unit_rows, counterparts_of,
    department_aliases, find_unit, mirrored_departments, name_taken, next_sort_order, remove_alias, taken_names,
    unit_facts, units_in_order,
)

if TYPE_CHECKING:
    from hpdesk.storage.records import UnitRecord

register_messages(
    {
        "unit_exists": ("责任单位或别名“{name}”已经存在。", "A unit or alias named {name} already exists."),
        "unit_type_invalid": ("单位类型 {unit_type} 无效，可选：{choices}。", "Unit type {unit_type} is invalid: {choices}."),
        "unit_name_empty": ("责任单位名称不能为空。", "A unit needs a name."),
    }
)


@dataclass(frozen=True)
class UnitSummary:
    """A unit as lists and dialogs show it; `lead_tasks`/`co_tasks` count its assignments (confirmed or not)."""

    id: int
    name: str
    unit_type: str
    type_label: str
    aliases: tuple[str, ...]
    counterparts: tuple[str, ...]
    lead_tasks: int
    co_tasks: int
    contact: str = ""
    active: bool = True
    sort_order: int = 0


# --- lookups -------------------------------------------------------------------------------------------------------


def _normalised_departments(session: Session, departments: list[str] | None) -> list[str]:
    aliases = department_aliases(session)
    return list(dict.fromkeys(normalise_name(d, aliases) for d in departments or [] if d.strip()))


def _check_type(unit_type: str) -> None:
    if unit_type not in UNIT_TYPES:
        raise UserError("unit_type_invalid", unit_type=unit_type, choices="、".join(UNIT_TYPES))


# --- read models ---------------------------------------------------------------------------------------------------


def _summaries(session: Session, units: list[UnitRecord]) -> list[UnitSummary]:
    """Summaries of `units` in the given order, in three queries whatever their number."""
    aliases, counterparts, roles = unit_facts(session, [unit.id for unit in units])
    return [UnitSummary(unit.id, unit.name, unit.unit_type, UNIT_TYPES.get(unit.unit_type, unit.unit_type),
                        tuple(aliases.get(unit.id, ())), tuple(counterparts.get(unit.id, ())),
                        roles.get((unit.id, "lead"), 0), roles.get((unit.id, "co"), 0), unit.contact, unit.active,
                        unit.sort_order)
            for unit in units]


def list_units(workspace: Workspace, *, text: str = "", unit_type: str | None = None,
               include_inactive: bool = False) -> list[UnitSummary]:
    """Units in the clerk's order. `text` matches a name, alias or counterpart; inactive units only on request.

    A county has tens of units, not thousands, so there is no paging.
    """
    with workspace.database.read_only() as session:
        return _summaries(session, units_in_order(session, text=text, unit_type=unit_type,
                                                  include_inactive=include_inactive))


def _audit_view(summary: UnitSummary) -> dict[str, object]:
    return {"name": summary.name, "type": summary.unit_type, "aliases": list(summary.aliases),
            "counterparts": list(summary.counterparts), "contact": summary.contact, "active": summary.active}


# --- writes --------------------------------------------------------------------------------------------------------


def _create_unit(session: Session, actor: str, name: str, unit_type: str, aliases: list[str],
                 counterparts: list[str], contact: str, summary_text: str) -> UnitRecord:
    """Insert a unit after the last one in the clerk's order, with its aliases and (already normalised)
    counterparts, and audit it, inside `session`. The audited view is built from what is inserted: a new unit has
    exactly these aliases and counterparts, no tasks."""
    unit = add_unit_row(session, name, unit_type, contact, next_sort_order(session), aliases, counterparts)
    record_event(session, actor=actor, action="create", entity_type="unit", entity_id=unit.id, summary=summary_text,
                 after={"name": name, "type": unit_type, "aliases": list(aliases), "counterparts": list(counterparts),
                        "contact": contact, "active": True})
    return unit


def add_unit(workspace: Workspace, name: str, unit_type: str = "department", *, aliases: list[str] | None = None,
             counterparts: list[str] | None = None, contact: str = "") -> UnitSummary:
    """Create a unit (audited). Its name and aliases must be new among all units' names and aliases
    (`unit_exists`); counterparts are city departments in any spelling (stored normalised)."""
    name = name.strip()
    if not name:
        raise UserError("unit_name_empty")
    _check_type(unit_type)
    alias_list = list(dict.fromkeys(a.strip() for a in aliases or [] if a.strip() and a.strip() != name))
    with workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "units")
        for candidate in [name, *alias_list]:
            if name_taken(session, candidate):
                raise UserError("unit_exists", name=candidate)
        unit = _create_unit(session, workspace.actor, name, unit_type, alias_list,
                            _normalised_departments(session, counterparts), contact.strip(), f"新增责任单位：{name}")
        return _summaries(session, [unit])[0]


def update_unit(workspace: Workspace, name: str, *, new_name: str | None = None, unit_type: str | None = None,
                add_aliases: list[str] | None = None, remove_aliases: list[str] | None = None,
                add_counterparts: list[str] | None = None, remove_counterparts: list[str] | None = None,
                contact: str | None = None, active: bool | None = None) -> UnitSummary:
    """Edit a unit found by name or alias (audited, one unit of work). Assignments and reports stay attached by id,
    so renaming or deactivating a unit keeps its history; an inactive unit is hidden from lists by default."""
    if unit_type is not None:
        _check_type(unit_type)
    with workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "units")
        unit = find_unit(session, name)
        before = _summaries(session, [unit])[0]
        if new_name is not None and new_name.strip() != unit.name:
            if not new_name.strip():
                raise UserError("unit_name_empty")
            if name_taken(session, new_name.strip(), except_unit=unit.id):
                raise UserError("unit_exists", name=new_name)
            unit.name = new_name.strip()
        if unit_type is not None:
            unit.unit_type = unit_type
        if contact is not None:
            unit.contact = contact.strip()
        if active is not None:
            unit.active = active
        for alias in remove_aliases or []:
            remove_alias(session, unit.id, alias.strip())
        session.flush()
        for alias in dict.fromkeys(a.strip() for a in add_aliases or [] if a.strip()):
            if alias == unit.name or alias in before.aliases:
                continue
            if name_taken(session, alias):
                raise UserError("unit_exists", name=alias)
            add_alias(session, unit.id, alias)
        removed = set(_normalised_departments(session, remove_counterparts))
        for counterpart in counterparts_of(session, unit.id):
            if counterpart.city_department in removed or counterpart.city_department in (remove_counterparts or []):
                session.delete(counterpart)
        session.flush()
        current = {counterpart.city_department for counterpart in counterparts_of(session, unit.id)}
        for department in _normalised_departments(session, add_counterparts):
            if department not in current:
                add_counterpart(session, unit.id, department)
        session.flush()
        after = _summaries(session, [unit])[0]
        record_event(session, actor=workspace.actor, action="update", entity_type="unit", entity_id=unit.id,
                     summary=f"修改责任单位：{after.name}", before=_audit_view(before), after=_audit_view(after))
        return after


def _county_prefix(session: Session) -> str:
    """区 for a district (管城回族区), 县 for a county (平阴县), 市 for a county-level city (新泰市)."""
    office = the_office(session)
    region = office.region.strip() if office else ""
    return region[-1] if region and region[-1] in "区县市" else "区"


def _counterpart_aliases(department: str, prefix: str) -> list[str]:
    """Other county spellings of a counterpart, from the built-in city spellings: 区卫生健康委 ← 区卫健委 …"""
    return [county_counterpart(spelling, prefix) for spelling, canonical in DEFAULT_DEPARTMENT_ALIASES.items()
            if canonical == department and spelling.startswith(("市", "团市委"))]


def seed_units_from_plan(workspace: Workspace) -> list[UnitSummary]:
    """Create the county counterpart of every city department named on an active county task, in one unit of work.

    市卫生健康委 → 区卫生健康委 (with aliases such as 区卫健委 where they are free). A department some unit already
    mirrors is skipped; when the counterpart's name already exists, that unit gains the department as a counterpart
    instead of a duplicate being made. Spellings of one department make one unit (市工业信息化局 = 市工信局), stray
    brackets are dropped and "everyone concerned" (市直各有关部门) makes none; 团市委 gives 团区委.
    Returns the units created (running it again creates none).
    """
    with workspace.database.unit_of_work() as session:
        prefix = _county_prefix(session)
        departments: dict[str, None] = {}
        for leads, others in county_task_departments(session):
            for written in [*(leads or []), *(others or [])]:
                if not isinstance(written, str):
                    continue
                department = clean_body_name(written)
                department = DEFAULT_DEPARTMENT_ALIASES.get(department, department)  # 市工业信息化局 = 市工信局
                if department.startswith(("市", "团市委")) and not is_county_wide(department) \
                        and not is_generic_body(department):
                    departments.setdefault(department)
        mirrored = mirrored_departments(session)
        # every unit name and alias, read once and kept current below (name_taken's two queries per candidate)
        taken = taken_names(session)
        # Decided first, written after in bulk (issue 13: 29 units and their events were ~100 ORM round trips):
        # `made` are the units to create (name, aliases), `links` each department in order with the unit that
        # mirrors it from now on — the index of a unit in `made`, or an existing unit (which gains a counterpart).
        made: list[tuple[str, list[str]]] = []
        made_names: dict[str, int] = {}  # a made unit's name or alias → its index in `made`
        links: list[tuple[int | UnitRecord, str]] = []  # (unit, department); a made unit's first link makes it
        for department in departments:
            if department in mirrored:
                continue
            name = county_counterpart(department, prefix)
            if name in taken:
                links.append((made_names[name] if name in made_names else find_unit(session, name), department))
            else:
                aliases = [a for a in dict.fromkeys(_counterpart_aliases(department, prefix))
                           if a != name and a not in taken]
                made_names.update(dict.fromkeys([name, *aliases], len(made)))
                links.append((len(made), department))
                made.append((name, aliases))
                taken.update([name, *aliases])
            mirrored.add(department)
        if not links:
            return []
        return _write_seeded_units(session, workspace.actor, made, links)


def _write_seeded_units(session: Session, actor: str, made: list[tuple[str, list[str]]],
                        links: list[tuple[int | UnitRecord, str]]) -> list[UnitSummary]:
    """Write what `seed_units_from_plan` decided, with the rows, ids and audit events one `_create_unit` (or one
    counterpart and its event) per link in order would give: units in order after the last one in the clerk's
    order, then their aliases, the counterparts in the links' order, and the events in one chained batch."""
    order = next_sort_order(session)
    ids = add_unit_rows(session, [(name, "department", "", order + index) for index, (name, _aliases)
                                  in enumerate(made)])
    add_aliases(session, [(ids[index], alias) for index, (_name, aliases) in enumerate(made) for alias in aliases])
    units = [(ids[unit], made[unit][0]) if isinstance(unit, int) else (unit.id, unit.name)
             for unit, _department in links]
    add_counterparts(session, [(unit_id, department) for (unit_id, _name), (_unit, department) in zip(units, links)])
    entries = []
    announced: set[int] = set()
    for (unit_id, name), (unit, department) in zip(units, links):
        if isinstance(unit, int) and unit not in announced:  # the link that made the unit: its creation
            announced.add(unit)
            entries.append(AuditEntry("create", "unit", unit_id, f"按计划生成责任单位：{name}（对口 {department}）",
                                      after={"name": name, "type": "department", "aliases": list(made[unit][1]),
                                             "counterparts": [department], "contact": "", "active": True}))
        else:
            entries.append(AuditEntry("update", "unit", unit_id, f"{name} 对口 {department}",
                                      after={"counterpart_added": department}))
    record_events(session, actor=actor, entries=entries)
    # what `_summaries` would read back (four queries): exactly these aliases and counterparts, no task yet
    counterparts: dict[int, list[str]] = {}
    for unit, department in links:
        if isinstance(unit, int):
            counterparts.setdefault(unit, []).append(department)
    return [UnitSummary(ids[index], name, "department", UNIT_TYPES.get("department", "department"), tuple(aliases),
                        tuple(counterparts[index]), 0, 0, "", True, order + index)
            for index, (name, aliases) in enumerate(made)]
