"""A long session's void Qt calls cannot free None: the app gives None, True and False a reserve of references.

PySide6 6.12.0 loses one reference to None with every void method call (hpdesk/ui/singleton_reserve.py); 40,000 of
them aborted the started app with "Fatal Python error: none_dealloc". Both tests run a process of their own, so the
reserve never hides a refcount error from the other tests.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from PySide6.QtCore import QObject
from hpdesk.ui.application import create_application
from hpdesk.ui.singleton_reserve import RESERVE, reserve_singleton_references
if sys.argv[1] == "app":
    app, _language = create_application(["hpdesk"])
    if sys.version_info < (3, 12):
        assert min(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)) > RESERVE
    assert not reserve_singleton_references()  # once per process
counter = QObject()
for _ in range(200000):
    counter.setObjectName("x")  # a void call: PySide6 6.12.0 loses a reference to None each time
print("done")
"""


def _run(mode: str, settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": settings})


def test_a_long_session_of_void_qt_calls_ends_cleanly_in_the_app(tmp_path) -> None:  # type: ignore[no-untyped-def]
    completed = _run("app", str(tmp_path))
    assert (completed.returncode, completed.stdout.strip()) == (0, "done"), completed.stderr[-2000:]
