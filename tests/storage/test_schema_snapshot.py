"""The schema snapshot (migrations/schema/<revision>.json) stands in for running the migrations only while it is the
one they would make: `check` and `restore` compare databases with it, so a wrong or stale snapshot would let a
foreign trigger through or flag hpdesk's own tables."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hpdesk import paths
from hpdesk.storage import schema_check
from hpdesk.storage.migrate import head_revision
from hpdesk.storage.schema_check import (
    expected_schema,
    migrated_schema,
    read_snapshot,
    snapshot_path,
    write_snapshot,
)


@pytest.fixture()
def migrations(tmp_path: Path) -> Path:
    """A copy of hpdesk's migrations folder without its snapshots."""
    copy = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__", "schema"))
    return copy


def _refuse_to_migrate(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the migrations ran although a current snapshot was there")

    monkeypatch.setattr(schema_check, "migrated_schema", refuse)
    expected_schema.cache_clear()


def test_the_shipped_snapshot_of_the_head_is_the_schema_the_migrations_create() -> None:
    head = head_revision(paths.migrations_dir())
    path = snapshot_path(paths.migrations_dir(), head)
    assert path.is_file(), f"no schema snapshot for the head {head}: run scripts/schema_snapshot.py"
    saved = json.loads(path.read_text(encoding="utf-8"))
    shipped = {schema_check.SchemaObject(*item) for item in saved["objects"]}
    assert shipped == migrated_schema(paths.migrations_dir(), head), "stale snapshot: run scripts/schema_snapshot.py"


def test_a_current_snapshot_is_used_instead_of_running_the_migrations(
        migrations: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    head = head_revision(migrations)
    migrated = migrated_schema(migrations, head)
    write_snapshot(migrations, head)
    _refuse_to_migrate(monkeypatch)
    assert expected_schema(migrations, head) == migrated
    expected_schema.cache_clear()


def test_a_snapshot_is_ignored_once_a_revision_file_changes_or_is_added(migrations: Path) -> None:
    head = head_revision(migrations)
    write_snapshot(migrations, head)
    assert read_snapshot(migrations, head) is not None
    first = sorted((migrations / "versions").glob("*.py"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert read_snapshot(migrations, head) is None
    write_snapshot(migrations, head)
    (migrations / "versions" / "9999_next.py").write_text(f'revision = "9999"\ndown_revision = "{head}"\n')
    assert read_snapshot(migrations, head) is None


def test_a_snapshot_made_with_another_sqlalchemy_is_ignored(migrations: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    head = head_revision(migrations)
    write_snapshot(migrations, head)
    monkeypatch.setattr(schema_check.sqlalchemy, "__version__", "0.0-other")
    assert read_snapshot(migrations, head) is None


def test_a_damaged_snapshot_is_ignored_and_the_migrations_run(migrations: Path) -> None:
    head = head_revision(migrations)
    path = write_snapshot(migrations, head)
    path.write_text(path.read_text(encoding="utf-8")[:200], encoding="utf-8")
    assert read_snapshot(migrations, head) is None
    expected_schema.cache_clear()
    assert expected_schema(migrations, head) == migrated_schema(migrations, head)
    expected_schema.cache_clear()
