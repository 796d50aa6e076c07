"""`hpdesk restore`: put a backup zip (written by `backup_workspace`) back as the workspace, never making things
worse than before it ran.

Nothing in the workspace changes until the whole backup has been checked, in this order:
1. `backup.json` is parsed strictly: types, keys, and member names (only `hpdesk.sqlite`, `blobs/ab/<sha256>` and
   `identity/…`; never `.`, `..`, absolute, drive or backslash names; no duplicates);
2. there is room for it on the disk;
3. the database is unpacked into `<root>/.restore-<random>/` with every member capped at its declared size and a
   bounded compression ratio (a zip bomb stops after its declared bytes, not after gigabytes), and hashed;
4. its schema revision must be one this hpdesk knows (a newer hpdesk's database is refused *before* any swap) and
   its schema must be exactly what the migrations create for that revision (no trigger, view or index added);
5. its audit trail must be exactly the one `backup.json`'s anchor names (`audit`: the number of events and the last
   hash, written by `backup_workspace` from the very copy it packed): a trail cut short, lengthened or rewritten since
   is refused (backups made before anchors existed have none and are not compared);
6. every attachment the database names must be in the backup with the right size, and so must every package a city
   received (`received/ab/<sha256>`); each is unpacked and hashed. Blobs nobody names are not restored.
Then the swap runs through a journal (storage/swap_journal.py): killed between its renames, the next open finishes
it. The data replaced is moved into `backups/replaced-<time>/`, never deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from hpdesk import paths
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.clerks import require_reviewer
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import (
    DATABASE_NAME, is_shared_workspace, lock_workspace, office_profile, open_workspace, workspace_exists,
)
from hpdesk.storage.migrate import known_revision, upgrade_to_latest
from hpdesk.storage.row_copy import replace_all_rows, write_sqlite_copy
from hpdesk.storage.schema_check import compare_schema
from hpdesk.storage.swap_journal import SCRATCH_PREFIX, SwapPlan, begin_swap, finish_swap, sweep_leftovers

BACKUP_FORMAT = "hpdesk-backup/1"
MAX_MEMBERS = 2_000_000
MAX_COMPRESSION_RATIO = 200  # deflate reaches ~1000:1 on zeros; photos, PDFs and our own ZIP_STORED backups ~1:1
RATIO_EXEMPT_BYTES = 4 * 1024 * 1024  # small members (a fresh database, a PEM file) may compress very well
FREE_SPACE_MARGIN = 32 * 1024 * 1024
SWAPPED_ENTRIES = (DATABASE_NAME + "-wal", DATABASE_NAME + "-shm", DATABASE_NAME, "blobs", "received", "identity")
CONTENT_FOLDERS = ("blobs", "received")  # content-addressed: <folder>/ab/<sha256> (received: a city's inbox)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1024 * 1024

register_messages(
    {
        "restore_source_invalid": (
            "{path} 不是有效的 hpdesk 备份文件：{detail}。工作区未作任何改动。",
            "{path} is not a valid hpdesk backup: {detail}. The workspace was not changed.",
        ),
        "restore_would_overwrite": (
            "工作区 {path} 中已有数据。如确需用备份覆盖，请加 --force（现有数据会先移到 backups 文件夹）。",
            "The workspace at {path} already holds data. Add --force to replace it "
            "(the current data is first moved into its backups folder).",
        ),
        "restore_newer": (
            "备份 {path} 来自更新版本的 hpdesk（数据库版本 {revision}），本程序无法使用。请先升级 hpdesk；工作区未作任何改动。",
            "The backup {path} comes from a newer hpdesk (schema {revision}). Upgrade hpdesk first; the workspace "
            "was not changed.",
        ),
        "restore_schema_unexpected": (
            "备份 {path} 的数据库含有 hpdesk 不会建立的结构（{detail}），可能被改动过，不予恢复。工作区未作任何改动。",
            "The database in the backup {path} holds structures hpdesk never creates ({detail}); it may have been "
            "tampered with and is not restored. The workspace was not changed.",
        ),
        "restore_attachments_missing": (
            "备份 {path} 缺少数据库所列的 {count} 个文件（附件或收到的报送包，例如 {example}），不予恢复。工作区未作任何改动。",
            "The backup {path} lacks {count} files its database lists (attachments or received packages, e.g. "
            "{example}); it is not restored. The workspace was not changed.",
        ),
        "restore_audit_mismatch": (
            "备份 {path} 中数据库的审计记录与 backup.json 记载的不符（记载 {expected} 条，实有 {found} 条{detail}），"
            "审计记录可能被删改，不予恢复。工作区未作任何改动。",
            "The audit trail of the database in the backup {path} is not the one its backup.json records ({expected} "
            "events recorded, {found} found{detail}); it may have been cut or rewritten and is not restored. The "
            "workspace was not changed.",
        ),
        "restore_no_room": (
            "{path} 所在磁盘的空间不够恢复这个备份（需要约 {needed_mb} MB，只剩 {free_mb} MB）。工作区未作任何改动。",
            "There is not enough room on the disk of {path} to restore this backup (about {needed_mb} MB needed, "
            "{free_mb} MB free). The workspace was not changed.",
        ),
    }
)


@dataclass(frozen=True)
class BackupMember:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class AuditAnchor:
    """backup.json's `audit`: how many events the packed database's trail holds and the last one's hash."""

    count: int
    head: str


@dataclass(frozen=True)
class BackupManifest:
    """backup.json, validated. `anchor` is None for a backup made before anchors existed."""

    members: list[BackupMember]
    anchor: AuditAnchor | None


class _Invalid(Exception):
    """A reason the backup is refused (becomes `restore_source_invalid` with the file named)."""


def _member(entry: object) -> BackupMember:
    if not isinstance(entry, dict):
        raise _Invalid("成员记录不是对象")
    name, size, sha256 = entry.get("name"), entry.get("size"), entry.get("sha256")
    if not isinstance(name, str) or not name:
        raise _Invalid("成员缺少文件名")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise _Invalid(f"成员 {name!r} 的大小无效")
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise _Invalid(f"成员 {name!r} 的校验值无效")
    parts = PurePosixPath(name).parts
    unsafe = ("\\" in name or ":" in name or "\0" in name or name.startswith("/") or name != "/".join(parts)
              or any(part in {"", ".", ".."} for part in parts))
    if unsafe:
        raise _Invalid(f"不安全的文件名 {name!r}")
    content = parts[0] in CONTENT_FOLDERS and len(parts) == 3 and parts[2] == sha256 and parts[1] == sha256[:2]
    if name != DATABASE_NAME and not content and not (parts[0] == "identity" and len(parts) >= 2):
        raise _Invalid(f"备份中不应有 {name!r}")
    return BackupMember(name, size, sha256)


def _anchor(manifest: dict[str, object]) -> AuditAnchor | None:
    if "audit" not in manifest:
        return None  # written before backups carried an anchor (7484f6d): nothing to compare
    anchor = manifest["audit"]
    count = anchor.get("count") if isinstance(anchor, dict) else None
    head = anchor.get("head") if isinstance(anchor, dict) else None
    if not isinstance(count, int) or isinstance(count, bool) or count < 0 or not isinstance(head, str) \
            or (count == 0) != (head == "") or not (head == "" or _SHA256.match(head)):
        raise _Invalid("backup.json 的审计锚点（audit）无效")
    return AuditAnchor(count, head)


def _parse_manifest(raw: bytes) -> BackupManifest:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _Invalid("backup.json 不是有效的 JSON") from None
    if not isinstance(manifest, dict):
        raise _Invalid("backup.json 的内容不是对象")
    if manifest.get("format") != BACKUP_FORMAT:
        raise _Invalid(f"格式 {manifest.get('format')!r} 不是 {BACKUP_FORMAT}")
    entries = manifest.get("members")
    if not isinstance(entries, list) or not entries or len(entries) > MAX_MEMBERS:
        raise _Invalid("backup.json 没有有效的成员清单")
    members = [_member(entry) for entry in entries]
    names = [member.name for member in members]
    if len(set(names)) != len(names):
        raise _Invalid("成员清单中有重复的文件名")
    if DATABASE_NAME not in names:
        raise _Invalid(f"备份中没有数据库 {DATABASE_NAME}")
    return BackupManifest(members, _anchor(manifest))


def read_backup_manifest(source: Path) -> BackupManifest:
    """The members and audit anchor `backup.json` declares, validated. Raises UserError `restore_source_invalid`."""
    try:
        with zipfile.ZipFile(source) as archive:
            info = archive.getinfo("backup.json")
            if info.file_size > 256 * 1024 * 1024:
                raise _Invalid("backup.json 大得不合理")
            return _parse_manifest(archive.read(info))
    except _Invalid as invalid:
        raise UserError("restore_source_invalid", path=str(source), detail=str(invalid)) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, NotImplementedError, EOFError, OSError) as error:
        if isinstance(error, OSError) and error.errno is not None:
            raise  # a full disk or a permission: the CLI says so
        raise UserError("restore_source_invalid", path=str(source), detail=_unreadable_zip(error)) from None


def _unreadable_zip(error: BaseException) -> str:
    """Why a zip could not be read, in words a clerk understands (Python's class name told them nothing)."""
    if isinstance(error, KeyError):
        return "其中没有 backup.json，不是 hpdesk 写出的备份"
    if isinstance(error, NotImplementedError):
        return "使用了不支持的压缩方式"
    if isinstance(error, EOFError):
        return "文件不完整（可能没有复制完）"
    if isinstance(error, zlib.error):
        return "压缩数据已损坏"
    if isinstance(error, zipfile.BadZipFile) and "CRC" in str(error):
        return "内容校验失败，文件已损坏"
    return "zip 文件已损坏，或不是 zip 文件"


def _extract(archive: zipfile.ZipFile, member: BackupMember, target: Path) -> None:
    """Unpack one member, never writing more than its declared size, and check its hash."""
    try:
        info = archive.getinfo(member.name)
    except KeyError:
        raise _Invalid(f"备份中缺少 {member.name}") from None
    if info.file_size != member.size:
        raise _Invalid(f"{member.name} 的大小与清单不符")
    if info.file_size > RATIO_EXEMPT_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
        raise _Invalid(f"{member.name} 的压缩比异常（疑似压缩炸弹）")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, written = hashlib.sha256(), 0
    try:
        with archive.open(info) as reader, open(target, "xb") as writer:
            while chunk := reader.read(min(_CHUNK, member.size - written + 1)):
                written += len(chunk)
                if written > member.size:
                    raise _Invalid(f"{member.name} 解压后超过声明的大小")
                digest.update(chunk)
                writer.write(chunk)
    except (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError, zlib.error) as error:
        # a damaged stream, a bad CRC, an unsupported method; real I/O errors (full disk) propagate as they are
        raise _Invalid(f"{member.name} 无法解压（{_unreadable_zip(error)}）") from None
    if written != member.size or digest.hexdigest() != member.sha256:
        raise _Invalid(f"{member.name} 校验值不符")


def _check_database(db_file: Path, source: Path, anchor: AuditAnchor | None) -> dict[str, list[tuple[str, int]]]:
    """Integrity, revision, schema and audit anchor of the unpacked database; returns the content-addressed files it
    names, {folder: [(sha256, size)]} for each of CONTENT_FOLDERS."""
    try:
        connection = sqlite3.connect(f"file:{db_file.as_posix()}?mode=ro", uri=True)
    except sqlite3.DatabaseError as error:
        raise _Invalid(str(error)) from None
    try:
        if connection.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise _Invalid("数据库已损坏")
        try:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            raise _Invalid("数据库没有版本记录") from None
        if revision is None or not isinstance(revision[0], str):
            raise _Invalid("数据库没有版本记录")
        if not known_revision(paths.migrations_dir(), revision[0]):
            raise UserError("restore_newer", path=str(source), revision=revision[0])
        difference = compare_schema(connection, paths.migrations_dir(), revision[0])
        if not difference.clean:
            raise UserError("restore_schema_unexpected", path=str(source), detail=difference.describe())
        if anchor is not None:
            _check_anchor(connection, anchor, source)
        return content_files_named(connection)
    except sqlite3.DatabaseError as error:
        raise _Invalid(str(error)) from None
    finally:
        connection.close()


def content_files_named(connection: sqlite3.Connection) -> dict[str, list[tuple[str, int]]]:
    """{folder: [(sha256, size)]} of the content-addressed files an hpdesk SQLite database names, for each of
    CONTENT_FOLDERS: what a backup of it must hold for restore to take it (maintenance.backup_workspace checks it)."""
    named = {"blobs": connection.execute("SELECT sha256, size FROM attachment").fetchall(), "received": []}
    if connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'received_package'") \
            .fetchone():  # a city's inbox (revisions before it have no such table)
        named["received"] = connection.execute("SELECT package_sha256, size FROM received_package").fetchall()
    return {folder: [(str(sha256), int(size)) for sha256, size in rows] for folder, rows in named.items()}


def files_lacking(sizes: dict[str, int], named: dict[str, list[tuple[str, int]]]) -> list[str]:
    """The sha256 of every file in `named` (content_files_named) that `sizes` ({member name: size}) lacks or holds
    at another size: restore refuses a backup with any."""
    return [sha256 for folder, files in named.items() for sha256, size in files
            if sizes.get(f"{folder}/{sha256[:2]}/{sha256}") != size]


def _check_anchor(connection: sqlite3.Connection, anchor: AuditAnchor, source: Path) -> None:
    """The trail must be exactly as long as the anchor says and end in its hash: backup_workspace wrote the anchor
    from the very database it packed, so any difference is a change made to the backup since."""
    count, head = connection.execute(
        "SELECT count(*), (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1) FROM audit_event").fetchone()
    if count == anchor.count and (head or "") == anchor.head:
        return
    detail = "，最后一条事件不同" if count == anchor.count else ""
    raise UserError("restore_audit_mismatch", path=str(source), expected=anchor.count, found=count, detail=detail)


def _needed(members: Iterable[BackupMember], named: dict[str, list[tuple[str, int]]],
            source: Path) -> list[BackupMember]:
    """The members to restore besides the database: every attachment and received package the database names (all
    must be there, with the size it records) and the identity."""
    by_name = {member.name: member for member in members}
    missing = files_lacking({name: member.size for name, member in by_name.items()}, named)
    if missing:
        raise UserError("restore_attachments_missing", path=str(source), count=len(missing), example=missing[0][:12])
    return [m for m in by_name.values() if m.name.startswith("identity/")] + [
        by_name[f"{folder}/{sha256[:2]}/{sha256}"] for folder, files in named.items() for sha256, _size in files]


def _check_room(root: Path, members: list[BackupMember]) -> None:
    needed = sum(member.size for member in members) + FREE_SPACE_MARGIN
    free = shutil.disk_usage(root).free
    if free < needed:
        raise UserError("restore_no_room", path=str(root), needed_mb=needed // 2**20, free_mb=free // 2**20)


def restore_workspace(
    source: Path, root: Path, *, force: bool = False, progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """Restore a backup zip into the workspace folder `root` (which must not be open in any process).

    Refuses to replace existing data unless `force`; the replaced database, blobs and identity are moved into
    `root/backups/replaced-<time>/`. Everything is verified before anything moves (see the module docstring).
    Raises UserError `restore_source_invalid`, `restore_newer`, `restore_schema_unexpected`, `restore_audit_mismatch`,
    `restore_attachments_missing`, `restore_no_room`, `restore_would_overwrite` or `workspace_busy`.

    `root` may be a shared workspace's folder (issue 17): then the backup's rows replace the PostgreSQL database's in
    one transaction, under the whole-workspace lock (`workspace_operation_busy` while a colleague holds it), after
    the rows replaced were saved as `backups/replaced-<time>/hpdesk.sqlite` in the shared folder.
    """
    if not source.is_file():
        raise UserError("restore_source_invalid", path=str(source), detail="不是文件")
    manifest = read_backup_manifest(source)
    if is_shared_workspace(root):
        _restore_shared(source, root, manifest, force, progress, cancel)
        report(progress, 1, 1, "")
        return root
    if workspace_exists(root) and not force:
        raise UserError("restore_would_overwrite", path=str(root))
    root.mkdir(parents=True, exist_ok=True)
    lock = lock_workspace(root)
    try:
        finish_swap(root)  # an earlier restore killed mid-swap is completed first
        sweep_leftovers(root)
        if workspace_exists(root) and not force:
            raise UserError("restore_would_overwrite", path=str(root))
        _check_room(root, manifest.members)
        _restore_locked(source, root, manifest, progress, cancel)
    finally:
        lock.release()
    report(progress, 1, 1, "")
    return root


def _restore_locked(source: Path, root: Path, manifest: BackupManifest, progress: ProgressSink | None,
                    cancel: CancelToken | None) -> None:
    scratch = Path(tempfile.mkdtemp(dir=root, prefix=SCRATCH_PREFIX))
    swapping = False
    try:
        _unpack_checked(source, manifest, scratch, progress, cancel)
        check_cancelled(cancel)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        incoming = tuple(name for name in SWAPPED_ENTRIES if (scratch / name).exists())
        swapping = True  # from here on the journal, not this function, owns the scratch folder
        begin_swap(SwapPlan(root, scratch, root / "backups" / f"replaced-{stamp}", SWAPPED_ENTRIES, incoming))
    finally:
        if not swapping:
            shutil.rmtree(scratch, ignore_errors=True)


def _unpack_checked(source: Path, manifest: BackupManifest, scratch: Path, progress: ProgressSink | None,
                    cancel: CancelToken | None) -> None:
    """The backup's database, identity and named attachments unpacked into `scratch`, each checked."""
    with zipfile.ZipFile(source) as archive:
        database = next(member for member in manifest.members if member.name == DATABASE_NAME)
        try:
            _extract(archive, database, scratch / DATABASE_NAME)
            named = _check_database(scratch / DATABASE_NAME, source, manifest.anchor)
            wanted = _needed(manifest.members, named, source)
            for index, member in enumerate(wanted):
                check_cancelled(cancel)
                report(progress, index, len(wanted), "progress_file", file=member.name)
                _extract(archive, member, scratch / member.name)
        except _Invalid as invalid:
            raise UserError("restore_source_invalid", path=str(source), detail=str(invalid)) from None


def _restore_shared(source: Path, root: Path, manifest: BackupManifest, force: bool,
                    progress: ProgressSink | None, cancel: CancelToken | None) -> None:
    """Restore into a shared workspace: blobs added (content-addressed, nothing overwritten), the identity swapped
    (its audit key seals the restored chain), and every row replaced in one PostgreSQL transaction."""
    with open_workspace(root, restoring=True) as workspace:  # a lost identity/ is what a restore brings back
        with workspace.database.read_only() as session:  # every row of the office's database is replaced
            require_reviewer(session, workspace.actor, "restore")
        if office_profile(workspace) is not None and not force:
            raise UserError("restore_would_overwrite", path=str(root))
        data = workspace.data_root
        _check_room(data, manifest.members)
        workspace.temp_dir.mkdir(exist_ok=True)
        with workspace.exclusive("restore"), \
                tempfile.TemporaryDirectory(dir=workspace.temp_dir, prefix=SCRATCH_PREFIX) as scratch_text:
            scratch = Path(scratch_text)
            _unpack_checked(source, manifest, scratch, progress, cancel)
            upgrade_to_latest(scratch / DATABASE_NAME, paths.migrations_dir(), scratch)  # an older backup
            check_cancelled(cancel)
            replaced = data / "backups" / f"replaced-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"
            replaced.mkdir(parents=True)
            write_sqlite_copy(workspace.database.engine, replaced / DATABASE_NAME, paths.migrations_dir())
            for blob in sorted(path for folder in CONTENT_FOLDERS for path in (scratch / folder).rglob("*")):
                kept = data / blob.relative_to(scratch)
                if blob.is_file() and not kept.exists():
                    kept.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(blob, kept.with_name(kept.name + ".part"))
                    os.replace(kept.with_name(kept.name + ".part"), kept)
            if (data / "identity").exists():
                (data / "identity").rename(replaced / "identity")
            if (scratch / "identity").is_dir():
                shutil.copytree(scratch / "identity", data / "identity")
            else:
                (data / "identity").mkdir()
            try:
                with workspace.database.engine.begin() as connection:
                    replace_all_rows(scratch / DATABASE_NAME, connection)
            except BaseException:  # the database keeps its rows: give it back the key that seals them
                shutil.rmtree(data / "identity", ignore_errors=True)
                if (replaced / "identity").exists():
                    (replaced / "identity").rename(data / "identity")
                raise
