"""A shared office workspace on PostgreSQL (issue 17): create or join one, and move an SQLite workspace onto one.

- `init_shared_workspace` writes the connection settings into the clerk's local folder (storage/shared_database.py),
  opens the database (migrating it to head) and records the office when the database has none yet; a database that
  already has its office is joined as it is.
- `migrate_to_postgresql` copies every row of an SQLite workspace into an empty PostgreSQL database in one
  transaction (ids, hashes and the audit seal verbatim), copies the attachment store, identity and exports into the
  shared folder, and runs `check` on both sides; the SQLite files are kept in `before-postgresql-<time>/`.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.maintenance import CheckReport, check_workspace
from hpdesk.services.workspace import (
    DATABASE_NAME, Workspace, open_workspace, office_profile, set_up_office, workspace_exists,
)
from hpdesk.storage.database import create_postgresql_engine, is_postgresql_url
from hpdesk.storage.migrate import upgrade_postgresql
from hpdesk.storage.row_copy import RowDoesNotFit, copy_rows, count_rows
from hpdesk.storage.shared_database import (
    PASSWORD_FILE, SETTINGS_FILE, SharedSettingsInvalid, read_shared_settings, write_password_file,
    write_shared_settings,
)
from hpdesk import paths

log = logging.getLogger(__name__)

DATA_FOLDERS = ("blobs", "identity", "exports", "backups")  # thumbs are derived and remade on demand

register_messages(
    {
        "database_url_invalid": (
            "{url} 不是 PostgreSQL 数据库地址，应形如 postgresql://用户名@服务器/数据库。",
            "{url} is not a PostgreSQL database URL; use postgresql://user@server/database.",
        ),
        "shared_office_needed": (
            "共享数据库中还没有机构信息：首次建立时请同时给出 --region 和 --office。",
            "The shared database has no office yet: give --region and --office when creating it.",
        ),
        "migrate_source_unsound": (
            "工作区 {path} 的检查未通过，不能迁移：请先运行 hpdesk check 并处理发现的问题。",
            "The workspace at {path} failed its check and cannot be moved; run hpdesk check and fix what it finds.",
        ),
        "migrate_target_not_empty": (
            "PostgreSQL 数据库 {url} 已有数据（{table} 表 {rows} 行），迁移只写入空数据库。",
            "The PostgreSQL database {url} already holds data ({rows} rows in {table}); moving needs an empty one.",
        ),
        "migrate_row_too_long": (
            "{table} 表第 {row} 条记录放不进 PostgreSQL：{detail}。请在原工作区中缩短该内容后再迁移。",
            "Row {row} of table {table} does not fit PostgreSQL: {detail}. Shorten it in the workspace and move again.",
        ),
        "database_url_has_password": (
            "请不要把密码写在数据库地址里（会留在命令历史中）：用 --password-file 文件 或 --ask-password。",
            "Do not put the password in the database URL (shell history keeps it): use --password-file FILE or "
            "--ask-password.",
        ),
        "migrate_attachments_in_use": (
            "共享附件文件夹 {folder} 中已有一个工作区的密钥和证书（identity/），迁移会覆盖它们，那个工作区的检查和签名"
            "就都对不上了。请为本工作区另选一个新的或空的文件夹。",
            "The shared attachment folder {folder} already holds a workspace's keys and certificate (identity/); "
            "moving would overwrite them and break that workspace's check and signatures. Choose a new or empty folder.",
        ),
        "migrate_already_shared": (
            "工作区 {path} 已经使用共享数据库。", "The workspace at {path} already uses a shared database."
        ),
        "database_url_has_password_gui": (
            "请不要把密码写在数据库地址里，请填在“密码”一栏。",
            "Do not put the password in the database address; type it in the Password field.",
        ),
    }
)


def _check_url(url: str) -> None:
    if not is_postgresql_url(url):
        raise UserError("database_url_invalid", url=url)


def refuse_password_in_url(url: str, code: str = "database_url_has_password") -> None:
    """For a URL typed on a command line: `database_url_invalid`, or `code` when it holds a password (the shell's
    history would keep it; the GUI passes its own code, which names the password field)."""
    _check_url(url)
    try:
        password = make_url(url).password
    except ArgumentError:
        raise UserError("database_url_invalid", url=url) from None
    if password is not None:
        raise UserError(code)


def init_shared_workspace(root: Path, *, url: str, attachments: Path, region: str = "", office: str = "",
                          level: str = "county", password: str | None = None,
                          actor: str | None = None) -> tuple[Workspace, bool]:
    """Create or join the shared workspace at `url` from the local folder `root`; returns (open workspace, joined).

    Raises `database_url_invalid`, `workspace_exists` (the local folder already is a workspace),
    `database_unreachable`, `shared_office_needed` (a new database without --region/--office). On an error the
    local folder is left without settings."""
    _check_url(url)
    root = root.expanduser().resolve()
    if workspace_exists(root) and not _settings_unreadable(root):  # named by its office, as `hpdesk init` does
        with open_workspace(root, actor=actor) as existing:
            profile = office_profile(existing)
        raise UserError("workspace_exists", path=str(root), office=profile.name if profile else "?")
    write_shared_settings(root, url, attachments.expanduser().resolve(), password)
    try:
        workspace = open_workspace(root, actor=actor)
    except BaseException:
        _forget_settings(root)
        raise
    try:
        if office_profile(workspace) is not None:
            return workspace, True
        if not region.strip() or not office.strip():
            raise UserError("shared_office_needed")
        set_up_office(workspace, region=region, office=office, level=level)
        return workspace, False
    except BaseException:
        workspace.close()
        _forget_settings(root)
        raise


def _settings_unreadable(root: Path) -> bool:
    """Whether `root` holds only shared settings that cannot be read: `shared_settings_invalid` tells the clerk to run
    `hpdesk init --database … --attachments …` again, which then writes them anew (the database is not touched)."""
    if (root / DATABASE_NAME).exists():
        return False
    try:
        read_shared_settings(root)
    except SharedSettingsInvalid:
        return True
    return False


def _forget_settings(root: Path) -> None:
    for name in (SETTINGS_FILE, PASSWORD_FILE):
        (root / name).unlink(missing_ok=True)


@dataclass(frozen=True)
class MigrationToPostgresql:
    rows_per_table: dict[str, int]
    source_check: CheckReport
    target_check: CheckReport
    kept_in: Path  # the SQLite files, moved aside


def migrate_to_postgresql(root: Path, *, url: str, attachments: Path, password: str | None = None,
                          actor: str | None = None) -> MigrationToPostgresql:
    """Move the SQLite workspace at `root` onto the empty PostgreSQL database `url` (see the module docstring)."""
    _check_url(url)
    attachments = attachments.expanduser().resolve()
    with open_workspace(root, actor=actor) as source:
        if source.shared is not None:
            raise UserError("migrate_already_shared", path=str(source.root))
        source_check = check_workspace(source)
        if not source_check.sound:
            raise UserError("migrate_source_unsound", path=str(source.root))
        if any((attachments / "identity").glob("*")):  # another shared workspace's folder, or a mistyped one
            raise UserError("migrate_attachments_in_use", folder=str(attachments))
        root = source.root
        target = _empty_target(url, password, root)
        try:
            with source.database.engine.connect() as reading, target.begin() as writing:
                copied = copy_rows(reading, writing)
        except RowDoesNotFit as misfit:
            raise UserError("migrate_row_too_long", table=misfit.table, row=misfit.row_id,
                            detail=misfit.detail) from None
        finally:
            target.dispose()
        for folder in DATA_FOLDERS:
            if (root / folder).is_dir():
                shutil.copytree(root / folder, attachments / folder, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("*.part"))
    kept_in = _set_aside(root)
    write_shared_settings(root, url, attachments, password)
    with open_workspace(root, actor=actor) as shared:
        target_check = check_workspace(shared)
    log.info("moved the workspace %s onto %s (%d rows)", root, url, sum(copied.rows_per_table.values()))
    return MigrationToPostgresql(copied.rows_per_table, source_check, target_check, kept_in)


def _empty_target(url: str, password: str | None, root: Path) -> Engine:
    """The migrated, empty target database's engine (a temporary password file when one is given). Raises
    `database_unreachable` (no server, no such database, a wrong password) and `migrate_target_not_empty`."""
    passfile = write_password_file(root / "tmp" / PASSWORD_FILE, url, password) if password else None
    engine = create_postgresql_engine(url, passfile=passfile)
    try:
        upgrade_postgresql(engine, paths.migrations_dir())
    except OperationalError as error:  # as when a clerk's workspace opens (services/workspace.py)
        engine.dispose()
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise UserError("database_unreachable", url=url, detail=detail) from None
    with engine.connect() as connection:
        for table, rows in count_rows(connection).items():
            if rows:
                engine.dispose()
                raise UserError("migrate_target_not_empty", url=url, table=table, rows=rows)
    return engine


def _set_aside(root: Path) -> Path:
    """Move the SQLite database and the data folders into before-postgresql-<time>/ (kept, never deleted)."""
    kept = root / f"before-postgresql-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    kept.mkdir()
    for name in (DATABASE_NAME, DATABASE_NAME + "-wal", DATABASE_NAME + "-shm", *DATA_FOLDERS, "thumbs"):
        if (root / name).exists():
            (root / name).rename(kept / name)
    return kept


# Left in the local folder when the first-run wizard's new, empty workspace makes way for a shared one: this PC's
# log, scratch files and the folder's lock (what a shared workspace's local folder holds anyway).
_LOCAL_ONLY = {"logs", "tmp", "workspace.lock"}


def refuse_join(workspace: Workspace, url: str) -> None:
    """Why the first-run wizard's workspace cannot make way for the shared one at `url`: a URL that is not
    PostgreSQL's or holds a password (`database_url_has_password_gui`), or a local workspace already in use (it has
    its office, or is shared already: `workspace_exists`)."""
    refuse_password_in_url(url, "database_url_has_password_gui")
    existing = office_profile(workspace)
    if workspace.shared is not None or existing is not None:
        raise UserError("workspace_exists", path=str(workspace.root), office=existing.name if existing else "")


def join_instead_of_new(root: Path, actor: str, *, url: str, attachments: Path, password: str | None,
                        region: str = "", office: str = "", level: str = "county") -> tuple[Workspace, bool]:
    """The first-run wizard's "join a shared office database", once `refuse_join` passed and the new, empty
    workspace at `root` is closed: its files go to `before-shared-<time>/` (never deleted), then the shared
    workspace at `url` is joined, or created with `region`/`office` when the database has no office yet, exactly as
    `hpdesk init --database … --attachments …` does (`init_shared_workspace`: the password only in the 0600 pgpass
    file). Returns (the open shared workspace, joined). On any error the files are put back as they were."""
    kept = root / f"before-shared-{datetime.now():%Y%m%d-%H%M%S}"
    kept.mkdir()
    moved = [entry.name for entry in root.iterdir() if entry.name not in _LOCAL_ONLY and entry != kept]
    for name in moved:
        (root / name).rename(kept / name)
    try:
        return init_shared_workspace(root, url=url, attachments=attachments, region=region, office=office,
                                     level=level, password=password or None, actor=actor)
    except BaseException:
        for name in moved:  # init_shared_workspace leaves no settings behind on an error
            (kept / name).rename(root / name)
        kept.rmdir()
        raise
