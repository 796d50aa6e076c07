"""Read models of the imported plan for the UI: frozen rows, never ORM objects, filtered in SQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import ActionRecord, IndicatorRecord, PlanRecord, TaskRecord


@dataclass(frozen=True)
class PlanOverview:
    plans: int
    actions: int
    tasks: int
    county_tasks: int
    indicators: int
    flagged_tasks: int

    @property
    def is_empty(self) -> bool:
        return self.tasks == 0 and self.indicators == 0


@dataclass(frozen=True)
class ActionRow:
    id: int
    code: str
    label: str  # "（一）健康促进行动"
    plan_title: str
    task_count: int


@dataclass(frozen=True)
class TaskRow:
    id: int
    code: str
    action_label: str
    task_text: str
    measures: str
    work_plan: str
    lead: str
    responsible: str
    falls_to_county: bool
    flags: tuple[str, ...]
    source: str  # "工作任务分解表 A5:H5"


def plan_overview(workspace: Workspace) -> PlanOverview:
    active_task = TaskRecord.status == "active"
    with workspace.database.read_only() as session:
        return PlanOverview(
            plans=session.scalar(select(func.count()).select_from(PlanRecord)) or 0,
            actions=session.scalar(select(func.count()).select_from(ActionRecord)
                                   .where(ActionRecord.status == "active")) or 0,
            tasks=session.scalar(select(func.count()).select_from(TaskRecord).where(active_task)) or 0,
            county_tasks=session.scalar(select(func.count()).select_from(TaskRecord)
                                        .where(active_task, TaskRecord.falls_to_county.is_(True))) or 0,
            indicators=session.scalar(select(func.count()).select_from(IndicatorRecord)
                                      .where(IndicatorRecord.status == "active")) or 0,
            flagged_tasks=session.scalar(select(func.count()).select_from(TaskRecord)
                                         .where(active_task, TaskRecord.flags != "[]")) or 0,
        )


def list_actions(workspace: Workspace) -> list[ActionRow]:
    with workspace.database.read_only() as session:
        counts = dict(session.execute(select(TaskRecord.action_id, func.count()).where(TaskRecord.status == "active")
                                      .group_by(TaskRecord.action_id)).all())
        rows = session.execute(select(ActionRecord, PlanRecord.title).join(PlanRecord)
                               .where(ActionRecord.status == "active")
                               .order_by(PlanRecord.id, ActionRecord.sort_order, ActionRecord.id)).all()
        return [ActionRow(action.id, action.code, f"{action.number_label}{action.title}", plan_title,
                          counts.get(action.id, 0)) for action, plan_title in rows]


def list_tasks(
    workspace: Workspace, *, action_id: int | None = None, search: str = "", county_only: bool = False,
    limit: int | None = None, offset: int = 0,
) -> list[TaskRow]:
    """Active tasks in the city's order; `search` matches any text column or department (Chinese substring)."""
    statement = (select(TaskRecord, ActionRecord.number_label, ActionRecord.title)
                 .join(ActionRecord, TaskRecord.action_id == ActionRecord.id, isouter=True)
                 .where(TaskRecord.status == "active"))
    if action_id is not None:
        statement = statement.where(TaskRecord.action_id == action_id)
    if county_only:
        statement = statement.where(TaskRecord.falls_to_county.is_(True))
    if search.strip():
        pattern = f"%{search.strip()}%"
        statement = statement.where(or_(
            TaskRecord.task_text.like(pattern), TaskRecord.measures.like(pattern), TaskRecord.work_plan.like(pattern),
            TaskRecord.basic_content.like(pattern), TaskRecord.lead_text.like(pattern),
            TaskRecord.responsible_text.like(pattern), TaskRecord.code.like(pattern),
        ))
    statement = statement.order_by(TaskRecord.plan_id, TaskRecord.sort_order, TaskRecord.id).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    with workspace.database.read_only() as session:
        return [
            TaskRow(
                id=task.id, code=task.code, action_label=f"{label or ''}{title or ''}",
                task_text=task.task_text or task.basic_content, measures=task.measures, work_plan=task.work_plan,
                lead="、".join(task.lead_departments), responsible="、".join(task.responsible_departments),
                falls_to_county=task.falls_to_county, flags=tuple(task.flags),
                source=f"{task.source_sheet} {task.source_range}",
            )
            for task, label, title in session.execute(statement)
        ]
