"""The first-run wizard's "join a shared office database" (issue 17 item 1) through the façade: the new, empty
workspace on this PC makes way for the shared one (created with the wizard's office, or joined), the password only in
the local 0600 pgpass file, the empty workspace's files kept aside; a refusal leaves this PC's workspace as it was."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from hpdesk.domain.errors import UserError
from hpdesk.services.desk import Desk
from hpdesk.services.units import add_unit, list_units
from hpdesk.services.workspace import open_workspace


def _new_desk(folder: Path, actor: str) -> Desk:
    """What the app opens before the wizard: a new, empty workspace on this PC."""
    return Desk(open_workspace(folder, create=True, actor=actor))


def test_the_wizard_creates_a_new_shared_workspace_and_a_colleague_joins_it(pg_url: str, tmp_path: Path) -> None:
    first = _new_desk(tmp_path / "wang", "wang")
    try:
        office = first.join_shared_database(pg_url, "s3cret", tmp_path / "share", "管城回族区", "管城回族区卫生健康委员会")
        assert office is not None and office.name == "管城回族区卫生健康委员会"
        assert first.shared_database() == pg_url and first.workspace.database.is_postgresql
        add_unit(first.workspace, "区教育局")
    finally:
        first.close()
    local = tmp_path / "wang"
    settings = json.loads((local / "database.json").read_text(encoding="utf-8"))
    assert settings["url"] == pg_url and "s3cret" not in (local / "database.json").read_text(encoding="utf-8")
    assert "s3cret" in (local / "pgpass").read_text(encoding="utf-8")
    assert stat.S_IMODE((local / "pgpass").stat().st_mode) == 0o600
    kept = list(local.glob("before-shared-*"))
    assert len(kept) == 1 and (kept[0] / "hpdesk.sqlite").is_file()  # the empty workspace, kept, not deleted
    assert not (local / "hpdesk.sqlite").exists()

    second = _new_desk(tmp_path / "li", "li")  # a colleague's PC: no office typed, the database has one
    try:
        office = second.join_shared_database(pg_url, "", tmp_path / "share")
        assert office is not None and office.name == "管城回族区卫生健康委员会"
        assert [unit.name for unit in list_units(second.workspace)] == ["区教育局"]
    finally:
        second.close()
    with open_workspace(tmp_path / "li") as reopened:  # the next start opens the shared workspace
        assert Desk(reopened).shared_database() == pg_url


@pytest.mark.parametrize(("url", "code"), [
    ("mysql://wang@server/hpdesk", "database_url_invalid"),
    ("postgresql://wang:s3cret@server/hpdesk", "database_url_has_password_gui"),
])
def test_a_bad_address_is_refused_and_the_workspace_on_this_pc_is_unchanged(tmp_path: Path, url: str,
                                                                           code: str) -> None:
    desk = _new_desk(tmp_path / "wang", "wang")
    try:
        with pytest.raises(UserError) as refused:
            desk.join_shared_database(url, "", tmp_path / "share")
        assert refused.value.code == code
        assert desk.shared_database() is None and desk.office() is None  # still open, still this PC's
    finally:
        desk.close()
    assert (tmp_path / "wang" / "hpdesk.sqlite").is_file() and not list((tmp_path / "wang").glob("before-shared-*"))


def test_an_unreachable_database_puts_the_workspace_on_this_pc_back(pg_cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk = _new_desk(tmp_path / "wang", "wang")
    try:
        with pytest.raises(UserError) as refused:
            desk.join_shared_database(pg_cluster.url("no_such_database"), "", tmp_path / "share", "管城回族区",
                                      "管城回族区卫生健康委员会")
        assert refused.value.code == "database_unreachable"
        assert desk.shared_database() is None and desk.office() is None
    finally:
        desk.close()
    local = tmp_path / "wang"
    assert (local / "hpdesk.sqlite").is_file() and not (local / "database.json").exists()
    assert not list(local.glob("before-shared-*"))


def test_a_workspace_already_in_use_does_not_make_way(pg_url: str, tmp_path: Path) -> None:
    desk = _new_desk(tmp_path / "wang", "wang")
    try:
        desk.set_up_office(region="管城回族区", office="管城回族区卫生健康委员会")
        with pytest.raises(UserError) as refused:
            desk.join_shared_database(pg_url, "", tmp_path / "share")
        assert refused.value.code == "workspace_exists"
        assert desk.shared_database() is None
    finally:
        desk.close()
