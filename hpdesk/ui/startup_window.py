"""The window hpdesk paints first: the main window's size and place with one line saying the workspace is opening.

It needs Qt and nothing else (no service, no database), so it is on screen a moment after Qt is; `painted` fires
after its first frame, and run_application then opens the workspace in the background and puts the main window in
its place.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from hpdesk.ui.icons import icon


class StartupWindow(QMainWindow):
    """The small window shown while the workspace opens; `painted` fires once its first frame is on screen."""

    painted = Signal()  # once, when the first frame has been drawn

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("hpdesk")
        self.setWindowIcon(icon("hpdesk"))
        self.message_label = QLabel(self.tr("Opening the workspace…"))
        self.message_label.setProperty("role", "muted")
        # centred between stretches, not by Qt.AlignmentFlag: the first use of a Qt.* enum builds every enum of
        # the Qt namespace (~15 ms CPU), which the first frame need not wait for
        line = QHBoxLayout()
        line.addStretch()
        line.addWidget(self.message_label)
        line.addStretch()
        central = QWidget()
        column = QVBoxLayout(central)
        column.addStretch()
        column.addLayout(line)
        column.addStretch()
        self.setCentralWidget(central)
        self.resize(1320, 820)
        geometry = QSettings().value("main_window/geometry")  # where the main window will appear
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._painted = False

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True  # emitted from the event loop, once this paint has been flushed to the screen
            QTimer.singleShot(0, self.painted.emit)
        return handled
