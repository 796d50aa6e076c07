"""The real `hpdesk` CLI in a subprocess, for the hostile-input tests (imports, evidence, packages).

`hpdesk(workspace, *args)` runs `python -m hpdesk --workspace W *args` with Chinese messages and returns the
completed process. `memory_limit` caps the child's address space, so a file that would cost gigabytes fails the
test with a MemoryError instead of starving the machine. `refused_clearly` is the promise for a user's problem:
exit 2, one line on stderr, no traceback, no "internal error".
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

from reliability_cli import note_cli_run

REPO_ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_SECONDS = 300


def hpdesk(workspace: Path, *args: str | bytes, memory_limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run the CLI; bytes arguments are passed as they are (argv that is not valid UTF-8)."""
    env = dict(os.environ, HPDESK_LANG="zh_CN", PYTHONPATH=str(REPO_ROOT))

    def limit() -> None:
        if memory_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    argv: list[str | bytes] = [sys.executable, "-m", "hpdesk", "--workspace", str(workspace), *args]
    note_cli_run()
    completed = subprocess.run(argv, capture_output=True, env=env, timeout=TIMEOUT_SECONDS, preexec_fn=limit)
    return subprocess.CompletedProcess(completed.args, completed.returncode,
                                       completed.stdout.decode("utf-8", "replace"),
                                       completed.stderr.decode("utf-8", "replace"))


def refused_clearly(completed: subprocess.CompletedProcess[str]) -> bool:
    lines = [line for line in completed.stderr.splitlines() if line.strip()]
    return (completed.returncode == 2 and len(lines) == 1 and "Traceback" not in completed.stderr
            and "内部错误" not in completed.stderr and "Internal error" not in completed.stderr)
