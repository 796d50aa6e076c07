"""Opening a workspace whose database is already at the head revision does not import Alembic (a good part of a
second of every start); only a database that needs a migration does. Checked in a fresh interpreter, where
`sys.modules` shows exactly what opening imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hpdesk import paths
from hpdesk.storage.migrate import head_revision, head_revision_in_files

PROBE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from hpdesk.services.workspace import open_workspace\n"
    "open_workspace(Path(sys.argv[1]), create=True).close()\n"
    "print('alembic' in sys.modules)\n"
)


def _opening_imports_alembic(root: Path) -> bool:
    completed = subprocess.run([sys.executable, "-c", PROBE, str(root)], capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip() == "True"


def test_opening_an_up_to_date_workspace_does_not_import_alembic(workspace_dir: Path) -> None:
    assert not _opening_imports_alembic(workspace_dir)


def test_a_workspace_that_needs_its_schema_imports_alembic_to_migrate(tmp_path: Path) -> None:
    assert _opening_imports_alembic(tmp_path / "new")  # an empty folder: the database is created by migrating
    assert not _opening_imports_alembic(tmp_path / "new")  # and from then on it is up to date


def test_the_head_read_from_the_migration_files_is_alembics_head() -> None:
    assert head_revision_in_files(paths.migrations_dir()) == head_revision(paths.migrations_dir())


def test_a_new_revision_file_becomes_the_head_and_two_heads_are_not_guessed(tmp_path: Path) -> None:
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "0001_a.py").write_text('revision = "0001"\ndown_revision = None\n', encoding="utf-8")
    (versions / "0002_b.py").write_text("revision: str = '0002'\ndown_revision: str | None = '0001'\n",
                                        encoding="utf-8")
    assert head_revision_in_files(tmp_path) == "0002"
    (versions / "0003_c.py").write_text('revision = "0003"\ndown_revision = "0001"\n', encoding="utf-8")
    assert head_revision_in_files(tmp_path) is None
