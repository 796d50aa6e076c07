"""A killed export leaves no copy of the county's data outside the workspace: its scratch files live in the
workspace's tmp/ folder (swept on the next open), never in the system's temp folder. A package written outside
the workspace is also kept in exports/, where `check` verifies it against its submission record.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from reliability_cli import KILLED, RunCli

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")]


def test_a_killed_export_leaves_nothing_in_the_system_temp_folder_and_is_swept(
        run_cli: RunCli, export_ready_workspace: Path, passphrase_file: Path, tmp_path: Path) -> None:
    system_temp, usb = tmp_path / "system-temp", tmp_path / "usb"
    system_temp.mkdir()
    root = export_ready_workspace
    export = ("--workspace", root, "export", "--period", "2025H1", "--out", usb, "--passphrase-file", passphrase_file)

    killed = run_cli(*export, crash_at="export.package", env={"TMPDIR": str(system_temp)})

    assert killed.code == KILLED, killed.stderr
    assert list(system_temp.iterdir()) == []
    assert list((root / "tmp").iterdir()), "the kill should have caught the export's scratch folder"
    assert run_cli("--workspace", root, "info").code == 0
    assert list((root / "tmp").iterdir()) == []

    exported = run_cli(*export, "--json", env={"TMPDIR": str(system_temp)})
    assert exported.code == 0, exported.stderr
    package = Path(json.loads(exported.stdout)["package"])
    assert package.parent == usb and (root / "exports" / package.name).read_bytes() == package.read_bytes()
    assert list(system_temp.iterdir()) == []
    checked = run_cli("--workspace", root, "check", "--json")
    assert checked.code == 0, checked.stdout
    assert json.loads(checked.stdout)["integrity"]["packages_checked"] == 1


def test_an_export_killed_while_writing_its_workbook_leaves_the_sheet_scratch_only_in_the_workspace(
        run_cli: RunCli, export_ready_workspace: Path, passphrase_file: Path, tmp_path: Path) -> None:
    # openpyxl writes each worksheet to a scratch file first; by default in the system temp folder
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    root = export_ready_workspace

    killed = run_cli("--workspace", root, "export", "--period", "2025H1", "--out", tmp_path / "usb",
                     "--passphrase-file", passphrase_file, crash_at="xlsx.sheet", env={"TMPDIR": str(system_temp)})

    assert killed.code == KILLED, killed.stderr
    assert list(system_temp.iterdir()) == []
    assert [path.name for path in (root / "tmp").rglob(".openpyxl-*")], "the kill should leave the sheet's scratch"
    assert run_cli("--workspace", root, "info").code == 0
    assert list((root / "tmp").iterdir()) == []
