"""`hpdesk check`'s own look at an SQLite database file (PRAGMA integrity_check and foreign_key_check, run on a
connection of its own beside the re-hashing of the blobs): what each finds reaches the report."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hpdesk.services.maintenance import check_workspace
from hpdesk.services.workspace import open_workspace


def _damage(workspace_dir: Path, *statements: str) -> None:
    connection = sqlite3.connect(workspace_dir / "hpdesk.sqlite")
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("PRAGMA writable_schema = ON")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def test_check_counts_a_row_whose_parent_is_gone(workspace_dir: Path) -> None:
    _damage(workspace_dir, "INSERT INTO unit_alias (id, unit_id, alias) VALUES (1, 999, '无此单位')")
    with open_workspace(workspace_dir, actor="tester") as workspace:
        found = check_workspace(workspace)
    assert found.database_integrity == "ok"
    assert found.foreign_key_violations == 1
    assert not found.sound


def test_check_reports_an_index_that_disagrees_with_its_table(workspace_dir: Path) -> None:
    # the index's definition changed under its stored entries: SQLite's own check finds the row missing from it
    _damage(workspace_dir, "UPDATE sqlite_master SET sql = 'CREATE INDEX ix_audit_event_entity ON audit_event "
                           "(entity_id, entity_type)' WHERE name = 'ix_audit_event_entity'")
    with open_workspace(workspace_dir, actor="tester") as workspace:
        found = check_workspace(workspace)
    assert "missing from index ix_audit_event_entity" in found.database_integrity
    assert found.foreign_key_violations == 0
    assert not found.sound
