"""Import a city workbook in two phases: `analyse_workbook` (read-only preview) then `apply_import` (one transaction).

analyse: guard the file → read grids (calamine) → find the header and map columns (or use the clerk's remembered
mapping for this layout) → parse rows (domain) → match against what the workspace already holds → ImportPreview
with counts, row issues and the new/changed/unchanged/withdrawn diff. Nothing is written.

apply: inside one unit of work, match again (the database may have changed since the preview), then insert new rows
in bulk, update changed ones, mark vanished ones withdrawn (never delete: county data stays attached), and record
the import in the audit trail. Cancel or any error rolls everything back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.grid import Grid
from hpdesk.domain.plan_codes import ExistingRow, IncomingRow, MatchResult, action_code, match_rows, next_row_code
from hpdesk.domain.plan_table import ParsedAction, ParsedTable, RowIssue, action_key, parse_table, plan_key
from hpdesk.domain.table_layout import TableLayout, detect_layout, layout_signature
from hpdesk.services.audit import record_event
from hpdesk.services.importing.file_guard import guard_workbook
from hpdesk.services.importing.workbook_reader import read_grids
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    ActionRecord, ColumnMappingRecord, DepartmentAliasRecord, IndicatorRecord, IndicatorTargetRecord, PlanRecord,
    PlanSourceRecord, TaskRecord,
)

register_messages(
    {
        "import_sheet_missing": (
            "{file} 中没有名为“{sheet}”的工作表。现有工作表：{sheets}。",
            "{file} has no sheet named {sheet}. Sheets: {sheets}.",
        ),
        "import_no_header": (
            "{file} 的工作表“{sheet}”中找不到表头（如 序号、具体任务、牵头单位、指标、目标值）。"
            "请确认这是市里的任务分解表或指标表，或在导入窗口中手动指定各列。",
            "No header row (序号, 具体任务, 牵头单位, 指标, 目标值 …) was found in sheet {sheet} of {file}. "
            "Map the columns by hand in the import dialog.",
        ),
        "import_empty_sheet": ("{file} 的工作表“{sheet}”是空的。", "Sheet {sheet} of {file} is empty."),
        "import_no_rows": (
            "{file} 的工作表“{sheet}”有表头，但表头下面没有数据行。",
            "Sheet {sheet} of {file} has a header but no data rows.",
        ),
        "import_mapping_wrong_width": (
            "手动指定的列数（{given}）与表格的列数（{width}）不一致。",
            "The manual mapping has {given} columns; the table has {width}.",
        ),
    }
)

PROGRESS_EVERY = 250


@dataclass(frozen=True)
class ColumnSummary:
    index: int
    label: str
    field: str
    year: int | None


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do; holds the parsed rows so `apply_import` does not read the file again."""

    file_path: Path
    file_name: str
    file_sha256: str
    sheet: str
    other_sheets: tuple[str, ...]
    layout: TableLayout
    parsed: ParsedTable
    plan_code: str
    plan_title: str
    existing_plan: bool
    matches: MatchResult
    manual_mapping: tuple[str, ...] | None = None

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @property
    def columns(self) -> list[ColumnSummary]:
        return [ColumnSummary(i, role.label, role.field, role.year) for i, role in enumerate(self.layout.columns)]

    @property
    def issues(self) -> tuple[RowIssue, ...]:
        return self.parsed.issues

    def counts(self) -> dict[str, int]:
        return {
            "actions": len(self.parsed.actions),
            "tasks": len(self.parsed.tasks),
            "county_tasks": sum(1 for task in self.parsed.tasks if task.responsibility.falls_to_county),
            "indicators": len(self.parsed.indicators),
            "new": self.matches.count("new"),
            "changed": self.matches.count("changed"),
            "unchanged": self.matches.count("unchanged"),
            "withdrawn": len(self.matches.withdrawn),
        }

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "kind": self.kind,
            "plan": {"code": self.plan_code, "title": self.plan_title, "existing": self.existing_plan},
            "layout_signature": self.layout.signature,
            "confident": self.layout.confident,
            "columns": [{"label": c.label, "field": c.field, "year": c.year} for c in self.columns],
            **self.counts(),
            "withdrawn_codes": list(self.matches.withdrawn),
            "issues": [
                {"sheet": i.sheet, "row": i.row, "column": i.column, "code": i.code, "detail": i.detail,
                 "severity": i.severity}
                for i in self.parsed.issues
            ],
        }


@dataclass(frozen=True)
class ImportReport:
    preview: ImportPreview
    plan_id: int
    created: int
    updated: int
    unchanged: int
    withdrawn: int
    codes_by_row: dict[int, str] = field(default_factory=dict)  # sheet row → code

    def to_json(self) -> dict[str, object]:
        data = self.preview.to_json()
        data.update({"applied": True, "new": self.created, "changed": self.updated, "unchanged": self.unchanged,
                     "withdrawn": self.withdrawn, "plan_id": self.plan_id})
        return data


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _aliases(session: Session) -> dict[str, str]:
    return {row.alias: row.canonical for row in session.scalars(select(DepartmentAliasRecord))}


def _layout_for(grid: Grid, column_fields, remembered):  # type: ignore[no-untyped-def]
    """The detected layout, replaced by the clerk's remembered mapping for this header when there is one.

    A sheet whose header words were not recognised is looked up by the signature of its first filled row, which is
    what the clerk mapped by hand.
    """
    layout = detect_layout(grid, column_fields)
    if column_fields is not None:
        return layout
    if layout is not None:
        signature = layout.signature
    else:
        first = next((row.cells for row in grid.rows if not row.is_blank()), None)
        signature = layout_signature((first,)) if first is not None else ""
    if signature in remembered:
        return detect_layout(grid, remembered[signature])
    return layout


def _choose_sheet(path: Path, grids: list[Grid], sheet: str | None, column_fields, remembered):  # type: ignore[no-untyped-def]
    """The requested sheet, or the first sheet whose header is recognised."""
    if sheet is not None:
        grid = grids[0]
        if all(row.is_blank() for row in grid.rows):
            raise UserError("import_empty_sheet", file=path.name, sheet=grid.sheet_name)
        layout = _layout_for(grid, column_fields, remembered)
        if layout is None or layout.kind == "unknown":
            raise UserError("import_no_header", file=path.name, sheet=grid.sheet_name)
        return grid, layout
    for grid in grids:
        layout = _layout_for(grid, column_fields, remembered)
        if layout is not None and layout.kind != "unknown":
            return grid, layout
    if all(all(row.is_blank() for row in grid.rows) for grid in grids):
        raise UserError("import_empty_sheet", file=path.name, sheet=grids[0].sheet_name if grids else "")
    raise UserError("import_no_header", file=path.name, sheet="、".join(grid.sheet_name for grid in grids))


def analyse_workbook(
    workspace: Workspace, path: Path, sheet: str | None = None, column_fields: list[str] | None = None,
    progress: ProgressSink | None = None, cancel: CancelToken | None = None,
) -> ImportPreview:
    """Read and understand `path` and compare it with the workspace. Read-only; raises UserError for bad input."""
    path = Path(path)
    report(progress, 0, 4, "检查文件")
    guard_workbook(path)
    check_cancelled(cancel)
    report(progress, 1, 4, "读取表格")
    grids = read_grids(path, [sheet] if sheet else None)
    check_cancelled(cancel)
    with workspace.database.read_only() as session:
        remembered = {row.layout_signature: row.column_fields for row in session.scalars(select(ColumnMappingRecord))}
        aliases = _aliases(session)
    grid, layout = _choose_sheet(path, grids, sheet, column_fields, remembered)
    if column_fields is not None and len(column_fields) != grid.width:
        raise UserError("import_mapping_wrong_width", given=len(column_fields), width=grid.width)
    report(progress, 2, 4, "识别表头和各行")
    parsed = parse_table(grid, layout, aliases)
    if not parsed.tasks and not parsed.indicators:
        raise UserError("import_no_rows", file=path.name, sheet=grid.sheet_name)
    check_cancelled(cancel)
    code, title = plan_key(parsed.title, path.stem)
    report(progress, 3, 4, "与已导入的内容比较")
    with workspace.database.read_only() as session:
        plan = session.scalars(select(PlanRecord).where(PlanRecord.code == code)).first()
        matches = _match(session, plan.id if plan else None, parsed)
    report(progress, 4, 4, "")
    return ImportPreview(
        file_path=path, file_name=path.name, file_sha256=_sha256(path), sheet=grid.sheet_name,
        other_sheets=tuple(g.sheet_name for g in grids if g.sheet_name != grid.sheet_name), layout=layout,
        parsed=parsed, plan_code=code, plan_title=title, existing_plan=plan is not None, matches=matches,
        manual_mapping=tuple(column_fields) if column_fields is not None else None,
    )


def _action_keys_by_id(session: Session, plan_id: int) -> dict[int, str]:
    return {a.id: action_key(a.title) for a in session.scalars(select(ActionRecord).where(ActionRecord.plan_id == plan_id))}


def _match(session: Session, plan_id: int | None, parsed: ParsedTable) -> MatchResult:
    existing: list[ExistingRow] = []
    if plan_id is not None:
        keys = _action_keys_by_id(session, plan_id)
        if parsed.kind == "tasks":
            for row in session.execute(select(TaskRecord.code, TaskRecord.action_id, TaskRecord.task_text,
                                              TaskRecord.measures, TaskRecord.work_plan, TaskRecord.content_hash)
                                       .where(TaskRecord.plan_id == plan_id)):
                text = "".join(f"{row.task_text}|{row.measures}|{row.work_plan}".split())
                existing.append(ExistingRow(row.code, keys.get(row.action_id, ""), text, row.content_hash))
        else:
            for row in session.execute(select(IndicatorRecord.code, IndicatorRecord.action_id, IndicatorRecord.name,
                                              IndicatorRecord.content_hash)
                                       .where(IndicatorRecord.plan_id == plan_id)):
                existing.append(ExistingRow(row.code, keys.get(row.action_id, ""), "".join(row.name.split()),
                                            row.content_hash))
    rows = parsed.tasks if parsed.kind == "tasks" else parsed.indicators
    incoming = [IncomingRow(row.action_key, row.match_text, row.content_hash) for row in rows]
    return match_rows(existing, incoming)


def apply_import(
    workspace: Workspace, preview: ImportPreview, progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Write the previewed import in one transaction. Cancel (OperationCancelled) or any error rolls it all back."""
    now = now_iso()
    with workspace.database.unit_of_work() as session:
        plan = session.scalars(select(PlanRecord).where(PlanRecord.code == preview.plan_code)).first()
        if plan is None:
            plan = PlanRecord(code=preview.plan_code, title=preview.plan_title, created_at=now, updated_at=now)
            session.add(plan)
            session.flush()
        plan.updated_at = now
        session.execute(update(PlanSourceRecord).where(PlanSourceRecord.plan_id == plan.id,
                                                       PlanSourceRecord.table_kind == preview.kind)
                        .values(is_current=False))
        source = PlanSourceRecord(
            plan_id=plan.id, table_kind=preview.kind, file_name=preview.file_name, file_sha256=preview.file_sha256,
            sheet_name=preview.sheet, layout_signature=preview.layout.signature,
            header_rows=[list(row) for row in preview.layout.header_rows],
            column_fields=[role.field for role in preview.layout.columns], imported_at=now, is_current=True,
        )
        session.add(source)
        if preview.manual_mapping is not None:
            _remember_mapping(session, preview, now)
        session.flush()
        prefix = _code_prefix(session, plan.id)
        action_ids = _upsert_actions(session, plan.id, preview.parsed.actions, prefix)
        matches = _match(session, plan.id, preview.parsed)  # again: the workspace may have changed since analyse
        writer = _write_tasks if preview.kind == "tasks" else _write_indicators
        codes_by_row = writer(session, plan.id, source.id, action_ids, preview, matches, now, progress, cancel, prefix)
        _refresh_action_status(session, plan.id)
        counts = {"new": matches.count("new"), "changed": matches.count("changed"),
                  "unchanged": matches.count("unchanged"), "withdrawn": len(matches.withdrawn)}
        record_event(
            session, actor=workspace.actor, action="import", entity_type="plan", entity_id=plan.id,
            summary=f"导入{'任务表' if preview.kind == 'tasks' else '指标表'}：{preview.file_name}（{preview.sheet}）",
            after={"file": preview.file_name, "sha256": preview.file_sha256, "sheet": preview.sheet,
                   "kind": preview.kind, **counts, "withdrawn_codes": list(matches.withdrawn)},
        )
        return ImportReport(preview, plan.id, counts["new"], counts["changed"], counts["unchanged"],
                            counts["withdrawn"], codes_by_row)


def _remember_mapping(session: Session, preview: ImportPreview, now: str) -> None:
    existing = session.scalars(select(ColumnMappingRecord).where(
        ColumnMappingRecord.layout_signature == preview.layout.signature)).first()
    fields = list(preview.manual_mapping or ())
    if existing is None:
        session.add(ColumnMappingRecord(layout_signature=preview.layout.signature, table_kind=preview.kind,
                                        column_fields=fields, created_at=now))
    else:
        existing.column_fields = fields
        existing.table_kind = preview.kind


def _code_prefix(session: Session, plan_id: int) -> str:
    """Codes are unique in the workspace: the first plan's are short (A01-T001, I001), later plans' get 'P<n>-'."""
    first_plan = session.scalar(select(PlanRecord.id).order_by(PlanRecord.id).limit(1))
    return "" if first_plan == plan_id else f"P{plan_id}-"


def _upsert_actions(
    session: Session, plan_id: int, actions: tuple[ParsedAction, ...], prefix: str
) -> dict[str, int]:
    existing = {action_key(a.title): a for a in session.scalars(select(ActionRecord).where(ActionRecord.plan_id == plan_id))}
    taken = {a.code for a in existing.values()}
    ids: dict[str, int] = {}
    for ordinal, action in enumerate(actions, start=1):
        record = existing.get(action.key)
        if record is None:
            code = prefix + action_code(action.number, ordinal)
            if code in taken:  # same number, different title (e.g. "(十一)—(十四)…" spans several actions)
                code = next_row_code(prefix + "AX", taken)
            taken.add(code)
            record = ActionRecord(plan_id=plan_id, code=code, number=action.number, number_label=action.number_label,
                                  title=action.title, sort_order=action.number or 100 + ordinal, status="active")
            session.add(record)
            session.flush()
            existing[action.key] = record
        ids[action.key] = record.id
    return ids


def _refresh_action_status(session: Session, plan_id: int) -> None:
    for action in session.scalars(select(ActionRecord).where(ActionRecord.plan_id == plan_id)):
        has_task = session.scalar(select(TaskRecord.id).where(TaskRecord.action_id == action.id,
                                                              TaskRecord.status == "active").limit(1))
        has_indicator = session.scalar(select(IndicatorRecord.id).where(IndicatorRecord.action_id == action.id,
                                                                        IndicatorRecord.status == "active").limit(1))
        action.status = "active" if (has_task or has_indicator) else "withdrawn"


def _task_values(task, action_id: int, source_id: int, now: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "action_id": action_id, "source_id": source_id, "serial_label": task.serial_label,
        "basic_content": task.basic_content, "task_text": task.task_text, "measures": task.measures,
        "work_plan": task.work_plan, "reporting_note": task.reporting_note, "lead_text": task.lead_text,
        "responsible_text": task.responsible_text, "lead_departments": list(task.responsibility.leads),
        "responsible_departments": list(task.responsibility.responsible),
        "falls_to_county": task.responsibility.falls_to_county, "cadence": task.cadence, "note": task.note,
        "source_sheet": task.sheet, "source_first_row": task.first_row, "source_last_row": task.last_row,
        "source_range": task.source_range, "source_cells": list(task.source_cells), "flags": list(task.flags),
        "content_hash": task.content_hash, "status": "active", "updated_at": now,
    }


def _write_tasks(session, plan_id, source_id, action_ids, preview, matches, now, progress, cancel, prefix):  # type: ignore[no-untyped-def]
    tasks = preview.parsed.tasks
    id_by_code = dict(session.execute(select(TaskRecord.code, TaskRecord.id).where(TaskRecord.plan_id == plan_id)).all())
    taken = set(id_by_code)
    action_codes = dict(session.execute(select(ActionRecord.id, ActionRecord.code)
                                        .where(ActionRecord.plan_id == plan_id)).all())
    new_rows, updates, codes_by_row = [], [], {}
    for count, match in enumerate(matches.matches):
        if count % PROGRESS_EVERY == 0:
            check_cancelled(cancel)
            report(progress, count, len(tasks), "写入任务")
        task = tasks[match.incoming_index]
        action_id = action_ids[task.action_key]
        values = _task_values(task, action_id, source_id, now)
        values["sort_order"] = match.incoming_index + 1
        if match.code is None:
            code = next_row_code(f"{action_codes[action_id]}-T", taken)
            taken.add(code)
            new_rows.append({**values, "plan_id": plan_id, "code": code, "created_at": now})
        else:
            code = match.code
            updates.append({**values, "id": id_by_code[code]})
        codes_by_row[task.first_row] = code
    if new_rows:
        session.execute(insert(TaskRecord), new_rows)
    if updates:
        session.execute(update(TaskRecord), updates)
    for code in matches.withdrawn:
        session.execute(update(TaskRecord).where(TaskRecord.id == id_by_code[code]).values(status="withdrawn",
                                                                                           updated_at=now))
    check_cancelled(cancel)
    report(progress, len(tasks), len(tasks), "")
    return codes_by_row


def _indicator_values(indicator, action_id: int, source_id: int, now: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "action_id": action_id, "source_id": source_id, "serial_label": indicator.serial_label,
        "area": indicator.area, "name": indicator.name, "name_text": indicator.name_text, "unit": indicator.unit,
        "nature": indicator.nature, "baseline_text": indicator.baseline_text,
        "baseline_value": indicator.baseline_value, "baseline_year": indicator.baseline_year,
        "baseline_note": indicator.baseline_note, "note": indicator.note, "source_sheet": indicator.sheet,
        "source_first_row": indicator.first_row, "source_last_row": indicator.last_row,
        "source_range": indicator.source_range, "source_cells": list(indicator.source_cells),
        "flags": list(indicator.flags), "content_hash": indicator.content_hash, "status": "active",
        "updated_at": now,
    }


def _write_indicators(session, plan_id, source_id, action_ids, preview, matches, now, progress, cancel, prefix):  # type: ignore[no-untyped-def]
    indicators = preview.parsed.indicators
    taken = set(session.scalars(select(IndicatorRecord.code).where(IndicatorRecord.plan_id == plan_id)))
    codes_by_row = {}
    for count, match in enumerate(matches.matches):
        if count % PROGRESS_EVERY == 0:
            check_cancelled(cancel)
            report(progress, count, len(indicators), "写入指标")
        indicator = indicators[match.incoming_index]
        values = _indicator_values(indicator, action_ids[indicator.action_key], source_id, now)
        values["sort_order"] = match.incoming_index + 1
        if match.code is None:
            code = next_row_code(prefix + "I", taken)
            taken.add(code)
            record = IndicatorRecord(plan_id=plan_id, code=code, created_at=now, **values)
            session.add(record)
        else:
            code = match.code
            record = session.scalars(select(IndicatorRecord).where(IndicatorRecord.plan_id == plan_id,
                                                                   IndicatorRecord.code == code)).one()
            for key, value in values.items():
                setattr(record, key, value)
        session.flush()
        _replace_targets(session, record.id, indicator.targets)
        codes_by_row[indicator.first_row] = code
    for code in matches.withdrawn:
        session.execute(update(IndicatorRecord).where(IndicatorRecord.plan_id == plan_id, IndicatorRecord.code == code)
                        .values(status="withdrawn", updated_at=now))
    report(progress, len(indicators), len(indicators), "")
    return codes_by_row


def _replace_targets(session: Session, indicator_id: int, targets: tuple[tuple[int, str], ...]) -> None:
    current = {t.year: t for t in session.scalars(select(IndicatorTargetRecord)
                                                  .where(IndicatorTargetRecord.indicator_id == indicator_id))}
    for year, text in targets:
        record = current.pop(year, None)
        if record is None:
            session.add(IndicatorTargetRecord(indicator_id=indicator_id, year=year, text=text, parsed=None))
        elif record.text != text:
            record.text, record.parsed = text, None  # the targets module re-parses lazily
    for stale in current.values():
        session.delete(stale)
