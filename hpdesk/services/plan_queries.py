"""The imported plan at a glance: how much of it there is, and its actions with their task counts (frozen rows)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

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


def plan_overview(workspace: Workspace) -> PlanOverview:
    """How much of the plan is imported: the empty workspace's first screen asks for an import."""
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


@dataclass(frozen=True)
class ActionNavRow:
    """An action of the plan for the navigator."""

    id: int
    label: str  # "（一）健康促进行动"
    plan_title: str
    task_count: int  # active tasks (county tasks only when asked)


def list_action_rows(workspace: Workspace, *, county_only: bool = True) -> list[ActionNavRow]:
    """Active actions in the city's order with how many (county) tasks each holds."""
    with workspace.database.read_only() as session:
        counting = select(TaskRecord.action_id, func.count()).where(TaskRecord.status == "active")
        if county_only:
            counting = counting.where(TaskRecord.falls_to_county.is_(True))
        counts = dict(session.execute(counting.group_by(TaskRecord.action_id)).all())
        rows = session.execute(select(ActionRecord, PlanRecord.title).join(PlanRecord)
                               .where(ActionRecord.status == "active")
                               .order_by(PlanRecord.id, ActionRecord.sort_order, ActionRecord.id)).all()
        return [ActionNavRow(action.id, f"{action.number_label}{action.title}", plan_title, counts.get(action.id, 0))
                for action, plan_title in rows]
