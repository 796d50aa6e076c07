"""The imported plan at a glance: how much of it there is, and its actions with their task counts (frozen rows)."""

from __future__ import annotations

from dataclasses import dataclass

from hpdesk.services.workspace import Workspace
from hpdesk.storage.plan_store import active_actions, counts, tasks_per_action


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
    with workspace.database.read_only() as session:
        return PlanOverview(**counts(session, ("plans", "actions", "tasks", "county_tasks", "indicators",
                                               "flagged_tasks")))


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
        tasks = tasks_per_action(session, county_only=county_only)
        return [ActionNavRow(action.id, f"{action.number_label}{action.title}", plan_title, tasks.get(action.id, 0))
                for action, plan_title in active_actions(session)]
