"""A second process on the same workspace gets a clear message and cannot write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hpdesk.domain.errors import UserError
from hpdesk.services.workspace import open_workspace

HOLDER = """
import sys
from pathlib import Path
from hpdesk.services.workspace import open_workspace
workspace = open_workspace(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()
workspace.close()
"""


@pytest.fixture
def workspace_held_by_another_process(workspace_dir: Path):  # type: ignore[no-untyped-def]
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(workspace_dir)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    yield workspace_dir
    holder.communicate("\n", timeout=30)


def test_second_process_is_refused_with_the_holders_pid(workspace_held_by_another_process: Path) -> None:
    with pytest.raises(UserError) as refused:
        open_workspace(workspace_held_by_another_process)
    assert refused.value.code == "workspace_busy"
    assert str(refused.value.params["pid"]).isdigit()
    assert "另一个 hpdesk" in refused.value.message("zh")


def test_second_cli_process_prints_one_line_and_exits_2(workspace_held_by_another_process: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "hpdesk", "--workspace", str(workspace_held_by_another_process), "info"],
        capture_output=True, text=True, env={"HPDESK_LANG": "zh_CN", "PATH": "/usr/bin:/bin"}, timeout=60,
    )
    assert completed.returncode == 2
    assert "正被另一个 hpdesk 程序使用" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_lock_is_released_when_the_workspace_closes(workspace_dir: Path) -> None:
    open_workspace(workspace_dir).close()
    open_workspace(workspace_dir).close()
