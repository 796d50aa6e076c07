"""The PySide6 hpdesk runs on keeps the refcounts of None, True and False: a long session never aborts Python.

PySide6 6.12.0 dropped one reference to None with every void method call (setText, setObjectName, addWidget, …) and
one to True with every SignalInstance.emit: a clerk's session aborted with "Fatal Python error: none_dealloc" (or
bool_dealloc) after some 40,000 calls, and tests/ui/test_settings_dialog.py aborted at exit. pyproject.toml pins a
PySide6 without the bug; these tests fail on one with it. Counts are compared with a margin far below one per call,
for the odd object holding None or True that the interpreter frees meanwhile.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QStringListModel, Signal

from hpdesk.ui.jobs import JobRunner

RUNS = 2000


class _Source(QObject):
    nothing = Signal()
    flag = Signal(bool)


def _refcount_changes(action: Callable[[], object], runs: int = RUNS) -> tuple[int, int, int]:
    """How much the refcounts of None, True and False changed over `runs` calls of `action`."""
    gc.collect()
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(runs):
        action()
    gc.collect()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    return after[0] - before[0], after[1] - before[1], after[2] - before[2]


def _kept(changes: tuple[int, int, int]) -> bool:
    return min(changes) > -RUNS // 20


def test_void_qt_calls_keep_none_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    counter, model = QObject(), QStringListModel(["a", "b"])
    assert _kept(_refcount_changes(lambda: counter.setObjectName("x")))
    assert _kept(_refcount_changes(lambda: model.setStringList(["a"])))


def test_emitting_signals_keeps_true_and_false_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    source, received = _Source(), []
    source.flag.connect(received.append)
    assert _kept(_refcount_changes(source.nothing.emit))
    assert _kept(_refcount_changes(lambda: source.flag.emit(True)))
    assert len(received) == RUNS


def test_jobs_keep_true_and_false_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    """Every job emits busy_changed, its result and job_finished: each settings page load is one."""
    runner, results = JobRunner(immediate=True), []
    assert _kept(_refcount_changes(lambda: runner.run(lambda: True, results.append)))
    assert len(results) == RUNS


def test_a_long_session_of_qt_calls_and_jobs_ends_cleanly() -> None:
    """The symptom itself, in a process of its own: with the bug, Python aborts (exit code 134) long before the end."""
    child = ("from PySide6.QtCore import QCoreApplication, QObject\n"
             "from hpdesk.ui.jobs import JobRunner\n"
             "app = QCoreApplication([])\n"
             "runner, counter = JobRunner(immediate=True), QObject()\n"
             "for _ in range(20000):\n"
             "    runner.run(lambda: None, lambda _result: None)\n"
             "for _ in range(200000):\n"
             "    counter.setObjectName('x')\n"
             "print('done')\n")
    completed = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=300,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert (completed.returncode, completed.stdout.strip()) == (0, "done"), completed.stderr[-2000:]
