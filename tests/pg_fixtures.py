"""Fixtures for tests on PostgreSQL: one throwaway cluster per test session (tests/pg_cluster.py) and a fresh,
empty database per test. Without the Debian package `postgresql` they skip, and fail under CI=true."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from missing_input import missing
from pg_cluster import Cluster, installed_bin_dir, start_cluster

if TYPE_CHECKING:
    from hpdesk.services.workspace import Workspace

_numbers = itertools.count(1)

# `pytestmark = BOTH_BACK_ENDS` in a test module runs each of its tests that uses the `workspace` (or
# `workspace_dir`, `backend`, or a session world on `session_backend`) on SQLite and on PostgreSQL; its other tests
# run once (conftest's pytest_generate_tests). Test worlds get their workspaces from workspace_copy/workspace_clone.
BOTH_BACK_ENDS = pytest.mark.both_back_ends
BACK_ENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A running PostgreSQL cluster for the whole session (stopped and removed at the end)."""
    bin_dir = installed_bin_dir()
    if bin_dir is None:
        missing("PostgreSQL is not installed (Debian package postgresql; scripts/setup.sh tests installs it)")
    cluster = start_cluster(bin_dir)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database (dropped after the test, whatever connections are left)."""
    name = f"hpdesk_test_{next(_numbers)}"
    url = pg_cluster.create_database(name)
    yield url
    pg_cluster.drop_database(name)


@pytest.fixture(scope="session")
def pg_workspace_template(pg_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A shared workspace's database initialised once (office 管城回族区卫生健康委员会, actor 'tester'): (its name,
    its shared attachment folder, which holds the audit key). Tests get copies: CREATE DATABASE … TEMPLATE."""
    from hpdesk.services.shared_workspace import init_shared_workspace

    name = "hpdesk_template"
    url = pg_cluster.create_database(name)
    folder = tmp_path_factory.mktemp("pg-template")
    workspace, _ = init_shared_workspace(folder / "ws", url=url, attachments=folder / "shared", region="管城回族区",
                                         office="管城回族区卫生健康委员会", actor="tester")
    workspace.close()
    return name, folder / "shared"


@pytest.fixture
def pg_workspace_dir(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A closed shared workspace (local folder tmp_path/ws, attachments tmp_path/shared) on a fresh copy of the
    template database; the database is dropped after the test."""
    return pg_workspace_copy(request, tmp_path)


def workspace_copy(request: pytest.FixtureRequest, backend: str, folder: Path) -> Path:
    """A fresh, closed copy of the template workspace on `backend` (a private SQLite file in `folder`/ws, or a new
    copy of the template database: pg_workspace_copy). Every test world builds its workspaces through this, so
    marking its module BOTH_BACK_ENDS runs it on both."""
    if backend == "postgresql":
        return pg_workspace_copy(request, folder)
    from hpdesk.services.workspace import DATABASE_NAME

    template: Path = request.getfixturevalue("workspace_template")
    root = folder / "ws"
    root.mkdir(parents=True)
    shutil.copy2(template / DATABASE_NAME, root / DATABASE_NAME)
    return root


def workspace_clone(request: pytest.FixtureRequest, source: Path, folder: Path) -> Path:
    """A copy of the closed workspace at `source`, on its own back end, at `folder`/ws: a world built once (the
    city's) is cloned per test. A shared workspace's database is copied with CREATE DATABASE … TEMPLATE and dropped
    when `request`'s scope ends; its attachments folder is copied to `folder`/shared."""
    from sqlalchemy.engine import make_url

    from hpdesk.storage.shared_database import read_shared_settings, write_shared_settings

    shared = read_shared_settings(source)
    if shared is None:
        return Path(shutil.copytree(source, folder / "ws"))
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = f"hpdesk_test_{next(_numbers)}"
    cluster.create_database(name, template=make_url(shared.url).database)
    request.addfinalizer(lambda: cluster.drop_database(name))
    shutil.copytree(shared.attachments, folder / "shared")
    write_shared_settings(folder / "ws", cluster.url(name), folder / "shared")
    return folder / "ws"


def pg_workspace_copy(request: pytest.FixtureRequest, folder: Path) -> Path:
    """A closed shared workspace: local folder `folder`/ws, attachments `folder`/shared, on a new copy of the template
    database, dropped when `request`'s scope ends (so a session-scoped world may hold one for the whole run)."""
    from hpdesk.storage.shared_database import write_shared_settings

    cluster: Cluster = request.getfixturevalue("pg_cluster")
    template, template_shared = request.getfixturevalue("pg_workspace_template")
    name = f"hpdesk_test_{next(_numbers)}"
    cluster.create_database(name, template=template)
    request.addfinalizer(lambda: cluster.drop_database(name))
    shutil.copytree(template_shared / "identity", folder / "shared" / "identity")
    write_shared_settings(folder / "ws", cluster.url(name), folder / "shared")
    return folder / "ws"


def every_row(workspace: Workspace) -> dict[str, list[object]]:
    """Every row of every table, on either back end (the SQLite file's bytes would not cover PostgreSQL): "nothing
    was written" is `every_row` equal before and after."""
    from sqlalchemy import select

    from hpdesk.storage.records import Base

    with workspace.database.engine.connect() as connection:
        return {table.name: list(connection.execute(select(table).order_by(*table.primary_key.columns)))
                for table in Base.metadata.sorted_tables}


def data_folder(workspace_dir: Path) -> Path:
    """Where a closed workspace keeps blobs/ and identity/: its own folder, or a shared workspace's attachments."""
    from hpdesk.storage.shared_database import read_shared_settings

    shared = read_shared_settings(workspace_dir)
    return shared.attachments if shared is not None else workspace_dir
