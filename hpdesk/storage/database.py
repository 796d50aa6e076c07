"""The engines hpdesk runs on and the unit-of-work session scope.

SQLite (one PC, the default) gets the pragmas hpdesk relies on; PostgreSQL (an office's shared database, issue 17)
goes through psycopg 3. The services pick the engine; the stores never know which one they run on.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from hpdesk.storage.crash_points import crash_point
from hpdesk.storage.pg_locks import is_serialization_failure, told_when_connection_lost

T = TypeVar("T")


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


POSTGRESQL_SCHEMES = ("postgresql", "postgres")


def is_postgresql_url(url: str) -> bool:
    """Whether `url` names a PostgreSQL server (postgresql://…, postgres://…, postgresql+psycopg://…)."""
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    return scheme in POSTGRESQL_SCHEMES


def postgresql_url(url: str) -> URL:
    """`url` with the psycopg 3 driver (the bare scheme would make SQLAlchemy look for psycopg2)."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1) if url.startswith("postgres://") else url)
    return parsed.set(drivername="postgresql+psycopg")


def create_postgresql_engine(url: str, *, passfile: Path | None = None, application_name: str = "hpdesk") -> Engine:
    """An engine on a PostgreSQL database (READ COMMITTED, connections checked before use: the server may have been
    restarted while a clerk's window stayed open). The password comes from `passfile` (libpq's .pgpass format, 0600)
    or the URL; it is never written anywhere by this function."""
    connect_args: dict[str, object] = {"application_name": application_name, "connect_timeout": 10}
    if passfile is not None:
        connect_args["passfile"] = str(passfile)
    return create_engine(postgresql_url(url), pool_pre_ping=True, connect_args=connect_args)


class Database:
    """Owns the engine; hands out one Session per unit of work (commit on success, roll back on any exception).
    A shared database's server gone inside a session is UserError `database_connection_lost` (pg_locks)."""

    def __init__(self, engine: Engine, session_info: dict[str, object] | None = None) -> None:
        """`session_info` is handed to every session as `Session.info` (the audit seal's key travels this way)."""
        self.engine = engine
        self.session_info: dict[str, object] = dict(session_info or {})
        self._new_session = sessionmaker(engine, expire_on_commit=False, info=self.session_info)

    @contextmanager
    def unit_of_work(self, *, serializable: bool = False) -> Iterator[Session]:
        """`serializable` runs the transaction SERIALIZABLE on PostgreSQL (SQLite's single writer already is); use
        `run_serializable` to retry it when the server refuses it."""
        with told_when_connection_lost(self.engine), self._new_session() as session, session.begin():
            if serializable and self.is_postgresql:
                session.connection(execution_options={"isolation_level": "SERIALIZABLE"})
            yield session
            session.flush()
            crash_point("commit")  # everything is written into the transaction, nothing is committed

    def run_serializable(self, work: Callable[[Session], T], *, attempts: int = 8) -> T:
        """`work(session)` in a SERIALIZABLE unit of work, run again from the start when PostgreSQL refuses it with a
        serialization failure or a deadlock (another clerk's transaction got there first); `work` must therefore
        have no effect outside the database. The last failure propagates."""
        for attempt in range(1, attempts + 1):
            try:
                with self.unit_of_work(serializable=True) as session:
                    return work(session)
            except DBAPIError as error:
                if attempt == attempts or not is_serialization_failure(error):
                    raise
                time.sleep(random.uniform(0, 0.02 * attempt))  # spread the retries of clients that collided
        raise AssertionError("unreachable")

    @contextmanager
    def read_only(self) -> Iterator[Session]:
        """A session for queries; anything written is rolled back."""
        with told_when_connection_lost(self.engine), self._new_session() as session:
            try:
                yield session
            finally:
                session.rollback()

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def dispose(self) -> None:
        self.engine.dispose()
