"""A full disk (ENOSPC) or a read-only disk (EROFS) gives one clear Chinese line and exit 2, never a traceback, and
the workspace is as it was once space is freed.

The workspace lives on a real, tiny tmpfs (`small_filesystem`, root only) filled up with a filler file; the
read-only case remounts it read-only. Each command runs through the real CLI in a subprocess.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from reliability_cli import RunCli
from reliability_fs import fill_up, make_read_only

pytestmark = pytest.mark.slow

FS_KB = 6 * 1024
DRAFT = ("--task", "A02-T001", "--unit", "北下街街道", "--period", "2025H1")


def _narrative(run_cli: RunCli, root: Path) -> str:
    shown = run_cli("--workspace", root, "report", "show", *DRAFT, "--json")
    assert shown.code == 0, shown.stderr
    return json.dumps(json.loads(shown.stdout), ensure_ascii=False)


def _commands(root: Path, disk: Path, passphrase: Path, samples: Path, outside: Path) -> dict[str, list[object]]:
    photo = outside / "photo.jpg"
    return {
        "import": ["import-plan", samples / "zhengzhou_tasks.xlsx"],
        "report": ["report", "set", *DRAFT, "--narrative", "磁盘满时写的内容" * 200],
        "evidence": ["evidence", "add", *DRAFT, "--kind", "photo", "--title", "现场照片", photo],
        "export": ["export", "--period", "2025H1", "--out", root / "exports", "--passphrase-file", passphrase],
        "backup": ["backup", disk / "backup.zip"],
    }


def _on_small_disk(small_filesystem, workspace: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    disk = small_filesystem(FS_KB)
    shutil.copytree(workspace, disk / "ws")
    return disk, disk / "ws"


@pytest.fixture
def outside_files(tmp_path: Path) -> Path:
    from export_fixture import make_photo

    folder = tmp_path / "outside"
    folder.mkdir()
    make_photo(folder / "photo.jpg", size=(1600, 1200))
    return folder


@pytest.mark.parametrize("command", ["import", "report", "evidence", "export", "backup"])
@pytest.mark.parametrize("leave_kb", [0, 48])
def test_a_full_disk_gives_one_clear_line_and_loses_nothing(
        run_cli: RunCli, small_filesystem, export_ready_workspace: Path, passphrase_file: Path, samples_dir: Path,
        outside_files: Path, command: str, leave_kb: int) -> None:
    disk, root = _on_small_disk(small_filesystem, export_ready_workspace)
    before = _narrative(run_cli, root)
    fill_up(disk, leave_bytes=leave_kb * 1024)

    result = run_cli("--workspace", root, *_commands(root, disk, passphrase_file, samples_dir, outside_files)[command])

    assert result.one_clear_line, result
    assert "磁盘" in result.stderr
    (disk / "filler.bin").unlink()
    assert _narrative(run_cli, root) == before
    checked = run_cli("--workspace", root, "check")
    assert checked.code == 0, checked.stdout + checked.stderr
    assert not (disk / "backup.zip").exists()


@pytest.mark.parametrize("command", ["info", "check", "report", "evidence", "export", "backup"])
def test_a_read_only_workspace_gives_one_clear_line_for_every_command(
        run_cli: RunCli, small_filesystem, export_ready_workspace: Path, passphrase_file: Path, samples_dir: Path,
        outside_files: Path, tmp_path: Path, command: str) -> None:
    disk, root = _on_small_disk(small_filesystem, export_ready_workspace)
    make_read_only(disk)
    commands = _commands(root, tmp_path, passphrase_file, samples_dir, outside_files)
    commands.update(info=["info"], check=["check"])

    result = run_cli("--workspace", root, *commands[command])

    assert result.one_clear_line, result
    assert "只读" in result.stderr


def test_restoring_onto_a_full_disk_gives_one_clear_line_and_leaves_no_half_workspace(
        run_cli: RunCli, small_filesystem, export_ready_workspace: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.zip"
    assert run_cli("--workspace", export_ready_workspace, "backup", backup).code == 0
    disk = small_filesystem(FS_KB)
    fill_up(disk, leave_bytes=64 * 1024)

    result = run_cli("--workspace", disk / "restored", "restore", backup)

    assert result.one_clear_line, result
    assert not (disk / "restored" / "hpdesk.sqlite").exists()
    assert [path.name for path in (disk / "restored").glob(".restore-*")] == []
