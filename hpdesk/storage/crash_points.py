"""Deterministic crash points for the reliability tests (tests/reliability): a named place where a process may die.

Code that renames, replaces or commits something that must survive a crash calls `crash_point("restore.swap")`
right before the step. Normally that is one dictionary lookup and nothing happens. When the environment variable
HPDESK_TEST_CRASH_AT names the point ("restore.swap", or "restore.swap#3" for its third passage), the process
SIGKILLs itself there, exactly like a power cut or the task manager would, so a test can check what the next open
finds. Nothing in the product sets the variable.
"""

from __future__ import annotations

import os
import signal

ENVIRONMENT_VARIABLE = "HPDESK_TEST_CRASH_AT"
_passages: dict[str, int] = {}


def crash_point(name: str) -> None:
    """Die here (SIGKILL, no cleanup) if HPDESK_TEST_CRASH_AT asks for this passage of `name`; else do nothing."""
    wanted = os.environ.get(ENVIRONMENT_VARIABLE)
    if not wanted:
        return
    point, _, nth = wanted.partition("#")
    if point != name:
        return
    _passages[name] = _passages.get(name, 0) + 1
    if _passages[name] == int(nth or 1):
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))  # Windows has no SIGKILL: terminate
