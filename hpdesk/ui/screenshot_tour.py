"""A tour of every view for the screenshots in docs/: run under Xvfb on a demo workspace.

    hpdesk --workspace /tmp/demo demo --size small
    xvfb-run -a -s "-screen 0 1440x900x24" sh -c \\
        'openbox & sleep 1; QT_QPA_PLATFORM=xcb python -m hpdesk.ui.screenshot_tour --workspace /tmp/demo --out docs/'

Each shot grabs the X screen around the windows it shows (a real screenshot: title bars from the window manager,
dialogs and popups included). Settings go to a temporary folder, so the tour never changes the user's own. It writes only what
opening views writes (cached target parses), plus a fresh workspace of its own for the first-run and import shots.
A developer tool: it is not part of the app's user interface and has no translations of its own.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

if TYPE_CHECKING:
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.ui.prompts import Prompts, UserPrompts

SCREEN = (1440, 900)


def _settle(milliseconds: int = 400) -> None:
    """Let Qt lay out and paint (a script, not the app: waiting in a nested loop is fine here)."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def _shot(out: Path, name: str, *windows: QWidget, prefix: str = "screenshot") -> None:
    """Save docs/<prefix>-<name>.png: the X screen around `windows`."""
    for window in windows:
        if not window.isVisible():
            window.show()
        window.raise_()
    _settle()
    screen = QGuiApplication.primaryScreen()
    left = max(min(window.frameGeometry().left() for window in windows), 0)
    top = max(min(window.frameGeometry().top() for window in windows), 0)
    right = min(max(window.frameGeometry().right() for window in windows) + 1, SCREEN[0])
    bottom = min(max(window.frameGeometry().bottom() for window in windows) + 1, SCREEN[1])
    image = screen.grabWindow(0, left, top, right - left, bottom - top)
    image.save(str(out / f"{prefix}-{name}.png"))
    print(f"wrote {out / f'{prefix}-{name}.png'}")


def _centre_over(dialog: QWidget, parent: QWidget) -> None:
    geometry = parent.geometry()
    dialog.move(geometry.x() + (geometry.width() - dialog.width()) // 2,
                geometry.y() + (geometry.height() - dialog.height()) // 3)


def tour_application(name: str, language: str) -> tuple[QApplication, Path]:
    """The application of a tour named `name`, in `language`, with its settings in a new scratch folder (returned)."""
    from hpdesk.ui.application import create_application
    from hpdesk.ui.i18n import install_translators

    scratch = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    QCoreApplication.setOrganizationName(name)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
    app, _stored = create_application([name])
    for translator in getattr(app, "_hpdesk_translators", []):
        app.removeTranslator(translator)
    app._hpdesk_translators = install_translators(app, language)  # type: ignore[attr-defined]
    return app, scratch


def run_tour(workspace_dir: Path, out: Path, samples: Path, language: str) -> None:
    from hpdesk.services.workspace import open_workspace
    from hpdesk.services.desk import Desk
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.ui.prompts import UserPrompts

    _app, scratch = tour_application("hpdesk-tour", language)
    QSettings().setValue("language", language)
    out.mkdir(parents=True, exist_ok=True)
    jobs = JobRunner(immediate=True)  # every view is complete when it is shown
    suffix = "" if language == "zh_CN" else f"-{language}"

    fresh = open_workspace(scratch / "fresh", create=True, actor="tour")
    try:
        _first_run_shots(Desk(fresh), jobs, out, samples, language, suffix)
    finally:
        fresh.close()
    workspace = open_workspace(workspace_dir, actor="tour")
    try:
        _main_window_shots(Desk(workspace), jobs, UserPrompts, out, language, suffix)
    finally:
        workspace.close()


def _first_run_shots(services: AppServices, jobs: JobRunner, out: Path, samples: Path, language: str,
                     suffix: str) -> None:
    from hpdesk.ui.dialogs.first_run_wizard import FirstRunWizard
    from hpdesk.ui.dialogs.import_dialog import ImportDialog
    from hpdesk.ui.main_window import MainWindow

    class SamplePrompts:
        def choose_workbook(self) -> Path:
            return samples / "zhengzhou_tasks.xlsx"

        def __getattr__(self, name: str) -> Callable[..., None]:
            return lambda *args, **kwargs: None

    prompts = cast("Prompts", SamplePrompts())  # answers the wizard's one question; every other one with None
    wizard = FirstRunWizard(services, jobs, prompts, language)
    wizard.office_page.region_edit.setText("管城回族区")
    wizard.office_page.office_edit.setText("管城回族区卫生健康委员会")
    wizard.office_page.short_name_edit.setText("区卫健委")
    wizard.office_page.doc_prefix_edit.setText("管卫健")
    _shot(out, f"first-run-office{suffix}", wizard)
    wizard.next()
    wizard.identity_page.passphrase_edit.setText("secret12")
    wizard.identity_page.repeat_edit.setText("secret12")
    _shot(out, f"first-run-identity{suffix}", wizard)
    wizard.next()
    wizard.table_page.choose_button.click()
    _shot(out, f"first-run-table{suffix}", wizard)
    wizard.next()
    _shot(out, f"first-run-finish{suffix}", wizard)
    wizard.done(QDialog.DialogCode.Rejected)  # not close(): that asks before dropping the answers
    services.set_up_office(region="管城回族区", office="管城回族区卫生健康委员会", short_name="区卫健委")
    window = MainWindow(services, jobs, prompts, language)
    window.showMaximized()
    _shot(out, f"empty-state{suffix}", window)
    dialog = ImportDialog(services, jobs, samples / "taian_task_breakdown.xlsx",
                          services.sheet_names(samples / "taian_task_breakdown.xlsx"), prompts, window,
                          language=language)
    dialog.resize(1300, 760)
    _centre_over(dialog, window)
    dialog.show()
    dialog.analyse()
    _shot(out, f"import-preview{suffix}", window, dialog)
    dialog.reject()
    window.close()


def _main_window_shots(services: AppServices, jobs: JobRunner, prompts_type: type[UserPrompts], out: Path,
                       language: str, suffix: str) -> None:
    from hpdesk.ui.dialogs.export_dialog import ExportDialog
    from hpdesk.ui.dialogs.settings_dialog import (
        PAGE_CALENDAR, PAGE_IDENTITY, PAGE_OFFICE, PAGE_UNITS, SettingsDialog,
    )
    from hpdesk.ui.main_window import (
        SECTION_DASHBOARD, SECTION_INDICATORS, SECTION_REVIEW, SECTION_TASKS, MainWindow,
    )
    from hpdesk.ui.views.task_detail_panel import ReportTarget

    window = MainWindow(services, jobs, None, language)
    window.showMaximized()
    for section, name in ((SECTION_DASHBOARD, "dashboard"), (SECTION_REVIEW, "review"),
                          (SECTION_INDICATORS, "indicators"), (SECTION_TASKS, "tasks")):
        window.show_section(section)
        _shot(out, f"{name}{suffix}", window)
    if language != "zh_CN":
        window.close()
        return
    window.search_edit.setText("健身")
    window._on_search_edit_return_pressed()
    _shot(out, "search", window)
    window.search_edit.clear()
    window.show_section(SECTION_TASKS)
    period = window.current_period()
    assert period is not None
    with_photos = next((report for report in services.reports(period.label, "submitted", 400)
                        if report.evidence_count >= 2), None)
    if with_photos is not None:
        target = ReportTarget(0, with_photos.task_code, with_photos.task_text, with_photos.unit, with_photos.role,
                              with_photos.period)
        task_id = services.task_id_for_code(with_photos.task_code)
        assert task_id is not None  # the code comes from a report of this workspace
        window.tasks_page.show_task(task_id)
        _shot(out, "task-view", window)
        window.tasks_page.open_report(target)
        editor = window.tasks_page.editor
        assert editor is not None
        _centre_over(editor, window)
        _shot(out, "report-editor", window, editor)
        editor.reject()
    settings = SettingsDialog(services, jobs, prompts_type(window), language, parent=window)
    settings.resize(1100, 680)
    _centre_over(settings, window)
    for page, name in ((PAGE_OFFICE, "office"), (PAGE_UNITS, "units"), (PAGE_CALENDAR, "calendar"),
                       (PAGE_IDENTITY, "identity")):
        settings.show_page(page)
        _shot(out, f"settings-{name}", window, settings)
    settings.close()
    export = ExportDialog(services, jobs, prompts_type(window), window.periods, period, language=language,
                          parent=window)
    _centre_over(export, window)
    _shot(out, "export", window, export)
    export.start_preview()  # immediate jobs: the preview window is open when this returns
    if export.preview is not None:
        export.preview.resize(900, 860)
        _centre_over(export.preview, window)
        _shot(out, "export-preview", window, export.preview)
        export.preview.close()
    export.close()
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workspace", type=Path, required=True, help="a demo workspace (hpdesk demo)")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--samples", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "samples")
    parser.add_argument("--language", default="zh_CN", choices=["zh_CN", "en"])
    args = parser.parse_args()
    run_tour(args.workspace, args.out, args.samples, args.language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
