"""`hpdesk import-plan`: JSON contract, dry run, bad input exits 2 with one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def _hpdesk(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HPDESK_LANG="zh_CN")
    return subprocess.run([sys.executable, "-m", "hpdesk", "--workspace", str(workspace), *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def cli_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "w"
    assert _hpdesk(root, "init", "--region", "管城回族区", "--office", "管城回族区卫生健康委员会").returncode == 0
    return root


def test_json_reports_the_contract_fields_and_a_dry_run_writes_nothing(cli_workspace: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    sample = sample_copy("taian_task_breakdown.xlsx")
    dry = _hpdesk(cli_workspace, "import-plan", str(sample), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    payload = json.loads(dry.stdout)
    for key in ("kind", "actions", "tasks", "county_tasks", "indicators", "new", "changed", "withdrawn", "issues",
                "applied"):
        assert key in payload
    assert payload["applied"] is False
    assert {"sheet", "row", "column", "code", "detail"} <= set(payload["issues"][0])
    info = json.loads(_hpdesk(cli_workspace, "info", "--json").stdout)
    assert info["tasks"] == 0

    applied = json.loads(_hpdesk(cli_workspace, "import-plan", str(sample), "--json").stdout)
    assert (applied["applied"], applied["tasks"], applied["county_tasks"], applied["new"]) == (True, 124, 84, 124)
    again = json.loads(_hpdesk(cli_workspace, "import-plan", str(sample), "--json").stdout)
    assert (again["new"], again["unchanged"], again["plan"]["existing"]) == (0, 124, True)


def test_not_a_spreadsheet_exits_2_with_one_chinese_line(cli_workspace: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "通知.xlsx"
    bogus.write_text("这不是表格", encoding="utf-8")
    completed = _hpdesk(cli_workspace, "import-plan", str(bogus))
    assert completed.returncode == 2
    assert "通知.xlsx" in completed.stderr and "Traceback" not in completed.stderr
    assert completed.stderr.strip().count("\n") == 0
