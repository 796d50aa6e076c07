"""The audit trail is hash-chained: any edit to a stored event is detected."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.services import audit
from hpdesk.services.audit import AuditEntry, record_event, record_events, verify_audit_chain
from hpdesk.services.audit_seal import SESSION_KEY, verify_seal
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


def _add_events(workspace: Workspace, count: int) -> None:
    with workspace.database.unit_of_work() as session:
        for index in range(count):
            record_event(
                session, actor="tester", action="update", entity_type="unit", entity_id=index,
                before={"name": f"旧{index}"}, after={"name": f"新{index}"},
            )


def test_untouched_chain_verifies(workspace: Workspace) -> None:
    _add_events(workspace, 5)
    with workspace.database.read_only() as session:
        checked, problems = verify_audit_chain(session)
    assert checked == 6  # five plus the workspace's creation
    assert problems == []


def test_editing_a_stored_event_is_detected(workspace: Workspace) -> None:
    _add_events(workspace, 5)
    with workspace.database.engine.begin() as connection:
        connection.execute(text("UPDATE audit_event SET after = '{\"name\": \"改过\"}' WHERE entity_id = '2'"))
    with workspace.database.read_only() as session:
        _checked, problems = verify_audit_chain(session)
    assert [problem.problem for problem in problems] == ["hash_mismatch"]


def test_deleting_an_event_breaks_the_next_link(workspace: Workspace) -> None:
    _add_events(workspace, 5)
    with workspace.database.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_event WHERE entity_id = '2'"))
    with workspace.database.read_only() as session:
        _checked, problems = verify_audit_chain(session)
    assert [problem.problem for problem in problems] == ["broken_link"]


def test_rolled_back_change_leaves_no_event(workspace: Workspace) -> None:
    try:
        with workspace.database.unit_of_work() as session:
            record_event(session, actor="tester", action="update", entity_type="unit", entity_id=1)
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    with workspace.database.read_only() as session:
        checked, _problems = verify_audit_chain(session)
    assert checked == 1


def test_an_event_after_a_rolled_back_one_in_the_same_session_links_to_the_stored_head(workspace: Workspace) -> None:
    """record_event carries the chain's head between calls; a rolled-back transaction's head must not leak into
    the next transaction of the same session."""
    with Session(workspace.database.engine) as session:
        with session.begin():
            record_event(session, actor="tester", action="update", entity_type="unit", entity_id="lost")
            session.flush()
            session.rollback()
        with session.begin():
            record_event(session, actor="tester", action="update", entity_type="unit", entity_id="kept")
    with workspace.database.read_only() as session:
        checked, problems = verify_audit_chain(session)
    assert (checked, problems) == (2, [])


def test_many_events_in_one_unit_of_work_are_stored_in_chain_order(workspace: Workspace) -> None:
    _add_events(workspace, 50)
    with workspace.database.read_only() as session:
        ids = [row[0] for row in session.execute(text("SELECT entity_id FROM audit_event ORDER BY id"))]
        checked, problems = verify_audit_chain(session)
    assert ids[1:] == [str(index) for index in range(50)]
    assert (checked, problems) == (51, [])


class _Undone(Exception):
    """Raised to roll a unit of work back after reading what it wrote."""


def _trail_as_written(session: Session) -> tuple[list[Any], Any]:
    """Every event's columns but the id (PostgreSQL does not reuse a rolled-back id), in chain order, and the
    seal, as this transaction sees them."""
    session.flush()
    rows = [tuple(row) for row in session.execute(text(
        "SELECT at, actor, action, entity_type, entity_id, summary, before, after, reason, prev_hash, hash "
        "FROM audit_event ORDER BY id"))]
    return rows, session.execute(text("SELECT value FROM setting WHERE key = 'audit_seal'")).scalar()


def test_a_batch_of_events_is_stored_with_the_rows_chain_and_seal_of_as_many_single_events(
        workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "now_iso", lambda: "2026-12-06T08:00:00+08:00")
    entries = [AuditEntry("update", "unit", index, f"第 {index} 个", before={"name": f"旧{index}"},
                          after={"name": f"新{index}", "aliases": [f"别名{index}"]}) for index in range(30)]
    trails = []
    for batched in (False, True):
        with pytest.raises(_Undone), workspace.database.unit_of_work() as session:
            # an event still pending in the session before the batch, and one after it
            record_event(session, actor="tester", action="create", entity_type="task", entity_id="before")
            if batched:
                record_events(session, actor="tester", entries=entries)
            else:
                for entry in entries:
                    record_event(session, actor="tester", **asdict(entry))
            record_event(session, actor="tester", action="create", entity_type="task", entity_id="after")
            trails.append(_trail_as_written(session))
            raise _Undone
    assert trails[0] == trails[1]
    assert [row[4] for row in trails[1][0]][1:] == ["before", *(str(index) for index in range(30)), "after"]


def test_a_batch_of_events_verifies_with_the_chain_and_the_seal(workspace: Workspace) -> None:
    with workspace.database.unit_of_work() as session:
        record_events(session, actor="tester", entries=[AuditEntry("update", "unit", index) for index in range(40)])
        record_events(session, actor="tester", entries=[])
    with workspace.database.read_only() as session:
        assert verify_audit_chain(session) == (41, [])
        assert verify_seal(session, workspace.database.session_info[SESSION_KEY]) == []  # type: ignore[arg-type]
