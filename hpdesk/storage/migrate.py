"""Bring a workspace database to the schema head with Alembic, safely.

Recipe (ARCHITECTURE §5.4, TECH_NOTES §7):
1. the Alembic config is built in code (no alembic.ini, no working-directory assumptions);
2. a database whose revision this hpdesk does not know comes from a newer hpdesk: refuse, and do not write to it
   (the file is opened read-only for the check, so it stays byte-identical);
3. a database that already holds data is copied with SQLite's online backup API before upgrading;
4. the upgrade runs on a connection with foreign keys OFF (batch migrations recreate tables), and
   `PRAGMA foreign_key_check` must come back empty afterwards;
5. the whole upgrade, DDL included, is one SQLite transaction: a process killed anywhere in it leaves the database
   exactly as it was (an empty file stays empty), so the next open simply migrates again.

Alembic is imported only when a migration may be needed: opening an up-to-date workspace compares the stamped
revision with the head read from the migration files' text (`head_revision_in_files`), which costs microseconds
where importing Alembic costs a good part of a second of every start.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk.storage.crash_points import crash_point
from hpdesk.storage.database import create_sqlite_engine

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

BACKUPS_KEPT = 10


class DatabaseNewerThanApp(Exception):
    """The database was written by a newer hpdesk (its revision is unknown here)."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(f"database revision {revision} is newer than this hpdesk")


class ForeignKeyViolation(Exception):
    """The upgrade left rows pointing at missing parents; the transaction was rolled back."""


@dataclass(frozen=True)
class MigrationResult:
    previous_revision: str | None
    head_revision: str
    backup_file: Path | None


def alembic_config(migrations_dir: Path) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return config


def head_revision(migrations_dir: Path) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(migrations_dir)).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision(?:\s*:[^=]*)?\s*=\s*(.*)$", re.MULTILINE)


def head_revision_in_files(migrations_dir: Path) -> str | None:
    """The head revision read from the text of `versions/*.py` (no Alembic import): the one revision no other names
    as its `down_revision`. None when the files do not say plainly (several heads, an unusual layout)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (migrations_dir / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN_REVISION.search(text)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def known_revision(migrations_dir: Path, revision: str) -> bool:
    """Whether `revision` is one of this hpdesk's migrations (an unknown one comes from a newer hpdesk)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(migrations_dir))
    return revision in {known.revision for known in script.walk_revisions()}  # never "head", "base" and the like


def _connect_read_only(db_file: Path) -> sqlite3.Connection:
    """A connection that cannot write to `db_file` and leaves no -wal/-shm files behind.

    `immutable=1` skips locking and the WAL entirely, so it is used only when no -wal file holds commits that a
    plain read-only connection would have to read.
    """
    wal = db_file.with_name(db_file.name + "-wal")
    has_wal_content = wal.exists() and wal.stat().st_size > 0
    flags = "mode=ro" if has_wal_content else "mode=ro&immutable=1"
    return sqlite3.connect(f"file:{db_file.as_posix()}?{flags}", uri=True)


def current_revision(db_file: Path) -> str | None:
    """The revision stamped in `db_file`, read through a read-only connection (writes nothing, creates nothing)."""
    if not db_file.exists():
        return None
    with closing(_connect_read_only(db_file)) as connection:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None


def _has_user_data(db_file: Path) -> bool:
    if not db_file.exists() or db_file.stat().st_size == 0:
        return False
    with closing(_connect_read_only(db_file)) as connection:
        tables = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        return tables > 0


def backup_database(db_file: Path, destination: Path) -> Path:
    """A consistent copy through SQLite's online backup API (includes commits still in the -wal file)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(destination.name + ".part")
    source = sqlite3.connect(str(db_file))
    target = sqlite3.connect(str(temporary))
    try:
        source.backup(target)  # one step: a stepwise backup never finishes while another writer commits
    finally:
        target.close()
        source.close()
    temporary.replace(destination)
    return destination


def _prune_backups(backup_dir: Path) -> None:
    backups = sorted(backup_dir.glob("hpdesk_*.sqlite"), key=lambda path: path.stat().st_mtime)
    for old in backups[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


def _head_refusing_unknown(config: Config, current: str | None) -> str:
    """The head revision; raises DatabaseNewerThanApp when `current` is not one of this hpdesk's revisions."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    assert head is not None
    if current is not None and current != head:
        try:
            script.get_revision(current)
        except CommandError:
            raise DatabaseNewerThanApp(current) from None
    return head


def upgrade_to_latest(db_file: Path, migrations_dir: Path, backup_dir: Path) -> MigrationResult:
    """Upgrade `db_file` (created if missing) to head. Raises DatabaseNewerThanApp without touching the file."""
    current = current_revision(db_file)
    if current is not None and current == head_revision_in_files(migrations_dir):
        return MigrationResult(current, current, None)  # up to date: Alembic is not even imported
    from alembic import command

    config = alembic_config(migrations_dir)
    head = _head_refusing_unknown(config, current)
    if current == head:
        return MigrationResult(current, head, None)

    backup_file = None
    if _has_user_data(db_file):
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_file = backup_database(db_file, backup_dir / f"hpdesk_{current or 'unversioned'}_{stamp}.sqlite")
        _prune_backups(backup_dir)
        log.info("backed up %s to %s before migrating from %s to %s", db_file, backup_file, current, head)

    engine = create_sqlite_engine(db_file, enforce_foreign_keys=False, transactional_ddl=True)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if violations:
                # Raising inside begin() rolls the whole upgrade back.
                raise ForeignKeyViolation(f"foreign key check failed after migration: {violations[:5]}")
            crash_point("migrate.commit")  # every table exists, nothing is committed yet
    finally:
        engine.dispose()
    log.info("database %s migrated from %s to %s", db_file, current, head)
    return MigrationResult(current, head, backup_file)


# pg_advisory_xact_lock key serialising the migrations of one PostgreSQL database.
MIGRATION_LOCK_KEY = int.from_bytes(b"hpdesk-m", "big")


def upgrade_postgresql(engine: Engine, migrations_dir: Path) -> MigrationResult:
    """Upgrade the PostgreSQL database behind `engine` to head, in one transaction (PostgreSQL's DDL is transactional
    too) holding a transaction-level advisory lock, so two clerks opening the workspace at once migrate it once.
    Raises DatabaseNewerThanApp (nothing written) for a revision this hpdesk does not know. No file backup is taken:
    the server's own backups (and `hpdesk backup`) cover a shared database."""
    from alembic import command

    config = alembic_config(migrations_dir)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        current = _stamped_revision(connection)
        head = _head_refusing_unknown(config, current)
        if current == head:
            return MigrationResult(current, head, None)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("PostgreSQL database migrated from %s to %s", current, head)
    return MigrationResult(current, head, None)


def _stamped_revision(connection: Connection) -> str | None:
    if connection.dialect.name == "postgresql":
        exists = connection.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar() is not None
    else:
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").first() is not None
    if not exists:
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def schema_revision(engine: Engine) -> str | None:
    """The revision stamped in an open database (for `hpdesk info`); None before the first migration."""
    with engine.connect() as connection:
        return _stamped_revision(connection)
