"""The foot of a dialog: a red line that says why OK did nothing, then OK and Cancel; or the dialog's own primary
button beside Close or Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout


def add_error_and_buttons(dialog: QDialog, layout: QVBoxLayout, on_ok: Callable[[], None]) -> QLabel:
    """Add the error line and OK/Cancel to `layout`; OK calls `on_ok` (which accepts when the form is complete).
    Returns the error label."""
    error_label = QLabel(wordWrap=True)
    error_label.setStyleSheet("color: #c0392b;")
    layout.addWidget(error_label)
    add_ok_cancel(dialog, layout, on_ok)
    return error_label


def add_action_buttons(dialog: QDialog, layout: QVBoxLayout, text: str, on_accept: Callable[[], None],
                       dismiss: QDialogButtonBox.StandardButton) -> tuple[QDialogButtonBox, QPushButton]:
    """End `layout` with the dialog's primary `text` button, which calls `on_accept`, and `dismiss` (Close or Cancel),
    which rejects the dialog. Returns the button box (for more buttons) and the primary button."""
    buttons = QDialogButtonBox()
    primary = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    primary.setProperty("role", "primary")
    buttons.addButton(dismiss)
    buttons.accepted.connect(on_accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return buttons, primary


def add_ok_cancel(dialog: QDialog, layout: QVBoxLayout, on_ok: Callable[[], None]) -> None:
    """Add OK and Cancel to `layout`: OK calls `on_ok` (which accepts when the form is complete), Cancel rejects."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
