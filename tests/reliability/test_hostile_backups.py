"""`hpdesk restore` of a hostile or damaged backup: one clear line, exit 2, and the workspace exactly as before.

Each backup is made from a genuine one (tests/reliability/backup_crafting.py) with one thing wrong: a zip bomb, a
database from a newer hpdesk, a missing attachment, a trigger or other schema object hpdesk never creates, a
malformed backup.json.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from backup_crafting import craft, database_bytes
import reliability_cli
from reliability_cli import RunCli, copy_workspace

pytestmark = pytest.mark.slow

MB = 1024 * 1024


@pytest.fixture(scope="module")
def genuine_backup(export_ready_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A backup of the export-ready workspace made by the CLI (once: tests only read it)."""
    folder = tmp_path_factory.mktemp("genuine")
    made = reliability_cli.run_cli("--workspace", copy_workspace(export_ready_template, folder / "ws"), "backup", folder / "b.zip")
    assert made.code == 0, made.stderr
    return folder / "b.zip"


@pytest.fixture
def existing(hpdesk_workspace: Path) -> tuple[Path, bytes]:
    """A workspace a hostile restore must leave byte-identical (database) and without a replaced-* folder."""
    return hpdesk_workspace, database_bytes(hpdesk_workspace)


def _assert_refused_and_untouched(result, existing: tuple[Path, bytes], word: str) -> None:  # type: ignore[no-untyped-def]
    root, before = existing
    assert result.one_clear_line, result
    assert word in result.stderr, result.stderr
    assert database_bytes(root) == before
    assert not list(root.glob("backups/replaced-*")) and not list(root.glob(".restore-*"))


def test_a_genuine_backup_restores_over_an_existing_workspace(
        run_cli: RunCli, genuine_backup: Path, existing: tuple[Path, bytes]) -> None:
    root, _ = existing
    restored = run_cli("--workspace", root, "restore", genuine_backup, "--force")
    assert restored.code == 0, restored.stderr
    assert run_cli("--workspace", root, "check").code == 0
    assert len(list(root.glob("backups/replaced-*/hpdesk.sqlite"))) == 1


def test_a_zip_bomb_member_nobody_names_is_never_unpacked(
        run_cli: RunCli, genuine_backup: Path, tmp_path: Path) -> None:
    zeros = bytes(64 * MB)
    sha = hashlib.sha256(zeros).hexdigest()
    bomb = craft(genuine_backup, tmp_path / "bomb.zip", add={f"blobs/{sha[:2]}/{sha}": (zeros, zipfile.ZIP_DEFLATED)})
    assert bomb.stat().st_size < 2 * MB
    target = tmp_path / "restored"
    assert run_cli("--workspace", target, "restore", bomb).code == 0
    assert not (target / "blobs" / sha[:2] / sha).exists()


def test_a_zip_bomb_the_database_names_is_refused_before_it_expands(
        run_cli: RunCli, genuine_backup: Path, existing: tuple[Path, bytes], tmp_path: Path) -> None:
    zeros = bytes(64 * MB)
    sha = hashlib.sha256(zeros).hexdigest()

    def name_it(connection):  # type: ignore[no-untyped-def]
        connection.execute("INSERT INTO attachment (sha256, size, media_type, original_name, created_at) "
                           "VALUES (?, ?, 'application/pdf', 'bomb.pdf', '2025-01-01T00:00:00')", (sha, len(zeros)))

    bomb = craft(genuine_backup, tmp_path / "bomb.zip", edit_db=name_it,
                 add={f"blobs/{sha[:2]}/{sha}": (zeros, zipfile.ZIP_DEFLATED)})
    result = run_cli("--workspace", existing[0], "restore", bomb, "--force")
    _assert_refused_and_untouched(result, existing, "压缩")


def test_a_database_from_a_newer_hpdesk_is_refused_before_the_swap(
        run_cli: RunCli, genuine_backup: Path, existing: tuple[Path, bytes], tmp_path: Path) -> None:
    newer = craft(genuine_backup, tmp_path / "newer.zip",
                  edit_db=lambda c: c.execute("UPDATE alembic_version SET version_num = '9999'"))
    result = run_cli("--workspace", existing[0], "restore", newer, "--force")
    _assert_refused_and_untouched(result, existing, "更新版本")
    assert run_cli("--workspace", existing[0], "check").code == 0


def test_a_backup_missing_an_attachment_file_is_refused(
        run_cli: RunCli, genuine_backup: Path, existing: tuple[Path, bytes], tmp_path: Path) -> None:
    with zipfile.ZipFile(genuine_backup) as archive:
        victim = next(name for name in archive.namelist() if name.startswith("blobs/"))
    lacking = craft(genuine_backup, tmp_path / "lacking.zip", drop=lambda name: name == victim)
    result = run_cli("--workspace", existing[0], "restore", lacking, "--force")
    _assert_refused_and_untouched(result, existing, "缺少")


@pytest.mark.parametrize("statement", [
    "CREATE TRIGGER rewrite AFTER UPDATE ON progress_report BEGIN "
    "UPDATE progress_report SET narrative = '已完成' ; END",
    "CREATE VIEW everything AS SELECT * FROM progress_report",
    "CREATE INDEX ix_extra ON progress_report (narrative)",
    "CREATE TABLE smuggled (payload BLOB)",
    "DROP INDEX ix_progress_report_period_review",
], ids=["trigger", "view", "index", "table", "dropped-index"])
def test_a_database_with_a_schema_hpdesk_did_not_create_is_refused(
        run_cli: RunCli, genuine_backup: Path, existing: tuple[Path, bytes], tmp_path: Path, statement: str) -> None:
    tampered = craft(genuine_backup, tmp_path / "tampered.zip", edit_db=lambda c: c.execute(statement))
    result = run_cli("--workspace", existing[0], "restore", tampered, "--force")
    _assert_refused_and_untouched(result, existing, "不会建立的结构")


def _delete_last_event(connection) -> None:  # type: ignore[no-untyped-def]
    connection.execute("DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")


def _rewrite_last_hash(connection) -> None:  # type: ignore[no-untyped-def]
    connection.execute("UPDATE audit_event SET hash = ? WHERE id = (SELECT max(id) FROM audit_event)", ("f" * 64,))


@pytest.mark.parametrize("edit", [_delete_last_event, lambda c: c.execute("DELETE FROM audit_event"),
                                  _rewrite_last_hash], ids=["last-event-deleted", "all-deleted", "head-rewritten"])
def test_a_backup_whose_audit_trail_differs_from_its_anchor_is_refused_before_the_swap(
        run_cli: RunCli, genuine_backup: Path, existing: tuple[Path, bytes], tmp_path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    # backup.json's "audit" anchor stays as the genuine backup wrote it; the database's member hash is made to match
    tampered = craft(genuine_backup, tmp_path / "tampered.zip", edit_db=edit)
    result = run_cli("--workspace", existing[0], "restore", tampered, "--force")
    _assert_refused_and_untouched(result, existing, "审计记录")


def test_a_backup_made_before_anchors_existed_still_restores(
        run_cli: RunCli, genuine_backup: Path, tmp_path: Path) -> None:
    older = craft(genuine_backup, tmp_path / "older.zip", manifest=_without("audit"))
    assert run_cli("--workspace", tmp_path / "restored", "restore", older).code == 0


def _set_member(field: str, value: object):  # type: ignore[no-untyped-def]
    def rewrite(manifest: dict) -> dict:
        manifest["members"][0][field] = value
        return manifest
    return rewrite


def _without(key: str):  # type: ignore[no-untyped-def]
    def rewrite(manifest: dict) -> dict:
        del manifest[key]
        return manifest
    return rewrite


MALFORMED = {
    "not-json": lambda manifest: b"{not json",
    "not-utf8": lambda manifest: b"\xff\xfe\x00garbage",
    "a-list": lambda manifest: [manifest],
    "no-format": _without("format"),
    "no-members": _without("members"),
    "members-a-string": lambda manifest: {**manifest, "members": "hpdesk.sqlite"},
    "member-a-number": lambda manifest: {**manifest, "members": [7]},
    "size-a-string": _set_member("size", "12"),
    "size-negative": _set_member("size", -1),
    "size-a-bool": _set_member("size", True),
    "sha-missing": _set_member("sha256", None),
    "duplicate": lambda manifest: {**manifest, "members": manifest["members"] + manifest["members"][:1]},
    "audit-a-string": lambda manifest: {**manifest, "audit": "42"},
    "audit-count-a-bool": lambda manifest: {**manifest, "audit": {**manifest["audit"], "count": True}},
    "audit-head-not-a-hash": lambda manifest: {**manifest, "audit": {**manifest["audit"], "head": "../x"}},
}


@pytest.mark.parametrize("name", [".", "..", "/etc/passwd", "blobs/../../outside", "identity\\..\\..\\x",
                                  "identity/../../outside", "thumbs/x", "C:/x"])
def test_a_member_with_an_unsafe_name_gives_one_clear_line(
        run_cli: RunCli, genuine_backup: Path, existing: tuple[Path, bytes], tmp_path: Path, name: str) -> None:
    # the member is really in the zip and declared in backup.json, with its true size and hash
    hostile = craft(genuine_backup, tmp_path / "hostile.zip", add={name: (b"planted", zipfile.ZIP_STORED)})
    result = run_cli("--workspace", existing[0], "restore", hostile, "--force")
    _assert_refused_and_untouched(result, existing, "不是有效的 hpdesk 备份")
    assert not (existing[0].parent / "outside").exists() and not (existing[0] / "thumbs" / "x").exists()


@pytest.mark.parametrize("kind", sorted(MALFORMED))
def test_a_malformed_backup_json_gives_one_clear_line(
        run_cli: RunCli, genuine_backup: Path, existing: tuple[Path, bytes], tmp_path: Path, kind: str) -> None:
    malformed = craft(genuine_backup, tmp_path / "malformed.zip", manifest=MALFORMED[kind])
    result = run_cli("--workspace", existing[0], "restore", malformed, "--force")
    _assert_refused_and_untouched(result, existing, "不是有效的 hpdesk 备份")
    assert not (existing[0].parent / "outside").exists()
