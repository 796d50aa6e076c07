"""Copy every row of a workspace database into another one, between SQLite and PostgreSQL in either direction
(issue 17: `migrate-to-postgresql`, and backups of a shared workspace that restore into either back end).

Rows are copied verbatim through the ORM's tables (ids, hashes, JSON documents, dates), parents before children, in
the caller's transaction on the target, so the audit chain and its seal arrive intact or not at all. On PostgreSQL
each id sequence is then moved past the largest copied id (explicit ids do not advance a sequence).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, Integer, Table, func, select, text
from sqlalchemy.exc import DataError

from hpdesk.storage.database import create_sqlite_engine
from hpdesk.storage.migrate import upgrade_to_latest
from hpdesk.storage.records import Base

BATCH_ROWS = 1000


class RowDoesNotFit(Exception):
    """A value the source accepted is refused by the target (PostgreSQL enforces String(n) lengths)."""

    def __init__(self, table: str, row_id: object, detail: str) -> None:
        self.table, self.row_id, self.detail = table, row_id, detail
        super().__init__(f"{table} row {row_id}: {detail}")


@dataclass(frozen=True)
class CopyResult:
    rows_per_table: dict[str, int]


def workspace_tables() -> list[Table]:
    """Every table of the data model, parents first."""
    return list(Base.metadata.sorted_tables)


def count_rows(connection: Connection) -> dict[str, int]:
    return {table.name: connection.scalar(select(func.count()).select_from(table)) or 0
            for table in workspace_tables()}


def _batches(source: Connection, table: Table) -> Iterator[list[dict[str, object]]]:
    order = list(table.primary_key.columns)
    result = source.execution_options(yield_per=BATCH_ROWS).execute(select(table).order_by(*order))
    for partition in result.mappings().partitions(BATCH_ROWS):
        yield [dict(row) for row in partition]


def copy_rows(source: Connection, target: Connection) -> CopyResult:
    """Insert every row of `source` into the (empty) tables of `target`; raises RowDoesNotFit naming the row."""
    copied: dict[str, int] = {}
    for table in workspace_tables():
        count = 0
        for rows in _batches(source, table):
            try:
                with target.begin_nested():
                    target.execute(table.insert(), rows)
            except DataError:
                _find_misfit(target, table, rows)
                raise
            count += len(rows)
        copied[table.name] = count
    if target.dialect.name == "postgresql":
        advance_sequences(target)
    return CopyResult(copied)


def _find_misfit(target: Connection, table: Table, rows: list[dict[str, object]]) -> None:
    """Insert `rows` one at a time (each rolled back) to name the first one the target refuses."""
    for row in rows:
        try:
            with target.begin_nested() as probe:
                target.execute(table.insert(), [row])
                probe.rollback()
        except DataError as error:
            detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
            raise RowDoesNotFit(table.name, row.get("id", row.get("key")), detail) from None


def advance_sequences(connection: Connection) -> None:
    """Move each serial id's sequence past the largest id in its table (PostgreSQL)."""
    for table in workspace_tables():
        key = table.primary_key.columns.get("id")
        if key is None or not isinstance(key.type, Integer):
            continue
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"coalesce((SELECT max(id) FROM \"{table.name}\"), 0) + 1, false)"))


def delete_all_rows(connection: Connection) -> None:
    """Empty every table, children first (restoring a backup into a shared database)."""
    for table in reversed(workspace_tables()):
        connection.execute(table.delete())


def write_sqlite_copy(source: Engine, target_file: Path, migrations_dir: Path) -> CopyResult:
    """A new SQLite database at `target_file`, migrated to head, holding every row of `source` (a shared workspace's
    PostgreSQL database, itself at head) as one consistent snapshot (REPEATABLE READ): the portable backup that
    restores into either back end."""
    upgrade_to_latest(target_file, migrations_dir, target_file.parent)
    engine = create_sqlite_engine(target_file)
    try:
        with source.connect().execution_options(isolation_level="REPEATABLE READ") as reading, \
                reading.begin(), engine.begin() as writing:
            return copy_rows(reading, writing)
    finally:
        engine.dispose()


def replace_all_rows(source_file: Path, target: Connection) -> CopyResult:
    """Empty every table of `target` (a shared workspace's database, in the caller's transaction) and fill it with
    the rows of the SQLite database `source_file` (a restored backup, at head)."""
    engine = create_sqlite_engine(source_file)
    try:
        with engine.connect() as reading:
            delete_all_rows(target)
            return copy_rows(reading, target)
    finally:
        engine.dispose()
