"""A shared office workspace on PostgreSQL (issue 17 items 1, 2, 5): creating and joining one, the password kept out
of the settings, moving an SQLite workspace over with its audit chain intact, and `check` on PostgreSQL."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from evidence_world import make_photo, seed_report
from pg_cluster import Cluster
from plan_builder import build_plan
from sqlalchemy import text

from hpdesk.domain.errors import UserError
from hpdesk.services.audit import verify_audit_chain
from hpdesk.services.evidence import add_evidence
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.reports import ReportChanges, set_report
from hpdesk.services.shared_workspace import init_shared_workspace, migrate_to_postgresql
from hpdesk.services.units import add_unit, list_units
from hpdesk.services.workspace import Workspace, open_workspace, office_profile
from hpdesk.storage.row_copy import count_rows

# Runs once, not on both back ends: the shared (PostgreSQL) workspace itself is what it checks.


def _create(tmp_path: Path, url: str, clerk: str = "clerk_a") -> Workspace:
    workspace, joined = init_shared_workspace(tmp_path / clerk, url=url, attachments=tmp_path / "share",
                                              region="管城回族区", office="管城回族区卫生健康委员会", actor=clerk)
    assert not joined
    return workspace


def test_a_new_shared_workspace_keeps_only_settings_log_and_temp_in_the_local_folder(pg_url: str,
                                                                                    tmp_path: Path) -> None:
    with _create(tmp_path, pg_url) as workspace:
        assert office_profile(workspace).name == "管城回族区卫生健康委员会"  # type: ignore[union-attr]
        assert workspace.database.is_postgresql
    local = {path.name for path in (tmp_path / "clerk_a").iterdir()}
    assert local <= {"database.json", "logs", "tmp", "workspace.lock"}
    assert {"blobs", "identity", "exports", "backups"} <= {path.name for path in (tmp_path / "share").iterdir()}
    assert (tmp_path / "share" / "identity" / "audit-chain.key").is_file()


def test_a_second_clerk_joins_the_office_and_each_sees_the_others_changes(pg_url: str, tmp_path: Path) -> None:
    first = _create(tmp_path, pg_url)
    second, joined = init_shared_workspace(tmp_path / "clerk_b", url=pg_url, attachments=tmp_path / "share",
                                           actor="clerk_b")
    try:
        assert joined
        add_unit(first, "区教育局")
        add_unit(second, "北下街街道", "street")
        assert {unit.name for unit in list_units(first)} == {unit.name for unit in list_units(second)} == {
            "区教育局", "北下街街道"}
        with second.database.read_only() as session:
            actors = session.execute(text("SELECT actor FROM audit_event WHERE entity_type = 'unit' ORDER BY id")).all()
            assert [actor for (actor,) in actors] == ["clerk_a", "clerk_b"]
            assert verify_audit_chain(session)[1] == []  # two processes' events, one unbroken chain
    finally:
        first.close()
        second.close()


def test_joining_with_a_mistyped_attachment_folder_is_refused_and_leaves_the_office_seal_alone(
        pg_url: str, tmp_path: Path) -> None:
    """A clerk typing the share's folder wrong (or joining before the share is connected) would have made a new audit
    key in that folder and re-sealed the office's trail with it: every colleague's `check` then failed."""
    _create(tmp_path, pg_url).close()
    typo = tmp_path / "shaer"
    with pytest.raises(UserError) as refused:
        init_shared_workspace(tmp_path / "clerk_b", url=pg_url, attachments=typo, actor="clerk_b")
    assert refused.value.code == "shared_identity_missing" and str(typo) in refused.value.message("zh")
    assert not typo.exists() and not (tmp_path / "clerk_b" / "database.json").exists()
    with open_workspace(tmp_path / "clerk_a", actor="clerk_a") as first:
        report = check_workspace(first)
        assert report.sound and report.integrity.audit_rekeyed_at == []


def test_a_local_folder_that_already_is_a_shared_workspace_is_not_initialised_again(pg_url: str,
                                                                                   tmp_path: Path) -> None:
    _create(tmp_path, pg_url).close()
    with pytest.raises(UserError) as refused:
        init_shared_workspace(tmp_path / "clerk_a", url=pg_url, attachments=tmp_path / "share")
    assert refused.value.code == "workspace_exists"
    assert "（）" not in refused.value.message("zh")


def test_damaged_settings_are_written_anew_by_init_as_their_message_says(pg_url: str, tmp_path: Path) -> None:
    """`shared_settings_invalid` says to run `hpdesk init --database … --attachments …` again, which refused: the
    folder 'already is a workspace' (its unreadable settings), so the clerk went round in a circle."""
    _create(tmp_path, pg_url).close()
    (tmp_path / "clerk_a" / "database.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(UserError) as refused:
        open_workspace(tmp_path / "clerk_a")
    assert refused.value.code == "shared_settings_invalid"
    workspace, joined = init_shared_workspace(tmp_path / "clerk_a", url=pg_url, attachments=tmp_path / "share",
                                              actor="clerk_a")
    with workspace:
        assert joined and office_profile(workspace) is not None


def test_a_password_is_kept_in_a_private_file_and_never_in_the_settings(pg_url: str, tmp_path: Path) -> None:
    with_password = pg_url.replace("@", ":s3cret:pa\\ss@", 1)
    workspace, _ = init_shared_workspace(tmp_path / "clerk", url=with_password, attachments=tmp_path / "share",
                                         region="管城回族区", office="管城回族区卫生健康委员会")
    workspace.close()
    settings = (tmp_path / "clerk" / "database.json").read_text(encoding="utf-8")
    assert "s3cret" not in settings and json.loads(settings)["url"] == pg_url
    passfile = tmp_path / "clerk" / "pgpass"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
    assert passfile.read_text(encoding="utf-8").rstrip("\n").endswith(":s3cret\\:pa\\\\ss")


def test_an_unreachable_server_is_one_clear_message_and_leaves_no_settings(tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        init_shared_workspace(tmp_path / "clerk", url="postgresql://clerk@127.0.0.1:1/hpdesk",
                              attachments=tmp_path / "share", region="管城回族区", office="管城回族区卫生健康委员会")
    assert refused.value.code == "database_unreachable"
    assert not (tmp_path / "clerk" / "database.json").exists()


def test_a_url_that_is_not_postgresql_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        init_shared_workspace(tmp_path / "clerk", url="mysql://clerk@server/hpdesk", attachments=tmp_path / "s")
    assert refused.value.code == "database_url_invalid"


def test_moving_an_sqlite_workspace_copies_every_row_and_file_with_the_audit_chain_intact(
        workspace: Workspace, pg_url: str, tmp_path: Path) -> None:
    build_plan(workspace)
    seeded = seed_report(workspace)
    set_report(workspace, *seeded.address, ReportChanges(narrative="讲座3场"))
    add_evidence(workspace, seeded.report_id, kind="photo", title="讲座照片", files=[make_photo(tmp_path / "a.jpg")])
    root = workspace.root
    with workspace.database.engine.connect() as connection:
        before = count_rows(connection)
    workspace.close()

    moved = migrate_to_postgresql(root, url=pg_url, attachments=tmp_path / "share", actor="tester")

    assert moved.rows_per_table == before and before["audit_event"] >= 3 and before["attachment"] == 1
    assert moved.source_check.sound and moved.target_check.sound, moved.target_check
    assert moved.target_check.attachments_checked == 1 and moved.target_check.audit_events_checked == before["audit_event"]
    assert (moved.kept_in / "hpdesk.sqlite").is_file()
    with open_workspace(root, actor="tester") as shared:
        assert shared.database.is_postgresql
        set_report(shared, *seeded.address, ReportChanges(narrative="讲座4场"))  # ids continue after the copied ones
        assert check_workspace(shared).sound


def test_moving_into_a_database_that_holds_data_is_refused(workspace: Workspace, pg_url: str, tmp_path: Path) -> None:
    _create(tmp_path, pg_url).close()
    root = workspace.root
    workspace.close()
    with pytest.raises(UserError) as refused:
        migrate_to_postgresql(root, url=pg_url, attachments=tmp_path / "share2")
    assert refused.value.code == "migrate_target_not_empty"
    assert (root / "hpdesk.sqlite").is_file()


def test_moving_to_a_database_that_cannot_be_reached_is_one_clear_message(
        workspace: Workspace, pg_cluster: Cluster, tmp_path: Path) -> None:
    """A mistyped database name (or server, or password) was `内部错误：OperationalError …` with SQLAlchemy's link."""
    root = workspace.root
    workspace.close()
    with pytest.raises(UserError) as refused:
        migrate_to_postgresql(root, url=pg_cluster.url("hpdesk_no_such_database"), attachments=tmp_path / "share")
    assert refused.value.code == "database_unreachable" and "hpdesk_no_such_database" in refused.value.message("zh")
    assert (root / "hpdesk.sqlite").is_file() and not (tmp_path / "share").exists()


def test_moving_into_a_folder_another_shared_workspace_uses_is_refused_and_leaves_its_keys(
        workspace: Workspace, pg_url: str, pg_cluster: Cluster, tmp_path: Path) -> None:
    """The folder's identity/ (audit key, signing identity) was overwritten by the moved workspace's: the other
    workspace's check then failed (its trail re-keyed)."""
    _create(tmp_path, pg_url).close()  # a shared workspace already using tmp_path/share
    key = (tmp_path / "share" / "identity" / "audit-chain.key").read_bytes()
    root = workspace.root
    workspace.close()
    with pytest.raises(UserError) as refused:
        migrate_to_postgresql(root, url=pg_cluster.create_database("hpdesk_second_office"),
                              attachments=tmp_path / "share")
    assert refused.value.code == "migrate_attachments_in_use"
    assert (tmp_path / "share" / "identity" / "audit-chain.key").read_bytes() == key
    assert (root / "hpdesk.sqlite").is_file()
    with open_workspace(tmp_path / "clerk_a", actor="clerk_a") as first:
        assert check_workspace(first).sound


def test_check_on_postgresql_finds_a_trigger_and_a_sequence_behind_its_rows(pg_url: str, tmp_path: Path) -> None:
    with _create(tmp_path, pg_url) as workspace:
        add_unit(workspace, "区教育局")
        assert check_workspace(workspace).sound
        with workspace.database.engine.begin() as connection:
            connection.execute(text(
                "CREATE FUNCTION quiet() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql"))
            connection.execute(text("CREATE TRIGGER rewrite BEFORE UPDATE ON progress_report "
                                    "FOR EACH ROW EXECUTE FUNCTION quiet()"))
            connection.execute(text("SELECT setval(pg_get_serial_sequence('unit', 'id'), 1, false)"))
        found = check_workspace(workspace)
    assert not found.sound
    assert "unexpected trigger rewrite on progress_report" in found.integrity.schema_problems
    assert "the id sequence of unit is behind its rows" in found.database_integrity


def test_the_documented_server_set_up_gives_a_clerk_a_workspace_owned_by_the_office_role(
        pg_cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    guide = (Path(__file__).resolve().parents[2] / "docs" / "postgresql.md").read_text(encoding="utf-8")
    script = guide.split("```sql\n", 1)[1].split("```", 1)[0]
    before_connect, after_connect = script.split("\\c hpdesk_guancheng\n")
    for part, database in ((before_connect, "postgres"), (after_connect, "hpdesk_guancheng")):
        with psycopg.connect(pg_cluster.url(database), autocommit=True) as admin:
            for statement in (line.split("--")[0].strip() for line in part.splitlines()):
                if statement:
                    admin.execute(statement)  # type: ignore[arg-type]
    try:
        url = pg_cluster.url("hpdesk_guancheng", user="wang")
        with _create(tmp_path, url, clerk="wang") as workspace:
            add_unit(workspace, "区教育局")
            with workspace.database.read_only() as session:
                owners = set(session.scalars(text("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")))
                superuser = session.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"))
        assert owners == {"hpdesk_guancheng"} and superuser is False
    finally:
        pg_cluster.drop_database("hpdesk_guancheng")
        with psycopg.connect(pg_cluster.url(), autocommit=True) as admin:
            admin.execute("DROP ROLE IF EXISTS wang")
            admin.execute("DROP ROLE IF EXISTS hpdesk_guancheng")
