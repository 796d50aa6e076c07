"""A workspace: one folder with the database, the attachment store, backups, exports, the identity and the log.

    <workspace>/hpdesk.sqlite (+ -wal, -shm)   the database
    <workspace>/blobs/ab/<sha256>              attachments, content-addressed
    <workspace>/thumbs/                        image thumbnails (derived, may be deleted)
    <workspace>/backups/                       automatic copies taken before migrations and restores
    <workspace>/exports/                       submissions written by `hpdesk export`
    <workspace>/identity/                      the office's signing key (encrypted PKCS#12) and certificate
    <workspace>/logs/hpdesk.log                our log
    <workspace>/tmp/                           scratch files of exports and backups (swept on every open)
    <workspace>/workspace.lock                 held by the one process that has the workspace open

Opening takes the lock (a second process gets `workspace_busy`), then migrates the schema to head.

A shared workspace (issue 17) keeps its data on a PostgreSQL server and a shared attachment folder: the local folder
then holds only `database.json` + `pgpass` (storage/shared_database.py), the log and tmp/, and blobs/, thumbs/,
backups/, exports/ and identity/ live in the attachment folder, the same for every clerk. Several clerks' processes
use it at once; whole-workspace operations take a PostgreSQL advisory lock instead (`Workspace.exclusive`).
"""

from __future__ import annotations

import getpass
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError

from hpdesk import paths
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.storage.attachment_store import AttachmentStore
from hpdesk.storage.clock import now_iso
from hpdesk.storage.database import Database, create_postgresql_engine, create_sqlite_engine
from hpdesk.storage.migrate import DatabaseNewerThanApp, ForeignKeyViolation, upgrade_postgresql, upgrade_to_latest
from hpdesk.storage.pg_locks import OperationBusy, workspace_operation
from hpdesk.storage.setting_store import add_office, set_setting, setting_value, the_office
from hpdesk.storage.shared_database import SharedDatabase, SharedSettingsInvalid, read_shared_settings
from hpdesk.storage.swap_journal import JournalDamaged, finish_swap, has_interrupted_swap, sweep_leftovers
from hpdesk.storage.workspace_lock import LockFileIsALink, WorkspaceBusy, WorkspaceLock
from hpdesk.services import audit_seal
from hpdesk.services.audit import record_event

if TYPE_CHECKING:
    from hpdesk.storage.records import OfficeRecord

log = logging.getLogger(__name__)

DATABASE_NAME = "hpdesk.sqlite"
TEMP_FOLDER = "tmp"
IDENTITY_FOLDER = "identity"  # the signing key, certificate and seal image
OFFICE_LEVELS = ("county", "city")

register_messages(
    {
        "workspace_missing": (
            "工作区 {path} 还没有建立。请先运行 hpdesk init --region … --office … 或在程序中完成首次设置。",
            "There is no workspace at {path}. Run `hpdesk init --region … --office …` or the first-run wizard.",
        ),
        "workspace_exists": (
            "工作区 {path} 已经建立（{office}），不能重复初始化。",
            "The workspace at {path} is already set up ({office}); it cannot be initialised again.",
        ),
        "workspace_busy": (
            "工作区 {path} 正被另一个 hpdesk 程序使用（进程 {pid}，计算机 {host}）。请先关闭它再试。",
            "The workspace at {path} is in use by another hpdesk process (pid {pid} on {host}). Close it first.",
        ),
        "workspace_not_a_folder": (
            "{path} 不是文件夹，不能作为工作区。",
            "{path} is not a folder and cannot be a workspace.",
        ),
        "database_newer": (
            "工作区 {path} 的数据来自更新版本的 hpdesk（数据库版本 {revision}）。请升级 hpdesk；数据未作任何改动。",
            "The workspace at {path} was written by a newer hpdesk (schema {revision}). Upgrade hpdesk; "
            "nothing was changed.",
        ),
        "database_damaged": (
            "工作区 {path} 的数据库无法打开：{detail}。可用 hpdesk restore 从备份恢复。",
            "The database of the workspace at {path} cannot be opened: {detail}. Use hpdesk restore from a backup.",
        ),
        "office_level_invalid": (
            "机构级别 {level} 无效，应为 county（县区）或 city（市）。",
            "Office level {level} is invalid; use county or city.",
        ),
        "office_field_empty": ("{field} 不能为空。", "{field} must not be empty."),
        "database_unreachable": (
            "无法连接共享数据库 {url}：{detail}。请检查服务器地址、网络和密码（pgpass 文件）。",
            "Cannot connect to the shared database {url}: {detail}. Check the server, the network and the password "
            "(the pgpass file).",
        ),
        "shared_settings_invalid": (
            "工作区的共享数据库设置无法读取：{detail}。请重新运行 hpdesk init --database … --attachments …。",
            "The workspace's shared database settings cannot be read: {detail}. Run hpdesk init --database … "
            "--attachments … again.",
        ),
        "workspace_operation_busy": (
            "另一位同事正在进行需要独占整个工作区的操作（{holder}），请稍后再试。",
            "A colleague is running an operation that needs the whole workspace ({holder}); try again later.",
        ),
        "shared_identity_missing": (
            "共享附件文件夹 {folder} 中没有本单位操作记录的密钥（identity/audit-chain.key），而共享数据库的操作记录已经"
            "用它封签：多半是文件夹写错了，或共享文件夹还没有连接。请核对文件夹后重试；数据库和原文件夹都未作任何改动。",
            "The shared attachment folder {folder} lacks the office's audit key (identity/audit-chain.key), which "
            "sealed the shared database's audit trail: the folder is probably mistyped or the share is not "
            "connected. Check the folder and try again; neither the database nor the real folder was changed.",
        ),
        "workspace_link_refused": (
            "工作区中的 {path} 是一个链接（快捷方式），hpdesk 不会跟随它写入别处。请删除这个链接后重试。",
            "{path} in the workspace is a symbolic link; hpdesk does not follow links to write elsewhere. "
            "Delete the link and try again.",
        ),
    }
)


@dataclass
class Workspace:
    """An open workspace. Holds the lock until `close()`; pass it to services, never to another process."""

    root: Path
    database: Database
    attachments: AttachmentStore
    actor: str
    _lock: WorkspaceLock | None = field(default=None, repr=False)
    shared: SharedDatabase | None = None  # set for a workspace on a PostgreSQL server

    @property
    def data_root(self) -> Path:
        """Where the data folders (blobs, backups, exports, identity, thumbs) live: the workspace folder, or the
        shared attachment folder of a shared workspace."""
        return self.shared.attachments if self.shared is not None else self.root

    @property
    def database_file(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def exports_dir(self) -> Path:
        return self.data_root / "exports"

    @property
    def identity_dir(self) -> Path:
        return self.data_root / IDENTITY_FOLDER

    @property
    def logs_dir(self) -> Path:
        return self.root / "logs"

    @property
    def thumbnails_dir(self) -> Path:
        return self.data_root / "thumbs"

    def exclusive(self, operation: str) -> AbstractContextManager[None]:
        """A context manager holding the whole workspace for `operation` (import, restore, lock, export): on a
        shared workspace a PostgreSQL advisory lock (freed by the server if this process dies), raising UserError
        `workspace_operation_busy` naming who holds it; on SQLite nothing more than the lock file already held."""
        return _exclusive(self, operation)

    @property
    def temp_dir(self) -> Path:
        """Scratch space for work in progress (unsigned export parts, database copies). Kept inside the workspace so
        the county's data never lands in the system's temp folder; whatever a killed process left is swept on open."""
        return self.root / TEMP_FOLDER

    def close(self) -> None:
        self.database.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class OfficeProfile:
    region: str
    name: str
    level: str
    short_name: str
    doc_prefix: str
    addressee: str


@dataclass(frozen=True)
class OfficeChanges:
    """What `update_office_profile` changes: a field left None keeps its value. Texts are stored stripped."""

    region: str | None = None
    name: str | None = None
    level: str | None = None
    short_name: str | None = None
    doc_prefix: str | None = None
    addressee: str | None = None

    @classmethod
    def between(cls, current: OfficeProfile, wanted: OfficeProfile) -> OfficeChanges:
        """The fields of `wanted` that differ from `current` (a settings form's edits)."""
        return cls(**{item.name: getattr(wanted, item.name) for item in fields(cls)
                      if getattr(wanted, item.name) != getattr(current, item.name)})

    def given(self) -> dict[str, str]:
        """The fields to change, by name; empty when nothing changes."""
        return {item.name: value for item in fields(self) if (value := getattr(self, item.name)) is not None}


def workspace_exists(root: Path) -> bool:
    """An SQLite workspace's database, or a shared workspace's connection settings, is in `root`."""
    return (root / DATABASE_NAME).is_file() or is_shared_workspace(root)


def is_shared_workspace(root: Path) -> bool:
    return (root / "database.json").is_file()


@contextmanager
def _exclusive(workspace: Workspace, operation: str) -> Iterator[None]:
    try:
        with workspace_operation(workspace.database.engine, f"hpdesk:{workspace.actor}:{operation}"):
            yield
    except OperationBusy as busy:
        raise UserError("workspace_operation_busy", holder=busy.holder.removeprefix("hpdesk:") or "?") from None


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises on some Windows service accounts
        return "clerk"


def open_workspace(root: Path | None = None, *, create: bool = False, actor: str | None = None,
                   restoring: bool = False) -> Workspace:
    """Lock, migrate and open the workspace at `root` (default: paths.default_workspace_dir()).

    With `create=False` a folder without a database raises `workspace_missing`; with `create=True` the folder and an
    empty, migrated database are made (the office is set later by `set_up_office`). Raises UserError
    `workspace_busy`, `database_newer` or `database_damaged`; on any error nothing is left locked. A shared
    workspace whose sealed trail has no key in its folder raises `shared_identity_missing`, unless `restoring` (a
    restore brings the backup's identity/ back, with the key that seals the rows it restores).
    """
    root = (root or paths.default_workspace_dir()).expanduser().resolve()
    if root.exists() and not root.is_dir():
        raise UserError("workspace_not_a_folder", path=str(root))
    if not workspace_exists(root) and not create and not has_interrupted_swap(root):
        raise UserError("workspace_missing", path=str(root))
    root.mkdir(parents=True, exist_ok=True)
    lock = lock_workspace(root)
    try:
        _finish_interrupted_work(root)
        if not workspace_exists(root) and not create:
            raise UserError("workspace_missing", path=str(root))
        if is_shared_workspace(root):
            return _open_shared(root, lock, actor or default_actor(), restoring)
        for folder in ("blobs", "thumbs", "backups", "exports", "identity", "logs", TEMP_FOLDER):
            (root / folder).mkdir(exist_ok=True)
        try:
            upgrade_to_latest(root / DATABASE_NAME, paths.migrations_dir(), root / "backups")
        except DatabaseNewerThanApp as newer:
            raise UserError("database_newer", path=str(root), revision=newer.revision) from None
        except ForeignKeyViolation as violation:
            raise UserError("database_damaged", path=str(root), detail=str(violation)) from None
        except Exception as error:  # sqlite3.DatabaseError: "file is not a database" and friends
            if type(error).__name__ in {"DatabaseError", "OperationalError"}:
                raise UserError("database_damaged", path=str(root), detail=str(error)) from None
            raise
        database = Database(create_sqlite_engine(root / DATABASE_NAME))
        _install_audit_key(database, root / "identity")
        workspace = Workspace(root, database, AttachmentStore(root / "blobs"), actor or default_actor(), lock)
        swept = workspace.attachments.sweep_partials()
        if swept:
            log.warning("removed %d partial attachment files left by an interrupted write", swept)
        return workspace
    except BaseException:
        lock.release()
        raise


def _open_shared(root: Path, lock: WorkspaceLock, actor: str, restoring: bool = False) -> Workspace:
    """Open the shared workspace whose settings are in `root` (the local lock is already held)."""
    try:
        shared = read_shared_settings(root)
    except SharedSettingsInvalid as invalid:
        raise UserError("shared_settings_invalid", detail=str(invalid)) from None
    assert shared is not None
    for folder in ("logs", TEMP_FOLDER):
        (root / folder).mkdir(exist_ok=True)
    engine = create_postgresql_engine(shared.url, passfile=shared.passfile, application_name=f"hpdesk:{actor}")
    try:
        upgrade_postgresql(engine, paths.migrations_dir())
    except DatabaseNewerThanApp as newer:
        engine.dispose()
        raise UserError("database_newer", path=shared.url, revision=newer.revision) from None
    except OperationalError as error:
        engine.dispose()
        detail = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise UserError("database_unreachable", url=shared.url, detail=detail) from None
    database = Database(engine)
    # A sealed trail whose key is not in the folder: the wrong folder (a typo, a share not mounted). Making a key
    # there would re-seal the office's trail and every colleague's check would fail; the key is read after the
    # seal, so a colleague sealing a brand-new database this very moment has written its key first.
    with database.read_only() as session:
        sealed = setting_value(session, audit_seal.SEAL_SETTING) is not None
    key_missing = sealed and audit_seal.read_key(shared.attachments / "identity") is None
    if key_missing and not restoring:
        engine.dispose()
        raise UserError("shared_identity_missing", folder=str(shared.attachments))
    for folder in ("blobs", "thumbs", "backups", "exports", "identity"):
        (shared.attachments / folder).mkdir(parents=True, exist_ok=True)
    # A restore that brings the lost key back opens without one: making a key here would re-seal the office's trail
    # before the restore has even checked its reviewer, --force or the zip, so a refused restore would break every
    # colleague's check. Without the key the sessions move no seal (audit_seal.advance_seal).
    if not key_missing:
        _install_audit_key(database, shared.attachments / "identity")
    return Workspace(root, database, AttachmentStore(shared.attachments / "blobs"), actor, lock, shared)


def _install_audit_key(database: Database, identity_dir: Path) -> None:
    """Give the database's sessions the audit seal's key. Without a key file (a new workspace, one made before
    seals existed, or a database copied without its identity folder) a key is made and the chain as it stands is
    sealed; if a seal already existed the re-keying is noted in it, and `check` shows the note."""
    key = audit_seal.read_key(identity_dir)
    if key is None:
        try:
            key = audit_seal.create_key(identity_dir)
        except FileExistsError:  # a colleague opening the same shared workspace made it a moment ago
            key = audit_seal.read_key(identity_dir)
            assert key is not None, "the audit key file exists but is unreadable"
            database.session_info[audit_seal.SESSION_KEY] = key
            return
        with database.unit_of_work() as session:
            if audit_seal.seal_current_chain(session, key, now_iso()):
                log.warning("the audit key was missing: a new one was made and the audit trail re-sealed")
    database.session_info[audit_seal.SESSION_KEY] = key


def _finish_interrupted_work(root: Path) -> None:
    """Complete a restore killed in the middle of its swap; remove the leftovers of killed restores and exports."""
    try:
        if finish_swap(root) is not None:
            log.warning("finished a restore that was interrupted during its swap")
    except JournalDamaged as damaged:
        raise UserError("database_damaged", path=str(root), detail=f"restore journal: {damaged}") from None
    swept = sweep_leftovers(root)
    scratch = root / TEMP_FOLDER
    if scratch.is_dir() and not scratch.is_symlink():  # we hold the lock: nobody is using anything in it
        for leftover in list(scratch.iterdir()):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, onerror=_make_writable_and_retry)
            else:
                leftover.unlink(missing_ok=True)
            swept += 1
    exports = root / "exports"
    for partial in exports.glob(".*.part") if exports.is_dir() and not exports.is_symlink() else []:
        partial.unlink(missing_ok=True)  # a package whose export was killed before it was complete
        swept += 1
    if swept:
        log.warning("removed %d files and folders left by interrupted restores, exports or backups", swept)


def _make_writable_and_retry(function, path: str, _error) -> None:
    """rmtree's error hook: the viewer copies in tmp/view are read-only, which Windows will not delete as they are.
    Anything still failing is left for the next open, as before."""
    try:
        os.chmod(path, 0o644)
        function(path)
    except OSError:
        pass


def lock_workspace(root: Path) -> WorkspaceLock:
    """Take the workspace's lock (held until `release()`). Raises UserError `workspace_busy` when another process
    holds it, `workspace_link_refused` when `workspace.lock` is a symbolic link (never followed nor written)."""
    lock = WorkspaceLock(root / "workspace.lock")
    try:
        lock.acquire()
    except WorkspaceBusy as busy:
        raise UserError(
            "workspace_busy", path=str(root), pid=busy.holder.get("pid", "?"), host=busy.holder.get("host", "?")
        ) from None
    except LockFileIsALink as link:
        raise UserError("workspace_link_refused", path=str(link)) from None
    return lock


def attach_workspace(root: Path, actor: str) -> Workspace:
    """Open an already open workspace from a helper process that its holder started and waits for.

    No lock and no migration: the parent process holds the lock and has brought the schema to head; SQLite's WAL
    lets both processes use the database. Never call this for a workspace nobody holds.
    """
    root = Path(root)
    shared = read_shared_settings(root)
    data_root = shared.attachments if shared is not None else root
    key = audit_seal.read_key(data_root / "identity")
    engine = (create_postgresql_engine(shared.url, passfile=shared.passfile, application_name=f"hpdesk:{actor}")
              if shared is not None else create_sqlite_engine(root / DATABASE_NAME))
    database = Database(engine, {audit_seal.SESSION_KEY: key} if key else None)
    return Workspace(root, database, AttachmentStore(data_root / "blobs"), actor, None, shared)


def set_up_office(
    workspace: Workspace, *, region: str, office: str, level: str = "county", short_name: str = "",
    doc_prefix: str = "", addressee: str = "",
) -> OfficeProfile:
    """Record the office that owns the workspace. Raises `workspace_exists` if one is already recorded."""
    region, office = region.strip(), office.strip()
    if not region:
        raise UserError("office_field_empty", field="region")
    if not office:
        raise UserError("office_field_empty", field="office")
    if level not in OFFICE_LEVELS:
        raise UserError("office_level_invalid", level=level)
    with workspace.database.unit_of_work() as session:
        existing = the_office(session)
        if existing is not None:
            raise UserError("workspace_exists", path=str(workspace.root), office=existing.name)
        record = add_office(session, region=region, name=office, level=level, short_name=short_name,
                            doc_prefix=doc_prefix, addressee=addressee, created_at=now_iso())
        record_event(
            session, actor=workspace.actor, action="create", entity_type="office", entity_id=record.id,
            summary=f"建立工作区：{office}", after={"region": region, "name": office, "level": level},
        )
        return _profile(record)


def init_workspace(root: Path, *, region: str, office: str, level: str = "county", actor: str | None = None) -> Workspace:
    """Create (or open an empty) workspace at `root` and record its office; returns it open."""
    workspace = open_workspace(root, create=True, actor=actor)
    try:
        set_up_office(workspace, region=region, office=office, level=level)
    except BaseException:
        workspace.close()
        raise
    return workspace


def office_profile(workspace: Workspace) -> OfficeProfile | None:
    """The office, or None before the first-run setup."""
    with workspace.database.read_only() as session:
        record = the_office(session)
        return _profile(record) if record else None


def update_office_profile(workspace: Workspace, changes: OfficeChanges) -> OfficeProfile:
    """Change the office's fields given in `changes`; audited. Raises `office_level_invalid`."""
    if changes.level is not None and changes.level not in OFFICE_LEVELS:
        raise UserError("office_level_invalid", level=changes.level)
    given = changes.given()
    with workspace.database.unit_of_work() as session:
        record = the_office(session)
        if record is None:
            raise UserError("workspace_missing", path=str(workspace.root))
        before = {key: getattr(record, key) for key in given}
        for key, value in given.items():
            setattr(record, key, value.strip())
        record_event(
            session, actor=workspace.actor, action="update", entity_type="office", entity_id=record.id,
            summary="修改机构信息", before=before, after=given,
        )
        return _profile(record)


def get_setting(workspace: Workspace, key: str, default: object = None) -> object:
    with workspace.database.read_only() as session:
        return setting_value(session, key, default)


def put_setting(workspace: Workspace, key: str, value: object) -> None:
    """Store a JSON-able workspace setting (audited)."""
    with workspace.database.unit_of_work() as session:
        before = set_setting(session, key, value)
        record_event(
            session, actor=workspace.actor, action="update", entity_type="setting", entity_id=key,
            before={"value": before}, after={"value": value},
        )


def _profile(record: OfficeRecord) -> OfficeProfile:
    return OfficeProfile(**{item.name: getattr(record, item.name) for item in fields(OfficeProfile)})
