"""The `hpdesk` command's workspace contract: init, info --json, check, user errors as one line with exit 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hpdesk import __version__, paths
from hpdesk.storage.migrate import head_revision_in_files
from pg_fixtures import BOTH_BACK_ENDS

# Runs once, not on both back ends, but for backup and restore: init of a local SQLite workspace and an edit of its
# file (the shared init is test_postgres_cli; check on PostgreSQL: test_shared_workspace).


def _hpdesk(*args: str, language: str = "zh_CN", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    env["HPDESK_LANG"] = language
    return subprocess.run([sys.executable, "-m", "hpdesk", *args], capture_output=True, text=True, env=env,
                          timeout=120, cwd=cwd)


def test_init_then_info_json_prints_the_counts(tmp_path: Path) -> None:
    root = tmp_path / "w"
    created = _hpdesk("--workspace", str(root), "init", "--region", "管城回族区", "--office", "管城回族区卫生健康委员会")
    assert created.returncode == 0, created.stderr
    info = _hpdesk("--workspace", str(root), "info", "--json")
    assert info.returncode == 0, info.stderr
    summary = json.loads(info.stdout)
    assert summary["schema_revision"] == head_revision_in_files(paths.migrations_dir())  # the newest migration
    for key in ("plans", "actions", "tasks", "county_tasks", "indicators", "units", "periods", "reports",
                "evidence", "attachments", "submissions"):
        assert summary[key] == 0


def test_version_flag_prints_the_version() -> None:
    completed = _hpdesk("--version")
    assert completed.stdout.strip() == f"hpdesk {__version__}"


@pytest.mark.parametrize(
    ("language", "expected"), [("zh_CN", "还没有建立"), ("en_US", "There is no workspace")]
)
def test_missing_workspace_is_one_line_in_the_locale_language(tmp_path: Path, language: str, expected: str) -> None:
    completed = _hpdesk("--workspace", str(tmp_path / "none"), "info", language=language)
    assert completed.returncode == 2
    assert expected in completed.stderr
    assert completed.stderr.strip().count("\n") == 0
    assert "Traceback" not in completed.stderr


def test_output_cut_short_by_its_reader_is_no_internal_error(tmp_path: Path) -> None:
    """`hpdesk info | head -1`: the reader closes the pipe before hpdesk prints; no "内部错误", no traceback."""
    root = tmp_path / "w"
    assert _hpdesk("--workspace", str(root), "init", "--region", "管城回族区", "--office", "管城").returncode == 0
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    process = subprocess.Popen([sys.executable, "-m", "hpdesk", "--workspace", str(root), "info"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the command prints its first line
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert errors == ""


@pytest.mark.parametrize("destination", ["备份 文件/挡路的文件/备份.zip", "挡路的文件/备份.zip"])
def test_a_backup_to_a_place_that_cannot_be_used_is_the_clerks_to_fix_not_an_internal_error(
        tmp_path: Path, destination: str) -> None:
    root = tmp_path / "w"
    assert _hpdesk("--workspace", str(root), "init", "--region", "管城回族区", "--office", "管城").returncode == 0
    (tmp_path / "挡路的文件").write_text("a file where a folder should be", encoding="utf-8")
    (tmp_path / "备份 文件").mkdir()
    (tmp_path / "备份 文件" / "挡路的文件").write_text("again", encoding="utf-8")
    completed = _hpdesk("--workspace", str(root), "backup", str(tmp_path / destination))
    assert completed.returncode == 2
    assert completed.stderr.startswith("无法使用 ") and "挡路的文件" in completed.stderr
    assert "内部错误" not in completed.stderr and completed.stderr.strip().count("\n") == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a display is an X11/Wayland notion")
def test_the_window_without_a_display_is_one_line_not_a_qt_abort(tmp_path: Path) -> None:
    """`hpdesk` over SSH: Qt aborted the process (exit 134) with its English plugin message."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("LC_", "LANG")) and key not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    env["HPDESK_LANG"] = "zh_CN"
    completed = subprocess.run([sys.executable, "-m", "hpdesk", "--workspace", str(tmp_path / "w")],
                               capture_output=True, text=True, env=env, timeout=120)
    assert completed.returncode == 2
    assert completed.stderr.startswith("这里没有图形界面") and completed.stderr.strip().count("\n") == 0


def test_check_exits_1_when_the_audit_trail_was_edited(tmp_path: Path) -> None:
    import sqlite3

    root = tmp_path / "w"
    _hpdesk("--workspace", str(root), "init", "--region", "管城回族区", "--office", "管城回族区卫生健康委员会")
    connection = sqlite3.connect(root / "hpdesk.sqlite")
    connection.execute("UPDATE audit_event SET actor = 'someone else'")
    connection.commit()
    connection.close()
    completed = _hpdesk("--workspace", str(root), "check", "--json")
    assert completed.returncode == 1
    assert json.loads(completed.stdout)["audit_problems"]


# The command with its BlobDigests.__init__ wrapped to note whether SQLAlchemy was already imported when the hashing
# of the blobs began, and whether it runs in a forked child (printed to stderr; the JSON report goes to stdout).
_NOTE_WHEN_HASHING_BEGINS = (
    "import sys\n"
    "from hpdesk.storage import attachment_store\n"
    "begin = attachment_store.BlobDigests.__init__\n"
    "def noting(self, *args, **kwargs):\n"
    "    print('sqlalchemy imported:', 'sqlalchemy' in sys.modules, file=sys.stderr)\n"
    "    begin(self, *args, **kwargs)\n"
    "    print('hashing in a forked child:', self.in_child, file=sys.stderr)\n"
    "attachment_store.BlobDigests.__init__ = noting\n"
    "from hpdesk.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_check_hashes_the_blobs_before_importing_sqlalchemy_and_reports_their_problems_as_before(
        tmp_path: Path) -> None:
    from hpdesk.services.workspace import open_workspace
    from hpdesk.storage.clock import now_iso
    from hpdesk.storage.records import AttachmentRecord

    root = tmp_path / "w"
    _hpdesk("--workspace", str(root), "init", "--region", "管城回族区", "--office", "管城回族区卫生健康委员会")
    with open_workspace(root) as workspace:
        blobs = [workspace.attachments.add_stream(io.BytesIO(f"photo {index}".encode() * 500)) for index in range(3)]
        with workspace.database.unit_of_work() as session:
            session.add_all(AttachmentRecord(sha256=blob.sha256, size=blob.size, media_type="image/jpeg",
                                             original_name=f"{index}.jpg", created_at=now_iso())
                            for index, blob in enumerate(blobs))
        orphan = workspace.attachments.add_stream(io.BytesIO(b"written, but its row was never committed"))
        damaged, removed = blobs[0].sha256, blobs[2].sha256
        workspace.attachments.path_for(damaged).write_bytes(b"x" * blobs[0].size)
        workspace.attachments.path_for(removed).unlink()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    completed = subprocess.run([sys.executable, "-c", _NOTE_WHEN_HASHING_BEGINS, "--workspace", str(root), "check",
                                "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert completed.returncode == 1, completed.stderr
    assert "sqlalchemy imported: False" in completed.stderr
    if sys.platform.startswith("linux"):  # elsewhere the hashing runs on threads
        assert "hashing in a forked child: True" in completed.stderr
    report = json.loads(completed.stdout)
    assert (report["attachments_checked"], report["attachments_corrupt"], report["attachments_missing"],
            report["orphaned_blobs"]) == (3, [damaged], [removed], [orphan.sha256])


@BOTH_BACK_ENDS
def test_backup_then_restore_refuses_existing_data_without_force(workspace_dir: Path, tmp_path: Path) -> None:
    root = workspace_dir
    backed_up = _hpdesk("--workspace", str(root), "backup", str(tmp_path / "b.zip"))
    assert backed_up.returncode == 0, backed_up.stderr
    refused = _hpdesk("--workspace", str(root), "restore", str(tmp_path / "b.zip"))
    assert refused.returncode == 2
    assert "--force" in refused.stderr
    forced = _hpdesk("--workspace", str(root), "restore", str(tmp_path / "b.zip"), "--force")
    assert forced.returncode == 0, forced.stderr


def test_init_with_a_blank_region_or_office_says_which_options_and_makes_no_workspace(tmp_path: Path) -> None:
    """It said `region 不能为空。` (the field's English name) and left a workspace without an office behind."""
    root = tmp_path / "w"
    completed = _hpdesk("--workspace", str(root), "init", "--region", " ", "--office", "管城回族区卫生健康委员会")
    assert completed.returncode == 2
    assert "--region" in completed.stderr and "region 不能为空" not in completed.stderr
    assert not root.exists()
