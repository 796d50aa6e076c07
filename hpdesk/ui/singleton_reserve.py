"""reserve_singleton_references(): None, True and False outlive PySide6 6.12.0's refcount bugs in a long session.

PySide6 6.12.0 (shiboken6 6.12.0) returns None from EVERY method without a C++ return value (setText, addWidget,
setCurrentRow, clear, show, …) without taking a reference to it: each call lowers sys.getrefcount(None) by one for
good. Reproduction, PySide6 only:

    from PySide6.QtCore import QObject
    o, before = QObject(), sys.getrefcount(None)
    for _ in range(1000): o.setObjectName("x")
    sys.getrefcount(None) - before  # -1000; the script then aborts at exit: "Fatal Python error: none_dealloc"

Every Qt call the UI makes goes through such methods, so no other API avoids it. With the app started (hpdesk, Qt,
SQLAlchemy loaded) None holds about 42,000 references, and 40,000 such calls took it to zero and aborted Python
mid-session: a clerk's day. SignalInstance.emit does the same to True (worked around in signal_emit.py).

Python 3.12 made these singletons immortal, so no refcount error can free them; on 3.11 this gives each of them
2**40 extra references once, the same in effect: at one lost reference per call, never used up. It writes the
reference count in place (the first field of every object in a release build of CPython), after checking that the
field holds what sys.getrefcount says, and does nothing on 3.12+ or on a debug build (whose objects start with other
fields). Drop it when PySide6 is fixed (tests/ui/test_signals_keep_true_alive.py shows True's leak; the None one:
run the reproduction above).
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40

_reserved = False


def reserve_singleton_references() -> bool:
    """Once per process, add RESERVE references to None, True and False (CPython 3.11 release builds); True if it
    did so now, False if already done, not needed (3.12+: immortal) or not possible (a debug build)."""
    global _reserved
    if _reserved or sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):
        return False
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if count.value != sys.getrefcount(singleton) - 1:  # getrefcount's own argument is the one more
            return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += RESERVE
    _reserved = True
    return True
