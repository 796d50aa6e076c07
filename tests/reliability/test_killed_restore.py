"""A restore killed at any point leaves a workspace that the next command opens and `check` passes, holding either
the data from before (killed before the swap's journal was written) or the restored data (killed after): never
nothing, never half of each. `.restore-*` leftovers are swept on the next open.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import reliability_cli
from reliability_cli import KILLED, RunCli, copy_workspace

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")]


@pytest.fixture(scope="module")
def backup_with_reports(export_ready_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("restore-source")
    made = reliability_cli.run_cli("--workspace", copy_workspace(export_ready_template, folder / "ws"), "backup",
                                   folder / "b.zip")
    assert made.code == 0, made.stderr
    return folder / "b.zip"


def _reports(run_cli: RunCli, root: Path) -> int:
    info = run_cli("--workspace", root, "info", "--json")
    assert info.code == 0, info.stderr
    return json.loads(info.stdout)["reports"]


def _assert_whole(run_cli: RunCli, root: Path) -> None:
    checked = run_cli("--workspace", root, "check")
    assert checked.code == 0, checked.stdout + checked.stderr
    assert not list(root.glob(".restore-*")) and not (root / "restore-journal.json").exists()


# (crash point, whether the restored data is in place afterwards). The swap has 5 possible moves: -wal, -shm
# (absent in a closed workspace), the database, blobs and identity aside, then 3 in.
POINTS = [("restore.journal", False), ("restore.swap#1", True), ("restore.swap#2", True), ("restore.swap#3", True),
          ("restore.swap#4", True), ("restore.swap#5", True), ("restore.swap#6", True), ("restore.finish", True)]


@pytest.mark.parametrize(("point", "restored"), POINTS, ids=[point for point, _ in POINTS])
def test_a_restore_killed_during_its_swap_is_finished_or_never_began(
        run_cli: RunCli, hpdesk_workspace: Path, backup_with_reports: Path, point: str, restored: bool) -> None:
    assert _reports(run_cli, hpdesk_workspace) == 0
    killed = run_cli("--workspace", hpdesk_workspace, "restore", backup_with_reports, "--force", crash_at=point)
    assert killed.code == KILLED, killed.stderr

    assert _reports(run_cli, hpdesk_workspace) == (4 if restored else 0)
    _assert_whole(run_cli, hpdesk_workspace)
    kept = list(hpdesk_workspace.glob("backups/replaced-*/hpdesk.sqlite"))
    assert len(kept) == (1 if restored else 0)  # the replaced data is kept, never deleted


def test_a_restore_into_a_new_folder_killed_mid_swap_opens_restored(
        run_cli: RunCli, tmp_path: Path, backup_with_reports: Path) -> None:
    root = tmp_path / "new"
    killed = run_cli("--workspace", root, "restore", backup_with_reports, crash_at="restore.swap#1")
    assert killed.code == KILLED, killed.stderr
    assert not (root / "hpdesk.sqlite").exists()  # the moment the issue describes: no workspace at all

    assert _reports(run_cli, root) == 4
    _assert_whole(run_cli, root)


def test_a_restore_killed_while_unpacking_leaves_only_a_swept_scratch_folder(
        run_cli: RunCli, hpdesk_workspace: Path, backup_with_reports: Path) -> None:
    killed = run_cli("--workspace", hpdesk_workspace, "restore", backup_with_reports, "--force",
                     crash_at="restore.journal")
    assert killed.code == KILLED
    assert list(hpdesk_workspace.glob(".restore-*")), "the kill should have left the unpacked backup behind"
    _assert_whole(run_cli, hpdesk_workspace)
