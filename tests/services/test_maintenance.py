"""info, check, backup and restore of a workspace."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk import paths
from hpdesk.domain.errors import UserError
from hpdesk.services.maintenance import backup_workspace, check_workspace, count_summary
from hpdesk.services.restore import restore_workspace
from hpdesk.services.workspace import Workspace, open_workspace
from hpdesk.storage.attachment_store import file_sha256
from hpdesk.storage.clock import now_iso
from hpdesk.storage.migrate import head_revision_in_files
from hpdesk.storage.records import AttachmentRecord

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


def _store_attachment(workspace: Workspace, content: bytes) -> str:
    blob = workspace.attachments.add_stream(io.BytesIO(content))
    with workspace.database.unit_of_work() as session:
        session.add(AttachmentRecord(sha256=blob.sha256, size=blob.size, media_type="image/jpeg",
                                     original_name="会议照片.jpg", created_at=now_iso()))
    return blob.sha256


def test_info_counts_start_at_zero_with_the_office_named(workspace: Workspace) -> None:
    summary = count_summary(workspace)
    assert summary["office"] == "管城回族区卫生健康委员会"
    assert summary["schema_revision"] == head_revision_in_files(paths.migrations_dir())  # the newest migration
    for key in ("plans", "actions", "tasks", "county_tasks", "indicators", "units", "periods", "reports",
                "evidence", "attachments", "submissions"):
        assert summary[key] == 0, key


def test_check_of_a_sound_workspace_passes(workspace: Workspace) -> None:
    _store_attachment(workspace, b"photo bytes")
    result = check_workspace(workspace)
    assert result.sound
    assert result.attachments_checked == 1


def test_check_finds_a_corrupted_blob(workspace: Workspace) -> None:
    sha256 = _store_attachment(workspace, b"original photo")
    workspace.attachments.path_for(sha256).write_bytes(b"altered photo!")
    result = check_workspace(workspace)
    assert not result.sound
    assert result.attachments_corrupt == [sha256]


def test_check_finds_a_missing_blob_and_reports_an_orphan_without_failing(workspace: Workspace) -> None:
    sha256 = _store_attachment(workspace, b"will vanish")
    workspace.attachments.path_for(sha256).unlink()
    orphan = workspace.attachments.add_stream(io.BytesIO(b"written, but its row was never committed"))
    result = check_workspace(workspace)
    assert result.attachments_missing == [sha256]
    assert result.orphaned_blobs == [orphan.sha256]


def test_backup_and_restore_round_trip_keeps_data_and_blobs(workspace: Workspace, tmp_path: Path) -> None:
    sha256 = _store_attachment(workspace, b"evidence scan")
    backup = backup_workspace(workspace, tmp_path / "backup.zip")
    target = tmp_path / "restored"
    restore_workspace(backup, target)
    with open_workspace(target) as restored:
        assert count_summary(restored)["attachments"] == 1
        assert file_sha256(restored.attachments.path_for(sha256)) == sha256
        assert check_workspace(restored).sound


def test_restore_refuses_to_overwrite_without_force(workspace: Workspace, tmp_path: Path) -> None:
    backup = backup_workspace(workspace, tmp_path / "backup.zip")
    other = tmp_path / "other"
    restore_workspace(backup, other)
    with pytest.raises(UserError) as refused:
        restore_workspace(backup, other)
    assert refused.value.code == "restore_would_overwrite"


def test_forced_restore_moves_current_data_aside_first(workspace: Workspace, tmp_path: Path) -> None:
    backup = backup_workspace(workspace, tmp_path / "backup.zip")
    other = tmp_path / "other"
    restore_workspace(backup, other)
    restore_workspace(backup, other, force=True)
    assert list((other / "backups").glob("replaced-*/hpdesk.sqlite"))


def test_damaged_backup_is_refused_and_the_workspace_is_untouched(workspace: Workspace, tmp_path: Path) -> None:
    _store_attachment(workspace, b"evidence")
    backup = backup_workspace(workspace, tmp_path / "backup.zip")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("blobs/"):
                data = b"tampered"
            target.writestr(item, data)
    target_root = tmp_path / "target"
    restore_workspace(backup, target_root)
    before = hashlib.sha256((target_root / "hpdesk.sqlite").read_bytes()).hexdigest()
    with pytest.raises(UserError) as refused:
        restore_workspace(damaged, target_root, force=True)
    assert refused.value.code == "restore_source_invalid"
    assert hashlib.sha256((target_root / "hpdesk.sqlite").read_bytes()).hexdigest() == before
    assert not list((target_root / "backups").glob("replaced-*"))


def test_restoring_something_that_is_not_a_backup_names_the_file(tmp_path: Path) -> None:
    not_backup = tmp_path / "照片.zip"
    not_backup.write_bytes(b"not a zip at all")
    with pytest.raises(UserError) as refused:
        restore_workspace(not_backup, tmp_path / "ws")
    assert "照片.zip" in refused.value.message("zh")


def test_a_backup_that_restore_would_refuse_is_never_written(workspace: Workspace, tmp_path: Path) -> None:
    """A blob lost or cut short on disk made a backup with exit 0 that restore then refused ("缺少数据库所列的文件"):
    the county learned it had no usable backup only when it needed one. The backup is refused, naming the file, and
    nothing is left at the destination."""
    lost = _store_attachment(workspace, b"a photo the disk lost")
    cut = _store_attachment(workspace, b"a scan cut short on the disk")
    workspace.attachments.path_for(lost).unlink()
    workspace.attachments.path_for(cut).write_bytes(b"a scan")
    with pytest.raises(UserError) as refused:
        backup_workspace(workspace, tmp_path / "backup.zip")
    assert refused.value.code == "backup_files_missing"
    assert refused.value.params["count"] == 2
    assert refused.value.params["example"] in (lost[:12], cut[:12])
    assert list(tmp_path.glob("backup.zip*")) == []


def test_a_period_lock_lifted_without_an_audit_event_is_noticed(workspace: Workspace) -> None:
    """A locked period set back to open with an SQL tool (so its reports could be changed with no post-lock reason)
    passed `hpdesk check`: only reports were compared with their audit events. Lifting it through hpdesk, with its
    event, stays sound."""
    from sqlalchemy import text

    from hpdesk.services.periods import create_period, set_period_state

    create_period(workspace, "2025H1")
    create_period(workspace, "2025H2")
    set_period_state(workspace, "2025H1", "locked")
    set_period_state(workspace, "2025H2", "locked")
    set_period_state(workspace, "2025H2", "open", reason="补报")
    assert check_workspace(workspace).sound
    with workspace.database.unit_of_work() as session:
        session.execute(text("UPDATE reporting_period SET state = 'open' WHERE label = '2025H1'"))
    result = check_workspace(workspace)
    assert not result.sound
    assert result.integrity.periods_changed_without_audit == ["2025H1"]


def test_a_zip_that_is_no_backup_is_refused_in_words_not_python_class_names(tmp_path: Path) -> None:
    """"不是有效的 hpdesk 备份文件：KeyError" (a zip of photos) or "…：BadZipFile" (not a zip) told the clerk nothing."""
    photos = tmp_path / "照片.zip"
    with zipfile.ZipFile(photos, "w") as archive:
        archive.writestr("IMG_0001.jpg", b"a photo")
    not_a_zip = tmp_path / "备份.zip"
    not_a_zip.write_bytes(b"not a zip at all")
    messages = []
    for source in (photos, not_a_zip):
        with pytest.raises(UserError) as refused:
            restore_workspace(source, tmp_path / "ws")
        messages.append(refused.value.message("zh"))
    assert "backup.json" in messages[0] and "不是 hpdesk 写出的备份" in messages[0]
    assert "zip 文件已损坏" in messages[1]
    assert not [text for text in messages if "Error" in text or "BadZip" in text], messages
