"""Send fill-in forms out: one workbook per unit with tasks in the period (optionally zipped with an empty evidence
folder), each recorded as an issued form so the returned copy can be matched.

A unit with nothing to report in the period gets no file; `FormsExport.without_tasks` names the units asked for
that got none. Each export issues new form ids: an older form stays importable (its rows are kept), a newer one
simply is another form of the same unit and period. The rows and files are written in one unit of work: if writing
a file fails or the clerk cancels, the rows roll back and the files written so far are removed.
"""

from __future__ import annotations

import uuid
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk import __version__
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import safe_file_name
from hpdesk.domain.fill_in_forms import form_code, row_key
from hpdesk.domain.reporting import ROLE_LABELS, STATUS_LABELS
from hpdesk.services.audit import record_event
from hpdesk.services.forms.model import FormContent, FormRow, report_answers
from hpdesk.services.forms.workbook_out import write_form
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.form_store import OwedRow, active_unit_names, add_form, find_units, office_name, owed_rows
from hpdesk.storage.period_store import find_period

if TYPE_CHECKING:
    from hpdesk.storage.records import ReportingPeriodRecord

register_messages({
    "forms_nothing_to_send": (
        "{period}没有需要各单位填报的任务（检查任务是否已分派并确认）。",
        "No unit has tasks to report in {period} (are the tasks assigned and confirmed?).",
    ),
    "progress_forms_unit": ("生成{unit}的填报表", "Writing the form for {unit}"),
})


@dataclass(frozen=True)
class IssuedForm:
    unit: str
    form_id: str
    form_code: str
    path: Path  # the .xlsx, or the .zip holding it
    rows: int


@dataclass(frozen=True)
class FormsExport:
    period: str
    forms: tuple[IssuedForm, ...]
    without_tasks: tuple[str, ...]  # units asked for (or every active unit) that have nothing in the period


def export_forms(workspace: Workspace, period_label: str, out_dir: Path, units: Sequence[str] = (), *,
                 zip_each: bool = False, progress: ProgressSink | None = None,
                 cancel: CancelToken | None = None) -> FormsExport:
    """Write the forms of `period_label` for `units` (names or aliases; every unit when empty) into `out_dir`.

    Raises `period_unknown`, `form_unit_unknown`, `forms_nothing_to_send`, OperationCancelled (nothing kept)."""
    out_dir = Path(out_dir)
    written: list[Path] = []
    try:
        with workspace.database.unit_of_work() as session:
            period = find_period(session, period_label)
            office = office_name(session)
            chosen = find_units(session, list(units)) if units else None
            rows = owed_rows(session, period, [unit.id for unit in chosen] if chosen is not None else None)
            by_unit: dict[str, list[OwedRow]] = {}
            for row in rows:
                by_unit.setdefault(row.unit, []).append(row)
            asked = [unit.name for unit in chosen] if chosen is not None else active_unit_names(session)
            without = tuple(name for name in asked if name not in by_unit)
            if not by_unit:
                raise UserError("forms_nothing_to_send", period=period.name or period.label)
            issued = []
            for done, (unit_name, unit_rows) in enumerate(by_unit.items()):
                check_cancelled(cancel)
                report(progress, done, len(by_unit), "progress_forms_unit", unit=unit_name)
                content = _content(office, unit_name, period, unit_rows)
                path = _write(content, out_dir, zip_each, written)
                add_form(session, form_id=content.form_id, form_code=content.form_code, unit_id=unit_rows[0].unit_id,
                         period_id=period.id, file_name=path.name, content_sha256=content.content_sha256,
                         rows=[row.stored() for row in content.rows], software_version=__version__,
                         created_by=workspace.actor, created_at=now_iso())
                issued.append(IssuedForm(unit_name, content.form_id, content.form_code, path, len(content.rows)))
            record_event(session, actor=workspace.actor, action="export", entity_type="unit_form",
                         summary=f"{period.label} 发给 {len(issued)} 个单位填报",
                         after={"forms": [{"unit": f.unit, "form_id": f.form_id, "file": f.path.name}
                                          for f in issued]})
            report(progress, len(by_unit), len(by_unit), "")
            return FormsExport(period.label, tuple(issued), without)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise


def units_owing(workspace: Workspace, period_label: str) -> list[tuple[str, int]]:
    """Every active unit in the clerk's order with how many rows its form for the period holds (0: no form)."""
    with workspace.database.read_only() as session:
        counts = Counter(row.unit for row in owed_rows(session, find_period(session, period_label)))
        return [(name, counts.get(name, 0)) for name in active_unit_names(session)]


def file_stem(content: FormContent) -> str:
    """'区卫生健康委-2026年上半年-填报表-1A2B3C4D': unit, period, a short form code; safe on every system."""
    return safe_file_name(f"{content.unit}-{content.period_name}-填报表-{content.form_code}")


def _write(content: FormContent, out_dir: Path, zip_each: bool, written: list[Path]) -> Path:
    stem = file_stem(content)
    xlsx = out_dir / f"{stem}.xlsx"
    written.append(xlsx)
    write_form(content, xlsx)
    if not zip_each:
        return xlsx
    archive = out_dir / f"{stem}.zip"
    written.append(archive)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as target:
        target.write(xlsx, xlsx.name)
        target.writestr(f"{content.form_code}佐证材料/", b"")  # where the unit puts the files it names
    xlsx.unlink()
    return archive


def _content(office: str, unit: str, period: ReportingPeriodRecord, rows: list[OwedRow]) -> FormContent:
    form_id = str(uuid.uuid4())
    form_rows = []
    for serial, row in enumerate(rows, start=1):
        text = row.text
        instruction = "\n".join(part for part in (text.reporting_note, f"工作计划：{text.work_plan}"
                                                  if text.work_plan else "") if part)
        locked = {"serial": str(serial), "task_code": row.task_code, "action": row.action, "task_text": text.label,
                  "instruction": instruction, "role": ROLE_LABELS.get(row.role, row.role),
                  "last_answer": _answer_summary(row.previous)}
        # prefilled with the current report, so a returned or half-filled report is corrected rather than retyped
        form_rows.append(FormRow(row_key(form_id, row.assignment_id), row.assignment_id, locked,
                                 report_answers(row.report) if row.report else {}))
    return FormContent(form_id, form_code(form_id), office, unit, period.label, period.name or period.label,
                       period.due_date.isoformat(), rows[0].plan, __version__, tuple(form_rows))


def _answer_summary(report_fields: dict[str, object] | None) -> str:
    if not report_fields:
        return ""
    status = STATUS_LABELS.get(str(report_fields["status"]), "")
    narrative = str(report_fields.get("narrative") or "")
    return f"【{status}】{narrative}".strip() if narrative or report_fields["status"] != "not_started" else ""
