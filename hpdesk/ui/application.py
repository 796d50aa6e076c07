"""QApplication setup — bundled fonts, translators, icon search path, style, settings identity — then open the
workspace, run the first-run wizard when the office is not set up yet, and show the main window.

`run_application` is what `hpdesk gui` calls. Set HPDESK_EXIT_AFTER_FIRST_PAINT=1 to quit as soon as the first
frame is drawn (start-up benchmarks and the smoke test).
"""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from hpdesk import __version__, logging_setup, paths
from hpdesk.domain.errors import UserError
from hpdesk.services.workspace import open_workspace
from hpdesk.ui import theme
from hpdesk.ui.app_services import AppServices
from hpdesk.ui.dialogs.first_run_wizard import FirstRunWizard
from hpdesk.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, error_text, install_translators
from hpdesk.ui.icons import icon, register_icon_path
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.main_window import MainWindow
from hpdesk.ui.prompts import UserPrompts

log = logging.getLogger(__name__)
UI_FONT_FAMILY = "Noto Sans SC"  # the bundled GBK subset registers as "Noto Sans SC GBK"
UI_FONT_POINT_SIZE = 10


def load_bundled_fonts() -> str | None:
    """Register every bundled .ttf so Chinese renders on PCs without CJK fonts; returns the UI family if found."""
    ui_family = None
    for font_file in sorted(paths.fonts_dir().glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id < 0:
            log.warning("could not load the bundled font %s", font_file)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family.startswith(UI_FONT_FAMILY) and ui_family is None:
                ui_family = family
    if ui_family is None:
        log.warning("no %s font in %s; Chinese text uses the system's fonts", UI_FONT_FAMILY, paths.fonts_dir())
    return ui_family


def prefer_ibus_on_fcitx(environ: MutableMapping[str, str], plugin_dirs: list[Path]) -> bool:
    """On an fcitx desktop where Qt has no fcitx input-context plugin, set QT_IM_MODULE=ibus; returns whether it did.

    The PySide6 wheels (and so the bundle) carry only the ibus plugin. With QT_IM_MODULE=fcitx and no such plugin Qt
    silently offers no input method at all, so a clerk on UOS or Kylin could not type Chinese; fcitx5 also serves
    ibus clients. Must run before the QApplication is created.
    """
    session = " ".join(environ.get(name, "") for name in ("QT_IM_MODULE", "XMODIFIERS", "GTK_IM_MODULE",
                                                          "INPUT_METHOD")).lower()
    if "fcitx" not in session:
        return False
    for folder in plugin_dirs:
        contexts = folder / "platforminputcontexts"
        if contexts.is_dir() and any("fcitx" in plugin.name.lower() for plugin in contexts.iterdir()):
            return False
    environ["QT_IM_MODULE"] = "ibus"
    return True


def qt_plugin_dirs() -> list[Path]:
    """Where Qt looks for plugins: its own plugin folder and QT_PLUGIN_PATH."""
    extra = [Path(part) for part in os.environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if part]
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)), *extra]


def stored_language() -> str:
    language = str(QSettings().value("language", DEFAULT_LANGUAGE))
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def create_application(argv: list[str]) -> tuple[QApplication, str]:
    """The QApplication with fonts, translators, icons and style installed; returns it and the UI language."""
    QCoreApplication.setOrganizationName("hpdesk")
    QCoreApplication.setApplicationName("hpdesk")
    QCoreApplication.setApplicationVersion(__version__)
    if QApplication.instance() is None and prefer_ibus_on_fcitx(os.environ, qt_plugin_dirs()):
        log.info("fcitx session without Qt's fcitx plugin: QT_IM_MODULE=ibus")
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    register_icon_path()
    app.setWindowIcon(icon("hpdesk"))
    theme.apply_style(app)
    family = load_bundled_fonts()
    if family:
        app.setFont(QFont(family, UI_FONT_POINT_SIZE))
    language = stored_language()
    app._hpdesk_translators = install_translators(app, language)  # type: ignore[attr-defined]  # keep them alive
    return app, language


def run_application(workspace_dir: Path | None, argv: list[str]) -> int:
    """Open the workspace (created if missing) and run the desktop app until it quits; returns the exit code."""
    app, language = create_application(argv)
    try:
        workspace = open_workspace(workspace_dir, create=True)
    except UserError as error:
        QMessageBox.critical(None, "hpdesk", error_text(error, language))
        return 2
    try:
        logging_setup.configure(workspace.logs_dir)
    except OSError:  # a read-only folder or a link as the log: run without a log file rather than not at all
        logging_setup.configure(None)
    jobs = JobRunner(app)
    app.aboutToQuit.connect(jobs.shutdown)
    services = AppServices(workspace)
    windows: dict[str, object] = {}

    def show_main_window() -> None:
        window = MainWindow(services, jobs, language=language)
        windows["main"] = window
        window.show()
        if os.environ.get("HPDESK_EXIT_AFTER_FIRST_PAINT"):
            QTimer.singleShot(0, app.quit)

    try:
        if services.office() is None:
            wizard = FirstRunWizard(services, jobs, UserPrompts(), language)
            windows["wizard"] = wizard
            wizard.completed.connect(show_main_window)
            wizard.rejected.connect(app.quit)
            wizard.show()
            if os.environ.get("HPDESK_EXIT_AFTER_FIRST_PAINT"):
                QTimer.singleShot(0, app.quit)
        else:
            show_main_window()
        return app.exec()
    finally:
        jobs.shutdown()
        workspace.close()
