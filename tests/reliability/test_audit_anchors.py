"""The audit trail's length and last hash are kept where cutting the trail back shows (issue 12, item 22): in the
signed manifest of every exported package and in every backup's backup.json. Someone who deletes events and the
seal with its key (so the seal is simply made anew on the next open, as for a workspace from before seals) is
still caught by `hpdesk check`, which names the package or the backup the trail no longer reaches."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
import reliability_cli
from reliability_cli import RunCli, copy_workspace

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo workspace (one exported package), made once by the real CLI."""
    root = tmp_path_factory.mktemp("anchors") / "ws"
    made = reliability_cli.run_cli("--workspace", root, "demo", "--size", "small")
    assert made.code == 0, made.stderr
    return root


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    return copy_workspace(demo_template, tmp_path / "demo")


def _cut_back(root: Path, keep: int) -> None:
    """Keep only the first `keep` audit events, and delete the seal and its key: what hides a truncation from the
    seal."""
    connection = sqlite3.connect(root / "hpdesk.sqlite")
    try:
        connection.execute("DELETE FROM audit_event WHERE id NOT IN (SELECT id FROM audit_event ORDER BY id LIMIT ?)",
                           (keep,))
        connection.execute("DELETE FROM setting WHERE key = 'audit_seal'")
        connection.commit()
    finally:
        connection.close()
    (root / "identity" / "audit-chain.key").unlink()


def _check(run_cli: RunCli, root: Path) -> dict:
    checked = run_cli("--workspace", root, "check", "--json")
    assert checked.code in (0, 1), checked.stderr
    return json.loads(checked.stdout)


def _package(root: Path) -> Path:
    (package,) = (root / "exports").glob("*.zip")
    return package


def _anchor(zip_path: Path, member: str) -> dict:
    with zipfile.ZipFile(zip_path) as archive:
        return json.loads(archive.read(member))["audit"]


def test_the_signed_manifest_of_an_export_names_the_trail_it_was_made_after(demo: Path) -> None:
    anchor = _anchor(_package(demo), "manifest.json")
    connection = sqlite3.connect(demo / "hpdesk.sqlite")
    try:
        count, = connection.execute("SELECT count(*) FROM audit_event").fetchone()
        at, = connection.execute("SELECT hash FROM audit_event ORDER BY id LIMIT 1 OFFSET ?",
                                 (anchor["count"] - 1,)).fetchone()
    finally:
        connection.close()
    assert 0 < anchor["count"] <= count and at == anchor["head"]


def test_a_trail_cut_back_below_an_export_is_noticed_although_the_seal_was_made_anew(run_cli: RunCli,
                                                                                     demo: Path) -> None:
    _cut_back(demo, _anchor(_package(demo), "manifest.json")["count"] - 1)
    report = _check(run_cli, demo)
    assert not report["sound"]
    assert report["integrity"]["audit_behind_anchor"] == [{"file": _package(demo).name, "problem": "truncated"}]


def test_a_trail_cut_back_below_a_backup_is_noticed_and_names_the_backup(run_cli: RunCli, demo: Path) -> None:
    (demo / "backups").mkdir(exist_ok=True)
    made = run_cli("--workspace", demo, "backup", demo / "backups" / "nightly.zip")
    assert made.code == 0, made.stderr
    _cut_back(demo, _anchor(demo / "backups" / "nightly.zip", "backup.json")["count"] - 1)  # after the export
    report = _check(run_cli, demo)
    assert not report["sound"]
    assert report["integrity"]["audit_behind_anchor"] == [{"file": "backups/nightly.zip", "problem": "truncated"}]
    checked = run_cli("--workspace", demo, "check")
    assert "之后被截断或改写 1（backups/nightly.zip）" in checked.stdout, checked.stdout


def test_an_untouched_workspace_reaches_every_anchor(run_cli: RunCli, demo: Path) -> None:
    report = _check(run_cli, demo)
    assert report["sound"], report
    assert report["integrity"]["anchors_checked"] == 1 and report["integrity"]["audit_behind_anchor"] == []
