"""Analyse a returned form against what hpdesk holds, without writing anything: which form it is, which row is which
report, what each row would change field by field, what is new, and what cannot be taken.

Refused outright (UserError naming the file): a file that is not a form, carriers that disagree, a form this
workspace never issued (`form_unknown`; `form_other_office` when its identity names another office), a form whose
identity contradicts the issued form (`form_meta_mismatch`), or a form for another period than the one asked for
(`form_other_period`).

Row by row, never by position: by row key (the hidden column, or _meta), then by task code among the form's rows.
A row is `blocked` (never applied) for an unknown status, unreadable figures, a task that is not the unit's, a
row that repeats another, an approved report, or a locked period without a reason; it `needs_consent` when the
locked city text in it was changed (shown old → new; applied only when the clerk picks it). Rows with no answer
are `unfilled`; rows whose answer equals the report are `unchanged`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk.domain.errors import Message, UserError, register_messages
from hpdesk.domain.fill_in_forms import CHECKED_LOCKED_FIELDS, HEADERS, RowAnswer, figures_text, read_answer
from hpdesk.domain.reporting import EDITABLE_REVIEW_STATES, STATUS_LABELS
from hpdesk.services.forms.model import report_answers
from hpdesk.services.forms.returned_files import ReturnedFile, find_evidence
from hpdesk.services.forms.workbook_in import ReturnedRow, ReturnedWorkbook, read_returned
from hpdesk.services.workspace import Workspace
from hpdesk.storage.attachment_store import file_sha256
from hpdesk.storage.evidence_store import attachment_hashes
from hpdesk.storage.form_store import (
    evidence_hashes, find_form, find_forms_by_code, office_name, returns_of, unit_and_period,
)
from hpdesk.storage.report_store import reports_of_assignments
from hpdesk.storage.task_store import every_task_code, find_task

if TYPE_CHECKING:
    from hpdesk.storage.records import ProgressReportRecord, ReportingPeriodRecord, UnitFormRecord, UnitRecord

FIELD_LABELS = {"status": "完成情况", "narrative": "工作开展情况", "figures": "主要数据", "problems": "存在问题",
                "next_steps": "下一步打算", "filled_by": "填报人"}
_SPACE = re.compile(r"\s+")

register_messages({
    "form_unknown": (
        "{file} 的表单编号 {form_code} 不是本工作区发出的填报表，无法导入。",
        "{file} (form {form_code}) was not issued by this workspace and cannot be imported.",
    ),
    "form_other_office": (
        "{file} 是“{office}”发出的填报表，不是本单位（{ours}）的，已拒绝。",
        "{file} was issued by {office}, not by this office ({ours}); refused.",
    ),
    "form_other_period": (
        "{file} 是{form_period}的填报表，不是{period}的，已拒绝。",
        "{file} is the form for {form_period}, not {period}; refused.",
    ),
    "form_meta_mismatch": (
        "{file} 中记录的{what}（{found}）与发出时（{issued}）不一致，已拒绝。请让单位在原表上重新填写。",
        "The {what} recorded in {file} ({found}) differs from the issued form ({issued}); refused.",
    ),
    "form_field_period": ("报送期", "period"), "form_field_unit": ("填报单位", "unit"),
    "form_field_code": ("表单编号", "form code"),
    "form_code_ambiguous": (
        "{file} 的隐藏信息已丢失，且表单编号 {form_code} 对应多份填报表，无法确定是哪一份。",
        "{file} lost its hidden identity and the form code {form_code} names several forms.",
    ),
    "form_warn_visible_code": (
        "{file} 的隐藏信息已被删除或丢失，已按表上的表单编号 {form_code} 和任务编号匹配，请核对。",
        "{file} lost its hidden identity; matched by the visible form code {form_code} and task codes. Check it.",
    ),
    "form_row_not_units_task": (
        "第 {row} 行（{cell}）的任务 {task} 不是{unit}的任务，不能导入。", "Row {row} ({cell}): task {task} is not {unit}'s.",
    ),
    "form_row_unknown": ("第 {row} 行（{cell}）的任务编号“{task}”无法识别，已跳过。",
                         "Row {row} ({cell}): unknown task {task}; skipped."),
    "form_row_repeated": ("第 {row} 行与第 {other} 行是同一任务，只取第 {other} 行。",
                          "Row {row} repeats row {other}; row {other} is used."),
    "form_status_unknown": (
        "“完成情况”（{cell}）填的是“{detail}”，不在可选项中（{choices}）。",
        "The status ({cell}) is “{detail}”, not one of {choices}.",
    ),
    "form_figures_unreadable": (
        "“主要数据”（{cell}）中“{detail}”无法识别，应写成 名称=数值单位，如 培训人数=120人。",
        "Key figures ({cell}): “{detail}” cannot be read; write name=value and unit, e.g. trained=120 people.",
    ),
    "form_report_approved": ("该报告已审核通过，不能被覆盖；如需修改，请先退回。",
                             "The report is approved and is not overwritten; return it first."),
    "form_period_locked": ("报送期已锁定：导入需要填写理由。", "The period is locked: importing needs a reason."),
    "form_task_withdrawn": ("市里已撤销任务 {task}（导入了修订后的任务表）：本行仍会导入，但不再计入报送，请核对。",
                            "The city withdrew task {task} (a revised table was imported): the row is still "
                            "imported but no longer counts; check it."),
    "form_locked_text_changed": ("单位改动了锁定的内容（{fields}），需确认后才会导入。",
                                 "The unit changed locked columns ({fields}); imported only when accepted."),
})


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class RowPreview:
    """One returned row and what it would do."""

    sheet_row: int
    row_key: str
    task_code: str
    task_text: str
    assignment_id: int
    report_id: int | None
    state: str  # new | changed | unchanged | unfilled | blocked
    changes: tuple[FieldChange, ...] = ()
    locked_changes: tuple[FieldChange, ...] = ()
    evidence_found: tuple[str, ...] = ()  # paths
    evidence_missing: tuple[str, ...] = ()
    problems: tuple[Message, ...] = ()  # rendered at the edge, in the user's language
    answer: RowAnswer | None = None

    @property
    def needs_consent(self) -> bool:
        return bool(self.locked_changes)

    @property
    def applicable(self) -> bool:
        return self.state in ("new", "changed")


@dataclass(frozen=True)
class FormPreview:
    """One returned workbook analysed; nothing was written."""

    file: str
    path: str
    sha256: str
    form_id: str
    form_code: str
    unit: str
    period: str
    period_name: str
    rows: tuple[RowPreview, ...]
    warnings: tuple[Message, ...] = ()
    already_imported: bool = False
    supersedes: str = ""  # the file name of the return this one replaces, '' for the first
    places: tuple[str, ...] = field(default_factory=tuple)

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)


def analyse_return(workspace: Workspace, returned: ReturnedFile, *, period: str | None = None,
                   reason: str = "") -> FormPreview:
    """Analyse one returned workbook (see the module docstring); `period` refuses a form of another period,
    `reason` lets rows of a locked period through (they are flagged changed after lock when applied)."""
    book = read_returned(returned.workbook)
    name = returned.shown_name
    with workspace.database.read_only() as session:
        form, warnings = _form(session, book, name)
        unit, form_period = unit_and_period(session, form)
        _check_identity(book, form, form_period, unit, name)
        if period is not None and period.strip().upper() != form_period.label:
            raise UserError("form_other_period", file=name, form_period=form_period.name or form_period.label,
                            period=period)
        previous = returns_of(session, form)
        hashes = attachment_hashes(session, [r.attachment_id for r in previous])
        already = book.guarded.sha256 in hashes.values()
        current = next((r for r in reversed(previous) if r.superseded_by_id is None), None)
        reports = reports_of_assignments(session, form_period.id, [row["assignment_id"] for row in form.rows])
        plan_codes = every_task_code(session)
        attached = evidence_hashes(session, [report.id for report in reports.values()])
        rows = _rows(book, form, reports, form_period, unit.name, plan_codes, reason, returned, attached)
        withdrawn = _withdrawn_codes(session, {row.task_code for row in rows if row.applicable})
        # The city withdrew the task after the form went out (a revised table): the answer is still taken (county
        # data stays attached to withdrawn tasks), but the clerk is told, as the report no longer counts anywhere
        rows = [replace(row, problems=(*row.problems, Message.of("form_task_withdrawn", task=row.task_code)))
                if row.applicable and row.task_code in withdrawn else row for row in rows]
        return FormPreview(name, str(returned.workbook), book.guarded.sha256, form.form_id, form.form_code,
                           unit.name, form_period.label, form_period.name or form_period.label, tuple(rows),
                           tuple(warnings), already, "" if already or current is None else current.file_name,
                           tuple(str(p) for p in returned.places))


def _withdrawn_codes(session, codes: set[str]) -> set[str]:
    """Those of `codes` whose task the city withdrew (find_task prefers an active task of the same code)."""
    withdrawn = set()
    for code in codes:
        try:
            if find_task(session, code).status == "withdrawn":
                withdrawn.add(code)
        except UserError:  # no such task: the row was already refused as unknown
            continue
    return withdrawn


def _form(session, book: ReturnedWorkbook, name: str) -> tuple[UnitFormRecord, list[Message]]:
    ours, theirs = office_name(session), book.meta.get("office", "").strip()
    if theirs and theirs != ours:  # whatever form it names, another office's form is never this workspace's
        raise UserError("form_other_office", file=name, office=theirs, ours=ours)
    warnings: list[Message] = []
    if book.form_id:
        form = find_form(session, book.form_id)
    else:
        candidates = find_forms_by_code(session, book.form_code)
        if len(candidates) > 1:
            raise UserError("form_code_ambiguous", file=name, form_code=book.form_code)
        form = candidates[0] if candidates else None
        warnings.append(Message.of("form_warn_visible_code", file=name, form_code=book.form_code))
    if form is None:
        raise UserError("form_unknown", file=name, form_code=book.form_code or book.form_id)
    return form, warnings


def _check_identity(book: ReturnedWorkbook, form: UnitFormRecord, period: ReportingPeriodRecord, unit: UnitRecord,
                    name: str) -> None:
    for key, what, issued in (("period", "form_field_period", period.label), ("unit", "form_field_unit", unit.name),
                              ("form_code", "form_field_code", form.form_code)):
        found = book.meta.get(key, "").strip()
        if found and found.upper() != issued.upper():
            raise UserError("form_meta_mismatch", file=name, what=Message.of(what), found=found, issued=issued)


def _same(a: str, b: str) -> bool:
    """Locked texts compared as a spreadsheet program may re-save them: line breaks and runs of spaces alike."""
    return _SPACE.sub(" ", a or "").strip() == _SPACE.sub(" ", b or "").strip()


def _rows(book: ReturnedWorkbook, form: UnitFormRecord, reports: dict[int, ProgressReportRecord],  # noqa: C901
          period: ReportingPeriodRecord, unit: str, plan_codes: set[str], reason: str,
          returned: ReturnedFile, attached: dict[int, set[str]]) -> list[RowPreview]:
    by_key = {row["row_key"]: row for row in form.rows}
    by_code = {row["task_code"]: row for row in form.rows}
    seen: dict[str, int] = {}
    result: list[RowPreview] = []
    for returned_row in book.rows:
        cells = returned_row.cells
        key, code = cells.get("row_key", "").strip(), cells.get("task_code", "").strip()
        issued = by_key.get(key) or (by_code.get(code) if code else None)
        if issued is None and book.row_keys.get(key) in by_code:
            issued = by_code[book.row_keys[key]]
        number = returned_row.sheet_row
        if issued is None:
            cell = returned_row.cell_name("task_code")
            problem = (Message.of("form_row_not_units_task", row=number, task=code, unit=unit, cell=cell)
                       if code in plan_codes else Message.of("form_row_unknown", row=number, task=code, cell=cell))
            result.append(RowPreview(number, key, code, "", 0, None, "blocked", problems=(problem,)))
            continue
        if issued["row_key"] in seen:
            result.append(RowPreview(number, key, code, issued.get("task_text", ""), issued["assignment_id"], None,
                                     "blocked", problems=(Message.of(
                                         "form_row_repeated", row=number, other=seen[issued["row_key"]]),)))
            continue
        seen[issued["row_key"]] = number
        report = reports.get(issued["assignment_id"])
        result.append(_row(returned_row, issued, report, period, reason, returned, book.form_code,
                           attached.get(report.id, set()) if report is not None else set()))
    return result


def _row(returned_row: ReturnedRow, issued: dict, report: ProgressReportRecord | None,
         period: ReportingPeriodRecord, reason: str, returned: ReturnedFile, code: str,
         attached: set[str]) -> RowPreview:
    cells = returned_row.cells
    answer = read_answer(cells)
    locked = tuple(FieldChange(name, HEADERS[name], str(issued.get(name, "")), cells[name])
                   for name in CHECKED_LOCKED_FIELDS if name in cells and not _same(cells[name], issued.get(name, "")))
    choices = "、".join(label for c, label in STATUS_LABELS.items() if c != "not_started")
    problems = [Message(problem, (("cell", returned_row.cell_name(_field_of(column))), ("detail", detail),
                                  ("choices", choices)))
                for column, problem, detail in answer.problems]
    found, missing = [], []
    for evidence in answer.evidence:
        path = find_evidence(evidence, code, returned.places)
        if path is None:
            missing.append(evidence)
        elif _file_sha256(path) not in attached:  # a file the report already holds is not added again
            found.append(str(path))
    base = dict(sheet_row=returned_row.sheet_row, row_key=issued["row_key"], task_code=issued["task_code"],
                task_text=issued.get("task_text", ""), assignment_id=issued["assignment_id"],
                report_id=report.id if report is not None else None, locked_changes=locked,
                evidence_found=tuple(found), evidence_missing=tuple(missing), answer=answer)
    if answer.is_blank:
        return RowPreview(**base, state="unfilled")
    changes = _changes(answer, report)
    if report is not None and report.review_state not in EDITABLE_REVIEW_STATES and (changes or found):
        problems.append(Message.of("form_report_approved"))
    if period.state == "locked" and not reason.strip() and (changes or found):
        problems.append(Message.of("form_period_locked"))
    # blocked is a hard refusal; a locked-text change alone only needs the clerk's consent
    state = "blocked" if problems else "new" if report is None else "changed" if changes or found else "unchanged"
    if locked:
        problems.append(Message.of("form_locked_text_changed", fields="、".join(change.label for change in locked)))
    return RowPreview(**base, state=state, changes=tuple(changes), problems=tuple(problems))


def _file_sha256(path: Path) -> str:
    """The file's SHA-256 ('' when it cannot be read: the intake will say why when it is added)."""
    try:
        return file_sha256(path)
    except OSError:
        return ""


def _field_of(header: str) -> str:
    return next((name for name, text in HEADERS.items() if text == header), "")


def _changes(answer: RowAnswer, report: ProgressReportRecord | None) -> list[FieldChange]:
    now = {"status": STATUS_LABELS.get(answer.status, ""), "narrative": answer.narrative,
           "figures": figures_text(answer.figures), "problems": answer.problems_text,
           "next_steps": answer.next_steps, "filled_by": answer.filled_by}
    was = {name: "" for name in now} if report is None else report_answers(
        {name: getattr(report, name) for name in FIELD_LABELS})
    # a blank 填报人 keeps who filled it before
    return [FieldChange(name, FIELD_LABELS[name], was[name], value) for name, value in now.items()
            if (value or "") != was[name] and (value or name != "filled_by")]
