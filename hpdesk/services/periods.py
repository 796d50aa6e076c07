"""Reporting periods: generated from the workspace's cadence, listed, and moved open → submitted → locked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hpdesk.domain.calendar import KINDS, Cadence, periods_for_years, spec_for_label
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.audit import record_event
from hpdesk.services.workspace import Workspace, get_setting, put_setting
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import ReportingPeriodRecord

CADENCE_SETTING = "calendar.cadence"
PERIOD_STATES = ("open", "submitted", "locked")
STATE_LABELS = {"open": "填报中", "submitted": "已报送", "locked": "已锁定"}

register_messages(
    {
        "period_unknown": ("找不到报送期 {label}（如 2025H1、2025Q3、2025）。", "No reporting period {label}."),
        "period_label_invalid": ("报送期标签 {label} 无效，应写成 2025H1、2025Q3 或 2025。",
                                 "Period label {label} is invalid; write 2025H1, 2025Q3 or 2025."),
        "period_kind_invalid": ("周期 {kind} 无效，可选 semiannual、quarterly、annual。",
                                "Cadence {kind} is invalid; use semiannual, quarterly or annual."),
        "period_state_invalid": ("状态 {state} 无效，可选 open、submitted、locked。",
                                 "State {state} is invalid; use open, submitted or locked."),
    }
)


@dataclass(frozen=True)
class PeriodSummary:
    id: int
    label: str
    kind: str
    name: str
    start_date: date
    end_date: date
    due_date: date
    state: str
    state_label: str


def cadence(workspace: Workspace) -> Cadence:
    return Cadence.from_json(get_setting(workspace, CADENCE_SETTING))  # type: ignore[arg-type]


def set_cadence(workspace: Workspace, new_cadence: Cadence) -> None:
    put_setting(workspace, CADENCE_SETTING, new_cadence.to_json())


def find_period(session: Session, label: str) -> ReportingPeriodRecord:
    record = session.scalars(select(ReportingPeriodRecord)
                             .where(ReportingPeriodRecord.label == label.strip().upper())).first()
    if record is None:
        raise UserError("period_unknown", label=label)
    return record


def _summary(record: ReportingPeriodRecord) -> PeriodSummary:
    return PeriodSummary(record.id, record.label, record.kind, record.name, record.start_date, record.end_date,
                         record.due_date, record.state, STATE_LABELS[record.state])


def create_periods(workspace: Workspace, first_year: int, last_year: int | None = None,
                   kind: str = "semiannual") -> list[PeriodSummary]:
    """Create the periods of `kind` for the years (existing labels are kept as they are); returns all of them."""
    if kind not in KINDS:
        raise UserError("period_kind_invalid", kind=kind)
    specs = periods_for_years(kind, first_year, last_year or first_year, cadence(workspace))
    with workspace.database.unit_of_work() as session:
        existing = {r.label: r for r in session.scalars(select(ReportingPeriodRecord))}
        records = []
        for spec in specs:
            record = existing.get(spec.label)
            if record is None:
                record = ReportingPeriodRecord(label=spec.label, kind=spec.kind, name=spec.name,
                                               start_date=spec.start, end_date=spec.end, due_date=spec.due)
                session.add(record)
                session.flush()
                record_event(session, actor=workspace.actor, action="create", entity_type="period",
                             entity_id=record.id, summary=f"新增报送期 {spec.name}",
                             after={"label": spec.label, "due": spec.due})
            records.append(record)
        return [_summary(record) for record in records]


def create_period(workspace: Workspace, label: str) -> PeriodSummary:
    spec = spec_for_label(label, cadence(workspace))
    if spec is None:
        raise UserError("period_label_invalid", label=label)
    year = spec.start.year
    return next(p for p in create_periods(workspace, year, year, spec.kind) if p.label == spec.label)


def list_periods(workspace: Workspace) -> list[PeriodSummary]:
    with workspace.database.read_only() as session:
        return [_summary(r) for r in session.scalars(select(ReportingPeriodRecord)
                                                     .order_by(ReportingPeriodRecord.start_date,
                                                               ReportingPeriodRecord.kind))]


def set_period_state(workspace: Workspace, label: str, state: str, reason: str = "") -> PeriodSummary:
    """Move a period to open, submitted or locked (audited; unlocking keeps the reason)."""
    if state not in PERIOD_STATES:
        raise UserError("period_state_invalid", state=state)
    with workspace.database.unit_of_work() as session:
        record = find_period(session, label)
        before = record.state
        record.state = state
        record.locked_at = now_iso() if state == "locked" else record.locked_at
        record_event(session, actor=workspace.actor, action="state", entity_type="period", entity_id=record.id,
                     summary=f"{record.name}：{STATE_LABELS[before]} → {STATE_LABELS[state]}",
                     before={"state": before}, after={"state": state}, reason=reason)
        return _summary(record)
