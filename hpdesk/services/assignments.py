"""Who carries each county task: one lead unit (牵头) and any co-responsible units (配合).

Suggestions come from the counterpart mapping: the task's lead city department → the unit that mirrors it = lead,
its responsible departments → co. `suggest_assignments(apply=True)` stores them unconfirmed; the clerk confirms
(`confirm_assignments`) or assigns by hand (`assign_task`/`assign_tasks`, confirmed). Only confirmed assignments are
expected to report (see services.completeness).

Re-assigning a task replaces its units: a unit that is no longer wanted loses its assignment, unless it has already
reported — then it stays (as co-responsible) so its reports keep their task.
"""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import ROLE_LABELS
from hpdesk.services.audit import AuditEntry, record_event, record_events
from hpdesk.services.clerks import require_reviewer
from hpdesk.services.workspace import Workspace
from hpdesk.storage.report_store import (
    HANDOVER_STATES, add_assignment, add_assignments, find_assignment, has_reports, task_ids, tasks_in_order,
    tasks_with_suggestions, units_of_task,
)
from hpdesk.storage.task_store import find_task, page_of_task_ids, task_rows, units_by_task
from hpdesk.storage.unit_store import find_unit, mirrors

if TYPE_CHECKING:
    from hpdesk.storage.records import TaskRecord, UnitRecord

ASSIGNMENT_STATES = HANDOVER_STATES

register_messages(
    {
        "task_not_county": ("任务 {code} 不由县区承担，不能分派。", "Task {code} does not fall to the county."),
        "assignment_needs_lead": ("任务 {code} 需要一个牵头单位。", "Task {code} needs a lead unit."),
        "assignment_unknown": ("任务 {code} 没有分派给“{unit}”。", "Task {code} is not assigned to {unit}."),
        "assignment_has_reports": (
            "“{unit}”已经填报过任务 {code} 的报告，不能取消分派（报告会失去归属）。",
            "{unit} has reported on task {code}; its assignment cannot be removed (the reports would be orphaned).",
        ),
        "assignment_is_lead": (
            "“{unit}”是任务 {code} 的牵头单位。请先用“分派”指定新的牵头单位。",
            "{unit} leads task {code}; assign another lead unit first.",
        ),
        "assignment_state_invalid": ("分派状态 {state} 无效，可选：{choices}。",
                                     "Assignment state {state} is invalid: {choices}."),
    }
)


@dataclass(frozen=True)
class AssignmentSummary:
    """One unit's part in one task."""

    task_code: str
    unit: str
    role: str  # lead | co
    role_label: str
    confirmed: bool
    id: int = 0
    task_id: int = 0
    unit_id: int = 0


@dataclass(frozen=True)
class TaskAssignmentRow:
    """A county task with the units it is handed to, for the assignment table (one row per task)."""

    task_id: int
    task_code: str
    task_label: str  # 具体任务, or 推进措施/基本内容 when that is blank
    action_label: str  # （一）健康知识普及行动
    lead_departments: tuple[str, ...]  # the city's lead departments, normalised
    responsible_departments: tuple[str, ...]
    lead_unit: str | None
    co_units: tuple[str, ...]
    confirmed: bool  # every assignment of the task is confirmed (False while only suggested)

    @property
    def assigned(self) -> bool:
        return self.lead_unit is not None or bool(self.co_units)


# --- lookups -------------------------------------------------------------------------------------------------------


def _assignments_of(session: Session, task: TaskRecord) -> list[AssignmentSummary]:
    return [AssignmentSummary(task.code, name, a.role, ROLE_LABELS[a.role], a.confirmed, a.id, a.task_id, a.unit_id)
            for a, name in units_of_task(session, task.id)]


def _audit_view(items: list[AssignmentSummary]) -> list[dict[str, object]]:
    return [{"unit": a.unit, "role": a.role, "confirmed": a.confirmed} for a in items]


def _audited(session: Session, actor: str, task: TaskRecord, before: list[AssignmentSummary],
             summary: str) -> list[AssignmentSummary]:
    """The task's units once the change made inside `session` is flushed, audited against `before`."""
    session.flush()
    after = _assignments_of(session, task)
    record_event(session, actor=actor, action="assign", entity_type="task", entity_id=task.id, summary=summary,
                 before={"assignments": _audit_view(before)}, after={"assignments": _audit_view(after)})
    return after


# --- assigning -----------------------------------------------------------------------------------------------------


def _assign(session: Session, actor: str, task: TaskRecord, lead: UnitRecord, co: list[UnitRecord],
            confirmed: bool, summary: str) -> list[AssignmentSummary]:
    """Make `lead` + `co` the task's units inside `session` (see the module docstring) and audit the change."""
    if not task.falls_to_county:
        raise UserError("task_not_county", code=task.code)
    before = _assignments_of(session, task)
    wanted = {lead.id: "lead", **{unit.id: "co" for unit in co if unit.id != lead.id}}
    for assignment, _name in units_of_task(session, task.id):
        if assignment.unit_id in wanted:
            assignment.role = wanted.pop(assignment.unit_id)
            assignment.confirmed = confirmed
        elif has_reports(session, assignment.id):
            assignment.role = "co"  # keeps its reports; a task has one lead
        else:
            session.delete(assignment)
    for unit_id, role in wanted.items():
        add_assignment(session, task.id, unit_id, role, confirmed)
    return _audited(session, actor, task, before, summary)


def assign_tasks(workspace: Workspace, task_codes: list[str], lead: str, co: list[str] | None = None,
                 *, confirmed: bool = True) -> dict[str, list[AssignmentSummary]]:
    """Bulk assignment: the same lead and co units (names or aliases) for many county tasks, in one unit of work
    (all or nothing). Raises `task_unknown`, `task_not_county`, `unit_unknown`, `assignment_needs_lead`."""
    if not lead or not lead.strip():
        raise UserError("assignment_needs_lead", code="、".join(task_codes) or "?")
    result: dict[str, list[AssignmentSummary]] = {}
    with workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "units")
        lead_unit = find_unit(session, lead)
        co_units = [find_unit(session, name) for name in co or [] if name.strip()]
        for code in dict.fromkeys(task_codes):
            task = find_task(session, code)
            result[code] = _assign(session, workspace.actor, task, lead_unit, co_units, confirmed,
                                   f"分派任务 {task.code}：牵头 {lead_unit.name}")
    return result


def assign_task(workspace: Workspace, task_code: str, lead: str, co: list[str] | None = None,
                *, confirmed: bool = True) -> list[AssignmentSummary]:
    """Hand one county task to a lead unit and co-responsible units; returns its units, lead first."""
    return assign_tasks(workspace, [task_code], lead, co, confirmed=confirmed)[task_code]


def confirm_assignments(workspace: Workspace, task_codes: list[str] | None = None) -> int:
    """Confirm the suggested (unconfirmed) assignments of the given tasks, or of every task when None.
    Returns how many tasks changed; each is audited."""
    with workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "units")
        wanted = None if task_codes is None else [find_task(session, code).id for code in task_codes]
        tasks = tasks_with_suggestions(session, wanted)
        for task in tasks:
            before = _assignments_of(session, task)
            for assignment, _name in units_of_task(session, task.id):
                assignment.confirmed = True
            _audited(session, workspace.actor, task, before, f"确认分派 {task.code}")
        return len(tasks)


def remove_assignments(workspace: Workspace, task_codes: list[str],
                       unit_name: str) -> dict[str, list[AssignmentSummary]]:
    """Take a co-responsible unit off tasks, all or nothing (audited); returns each task's remaining units.

    Refused for the lead (`assignment_is_lead`: assign another lead instead), for a unit that has reported
    (`assignment_has_reports`) and for a unit the task does not have (`assignment_unknown`).
    """
    result: dict[str, list[AssignmentSummary]] = {}
    with workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "units")
        unit = find_unit(session, unit_name)
        for code in dict.fromkeys(task_codes):
            task = find_task(session, code)
            assignment = find_assignment(session, task, unit)
            if assignment is None:
                raise UserError("assignment_unknown", code=task.code, unit=unit.name)
            if assignment.role == "lead":
                raise UserError("assignment_is_lead", code=task.code, unit=unit.name)
            if has_reports(session, assignment.id):
                raise UserError("assignment_has_reports", code=task.code, unit=unit.name)
            before = _assignments_of(session, task)
            session.delete(assignment)
            result[code] = _audited(session, workspace.actor, task, before, f"取消分派 {task.code}：{unit.name}")
    return result


# --- suggestions ---------------------------------------------------------------------------------------------------


def suggest_assignments(workspace: Workspace, *, apply: bool = False) -> dict[str, tuple[str, list[str]]]:
    """For active county tasks with no assignment yet: {task code: (lead unit, co units)} from the counterparts.

    The lead is the unit mirroring the first lead department that has one (else the first mirrored responsible
    department); the other mirrored departments give the co units. Tasks whose departments no unit mirrors are left
    out. With `apply`, the suggestions are stored unconfirmed, all in one unit of work.
    """
    with (workspace.database.unit_of_work() if apply else workspace.database.read_only()) as session:
        mirrored = mirrors(session)
        suggestions: dict[str, tuple[str, list[str]]] = {}
        rows: list[tuple[int, int, str, bool]] = []
        events: list[AuditEntry] = []
        for task in tasks_in_order(session, task_ids(handover="unassigned")):
            lead_units = [mirrored[d] for d in task.lead_departments or [] if d in mirrored]
            co_units = [mirrored[d] for d in task.responsible_departments or [] if d in mirrored]
            candidates = list({unit.id: unit for unit in lead_units + co_units}.values())
            if not candidates:
                continue
            lead, others = candidates[0], candidates[1:]
            suggestions[task.code] = (lead.name, [unit.name for unit in others])
            if apply:
                events.append(_suggest_unassigned(task, lead, others, rows))
        add_assignments(session, rows)  # one INSERT for all rows and one for all events (issue 13)
        record_events(session, actor=workspace.actor, entries=events)
        return suggestions


def _suggest_unassigned(task: TaskRecord, lead: UnitRecord, others: list[UnitRecord],
                        rows: list[tuple[int, int, str, bool]]) -> AuditEntry:
    """`_assign(…, confirmed=False)` for a task known to have no assignment yet (suggest_assignments selects only
    those), without its per-task queries and flushes: nothing to read before, and the audited `after` is the lead
    then the co units in the clerk's unit order, as `_assignments_of` would read it back. The rows (task, unit,
    role, confirmed) are added to `rows` and the audit event returned, for the caller to write with the others'."""
    rows.extend((task.id, unit.id, role, False) for unit, role in [(lead, "lead"), *((unit, "co") for unit in others)])
    after = [AssignmentSummary(task.code, unit.name, role, ROLE_LABELS[role], False)
             for unit, role in [(lead, "lead"), *sorted(((unit, "co") for unit in others),
                                                        key=lambda pair: (pair[0].sort_order, pair[0].id))]]
    return AuditEntry("assign", "task", task.id, f"建议分派 {task.code}：牵头 {lead.name}",
                      before={"assignments": []}, after={"assignments": _audit_view(after)})


# --- the assignment table ------------------------------------------------------------------------------------------


def list_task_assignments(workspace: Workspace, *, state: str | None = None) -> list[TaskAssignmentRow]:
    """Active county tasks with their units, in the city's order; `state` (unassigned | unconfirmed | confirmed)
    keeps the tasks whose hand-over went that far."""
    if state is not None and state not in ASSIGNMENT_STATES:
        raise UserError("assignment_state_invalid", state=state, choices="、".join(ASSIGNMENT_STATES))
    with workspace.database.read_only() as session:
        ids = page_of_task_ids(session, task_ids(handover=state), limit=None, offset=0)
        if not ids:
            return []
        tasks = task_rows(session, ids, "lead_departments", "responsible_departments")
        units = units_by_task(session, ids)
        return [TaskAssignmentRow(
            task_id, code, text_label or "", action_label, tuple(leads or ()), tuple(others or ()),
            next((name for name, role, _c in parts if role == "lead"), None),
            tuple(name for name, role, _c in parts if role == "co"), bool(parts) and all(c for _n, _r, c in parts))
            for task_id, code, text_label, action_label, leads, others in (tasks[i] for i in ids)
            for parts in [units.get(task_id, [])]]
