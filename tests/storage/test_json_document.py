"""The JSON columns are JSONB on PostgreSQL, yet loading the records does not load SQLAlchemy's PostgreSQL dialect
(issue 13: ~0.05 s of every command on an SQLite workspace). Checked in a fresh interpreter, where `sys.modules`
shows exactly what was loaded, and in the order a process that starts on SQLite and then reaches PostgreSQL
(`migrate-to-postgresql`) goes."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
from hpdesk.storage.records import AuditEventRecord
loaded_with_the_records = "sqlalchemy.dialects.postgresql" in sys.modules
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateTable
table = AuditEventRecord.__table__
pg, lite = postgresql.psycopg.dialect(), sqlite.dialect()
print(json.dumps({
    "loaded_with_the_records": loaded_with_the_records,
    "postgresql_ddl": str(CreateTable(table).compile(dialect=pg)),
    "sqlite_ddl": str(CreateTable(table).compile(dialect=lite)),
    "postgresql_impl_is_jsonb": isinstance(table.c.after.type.dialect_impl(pg), postgresql.JSONB),
    "copy_is_jsonb": isinstance(table.c.after.type.copy().dialect_impl(postgresql.psycopg.dialect()), postgresql.JSONB),
    "sqlite_impl_is_jsonb": isinstance(table.c.after.type.dialect_impl(lite), postgresql.JSONB),
}))
"""


def test_the_records_load_without_the_postgresql_dialect_and_their_json_is_jsonb_there_once_it_is_loaded() -> None:
    completed = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    found = json.loads(completed.stdout)
    assert found["loaded_with_the_records"] is False
    assert "after JSONB" in found["postgresql_ddl"] and "before JSONB" in found["postgresql_ddl"]
    assert " JSON" in found["sqlite_ddl"] and "JSONB" not in found["sqlite_ddl"]
    assert found["postgresql_impl_is_jsonb"] and found["copy_is_jsonb"] and not found["sqlite_impl_is_jsonb"]
