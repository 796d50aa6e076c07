"""Several clerks on one shared office database (issue 17 item 3), each with a real connection of their own: a save
over another clerk's change (also when it lands between the read and the write) is refused with "已被他人修改",
whole-workspace operations take turns on the advisory lock, which the server frees when its holder is killed,
SERIALIZABLE work is run again when the server refuses it, and each clerk sees what the others changed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from city_world import _small_signed_pdf
from evidence_world import seed_report
from export_fixture import EXPORT_TIME, PASSPHRASE, PERIOD, build_export_data
from sqlalchemy import text

from hpdesk.domain.errors import UserError
from hpdesk.services import reports
from hpdesk.services.clerks import change_token, changes_since
from hpdesk.services.desk import Desk
from hpdesk.services.exporting.submission import export_submission
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.periods import set_period_state
from hpdesk.services.reports import ReportChanges, get_report, set_report
from hpdesk.services.workspace import Workspace, open_workspace
from hpdesk.storage.period_store import find_period
from hpdesk.storage.pg_locks import WORKSPACE_OPERATION_KEY
from hpdesk.storage.shared_database import read_shared_settings, write_shared_settings

# Runs once, not on both back ends: two clerks on one PostgreSQL database is what it checks.

REPO_ROOT = Path(__file__).resolve().parents[2]

# A second clerk's process: open the shared workspace, take the whole-workspace lock, say so, wait to be killed.
HOLDER = """
import sys
from pathlib import Path
from hpdesk.services.workspace import open_workspace
workspace = open_workspace(Path(sys.argv[1]), actor="clerk_b")
with workspace.exclusive("import"):
    print("held", flush=True)
    sys.stdin.read()
"""


def _second_clerk_folder(pg_workspace_dir: Path, folder: Path) -> Path:
    """Another clerk's local folder for the same shared workspace (each clerk has their own)."""
    shared = read_shared_settings(pg_workspace_dir)
    assert shared is not None
    write_shared_settings(folder, shared.url, shared.attachments)
    return folder


@pytest.fixture
def two_clerks(pg_workspace_dir: Path, tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """clerk_a and clerk_b, each with an open workspace (own process state, own connections) on one database."""
    first = open_workspace(pg_workspace_dir, actor="clerk_a")
    second = open_workspace(_second_clerk_folder(pg_workspace_dir, tmp_path / "clerk_b"), actor="clerk_b")
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def test_a_save_over_a_report_another_clerk_changed_is_refused_naming_who_and_what(
        two_clerks: tuple[Workspace, Workspace]) -> None:
    a, b = two_clerks
    address = seed_report(a).address
    seen = set_report(a, *address, ReportChanges(narrative="讲座2场"))
    set_report(b, *address, ReportChanges(narrative="讲座3场"), expected_version=seen.version)

    with pytest.raises(UserError) as refused:
        Desk(a).save_report_seen(seen.version, *address, ReportChanges(problems="场地不足"))  # the GUI's way to save

    assert refused.value.code == "report_changed_by_other"
    assert refused.value.params["who"] == "clerk_b" and refused.value.params["changes"] == "工作进展"
    assert "已被他人修改" in refused.value.message("zh")
    stored = get_report(a, *address)
    assert stored is not None and (stored.narrative, stored.problems) == ("讲座3场", "")


def test_a_save_that_loses_the_race_to_another_clerk_is_refused_and_overwrites_nothing(
        two_clerks: tuple[Workspace, Workspace], monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = two_clerks
    address = seed_report(a).address
    set_report(a, *address, ReportChanges(narrative="讲座2场"))
    real_check = reports.refuse_if_changed

    def other_clerk_saves_meanwhile(session, report, expected_version):  # type: ignore[no-untyped-def]
        # clerk_a's transaction has read the report (and found it unchanged); clerk_b commits before it writes
        monkeypatch.setattr(reports, "refuse_if_changed", real_check)
        set_report(b, *address, ReportChanges(narrative="讲座3场"))
        real_check(session, report, expected_version)

    monkeypatch.setattr(reports, "refuse_if_changed", other_clerk_saves_meanwhile)
    with pytest.raises(UserError) as refused:
        set_report(a, *address, ReportChanges(problems="场地不足"))  # no expected version: only the race itself can refuse it

    assert refused.value.code == "report_changed_by_other" and refused.value.params["who"] == "clerk_b"
    stored = get_report(a, *address)
    assert stored is not None and (stored.narrative, stored.problems) == ("讲座3场", "")
    assert check_workspace(a).sound  # clerk_a's refused save left no audit event and no fork in the chain


def test_two_exports_at_once_take_turns_and_both_are_recorded(two_clerks: tuple[Workspace, Workspace],
                                                              tmp_path: Path) -> None:
    a, b = two_clerks
    build_export_data(a, tmp_path / "originals")  # the identity lands in the shared folder: clerk_b signs too
    attempts: list[UserError] = []

    def pdf_while_the_other_clerk_exports(*args):  # type: ignore[no-untyped-def]
        with pytest.raises(UserError) as busy:  # clerk_a is inside its export now, holding the lock
            export_submission(b, PERIOD, tmp_path / "out-b", PASSPHRASE, "2", now=EXPORT_TIME,
                              pdf_builder=_small_signed_pdf)
        attempts.append(busy.value)
        return _small_signed_pdf(*args)

    first = export_submission(a, PERIOD, tmp_path / "out-a", PASSPHRASE, "1", now=EXPORT_TIME,
                              pdf_builder=pdf_while_the_other_clerk_exports)
    second = export_submission(b, PERIOD, tmp_path / "out-b", PASSPHRASE, "2", now=EXPORT_TIME,
                               pdf_builder=_small_signed_pdf)

    assert attempts[0].code == "workspace_operation_busy" and attempts[0].params["holder"] == "clerk_a:export"
    assert (first.sequence, second.sequence) == (1, 2) and first.period_locked and not second.period_locked
    assert not list((tmp_path / "out-b").glob("*-报送包-1.zip"))  # the refused attempt wrote nothing
    assert check_workspace(b).sound


def test_a_period_lock_waits_for_no_one_and_says_who_holds_the_workspace(
        two_clerks: tuple[Workspace, Workspace]) -> None:
    a, b = two_clerks
    label = seed_report(a).period_label
    with b.exclusive("import"), pytest.raises(UserError) as busy:
        set_period_state(a, label, "locked")
    assert busy.value.code == "workspace_operation_busy" and busy.value.params["holder"] == "clerk_b:import"
    assert set_period_state(a, label, "locked").state == "locked"  # once clerk_b is done


def test_serializable_work_overtaken_by_another_clerk_is_run_again_from_the_start(
        two_clerks: tuple[Workspace, Workspace]) -> None:
    a, b = two_clerks
    label = seed_report(a).period_label
    attempts: list[str] = []

    def rename(session):  # type: ignore[no-untyped-def]
        period = find_period(session, label)  # the transaction's snapshot is taken here
        attempts.append(period.state)
        if len(attempts) == 1:
            set_period_state(b, label, "submitted")  # clerk_b changes the same row and commits
        period.name = "2025年上半年（更正）"
        session.flush()

    a.database.run_serializable(rename)

    assert attempts == ["open", "submitted"]  # refused once (40001), then run on the new state
    with a.database.read_only() as session:
        period = find_period(session, label)
        assert (period.state, period.name) == ("submitted", "2025年上半年（更正）")


def test_a_client_killed_while_holding_the_workspace_lock_loses_it(pg_workspace_dir: Path, tmp_path: Path) -> None:
    folder = _second_clerk_folder(pg_workspace_dir, tmp_path / "clerk_b")
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), *sys.path])})
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with open_workspace(pg_workspace_dir, actor="clerk_a") as a:
            with pytest.raises(UserError) as busy, a.exclusive("restore"):
                pass
            assert busy.value.params["holder"] == "clerk_b:import"
            child.kill()  # SIGKILL: no finally, no unlock; only the server can free the lock now
            child.wait()
            with a.database.engine.connect() as connection:  # the server's own wait, not a sleep in the test
                connection.execute(text("SET lock_timeout = '60s'"))
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": WORKSPACE_OPERATION_KEY})
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": WORKSPACE_OPERATION_KEY})
            with a.exclusive("restore"):
                held_by_a = True
        assert held_by_a
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_each_clerk_sees_what_the_others_changed_since_a_token(two_clerks: tuple[Workspace, Workspace]) -> None:
    a, b = two_clerks
    address = seed_report(a).address
    token = change_token(a)
    set_report(a, *address, ReportChanges(narrative="讲座2场"))  # clerk_a's own change: not news to clerk_a
    set_report(b, *address, ReportChanges(narrative="讲座3场"))

    news = changes_since(a, token)

    assert change_token(a) == change_token(b) > token
    assert [(change.actor, change.entity_type, change.action) for change in news] == [("clerk_b", "report", "update")]
    assert changes_since(a, change_token(a)) == []
