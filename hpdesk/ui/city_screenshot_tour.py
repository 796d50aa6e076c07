"""The city level's screenshots for docs/ (docs/city-*.png: inbox, consolidation, indicators, one task side by side,
Settings → Counties, and — with --county — a county's export dialog showing the city's 退回): run under Xvfb on a
city workspace that has received packages. scripts/city_screenshots.py builds the data and runs this:

    xvfb-run -a -s "-screen 0 1440x900x24" env QT_QPA_PLATFORM=xcb \\
        python -m hpdesk.ui.city_screenshot_tour --workspace CITY [--county COUNTY] --out docs/

A developer tool like screenshot_tour (whose application, settings isolation and shot helper it uses); no
translations of its own.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hpdesk.ui.screenshot_tour import _settle, _shot, tour_application


def _most_answered(page) -> int:
    """The task whose side-by-side view has the most counties' written answers (a task nobody answered shows
    only 未报送 rows, which says nothing about the page)."""
    def answered(index: int) -> int:
        page.task_combo.setCurrentIndex(index)
        table = page.task_table
        return sum(1 for row in range(table.rowCount()) if (item := table.item(row, 2)) is not None and item.text())
    return max(range(page.task_combo.count()), key=answered, default=0)


def run_tour(workspace_dir: Path, out: Path, county_dir: Path | None = None, language: str = "zh_CN") -> None:
    from hpdesk.services.desk import Desk
    from hpdesk.services.workspace import open_workspace
    from hpdesk.ui.dialogs.settings_dialog import PAGE_COUNTIES, SettingsDialog
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.ui.main_window import MainWindow
    from hpdesk.ui.prompts import UserPrompts

    _app, _scratch = tour_application("hpdesk-city-tour", language)
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
        window.inbox_page.table.scrollTo(window.inbox_page.table.model().index(rejected, 0))
        _shot(out, "inbox", window, prefix="city")
        page = window.consolidation_page
        window.show_city_page(page)
        _shot(out, "consolidation", window, prefix="city")
        page.tabs.setCurrentIndex(1)
        _shot(out, "indicators", window, prefix="city")
        page.tabs.setCurrentIndex(2)
        page.task_combo.setCurrentIndex(_most_answered(page))
        _shot(out, "task", window, prefix="city")
        settings = SettingsDialog(services, jobs, UserPrompts(window), language, parent=window)
        settings.resize(1100, 680)
        settings.show_page(PAGE_COUNTIES)
        geometry = window.geometry()
        settings.move(geometry.x() + (geometry.width() - settings.width()) // 2, geometry.y() + 80)
        _shot(out, "settings-counties", window, settings, prefix="city")
        settings.close()
        window.close()
    if county_dir is not None:
        with open_workspace(county_dir, actor="tour") as workspace:
            services = Desk(workspace)
            window = MainWindow(services, jobs, None, language)
            window.showMaximized()
            _settle()
            window.start_export()
            dialog = window.export_dialog
            labels = [period.label for period in services.periods()]
            returned = next((label for label in labels if (receipt := services.city_receipt(label)) is not None
                             and receipt.state == "returned"), None)
            if returned is not None:
                dialog.period_combo.setCurrentIndex(dialog.period_combo.findData(returned))
            _shot(out, "receipt-returned", window, dialog, prefix="city")
            dialog.close()
            window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, required=True, help="a city workspace with received packages")
    parser.add_argument("--county", type=Path, help="a county workspace that imported a returned receipt")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args()
    run_tour(args.workspace, args.out, args.county)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
