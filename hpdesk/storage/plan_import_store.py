"""The plan import's statements inside the caller's unit of work: the reads that match a parsed table against what
the workspace holds, and the writes of `write_import` — plan, source sheet, remembered mapping, actions, task or
indicator rows (bulk Core statements: a 20,000-row table is one executemany, not 20,000 ORM objects), withdrawn
rows and action status. The audit event, progress and cancel are the service's (services.importing.plan_import).

Rules that keep county data attached: rows are only inserted or updated, never deleted; a vanished row becomes
`withdrawn`; a row that comes back is matched to its old code and becomes `active` again. Indicator targets are the
city's own data and are replaced per year.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from json.encoder import encode_basestring_ascii  # the C encoder json.dumps uses
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from sqlalchemy import JSON, bindparam, delete, exists, func, insert, select, update
from sqlalchemy.orm import Session

from hpdesk.domain.plan_codes import CodeAllocator, ExistingAction, MatchResult, action_code
from hpdesk.domain.plan_table import ParsedAction, ParsedTable
from hpdesk.domain.table_layout import ColumnMapping, TableLayout, UnknownField
from hpdesk.domain.task_text import TEXT_FIELDS
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    ActionRecord, ColumnMappingRecord, IndicatorRecord, IndicatorTargetRecord, PlanRecord,
    PlanSourceRecord, TaskRecord,
)

BATCH_ROWS = 2000  # cancel is checked and progress reported between batches

# Called before each batch with (rows done, rows in all, progress code) and once at the end with (all, all, "");
# it may raise to cancel (the unit of work then rolls back).
Step = Callable[[int, int, str], None]


@dataclass(frozen=True)
class TableToWrite:
    """What `write_import` writes: the analysed table and what it was matched against (from the ImportPreview)."""

    parsed: ParsedTable
    matches: MatchResult
    action_codes: Mapping[str, str | None]
    plan_code: str
    plan_title: str
    file_name: str
    file_sha256: str
    sheet: str
    layout: TableLayout
    manual_mapping: ColumnMapping | None  # the clerk's mapping, remembered for this layout


def rows_of(kind: str) -> type[TaskRecord] | type[IndicatorRecord]:
    return TaskRecord if kind == "tasks" else IndicatorRecord


# --- reads: what the analysis and the staleness check compare against ---

def remembered_mappings(session: Session) -> dict[str, ColumnMapping]:
    """layout signature → the mapping a clerk gave for it (ones naming fields this version does not know skipped)."""
    remembered = {}
    for record in session.scalars(select(ColumnMappingRecord)):
        try:
            remembered[record.layout_signature] = ColumnMapping.from_strings(record.column_fields)
        except UnknownField:
            continue  # a mapping saved by a newer hpdesk with fields this one does not know
    return remembered


def plan_by_code(session: Session, code: str) -> PlanRecord | None:
    return session.scalars(select(PlanRecord).where(PlanRecord.code == code)).first()


def only_plan_without(session: Session, kind: str) -> PlanRecord | None:
    """The workspace's only plan when it has no `kind` rows yet; else None."""
    plans = session.scalars(select(PlanRecord).limit(2)).all()
    if len(plans) != 1:
        return None
    record = rows_of(kind)
    has_kind = session.scalar(select(func.count()).select_from(record).where(record.plan_id == plans[0].id))
    return None if has_kind else plans[0]


def existing_actions(session: Session, plan_id: int) -> list[ExistingAction]:
    """The plan's actions in the city's order, as the domain's matcher takes them."""
    return [ExistingAction(record.code, record.number, record.title)
            for record in session.scalars(select(ActionRecord).where(ActionRecord.plan_id == plan_id)
                                          .order_by(ActionRecord.sort_order, ActionRecord.id))]


def action_codes_by_id(session: Session, plan_id: int) -> dict[int, str]:
    return dict(session.execute(select(ActionRecord.id, ActionRecord.code)
                                .where(ActionRecord.plan_id == plan_id)).all())


def stored_rows(session: Session, kind: str, plan_id: int) -> Sequence[Any]:
    """(id, code, action_id, content_hash) of the plan's task or indicator rows, withdrawn ones included, in order."""
    record = rows_of(kind)
    return session.execute(select(record.id, record.code, record.action_id, record.content_hash)
                           .where(record.plan_id == plan_id).order_by(record.sort_order, record.id)).all()


def text_fields(session: Session, kind: str, ids: list[int], names: Sequence[str]) -> dict[int, dict[str, str]]:
    """The `names` columns of the given rows by id (in chunks: SQLite limits bound parameters)."""
    record = rows_of(kind)
    fields: dict[int, dict[str, str]] = {}
    for start in range(0, len(ids), 900):
        statement = select(record.id, *(getattr(record, name) for name in names)) \
            .where(record.id.in_(ids[start:start + 900]))
        for row in session.execute(statement):
            fields[row.id] = {name: getattr(row, name) for name in names}
    return fields


# --- writes ---

def write_import(session: Session, incoming: TableToWrite, plan: PlanRecord | None,
                 step: Step) -> tuple[int, dict[int, str]]:
    """Write the previewed table; (plan id, first sheet row of each imported row → its code)."""
    now = now_iso()
    plan = _plan(session, incoming, plan, now)
    source_id = _source(session, plan.id, incoming, now)
    if incoming.manual_mapping is not None:
        _remember_mapping(session, incoming.layout.signature, incoming.parsed.kind, incoming.manual_mapping, now)
    prefix = _code_prefix(session, plan.id)
    action_ids = _write_actions(session, plan.id, incoming, prefix)
    if incoming.parsed.kind == "tasks":
        codes_by_row = _write_tasks(session, plan.id, source_id, action_ids, incoming, prefix, now, step)
    else:
        codes_by_row = _write_indicators(session, plan.id, source_id, action_ids, incoming, prefix, now, step)
    _refresh_action_status(session, plan.id)
    return plan.id, codes_by_row


def _plan(session: Session, incoming: TableToWrite, plan: PlanRecord | None, now: str) -> PlanRecord:
    heading = incoming.parsed.heading
    if plan is None:
        plan = PlanRecord(code=incoming.plan_code, title=incoming.plan_title, created_at=now, updated_at=now)
        session.add(plan)
    if heading is not None:  # fill what the plan does not know yet; never overwrite what the clerk may have edited
        plan.doc_number = plan.doc_number or heading.doc_number
        plan.issuer = plan.issuer or heading.issuer
        plan.issued_on = plan.issued_on or heading.issued_on
        plan.span_start = plan.span_start or heading.span_start
        plan.span_end = plan.span_end or heading.span_end
    plan.updated_at = now
    session.flush()
    return plan


def _source(session: Session, plan_id: int, incoming: TableToWrite, now: str) -> int:
    session.execute(update(PlanSourceRecord).where(PlanSourceRecord.plan_id == plan_id,
                                                   PlanSourceRecord.table_kind == incoming.parsed.kind)
                    .values(is_current=False))
    source = PlanSourceRecord(
        plan_id=plan_id, table_kind=incoming.parsed.kind, file_name=incoming.file_name,
        file_sha256=incoming.file_sha256,
        sheet_name=incoming.sheet, layout_signature=incoming.layout.signature,
        header_rows=[list(row) for row in incoming.layout.header_rows],
        column_fields=incoming.layout.mapping.as_strings(), imported_at=now, is_current=True,
    )
    session.add(source)
    session.flush()
    return source.id


def _remember_mapping(session: Session, signature: str, kind: str, mapping: ColumnMapping, now: str) -> None:
    fields = mapping.as_strings()
    existing = session.scalars(select(ColumnMappingRecord).where(
        ColumnMappingRecord.layout_signature == signature)).first()
    if existing is None:
        session.add(ColumnMappingRecord(layout_signature=signature, table_kind=kind, column_fields=fields,
                                        created_at=now))
    else:
        existing.column_fields = fields
        existing.table_kind = kind


def _code_prefix(session: Session, plan_id: int) -> str:
    """Codes are unique in the workspace: the first plan's are short (A01-T001, I001), later plans' get 'P<n>-'."""
    first_plan = session.scalar(select(PlanRecord.id).order_by(PlanRecord.id).limit(1))
    return "" if first_plan == plan_id else f"P{plan_id}-"


def _write_actions(session: Session, plan_id: int, incoming: TableToWrite, prefix: str) -> dict[str, int | None]:
    """Action id per parsed action key. A task table names and titles actions: new ones are created, retitled ones
    renamed. An indicator table's areas attach to existing actions; a numbered area with no action yet creates one,
    an unnumbered area ('健康水平') stays text on its indicators."""
    records = {record.code: record for record in
               session.scalars(select(ActionRecord).where(ActionRecord.plan_id == plan_id))}
    allocator = CodeAllocator(records)
    ids: dict[str, int | None] = {}
    for ordinal, action in enumerate(incoming.parsed.actions, start=1):
        code = incoming.action_codes.get(action.key)
        record = records.get(code) if code else None
        if record is not None:
            if incoming.parsed.kind == "tasks":
                _retitle(record, action)
        elif incoming.parsed.kind == "indicators" and action.number is None:
            ids[action.key] = None
            continue
        else:
            wanted = prefix + action_code(action.number, ordinal)
            new_code = wanted if allocator.take(wanted) else allocator.next(prefix + "AX")
            record = ActionRecord(plan_id=plan_id, code=new_code, number=action.number,
                                  number_label=action.number_label, title=action.title,
                                  sort_order=action.number or 100 + ordinal, status="active")
            session.add(record)
            records[new_code] = record
        session.flush()
        ids[action.key] = record.id
    return ids


def _retitle(record: ActionRecord, action: ParsedAction) -> None:
    if action.title and record.title != action.title:
        record.title = action.title
    if action.number_label and record.number_label != action.number_label:
        record.number_label = action.number_label
    if action.number is not None and record.number != action.number:
        record.number = action.number
        record.sort_order = action.number


def _insert_rows(session: Session, table: Any, names: Sequence[str], rows: list[tuple[Any, ...]], step: Step,
                 code: str, total: int) -> None:
    """INSERT many rows (values in the order of `names`) through the DBAPI cursor's executemany, values converted by
    each column's own bind processor (JSON columns as SQLAlchemy would write them). SQLAlchemy's per-row parameter
    handling would cost more than SQLite itself on a 20,000-row table."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name != "sqlite":  # PostgreSQL: Core's executemany (psycopg batches it); the raw SQL below is SQLite's
        for start in range(0, len(rows), BATCH_ROWS):
            step(start, total, code)
            session.execute(insert(table), [dict(zip(names, row)) for row in rows[start:start + BATCH_ROWS]])
        return
    defaults = _column_defaults(table, names)
    if defaults:
        names, extra = [*names, *defaults], tuple(defaults.values())
        rows = [row + extra for row in rows]
    converted = [(index, _fast_json(processor) if isinstance(table.c[name].type, JSON) else processor)
                 for index, name in enumerate(names)
                 if (processor := table.c[name].type.bind_processor(dialect)) is not None]
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"
    connection = session.connection()
    for start in range(0, len(rows), BATCH_ROWS):
        step(start, total, code)
        # column by column: only JSON (and the like) need converting, one map over the column each, no Python
        # loop per row; zip turns the columns back into the rows the driver binds
        columns = list(zip(*rows[start:start + BATCH_ROWS]))
        for index, processor in converted:
            columns[index] = tuple(map(processor, columns[index]))
        connection.exec_driver_sql(sql, list(zip(*columns)))


def _fast_json(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A JSON column's bind processor with a fast path for what import rows hold (lists of strings: source cells,
    flags; tuples of strings: departments): the same text json.dumps writes ('["A5", "B5"]', ASCII-escaped, a tuple
    as a list), built from the C string encoder. A tuple's text is remembered: a 20,000-row table names a few
    hundred department lists. Anything else goes to SQLAlchemy's processor. Four JSON columns per row made
    json.dumps a tenth of a large import."""
    remembered: dict[tuple[Any, ...], str] = {}

    def process(value: Any) -> Any:
        if type(value) is tuple:
            text = remembered.get(value)
            if text is None:
                text = remembered[value] = process(list(value))
            return text
        if type(value) is list:
            try:
                return "[" + ", ".join(map(encode_basestring_ascii, value)) + "]"
            except TypeError:  # an item that is not a string (the C encoder takes only str)
                pass
        return processor(value)

    return process


def _column_defaults(table: Any, given: Sequence[str]) -> dict[str, Any]:
    """Values of the columns' Python-side defaults (`default=""`, `default=list`) for columns the rows leave out:
    a raw INSERT does not apply them."""
    defaults = {}
    for column in table.columns:
        if column.name in given or column.default is None or column.primary_key:
            continue
        default = column.default
        defaults[column.name] = default.arg(None) if default.is_callable else default.arg
    return defaults


def _update_rows(session: Session, table: Any, rows: list[dict[str, Any]], step: Step, code: str, done_before: int,
                 total: int) -> None:
    """UPDATE … WHERE id = :row_id for each row dict (which holds 'row_id' and the new values)."""
    if not rows:
        return
    columns = [name for name in rows[0] if name != "row_id"]
    statement = update(table).where(table.c.id == bindparam("row_id")).values(
        {name: bindparam(f"v_{name}") for name in columns})
    for start in range(0, len(rows), BATCH_ROWS):
        step(done_before + start, total, code)
        session.execute(statement, [{"row_id": row["row_id"], **{f"v_{name}": row[name] for name in columns}}
                                    for row in rows[start:start + BATCH_ROWS]])


# Fields that change when only the row's place changed (re-ordered, moved down by an inserted row, re-flagged).
PLACE_FIELDS = ("action_id", "sort_order", "source_first_row", "source_last_row", "source_range", "flags", "status")


def _write_rows(session: Session, record: Any, plan_id: int, source_id: int, incoming: TableToWrite,
                columns: Sequence[str], row_for: Any, new_code_for: Any, now: str, step: Step,
                code: str) -> dict[int, str]:
    """Insert new rows, update changed ones, touch unchanged ones only where their place differs, withdraw the
    vanished ones; every active row then points at this import's source. `row_for(item, sort_order)` gives the
    values of `columns` as a tuple: a new row is inserted as that tuple, only a matched row becomes a dict."""
    table = record.__table__
    stored = {row.code: row for row in session.execute(
        select(table.c.id, table.c.code, *(table.c[name] for name in PLACE_FIELDS))
        .where(table.c.plan_id == plan_id))}
    rows = incoming.parsed.rows
    new_rows, updated_rows, codes_by_row = [], [], {}
    for match in incoming.matches.matches:
        row = rows[match.incoming_index]
        values = row_for(row, match.incoming_index + 1)
        if match.code is None:
            row_code = new_code_for(row)
            new_rows.append((*values, plan_id, row_code, now, source_id))
        else:
            row_code = match.code
            before = stored[row_code]
            fields = dict(zip(columns, values))
            if match.state == "changed":
                updated_rows.append({"row_id": before.id, **fields})
            elif any(getattr(before, name) != fields[name] for name in PLACE_FIELDS):
                updated_rows.append({"row_id": before.id, **{name: fields[name] for name in PLACE_FIELDS},
                                     "updated_at": now})
        codes_by_row[row.first_row] = row_code  # not `code`: that is the progress step's, reported below
    total = len(new_rows) + len(updated_rows)
    _insert_rows(session, table, (*columns, "plan_id", "code", "created_at", "source_id"), new_rows, step, code,
                 total)
    full = [row for row in updated_rows if "content_hash" in row]
    place_only = [row for row in updated_rows if "content_hash" not in row]
    _update_rows(session, table, full, step, code, len(new_rows), total)
    _update_rows(session, table, place_only, step, code, len(new_rows) + len(full), total)
    if incoming.matches.withdrawn:
        session.execute(update(table).where(table.c.plan_id == plan_id, table.c.code.in_(incoming.matches.withdrawn))
                        .values(status="withdrawn", updated_at=now))
    # rows inserted above already point at this source: only the older active rows are rewritten (a first import
    # of 20,000 rows would otherwise write every row, and its source_id index entry, a second time); with no older
    # rows there is nothing to rewrite, and the statement would still read every new row to find that out
    if stored:
        session.execute(update(table).where(table.c.plan_id == plan_id, table.c.status == "active",
                                            table.c.source_id.is_distinct_from(source_id))
                        .values(source_id=source_id))
    step(total, total, "")
    return codes_by_row


_TEXTS_OF = attrgetter(*TEXT_FIELDS)  # a TaskText's fields in one C call, not a dict built per row


# The columns an import writes for a task row, in the order `_task_row` gives their values.
_TASK_COLUMNS = ("action_id", "sort_order", "serial_label", *TEXT_FIELDS, "lead_departments", "responsible_departments",
                 "falls_to_county", "cadence", "source_sheet", "source_first_row", "source_last_row", "source_range",
                 "source_cells", "flags", "content_hash", "status", "updated_at")


def _task_row(task: Any, action_id: int | None, sort_order: int, now: str) -> tuple[Any, ...]:
    responsibility = task.responsibility
    return (action_id, sort_order, task.serial_label, *_TEXTS_OF(task.text),
            # tuples, written as JSON lists: rows share them (parsed once per distinct cell), so their text is too
            responsibility.leads, responsibility.responsible, responsibility.falls_to_county, task.cadence,
            task.sheet, task.first_row, task.last_row, task.source_range, list(task.source_cells), list(task.flags),
            task.content_hash, "active", now)


def _write_tasks(session: Session, plan_id: int, source_id: int, action_ids: dict[str, int | None],
                 incoming: TableToWrite, prefix: str, now: str, step: Step) -> dict[int, str]:
    action_code_by_id = action_codes_by_id(session, plan_id)
    allocator = CodeAllocator(session.scalars(select(TaskRecord.code).where(TaskRecord.plan_id == plan_id)))

    def row_for(task: Any, sort_order: int) -> tuple[Any, ...]:
        return _task_row(task, action_ids.get(task.action_key), sort_order, now)

    def new_code_for(task: Any) -> str:
        action_id = action_ids.get(task.action_key)
        base = action_code_by_id[action_id] if action_id else prefix.rstrip("-")  # A03 / P2-A03 / '' / P2
        return allocator.next(f"{base}-T" if base else "T")

    return _write_rows(session, TaskRecord, plan_id, source_id, incoming, _TASK_COLUMNS, row_for, new_code_for, now,
                       step, "progress_import_writing_tasks")


# The columns an import writes for an indicator row, in the order `_indicator_row` gives their values.
_INDICATOR_COLUMNS = ("action_id", "sort_order", "serial_label", "area", "name", "name_text", "unit", "nature",
                      "baseline_text", "baseline_value", "baseline_year", "baseline_note", "note", "source_sheet",
                      "source_first_row", "source_last_row", "source_range", "source_cells", "flags", "content_hash",
                      "status", "updated_at")


def _indicator_row(indicator: Any, action_id: int | None, sort_order: int, now: str) -> tuple[Any, ...]:
    return (action_id, sort_order, indicator.serial_label, indicator.area, indicator.name, indicator.name_text,
            indicator.unit, indicator.nature, indicator.baseline_text, indicator.baseline_value,
            indicator.baseline_year, indicator.baseline_note, indicator.note, indicator.sheet, indicator.first_row,
            indicator.last_row, indicator.source_range, list(indicator.source_cells), list(indicator.flags),
            indicator.content_hash, "active", now)


def _write_indicators(session: Session, plan_id: int, source_id: int, action_ids: dict[str, int | None],
                      incoming: TableToWrite, prefix: str, now: str, step: Step) -> dict[int, str]:
    allocator = CodeAllocator(session.scalars(select(IndicatorRecord.code)
                                              .where(IndicatorRecord.plan_id == plan_id)))

    def row_for(indicator: Any, sort_order: int) -> tuple[Any, ...]:
        return _indicator_row(indicator, action_ids.get(indicator.action_key), sort_order, now)

    codes_by_row = _write_rows(session, IndicatorRecord, plan_id, source_id, incoming, _INDICATOR_COLUMNS, row_for,
                               lambda _indicator: allocator.next(prefix + "I"), now, step,
                               "progress_import_writing_indicators")
    id_by_code = dict(session.execute(select(IndicatorRecord.code, IndicatorRecord.id)
                                      .where(IndicatorRecord.plan_id == plan_id)).all())
    _replace_targets(session, {id_by_code[codes_by_row[indicator.first_row]]: indicator.targets
                               for indicator in incoming.parsed.indicators})
    return codes_by_row


def _replace_targets(session: Session, targets_by_indicator: dict[int, tuple[tuple[int, str], ...]]) -> None:
    """Per indicator and year: insert, update the text (dropping the cached parse), or delete a year the city
    dropped. Targets are the city's data; county values hang off the indicator, not the target."""
    table = IndicatorTargetRecord.__table__
    current: dict[tuple[int, int], tuple[int, str]] = {}
    for row in session.execute(select(table.c.id, table.c.indicator_id, table.c.year, table.c.text)
                               .where(table.c.indicator_id.in_(list(targets_by_indicator)))):
        current[(row.indicator_id, row.year)] = (row.id, row.text)
    inserts, changes = [], []
    for indicator_id, targets in targets_by_indicator.items():
        for year, text in dict(targets).items():  # a year given twice: the later column wins
            existing = current.pop((indicator_id, year), None)
            if existing is None:
                inserts.append({"indicator_id": indicator_id, "year": year, "text": text, "parsed": None})
            elif existing[1] != text:
                changes.append({"row_id": existing[0], "text": text, "parsed": None})
    if inserts:
        session.execute(insert(table), inserts)
    if changes:
        _update_rows(session, table, changes, lambda _done, _total, _code: None, "", 0, 0)
    if current:
        session.execute(delete(table).where(table.c.id.in_([target_id for target_id, _text in current.values()])))


def _refresh_action_status(session: Session, plan_id: int) -> None:
    """An action is active while it has an active task or indicator."""
    table = ActionRecord.__table__
    has_task = exists().where(TaskRecord.action_id == table.c.id, TaskRecord.status == "active")
    has_indicator = exists().where(IndicatorRecord.action_id == table.c.id, IndicatorRecord.status == "active")
    session.execute(update(table).where(table.c.plan_id == plan_id, has_task | has_indicator)
                    .values(status="active"))
    session.execute(update(table).where(table.c.plan_id == plan_id, ~(has_task | has_indicator))
                    .values(status="withdrawn"))
