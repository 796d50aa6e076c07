"""QApplication setup: bundled fonts, translators, settings identity; then open the workspace and show the window."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from hpdesk import __version__, logging_setup, paths
from hpdesk.domain.errors import UserError
from hpdesk.services.workspace import open_workspace
from hpdesk.ui.app_services import AppServices
from hpdesk.ui.i18n import DEFAULT_LANGUAGE, error_text, install_translators
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def load_bundled_fonts() -> str | None:
    """Register every bundled .ttf so Chinese renders on PCs without CJK fonts; returns the UI family if found."""
    ui_family = None
    for font_file in sorted(paths.fonts_dir().glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families and "Sans" in font_file.name and ui_family is None:
            ui_family = families[0]
    return ui_family


def create_application(argv: list[str]) -> tuple[QApplication, str]:
    """The QApplication with fonts and translators installed; returns it and the UI language."""
    QCoreApplication.setOrganizationName("hpdesk")
    QCoreApplication.setApplicationName("hpdesk")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(argv)
    family = load_bundled_fonts()
    if family:
        app.setFont(QFont(family, 10))
    language = str(QSettings().value("language", DEFAULT_LANGUAGE))
    app._hpdesk_translators = install_translators(app, language)  # type: ignore[attr-defined]  # keep them alive
    return app, language  # type: ignore[return-value]


def run_application(workspace_dir: Path | None, argv: list[str]) -> int:
    """Open the workspace (created if missing) and run the desktop app until it quits; returns the exit code."""
    app, language = create_application(argv)
    try:
        workspace = open_workspace(workspace_dir, create=True)
    except UserError as error:
        QMessageBox.critical(None, "hpdesk", error_text(error, language))
        return 2
    logging_setup.configure(workspace.logs_dir)
    jobs = JobRunner(app)
    app.aboutToQuit.connect(jobs.shutdown)
    window = MainWindow(AppServices(workspace), jobs, language=language)
    window.show()
    if os.environ.get("HPDESK_EXIT_AFTER_FIRST_PAINT"):
        # Benchmarks: quit as soon as the first frame is drawn.
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        workspace.close()
