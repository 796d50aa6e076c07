"""Compare a database's schema (sqlite_master: tables, indexes, triggers, views) with the one hpdesk's migrations
create for its revision, so a database carrying anything hpdesk did not make (a trigger that rewrites reports on
every edit, an extra view or index, a changed table) is recognised before it is trusted.

The expected schema is made by running the real migrations into a fresh temporary database (once per revision and
process); nothing is hand-maintained. SQL text is compared with whitespace and identifier quoting normalised, so
two SQLAlchemy versions rendering the same DDL slightly differently still agree.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from hpdesk.storage.database import create_sqlite_engine
from hpdesk.storage.migrate import alembic_config


@dataclass(frozen=True, order=True)
class SchemaObject:
    kind: str  # table | index | trigger | view
    name: str
    table: str
    sql: str

    def describe(self) -> str:
        return f"{self.kind} {self.name}"


def _normalise(sql: str | None) -> str:
    text = re.sub(r'["`\[\]]', "", sql or "")
    return re.sub(r"\s+", " ", text).strip().lower()


def schema_objects(connection: sqlite3.Connection) -> frozenset[SchemaObject]:
    """Every schema object except SQLite's own (sqlite_sequence, sqlite_stat*, automatic indexes)."""
    rows = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    ).fetchall()
    return frozenset(SchemaObject(kind, name, table, _normalise(sql)) for kind, name, table, sql in rows)


@lru_cache(maxsize=4)
def expected_schema(migrations_dir: Path, revision: str) -> frozenset[SchemaObject]:
    """The schema hpdesk's migrations create up to `revision` (alembic_version included)."""
    from alembic import command  # only when a schema is compared: `hpdesk info` must not pay for importing Alembic

    with tempfile.TemporaryDirectory(prefix="hpdesk-schema-") as scratch:
        db_file = Path(scratch) / "expected.sqlite"
        engine = create_sqlite_engine(db_file, enforce_foreign_keys=False, transactional_ddl=True)
        try:
            with engine.begin() as connection:
                config = alembic_config(migrations_dir)
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        finally:
            engine.dispose()
        reader = sqlite3.connect(db_file)
        try:
            return schema_objects(reader)
        finally:
            reader.close()


@dataclass(frozen=True)
class SchemaDifference:
    unexpected: tuple[SchemaObject, ...]  # present but not made by hpdesk, or made differently
    missing: tuple[SchemaObject, ...]

    @property
    def clean(self) -> bool:
        return not self.unexpected and not self.missing

    def describe(self, limit: int = 5) -> str:
        parts = [f"多出 {item.describe()}" for item in self.unexpected[:limit]]
        parts += [f"缺少 {item.describe()}" for item in self.missing[:limit]]
        return "；".join(parts)


def compare_schema(connection: sqlite3.Connection, migrations_dir: Path, revision: str) -> SchemaDifference:
    actual = schema_objects(connection)
    expected = expected_schema(migrations_dir, revision)
    return SchemaDifference(tuple(sorted(actual - expected)), tuple(sorted(expected - actual)))
