"""Alembic environment for hpdesk.

The app passes its own connection in `config.attributes["connection"]` (foreign keys off, one transaction that
includes the DDL: SQLite's DDL is transactional, so `transactional_ddl=True`) and never reads alembic.ini. For developers, `HPDESK_DATABASE_URL=sqlite:///x.sqlite alembic -c migrations/alembic.ini
revision --autogenerate -m "..."` builds an engine here. Logging is not reconfigured: that would reset the app's log.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from hpdesk.storage.records import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True, transactional_ddl=True
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(os.environ["HPDESK_DATABASE_URL"])
    with engine.begin() as own_connection:
        context.configure(connection=own_connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
