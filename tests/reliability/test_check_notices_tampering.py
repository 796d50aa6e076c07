"""`hpdesk check` notices what the hash chain alone missed: events deleted from the end of the audit trail (the
last one, the last 500, all), a chain edited and re-hashed from scratch, a report changed without an audit event,
a trigger added to the database, and an exported package in exports/ altered or deleted. Each tampering is done
the way someone with an SQLite tool would do it, on a demo workspace made by the real CLI.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest
import reliability_cli
from reliability_cli import RunCli, copy_workspace

from hpdesk.services.audit import _event_hash, _hashed_fields

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo workspace (3,761 audit events, 1,061 reports, one exported package), made once."""
    root = tmp_path_factory.mktemp("demo") / "ws"
    made = reliability_cli.run_cli("--workspace", root, "demo", "--size", "small")
    assert made.code == 0, made.stderr
    return root


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    return copy_workspace(demo_template, tmp_path / "demo")


def _sql(root: Path, *statements: str) -> None:
    connection = sqlite3.connect(root / "hpdesk.sqlite")
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _check(run_cli: RunCli, root: Path) -> dict:
    checked = run_cli("--workspace", root, "check", "--json")
    assert checked.code in (0, 1), checked.stderr
    report = json.loads(checked.stdout)
    assert (checked.code == 0) == report["sound"]
    return report


def test_an_untouched_demo_workspace_is_sound(run_cli: RunCli, demo: Path) -> None:
    report = _check(run_cli, demo)
    assert report["sound"], report
    assert report["integrity"]["packages_checked"] == 1


@pytest.mark.parametrize("deleted", [1, 500, "all"])
def test_events_deleted_from_the_end_of_the_trail_are_noticed(run_cli: RunCli, demo: Path, deleted: object) -> None:
    if deleted == "all":
        _sql(demo, "DELETE FROM audit_event")
    else:
        _sql(demo, f"DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event ORDER BY id DESC LIMIT {deleted})")
    report = _check(run_cli, demo)
    assert not report["sound"]
    assert report["audit_problems"] == []  # the chain itself still verifies: only the seal can tell
    assert {p["problem"] for p in report["integrity"]["audit_seal_problems"]} >= {"events_missing"}


def test_a_chain_edited_and_re_hashed_from_scratch_is_noticed(run_cli: RunCli, demo: Path) -> None:
    connection = sqlite3.connect(demo / "hpdesk.sqlite")
    try:
        connection.execute("UPDATE audit_event SET summary = '无事发生' WHERE id = 10")
        previous = connection.execute("SELECT hash FROM audit_event WHERE id = 9").fetchone()[0]
        rows = connection.execute("SELECT id, at, actor, action, entity_type, entity_id, summary, before, after, "
                                  "reason FROM audit_event WHERE id >= 10 ORDER BY id").fetchall()
        for row in rows:
            event = SimpleNamespace(at=row[1], actor=row[2], action=row[3], entity_type=row[4], entity_id=row[5],
                                    summary=row[6], before=json.loads(row[7]) if row[7] else None,
                                    after=json.loads(row[8]) if row[8] else None, reason=row[9])
            digest = _event_hash(previous, _hashed_fields(event))
            connection.execute("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE id = ?", (previous, digest, row[0]))
            previous = digest
        connection.commit()
    finally:
        connection.close()
    report = _check(run_cli, demo)
    assert report["audit_problems"] == [], "the forgery re-hashed the chain consistently"
    assert {p["problem"] for p in report["integrity"]["audit_seal_problems"]} == {"head_mismatch"}


def test_a_report_changed_without_an_audit_event_is_noticed(run_cli: RunCli, demo: Path) -> None:
    _sql(demo, "UPDATE progress_report SET narrative = '已全部完成' WHERE id = 17")
    report = _check(run_cli, demo)
    assert report["integrity"]["reports_changed_without_audit"] == [17]
    assert not report["sound"]


def test_a_trigger_added_to_the_database_is_noticed(run_cli: RunCli, demo: Path) -> None:
    _sql(demo, "CREATE TRIGGER rewrite AFTER UPDATE ON progress_report BEGIN "
               "UPDATE progress_report SET narrative = '已完成'; END")
    report = _check(run_cli, demo)
    assert report["integrity"]["schema_problems"] == ["unexpected trigger rewrite"]
    assert not report["sound"]


@pytest.mark.parametrize("damage", ["altered", "deleted"])
def test_an_exported_package_altered_or_deleted_is_noticed(run_cli: RunCli, demo: Path, damage: str) -> None:
    (package,) = (demo / "exports").glob("*.zip")
    if damage == "deleted":
        package.unlink()
    else:
        data = bytearray(package.read_bytes())
        data[len(data) // 2] ^= 0x01
        package.write_bytes(bytes(data))
    report = _check(run_cli, demo)
    assert report["integrity"][f"packages_{'missing' if damage == 'deleted' else 'altered'}"] == [package.name]
    assert not report["sound"]
