"""Compare a database's schema (sqlite_master: tables, indexes, triggers, views) with the one hpdesk's migrations
create for its revision, so a database carrying anything hpdesk did not make (a trigger that rewrites reports on
every edit, an extra view or index, a changed table) is recognised before it is trusted.

The expected schema is made by running the real migrations into a fresh temporary database (once per revision and
process); nothing is hand-maintained. SQL text is compared with whitespace and identifier quoting normalised, so
two SQLAlchemy versions rendering the same DDL slightly differently still agree.

Importing Alembic and running every migration costs about a second, most of a small workspace's `hpdesk check`. So
the schema the migrations made is also kept as a snapshot beside them (migrations/schema/<revision>.json, written by
scripts/schema_snapshot.py), stamped with a fingerprint of what made it: the text of env.py and of every revision
file, and the SQLAlchemy and Alembic versions. A snapshot is used only while its fingerprint is the current one; a
new or edited revision file, or another library version, makes it stale and the migrations run as before.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import sqlalchemy

from hpdesk.storage.database import create_sqlite_engine
from hpdesk.storage.migrate import alembic_config

SNAPSHOT_FOLDER = "schema"


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
    """The schema hpdesk's migrations create up to `revision` (alembic_version included): from the current
    snapshot when there is one, else by running the migrations."""
    snapshot = read_snapshot(migrations_dir, revision)
    return snapshot if snapshot is not None else migrated_schema(migrations_dir, revision)


def migrated_schema(migrations_dir: Path, revision: str) -> frozenset[SchemaObject]:
    """The schema left by running the migrations up to `revision` in a fresh temporary database."""
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


def migrations_fingerprint(migrations_dir: Path) -> str:
    """SHA-256 over everything the migrated schema depends on: env.py, every revision file (name and text), and the
    SQLAlchemy and Alembic versions (which render the DDL). Read without importing Alembic."""
    digest = hashlib.sha256()
    for path in [migrations_dir / "env.py", *sorted((migrations_dir / "versions").glob("*.py"))]:
        data = path.read_bytes().replace(b"\r\n", b"\n")  # a Windows checkout's line endings change no DDL
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    digest.update(f"sqlalchemy {sqlalchemy.__version__}\0alembic {_alembic_version()}".encode())
    return digest.hexdigest()


def _alembic_version() -> str:
    """Alembic's __version__ read from its package's text: importing Alembic is the cost the snapshot avoids."""
    from importlib.util import find_spec

    spec = find_spec("alembic")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    found = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)", origin.read_text(encoding="utf-8"), re.MULTILINE) \
        if origin is not None and origin.is_file() else None
    return found.group(1) if found else "unknown"


def snapshot_path(migrations_dir: Path, revision: str) -> Path:
    return migrations_dir / SNAPSHOT_FOLDER / f"{revision}.json"


def read_snapshot(migrations_dir: Path, revision: str) -> frozenset[SchemaObject] | None:
    """The snapshot of `revision`'s schema, or None when there is none, it is stale (another fingerprint) or it
    cannot be read (then the migrations are run, as if there were none)."""
    path = snapshot_path(migrations_dir, revision)
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved["revision"] != revision or saved["fingerprint"] != migrations_fingerprint(migrations_dir):
            return None
        return frozenset(SchemaObject(kind, name, table, sql) for kind, name, table, sql in saved["objects"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_snapshot(migrations_dir: Path, revision: str) -> Path:
    """Run the migrations up to `revision` and keep the schema they made as its snapshot (see the module docstring)."""
    objects = sorted(migrated_schema(migrations_dir, revision))
    path = snapshot_path(migrations_dir, revision)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = {"revision": revision, "fingerprint": migrations_fingerprint(migrations_dir),
            "made_with": {"sqlalchemy": sqlalchemy.__version__, "alembic": _alembic_version()}}
    rows = ",\n".join("  " + json.dumps([item.kind, item.name, item.table, item.sql], ensure_ascii=False)
                       for item in objects)  # one schema object a line, so a diff shows what a revision changed
    path.write_text(json.dumps(head, ensure_ascii=False)[:-1] + ',\n "objects": [\n' + rows + "\n ]}\n",
                    encoding="utf-8")
    return path


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
