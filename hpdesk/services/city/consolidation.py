"""Consolidation: the city's view of every county's accepted package for a period, read from the packages' data.json
(format hpdesk-submission-content, docs/city.md), never from anything a county could not have signed.

- completeness: counties × actions (tasks, reported, done, in progress, not reported) and counties × periods (which
  county's submission is accepted, returned, superseded or missing; late against the period's due date by the day
  the city first received a valid package of it);
- indicators × counties: each county's value and verdict, the target, and how many counties meet it;
- the task view: one city task with every county's answer side by side, with the evidence lists;
- search across every accepted answer (narratives, problems, next steps, figures, evidence titles).
A county's counts are its own package's (each task's status as its packet states it): the city's totals are their
sums, so they always agree with what the counties signed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.exporting.packet_content import IndicatorLine, PacketContent, TaskSection
from hpdesk.services.workspace import Workspace
from hpdesk.storage.city_store import all_counties, all_received, county_task_codes, period_labels

NOT_REPORTED = "未报送"  # the packet's status for a county task no approved part answers
DONE, IN_PROGRESS = "已完成", "推进中"
TOTAL = "合计"
PERIOD_STATES = {"accepted": "已接收", "returned": "已退回", "missing": "未报送"}

register_messages({
    "consolidation_period_unknown": ("本市没有报送期 {period}。", "The city has no reporting period {period}."),
    "consolidation_task_unknown": ("市里的计划中没有任务 {code}。", "The city's plan has no task {code}."),
})


# 达标: a county's verdict counts as meeting the target when met, or — before the target year, when the county's
# packet can only judge progress — on track (进度正常). Counting met alone gave 0 for every indicator mid-plan.
MEETING = ("met", "on_track")

@dataclass(frozen=True)
class CompletenessLine:
    """One county's tasks in one action (or all of them: action 合计), by the status its packet gives."""

    county: str
    action: str
    tasks: int
    reported: int
    done: int
    in_progress: int
    not_reported: int

    @property
    def counts(self) -> tuple[int, int, int, int, int]:
        """tasks, reported, done, in progress, not reported: the columns of every completeness table."""
        return self.tasks, self.reported, self.done, self.in_progress, self.not_reported


@dataclass(frozen=True)
class PeriodCell:
    county: str
    period: str
    state: str  # accepted | returned | missing
    state_label: str
    late: bool
    received_on: str  # the day the city first received a valid package for it, "" if never


@dataclass(frozen=True)
class IndicatorCell:
    county: str
    value_text: str
    verdict: str  # as the county's packet judged it; "" when the county sent nothing
    verdict_label: str


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    unit: str
    target_year: int | None
    target_text: str
    cells: tuple[IndicatorCell, ...]  # one per registered county, in registry order
    met: int  # counties whose verdict is in MEETING (met; before the target year, on track)

    @property
    def reported(self) -> int:
        return sum(1 for cell in self.cells if cell.value_text)


@dataclass(frozen=True)
class Consolidation:
    period: str
    period_name: str
    due: str
    counties: tuple[str, ...]  # every registered county
    accepted: tuple[str, ...]  # counties whose package for the period is accepted
    by_action: tuple[CompletenessLine, ...]  # county × action, then each county's 合计 line
    status_totals: tuple[tuple[str, int], ...]  # the city's count of county tasks per status label
    periods: tuple[str, ...]
    by_period: tuple[PeriodCell, ...]
    missing: tuple[str, ...]  # counties with no accepted package for the period
    late: tuple[str, ...]
    indicators: tuple[IndicatorRow, ...]
    mismatches: tuple[tuple[str, str], ...]  # (county, line) where its plan differs from the city's
    actions: tuple[str, ...]
    short_names: tuple[str, ...] = ()  # each county's region (管城回族区), else its name: for tight tables and lists

    def short(self, county: str) -> str:
        return dict(zip(self.counties, self.short_names)).get(county, county)

    def county_total(self, county: str) -> CompletenessLine:
        return next(line for line in self.by_action if line.county == county and line.action == TOTAL)

    @property
    def city_total(self) -> CompletenessLine:
        counts = [line.counts for line in self.by_action if line.action == TOTAL]
        return CompletenessLine(TOTAL, TOTAL, *map(sum, zip((0,) * 5, *counts)))  # zeros: no county accepted yet


@dataclass(frozen=True)
class EvidenceLine:
    number: str
    kind_label: str
    title: str
    event_date: str
    doc_number: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class CountyAnswer:
    county: str
    status_label: str  # 未报送 also when the county sent no package
    narrative: str
    figures: str
    problems: str
    next_steps: str
    evidence: tuple[EvidenceLine, ...]
    has_package: bool


@dataclass(frozen=True)
class TaskView:
    code: str
    label: str
    action: str
    answers: tuple[CountyAnswer, ...]


@dataclass(frozen=True)
class AnswerHit:
    county: str
    period: str
    task_code: str
    task_label: str
    where: str  # 工作开展情况 / 存在问题 / 下一步计划 / 主要数据 / 佐证材料
    text: str


@dataclass(frozen=True)
class _Accepted:
    county: str
    content: PacketContent


def _accepted(workspace: Workspace, period: str) -> tuple[tuple[str, ...], list[_Accepted], list, dict]:
    """Every county (registry order), the accepted packages of `period` in that order, every package's history
    and the city's periods (label → name, due date)."""
    with workspace.database.read_only() as session:
        periods = period_labels(session)
        if period not in periods:
            raise UserError("consolidation_period_unknown", period=period)
        counties = all_counties(session)
        names: dict[int | None, str] = {county.id: county.name for county in counties}
        packages = all_received(session)
        order = {county_id: index for index, county_id in enumerate(names)}
        accepted = [_Accepted(names[p.county_id], PacketContent.from_json(p.snapshot))
                    for p in sorted(packages, key=lambda p: order.get(p.county_id, -1))
                    if p.status == "accepted" and p.period_label == period and p.county_id in names and p.snapshot]
        history = [(names.get(p.county_id, ""), p.period_label, p.status, p.received_at, p.plan_mismatches)
                   for p in packages]
        return tuple(names.values()), accepted, history, {
            label: (record.name, record.due_date) for label, record in periods.items()}


def _short_names(workspace: Workspace) -> tuple[str, ...]:
    with workspace.database.read_only() as session:
        return tuple(county.region or county.name for county in all_counties(session))


def consolidate(workspace: Workspace, period: str) -> Consolidation:
    """The consolidation of `period` (see the module docstring). UserError for a period the city does not have."""
    period = period.strip().upper()
    counties, accepted, history, periods = _accepted(workspace, period)
    actions = list(dict.fromkeys(task.action_label for item in accepted for task in item.content.tasks))
    lines: list[CompletenessLine] = []
    statuses: Counter[str] = Counter()
    for item in accepted:
        for action in actions:
            tasks = [task for task in item.content.tasks if task.action_label == action]
            lines.append(_line(item.county, action, tasks))
        lines.append(_line(item.county, TOTAL, list(item.content.tasks)))
        statuses.update(task.status_label for task in item.content.tasks)
    cells = _period_cells(counties, history, periods)
    name, due = periods[period]
    this_period = [cell for cell in cells if cell.period == period]
    mismatches = tuple((county, line) for county, label, status, _at, found in history
                       if label == period and status == "accepted" for line in found)
    return Consolidation(
        period=period, period_name=name, due=due.isoformat(), counties=counties,
        accepted=tuple(item.county for item in accepted), by_action=tuple(lines),
        status_totals=tuple(sorted(statuses.items(), key=lambda item: -item[1])), periods=tuple(periods),
        by_period=tuple(cells), missing=tuple(c.county for c in this_period if c.state != "accepted"),
        late=tuple(c.county for c in this_period if c.late), indicators=_indicators(counties, accepted),
        mismatches=mismatches, actions=tuple(actions), short_names=_short_names(workspace))


def _line(county: str, action: str, tasks: list[TaskSection]) -> CompletenessLine:
    labels = Counter(task.status_label for task in tasks)
    return CompletenessLine(county, action, len(tasks), len(tasks) - labels[NOT_REPORTED], labels[DONE],
                            labels[IN_PROGRESS], labels[NOT_REPORTED])


def _period_cells(counties: tuple[str, ...], history: list, periods: dict) -> list[PeriodCell]:
    cells = []
    for label, (_name, due) in periods.items():
        for county in counties:
            mine = [(status, at) for name, period, status, at, _found in history if name == county and period == label]
            valid = [at for status, at in mine if status != "rejected"]
            first = min((datetime.fromisoformat(at).date() for at in valid), default=None)
            state = "accepted" if any(s == "accepted" for s, _ in mine) else \
                "returned" if any(s == "returned" for s, _ in mine) else "missing"
            late = first > due if first is not None else date.today() > due
            cells.append(PeriodCell(county, label, state, PERIOD_STATES[state], late,
                                    first.isoformat() if first else ""))
    return cells


def _indicators(counties: tuple[str, ...], accepted: list[_Accepted]) -> tuple[IndicatorRow, ...]:
    by_county = {item.county: {line.code: line for line in item.content.indicators} for item in accepted}
    codes: dict[str, IndicatorLine] = {}
    for item in accepted:
        for line in item.content.indicators:
            codes.setdefault(line.code, line)
    rows = []
    for code, first in codes.items():
        found = [(county, by_county.get(county, {}).get(code)) for county in counties]
        cells = [IndicatorCell(county, line.value_text, line.verdict, line.verdict_label) if line
                 else IndicatorCell(county, "", "", NOT_REPORTED) for county, line in found]
        rows.append(IndicatorRow(code, first.name, first.unit, first.target_year, first.target_text,
                                 tuple(cells), sum(1 for cell in cells if cell.verdict in MEETING)))
    return tuple(rows)


def task_view(workspace: Workspace, period: str, code: str) -> TaskView:
    """Every county's answer to the city task `code` for `period`, side by side (registry order)."""
    period = period.strip().upper()
    counties, accepted, _history, _periods = _accepted(workspace, period)
    with workspace.database.read_only() as session:
        city_codes = county_task_codes(session)
    if code not in city_codes:
        raise UserError("consolidation_task_unknown", code=code)
    sections = {item.county: next((t for t in item.content.tasks if t.code == code), None) for item in accepted}
    answers = []
    label, action = city_codes[code], ""
    for county in counties:
        task = sections.get(county)
        if task is None:
            answers.append(CountyAnswer(county, NOT_REPORTED, "", "", "", "", (), county in sections))
            continue
        label, action = task.label, task.action_label
        evidence = tuple(EvidenceLine(item.number, item.kind_label, item.title, item.event_date, item.doc_number,
                                      tuple(file.name for file in item.files)) for item in task.evidence)
        answers.append(CountyAnswer(county, task.status_label, task.narrative, _figures(task), task.problems,
                                    task.next_steps, evidence, True))
    return TaskView(code, label, action, tuple(answers))


def _figures(task: TaskSection) -> str:
    """A task's figures as one line: 培训人数120人；发放资料3000份."""
    return "；".join(f"{figure.name}{figure.text}" for figure in task.figures)


def search_answers(workspace: Workspace, text: str, period: str | None = None, limit: int = 500) -> list[AnswerHit]:
    """Accepted answers containing `text` (case-insensitive), in every period or only `period`."""
    needle = text.strip().casefold()
    if not needle:
        return []
    with workspace.database.read_only() as session:
        names: dict[int | None, str] = {county.id: county.name for county in all_counties(session)}
        packages = [(names.get(p.county_id, ""), p.period_label, p.snapshot) for p in all_received(session)
                    if p.status == "accepted" and p.snapshot and (period is None or p.period_label == period.upper())]
    hits: list[AnswerHit] = []
    for county, label, snapshot in packages:
        for task in PacketContent.from_json(snapshot).tasks:
            fields = (("工作开展情况", task.narrative), ("存在问题", task.problems), ("下一步计划", task.next_steps),
                      ("主要数据", _figures(task)),
                      *(("佐证材料", f"{item.number} {item.title} {item.doc_number}") for item in task.evidence))
            for where, value in fields:
                if needle in value.casefold():
                    hits.append(AnswerHit(county, label, task.code, task.label, where, value))
                    if len(hits) >= limit:
                        return hits
    return hits


@dataclass(frozen=True)
class DetailRow:
    """One county's answer to one task: the long sheet a person filters and pivots."""

    county: str
    task_code: str
    action: str
    task: str
    status_label: str
    narrative: str
    figures: str
    problems: str
    next_steps: str
    evidence_count: int
    file_count: int


def detail_rows(workspace: Workspace, period: str) -> list[DetailRow]:
    """Every accepted county's every task for `period`, counties in registry order, tasks in packet order."""
    period = period.strip().upper()
    _counties, accepted, _history, _periods = _accepted(workspace, period)
    return [DetailRow(item.county, task.code, task.action_label, task.label, task.status_label, task.narrative,
                      _figures(task), task.problems, task.next_steps, len(task.evidence),
                      sum(len(e.files) for e in task.evidence)) for item in accepted for task in item.content.tasks]


def city_tasks(workspace: Workspace) -> list[tuple[str, str]]:
    """The city plan's county tasks as (code, text), in plan order: what the task view can show."""
    with workspace.database.read_only() as session:
        return list(county_task_codes(session).items())
