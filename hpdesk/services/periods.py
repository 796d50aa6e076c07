"""Reporting periods: generated from the workspace's cadence, listed, and moved open → submitted → locked.

The cadence is a workspace setting (`CADENCE_SETTING`); `domain.calendar.DEFAULT_CADENCE` applies until the clerk
changes it. A period keeps the due date it was created with: changing the cadence affects periods created later,
unless `set_cadence(..., reschedule_open=True)` also moves the due dates of periods still open.

A locked period refuses report changes without a reason (storage.period_store.guard_locked); unlocking it needs a
reason too, and changes made after a reopening are still flagged as post-lock (the period's `locked_at` stays set).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hpdesk.domain.calendar import (
    KIND_LABELS, KINDS, PERIOD_STATES, STATE_LABELS, Cadence, PeriodSpec, current_periods, kinds_to_generate,
    period_transition_allowed, periods_for_years, spec_for_label, transition_needs_reason,
)
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.audit import record_event
from hpdesk.services.clerks import require_reviewer
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.period_store import add_period, find_period, periods_in_order
from hpdesk.storage.setting_store import set_setting, setting_value
from hpdesk.storage.task_store import county_task_cadences

if TYPE_CHECKING:
    from hpdesk.storage.records import ReportingPeriodRecord

CADENCE_SETTING = "calendar.cadence"
FIRST_YEAR, LAST_YEAR = 2000, 2100  # anything outside is a typo (25 for 2025), not a plan year

register_messages(
    {
        "period_label_invalid": ("报送期标签 {label} 无效，应写成 2025H1、2025Q3 或 2025。",
                                 "Period label {label} is invalid; write 2025H1, 2025Q3 or 2025."),
        "period_kind_invalid": ("周期 {kind} 无效，可选 semiannual、quarterly、annual。",
                                "Cadence {kind} is invalid; use semiannual, quarterly or annual."),
        "period_state_invalid": ("状态 {state} 无效，可选 open、submitted、locked。",
                                 "State {state} is invalid; use open, submitted or locked."),
        "period_years_invalid": ("年份 {first}–{last} 无效（应在 2000–2100 之间，且起始年不晚于结束年）。",
                                 "Years {first}–{last} are invalid (2000–2100, first not after last)."),
        "period_transition_invalid": ("报送期 {label} 当前为“{current}”，不能改为“{target}”。",
                                      "Period {label} is {current} and cannot become {target}."),
        "period_unlock_needs_reason": (
            "报送期 {label} 已锁定。解锁请说明理由（命令行加 --reason），理由会记入操作记录。",
            "Period {label} is locked; give a reason (--reason) to unlock it. It is kept in the audit trail.",
        ),
        "cadence_invalid": ("报送周期设置无效：{detail}。", "The reporting cadence is invalid: {detail}."),
    }
)


@dataclass(frozen=True)
class PeriodSummary:
    """A reporting period; `locked_at` is set once it has been locked (and stays set if it is reopened)."""

    id: int
    label: str
    kind: str
    name: str
    start_date: date
    end_date: date
    due_date: date
    state: str
    state_label: str
    locked_at: str | None = None
    kind_label: str = ""


def _summary(record: ReportingPeriodRecord) -> PeriodSummary:
    return PeriodSummary(record.id, record.label, record.kind, record.name, record.start_date, record.end_date,
                         record.due_date, record.state, STATE_LABELS[record.state], record.locked_at,
                         KIND_LABELS.get(record.kind, record.kind))


def _snapshot(record: ReportingPeriodRecord) -> dict[str, object]:
    return {"label": record.label, "name": record.name, "start": record.start_date, "end": record.end_date,
            "due": record.due_date, "state": record.state}


# --- cadence -------------------------------------------------------------------------------------------------------


def _stored_cadence(session: Session) -> Cadence:
    try:
        return Cadence.from_json(setting_value(session, CADENCE_SETTING))
    except ValueError as error:
        raise UserError("cadence_invalid", detail=str(error)) from None


def cadence(workspace: Workspace) -> Cadence:
    """The workspace's cadence (the default until the clerk changes it); `cadence_invalid` if the setting is bad."""
    with workspace.database.read_only() as session:
        return _stored_cadence(session)


def set_cadence(workspace: Workspace, new_cadence: Cadence, *, reschedule_open: bool = False) -> list[PeriodSummary]:
    """Store the cadence (audited). With `reschedule_open`, open periods get the due dates it gives (each change
    audited). Returns the periods whose due date moved. Raises `cadence_invalid`."""
    problems = new_cadence.problems()
    if problems:
        raise UserError("cadence_invalid", detail="; ".join(problems))
    with workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "calendar")  # every clerk's due dates, and so what is overdue
        before = set_setting(session, CADENCE_SETTING, new_cadence.to_json())
        record_event(session, actor=workspace.actor, action="update", entity_type="setting", entity_id=CADENCE_SETTING,
                     summary="修改报送周期", before={"value": before}, after={"value": new_cadence.to_json()})
        moved = []
        if reschedule_open:
            for period in periods_in_order(session, state="open"):
                spec = spec_for_label(period.label, new_cadence)
                if spec is not None and spec.due != period.due_date:
                    previous = period.due_date
                    period.due_date = spec.due
                    record_event(session, actor=workspace.actor, action="update", entity_type="period",
                                 entity_id=period.id, summary=f"{period.name} 截止日期 {previous} → {spec.due}",
                                 before={"due": previous}, after={"due": spec.due})
                    moved.append(_summary(period))
        return moved


# --- creating ------------------------------------------------------------------------------------------------------


def _check_years(first_year: int, last_year: int) -> None:
    if not FIRST_YEAR <= first_year <= last_year <= LAST_YEAR:
        raise UserError("period_years_invalid", first=first_year, last=last_year)


def _create(session: Session, actor: str, kinds: tuple[str, ...], first_year: int, last_year: int,
            current: Cadence) -> list[ReportingPeriodRecord]:
    """The periods of `kinds` over the years in the order they end, creating (and auditing) those that are new."""
    return _create_specs(session, actor, [spec for kind in kinds
                                          for spec in periods_for_years(kind, first_year, last_year, current)])


def _create_specs(session: Session, actor: str, wanted: list[PeriodSpec]) -> list[ReportingPeriodRecord]:
    """The periods `wanted` in the order they end, creating (and auditing) those that are new."""
    existing = {record.label: record for record in periods_in_order(session)}
    specs = sorted(wanted, key=lambda spec: (spec.end, -spec.start.toordinal()))
    records = []
    for spec in specs:
        record = existing.get(spec.label)
        if record is None:
            require_reviewer(session, actor, "calendar")  # a new period is due for every unit of the office
            record = add_period(session, spec)
            record_event(session, actor=actor, action="create", entity_type="period", entity_id=record.id,
                         summary=f"新增报送期 {spec.name}（{spec.due} 截止）", after=_snapshot(record))
        records.append(record)
    return records


def create_periods(workspace: Workspace, first_year: int, last_year: int | None = None,
                   kind: str = "semiannual") -> list[PeriodSummary]:
    """The periods of `kind` for the years, from the workspace's cadence; existing labels are kept as they are.
    Returns all of them (created or not) in the order they end. Raises `period_kind_invalid`, `period_years_invalid`."""
    if kind not in KINDS:
        raise UserError("period_kind_invalid", kind=kind)
    last_year = first_year if last_year is None else last_year
    _check_years(first_year, last_year)
    with workspace.database.unit_of_work() as session:
        return [_summary(r) for r in _create(session, workspace.actor, (kind,), first_year, last_year,
                                             _stored_cadence(session))]


def create_current_periods(workspace: Workspace, today: date, kind: str = "semiannual") -> list[PeriodSummary]:
    """The periods of `kind` a new workspace starts with on `today`: this year's periods whose due date has not
    passed, or, when every one of them has, next year's. None is overdue the day it is made (a wizard run on
    20 June starts at the second half-year, not at a first half-year already five days late).
    Returns them (created or already there) in the order they end. Raises `period_kind_invalid`."""
    if kind not in KINDS:
        raise UserError("period_kind_invalid", kind=kind)
    _check_years(today.year, today.year + 1)
    with workspace.database.unit_of_work() as session:
        specs = current_periods(kind, today, _stored_cadence(session))
        return [_summary(record) for record in _create_specs(session, workspace.actor, specs)]


def create_period(workspace: Workspace, label: str) -> PeriodSummary:
    """One period by its label (2025H1, 2025Q3, 2025). Raises `period_label_invalid`."""
    with workspace.database.unit_of_work() as session:
        current = _stored_cadence(session)
        spec = spec_for_label(label, current)
        if spec is None:
            raise UserError("period_label_invalid", label=label)
        _check_years(spec.start.year, spec.start.year)
        records = _create(session, workspace.actor, (spec.kind,), spec.start.year, spec.start.year, current)
        return next(_summary(r) for r in records if r.label == spec.label)


def generate_periods(workspace: Workspace, first_year: int, last_year: int | None = None) -> list[PeriodSummary]:
    """Every period the calendar asks for over the years: the cadence's kinds (half-years and the annual report by
    default), plus quarters when an active county task asks for quarterly material. One unit of work."""
    last_year = first_year if last_year is None else last_year
    _check_years(first_year, last_year)
    with workspace.database.unit_of_work() as session:
        current = _stored_cadence(session)
        kinds = kinds_to_generate(current, county_task_cadences(session))
        return [_summary(r) for r in _create(session, workspace.actor, kinds, first_year, last_year, current)]


# --- listing and states --------------------------------------------------------------------------------------------


def list_periods(workspace: Workspace, *, kind: str | None = None, year: int | None = None,
                 state: str | None = None) -> list[PeriodSummary]:
    """Periods in the order they end (2025Q1, 2025Q2, 2025H1, …, 2025Q4, 2025H2, 2025), filtered by kind, the year
    they start in, and state. There are a few per year, so there is no paging."""
    with workspace.database.read_only() as session:
        return [_summary(record) for record in periods_in_order(session, kind=kind, year=year, state=state)]


def set_period_state(workspace: Workspace, label: str, state: str, reason: str = "") -> PeriodSummary:
    """Move a period between open, submitted and locked (audited, with `reason`).

    Allowed: open → submitted, open/submitted → locked, submitted/locked → open. Asking for the current state changes
    nothing. Raises `period_state_invalid`, `period_transition_invalid`, `period_unlock_needs_reason`.
    """
    if state not in PERIOD_STATES:
        raise UserError("period_state_invalid", state=state)
    # A shared workspace: one clerk at a time (the advisory lock), and SERIALIZABLE so a report saved meanwhile by a
    # filler is either before the lock or refused after it; retried when PostgreSQL refuses the transaction.
    with workspace.exclusive("lock"):
        return workspace.database.run_serializable(
            lambda session: _set_state(session, workspace, label, state, reason))


def _set_state(session: Session, workspace: Workspace, label: str, state: str, reason: str) -> PeriodSummary:
    require_reviewer(session, workspace.actor, "lock")
    record = find_period(session, label)
    current = record.state
    if current == state:
        return _summary(record)
    if not period_transition_allowed(current, state):
        raise UserError("period_transition_invalid", label=record.name or record.label, current=STATE_LABELS[current],
                        target=STATE_LABELS[state])
    if transition_needs_reason(current, state) and not reason.strip():
        raise UserError("period_unlock_needs_reason", label=record.name or record.label)
    before = _snapshot(record)
    record.state = state
    if state == "locked":
        record.locked_at = now_iso()
    action = {"locked": "lock", "open": "unlock"}.get(state, "state")
    record_event(session, actor=workspace.actor, action=action, entity_type="period", entity_id=record.id,
                 summary=f"{record.name}：{STATE_LABELS[current]} → {STATE_LABELS[state]}",
                 before=before, after=_snapshot(record), reason=reason.strip())
    return _summary(record)

