"""Shared fixtures: offscreen Qt, a migrated template workspace copied per test, sample workbook paths."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from missing_input import missing

# No screen on developer and CI machines; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hpdesk.services.workspace import Workspace, init_workspace, open_workspace  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT.parent / "shared" / "samples"


@pytest.fixture(autouse=True)
def _isolated_default_workspace(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user's default workspace."""
    monkeypatch.setenv("HPDESK_WORKSPACE", str(tmp_path_factory.mktemp("default-workspace") / "ws"))


@pytest.fixture(scope="session")
def workspace_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace initialised once with the real migrations; tests get copies of its database."""
    root = tmp_path_factory.mktemp("template") / "ws"
    workspace = init_workspace(root, region="管城回族区", office="管城回族区卫生健康委员会", actor="tester")
    workspace.close()
    return root


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test marked `both_back_ends` (tests/pg_fixtures.BOTH_BACK_ENDS) that uses `backend`, directly or through
    `workspace`/`workspace_dir`, runs once per back end; so does one that uses a session-scoped world built on
    `session_backend` (built once per back end)."""
    if not metafunc.definition.get_closest_marker("both_back_ends"):
        return
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", BACK_ENDS, indirect=True)
    if "session_backend" in metafunc.fixturenames:
        metafunc.parametrize("session_backend", BACK_ENDS, indirect=True, scope="session")


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database back end of `workspace_dir`/`workspace`: sqlite, unless a module runs on both with
    `pytestmark = BOTH_BACK_ENDS` (PostgreSQL from the throwaway cluster, tests/pg_fixtures.py)."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def session_backend(request: pytest.FixtureRequest) -> str:
    """`backend` for worlds built once per test session (exporting's `sent`): sqlite unless BOTH_BACK_ENDS."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def workspace_dir(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A fresh copy of the template workspace folder (closed; open it yourself or use `workspace`); for the
    postgresql back end a shared workspace's folder on a fresh copy of the template database."""
    return workspace_copy(request, backend, tmp_path)


@pytest.fixture
def workspace(workspace_dir: Path) -> Iterator[Workspace]:
    """An open, migrated workspace for 管城回族区 whose actor is 'tester'."""
    opened = open_workspace(workspace_dir, actor="tester")
    yield opened
    opened.close()


@pytest.fixture
def samples_dir() -> Path:
    if not SAMPLES_DIR.is_dir():
        missing("../shared/samples is not beside the repository")
    return SAMPLES_DIR


@pytest.fixture
def sample_copy(samples_dir: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """sample_copy('taian_task_breakdown.xlsx') → a private copy, so no test can alter the shared sample."""

    def copy(name: str) -> Path:
        target = tmp_path / "samples" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy2(samples_dir / name, target)
        return target

    return copy


# PostgreSQL (issue 17): a throwaway cluster for the session, an empty database or a workspace's copy per test.
from pg_fixtures import (  # noqa: E402,F401
    BACK_ENDS, pg_cluster, pg_url, pg_workspace_dir, pg_workspace_template, workspace_copy,
)
