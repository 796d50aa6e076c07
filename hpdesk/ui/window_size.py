"""How big a window opens: the size it was designed for where the screen has room, else the screen's free area less
a margin for the frame and the taskbar — a dialog wider than a 1024×768 screen hides its own buttons."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME_MARGIN = QSize(40, 60)  # the window manager's frame and title bar, and a little of the desktop around it


def fitting_size(parent: QWidget | None, width: int, height: int) -> QSize:
    """`width`×`height`, shrunk to the free area of the screen `parent` is on (the primary screen without one)."""
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    if screen is None:
        return QSize(width, height)
    free = screen.availableGeometry()
    return QSize(min(width, free.width() - FRAME_MARGIN.width()), min(height, free.height() - FRAME_MARGIN.height()))
