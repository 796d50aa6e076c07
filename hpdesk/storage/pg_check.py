"""`hpdesk check` on a PostgreSQL database (issue 17), in place of SQLite's PRAGMA integrity_check,
foreign_key_check and the sqlite_master comparison.

The server enforces foreign keys, types and lengths itself, so what is left to look for is what a person with
database rights can do around hpdesk: constraints or indexes left NOT VALID / invalid, an id sequence behind the ids
in its table (the next insert would fail; it happens after rows are copied in by hand), and schema objects hpdesk
did not make — a trigger, a rule, a view, a changed column — found by comparing the live schema with the models.
"""

from __future__ import annotations

from sqlalchemy import Connection, Integer, text

from hpdesk.storage.records import Base


def database_problems(connection: Connection) -> list[str]:
    """Problems of the stored data's consistency (empty when sound)."""
    problems = [f"constraint {name} on {table} is not validated" for name, table in connection.execute(text(
        "SELECT c.conname, c.conrelid::regclass::text FROM pg_constraint c JOIN pg_namespace n ON n.oid = "
        "c.connamespace WHERE n.nspname = current_schema() AND NOT c.convalidated")).all()]
    problems += [f"index {name} is invalid" for (name,) in connection.execute(text(
        "SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT i.indisvalid"))]
    for table in Base.metadata.sorted_tables:
        key = table.primary_key.columns.get("id")
        if key is None or not isinstance(key.type, Integer):
            continue
        behind = connection.execute(text(
            f"SELECT (SELECT max(id) FROM \"{table.name}\") >= "
            f"(SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END "
            f"FROM {_sequence(connection, table.name)})")).scalar()
        if behind:
            problems.append(f"the id sequence of {table.name} is behind its rows")
    return problems


def _sequence(connection: Connection, table: str) -> str:
    name = connection.execute(text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table}).scalar()
    assert name, f"{table}.id has no sequence"
    return str(name)


def schema_problems(connection: Connection) -> list[str]:
    """Differences between the live schema and hpdesk's models, and triggers, rules or views hpdesk never makes."""
    from alembic.autogenerate import compare_metadata  # only when a schema is compared
    from alembic.runtime.migration import MigrationContext

    problems = [f"schema differs: {difference!r}"[:300]
                for difference in compare_metadata(MigrationContext.configure(connection), Base.metadata)]
    problems += [f"unexpected trigger {name} on {table}" for name, table in connection.execute(text(
        "SELECT t.tgname, t.tgrelid::regclass::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal"))]
    problems += [f"unexpected rule {name} on {table}" for name, table in connection.execute(text(
        "SELECT rulename, tablename FROM pg_rules WHERE schemaname = current_schema()"))]
    problems += [f"unexpected view {name}" for (name,) in connection.execute(text(
        "SELECT viewname FROM pg_views WHERE schemaname = current_schema()"))]
    return problems
