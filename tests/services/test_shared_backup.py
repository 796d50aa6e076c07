"""Backups of a shared workspace (issue 17 item 5): the zip holds an SQLite copy of every PostgreSQL row, so it
restores into either back end; restoring into a shared workspace replaces its rows in one transaction, keeps the
rows it replaced, and waits for no colleague's whole-workspace operation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from evidence_world import make_photo, seed_report

from hpdesk.domain.errors import UserError
from hpdesk.services.evidence import add_evidence
from hpdesk.services.maintenance import backup_workspace, check_workspace, count_summary
from hpdesk.services.restore import restore_workspace
from hpdesk.services.units import add_unit, list_units
from hpdesk.services.workspace import Workspace, open_workspace
from hpdesk.storage.shared_database import read_shared_settings, write_shared_settings

# Runs once, not on both back ends: backups of a shared (PostgreSQL) workspace is what it checks; SQLite's are
# test_maintenance's.


def _filled(workspace: Workspace, tmp_path: Path) -> None:
    seeded = seed_report(workspace)
    add_evidence(workspace, seeded.report_id, kind="photo", title="讲座照片", files=[make_photo(tmp_path / "a.jpg")])
    add_unit(workspace, "区教育局")


def test_a_shared_workspace_restored_from_its_backup_has_the_rows_of_then_and_keeps_those_replaced(
        pg_workspace_dir: Path, tmp_path: Path) -> None:
    with open_workspace(pg_workspace_dir, actor="clerk_a") as workspace:
        _filled(workspace, tmp_path)
        backup = backup_workspace(workspace, tmp_path / "backup.zip")
        add_unit(workspace, "区民政局")  # after the backup

    with pytest.raises(UserError) as refused:
        restore_workspace(backup, pg_workspace_dir)
    assert refused.value.code == "restore_would_overwrite"
    restore_workspace(backup, pg_workspace_dir, force=True)

    with open_workspace(pg_workspace_dir, actor="clerk_a") as restored:
        assert {unit.name for unit in list_units(restored)} == {"北下街街道", "区教育局"}
        assert count_summary(restored)["attachments"] == 1
        assert check_workspace(restored).sound  # rows, blobs, the audit chain and its seal agree
        add_unit(restored, "区民政局")  # the id sequences continue after the restored rows
        kept = list((restored.data_root / "backups").glob("replaced-*/hpdesk.sqlite"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as replaced:
        assert ("区民政局",) in replaced.execute("SELECT name FROM unit").fetchall()


def test_a_backup_of_a_workspace_on_this_pc_restores_into_an_empty_shared_database(
        workspace: Workspace, pg_url: str, tmp_path: Path) -> None:
    _filled(workspace, tmp_path)
    backup = backup_workspace(workspace, tmp_path / "backup.zip")
    shared_root = tmp_path / "shared-ws"
    write_shared_settings(shared_root, pg_url, tmp_path / "share")

    restore_workspace(backup, shared_root)  # an office-less shared database: nothing to overwrite

    with open_workspace(shared_root) as restored:
        assert restored.database.is_postgresql
        assert {unit.name for unit in list_units(restored)} == {"北下街街道", "区教育局"}
        assert check_workspace(restored).sound


def test_a_restore_while_a_colleague_holds_the_workspace_is_refused_and_changes_nothing(
        pg_workspace_dir: Path, tmp_path: Path) -> None:
    with open_workspace(pg_workspace_dir, actor="clerk_a") as workspace:
        backup = backup_workspace(workspace, tmp_path / "backup.zip")
        add_unit(workspace, "区教育局")
    shared = read_shared_settings(pg_workspace_dir)
    assert shared is not None
    write_shared_settings(tmp_path / "clerk_b", shared.url, shared.attachments)

    with open_workspace(tmp_path / "clerk_b", actor="clerk_b") as colleague, colleague.exclusive("export"):
        with pytest.raises(UserError) as busy:
            restore_workspace(backup, pg_workspace_dir, force=True)
        assert busy.value.code == "workspace_operation_busy"
        assert [unit.name for unit in list_units(colleague)] == ["区教育局"]


def test_a_shared_workspace_whose_identity_folder_was_lost_is_restored_from_its_backup(
        pg_workspace_dir: Path, tmp_path: Path) -> None:
    """Opening refuses a sealed trail without its key (a mistyped folder); a restore is how a lost identity/ comes
    back, so it must still open the workspace to do it."""
    import shutil

    with open_workspace(pg_workspace_dir, actor="clerk_a") as workspace:
        _filled(workspace, tmp_path)
        backup = backup_workspace(workspace, tmp_path / "backup.zip")
        shared = workspace.data_root
    shutil.rmtree(shared / "identity")  # the share lost its identity folder
    with pytest.raises(UserError) as refused:
        open_workspace(pg_workspace_dir, actor="clerk_a")
    assert refused.value.code == "shared_identity_missing"
    restore_workspace(backup, pg_workspace_dir, force=True)
    with open_workspace(pg_workspace_dir, actor="clerk_a") as restored:
        assert check_workspace(restored).sound


def test_a_refused_restore_into_a_shared_workspace_without_its_key_leaves_the_trail_sealed_as_it_was(
        pg_workspace_dir: Path, tmp_path: Path) -> None:
    """A restore opens a workspace whose identity/ is missing (it is what brings it back), but one refused for want
    of --force must not make a new key and re-seal the office's trail: with the folder back, check stays sound."""
    import shutil

    with open_workspace(pg_workspace_dir, actor="clerk_a") as workspace:
        _filled(workspace, tmp_path)
        backup = backup_workspace(workspace, tmp_path / "backup.zip")
        shared = workspace.data_root
    shutil.move(shared / "identity", tmp_path / "identity")  # a share not mounted, or a mistyped folder
    with pytest.raises(UserError) as refused:
        restore_workspace(backup, pg_workspace_dir)  # no --force
    assert refused.value.code == "restore_would_overwrite"
    assert not any((shared / "identity").iterdir())  # no new key was made there
    shutil.rmtree(shared / "identity")
    shutil.move(tmp_path / "identity", shared / "identity")  # the share is back
    with open_workspace(pg_workspace_dir, actor="clerk_a") as workspace:
        assert check_workspace(workspace).sound

