"""Migrations are part of the product: they must match the models, upgrade old files, refuse newer ones."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hpdesk import paths
from hpdesk.storage.database import create_sqlite_engine
from hpdesk.storage.migrate import DatabaseNewerThanApp, head_revision, upgrade_to_latest
from hpdesk.storage.records import Base

FIXTURE_DATABASES = Path(__file__).resolve().parent.parent / "fixtures" / "databases"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_database_upgrades_to_head(tmp_path: Path) -> None:
    result = upgrade_to_latest(tmp_path / "new.sqlite", paths.migrations_dir(), tmp_path / "backups")
    assert result.head_revision == head_revision(paths.migrations_dir())
    assert result.backup_file is None


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    db_file = tmp_path / "db.sqlite"
    upgrade_to_latest(db_file, paths.migrations_dir(), tmp_path / "backups")
    engine = create_sqlite_engine(db_file)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert diff == []


@pytest.mark.parametrize("released", sorted(FIXTURE_DATABASES.glob("hpdesk-*.sqlite")), ids=lambda p: p.name)
def test_every_released_schema_upgrades_and_keeps_its_rows(released: Path, tmp_path: Path) -> None:
    db_file = tmp_path / released.name
    shutil.copy2(released, db_file)
    before = sqlite3.connect(db_file).execute("SELECT count(*) FROM task").fetchone()[0]
    upgrade_to_latest(db_file, paths.migrations_dir(), tmp_path / "backups")
    connection = sqlite3.connect(db_file)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision(
        paths.migrations_dir()
    )
    assert connection.execute("SELECT count(*) FROM task").fetchone()[0] == before
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def test_database_from_a_newer_hpdesk_is_refused_and_left_byte_identical(tmp_path: Path) -> None:
    db_file = tmp_path / "newer.sqlite"
    upgrade_to_latest(db_file, paths.migrations_dir(), tmp_path / "backups")
    connection = sqlite3.connect(db_file)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    fingerprint = _sha256(db_file)
    with pytest.raises(DatabaseNewerThanApp):
        upgrade_to_latest(db_file, paths.migrations_dir(), tmp_path / "backups")
    assert _sha256(db_file) == fingerprint
    assert not (tmp_path / "newer.sqlite-wal").exists()


def _migrations_with_a_table_rebuild(tmp_path: Path) -> Path:
    """The real migrations plus a revision that rebuilds the `unit` table (a batch 'move and copy')."""
    folder = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision(paths.migrations_dir())
    (folder / "versions" / "9001_rebuild_unit.py").write_text(
        f'''
import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("unit", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("extra", sa.String(10), nullable=True))
''',
        encoding="utf-8",
    )
    return folder


def test_upgrade_of_a_database_with_data_backs_it_up_and_keeps_child_rows(tmp_path: Path) -> None:
    db_file = tmp_path / "db.sqlite"
    upgrade_to_latest(db_file, paths.migrations_dir(), tmp_path / "backups")
    connection = sqlite3.connect(db_file)
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("INSERT INTO unit (id, name, unit_type, contact, sort_order, active, created_at) "
                       "VALUES (1, '区卫健委', 'department', '', 0, 1, 'now')")
    connection.executemany(
        "INSERT INTO unit_alias (unit_id, alias) VALUES (1, ?)", [("区卫生健康委",), ("区卫生健康委员会",)]
    )
    connection.commit()
    connection.close()

    result = upgrade_to_latest(db_file, _migrations_with_a_table_rebuild(tmp_path), tmp_path / "backups")

    assert result.head_revision == "9001"
    assert result.backup_file is not None and result.backup_file.is_file()
    backup_rows = sqlite3.connect(result.backup_file).execute("SELECT count(*) FROM unit_alias").fetchone()[0]
    assert backup_rows == 2
    # With foreign keys on, rebuilding `unit` would have cascaded and deleted the aliases.
    assert sqlite3.connect(db_file).execute("SELECT count(*) FROM unit_alias").fetchone()[0] == 2
