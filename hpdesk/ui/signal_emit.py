"""emit(): fire a Qt signal without PySide6 6.12.0's SignalInstance.emit, which corrupts the refcount of True.

`SignalInstance.emit` (every `some_signal.emit(...)`, also when `emit` is connected as a slot or given to
`QTimer.singleShot`) returns `True` without taking a reference to it: each call lowers `sys.getrefcount(True)` by one
for good. Over a session True's count drifts down until the interpreter deallocates it and aborts ("Fatal Python
error: bool_dealloc", usually at exit, exit code 134). Reproduction, PySide6 only:

    from PySide6.QtCore import QObject, Signal
    class O(QObject):
        s = Signal()
    o, before = O(), sys.getrefcount(True)
    for _ in range(100): o.s.emit()
    sys.getrefcount(True) - before  # -100

`QObject.emit(owner, "2" + signature, *args)`, the old-style call that `SignalInstance.emit` forwards to, does not
leak, so UI code emits through `emit()` below and connects a signal to another signal directly
(`a.connect(b)`), never to `b.emit`. No upstream report was found; tests/ui/test_signals_keep_true_alive.py fails
while the leak is there, so a PySide6 that fixes it lets this module go.
"""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod, QObject, SignalInstance


def emit(owner: QObject, signal: SignalInstance, *args: object) -> None:
    """Emit `signal`, a signal of `owner` (`emit(self, self.saved)` for `self.saved.emit()`), with `args`.

    Delivery is exactly that of `signal.emit(*args)`: direct connections run now, queued ones (another thread's
    receiver) later. `args` must give every parameter of the signal's C++ signature, defaults included: for
    `dataChanged(QModelIndex,QModelIndex,QList<int>)` pass the roles, `[]` being Qt's default (all roles). Raises
    TypeError on a wrong number of arguments, LookupError if `owner` has no such signal.
    """
    signature = QMetaMethod.fromSignal(signal).methodSignature().toStdString()
    # "2" is what SIGNAL() prefixes (a signal, not a slot). The stub types the signature as bytes and the arguments
    # as None, but PySide6 6.12.0 accepts only a str there, and any argument the signal's types convert.
    if not QObject.emit(owner, "2" + signature, *args):  # type: ignore[arg-type]
        raise LookupError(f"{type(owner).__name__} has no signal {signature}")
