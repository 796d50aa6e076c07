"""The city level's screenshots for docs/ (inbox, consolidation, one task side by side, Settings → Counties): run
under Xvfb on a city workspace that has received packages (bench/city_bench.py builds one: 20 demo-sized counties).

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \\
        python -m hpdesk.ui.city_screenshot_tour --workspace CITY --out docs/

A developer tool like screenshot_tour (whose settings isolation and shot helper it uses); no translations of its own.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hpdesk.ui.screenshot_tour import _settle, _shot


def run_tour(workspace_dir: Path, out: Path, language: str = "zh_CN") -> None:
    import tempfile

    from PySide6.QtCore import QCoreApplication, QSettings

    from hpdesk.services.desk import Desk
    from hpdesk.services.workspace import open_workspace
    from hpdesk.ui.application import create_application
    from hpdesk.ui.dialogs.settings_dialog import PAGE_COUNTIES, SettingsDialog
    from hpdesk.ui.i18n import install_translators
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.ui.main_window import MainWindow
    from hpdesk.ui.prompts import UserPrompts

    scratch = Path(tempfile.mkdtemp(prefix="hpdesk-city-tour-"))
    QCoreApplication.setOrganizationName("hpdesk-city-tour")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
    app, _stored = create_application(["hpdesk-city-tour"])
    for translator in getattr(app, "_hpdesk_translators", []):
        app.removeTranslator(translator)
    app._hpdesk_translators = install_translators(app, language)  # type: ignore[attr-defined]
    out.mkdir(parents=True, exist_ok=True)
    jobs = JobRunner(immediate=True)
    with open_workspace(workspace_dir, actor="tour") as workspace:
        services = Desk(workspace)
        window = MainWindow(services, jobs, None, language)
        window.showMaximized()
        _settle()
        window.show_city_page(window.inbox_page)
        rejected = next((row for row, item in enumerate(window.inbox_page.rows) if item.status == "rejected"), 0)
        window.inbox_page.table.selectRow(rejected)
        _shot(out, "city-inbox", window)
        page = window.consolidation_page
        window.show_city_page(page)
        _shot(out, "city-consolidation", window)
        page.tabs.setCurrentIndex(1)
        _shot(out, "city-indicators", window)
        page.tabs.setCurrentIndex(2)
        if page.task_combo.count() > 1:
            page.task_combo.setCurrentIndex(1)
        _shot(out, "city-task", window)
        settings = SettingsDialog(services, jobs, UserPrompts(window), language, parent=window)
        settings.resize(1100, 680)
        settings.show_page(PAGE_COUNTIES)
        geometry = window.geometry()
        settings.move(geometry.x() + (geometry.width() - settings.width()) // 2, geometry.y() + 80)
        _shot(out, "settings-counties", window, settings)
        settings.close()
        window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, required=True, help="a city workspace with received packages")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args()
    run_tour(args.workspace, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
