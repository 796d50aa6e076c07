"""QApplication setup — bundled fonts, translators, icon search path, style, settings identity — then paint a window
at once, open the workspace in the background, run the first-run wizard when the office is not set up yet, and show
the main window in the first window's place.

Paint first: this module imports Qt and the light UI helpers only. The services (SQLAlchemy, Alembic, and behind them
reportlab, openpyxl, pyHanko) are imported on the job thread after the StartupWindow's first frame, and the main
window's modules after that, so the clerk sees hpdesk as soon as Qt can draw.

`run_application` is what `hpdesk gui` calls. Set HPDESK_EXIT_AFTER_FIRST_PAINT=1 to quit as soon as the main window
(or the first-run wizard) has been shown (start-up benchmarks and the smoke test).
"""

from __future__ import annotations

import logging
import os
from collections.abc import MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from hpdesk import __version__, paths
from hpdesk.domain.errors import UserError
from hpdesk.ui import theme
from hpdesk.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, error_text, install_translators, prefer_chinese_dates
from hpdesk.ui.icons import icon, register_icon_path
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.startup_window import StartupWindow

if TYPE_CHECKING:
    from hpdesk.services.desk import Desk
    from hpdesk.services.workspace import OfficeProfile

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
    if QApplication.instance() is None and prefer_chinese_dates(os.environ):
        log.info("time locale not Chinese: LC_TIME=zh_CN.UTF-8 (the file dialog's dates)")
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


def open_services(workspace_dir: Path | None) -> tuple[Desk, OfficeProfile | None]:
    """(Desk, office or None) on the opened workspace (created if missing). Runs on the job thread: the
    service modules are first imported here, after the first paint."""
    from hpdesk.services.desk import Desk
    from hpdesk.services.workspace import open_workspace

    workspace = open_workspace(workspace_dir, create=True)
    try:
        services = Desk(workspace)
        return services, services.office()
    except BaseException:
        workspace.close()
        raise


def run_application(workspace_dir: Path | None, argv: list[str]) -> int:
    """Paint the StartupWindow, open the workspace (created if missing) in the background, then show the first-run
    wizard or the main window in its place and run until the app quits; returns the exit code (2: the workspace
    could not be opened, after a dialog saying why)."""
    app, language = create_application(argv)
    jobs = JobRunner(app)
    app.aboutToQuit.connect(jobs.shutdown)
    startup = StartupWindow()
    windows: dict[str, object] = {"startup": startup}
    opened: dict[str, Desk] = {}
    exit_after_first_paint = bool(os.environ.get("HPDESK_EXIT_AFTER_FIRST_PAINT"))

    def show_in_place_of_startup(window) -> None:
        window.show()
        startup.close()
        if exit_after_first_paint:
            QTimer.singleShot(0, app.quit)

    def show_main_window() -> None:
        from hpdesk.ui.main_window import MainWindow

        window = MainWindow(opened["services"], jobs, language=language)
        windows["main"] = window
        show_in_place_of_startup(window)

    def on_opened(result: tuple[Desk, OfficeProfile | None]) -> None:
        from hpdesk import logging_setup  # logging.handlers (and socket, pickle): not needed before the first paint

        services, office = result
        opened["services"] = services
        try:
            logging_setup.configure(services.workspace.logs_dir)
        except OSError:  # a read-only folder or a link as the log: run without a log file rather than not at all
            logging_setup.configure(None)
        if office is None:
            from hpdesk.ui.dialogs.first_run_wizard import FirstRunWizard
            from hpdesk.ui.prompts import UserPrompts

            wizard = FirstRunWizard(services, jobs, UserPrompts(), language)
            windows["wizard"] = wizard
            wizard.completed.connect(show_main_window)
            wizard.rejected.connect(app.quit)
            show_in_place_of_startup(wizard)
        else:
            show_main_window()

    def on_open_failed(error: BaseException) -> None:
        if not isinstance(error, UserError):
            log.error("could not open the workspace", exc_info=error)
        QMessageBox.critical(startup, "hpdesk", error_text(error, language))
        app.exit(2)

    startup.painted.connect(lambda: jobs.run(lambda: open_services(workspace_dir), on_opened, on_open_failed))
    startup.show()
    try:
        return app.exec()
    finally:
        jobs.shutdown()
        services = opened.get("services")
        if services is not None:
            services.workspace.close()
