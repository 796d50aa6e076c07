"""`hpdesk demo`: the README's run command fills a new workspace; an existing plan is refused in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hpdesk.services.demo.demo_small import DEMO_PASSPHRASE

# Runs once, not on both back ends: the small demo takes 27 s on SQLite and 65 s on PostgreSQL; the demo builders run
# on both in tests/services/test_demo.py.


def _hpdesk(*args: str, language: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    env["HPDESK_LANG"] = language
    return subprocess.run([sys.executable, "-m", "hpdesk", *args], capture_output=True, text=True, env=env,
                          timeout=600)


def test_demo_help_works_so_run_demo_uses_it() -> None:
    completed = _hpdesk("demo", "--help")
    assert completed.returncode == 0
    assert "--size" in completed.stdout and "--seed" in completed.stdout


def test_small_demo_fills_a_new_workspace_that_checks_sound(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    built = _hpdesk("--workspace", str(root), "demo", "--size", "small")
    assert built.returncode == 0, built.stderr
    assert "演示工作区已建立" in built.stdout
    assert "导入健康郑州行动任务表和指标表" in built.stderr  # the progress steps, in the zh_CN locale
    assert "已报送并锁定的报告期：" in built.stdout
    assert f"口令是：{DEMO_PASSPHRASE}" in built.stdout  # the demo made a signing identity: the passphrase is told
    info = json.loads(_hpdesk("--workspace", str(root), "info", "--json").stdout)
    assert info["office"] == "管城回族区卫生健康委员会"
    assert info["tasks"] == 143 and info["units"] == 40 and info["periods"] == 4
    assert info["reports"] > 0 and info["evidence"] > 0 and info["indicator_values"] > 0
    checked = _hpdesk("--workspace", str(root), "check")
    assert checked.returncode == 0, checked.stdout

    again = _hpdesk("--workspace", str(root), "demo", "--size", "small")
    assert again.returncode == 2
    assert "已有导入的计划" in again.stderr
    assert again.stderr.strip().count("\n") == 0 and "Traceback" not in again.stderr


def test_unknown_size_is_an_argument_error(tmp_path: Path) -> None:
    completed = _hpdesk("--workspace", str(tmp_path / "w"), "demo", "--size", "huge")
    assert completed.returncode == 2
    assert not (tmp_path / "w").exists()


@pytest.mark.parametrize(("language", "shown"), [("zh_CN", "正在保存记录"), ("en", "Saving the record")])
def test_the_cli_prints_progress_steps_in_the_process_locale(capsys, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                             language: str, shown: str) -> None:
    from hpdesk.cli.demo_commands import _StepPrinter
    from hpdesk.services.evidence import PROGRESS_SAVING
    from hpdesk.services.progress import report

    monkeypatch.setenv("HPDESK_LANG", language)
    report(_StepPrinter(), 1, 2, PROGRESS_SAVING)
    assert shown in capsys.readouterr().err
