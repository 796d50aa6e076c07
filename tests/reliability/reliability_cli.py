"""The real `hpdesk` CLI run in a subprocess for the reliability suite (fixtures in conftest.py use it).

`run_cli("--workspace", dir, "info")` returns a `CliResult` (exit code, stdout, stderr). `crash_at="name"` (or
"name#n" for the n-th passage) sets HPDESK_TEST_CRASH_AT, which makes the child SIGKILL itself exactly at that point
(see hpdesk/storage/crash_points.py); such a run's exit code is KILLED. Chinese messages are asked for (HPDESK_LANG),
so tests check the text a clerk would see.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CLI_TIMEOUT_SECONDS = 180
REGION, OFFICE = "管城回族区", "管城回族区卫生健康委员会"


@dataclass(frozen=True)
class CliResult:
    code: int
    stdout: str
    stderr: str

    def __iter__(self):  # type: ignore[no-untyped-def]
        # So a test may write `code, out, err = run_cli(...)`.
        return iter((self.code, self.stdout, self.stderr))

    @property
    def one_clear_line(self) -> bool:
        """Exit 2 with exactly one non-empty line on stderr and no traceback: the promise for a user's problem."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return self.code == 2 and len(lines) == 1 and "Traceback" not in self.stderr and "内部错误" not in self.stderr


RunCli = Callable[..., CliResult]
ATTACK_LOG = "HPDESK_ATTACK_LOG"  # set by bench/reliability_attacks.py: one line per CLI run, naming the test


def note_cli_run() -> None:
    """Count a run of the real CLI for the attack tally (bench/reliability_attacks.py); nothing when not tallying."""
    log = os.environ.get(ATTACK_LOG)
    if log:
        with open(log, "a", encoding="utf-8") as stream:
            stream.write(os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0] + "\n")


def run_cli(*args: str | os.PathLike[str], crash_at: str | None = None, env: dict[str, str] | None = None,
             language: str = "zh_CN", stdin: str | None = None, cwd: Path | None = None) -> CliResult:
    """Run `python -m hpdesk *args` in a subprocess and wait for it."""
    child_env = {key: value for key, value in os.environ.items()
                 if not key.startswith(("LC_", "LANG", "HPDESK_TEST_"))}
    child_env["HPDESK_LANG"] = language
    if crash_at:
        child_env["HPDESK_TEST_CRASH_AT"] = crash_at
    child_env.update(env or {})
    note_cli_run()
    completed = subprocess.run(
        [sys.executable, "-m", "hpdesk", *map(str, args)], capture_output=True, text=True, env=child_env,
        timeout=CLI_TIMEOUT_SECONDS, input=stdin if stdin is not None else "", cwd=cwd,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)



KILLED = -9  # the exit code subprocess reports for a child that died of SIGKILL


def copy_workspace(source: Path, target: Path) -> Path:
    """A copy of a closed workspace folder without its lock file and log (they belong to their own process)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("workspace.lock", "*.log"))
    return target
