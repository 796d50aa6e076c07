"""The import wizard: preview with detected fields and highlighted issues, sheet choice, manual column mapping."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from hpdesk.services.workspace import Workspace
from hpdesk.ui.app_services import AppServices
from hpdesk.ui.dialogs.import_dialog import ImportDialog, PreviewTableModel
from hpdesk.ui.jobs import JobRunner


class Prompts:
    def __init__(self) -> None:
        self.warnings: list[str] = []

    def warn(self, title: str, text: str) -> None:
        self.warnings.append(text)


def _dialog(qtbot, workspace: Workspace, path: Path) -> ImportDialog:  # type: ignore[no-untyped-def]
    services = AppServices(workspace)
    dialog = ImportDialog(services, JobRunner(immediate=True), path, services.sheet_names(path), Prompts())
    qtbot.addWidget(dialog)
    dialog.analyse()
    return dialog


def test_preview_shows_detected_fields_and_highlights_fragment_rows(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace, sample_copy("taian_task_breakdown.xlsx"))
    model: PreviewTableModel = dialog.preview_model
    assert model.rowCount() == 124
    assert "牵头部门" in model.headerData(6, Qt.Orientation.Horizontal)
    flagged_rows = [model.headerData(i, Qt.Orientation.Vertical) for i in range(model.rowCount()) if model.is_flagged(i)]
    assert "82" in flagged_rows and "84" in flagged_rows
    assert dialog.issue_list.count() >= 2


def test_clerk_maps_unknown_columns_by_hand_and_it_is_remembered(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    book.active.append(["编号", "工作事项", "部门"])
    book.active.append(["1", "开展健康讲座", "市卫生健康委、各县区"])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    dialog = _dialog(qtbot, workspace, path)
    assert dialog.preview is None and dialog.prompts.warnings  # no header words recognised: the clerk is told
    assert [combo.toolTip() for combo in dialog.mapping_combos] == ["编号", "工作事项", "部门"]
    fields = ["serial", "task_text", "responsible"]
    for combo, field in zip(dialog.mapping_combos, fields):
        combo.setCurrentIndex(combo.findData(field))
    dialog.reanalyse_button.click()
    assert dialog.preview.counts()["county_tasks"] == 1
    dialog.import_button.click()
    again = _dialog(qtbot, workspace, path)
    assert [column.field for column in again.preview.columns] == fields
