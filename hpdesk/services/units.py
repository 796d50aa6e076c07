"""The county's responsible units (with aliases and the city departments they mirror) and task assignments.

A starter list of units comes from the imported plan: each city department named on a county task gets its county
counterpart (市卫生健康委 → 区卫生健康委). Assignments are suggested from those counterparts (the task's lead city
department → lead unit, the others → co-responsible), stored unconfirmed, and confirmed by the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hpdesk.domain.departments import county_counterpart, is_county_wide
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import ROLE_LABELS, UNIT_TYPES
from hpdesk.services.audit import record_event
from hpdesk.services.workspace import Workspace, office_profile
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    AssignmentRecord, ProgressReportRecord, TaskRecord, UnitAliasRecord, UnitCounterpartRecord, UnitRecord,
)

register_messages(
    {
        "unit_unknown": ("找不到责任单位“{name}”（也不是任何单位的别名）。", "No unit or alias named {name}."),
        "unit_exists": ("责任单位或别名“{name}”已经存在。", "A unit or alias named {name} already exists."),
        "unit_type_invalid": ("单位类型 {unit_type} 无效，可选：{choices}。", "Unit type {unit_type} is invalid: {choices}."),
        "task_unknown": ("找不到任务 {code}。", "No task with code {code}."),
        "task_not_county": ("任务 {code} 不由县区承担，不能分派。", "Task {code} does not fall to the county."),
        "assignment_needs_lead": ("任务 {code} 需要一个牵头单位。", "Task {code} needs a lead unit."),
    }
)


@dataclass(frozen=True)
class UnitSummary:
    id: int
    name: str
    unit_type: str
    type_label: str
    aliases: tuple[str, ...]
    counterparts: tuple[str, ...]
    lead_tasks: int
    co_tasks: int


@dataclass(frozen=True)
class AssignmentSummary:
    task_code: str
    unit: str
    role: str
    role_label: str
    confirmed: bool


def find_unit(session: Session, name: str) -> UnitRecord:
    """A unit by its name or one of its aliases; UserError `unit_unknown` otherwise."""
    unit = session.scalars(select(UnitRecord).where(UnitRecord.name == name.strip())).first()
    if unit is None:
        unit = session.scalars(select(UnitRecord).join(UnitAliasRecord)
                               .where(UnitAliasRecord.alias == name.strip())).first()
    if unit is None:
        raise UserError("unit_unknown", name=name)
    return unit


def find_task(session: Session, code: str) -> TaskRecord:
    task = session.scalars(select(TaskRecord).where(TaskRecord.code == code.strip())).first()
    if task is None:
        raise UserError("task_unknown", code=code)
    return task


def _name_taken(session: Session, name: str) -> bool:
    return bool(session.scalar(select(UnitRecord.id).where(UnitRecord.name == name)) or
                session.scalar(select(UnitAliasRecord.id).where(UnitAliasRecord.alias == name)))


def add_unit(workspace: Workspace, name: str, unit_type: str = "department", *, aliases: list[str] | None = None,
             counterparts: list[str] | None = None, contact: str = "") -> UnitSummary:
    """Create a unit. Names and aliases are unique across all units."""
    name = name.strip()
    if unit_type not in UNIT_TYPES:
        raise UserError("unit_type_invalid", unit_type=unit_type, choices="、".join(UNIT_TYPES))
    with workspace.database.unit_of_work() as session:
        for candidate in [name, *(aliases or [])]:
            if _name_taken(session, candidate.strip()):
                raise UserError("unit_exists", name=candidate)
        order = (session.scalar(select(func.max(UnitRecord.sort_order))) or 0) + 1
        unit = UnitRecord(name=name, unit_type=unit_type, contact=contact, sort_order=order, created_at=now_iso())
        session.add(unit)
        session.flush()
        for alias in aliases or []:
            session.add(UnitAliasRecord(unit_id=unit.id, alias=alias.strip()))
        for department in counterparts or []:
            session.add(UnitCounterpartRecord(unit_id=unit.id, city_department=department.strip()))
        record_event(session, actor=workspace.actor, action="create", entity_type="unit", entity_id=unit.id,
                     summary=f"新增责任单位：{name}", after={"name": name, "type": unit_type, "aliases": aliases or [],
                                                       "counterparts": counterparts or []})
        session.flush()
        return _summary(session, unit)


def _summary(session: Session, unit: UnitRecord) -> UnitSummary:
    aliases = tuple(session.scalars(select(UnitAliasRecord.alias).where(UnitAliasRecord.unit_id == unit.id)))
    counterparts = tuple(session.scalars(select(UnitCounterpartRecord.city_department)
                                         .where(UnitCounterpartRecord.unit_id == unit.id)))
    roles = dict(session.execute(select(AssignmentRecord.role, func.count()).where(AssignmentRecord.unit_id == unit.id)
                                 .group_by(AssignmentRecord.role)).all())
    return UnitSummary(unit.id, unit.name, unit.unit_type, UNIT_TYPES.get(unit.unit_type, unit.unit_type), aliases,
                       counterparts, roles.get("lead", 0), roles.get("co", 0))


def list_units(workspace: Workspace) -> list[UnitSummary]:
    with workspace.database.read_only() as session:
        return [_summary(session, unit) for unit in
                session.scalars(select(UnitRecord).where(UnitRecord.active.is_(True)).order_by(UnitRecord.sort_order))]


def seed_units_from_plan(workspace: Workspace) -> list[UnitSummary]:
    """Create the county counterpart of every city department named on a county task (skips existing ones)."""
    prefix = "县" if (profile := office_profile(workspace)) and profile.region.endswith("县") else "区"
    with workspace.database.read_only() as session:
        departments: dict[str, None] = {}
        for leads, others in session.execute(select(TaskRecord.lead_departments, TaskRecord.responsible_departments)
                                             .where(TaskRecord.falls_to_county.is_(True),
                                                    TaskRecord.status == "active")):
            for department in [*leads, *others]:
                if department.startswith("市") and not is_county_wide(department):
                    departments.setdefault(department)
        known = set(session.scalars(select(UnitCounterpartRecord.city_department)))
    created = []
    for department in departments:
        if department in known:
            continue
        name = county_counterpart(department, prefix)
        with workspace.database.read_only() as session:
            taken = _name_taken(session, name)
        if taken:
            with workspace.database.unit_of_work() as session:
                unit = find_unit(session, name)
                session.add(UnitCounterpartRecord(unit_id=unit.id, city_department=department))
            continue
        created.append(add_unit(workspace, name, "department", counterparts=[department]))
    return created


def assign_task(workspace: Workspace, task_code: str, lead: str, co: list[str] | None = None,
                *, confirmed: bool = True) -> list[AssignmentSummary]:
    """Hand a county task to a lead unit and co-responsible units (replacing the task's earlier assignments
    that have no reports; units that already reported keep their assignment, with the new role)."""
    return assign_tasks(workspace, [task_code], lead, co, confirmed=confirmed)[task_code]


def assign_tasks(workspace: Workspace, task_codes: list[str], lead: str, co: list[str] | None = None,
                 *, confirmed: bool = True) -> dict[str, list[AssignmentSummary]]:
    """Bulk assignment: the same lead and co units for many tasks, in one unit of work."""
    result: dict[str, list[AssignmentSummary]] = {}
    with workspace.database.unit_of_work() as session:
        lead_unit = find_unit(session, lead)
        co_units = [find_unit(session, name) for name in co or [] if name.strip()]
        for code in task_codes:
            task = find_task(session, code)
            if not task.falls_to_county:
                raise UserError("task_not_county", code=code)
            wanted = {lead_unit.id: "lead", **{unit.id: "co" for unit in co_units if unit.id != lead_unit.id}}
            before = [(a.unit_id, a.role) for a in session.scalars(select(AssignmentRecord)
                                                                    .where(AssignmentRecord.task_id == task.id))]
            for assignment in session.scalars(select(AssignmentRecord).where(AssignmentRecord.task_id == task.id)):
                if assignment.unit_id in wanted:
                    assignment.role = wanted.pop(assignment.unit_id)
                    assignment.confirmed = confirmed
                elif not session.scalar(select(ProgressReportRecord.id)
                                        .where(ProgressReportRecord.assignment_id == assignment.id).limit(1)):
                    session.delete(assignment)
            for unit_id, role in wanted.items():
                session.add(AssignmentRecord(task_id=task.id, unit_id=unit_id, role=role, confirmed=confirmed,
                                             created_at=now_iso()))
            session.flush()
            result[code] = _assignments(session, task)
            record_event(session, actor=workspace.actor, action="assign", entity_type="task", entity_id=task.id,
                         summary=f"分派任务 {code}：牵头 {lead_unit.name}", before={"assignments": before},
                         after={"assignments": [(a.unit, a.role, a.confirmed) for a in result[code]]})
    return result


def _assignments(session: Session, task: TaskRecord) -> list[AssignmentSummary]:
    rows = session.execute(select(AssignmentRecord, UnitRecord.name).join(UnitRecord)
                           .where(AssignmentRecord.task_id == task.id)
                           .order_by(AssignmentRecord.role.desc(), UnitRecord.sort_order)).all()
    return [AssignmentSummary(task.code, name, a.role, ROLE_LABELS[a.role], a.confirmed) for a, name in rows]


def task_assignments(workspace: Workspace, task_code: str) -> list[AssignmentSummary]:
    with workspace.database.read_only() as session:
        return _assignments(session, find_task(session, task_code))


def suggest_assignments(workspace: Workspace, *, apply: bool = False) -> dict[str, tuple[str, list[str]]]:
    """For county tasks with no assignment: {task code: (lead unit, co units)} from the counterpart mapping.

    With `apply`, the suggestions are stored unconfirmed (the clerk confirms them with `assign_task`).
    """
    with workspace.database.read_only() as session:
        mirror: dict[str, str] = dict(session.execute(
            select(UnitCounterpartRecord.city_department, UnitRecord.name).join(UnitRecord)).all())
        already_assigned = select(AssignmentRecord.task_id)
        tasks = session.execute(select(TaskRecord.id, TaskRecord.code, TaskRecord.lead_departments,
                                       TaskRecord.responsible_departments)
                                .where(TaskRecord.falls_to_county.is_(True), TaskRecord.status == "active",
                                       TaskRecord.id.not_in(already_assigned))
                                .order_by(TaskRecord.plan_id, TaskRecord.sort_order)).all()
    suggestions: dict[str, tuple[str, list[str]]] = {}
    for _task_id, code, leads, others in tasks:
        lead_units = [mirror[d] for d in leads if d in mirror]
        co_units = [mirror[d] for d in others if d in mirror]
        lead_unit = (lead_units or co_units or [None])[0]
        if lead_unit is None:
            continue
        suggestions[code] = (lead_unit, [u for u in dict.fromkeys(lead_units[1:] + co_units) if u != lead_unit])
    if apply:
        for code, (lead, co) in suggestions.items():
            assign_task(workspace, code, lead, co, confirmed=False)
    return suggestions


def update_unit(workspace: Workspace, name: str, *, new_name: str | None = None, unit_type: str | None = None,
                add_aliases: list[str] | None = None, remove_aliases: list[str] | None = None,
                add_counterparts: list[str] | None = None, remove_counterparts: list[str] | None = None,
                active: bool | None = None) -> UnitSummary:
    """Edit a unit as the clerk does in Settings (audited). Assignments and reports stay attached by id."""
    if unit_type is not None and unit_type not in UNIT_TYPES:
        raise UserError("unit_type_invalid", unit_type=unit_type, choices="、".join(UNIT_TYPES))
    with workspace.database.unit_of_work() as session:
        unit = find_unit(session, name)
        before = _summary(session, unit)
        if new_name and new_name.strip() != unit.name:
            if _name_taken(session, new_name.strip()):
                raise UserError("unit_exists", name=new_name)
            unit.name = new_name.strip()
        if unit_type is not None:
            unit.unit_type = unit_type
        if active is not None:
            unit.active = active
        for alias in add_aliases or []:
            if _name_taken(session, alias.strip()):
                raise UserError("unit_exists", name=alias)
            session.add(UnitAliasRecord(unit_id=unit.id, alias=alias.strip()))
        for alias in remove_aliases or []:
            for record in session.scalars(select(UnitAliasRecord).where(UnitAliasRecord.unit_id == unit.id,
                                                                        UnitAliasRecord.alias == alias.strip())):
                session.delete(record)
        current = set(session.scalars(select(UnitCounterpartRecord.city_department)
                                      .where(UnitCounterpartRecord.unit_id == unit.id)))
        for department in add_counterparts or []:
            if department.strip() not in current:
                session.add(UnitCounterpartRecord(unit_id=unit.id, city_department=department.strip()))
        for department in remove_counterparts or []:
            for record in session.scalars(select(UnitCounterpartRecord).where(
                    UnitCounterpartRecord.unit_id == unit.id, UnitCounterpartRecord.city_department == department)):
                session.delete(record)
        session.flush()
        after = _summary(session, unit)
        record_event(session, actor=workspace.actor, action="update", entity_type="unit", entity_id=unit.id,
                     summary=f"修改责任单位：{after.name}",
                     before={"name": before.name, "type": before.unit_type, "aliases": before.aliases,
                             "counterparts": before.counterparts},
                     after={"name": after.name, "type": after.unit_type, "aliases": after.aliases,
                            "counterparts": after.counterparts})
        return after
