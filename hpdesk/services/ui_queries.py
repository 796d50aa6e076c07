"""Read models the desktop app needs beyond the feature services: the task list with the period's progress, a
task's full city text, each unit's report state for a task, the navigator counts, the search across tasks, units and
evidence and the indicator grid. No Qt.

Everything returns frozen dataclasses (never ORM objects) and is filtered and paged in SQL, so a workspace with
100,000 reports answers a page in milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.sql import Select

from hpdesk.services.importing.workbook_reader import read_grid
from hpdesk.services.periods import find_period
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import (
    ActionRecord, AssignmentRecord, EvidenceFileRecord, EvidenceRecord, IndicatorRecord, IndicatorTargetRecord,
    IndicatorValueRecord, PlanRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitAliasRecord,
    UnitRecord,
)

REVIEW_BUCKETS = ("draft", "submitted", "returned", "approved")  # 'draft' also counts reports not yet started


@dataclass(frozen=True)
class TaskListRow:
    """One task in the task list, with the county's progress for the selected period (0s without a period)."""

    id: int
    code: str
    text: str
    action_label: str
    lead: str  # the county lead unit when assigned, else the city's lead departments as written
    falls_to_county: bool
    flagged: bool
    units: int  # confirmed assignments
    handed_in: int  # submitted or approved reports in the period
    approved: int
    returned: int


@dataclass(frozen=True)
class TaskFilter:
    """What the task list shows; every field narrows it. `review_state` needs `period_label`."""

    period_label: str | None = None
    action_id: int | None = None
    unit_id: int | None = None
    review_state: str | None = None
    search: str = ""
    county_only: bool = True


@dataclass(frozen=True)
class TaskDetail:
    """Every column the city wrote for a task, plus where it came from."""

    id: int
    code: str
    plan_title: str
    action_label: str
    serial_label: str
    basic_content: str
    task_text: str
    measures: str
    work_plan: str
    reporting_note: str
    lead_text: str
    responsible_text: str
    note: str
    cadence: str
    falls_to_county: bool
    flags: tuple[str, ...]
    source: str  # "重点任务 A3:D3"


@dataclass(frozen=True)
class UnitReportRow:
    """A unit assigned to a task, and its report for the period (or 'not started' when it has none)."""

    unit_id: int
    unit: str
    role: str  # lead | co
    confirmed: bool
    report_id: int | None
    status: str
    review_state: str
    review_comment: str
    evidence_count: int
    filled_by: str
    filled_at: str | None
    changed_after_lock: bool


@dataclass(frozen=True)
class SearchHit:
    kind: str  # task | unit | evidence | report
    title: str
    detail: str
    task_id: int | None = None
    unit_id: int | None = None
    period_label: str | None = None


@dataclass(frozen=True)
class IndicatorGridRow:
    """An indicator with its targets and the county's values by year (texts as written)."""

    id: int
    code: str
    name: str
    unit: str
    action: str
    nature: str
    baseline_text: str
    targets: tuple[tuple[int, str], ...]
    values: tuple[tuple[int, str], ...]

    def target_for(self, year: int) -> str:
        return dict(self.targets).get(year, "")

    def value_for(self, year: int) -> str:
        return dict(self.values).get(year, "")


# --- the task list -------------------------------------------------------------------------------------------------


def _task_text_column():  # type: ignore[no-untyped-def]
    return func.coalesce(func.nullif(TaskRecord.task_text, ""), func.nullif(TaskRecord.measures, ""),
                         TaskRecord.basic_content)


def _filtered_tasks(session, task_filter: TaskFilter) -> Select:  # type: ignore[no-untyped-def]
    statement = select(TaskRecord.id).where(TaskRecord.status == "active")
    if task_filter.county_only:
        statement = statement.where(TaskRecord.falls_to_county.is_(True))
    if task_filter.action_id is not None:
        statement = statement.where(TaskRecord.action_id == task_filter.action_id)
    if task_filter.unit_id is not None:
        statement = statement.where(exists().where(AssignmentRecord.task_id == TaskRecord.id,
                                                   AssignmentRecord.unit_id == task_filter.unit_id))
    if task_filter.review_state and task_filter.period_label:
        period = find_period(session, task_filter.period_label)
        report = select(ProgressReportRecord.id).where(ProgressReportRecord.assignment_id == AssignmentRecord.id,
                                                       ProgressReportRecord.period_id == period.id)
        if task_filter.review_state == "draft":
            pending = or_(~report.exists(), report.where(ProgressReportRecord.review_state == "draft").exists())
        else:
            pending = report.where(ProgressReportRecord.review_state == task_filter.review_state).exists()
        statement = statement.where(exists().where(AssignmentRecord.task_id == TaskRecord.id,
                                                   AssignmentRecord.confirmed.is_(True), pending))
    text = task_filter.search.strip()
    if text:
        pattern = f"%{text}%"
        statement = statement.where(or_(
            TaskRecord.code.like(pattern), TaskRecord.task_text.like(pattern), TaskRecord.measures.like(pattern),
            TaskRecord.basic_content.like(pattern), TaskRecord.work_plan.like(pattern),
            TaskRecord.lead_text.like(pattern), TaskRecord.responsible_text.like(pattern),
            exists().where(AssignmentRecord.task_id == TaskRecord.id, AssignmentRecord.unit_id == UnitRecord.id,
                           UnitRecord.name.like(pattern)),
        ))
    return statement


def count_tasks(workspace: Workspace, task_filter: TaskFilter) -> int:
    with workspace.database.read_only() as session:
        inner = _filtered_tasks(session, task_filter).subquery()
        return session.scalar(select(func.count()).select_from(inner)) or 0


def list_task_rows(workspace: Workspace, task_filter: TaskFilter, *, limit: int | None = None,
                   offset: int = 0) -> list[TaskListRow]:
    """A page of the task list in the city's order (plan, then the table's order)."""
    with workspace.database.read_only() as session:
        ids_statement = (_filtered_tasks(session, task_filter)
                         .order_by(TaskRecord.plan_id, TaskRecord.sort_order, TaskRecord.id).offset(offset))
        if limit is not None:
            ids_statement = ids_statement.limit(limit)
        ids = list(session.scalars(ids_statement))
        if not ids:
            return []
        rows = session.execute(
            select(TaskRecord.id, TaskRecord.code, _task_text_column(), ActionRecord.number_label, ActionRecord.title,
                   TaskRecord.lead_text, TaskRecord.falls_to_county, TaskRecord.flags)
            .join(ActionRecord, TaskRecord.action_id == ActionRecord.id, isouter=True)
            .where(TaskRecord.id.in_(ids))).all()
        leads = dict(session.execute(
            select(AssignmentRecord.task_id, func.min(UnitRecord.name)).join(UnitRecord)
            .where(AssignmentRecord.task_id.in_(ids), AssignmentRecord.role == "lead")
            .group_by(AssignmentRecord.task_id)).all())
        progress = _progress(session, ids, task_filter.period_label)
        by_id = {row[0]: row for row in rows}
        result = []
        for task_id in ids:
            _id, code, text, number_label, title, lead_text, county, flags = by_id[task_id]
            units, handed_in, approved, returned = progress.get(task_id, (0, 0, 0, 0))
            result.append(TaskListRow(task_id, code, text or "", f"{number_label or ''}{title or ''}",
                                      leads.get(task_id) or lead_text or "", bool(county), bool(flags), units,
                                      handed_in, approved, returned))
        return result


def _progress(session, task_ids: list[int],  # type: ignore[no-untyped-def]
              period_label: str | None) -> dict[int, tuple[int, int, int, int]]:
    """task id → (confirmed units, handed in, approved, returned) for the period."""
    if not period_label:
        return {task_id: (units, 0, 0, 0) for task_id, units in session.execute(
            select(AssignmentRecord.task_id, func.count()).where(AssignmentRecord.task_id.in_(task_ids),
                                                                 AssignmentRecord.confirmed.is_(True))
            .group_by(AssignmentRecord.task_id))}
    period = find_period(session, period_label)
    report = ProgressReportRecord
    state = report.review_state
    statement = (
        select(AssignmentRecord.task_id, func.count(AssignmentRecord.id),
               func.count(case((state.in_(("submitted", "approved")), 1))),
               func.count(case((state == "approved", 1))),
               func.count(case((state == "returned", 1))))
        .outerjoin(report, and_(report.assignment_id == AssignmentRecord.id, report.period_id == period.id))
        .where(AssignmentRecord.task_id.in_(task_ids), AssignmentRecord.confirmed.is_(True))
        .group_by(AssignmentRecord.task_id))
    return {task_id: tuple(values) for task_id, *values in session.execute(statement)}  # type: ignore[misc]


# --- one task ------------------------------------------------------------------------------------------------------


def task_detail(workspace: Workspace, task_id: int) -> TaskDetail | None:
    with workspace.database.read_only() as session:
        row = session.execute(
            select(TaskRecord, ActionRecord.number_label, ActionRecord.title, PlanRecord.title)
            .join(ActionRecord, TaskRecord.action_id == ActionRecord.id, isouter=True)
            .join(PlanRecord, TaskRecord.plan_id == PlanRecord.id)
            .where(TaskRecord.id == task_id)).first()
        if row is None:
            return None
        task, number_label, action_title, plan_title = row
        return TaskDetail(
            task.id, task.code, plan_title, f"{number_label or ''}{action_title or ''}", task.serial_label,
            task.basic_content, task.task_text, task.measures, task.work_plan, task.reporting_note, task.lead_text,
            task.responsible_text, task.note, task.cadence, task.falls_to_county, tuple(task.flags),
            f"{task.source_sheet} {task.source_range}".strip())


def unit_reports(workspace: Workspace, task_id: int, period_label: str | None) -> list[UnitReportRow]:
    """Every unit assigned to the task (lead first), with its report for the period when there is one."""
    with workspace.database.read_only() as session:
        assignments = session.execute(
            select(AssignmentRecord, UnitRecord.name).join(UnitRecord)
            .where(AssignmentRecord.task_id == task_id)
            .order_by(AssignmentRecord.role.desc(), UnitRecord.sort_order, UnitRecord.id)).all()
        reports: dict[int, ProgressReportRecord] = {}
        counts: dict[int, int] = {}
        if period_label and assignments:
            period = find_period(session, period_label)
            reports = {r.assignment_id: r for r in session.scalars(select(ProgressReportRecord).where(
                ProgressReportRecord.period_id == period.id,
                ProgressReportRecord.assignment_id.in_([a.id for a, _ in assignments])))}
            if reports:
                counts = dict(session.execute(
                    select(EvidenceRecord.report_id, func.count())
                    .where(EvidenceRecord.report_id.in_([r.id for r in reports.values()]))
                    .group_by(EvidenceRecord.report_id)).all())
        rows = []
        for assignment, unit_name in assignments:
            report = reports.get(assignment.id)
            rows.append(UnitReportRow(
                assignment.unit_id, unit_name, assignment.role, assignment.confirmed,
                report.id if report else None, report.status if report else "not_started",
                report.review_state if report else "draft", report.review_comment if report else "",
                counts.get(report.id, 0) if report else 0, report.filled_by if report else "",
                report.filled_at if report else None, bool(report and report.changed_after_lock)))
        return rows


# --- navigator counts ----------------------------------------------------------------------------------------------


def review_state_counts(workspace: Workspace, period_label: str) -> dict[str, int]:
    """How many confirmed assignments of active county tasks are in each review state for the period."""
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        report = ProgressReportRecord
        state = func.coalesce(report.review_state, "draft")
        rows = session.execute(
            select(state, func.count())
            .select_from(AssignmentRecord)
            .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
            .outerjoin(report, and_(report.assignment_id == AssignmentRecord.id, report.period_id == period.id))
            .where(TaskRecord.status == "active", TaskRecord.falls_to_county.is_(True),
                   AssignmentRecord.confirmed.is_(True))
            .group_by(state)).all()
        counts = {bucket: 0 for bucket in REVIEW_BUCKETS}
        counts.update({key: value for key, value in rows})
        return counts


def count_reports(workspace: Workspace, period_label: str, review_state: str) -> int:
    with workspace.database.read_only() as session:
        period = find_period(session, period_label)
        return session.scalar(select(func.count()).select_from(ProgressReportRecord).where(
            ProgressReportRecord.period_id == period.id, ProgressReportRecord.review_state == review_state)) or 0


# --- search --------------------------------------------------------------------------------------------------------


def _every_term(text: str, *columns) -> object:  # type: ignore[no-untyped-def]
    """Each whitespace-separated term must appear in one of the columns ("健康 讲座" finds 健康知识讲座)."""
    return and_(*(or_(*(column.like(f"%{term}%") for column in columns)) for term in text.split()))


def search_everything(workspace: Workspace, text: str, limit_per_kind: int = 50) -> list[SearchHit]:
    """Tasks, units (by name or alias), evidence (title, document number, description, file names) and reports
    (progress, problems, next steps) containing every whitespace-separated term of `text`."""
    text = text.strip()
    if not text:
        return []
    first_term = text.split()[0]
    hits: list[SearchHit] = []
    with workspace.database.read_only() as session:
        for task_id, code, task_text in session.execute(
                select(TaskRecord.id, TaskRecord.code, _task_text_column())
                .where(TaskRecord.status == "active", _every_term(
                    text, TaskRecord.code, TaskRecord.task_text, TaskRecord.measures, TaskRecord.basic_content,
                    TaskRecord.work_plan, TaskRecord.lead_text, TaskRecord.responsible_text))
                .order_by(TaskRecord.plan_id, TaskRecord.sort_order).limit(limit_per_kind)):
            hits.append(SearchHit("task", code, _excerpt(task_text or "", first_term), task_id=task_id))
        alias_match = and_(*(exists().where(UnitAliasRecord.unit_id == UnitRecord.id,
                                            UnitAliasRecord.alias.like(f"%{term}%")) for term in text.split()))
        for unit_id, name in session.execute(
                select(UnitRecord.id, UnitRecord.name).where(UnitRecord.active.is_(True),
                                                             or_(_every_term(text, UnitRecord.name), alias_match))
                .order_by(UnitRecord.sort_order).limit(limit_per_kind)):
            aliases = session.scalars(select(UnitAliasRecord.alias).where(UnitAliasRecord.unit_id == unit_id))
            hits.append(SearchHit("unit", name, "、".join(aliases), unit_id=unit_id))
        for title, doc_number, description, task_id, code, unit_id, unit_name, label, period_name in session.execute(
                select(EvidenceRecord.title, EvidenceRecord.doc_number, EvidenceRecord.description, TaskRecord.id,
                       TaskRecord.code, UnitRecord.id, UnitRecord.name, ReportingPeriodRecord.label,
                       ReportingPeriodRecord.name)
                .join(ProgressReportRecord, EvidenceRecord.report_id == ProgressReportRecord.id)
                .join(AssignmentRecord, ProgressReportRecord.assignment_id == AssignmentRecord.id)
                .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
                .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
                .join(ReportingPeriodRecord, ProgressReportRecord.period_id == ReportingPeriodRecord.id)
                .where(or_(_every_term(text, EvidenceRecord.title, EvidenceRecord.doc_number,
                                       EvidenceRecord.description),
                           exists().where(EvidenceFileRecord.evidence_id == EvidenceRecord.id,
                                          _every_term(text, EvidenceFileRecord.file_name))))
                .order_by(EvidenceRecord.id.desc()).limit(limit_per_kind)):
            detail = " · ".join(part for part in (code, unit_name, period_name or label, doc_number) if part)
            hits.append(SearchHit("evidence", title, detail, task_id=task_id, unit_id=unit_id, period_label=label))
        for narrative, problems, next_steps, task_id, code, unit_id, unit_name, label, period_name in session.execute(
                select(ProgressReportRecord.narrative, ProgressReportRecord.problems, ProgressReportRecord.next_steps,
                       TaskRecord.id, TaskRecord.code, UnitRecord.id, UnitRecord.name, ReportingPeriodRecord.label,
                       ReportingPeriodRecord.name)
                .join(AssignmentRecord, ProgressReportRecord.assignment_id == AssignmentRecord.id)
                .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
                .join(UnitRecord, AssignmentRecord.unit_id == UnitRecord.id)
                .join(ReportingPeriodRecord, ProgressReportRecord.period_id == ReportingPeriodRecord.id)
                .where(_every_term(text, ProgressReportRecord.narrative, ProgressReportRecord.problems,
                                   ProgressReportRecord.next_steps))
                .order_by(ProgressReportRecord.id.desc()).limit(limit_per_kind)):
            found_in = next((part for part in (narrative, problems, next_steps) if first_term in (part or "")),
                            narrative or "")
            hits.append(SearchHit("report", f"{code} · {unit_name} · {period_name or label}",
                                  _excerpt(found_in, first_term), task_id=task_id, unit_id=unit_id,
                                  period_label=label))
    return hits


def _excerpt(text: str, needle: str, width: int = 60) -> str:
    """The part of `text` around the first match, so the clerk sees why it was found."""
    position = text.find(needle)
    if position < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, position - width // 3)
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")


# --- indicators ----------------------------------------------------------------------------------------------------


def indicator_grid(workspace: Workspace) -> list[IndicatorGridRow]:
    """Active indicators in the city's order, with their target texts and the county's value texts per year."""
    with workspace.database.read_only() as session:
        actions = {a.id: f"{a.number_label}{a.title}" for a in session.scalars(select(ActionRecord))}
        indicators = session.scalars(select(IndicatorRecord).where(IndicatorRecord.status == "active")
                                     .order_by(IndicatorRecord.plan_id, IndicatorRecord.sort_order)).all()
        ids = [indicator.id for indicator in indicators]
        targets: dict[int, list[tuple[int, str]]] = {}
        for indicator_id, year, text in session.execute(
                select(IndicatorTargetRecord.indicator_id, IndicatorTargetRecord.year, IndicatorTargetRecord.text)
                .where(IndicatorTargetRecord.indicator_id.in_(ids)).order_by(IndicatorTargetRecord.year)):
            targets.setdefault(indicator_id, []).append((year, text))
        values: dict[int, list[tuple[int, str]]] = {}
        for indicator_id, year, text in session.execute(
                select(IndicatorValueRecord.indicator_id, IndicatorValueRecord.year, IndicatorValueRecord.value_text)
                .where(IndicatorValueRecord.indicator_id.in_(ids)).order_by(IndicatorValueRecord.year)):
            if text:
                values.setdefault(indicator_id, []).append((year, text))
        return [IndicatorGridRow(i.id, i.code, i.name, i.unit, actions.get(i.action_id or 0, ""), i.nature,
                                 i.baseline_text, tuple(targets.get(i.id, ())), tuple(values.get(i.id, ())))
                for i in indicators]


def grid_years(rows: list[IndicatorGridRow], this_year: int) -> list[int]:
    """The years worth a column: every target year (2022 too: the clerk records the values the city asks for),
    every year with a value, and this year. A target without a year (0, 不限年份) gets no column of its own."""
    years = {year for row in rows for year, _ in (*row.targets, *row.values)} | {this_year}
    return sorted(year for year in years if year)


# --- files ---------------------------------------------------------------------------------------------------------


def first_filled_row(path: Path, sheet: str | None) -> tuple[str, ...]:
    """The first row with text in the sheet, so the clerk can say what each column holds when no header is found."""
    grid = read_grid(path, sheet)
    for row in grid.rows:
        if not row.is_blank():
            return tuple(row.cells)
    return ()


# --- the plan navigator --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionNavRow:
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


def task_id_for_code(workspace: Workspace, code: str) -> int | None:
    with workspace.database.read_only() as session:
        return session.scalar(select(TaskRecord.id).where(TaskRecord.code == code.strip()))
