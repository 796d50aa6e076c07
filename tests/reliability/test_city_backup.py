"""A city workspace's backup carries what it received: every package under received/ab/<sha256> (the city's inbox,
content-addressed) is packed, declared in backup.json, and checked by restore like an attachment — a backup that lacks
one the database names is refused, and a genuine one restores them byte for byte."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from backup_crafting import craft, database_bytes
from reliability_cli import RunCli

pytestmark = pytest.mark.slow


def _package_like_zip() -> bytes:
    """A zip the inbox keeps and records (rejected: it is no signed package), as it keeps every file it is given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("data.json", json.dumps({"office": "中原区卫生健康委员会"}, ensure_ascii=False))
    return out.getvalue()


@pytest.fixture
def city_with_a_received_package(run_cli: RunCli, tmp_path: Path) -> tuple[Path, str]:
    root = tmp_path / "city"
    made = run_cli("--workspace", root, "init", "--region", "郑州市", "--office", "郑州市卫生健康委员会",
                   "--level", "city")
    assert made.code == 0, made.stderr
    package = tmp_path / "来件" / "中原区.zip"
    package.parent.mkdir()
    package.write_bytes(_package_like_zip())
    run_cli("--workspace", root, "receive", package)
    sha256 = hashlib.sha256(package.read_bytes()).hexdigest()
    assert (root / "received" / sha256[:2] / sha256).is_file()
    return root, sha256


def test_a_city_backup_carries_its_received_packages_and_restore_puts_them_back(
        run_cli: RunCli, city_with_a_received_package: tuple[Path, str], tmp_path: Path) -> None:
    root, sha256 = city_with_a_received_package
    backup = tmp_path / "city-backup.zip"
    assert run_cli("--workspace", root, "backup", backup).code == 0
    member = f"received/{sha256[:2]}/{sha256}"
    with zipfile.ZipFile(backup) as archive:
        declared = {entry["name"] for entry in json.loads(archive.read("backup.json"))["members"]}
        assert member in archive.namelist() and member in declared

    restored = tmp_path / "restored"
    result = run_cli("--workspace", restored, "restore", backup)

    assert result.code == 0, result.stderr
    assert (restored / member).read_bytes() == (root / member).read_bytes()
    assert run_cli("--workspace", restored, "inbox").code == 0
    assert run_cli("--workspace", restored, "check").code == 0


def test_a_city_backup_lacking_a_received_package_its_database_names_is_refused(
        run_cli: RunCli, city_with_a_received_package: tuple[Path, str], tmp_path: Path) -> None:
    root, sha256 = city_with_a_received_package
    genuine = tmp_path / "city-backup.zip"
    assert run_cli("--workspace", root, "backup", genuine).code == 0
    lacking = craft(genuine, tmp_path / "lacking.zip", drop=lambda name: name.startswith("received/"))
    before = database_bytes(root)

    result = run_cli("--workspace", root, "restore", lacking, "--force")

    assert result.one_clear_line, result
    assert "缺少" in result.stderr and sha256[:12] in result.stderr
    assert database_bytes(root) == before and not list(root.glob("backups/replaced-*"))
