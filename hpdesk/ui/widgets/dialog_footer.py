"""The foot of a small form dialog: a red line that says why OK did nothing, then OK and Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout


def add_error_and_buttons(dialog: QDialog, layout: QVBoxLayout, on_ok: Callable[[], None]) -> QLabel:
    """Add the error line and OK/Cancel to `layout`; OK calls `on_ok` (which accepts when the form is complete).
    Returns the error label."""
    error_label = QLabel(wordWrap=True)
    error_label.setStyleSheet("color: #c0392b;")
    layout.addWidget(error_label)
    add_ok_cancel(dialog, layout, on_ok)
    return error_label


def add_ok_cancel(dialog: QDialog, layout: QVBoxLayout, on_ok: Callable[[], None]) -> None:
    """Add OK and Cancel to `layout`: OK calls `on_ok` (which accepts when the form is complete), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
