"""Workspace maintenance: counts (`info`), integrity (`check`), `backup` to one zip file and `restore` from it.

A backup zip holds `backup.json` (format, version, office, every member's size and SHA-256, the audit trail's anchor),
a consistent copy of the database made with SQLite's online backup API, every attachment blob, every package a city
received (received/), and the identity folder. Restoring one is services/restore.py (it verifies everything before
it touches the workspace, and journals its swap).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from hpdesk import __version__, paths
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.audit import verify_audit_chain
from hpdesk.services.integrity import IntegrityFindings, check_integrity
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import DATABASE_NAME, Workspace, office_profile
from hpdesk.storage import pg_check
from hpdesk.storage.attachment_store import BlobDigests, BlobProblem, file_sha256
from hpdesk.storage.evidence_store import stored_blobs
from hpdesk.storage.migrate import backup_database, schema_revision
from hpdesk.storage.plan_store import COUNTED, counts

register_messages({
    "progress_check_database": ("检查数据库和附件", "Checking the database and the attachments"),
    "progress_check_audit": ("核对审计记录", "Checking the audit trail"),
})
register_messages(
    {
        "backup_target_exists": (
            "备份文件 {path} 已存在，请换一个文件名。", "The backup file {path} already exists; choose another name."
        ),
        "backup_files_missing": (
            "工作区缺少数据库所列的 {count} 个文件或其大小不符（附件或收到的报送包，例如 {example}），这样的备份无法恢复，"
            "未写出备份。请先运行 hpdesk check 查看。",
            "The workspace lacks {count} files its database lists, or holds them at another size (attachments or "
            "received packages, e.g. {example}); such a backup could not be restored, so none was written. Run "
            "hpdesk check first.",
        ),
    }
)


def count_summary(workspace: Workspace) -> dict[str, object]:
    """The numbers `hpdesk info --json` prints (schema revision, office, and a count per kind of thing)."""
    profile = office_profile(workspace)
    summary: dict[str, object] = {
        "workspace": str(workspace.root),
        "hpdesk_version": __version__,
        "schema_revision": schema_revision(workspace.database.engine),
        "office": profile.name if profile else None,
        "region": profile.region if profile else None,
        "level": profile.level if profile else None,
    }
    with workspace.database.read_only() as session:
        summary.update(counts(session, [name for name in COUNTED if name != "flagged_tasks"]))
    return summary


@dataclass
class CheckReport:
    """What `hpdesk check` found. `sound` is True only when every part holds."""

    database_integrity: str = "ok"
    foreign_key_violations: int = 0
    attachments_checked: int = 0
    attachments_missing: list[str] = field(default_factory=list)
    attachments_corrupt: list[str] = field(default_factory=list)
    orphaned_blobs: list[str] = field(default_factory=list)  # from a crash between writing a blob and its row
    partial_files: list[str] = field(default_factory=list)
    audit_events_checked: int = 0
    audit_problems: list[dict[str, object]] = field(default_factory=list)
    integrity: IntegrityFindings = field(default_factory=IntegrityFindings)  # seal, schema, packages (integrity.py)

    @property
    def sound(self) -> bool:
        # Orphaned blobs are explainable leftovers of an interrupted add: reported, but the data is whole.
        return (
            self.database_integrity == "ok"
            and self.foreign_key_violations == 0
            and not self.attachments_missing
            and not self.attachments_corrupt
            and not self.partial_files
            and not self.audit_problems
            and not self.integrity.problems
        )

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["sound"] = self.sound
        return data


def check_workspace(
    workspace: Workspace, progress: ProgressSink | None = None, cancel: CancelToken | None = None,
    digests: BlobDigests | None = None,
) -> CheckReport:
    """Database integrity and foreign keys, every attachment re-hashed against its row (both ways), audit chain.
    `digests`: the blob store's hashing, begun before the workspace was opened (start_blob_digests); it spares
    re-hashing the blobs it found sound and changes nothing of what is reported."""
    result = CheckReport()
    report(progress, 0, 3, "progress_check_database")
    # SQLite checks the database with the GIL released: on its own thread it runs beside the re-hashing of the blobs.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="check-database") as beside:
        database = beside.submit(_database_checks, workspace)
        result.attachments_checked, problems = _verify_attachments(workspace, progress, cancel, digests)
        result.database_integrity, result.foreign_key_violations = database.result()
    for problem in problems:
        {
            "missing": result.attachments_missing,
            "corrupt": result.attachments_corrupt,
            "orphan": result.orphaned_blobs,
            "partial": result.partial_files,
        }[problem.problem].append(problem.sha256)
    check_cancelled(cancel)
    report(progress, 2, 3, "progress_check_audit")
    with workspace.database.read_only() as session:
        result.audit_events_checked, audit_problems = verify_audit_chain(session)
    result.audit_problems = [{"event_id": p.event_id, "problem": p.problem} for p in audit_problems]
    result.integrity = check_integrity(workspace)
    report(progress, 3, 3, "")
    return result


_MMAP_LIMIT = 1 << 31  # SQLite caps it at its compile-time maximum (2 GB by default)


def _database_checks(workspace: Workspace) -> tuple[str, int]:
    """(PRAGMA integrity_check's verdict, the number of foreign key violations); on PostgreSQL its own checks
    (storage/pg_check.py: the server enforces foreign keys itself)."""
    if workspace.database.is_postgresql:
        with workspace.database.engine.connect() as connection:
            problems = pg_check.database_problems(connection)
            return ("ok" if not problems else "; ".join(problems[:10])), 0
    # A connection of its own that reads the file through a memory map: SQLite then checks the pages where they lie
    # instead of copying every 4 KB page of the file into its cache first (a fifth of the check's CPU time).
    database = sqlite3.connect(f"file:{workspace.database_file.as_posix()}?mode=ro", uri=True)
    try:
        database.execute(f"PRAGMA mmap_size = {_MMAP_LIMIT}")
        rows = database.execute("PRAGMA integrity_check").fetchall()
        integrity = "ok" if rows == [("ok",)] else "; ".join(str(row[0]) for row in rows[:10])
        return integrity, len(database.execute("PRAGMA foreign_key_check").fetchall())
    finally:
        database.close()


def _verify_attachments(workspace: Workspace, progress: ProgressSink | None, cancel: CancelToken | None,
                        digests: BlobDigests | None) -> tuple[int, list[BlobProblem]]:
    """(rows checked, problems): the attachment rows streamed from the database in batches (50,000 rows are never
    held as one list) into the store's multi-threaded re-hash."""
    with workspace.database.read_only() as session:
        total, rows = stored_blobs(session)
        return total, workspace.attachments.verify(rows, progress=progress, cancel=cancel, total=total,
                                                   digests=digests)


def _audit_anchor(database: Path) -> dict[str, object]:
    """audit_seal.chain_anchor of the database copy in the backup: exactly the trail the backup holds."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        count, head = connection.execute(
            "SELECT count(*), (SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1) FROM audit_event").fetchone()
    finally:
        connection.close()
    return {"count": count, "head": head or ""}


def _files_named(database: Path) -> dict[str, list[tuple[str, int]]]:
    """restore.content_files_named of the database copy in the backup."""
    from hpdesk.services.restore import content_files_named

    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return content_files_named(connection)
    finally:
        connection.close()


def _database_copy(workspace: Workspace, target: Path) -> Path:
    """The database as one SQLite file: SQLite's online backup, or for a shared workspace every row of PostgreSQL
    copied into a new SQLite database (one snapshot), so the zip restores into either back end."""
    if not workspace.database.is_postgresql:
        return backup_database(workspace.database_file, target)
    from hpdesk.storage.row_copy import write_sqlite_copy  # only a shared workspace's backup: `check` skips it

    write_sqlite_copy(workspace.database.engine, target, paths.migrations_dir())
    return target


def backup_workspace(
    workspace: Workspace, destination: Path, progress: ProgressSink | None = None, cancel: CancelToken | None = None
) -> Path:
    """Write a backup zip. `destination` may be a folder (a dated name is chosen) or a new file name."""
    from hpdesk.services.restore import BACKUP_FORMAT, files_lacking  # here: `check` and `info` start without it

    if destination.is_dir():
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        destination = destination / f"hpdesk-backup-{stamp}.zip"
    if destination.exists():
        raise UserError("backup_target_exists", path=str(destination))
    destination.parent.mkdir(parents=True, exist_ok=True)
    members: list[dict[str, object]] = []
    sizes: dict[str, int] = {}
    workspace.temp_dir.mkdir(exist_ok=True)
    # The database copy is made inside the workspace (swept on open if we are killed), not beside the destination
    with tempfile.TemporaryDirectory(dir=workspace.temp_dir, prefix="hpdesk-backup-") as scratch:
        database_copy = _database_copy(workspace, Path(scratch) / DATABASE_NAME)
        files: list[tuple[Path, str]] = [(database_copy, DATABASE_NAME)]
        for folder in ("blobs", "received", "identity"):  # received: a city's inbox, content-addressed
            base = workspace.data_root / folder
            for path in sorted(base.rglob("*")) if base.is_dir() else []:
                if path.is_file() and not path.name.endswith(".part"):
                    files.append((path, path.relative_to(workspace.data_root).as_posix()))
        partial = destination.with_name(destination.name + ".part")
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
                for index, (path, name) in enumerate(files):
                    check_cancelled(cancel)
                    report(progress, index, len(files), "progress_file", file=name)
                    archive.write(path, name)
                    sizes[name] = path.stat().st_size
                    members.append({"name": name, "size": sizes[name], "sha256": file_sha256(path)})
                # restore refuses a backup lacking a file its database names: never report such a one as written
                missing = files_lacking(sizes, _files_named(database_copy))
                if missing:
                    raise UserError("backup_files_missing", count=len(missing), example=missing[0][:12])
                profile = office_profile(workspace)
                manifest = {
                    "format": BACKUP_FORMAT,
                    "hpdesk_version": __version__,
                    "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                    "office": profile.name if profile else None,
                    "members": members,
                    "audit": _audit_anchor(database_copy),  # `check` sees the trail cut back below it later
                }
                archive.writestr("backup.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            os.replace(partial, destination)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    report(progress, len(files), len(files), "")
    return destination
