"""Emitting signals leaves the refcounts of True and False intact, so the app never aborts with bool_dealloc.

PySide6 6.12.0's SignalInstance.emit returns True without a reference (hpdesk/ui/signal_emit.py): each emit lowered
sys.getrefcount(True) by one until Python deallocated True ("Fatal Python error: bool_dealloc", exit code 134), at
the end of tests/ui/test_settings_dialog.py and in a clerk's long session. These tests fail while UI code emits
through it. Counts are compared with a margin far below one per emit, for the odd object holding True that the
interpreter frees meanwhile.
"""

from __future__ import annotations

import ast
import gc
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QStringListModel, QTimer, Signal

from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.signal_emit import emit

RUNS = 2000
UI_DIR = Path(__file__).resolve().parents[2] / "hpdesk" / "ui"


class _Source(QObject):
    nothing = Signal()
    flag = Signal(bool)
    pair = Signal(int, object)
    relay = Signal()


def _bool_refcounts_after(action: Callable[[], object], runs: int = RUNS) -> tuple[int, int]:
    """How much the refcounts of True and False changed over `runs` calls of `action`."""
    gc.collect()
    true_before, false_before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(runs):
        action()
    gc.collect()
    return sys.getrefcount(True) - true_before, sys.getrefcount(False) - false_before


def _kept(change: tuple[int, int]) -> bool:
    return min(change) > -RUNS // 20


def test_emitting_through_signal_emit_keeps_true_and_false_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    source, model = _Source(), QStringListModel(["a", "b"])
    received: dict[str, int] = {}

    def count(name: str) -> Callable[..., None]:
        return lambda *_args: received.update({name: received.get(name, 0) + 1})
    source.flag.connect(count("flag"))
    source.pair.connect(count("pair"))
    source.nothing.connect(source.relay)  # signal to signal, as review_page relays the editor's `saved`
    source.relay.connect(count("relay"))
    model.dataChanged.connect(count("dataChanged"))
    for action in (lambda: emit(source, source.nothing), lambda: emit(source, source.flag, True),
                   lambda: emit(source, source.flag, False), lambda: emit(source, source.pair, 1, False),
                   lambda: emit(model, model.dataChanged, model.index(0), model.index(1), [])):
        assert _kept(_bool_refcounts_after(action))
    assert received == {"relay": RUNS, "flag": 2 * RUNS, "pair": RUNS, "dataChanged": RUNS}


def test_a_deferred_emit_keeps_true_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    source = _Source()

    fired: list[None] = []
    source.nothing.connect(lambda: fired.append(None))

    def later() -> None:  # startup_window's `painted`
        QTimer.singleShot(0, lambda: emit(source, source.nothing))
        qapp.processEvents()

    assert _kept(_bool_refcounts_after(later, runs=RUNS // 4))
    assert len(fired) == RUNS // 4


def test_jobs_keep_true_and_false_alive(qapp) -> None:  # type: ignore[no-untyped-def]
    """Every job emitted busy_changed, _succeeded and job_finished: the settings dialog's page loads were jobs."""
    runner = JobRunner(immediate=True)
    results: list[object] = []
    runner.busy_changed.connect(lambda busy: None)
    assert _kept(_bool_refcounts_after(lambda: runner.run(lambda: True, results.append)))
    assert len(results) == RUNS


def test_a_signal_the_owner_does_not_have_is_an_error(qapp) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LookupError):
        emit(_Source(), QStringListModel().modelReset)


def test_ui_code_and_its_tests_never_call_signal_instance_emit() -> None:
    """`x.emit(...)`, `connect(x.emit)`, `singleShot(0, x.emit)`: each goes through the leaking SignalInstance.emit.
    Only signal_emit.py names `emit` (QObject.emit, which does not leak)."""
    uses = []
    for path in sorted([*UI_DIR.rglob("*.py"), *Path(__file__).parent.glob("*.py")]):
        if path == UI_DIR / "signal_emit.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "emit":
                uses.append(f"{path.name}:{node.lineno}")
    assert uses == []


def test_a_process_emitting_many_signals_exits_cleanly() -> None:
    """The symptom itself: with the leak, 20,000 jobs take True's refcount to zero and Python aborts (134)."""
    child = ("from PySide6.QtCore import QCoreApplication\n"
             "from hpdesk.ui.jobs import JobRunner\n"
             "app = QCoreApplication([])\n"
             "runner = JobRunner(immediate=True)\n"
             "for _ in range(20000):\n"
             "    runner.run(lambda: None, lambda _result: None)\n"
             "print('done')\n")
    completed = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=300,
                               env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert (completed.returncode, completed.stdout.strip()) == (0, "done"), completed.stderr[-2000:]
