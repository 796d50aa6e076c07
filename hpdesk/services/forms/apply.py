"""Apply an analysed returned form: the chosen rows' reports in one unit of work, the workbook kept as the unit's
original, then the evidence files through the normal attachment intake.

1. The file is guarded and read again; bytes other than those analysed (`preview.sha256`) are refused.
2. Its bytes go into the content-addressed store (temp file, fsync, rename) as an attachment.
3. One unit of work: every chosen row's report is created or updated, handed in for review (已提交), filled by the
   unit's 填报人, audited with the form id and the file's hash; the returned workbook is recorded and supersedes
   the form's earlier return (which stays in the history). A report approved since the analysis, or a locked
   period without a reason, stops the whole import (UserError): nothing is written.
4. Each evidence file found is added to its report by `services.evidence.add_evidence` (every intake check, its
   own unit of work), titled after the file name with the kind guessed from it. A file the intake refuses is
   listed with the reason and does not undo the reports: the clerk can add it by hand.
Re-importing bytes already kept for the form changes nothing; a file from which no row is taken is not kept.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from dataclasses import dataclass
from pathlib import Path

from hpdesk.domain.errors import Message, UserError, register_messages
from hpdesk.domain.reporting import EDITABLE_REVIEW_STATES, REVIEW_LABELS
from hpdesk.services.audit import record_event
from hpdesk.services.clerks import require_unit
from hpdesk.services.forms.preview import FormPreview, RowPreview
from hpdesk.services.importing.file_guard import guard_workbook
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.reports import report_snapshot
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.evidence_store import attachment_media_type, attachment_row
from hpdesk.storage.form_store import add_return, current_return, find_form, unit_and_period
from hpdesk.storage.period_store import guard_locked
from hpdesk.storage.report_store import new_report, report_of

if TYPE_CHECKING:
    from hpdesk.storage.records import ProgressReportRecord, ReportingPeriodRecord

register_messages({
    "form_report_changed_meanwhile": (
        "{task} 的报告在分析之后已被审核通过，导入已停止，未作任何改动。请重新导入 {file}。",
        "The report on {task} was approved after the analysis; nothing was imported. Import {file} again.",
    ),
    "form_evidence_refused": ("{task}：佐证材料 {file} 未能添加：{reason}", "{task}: the evidence file {file} was not "
                              "added: {reason}"),
    "progress_forms_row": ("写入任务 {task} 的报告", "Writing the report on task {task}"),
})


@dataclass(frozen=True)
class FormImportResult:
    file: str
    form_code: str
    unit: str
    period: str
    applied: tuple[str, ...]  # task codes whose report changed
    new_reports: int
    changed_reports: int
    skipped: tuple[str, ...]  # task codes not applied (blocked, unfilled, unchanged, not chosen)
    evidence_added: tuple[str, ...]  # file names
    evidence_missing: tuple[str, ...]
    warnings: tuple[Message, ...]
    already_imported: bool = False
    return_id: int | None = None


def chosen_rows(preview: FormPreview, accepted: set[str] | None) -> list[RowPreview]:
    """The rows to apply: every new or changed row that needs no consent, or exactly the `accepted` row keys
    among new or changed rows (a blocked row is never applied)."""
    return [row for row in preview.rows
            if row.applicable and (not row.needs_consent if accepted is None else row.row_key in accepted)]


def apply_return(workspace: Workspace, preview: FormPreview, *, accepted: set[str] | None = None, reason: str = "",
                 progress: ProgressSink | None = None, cancel: CancelToken | None = None) -> FormImportResult:
    """Apply `preview` (see the module docstring); `accepted` as `chosen_rows` takes it."""
    rows = chosen_rows(preview, accepted)
    skipped = tuple(row.task_code for row in preview.rows if row not in rows)
    missing = tuple(name for row in rows for name in row.evidence_missing)
    if preview.already_imported or not rows:
        # nothing taken: the file is not kept either, so it can be imported again once the clerk accepts rows
        return FormImportResult(preview.file, preview.form_code, preview.unit, preview.period, (), 0, 0,
                                tuple(row.task_code for row in preview.rows), (), missing, preview.warnings,
                                preview.already_imported)
    guarded = guard_workbook(Path(preview.path))
    if guarded.sha256 != preview.sha256:
        raise UserError("user_file_changed", file=preview.file)
    check_cancelled(cancel)
    total = len(rows) + sum(len(row.evidence_found) for row in rows) + 1
    report(progress, 0, total, "progress_file", file=preview.file)
    blob = workspace.attachments.add_stream(io.BytesIO(guarded.data))
    try:
        with workspace.database.unit_of_work() as session:
            form = find_form(session, preview.form_id)
            assert form is not None  # the analysis found it, and forms are never deleted
            unit, period = unit_and_period(session, form)
            require_unit(session, workspace.actor, unit.id)  # a filler imports their own units' forms only
            post_lock = guard_locked(period, reason)
            new = changed = 0
            report_ids: dict[str, int] = {}
            for done, row in enumerate(rows, start=1):
                check_cancelled(cancel)
                record, created = _write_report(session, workspace, row, period, unit.name, preview, post_lock,
                                                reason)
                report_ids[row.row_key] = record.id
                new, changed = new + created, changed + (not created)
                report(progress, done, total, "progress_forms_row", task=row.task_code)
            return_id = _keep_workbook(session, workspace, form.id, blob.sha256, blob.size, preview,
                                       [row.task_code for row in rows])
    except BaseException:
        if not blob.already_present:
            _drop_unclaimed(workspace, blob.sha256)
        raise
    added, warnings = _add_evidence(workspace, rows, report_ids, reason, progress, total, cancel)
    return FormImportResult(preview.file, preview.form_code, preview.unit, preview.period,
                            tuple(row.task_code for row in rows), new, changed, skipped, tuple(added), missing,
                            preview.warnings + tuple(warnings), False, return_id)


def _write_report(session, workspace: Workspace, row: RowPreview, period: ReportingPeriodRecord,
                  unit: str, preview: FormPreview, post_lock: bool, reason: str) -> tuple[ProgressReportRecord, bool]:
    answer = row.answer
    assert answer is not None
    record = report_of(session, row.assignment_id, period.id)
    created = record is None
    if record is None:
        record = new_report(session, row.assignment_id, period.id)
    elif record.review_state not in EDITABLE_REVIEW_STATES:
        raise UserError("form_report_changed_meanwhile", task=row.task_code, file=preview.file)
    before = None if created else report_snapshot(record)
    record.status = answer.status or record.status
    record.narrative, record.figures = answer.narrative, [figure.to_json() for figure in answer.figures]
    record.problems, record.next_steps = answer.problems_text, answer.next_steps
    record.filled_by = answer.filled_by or record.filled_by or unit
    record.filled_at = record.updated_at = now_iso()
    if record.review_state in ("draft", "returned"):
        record.review_state = "submitted"
    record.changed_after_lock = record.changed_after_lock or post_lock
    session.flush()
    record_event(session, actor=workspace.actor, action="import", entity_type="report", entity_id=record.id,
                 summary=f"{row.task_code} {unit} {period.label} 单位填报表导入（{preview.form_code}，"
                         f"{REVIEW_LABELS[record.review_state]}）" + ("（锁定后修改）" if post_lock else ""),
                 before=before, after={**report_snapshot(record), "form_id": preview.form_id,
                                       "file_sha256": preview.sha256, "file": preview.file},
                 reason=reason.strip())
    return record, created


def _keep_workbook(session, workspace: Workspace, form_id: int, sha256: str, size: int,
                   preview: FormPreview, applied: list[str]) -> int:
    media = ("application/vnd.ms-excel" if preview.file.lower().endswith(".xls") else
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    attachment = attachment_row(session, sha256, size=size, media_type=media, original_name=preview.file)
    earlier = current_return(session, find_form(session, preview.form_id))  # type: ignore[arg-type]
    kept = add_return(session, form_id=form_id, attachment_id=attachment.id, file_name=preview.file[-300:],
                      summary={"applied": applied, "warnings": [w.text("zh") for w in preview.warnings],
                               "phones": sorted({row.answer.phone for row in preview.rows
                                                 if row.answer is not None and row.answer.phone})},
                      imported_by=workspace.actor, imported_at=now_iso())
    if earlier is not None:
        earlier.superseded_by_id = kept.id
    record_event(session, actor=workspace.actor, action="import", entity_type="unit_form_return", entity_id=kept.id,
                 summary=f"收到 {preview.unit} {preview.period} 填报表 {preview.file}"
                         + (f"（取代 {earlier.file_name}）" if earlier is not None else ""),
                 after={"form_id": preview.form_id, "file_sha256": sha256, "file": preview.file,
                        "supersedes": earlier.id if earlier is not None else None, "applied": applied})
    return kept.id


def _drop_unclaimed(workspace: Workspace, sha256: str) -> None:
    with workspace.database.read_only() as session:
        if attachment_media_type(session, sha256) is None:
            workspace.attachments.remove(sha256)


def _add_evidence(workspace: Workspace, rows: list[RowPreview], report_ids: dict[str, int], reason: str,
                  progress: ProgressSink | None, total: int,
                  cancel: CancelToken | None) -> tuple[list[str], list[Message]]:
    from hpdesk.services.evidence import add_evidence
    from hpdesk.services.evidence_suggestions import suggest_for_file

    added: list[str] = []
    warnings: list[Message] = []
    done = len(rows) + 1
    for row in rows:
        for name in row.evidence_found:
            check_cancelled(cancel)
            path = Path(name)
            suggestion = suggest_for_file(path)
            report(progress, done, total, "progress_file", file=path.name)
            try:
                add_evidence(workspace, report_ids[row.row_key], kind=suggestion.kind, title=suggestion.title,
                             files=[path], event_date=suggestion.event_date, reason=reason)
                added.append(path.name)
            except UserError as error:
                if error.code == "evidence_not_an_image":  # named like a photo, holds something else: keep it
                    try:
                        add_evidence(workspace, report_ids[row.row_key], kind="other", title=suggestion.title,
                                     files=[path], event_date=suggestion.event_date, reason=reason)
                        added.append(path.name)
                        continue
                    except UserError as second:
                        error = second
                warnings.append(Message.of("form_evidence_refused", task=row.task_code, file=path.name,
                                           reason=Message(error.code, tuple(error.params.items()))))
            done += 1
    return added, warnings
