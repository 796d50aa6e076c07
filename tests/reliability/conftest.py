"""Fixtures for the reliability suite: `run_cli` (the real CLI in a subprocess, see reliability_cli.py) and
`hpdesk_workspace`, an initialised workspace folder.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from reliability_cli import RunCli, copy_workspace, run_cli as _run_cli


@pytest.fixture
def run_cli() -> RunCli:
    """Run `python -m hpdesk *args` in a subprocess; returns CliResult(code, stdout, stderr), unpackable."""
    return _run_cli


@pytest.fixture
def hpdesk_workspace(tmp_path: Path, workspace_template: Path) -> Path:
    """An initialised workspace folder (a copy of the session's template, as made by `hpdesk init`)."""
    return copy_workspace(workspace_template, tmp_path / "ws")


@pytest.fixture(scope="session")
def export_ready_template(tmp_path_factory: pytest.TempPathFactory, workspace_template: Path) -> Path:
    """A workspace with a period (2025H1) ready to export, evidence files and a signing identity (built once)."""
    from export_fixture import build_export_data

    from hpdesk.services.workspace import open_workspace

    root = copy_workspace(workspace_template, tmp_path_factory.mktemp("export-ready") / "ws")
    with open_workspace(root, actor="tester") as workspace:
        build_export_data(workspace, tmp_path_factory.mktemp("export-originals"))
    return root


@pytest.fixture
def export_ready_workspace(tmp_path: Path, export_ready_template: Path) -> Path:
    """A private copy of `export_ready_template`; its passphrase file is `passphrase_file(root)`."""
    return copy_workspace(export_ready_template, tmp_path / "export-ws")


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    """A file holding the signing passphrase of `export_ready_workspace`."""
    from export_fixture import PASSPHRASE

    path = tmp_path / "passphrase.txt"
    path.write_text(PASSPHRASE, encoding="utf-8")
    return path


@pytest.fixture
def small_filesystem(tmp_path: Path) -> Iterator[Callable[[int], Path]]:
    """mount(size_kb) → a fresh tmpfs of that size (a real file system that fills up: ENOSPC), unmounted after the
    test; `make_read_only(path)` remounts it read-only (EROFS). Needs root; skipped elsewhere."""
    mounted: list[Path] = []

    def mount(size_kb: int) -> Path:
        target = tmp_path / f"fs{len(mounted)}"
        target.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(target)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
        mounted.append(target)
        return target

    yield mount
    for target in reversed(mounted):
        subprocess.run(["umount", "-l", str(target)], capture_output=True)
