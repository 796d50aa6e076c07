"""What services tell the clerk follows the UI's language, not the process locale: with the UI in English, an import's
row issues, its progress steps, an error, an evidence notice and a judgement reason show no Chinese; in Chinese they
are Chinese. The texts come from the real import service and the real judging rule; the dialogs render them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from hpdesk.domain.messages import Message
from hpdesk.domain.target_judging import judge
from hpdesk.domain.targets import parse_target
from hpdesk.services.desk import Desk
from hpdesk.services.evidence import EvidenceResult
from hpdesk.services.workspace import Workspace
from hpdesk.ui import progress_dialog
from hpdesk.ui.dialogs import import_dialog
from hpdesk.ui.dialogs.evidence_details_dialog import EvidenceDetails
from hpdesk.ui.dialogs.report_editor import ReportEditorDialog
from hpdesk.ui.i18n import install_translators
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.models.indicator_grid_model import FIXED_COLUMNS, IndicatorGridModel
from hpdesk.ui.progress_dialog import PolledProgressDialog
from hpdesk.ui.views.task_detail_panel import ReportTarget

from ui_fakes import FakePrompts, FakeServices, make_evaluation, make_period

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # ideographs and full-width punctuation


def chinese(text: str) -> bool:
    return bool(CJK.search(text))


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The UI language, with its translators installed as the application does at start-up."""
    translators = install_translators(qapp, request.param)
    yield request.param
    for translator in translators:
        QCoreApplication.removeTranslator(translator)


def _plan_workbook(path: Path) -> Path:
    """A task table with a repeated header (a note) and a row identical to another (a row to check). File and sheet
    names are ASCII so that any Chinese on screen comes from a message, not from the clerk's file."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "tasks"
    header = ["序号", "工作任务", "牵头单位", "责任单位"]
    sheet.append(header)
    sheet.append(["1", "开展全民健康素养促进活动，普及健康知识", "区卫生健康委", "各街道办事处"])
    sheet.append(["2", "推进中小学健康教育课程，开展近视防控宣传", "区教育局", "区卫生健康委"])
    sheet.append(header)  # a page break repeated the header
    sheet.append(["2", "推进中小学健康教育课程，开展近视防控宣传", "区教育局", "区卫生健康委"])
    book.save(path)
    return path


class _RecordingProgressDialog(PolledProgressDialog):
    """The progress dialog as the clerk sees it: after each step the service reports, the label is what the 100 ms
    poll would show (polled at once here, so the test needs no clock)."""

    labels: list[str] = []

    def __init__(self, title: str, progress: Any, cancel: Any, language: str, parent: Any = None) -> None:
        super().__init__(title, progress, cancel, language, parent)
        forward = progress.update

        def update(done: int, total: int, message: Message | None = None) -> None:
            forward(done, total, message)
            if message is not None:
                self._on_timer_timeout()
                _RecordingProgressDialog.labels.append(self.labelText())

        progress.update = update


def _import_texts(qtbot, workspace: Workspace, path: Path, language: str,  # type: ignore[no-untyped-def]
                  monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    monkeypatch.setattr(progress_dialog, "PolledProgressDialog", _RecordingProgressDialog)
    _RecordingProgressDialog.labels = []
    services, prompts = Desk(workspace), FakePrompts()
    dialog = import_dialog.ImportDialog(services, JobRunner(immediate=True), path, services.sheet_names(path),
                                        prompts, language=language)
    qtbot.addWidget(dialog)
    dialog.analyse()
    assert dialog.preview is not None, prompts.warnings
    model = dialog.preview_model
    flagged = [row for row in range(model.rowCount())  # the rows highlighted for the clerk to check
               if model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole)]
    return {
        "rows to check": [dialog.issue_list.item(i).text() for i in range(dialog.issue_list.count())],
        "notes": [dialog.note_list.item(i).text() for i in range(dialog.note_list.count())],
        "flagged row tooltip": [model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole) or "" for row in flagged],
        "progress": list(_RecordingProgressDialog.labels),
    }


def _error_text(qtbot, workspace: Workspace, tmp_path: Path, language: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The warning the import dialog shows when the chosen workbook was moved away before it was read (a
    UserError from the import's file guard)."""
    path = _plan_workbook(tmp_path / "moved.xlsx")
    services, prompts = Desk(workspace), FakePrompts()
    dialog = import_dialog.ImportDialog(services, JobRunner(immediate=True), path, services.sheet_names(path),
                                        prompts, language=language)
    qtbot.addWidget(dialog)
    path.unlink()
    dialog.analyse()
    return prompts.warnings


class _ServicesWithNotice(FakeServices):
    def add_evidence(self, task_code: str, unit: str, period_label: str, files: list[Path], **details: Any) -> Any:
        result = super().add_evidence(task_code, unit, period_label, files, **details)
        return EvidenceResult(result.evidence, (Message.of("notice_duplicate_file", file="b.pdf", other="a.pdf"),))


def _notice_text(qtbot, tmp_path: Path, language: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The notice the report editor shows after adding evidence."""
    prompts = FakePrompts()
    prompts.evidence_answer = EvidenceDetails("document", "plan")
    files = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for file in files:
        file.write_bytes(b"%PDF-1.4 same")
    editor = ReportEditorDialog(_ServicesWithNotice(), JobRunner(immediate=True), prompts,
                                ReportTarget(1, "A01-T001", "task", "unit", "lead", "2026H2"),
                                make_period("2026H2"), language=language)
    qtbot.addWidget(editor)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file)) for file in files])
    editor.evidence_view.dropEvent(QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    return prompts.informations


def _judgement_tooltips(language: str) -> list[str]:
    """The verdict-and-reason lines of the indicator grid's tooltips for two judged values (the other lines quote the
    fake grid's Chinese names and values): one behind its straight line to the target, one whose target ("明显下降") needs judgement for its wording."""
    behind = judge(parse_target("≥80", "%"), year=2024, target_year=2025, history={2019: 53.97, 2024: 72.0},
                   unit="%")
    vague = judge(parse_target("明显下降", "%"), year=2024, target_year=2025, history={2020: 5.0, 2024: 4.0},
                  unit="%")
    services = FakeServices()
    evaluations = [replace(make_evaluation(number, f"I00{number}", 2025, judgement.verdict.value, "1%"),
                           reason=judgement.reason) for number, judgement in ((1, behind), (2, vague))]
    model = IndicatorGridModel(language)
    model.set_grid(services.grid[:2], [2025], {2025: evaluations})
    tooltips = [model.data(model.index(row, FIXED_COLUMNS), Qt.ItemDataRole.ToolTipRole) for row in (0, 1)]
    reasons = [line for tooltip in tooltips for line in tooltip.split("<br>") if "</b>:" in line or "</b>：" in line]
    assert len(reasons) == 2, tooltips
    return reasons


def test_what_services_say_is_shown_in_the_ui_language(qtbot, workspace: Workspace, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    shown = _import_texts(qtbot, workspace, _plan_workbook(tmp_path / "plan.xlsx"), language, monkeypatch)
    shown["error"] = _error_text(qtbot, workspace, tmp_path, language)
    shown["evidence notice"] = _notice_text(qtbot, tmp_path, language)
    shown["judgement reasons"] = _judgement_tooltips(language)
    for where, texts in shown.items():
        assert texts, f"nothing was shown in {where}: the test would prove nothing"
        for text in texts:
            assert chinese(text) == (language == "zh_CN"), f"{where}: {text!r}"
