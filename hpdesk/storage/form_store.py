"""Fill-in forms inside a session: what a unit owes a period (one row per assignment, with the task's words, the
report so far and the previous period's answer), the forms issued, and the workbooks units returned."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.task_text import TaskText
from hpdesk.storage.records import (
    ActionRecord, AssignmentRecord, AttachmentRecord, EvidenceFileRecord, EvidenceRecord, OfficeRecord, PlanRecord,
    ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitFormRecord, UnitFormReturnRecord, UnitRecord,
)
from hpdesk.storage.report_store import expected_conditions
from hpdesk.storage.task_store import CITY_ORDER
from hpdesk.storage.unit_store import find_unit

register_messages({"form_unit_unknown": ("找不到单位“{unit}”。", "No unit {unit}.")})


@dataclass(frozen=True)
class OwedRow:
    """One assignment a period expects a report of, with what a form shows about it (plain values, no ORM)."""

    assignment_id: int
    unit_id: int
    unit: str
    task_code: str
    action: str
    text: TaskText
    plan: str
    role: str
    report: dict[str, object] | None  # the current report's fields, None while nothing was filled
    previous: dict[str, object] | None  # the same assignment's report of the previous period of the same kind


_REPORT_FIELDS = ("id", "status", "narrative", "figures", "problems", "next_steps", "filled_by", "review_state")


def _fields(report: ProgressReportRecord | None) -> dict[str, object] | None:
    return None if report is None else {field: getattr(report, field) for field in _REPORT_FIELDS}


def previous_period(session: Session, period: ReportingPeriodRecord) -> ReportingPeriodRecord | None:
    """The latest period of the same kind that ended before `period` starts."""
    return session.scalars(select(ReportingPeriodRecord)
                           .where(ReportingPeriodRecord.kind == period.kind,
                                  ReportingPeriodRecord.end_date < period.start_date)
                           .order_by(ReportingPeriodRecord.end_date.desc()).limit(1)).first()


def owed_rows(session: Session, period: ReportingPeriodRecord, unit_ids: list[int] | None = None) -> list[OwedRow]:
    """Every assignment `period` expects a report of (storage.report_store's one definition), of `unit_ids` or of
    every unit, ordered by unit then the city's task order, lead before co."""
    before = previous_period(session, period)
    current = ProgressReportRecord
    statement = (select(AssignmentRecord, TaskRecord, UnitRecord, ActionRecord.number_label, ActionRecord.title,
                        PlanRecord.title, current)
                 .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
                 .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
                 .join(PlanRecord, TaskRecord.plan_id == PlanRecord.id)
                 .outerjoin(ActionRecord, TaskRecord.action_id == ActionRecord.id)
                 .outerjoin(current, and_(current.assignment_id == AssignmentRecord.id,
                                          current.period_id == period.id))
                 .where(*expected_conditions(period), UnitRecord.active.is_(True))
                 .order_by(UnitRecord.sort_order, UnitRecord.id, *CITY_ORDER, AssignmentRecord.role.desc()))
    if unit_ids is not None:
        statement = statement.where(AssignmentRecord.unit_id.in_(unit_ids))
    rows = session.execute(statement).all()
    previous: dict[int, ProgressReportRecord] = {}
    if before is not None and rows:
        previous = {report.assignment_id: report for report in session.scalars(
            select(ProgressReportRecord).where(ProgressReportRecord.period_id == before.id,
                                               ProgressReportRecord.assignment_id.in_([r[0].id for r in rows])))}
    return [OwedRow(assignment.id, unit.id, unit.name, task.code, f"{number or ''}{title or ''}", task.text,
                    plan_title, assignment.role, _fields(report), _fields(previous.get(assignment.id)))
            for assignment, task, unit, number, title, plan_title, report in rows]


def find_units(session: Session, names: list[str]) -> list[UnitRecord]:
    """The units named (name or alias), in the order given; UserError `form_unit_unknown`."""
    found = []
    for name in names:
        try:
            found.append(find_unit(session, name))
        except UserError:
            raise UserError("form_unit_unknown", unit=name) from None
    return found


def find_form(session: Session, form_id: str) -> UnitFormRecord | None:
    return session.scalars(select(UnitFormRecord).where(UnitFormRecord.form_id == form_id.strip().lower())).first()


def find_forms_by_code(session: Session, code: str) -> list[UnitFormRecord]:
    return list(session.scalars(select(UnitFormRecord).where(UnitFormRecord.form_code == code.strip().upper())))


def current_return(session: Session, form: UnitFormRecord) -> UnitFormReturnRecord | None:
    """The form's latest returned workbook that nothing superseded."""
    return session.scalars(select(UnitFormReturnRecord)
                           .where(UnitFormReturnRecord.form_id == form.id,
                                  UnitFormReturnRecord.superseded_by_id.is_(None))
                           .order_by(UnitFormReturnRecord.id.desc()).limit(1)).first()


def returns_of(session: Session, form: UnitFormRecord) -> list[UnitFormReturnRecord]:
    """Every workbook returned for the form, oldest first (the history of corrections)."""
    return list(session.scalars(select(UnitFormReturnRecord).where(UnitFormReturnRecord.form_id == form.id)
                                .order_by(UnitFormReturnRecord.id)))


def office_name(session: Session) -> str:
    """The workspace's office name ('' before the office is set up)."""
    return session.scalars(select(OfficeRecord.name).limit(1)).first() or ""


def active_unit_names(session: Session) -> list[str]:
    return list(session.scalars(select(UnitRecord.name).where(UnitRecord.active.is_(True))
                                .order_by(UnitRecord.sort_order, UnitRecord.id)))


def evidence_hashes(session: Session, report_ids: list[int]) -> dict[int, set[str]]:
    """report id → the SHA-256 of every file its evidence holds (a file named again is not added twice)."""
    found: dict[int, set[str]] = {}
    for report_id, sha256 in session.execute(
            select(EvidenceRecord.report_id, AttachmentRecord.sha256)
            .join(EvidenceFileRecord, EvidenceFileRecord.evidence_id == EvidenceRecord.id)
            .join(AttachmentRecord, EvidenceFileRecord.attachment_id == AttachmentRecord.id)
            .where(EvidenceRecord.report_id.in_(report_ids))):
        found.setdefault(report_id, set()).add(sha256)
    return found


def unit_and_period(session: Session, form: UnitFormRecord) -> tuple[UnitRecord, ReportingPeriodRecord]:
    """The unit and the period the form was issued for."""
    return session.get_one(UnitRecord, form.unit_id), session.get_one(ReportingPeriodRecord, form.period_id)


def add_form(session: Session, **fields: Any) -> None:
    """Keep the form just issued (every column but the id)."""
    session.add(UnitFormRecord(**fields))


def add_return(session: Session, **fields: Any) -> UnitFormReturnRecord:
    """Keep a returned workbook's row (every column but the id), flushed so it has its id."""
    kept = UnitFormReturnRecord(**fields)
    session.add(kept)
    session.flush()
    return kept
