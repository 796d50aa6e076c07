"""The SQLite engine with the pragmas hpdesk relies on, and the unit-of-work session scope."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from hpdesk.storage.crash_points import crash_point


def create_sqlite_engine(
    db_file: Path, *, enforce_foreign_keys: bool = True, transactional_ddl: bool = False
) -> Engine:
    """An engine on `db_file` with WAL, foreign keys (unless migrating), a busy timeout and NORMAL sync.

    URL.create avoids escaping trouble with Windows paths. Foreign keys are off only for migrations: batch
    migrations recreate tables, and with foreign keys on, ON DELETE CASCADE would silently delete child rows.

    `transactional_ddl` (for migrations) makes CREATE/ALTER/DROP part of the transaction: Python's sqlite3 module
    otherwise commits before each DDL statement, so a process killed during the first migration left half a schema
    ("table attachment already exists" on every later open). SQLite itself rolls DDL back like any other write; we
    take the transaction control away from the driver and emit BEGIN ourselves (SQLAlchemy's documented recipe).
    """
    engine = create_engine(URL.create("sqlite", database=str(db_file)))

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if enforce_foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA busy_timeout = 5000")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()
        if transactional_ddl:
            dbapi_connection.isolation_level = None  # the driver no longer begins or commits on its own

    if transactional_ddl:

        @event.listens_for(engine, "begin")
        def _begin(connection):
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock now: no upgrade-time surprises

    return engine


class Database:
    """Owns the engine; hands out one Session per unit of work (commit on success, roll back on any exception)."""

    def __init__(self, engine: Engine, session_info: dict[str, object] | None = None) -> None:
        """`session_info` is handed to every session as `Session.info` (the audit seal's key travels this way)."""
        self.engine = engine
        self.session_info: dict[str, object] = dict(session_info or {})
        self._new_session = sessionmaker(engine, expire_on_commit=False, info=self.session_info)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with self._new_session() as session, session.begin():
            yield session
            session.flush()
            crash_point("commit")  # everything is written into the transaction, nothing is committed

    @contextmanager
    def read_only(self) -> Iterator[Session]:
        """A session for queries; anything written is rolled back."""
        with self._new_session() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
