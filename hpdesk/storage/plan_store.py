"""The imported plan inside a session: its plans and actions, and how many of each kind of thing the workspace holds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.orm import Session

from hpdesk.storage import records as r
from hpdesk.storage.task_store import county_tasks

_ACTIVE_TASK = r.TaskRecord.status == "active"
# What `counts` can count: the table, and the condition on it (None: every row).
_COUNTED: dict[str, tuple[type, tuple[ColumnElement[bool], ...]]] = {
    "plans": (r.PlanRecord, ()),
    "actions": (r.ActionRecord, (r.ActionRecord.status == "active",)),
    "tasks": (r.TaskRecord, (_ACTIVE_TASK,)),
    "county_tasks": (r.TaskRecord, county_tasks()),
    "flagged_tasks": (r.TaskRecord, (_ACTIVE_TASK, r.TaskRecord.flags != [])),
    "indicators": (r.IndicatorRecord, (r.IndicatorRecord.status == "active",)),
    "units": (r.UnitRecord, ()),
    "assignments": (r.AssignmentRecord, ()),
    "periods": (r.ReportingPeriodRecord, ()),
    "reports": (r.ProgressReportRecord, ()),
    "evidence": (r.EvidenceRecord, ()),
    "attachments": (r.AttachmentRecord, ()),
    "indicator_values": (r.IndicatorValueRecord, ()),
    "submissions": (r.SubmissionRecord, ()),
    "audit_events": (r.AuditEventRecord, ()),
}
COUNTED = tuple(_COUNTED)


def counts(session: Session, names: Sequence[str] = COUNTED) -> dict[str, int]:
    """name → how many there are, for the `names` of COUNTED (active plans' actions, tasks, indicators only)."""
    return {name: session.scalar(select(func.count()).select_from(_COUNTED[name][0])
                                 .where(*_COUNTED[name][1])) or 0 for name in names}


def plans_in_order(session: Session) -> Sequence[r.PlanRecord]:
    """Every imported plan, in the order they were imported."""
    return session.scalars(select(r.PlanRecord).order_by(r.PlanRecord.id)).all()


def active_actions(session: Session) -> Sequence[Row[r.ActionRecord, str]]:
    """(action, its plan's title) of every active action, in the city's order."""
    return session.execute(select(r.ActionRecord, r.PlanRecord.title).join(r.PlanRecord)
                           .where(r.ActionRecord.status == "active")
                           .order_by(r.PlanRecord.id, r.ActionRecord.sort_order, r.ActionRecord.id)).all()


def action_labels(session: Session) -> dict[int, str]:
    """action id → its label as the city writes it, "（一）健康促进行动" (withdrawn actions included)."""
    return {a.id: f"{a.number_label}{a.title}" for a in session.scalars(select(r.ActionRecord))}


def tasks_per_action(session: Session, *, county_only: bool) -> dict[int | None, int]:
    """action id → how many active (county) tasks it holds; actions without any are absent."""
    conditions = county_tasks() if county_only else (_ACTIVE_TASK,)
    return {action_id: count for action_id, count in session.execute(
        select(r.TaskRecord.action_id, func.count()).where(*conditions).group_by(r.TaskRecord.action_id))}


def current_sources(session: Session) -> Sequence[r.PlanSourceRecord]:
    """The city tables the current plans were imported from, per plan: the task table before the indicator table."""
    source = r.PlanSourceRecord
    return session.scalars(select(source).where(source.is_current.is_(True))
                           .order_by(source.plan_id, source.table_kind.desc(), source.id)).all()


def source_rows(session: Session, source: r.PlanSourceRecord) -> list[Row[str, Any]]:
    """(code, the row's cells as imported) of the active tasks or indicators imported from `source`, in its order."""
    record: type[r.TaskRecord] | type[r.IndicatorRecord] = \
        r.TaskRecord if source.table_kind == "tasks" else r.IndicatorRecord
    return list(session.execute(select(record.code, record.source_cells)
                                .where(record.source_id == source.id, record.status == "active")
                                .order_by(record.source_first_row, record.sort_order, record.id)))
