"""`hpdesk init --database … --attachments …`, `hpdesk migrate-to-postgresql` and `hpdesk clerk` (issue 17 item 1):
creating and joining a shared workspace, the password only in the 0600 pgpass file, never on the command line, and
moving an SQLite workspace onto PostgreSQL with `check` sound on both sides."""

from __future__ import annotations

import getpass
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

# Runs once, not on both back ends: these commands are about PostgreSQL (and moving an SQLite workspace onto it).

REPO_ROOT = Path(__file__).resolve().parents[2]


def _hpdesk(*args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    env["HPDESK_LANG"] = "zh_CN"
    return subprocess.run([sys.executable, "-m", "hpdesk", *args], capture_output=True, text=True, env=env,
                          timeout=180, cwd=REPO_ROOT)


def test_init_creates_a_shared_workspace_and_a_second_clerk_joins_it(pg_url: str, tmp_path: Path) -> None:
    password_file = tmp_path / "password.txt"
    password_file.write_text("s3cret\n", encoding="utf-8")
    created = _hpdesk("--workspace", str(tmp_path / "a"), "init", "--database", pg_url, "--attachments",
                      str(tmp_path / "share"), "--region", "管城回族区", "--office", "管城回族区卫生健康委员会",
                      "--password-file", str(password_file), "--json")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["joined"] is False
    joined = _hpdesk("--workspace", str(tmp_path / "b"), "init", "--database", pg_url, "--attachments",
                     str(tmp_path / "share"))
    assert joined.returncode == 0, joined.stderr
    assert "已加入共享工作区" in joined.stdout and "管城回族区卫生健康委员会" in joined.stdout

    passfile = tmp_path / "a" / "pgpass"
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600 and passfile.read_text().rstrip().endswith(":s3cret")
    assert "s3cret" not in (tmp_path / "a" / "database.json").read_text(encoding="utf-8")
    info = json.loads(_hpdesk("--workspace", str(tmp_path / "b"), "info", "--json").stdout)
    assert info["office"] == "管城回族区卫生健康委员会"


def test_a_password_in_the_url_is_refused_in_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    refused = _hpdesk("--workspace", str(tmp_path / "a"), "init", "--database",
                      "postgresql://clerk:s3cret@server/hpdesk", "--attachments", str(tmp_path / "share"))
    assert refused.returncode == 2
    assert "不要把密码写在数据库地址里" in refused.stderr and refused.stderr.strip().count("\n") == 0
    assert not (tmp_path / "a" / "database.json").exists()


def test_init_without_an_office_or_a_database_says_what_is_missing(tmp_path: Path) -> None:
    refused = _hpdesk("--workspace", str(tmp_path / "a"), "init", "--region", "管城回族区")
    assert refused.returncode == 2 and "--office" in refused.stderr and "Traceback" not in refused.stderr


def test_migrate_to_postgresql_moves_the_workspace_and_check_passes_on_both_sides(pg_url: str,
                                                                                   tmp_path: Path) -> None:
    root = str(tmp_path / "ws")
    assert _hpdesk("--workspace", root, "init", "--region", "管城回族区", "--office", "管城回族区卫生健康委员会").returncode == 0
    assert _hpdesk("--workspace", root, "unit", "add", "北下街街道", "--type", "street").returncode == 0

    moved = _hpdesk("--workspace", root, "migrate-to-postgresql", pg_url, "--attachments", str(tmp_path / "share"),
                    "--json")

    assert moved.returncode == 0, moved.stderr
    result = json.loads(moved.stdout)
    assert result["source_sound"] and result["target_sound"] and result["rows_per_table"]["unit"] == 1
    assert (Path(result["kept_in"]) / "hpdesk.sqlite").is_file()
    assert not (tmp_path / "ws" / "hpdesk.sqlite").exists()
    check = _hpdesk("--workspace", root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    units = json.loads(_hpdesk("--workspace", root, "unit", "list", "--json").stdout)
    assert [unit["name"] for unit in units] == ["北下街街道"]


def test_clerks_are_registered_and_listed_with_their_roles(tmp_path: Path) -> None:
    root = str(tmp_path / "ws")
    _hpdesk("--workspace", root, "init", "--region", "管城回族区", "--office", "管城回族区卫生健康委员会")
    _hpdesk("--workspace", root, "unit", "add", "北下街街道", "--type", "street")
    me = _hpdesk("--workspace", root, "clerk", "add", getpass.getuser(), "--role", "reviewer")
    assert me.returncode == 0, me.stderr
    added = _hpdesk("--workspace", root, "clerk", "add", "li", "--role", "filler", "--unit", "北下街街道", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["units"] == ["北下街街道"]
    listed = json.loads(_hpdesk("--workspace", root, "clerk", "list", "--json").stdout)
    assert {clerk["login"]: clerk["role_label"] for clerk in listed}["li"] == "填报"


def test_registering_someone_else_as_the_first_clerk_warns_that_this_login_is_left_out(tmp_path: Path) -> None:
    """`hpdesk clerk add Wang --role reviewer` typed by wang (a case typo) left wang unregistered, able to change
    nothing checked and to manage no clerk, without a word; the command now says so at once."""
    root = str(tmp_path / "ws")
    _hpdesk("--workspace", root, "init", "--region", "管城回族区", "--office", "管城回族区卫生健康委员会")
    someone = _hpdesk("--workspace", root, "clerk", "add", getpass.getuser() + "_typo", "--role", "reviewer")
    assert someone.returncode == 0, someone.stderr
    assert f"您的登录名 {getpass.getuser()} 没有登记为经办人" in someone.stderr
    me = tmp_path / "me"
    mine = _hpdesk("--workspace", str(me), "init", "--region", "管城回族区", "--office", "管城回族区卫生健康委员会")
    assert mine.returncode == 0
    assert _hpdesk("--workspace", str(me), "clerk", "add", getpass.getuser(), "--role", "reviewer").stderr == ""
