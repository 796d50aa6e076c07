"""A shared workspace whose PostgreSQL server goes away (stopped, restarted, the network down) tells the clerk so in
one line, `database_connection_lost`, instead of an "internal error" with the driver's English text; nothing of the
interrupted unit of work is saved, and the next one works once the server is back."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from pg_cluster import Cluster
from sqlalchemy import text

from hpdesk.domain.errors import UserError
from hpdesk.services.workspace import open_workspace
from hpdesk.storage.database import Database, create_postgresql_engine
from hpdesk.storage.setting_store import set_setting, setting_value

PROBE = "connection_probe"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nobody listens once the socket is closed


def test_a_server_that_refuses_the_connection_is_one_clear_message() -> None:
    database = Database(create_postgresql_engine(f"postgresql://clerk@127.0.0.1:{_closed_port()}/hpdesk"))
    with pytest.raises(UserError) as told, database.read_only() as session:
        session.execute(text("SELECT 1"))
    database.dispose()
    assert told.value.code == "database_connection_lost"
    assert told.value.message("zh").startswith("与共享数据库的连接中断（")
    assert "sqlalche.me" not in told.value.message("zh")


def test_a_connection_the_server_drops_mid_save_is_told_and_nothing_is_saved(
        pg_workspace_dir: Path, pg_cluster: Cluster) -> None:
    import psycopg

    with open_workspace(pg_workspace_dir, actor="clerk_a") as workspace:
        with pytest.raises(UserError) as told, workspace.database.unit_of_work() as session:
            set_setting(session, PROBE, "lost")
            session.flush()
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar()
            with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:  # the server drops this clerk
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            session.execute(text("SELECT 1"))
        assert told.value.code == "database_connection_lost"
        with workspace.database.read_only() as session:  # the server is still there: the next session works
            assert setting_value(session, PROBE) is None


def test_a_value_the_driver_refuses_is_not_told_as_a_lost_connection(pg_workspace_dir: Path) -> None:
    """psycopg refuses text holding a NUL itself, without a SQLSTATE, as it does a dead connection: the clerk was
    told the connection to the shared database was lost and to check the network."""
    from sqlalchemy.exc import DataError

    with open_workspace(pg_workspace_dir, actor="clerk_a") as workspace:
        with pytest.raises(DataError), workspace.database.unit_of_work() as session:
            session.execute(text("SELECT CAST(:title AS text)"), {"title": "讲座\x00照片"})
        with workspace.database.read_only() as session:  # the connection was never lost
            assert session.execute(text("SELECT 1")).scalar() == 1

