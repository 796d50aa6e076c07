"""The clerk's day, walked through the real windows on a fresh workspace with a city table in a layout the importer
was not written for (tests/unseen_layout.py: departments in brackets, actions numbered （一）…, targets under 其他
with no year), with a screenshot at every step — issue 18's "Done when". Look at every picture it writes.

    xvfb-run -a -s "-screen 0 1024x768x24" env QT_QPA_PLATFORM=xcb PYTHONPATH=. \\
        .venv/bin/python scripts/clerk_walk.py /tmp/walk-1024

wizard → import the indicator table (year of the target column) → confirm the suggested assignments in bulk →
three reports, one with a photo, a PDF and a document → approve one, return one → indicator values → export
(zip with the signed PDF and the Excel beside it) → print preview; the exported PDF's pages are rendered with
pdftoppm into the same folder. Every question the app asks is shown as the real message box, photographed, and
answered as a careful clerk would. Settings and the workspace live in a temporary folder. A developer tool.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from unseen_layout import unseen_task_table, yearless_indicator_table  # noqa: E402

sys.path.pop(0)

from hpdesk.ui.prompts import UserPrompts  # noqa: E402

PASSPHRASE = "secret12"


class Camera:
    """Numbered screenshots of the screen around the windows shown."""

    def __init__(self, out: Path) -> None:
        self.out, self.count = out, 0
        out.mkdir(parents=True, exist_ok=True)

    def shot(self, name: str, *windows: QWidget) -> Path:
        settle()
        screen = QGuiApplication.primaryScreen()
        size = screen.geometry()
        shown = [window for window in windows if window.isVisible()] or [QApplication.activeWindow()]
        left = max(min(window.frameGeometry().left() for window in shown), 0)
        top = max(min(window.frameGeometry().top() for window in shown), 0)
        right = min(max(window.frameGeometry().right() for window in shown) + 1, size.width())
        bottom = min(max(window.frameGeometry().bottom() for window in shown) + 1, size.height())
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        screen.grabWindow(0, left, top, right - left, bottom - top).save(str(path))
        print(f"{path.name}  {right - left}×{bottom - top}", flush=True)
        return path


def settle(milliseconds: int = 300) -> None:
    """Let Qt lay out and paint (a script, not the app: waiting in a nested loop is fine here)."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def centre(dialog: QWidget) -> None:
    free = QGuiApplication.primaryScreen().availableGeometry()
    dialog.move(free.x() + max((free.width() - dialog.width()) // 2, 0),
                free.y() + max((free.height() - dialog.height()) // 3, 0))


class WalkPrompts(UserPrompts):
    """The app's own prompts, except that each question is shown without blocking, photographed, and answered."""

    def __init__(self, camera: Camera, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.camera = camera
        self.workbook: Path | None = None
        self.files: list[Path] = []
        self.texts: list[str] = []
        self.folder: Path | None = None
        self.opened: list[Path] = []

    def _show_box(self, name: str, icon: QMessageBox.Icon, title: str, text: str,
                  buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> None:
        box = QMessageBox(icon, title, text, buttons, self.parent)
        box.show()
        centre(box)
        self.camera.shot(name, box)
        box.close()

    def choose_workbook(self) -> Path | None:
        return self.workbook

    def choose_evidence_files(self) -> list[Path]:
        return self.files

    def choose_folder(self, title: str, start: Path) -> Path | None:
        return self.folder

    def open_file(self, path: Path) -> bool:
        self.opened.append(path)
        return True

    def inform(self, title: str, text: str) -> None:
        self._show_box("inform", QMessageBox.Icon.Information, title, text)

    def warn(self, title: str, text: str) -> None:
        self._show_box("warning", QMessageBox.Icon.Warning, title, text)

    def confirm(self, title: str, text: str) -> bool:
        self._show_box("question", QMessageBox.Icon.Question, title, text,
                       QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return True

    def ask_text(self, title: str, label: str, text: str = "", *, multiline: bool = False) -> str | None:
        answer = self.texts.pop(0) if self.texts else text
        dialog = QInputDialog(self.parent)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        if multiline:
            dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue(answer)
        dialog.show()
        centre(dialog)
        self.camera.shot("ask-text", dialog)
        dialog.close()
        return answer

    def ask_passphrase(self, title: str, label: str) -> str | None:
        return PASSPHRASE

    def ask_choice(self, title: str, label: str, choices: list[str], current: int = 0) -> int | None:
        return current

    def _answered(self, name: str, dialog, answer):  # type: ignore[no-untyped-def]
        """Show `dialog`, photograph it, take its answer (a callable on it) as the clerk left it, close it."""
        dialog.show()
        centre(dialog)
        self.camera.shot(name, dialog)
        value = answer(dialog)
        dialog.close()
        return value

    def ask_evidence_details(self, files, suggestion):  # type: ignore[no-untyped-def]
        from hpdesk.ui.dialogs.evidence_details_dialog import EvidenceDetailsDialog

        return self._answered("evidence-details", EvidenceDetailsDialog(files, suggestion, self.parent),
                              lambda dialog: dialog.details())

    def ask_evidence_batch(self, suggestions):  # type: ignore[no-untyped-def]
        from hpdesk.ui.dialogs.evidence_batch_dialog import EvidenceBatchDialog

        return self._answered("evidence-batch", EvidenceBatchDialog(suggestions, self.parent),
                              lambda dialog: dialog.groups())


def evidence_files(folder: Path) -> list[Path]:
    """A camera photo with its EXIF date, a notice as PDF and meeting minutes as .docx — what a unit sends."""
    from PIL import Image, ImageDraw
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True, exist_ok=True)
    photo = folder / "IMG_20261118_093012.jpg"
    image = Image.new("RGB", (1600, 1200), "#6a9bd1")
    ImageDraw.Draw(image).rectangle((300, 400, 1300, 1000), fill="#f0c060")
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = "2026:11:18 09:30:12"
    image.save(photo, "JPEG", exif=exif)
    notice = folder / "关于开展健康知识进社区活动的通知.pdf"
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Notice")
    page.showPage()
    page.save()
    notice.write_bytes(buffer.getvalue())
    minutes = folder / "健康教育工作推进会会议纪要.docx"
    with zipfile.ZipFile(minutes, "w") as document:
        document.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.'
                          'org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                          '</Types>')
        document.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                          'openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>')
    return [photo, notice, minutes]


def walk(out: Path, today: date) -> None:
    from hpdesk.services.desk import Desk
    from hpdesk.services.workspace import open_workspace
    from hpdesk.ui.application import create_application
    from hpdesk.ui.i18n import install_translators
    from hpdesk.ui.jobs import JobRunner

    scratch = Path(tempfile.mkdtemp(prefix="hpdesk-walk-"))
    QCoreApplication.setOrganizationName("hpdesk-walk")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for settings_format in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(scratch / "settings"))
    app, _stored = create_application(["hpdesk-walk"])
    QSettings().setValue("language", "zh_CN")
    for translator in getattr(app, "_hpdesk_translators", []):
        app.removeTranslator(translator)
    app._hpdesk_translators = install_translators(app, "zh_CN")  # type: ignore[attr-defined]
    camera = Camera(out)
    jobs = JobRunner(immediate=True)  # each step is complete when the next one starts
    tables = scratch / "tables"
    tables.mkdir()
    task_table, indicator_table = unseen_task_table(tables), yearless_indicator_table(tables)
    workspace = open_workspace(scratch / "ws", create=True, actor="walk")
    try:
        services = Desk(workspace)
        prompts = WalkPrompts(camera)
        window = first_run(services, jobs, prompts, camera, task_table, today)
        prompts.parent = window
        import_indicators(window, camera, indicator_table)
        assign_in_bulk(window, camera)
        reports(window, services, prompts, camera, evidence_files(scratch / "evidence"))
        review(window, prompts, camera)
        indicators(window, camera, today.year)
        export(window, prompts, camera, scratch / "exports")
        window.close()
    finally:
        workspace.close()
    print(f"workspace and exports in {scratch}")


def first_run(services, jobs, prompts: WalkPrompts, camera: Camera, table: Path, today: date):  # type: ignore[no-untyped-def]
    from hpdesk.ui.dialogs.first_run_wizard import FirstRunWizard
    from hpdesk.ui.main_window import MainWindow

    wizard = FirstRunWizard(services, jobs, prompts, "zh_CN", today=today)
    wizard.show()
    centre(wizard)
    wizard.office_page.region_edit.setText("城东区")
    wizard.office_page.office_edit.setText("城东区卫生健康委员会")
    wizard.office_page.short_name_edit.setText("区卫健委")
    wizard.office_page.doc_prefix_edit.setText("城东卫健")
    camera.shot("wizard-office", wizard)
    wizard.next()
    wizard.identity_page.passphrase_edit.setText(PASSPHRASE)
    wizard.identity_page.repeat_edit.setText(PASSPHRASE)
    camera.shot("wizard-identity", wizard)
    wizard.next()
    prompts.workbook = table
    wizard.table_page.choose_button.click()
    camera.shot("wizard-table", wizard)
    wizard.next()
    camera.shot("wizard-finish", wizard)
    wizard.accept()
    window = MainWindow(services, jobs, prompts, "zh_CN")
    window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())
    window.show()
    camera.shot("main-after-wizard", window)
    return window


def import_indicators(window, camera: Camera, table: Path) -> None:  # type: ignore[no-untyped-def]
    window.import_file(table)
    dialog = window.import_dialog
    centre(dialog)
    camera.shot("import-indicators", window, dialog)
    dialog.adjust_button.setChecked(True)
    camera.shot("import-indicators-columns", window, dialog)
    dialog._on_import_button_clicked()
    camera.shot("main-after-indicators", window)


def assign_in_bulk(window, camera: Camera) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.ui.main_window import SECTION_DASHBOARD, SECTION_TASKS

    window.show_section(SECTION_DASHBOARD)
    camera.shot("dashboard-to-confirm", window)
    window.show_section(SECTION_TASKS)
    page = window.tasks_page
    page.task_table.selectAll()
    camera.shot("tasks-selected", window)
    page.assign_selected()
    centre(page.assign_dialog)
    camera.shot("assign-bulk", window, page.assign_dialog)
    page.assign_dialog.reject()
    page.confirm_all_suggestions()
    page.task_table.clearSelection()
    camera.shot("tasks-confirmed", window)


def reports(window, services, prompts: WalkPrompts, camera: Camera, files: list[Path]) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.assignments import list_task_assignments
    from hpdesk.ui.views.task_detail_panel import ReportTarget

    period = window.current_period()
    rows = [row for row in list_task_assignments(services.workspace) if row.lead_unit]
    page = window.tasks_page
    for number, row in enumerate(rows[:3]):
        task_id = services.task_id_for_code(row.task_code)
        page.show_task(task_id)
        if number == 0:
            camera.shot("task-view", window)
        page.open_report(ReportTarget(task_id, row.task_code, "", row.lead_unit, "lead", period.label))
        editor = page.editor
        centre(editor)
        editor.status_combo.setCurrentIndex(editor.status_combo.findData("done" if number == 0 else "in_progress"))
        editor.narrative_edit.setPlainText("组织开展健康知识进社区活动6场，发放宣传资料2000余份。")
        editor.filled_by_edit.setText("李明")
        model = editor.figures_model
        figure = model.add_row()
        for column, value in enumerate(("讲座", "12", "场")):
            model.setData(model.index(figure, column), value)
        editor.problems_edit.setPlainText("部分社区居民参与度不高。")
        if number == 0:
            camera.shot("report-filled", window, editor)
            editor.add_files(files)
            camera.shot("report-with-evidence", window, editor)
        if number < 2:
            editor.submit_button.click()
        else:
            editor.save()
        editor.close()


def review(window, prompts: WalkPrompts, camera: Camera) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.ui.main_window import SECTION_REVIEW
    from hpdesk.ui.views.task_detail_panel import ReportTarget

    window.show_section(SECTION_REVIEW)
    page = window.review_page
    camera.shot("review-queue", window)
    approved = page.selected_report()
    page.approve_selected()
    prompts.texts = ["请补充活动照片和签到表。"]
    page.return_selected()
    camera.shot("review-after", window)
    tasks = window.tasks_page
    task_id = tasks.services.task_id_for_code(approved.task_code)
    tasks.open_report(ReportTarget(task_id, approved.task_code, approved.task_text, approved.unit, approved.role,
                                   approved.period))
    centre(tasks.editor)
    camera.shot("report-approved", window, tasks.editor)
    tasks.editor.close()


def indicators(window, camera: Camera, year: int) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.ui.main_window import SECTION_INDICATORS
    from hpdesk.ui.models.indicator_grid_model import FIXED_COLUMNS

    window.show_section(SECTION_INDICATORS)
    page = window.indicators_page
    if year in page.grid_model.years:
        column = FIXED_COLUMNS + page.grid_model.years.index(year)
        for row, value in ((0, "28.3%"), (1, "已实现")):
            if row < page.proxy.rowCount():
                page.proxy.setData(page.proxy.index(row, column), value)
    camera.shot("indicators", window)


def export(window, prompts: WalkPrompts, camera: Camera, folder: Path) -> None:  # type: ignore[no-untyped-def]
    prompts.folder = folder
    window.start_export()
    dialog = window.export_dialog
    centre(dialog)
    dialog.destination_edit.setText(str(folder))
    dialog.doc_number_edit.setText("12")
    dialog.passphrase_edit.setText(PASSPHRASE)
    camera.shot("export", window, dialog)
    dialog.export_button.click()
    camera.shot("export-done", window, dialog)
    dialog.start_preview()
    if dialog.preview is not None:
        camera.shot("print-preview", window, dialog.preview)
        dialog.preview.close()
    dialog.close()
    for pdf in sorted(folder.glob("*.pdf")):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(camera.out / f"pdf-{pdf.stem[:20]}")],
                       check=True)
        print(f"rendered {pdf.name}", flush=True)
    for written in sorted(folder.iterdir()):
        print(f"exported {written.name}  {written.stat().st_size} bytes", flush=True)


# The walk's pictures that docs/ shows (README, "a clerk's day at 1024×768"): step name → file in docs/.
DOCS_SHOTS = {
    "import-indicators-columns": "screenshot-import-year.png", "dashboard-to-confirm":
    "screenshot-dashboard-to-confirm.png", "tasks-selected": "screenshot-tasks-bulk.png",
    "assign-bulk": "screenshot-assign-bulk.png", "evidence-batch": "screenshot-evidence-batch.png",
    "report-approved": "screenshot-report-approved.png", "indicators": "screenshot-indicators-yearless.png",
    "print-preview": "screenshot-export-preview-small-screen.png",
}
# Questions are numbered as they come: the first asks to confirm every suggestion, the export's asks what is missing.
DOCS_QUESTIONS = {0: "screenshot-confirm-all.png", 1: "screenshot-export-missing.png"}


def copy_to_docs(out: Path, docs: Path) -> None:
    import shutil

    questions = sorted(out.glob("*-question.png"))
    for shot in sorted(out.glob("*.png")):
        step = shot.stem.split("-", 1)[-1]
        if step in DOCS_SHOTS:
            shutil.copyfile(shot, docs / DOCS_SHOTS[step])
    for index, name in DOCS_QUESTIONS.items():
        if index < len(questions):
            shutil.copyfile(questions[index], docs / name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=datetime.now().date())
    parser.add_argument("--docs", type=Path, help="also copy the pictures docs/ shows into this folder")
    args = parser.parse_args()
    walk(args.out, args.today)
    if args.docs is not None:
        copy_to_docs(args.out, args.docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
