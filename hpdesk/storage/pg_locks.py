"""PostgreSQL's locks for a shared workspace (issue 17): no-ops on SQLite, where the workspace lock file already
keeps every other process out.

- `workspace_operation`: a session-level advisory lock for whole-workspace operations (import, restore, period lock,
  export). It lives on a connection of its own, so the server frees it when the client dies (a killed process, a
  pulled network cable) — unlike a lock file left behind. The holder's application_name says who and what.
- `serialize_audit_appends`: a transaction-level advisory lock taken before an audit event reads the chain's head,
  so two clerks' changes never fork the hash chain; it is released at commit or rollback.
- `is_serialization_failure`: SQLSTATE 40001/40P01, the errors a SERIALIZABLE transaction is retried on.
- `told_when_connection_lost`: the server gone (stopped, restarted, the network down) becomes one clear message for
  the clerk instead of an "internal error" carrying the driver's English text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session

from hpdesk.domain.errors import UserError, register_messages

AUDIT_CHAIN_KEY = int.from_bytes(b"hpdesk-a", "big")
WORKSPACE_OPERATION_KEY = int.from_bytes(b"hpdesk-w", "big")
_RETRIED_STATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected

register_messages({
    "database_connection_lost": (
        "与共享数据库的连接中断（{detail}），这次操作未能完成。请检查网络或数据库服务器，连接恢复后核对数据再重试。",
        "The connection to the shared database was lost ({detail}); this operation did not complete. Check the "
        "network or the database server; once it is back, check the data and try again.",
    ),
})


class OperationBusy(Exception):
    """Another client holds the whole-workspace lock; `holder` is its application_name ('' if unknown)."""

    def __init__(self, holder: str) -> None:
        self.holder = holder
        super().__init__(f"whole-workspace operation running: {holder}")


def serialize_audit_appends(session: Session) -> None:
    """Wait for (and hold until this transaction ends) the audit chain's append lock, on PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_CHAIN_KEY})


@contextmanager
def workspace_operation(engine: Engine, label: str) -> Iterator[None]:
    """Hold the whole-workspace lock for the block, or raise OperationBusy at once (never wait: the clerk is told
    who is busy). `label` ('actor:operation') becomes the lock connection's application_name for that message."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with told_when_connection_lost(engine):
        connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    held = False
    try:
        connection.execute(text("SELECT set_config('application_name', :name, false)"), {"name": label[:63]})
        held = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"),
                                       {"key": WORKSPACE_OPERATION_KEY}).scalar())
        if not held:
            raise OperationBusy(_holder(connection))
        yield
    finally:
        try:
            if held:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": WORKSPACE_OPERATION_KEY})
            connection.close()
        except Exception:
            connection.invalidate()  # a connection that may still hold the lock never goes back to the pool
            raise


def _holder(connection: Connection) -> str:
    """The application_name of the session holding the whole-workspace lock (bigint keys split in two halves)."""
    row = connection.execute(text(
        "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :high AND l.objid = :low AND l.objsubid = 1"),
        {"high": WORKSPACE_OPERATION_KEY >> 32, "low": WORKSPACE_OPERATION_KEY & 0xFFFFFFFF}).first()
    return str(row[0]) if row and row[0] else ""


def is_serialization_failure(error: BaseException) -> bool:
    """Whether `error` (a SQLAlchemy DBAPIError or a psycopg error) is one that retrying the transaction cures."""
    original = getattr(error, "orig", error)
    return getattr(original, "sqlstate", None) in _RETRIED_STATES


@contextmanager
def told_when_connection_lost(engine: Engine) -> Iterator[None]:
    """Turn a lost or refused connection to the PostgreSQL server inside the block into UserError
    `database_connection_lost`; any other error (a serialization failure included, which callers retry) passes.
    The transaction of the block was rolled back by the server, or never began."""
    try:
        yield
    except DBAPIError as error:
        if engine.dialect.name != "postgresql" or not _connection_lost(error):
            raise
        detail = str(error.orig).strip().splitlines()[0] if error.orig is not None else type(error).__name__
        raise UserError("database_connection_lost", detail=detail) from error


def _connection_lost(error: DBAPIError) -> bool:
    """The server is gone: SQLAlchemy saw the connection die, or the driver's connection failed below SQL (an
    OperationalError or InterfaceError without SQLSTATE: refused, timed out, closed unexpectedly). An error the
    server reports (a constraint, a serialization failure) has a SQLSTATE, and the driver's own refusals of a value
    (a NUL in text: DataError) are not about the connection."""
    return bool(error.connection_invalidated) or (
        isinstance(error, OperationalError | InterfaceError) and error.orig is not None
        and getattr(error.orig, "sqlstate", "") is None)
