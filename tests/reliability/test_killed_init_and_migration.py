"""A process killed during `init` or the first migration leaves a folder that the next `init` (or open) finishes.

Each test kills the real CLI with SIGKILL at a crash point (HPDESK_TEST_CRASH_AT), then runs the CLI again.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from reliability_cli import KILLED, OFFICE, REGION, RunCli

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")]


def _tables(db_file: Path) -> set[str]:
    connection = sqlite3.connect(db_file)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        connection.close()


def test_killed_before_the_first_migration_commits_leaves_no_half_schema(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    killed = run_cli("--workspace", root, "init", "--region", REGION, "--office", OFFICE, crash_at="migrate.commit")
    assert killed.code == KILLED, killed.stderr
    assert _tables(root / "hpdesk.sqlite") == set()  # the schema is all or nothing

    again = run_cli("--workspace", root, "init", "--region", REGION, "--office", OFFICE)
    assert again.code == 0, again.stderr
    checked = run_cli("--workspace", root, "check")
    assert checked.code == 0, checked.stdout + checked.stderr


def test_killed_before_the_office_is_committed_init_can_be_run_again(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "ws"
    killed = run_cli("--workspace", root, "init", "--region", REGION, "--office", OFFICE, crash_at="commit")
    assert killed.code == KILLED, killed.stderr

    again = run_cli("--workspace", root, "init", "--region", REGION, "--office", OFFICE)
    assert again.code == 0, again.stderr
    info = run_cli("--workspace", root, "info", "--json")
    assert info.code == 0 and OFFICE in info.stdout
    assert run_cli("--workspace", root, "check").code == 0
