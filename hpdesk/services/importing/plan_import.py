"""Import a city workbook in two phases: `analyse_workbook` (read-only preview) then `apply_import` (one transaction).

analyse: guard the file (read once; the preview's hash is of those bytes) → read sheets (calamine, one at a time,
within one cell budget, stopping at the sheet imported) → find the header and map the columns (the clerk's mapping, given or
remembered for this layout, wins) → parse rows (domain) → match actions and rows against what the workspace already
holds → ImportPreview with counts, row issues and the new/changed/unchanged/withdrawn diff. Nothing is written.

apply: inside one unit of work, match again and refuse if the workspace changed since the preview; then insert new
rows in bulk, update changed ones, mark vanished ones withdrawn (never delete: county data stays attached), record
the source sheet, remember a manual mapping, and write one audit event. Cancel or any error rolls everything back.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType

from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.grid import Grid, with_cells
from hpdesk.domain.plan_codes import (
    ExistingRow, IncomingAction, IncomingRow, MatchResult, all_new, match_actions, match_rows,
)
from hpdesk.domain.indicator_table import ParsedIndicator
from hpdesk.domain.plan_table import ParsedTable, identity_text
from hpdesk.domain.table_parsing import parse_table
from hpdesk.domain.table_layout import KNOWN_FIELDS, ColumnMapping, TableLayout, UnknownField, resolve_layout
from hpdesk.domain.task_table import ParsedTask
from hpdesk.domain.task_text import TEXT_FIELDS, TaskText
from hpdesk.services.audit import record_event
from hpdesk.services.clerks import require_reviewer
from hpdesk.services.importing.file_guard import GuardedFile, guard_workbook
from hpdesk.services.importing.report import ImportPreview, ImportReport, RowChange
from hpdesk.services.importing.workbook_reader import SheetReader, open_sheets, percent_cells
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import Workspace
from hpdesk.storage import plan_import_store as store
from hpdesk.storage.unit_store import department_aliases

__all__ = ["ImportPreview", "ImportReport", "analyse_workbook", "apply_import", "parse_column_mapping"]

register_messages({
    "progress_import_checking": ("检查文件", "Checking the file"),
    "progress_import_reading": ("读取表格", "Reading the workbook"),
    "progress_import_parsing": ("识别表头和各行", "Recognising the header and the rows"),
    "progress_import_comparing": ("与已导入的内容比较", "Comparing with what is already imported"),
    "progress_import_writing_tasks": ("写入任务", "Writing the tasks"),
    "progress_import_writing_indicators": ("写入指标", "Writing the indicators"),
})
register_messages(
    {
        "import_no_header": (
            "{file} 的工作表“{sheet}”中找不到表头（如 序号、具体任务、牵头单位、指标、目标值）。"
            "请确认这是市里的任务分解表或指标表，或在导入窗口中手动指定各列。",
            "No header row (序号, 具体任务, 牵头单位, 指标, 目标值 …) was found in sheet {sheet} of {file}. "
            "Map the columns by hand in the import dialog.",
        ),
        "import_empty_sheet": ("{file} 的工作表“{sheet}”是空的。", "Sheet {sheet} of {file} is empty."),
        "import_no_rows": (
            "{file} 的工作表“{sheet}”有表头（第 {row} 行），但表头下面没有数据行。",
            "Sheet {sheet} of {file} has a header (row {row}) but no data rows.",
        ),
        "import_mapping_wrong_width": (
            "手动指定了 {given} 列，但{file}的工作表“{sheet}”有 {width} 列。",
            "The manual mapping has {given} columns; sheet {sheet} of {file} has {width}.",
        ),
        "import_mapping_unknown_field": (
            "手动指定的列“{field}”不是可导入的字段。可用的字段：{fields}。",
            "'{field}' is not a field that can be imported. Fields: {fields}.",
        ),
        "import_preview_stale": (
            "预览之后工作区的内容已经改变（{file}）。请重新分析这个文件后再导入。",
            "The workspace changed after the preview of {file}. Analyse the file again before importing.",
        ),
    }
)

_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
INDICATOR_COMPARED_FIELDS = ("area", "name_text", "unit", "baseline_text", "nature", "note")


def parse_column_mapping(entries: Sequence[str], header_rows: Sequence[int] = ()) -> ColumnMapping:
    """The clerk's mapping from strings ('serial', 'target:2025', '' …); UserError naming an unknown field."""
    try:
        return ColumnMapping.from_strings(list(entries), header_rows)
    except UnknownField as error:
        raise UserError("import_mapping_unknown_field", field=str(error), fields="、".join(sorted(KNOWN_FIELDS))) \
            from None


def _as_mapping(mapping: ColumnMapping | Sequence[str] | None) -> ColumnMapping | None:
    if mapping is None or isinstance(mapping, ColumnMapping):
        return mapping
    return parse_column_mapping(mapping)


def _grids(reader: SheetReader, sheet: str | None) -> Iterator[Grid]:
    """The requested sheet, or the default sheets one at a time: sheets after the one imported are never read."""
    for name in [sheet] if sheet else reader.default_sheets():
        yield reader.read(name)


def _choose_sheet(
    path: Path, sheets: Iterable[Grid], explicit_sheet: bool, mapping: ColumnMapping | None,
    remembered: dict[str, ColumnMapping],
) -> tuple[Grid, TableLayout, str]:
    """The requested sheet, or the first sheet whose header is recognised; UserError naming the file and sheet."""
    seen: list[tuple[str, bool]] = []  # (sheet, is blank): the grids themselves are let go as soon as judged
    for grid in sheets:
        blank = all(row.is_blank() for row in grid.rows)
        seen.append((grid.sheet_name, blank))
        if blank:
            if explicit_sheet:
                raise UserError("import_empty_sheet", file=path.name, sheet=grid.sheet_name)
            continue
        if mapping is not None and mapping.fields and len(mapping.fields) != grid.width:
            raise UserError("import_mapping_wrong_width", given=len(mapping.fields), width=grid.width,
                            file=path.name, sheet=grid.sheet_name)
        layout, source = resolve_layout(grid, mapping, remembered)
        if layout is not None and layout.kind != "unknown":
            return grid, layout, source
        if explicit_sheet:
            break
    if all(blank for _name, blank in seen):
        raise UserError("import_empty_sheet", file=path.name, sheet="、".join(name for name, _blank in seen))
    raise UserError("import_no_header", file=path.name, sheet="、".join(name for name, blank in seen if not blank))


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Suspend automatic garbage collection while a table becomes Python objects. A 20,000-row table allocates
    a few million small objects; the collector would walk all of them over and over (about a fifth of the analyse
    time) without finding garbage. Collection resumes afterwards; nothing is leaked."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyse_workbook(
    workspace: Workspace, path: Path, sheet: str | None = None,
    mapping: ColumnMapping | Sequence[str] | None = None,
    progress: ProgressSink | None = None, cancel: CancelToken | None = None,
    *, column_fields: Sequence[str] | None = None,
) -> ImportPreview:
    """Read and understand `path` and compare it with the workspace. Read-only; raises UserError for bad input.

    `sheet` picks a sheet (default: the first visible sheet with a recognisable header). `mapping` is the clerk's
    field per column (a ColumnMapping, or strings like 'target:2025'; `column_fields` is the same as strings, as the
    import dialog's column choices give them); without it a mapping remembered for this header layout is used, else
    the header words decide. When no header can be found, a mapping applies to the first row with text.
    """
    with _no_gc_pauses():
        return _analyse(workspace, Path(path), sheet, _as_mapping(mapping if mapping is not None else column_fields),
                        progress, cancel)


def _analyse(workspace: Workspace, path: Path, sheet: str | None, column_mapping: ColumnMapping | None,
             progress: ProgressSink | None, cancel: CancelToken | None) -> ImportPreview:
    report(progress, 0, 4, "progress_import_checking")
    guarded = guard_workbook(path)  # the file is read here, once; everything below parses guarded.data
    check_cancelled(cancel)
    report(progress, 1, 4, "progress_import_reading")
    with workspace.database.read_only() as session:
        remembered = store.remembered_mappings(session)
        aliases = department_aliases(session)
    with open_sheets(guarded) as reader:
        candidates = [sheet] if sheet else reader.default_sheets()
        grid, layout, source = _choose_sheet(path, _grids(reader, sheet), sheet is not None, column_mapping,
                                             remembered)
    check_cancelled(cancel)
    if layout.kind == "indicators" and guarded.container in ("xlsx", "ods", "xls"):
        grid = _with_percentages(guarded, grid, layout)
    report(progress, 2, 4, "progress_import_parsing")
    parsed = parse_table(grid, layout, aliases, path.stem)
    if not parsed.rows:
        raise UserError("import_no_rows", file=path.name, sheet=grid.sheet_name, row=layout.data_starts_after)
    check_cancelled(cancel)
    heading = parsed.heading
    assert heading is not None
    report(progress, 3, 4, "progress_import_comparing")
    with workspace.database.read_only() as session:
        # A table named differently belongs to the workspace's only plan when that plan has no table of this kind
        # yet: a city sends its task and indicator tables with different titles ("…行动（2026—2030年）重点任务清单",
        # "…建设主要指标"); two plans would print "健康××行动、…" in the letter and file indicators under no action.
        plan = store.plan_by_code(session, heading.key) or store.only_plan_without(session, parsed.kind)
        plan_title = plan.title if plan else heading.title
        plan_code = plan.code if plan else heading.key
        action_codes = _match_actions(session, plan.id if plan else None, parsed)
        matches, ids_by_code = _match(session, plan.id if plan else None, parsed, action_codes)
        # the first import of a plan has nothing to compare with: every row is new, and the counts say so
        changes = _changes(session, parsed, matches, ids_by_code) if plan is not None else ()
    report(progress, 4, 4, "")
    return ImportPreview(
        file_path=path, file_name=path.name, file_sha256=guarded.sha256, sheet=grid.sheet_name,
        other_sheets=tuple(name for name in candidates if name != grid.sheet_name), layout=layout,
        parsed=parsed, plan_code=plan_code, plan_title=plan_title,
        existing_plan=plan is not None, matches=matches, action_codes=MappingProxyType(action_codes),
        changes=changes,
        mapping=layout.mapping if source != "detected" else None, mapping_source=source,
    )


def _with_percentages(guarded: GuardedFile, grid: Grid, layout: TableLayout) -> Grid:
    """Baseline and target cells formatted as percentages in Excel, as the clerk sees them ('27.64%', not 0.2764)."""
    columns = [index for index, role in enumerate(layout.columns) if role.field in ("baseline", "target")]
    numbers = {(row.number, column) for row in grid.rows if row.number > layout.data_starts_after
               for column in columns if _PLAIN_NUMBER.match(row.cell(column))}
    return with_cells(grid, percent_cells(guarded, grid.sheet_name, numbers))


def _match_actions(session: Session, plan_id: int | None, parsed: ParsedTable) -> dict[str, str | None]:
    existing = [] if plan_id is None else store.existing_actions(session, plan_id)
    incoming = [IncomingAction(action.key, action.number, action.title) for action in parsed.actions]
    return match_actions(existing, incoming)


def _row_group(action_key: str, action_codes: dict[str, str | None]) -> str:
    """Rows are compared within their action: the existing action's code, or the new action's own key."""
    if not action_key:
        return ""
    return action_codes.get(action_key) or f"new:{action_key}"


def _compared_fields(session: Session, kind: str, ids: list[int]) -> dict[int, dict[str, str]]:
    """The compared text fields of the given rows by id."""
    names = TEXT_FIELDS if kind == "tasks" else (*INDICATOR_COMPARED_FIELDS, "name")
    return store.text_fields(session, kind, ids, names)


def _match(
    session: Session, plan_id: int | None, parsed: ParsedTable, action_codes: dict[str, str | None]
) -> tuple[MatchResult, dict[str, int]]:
    """Match the parsed rows against the plan's rows (withdrawn ones included: a row may come back); also returns
    the ids of the existing rows by code.

    Only rows whose content differs from every incoming row need their texts read: equal content means equal
    identifying text, which keeps re-importing an unchanged 20,000-row table cheap.
    """
    if plan_id is None or not (stored := store.stored_rows(session, parsed.kind, plan_id)):
        # nothing to match against: every row is new, and no row's group or identifying text needs working out
        return all_new(len(parsed.rows)), {}
    # An indicator table's unnumbered area without an action ('健康水平') stays text on its indicators (the writer
    # makes no action for it), so its stored rows have no action: compared within the no-action group, or an
    # unchanged re-import would call them changed every time
    text_areas = {action.key for action in parsed.actions
                  if parsed.kind == "indicators" and action.number is None and action_codes.get(action.key) is None}
    groups = {key: "" if key in text_areas else _row_group(key, action_codes)
              for key in {row.action_key for row in parsed.rows}}
    incoming = [IncomingRow(groups[row.action_key], row.match_text, row.content_hash) for row in parsed.rows]
    action_code_by_id = store.action_codes_by_id(session, plan_id)
    identity_by_hash = {row.content_hash: row.match_text for row in parsed.rows}
    fields = _compared_fields(session, parsed.kind, [row.id for row in stored
                                                     if row.content_hash not in identity_by_hash])
    existing = []
    for row in stored:
        identity = identity_by_hash.get(row.content_hash)
        if identity is None:
            values = fields[row.id]
            identity = TaskText(**values).identity if parsed.kind == "tasks" else identity_text(values["name"])
        existing.append(ExistingRow(row.code, action_code_by_id.get(row.action_id) or "", identity, row.content_hash))
    return match_rows(existing, incoming), {row.code: row.id for row in stored}


def _changes(session: Session, parsed: ParsedTable, matches: MatchResult,
             ids_by_code: dict[str, int]) -> tuple[RowChange, ...]:
    """The diff the clerk sees: new, changed (with the fields that differ) and withdrawn rows."""
    wanted = [ids_by_code[match.code] for match in matches.matches if match.state == "changed" and match.code] + \
        [ids_by_code[code] for code in matches.withdrawn]
    before_by_id = _compared_fields(session, parsed.kind, wanted)
    changes = []
    for match in matches.matches:
        if match.state == "unchanged":
            continue
        row = parsed.rows[match.incoming_index]
        before = before_by_id.get(ids_by_code.get(match.code or "", -1), {})
        differing = _differing(before, row) if before else ()
        if match.state == "changed" and not differing:
            differing = ("action",)  # same texts, another action (or a withdrawn row that came back)
        changes.append(RowChange(match.state, match.code, row.sheet, row.first_row, row.label, differing))
    for code in matches.withdrawn:
        before = before_by_id.get(ids_by_code[code], {})
        label = TaskText(**before).label if parsed.kind == "tasks" else before.get("name_text") or before.get("name", "")
        changes.append(RowChange("withdrawn", code, "", None, label))
    return tuple(changes)


def _differing(before: dict[str, str], row: ParsedTask | ParsedIndicator) -> tuple[str, ...]:
    """The compared fields in which the stored row (`before`) and the parsed row differ."""
    if isinstance(row, ParsedTask):
        return TaskText(**before).differing(row.text)
    return tuple(name for name in INDICATOR_COMPARED_FIELDS if before.get(name, "") != getattr(row, name))


def apply_import(
    workspace: Workspace, preview: ImportPreview, progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Write the previewed import in one transaction. Cancel (OperationCancelled) or any error rolls it all back;
    UserError('import_preview_stale') when the workspace changed since `analyse_workbook`; on a shared workspace
    `workspace_operation_busy` while another clerk runs an import, restore, lock or export."""
    with workspace.exclusive("import"), _no_gc_pauses(), workspace.database.unit_of_work() as session:
        require_reviewer(session, workspace.actor, "import")  # it adds, changes and withdraws the office's tasks
        plan = store.plan_by_code(session, preview.plan_code)
        if (plan is not None) != preview.existing_plan:
            raise UserError("import_preview_stale", file=preview.file_name)
        # With no plan, then or now, matching again would only repeat the preview's own arithmetic on the same
        # parsed rows (every action and row new, nothing stored to differ); with one, the stored rows may have moved.
        if plan is not None:
            action_codes = _match_actions(session, plan.id, preview.parsed)
            matches, _ids = _match(session, plan.id, preview.parsed, action_codes)
            if matches != preview.matches or action_codes != dict(preview.action_codes):
                raise UserError("import_preview_stale", file=preview.file_name)
        check_cancelled(cancel)

        def step(done: int, total: int, code: str) -> None:
            check_cancelled(cancel)
            report(progress, done, total, code)

        table = store.TableToWrite(
            preview.parsed, preview.matches, preview.action_codes, preview.plan_code, preview.plan_title,
            preview.file_name, preview.file_sha256, preview.sheet, preview.layout,
            preview.mapping if preview.mapping_source == "manual" else None)
        plan_id, codes_by_row = store.write_import(session, table, plan, step)
        _record_import(session, workspace.actor, preview, plan_id)
    matches = preview.matches  # equal to what was matched again above
    return ImportReport(preview, plan_id, matches.count("new"), matches.count("changed"),
                        matches.count("unchanged"), len(matches.withdrawn), MappingProxyType(codes_by_row))


def _record_import(session: Session, actor: str, preview: ImportPreview, plan_id: int) -> None:
    counts = preview.counts()
    record_event(
        session, actor=actor, action="import", entity_type="plan", entity_id=plan_id,
        summary=f"导入{'任务表' if preview.kind == 'tasks' else '指标表'}：{preview.file_name}（{preview.sheet}）",
        after={"file": preview.file_name, "sha256": preview.file_sha256, "sheet": preview.sheet,
               "kind": preview.kind, "layout_signature": preview.layout.signature,
               **{key: counts[key] for key in ("actions", "tasks", "indicators", "new", "changed", "unchanged",
                                               "withdrawn")},
               "withdrawn_codes": list(preview.matches.withdrawn)},
    )

