"""A small city plan written straight into a workspace with the ORM records, for the records tests.

Tests of units, assignments, periods, reports, review and completeness need tasks and indicators, but not the
importer: this builds them in code so the tests say exactly what the plan holds.

    A01 （一）健康知识普及行动
      A01-T001  lead 市卫生健康委; responsible 市卫生健康委、市教育局、各县（市、区）      county, semiannual
      A01-T002  lead 市教育局;     responsible 市体育局、各县（市、区）                  county, semiannual
      A01-T003  lead 市卫生健康委 (withdrawn by a revised table)                      county
    A02 （二）合理膳食行动
      A02-T001  lead 市市场监管局; responsible 各县（市、区）                          county, quarterly
      A02-T002  lead 市发展改革委; responsible 市财政局                                city only
    Indicators: I001 居民健康素养水平 % (2025 ≥22), I002 婴儿死亡率 ‰ (2025 ≤4.1)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from hpdesk.services.units import UnitSummary, list_units
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import (
    ActionRecord, AuditEventRecord, IndicatorRecord, IndicatorTargetRecord, PlanRecord, TaskRecord,
)
from hpdesk.storage.unit_store import find_unit

COUNTY = "各县（市、区）"
NOW = "2025-01-05T09:00:00+08:00"

TASKS: list[dict[str, Any]] = [
    {"code": "A01-T001", "action": "A01", "task_text": "开展健康知识进机关、进学校、进社区活动",
     "lead": ["市卫生健康委"], "responsible": ["市卫生健康委", "市教育局", COUNTY]},
    {"code": "A01-T002", "action": "A01", "task_text": "中小学开设健康教育课程",
     "lead": ["市教育局"], "responsible": ["市体育局", COUNTY]},
    {"code": "A01-T003", "action": "A01", "task_text": "建设健康科普专家库（已撤销）",
     "lead": ["市卫生健康委"], "responsible": [COUNTY], "status": "withdrawn"},
    {"code": "A02-T001", "action": "A02", "task_text": "按季度开展食品安全抽检", "cadence": "quarterly",
     "lead": ["市市场监管局"], "responsible": [COUNTY]},
    {"code": "A02-T002", "action": "A02", "task_text": "制定全市营养产业发展规划",
     "lead": ["市发展改革委"], "responsible": ["市财政局"], "county": False},
]


@dataclass(frozen=True)
class BuiltPlan:
    plan_id: int
    action_ids: dict[str, int]
    task_ids: dict[str, int]


def build_plan(workspace: Workspace) -> BuiltPlan:
    """Write the plan above into `workspace` (one unit of work, no audit: it stands in for an import)."""
    with workspace.database.unit_of_work() as session:
        plan = PlanRecord(code="test-plan", title="泰安市健康城市行动实施方案", issuer="泰安市爱国卫生运动委员会",
                          doc_number="泰爱卫发〔2020〕8号", created_at=NOW, updated_at=NOW)
        session.add(plan)
        session.flush()
        actions = {}
        for order, (code, label, title) in enumerate([("A01", "（一）", "健康知识普及行动"),
                                                      ("A02", "（二）", "合理膳食行动")], start=1):
            action = ActionRecord(plan_id=plan.id, code=code, number=order, number_label=label, title=title,
                                  sort_order=order)
            session.add(action)
            session.flush()
            actions[code] = action.id
        tasks = {}
        for order, spec in enumerate(TASKS, start=1):
            county = spec.get("county", True)
            task = TaskRecord(
                plan_id=plan.id, action_id=actions[spec["action"]], code=spec["code"], sort_order=order,
                task_text=spec["task_text"], lead_text="、".join(spec["lead"]),
                responsible_text="、".join(spec["responsible"]), lead_departments=spec["lead"],
                responsible_departments=spec["responsible"], falls_to_county=county,
                cadence=spec.get("cadence", "semiannual"), status=spec.get("status", "active"),
                created_at=NOW, updated_at=NOW)
            session.add(task)
            session.flush()
            tasks[spec["code"]] = task.id
        for order, (code, name, unit, target) in enumerate([("I001", "居民健康素养水平", "%", "≥22"),
                                                            ("I002", "婴儿死亡率", "‰", "≤4.1")], start=1):
            indicator = IndicatorRecord(plan_id=plan.id, action_id=actions["A01"], code=code, name=name, unit=unit,
                                        sort_order=order, created_at=NOW, updated_at=NOW)
            session.add(indicator)
            session.flush()
            session.add(IndicatorTargetRecord(indicator_id=indicator.id, year=2025, text=target))
        return BuiltPlan(plan.id, actions, tasks)


@dataclass(frozen=True)
class AuditedEvent:
    actor: str
    action: str
    entity_type: str
    entity_id: str
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str


def audit_events(workspace: Workspace, entity_type: str | None = None) -> list[AuditedEvent]:
    """The audit trail (oldest first), optionally of one entity type."""
    with workspace.database.read_only() as session:
        statement = select(AuditEventRecord).order_by(AuditEventRecord.id)
        if entity_type:
            statement = statement.where(AuditEventRecord.entity_type == entity_type)
        return [AuditedEvent(e.actor, e.action, e.entity_type, e.entity_id, e.summary, e.before, e.after, e.reason)
                for e in session.scalars(statement)]


def unit_named(workspace: Workspace, name: str) -> UnitSummary:
    """The unit a name or alias finds (UserError `unit_unknown` when none), as the unit list shows it."""
    with workspace.database.read_only() as session:
        unit_id = find_unit(session, name).id
    return next(unit for unit in list_units(workspace, include_inactive=True) if unit.id == unit_id)
