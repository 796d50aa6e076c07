"""The import wizard on real sample workbooks: preview with detected fields, highlighted issues and the diff, sheet
choice, manual column mapping remembered for the layout."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from hpdesk.services.workspace import Workspace
from hpdesk.services.desk import Desk
from hpdesk.ui.dialogs.import_dialog import ImportDialog
from hpdesk.ui.jobs import JobRunner

from ui_fakes import FakePrompts


def _dialog(qtbot, workspace: Workspace, path: Path, prompts: FakePrompts | None = None) -> ImportDialog:  # type: ignore[no-untyped-def]
    services = Desk(workspace)
    dialog = ImportDialog(services, JobRunner(immediate=True), path, services.sheet_names(path),
                          prompts or FakePrompts())
    qtbot.addWidget(dialog)
    dialog.analyse()
    return dialog


def test_preview_shows_detected_fields_and_highlights_rows_to_check(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace, sample_copy("taian_task_breakdown.xlsx"))
    model = dialog.preview_model
    assert model.rowCount() == dialog.preview.counts()["tasks"] > 100
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())]
    assert any("牵头部门" in (header or "") for header in headers)
    flagged = [row for row in range(model.rowCount())  # the rows highlighted for the clerk to check
               if model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole)]
    assert len(flagged) == dialog.preview.counts()["flagged_rows"]
    assert dialog.issue_list.count() >= len(flagged)
    assert model.data(model.index(0, 0)) == "new"  # nothing imported yet: every row is new
    assert dialog.import_button.isEnabled()


def test_importing_writes_and_reports_back(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace, sample_copy("taian_task_breakdown.xlsx"))
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert Desk(workspace).overview().tasks > 100


def test_clerk_maps_unknown_columns_by_hand_and_it_is_remembered(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    book.active.append(["编号", "工作事项", "部门"])
    book.active.append(["1", "开展健康讲座", "市卫生健康委、各县区"])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    prompts = FakePrompts()
    dialog = _dialog(qtbot, workspace, path, prompts)
    if dialog.preview is not None:  # the importer recognised 工作事项/部门 by itself: nothing to map
        assert dialog.preview.counts()["tasks"] == 1
        return
    assert prompts.warnings  # no header words recognised: the clerk is told, then asked per column
    assert [combo.toolTip() for combo in dialog.mapping_combos] == ["编号", "工作事项", "部门"]
    fields = ["serial", "task_text", "responsible"]
    for combo, field in zip(dialog.mapping_combos, fields):
        combo.setCurrentIndex(combo.findData(field))
    dialog.reanalyse_button.click()
    assert dialog.preview.counts()["county_tasks"] == 1
    dialog.import_button.click()
    again = _dialog(qtbot, workspace, path)
    assert [column.field for column in again.preview.columns] == fields


def test_choosing_an_issue_shows_its_row_in_the_preview(qtbot, workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, workspace, sample_copy("taian_task_breakdown.xlsx"))
    model = dialog.preview_model
    flagged = next(row for row in range(model.rowCount())
                   if model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole))
    sheet_row = int(dialog.preview_model.headerData(flagged, Qt.Orientation.Vertical))
    issue = next(number for number, issue in enumerate(dialog.preview.issues) if issue.row == sheet_row)
    dialog.issue_list.setCurrentRow(issue)
    assert dialog.preview_table.selectionModel().selectedRows()[0].row() == flagged


def test_a_target_column_without_a_year_gets_a_year_in_the_window(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from unseen_layout import yearless_indicator_table

    dialog = _dialog(qtbot, workspace, yearless_indicator_table(tmp_path))
    target = [column.field for column in dialog.preview.columns].index("target")
    years = dialog.year_combos[target]
    assert not years.isHidden() and years.currentData() is None
    assert [years.itemData(i) for i in range(2)] == [None, 0]  # as the header/plan says, or 不限年份
    assert dialog.note_list.count() == 1 and dialog.issue_list.count() == dialog.preview.counts()["flagged_rows"]
    years.setCurrentIndex(years.findData(2025))
    dialog.reanalyse_button.click()
    assert dialog.preview.columns[target].year == 2025
    assert not any(issue.code == "target_year_unknown" for issue in dialog.preview.issues)


def test_the_dialog_fits_the_screen_and_each_column_is_as_wide_as_its_text(qtbot, workspace: Workspace,  # type: ignore[no-untyped-def]
                                                                            tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from hpdesk.ui.dialogs.import_dialog import PREVIEW_COLUMN_MAX
    from unseen_layout import yearless_indicator_table

    dialog = _dialog(qtbot, workspace, yearless_indicator_table(tmp_path))
    free = QGuiApplication.primaryScreen().availableGeometry()  # 800×800 offscreen: narrower than the 1150 it wants
    assert dialog.width() <= free.width() and dialog.height() <= free.height()
    table = dialog.preview_table
    narrow = [column for column in range(dialog.preview_model.columnCount() - 1)  # the last one stretches
              if table.columnWidth(column) < min(table.sizeHintForColumn(column), PREVIEW_COLUMN_MAX)]
    assert narrow == []  # the indicator names read "居民健康素养…" beside a target column taking all the room


def test_a_table_with_nothing_to_check_says_so_instead_of_zero_rows(qtbot, workspace: Workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    book.active.append(["序号", "工作任务", "牵头单位", "责任单位", "完成时限"])
    book.active.append(["1", "开展健康知识讲座，每季度不少于1次", "市卫生健康委", "各县区", "2026年12月底"])
    path = tmp_path / "clean.xlsx"
    book.save(path)
    dialog = _dialog(qtbot, workspace, path)
    assert dialog.preview.counts()["flagged_rows"] == 0
    summary = dialog.summary_label.text()
    assert "No row needs checking." in summary or "没有需要核对的行。" in summary
    assert "0 rows" not in summary and "有 0 行" not in summary


def test_the_chinese_summary_has_no_space_after_a_full_stop(qtbot, qapp, workspace: Workspace,  # type: ignore[no-untyped-def]
                                                           tmp_path: Path) -> None:
    """Its three sentences read "…1 项。 与已导入…。 没有…" in the Chinese UI: a space belongs after "." only."""
    from PySide6.QtCore import QCoreApplication

    from hpdesk.ui.i18n import install_translators

    book = openpyxl.Workbook()
    book.active.append(["序号", "工作任务", "牵头单位", "责任单位", "完成时限"])
    book.active.append(["1", "开展健康知识讲座，每季度不少于1次", "市卫生健康委", "各县区", "2026年12月底"])
    path = tmp_path / "clean.xlsx"
    book.save(path)
    translators = install_translators(qapp, "zh_CN")
    try:
        summary = _dialog(qtbot, workspace, path).summary_label.text()
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
    assert "没有需要核对的行。" in summary
    assert "。 " not in summary, summary


def test_a_sheet_that_fails_to_read_cannot_import_the_sheet_shown_before(qtbot, workspace: Workspace,  # type: ignore[no-untyped-def]
                                                                         tmp_path: Path) -> None:
    """The clerk switches to a sheet without a table: the warning comes, and 导入 must not import the first sheet's
    preview (it stayed enabled and imported the other sheet's rows under the sheet now chosen)."""
    book = openpyxl.Workbook()
    book.active.title = "任务"
    book.active.append(["序号", "工作任务", "牵头单位", "责任单位"])
    book.active.append(["1", "开展健康知识讲座，每季度不少于1次", "市卫生健康委", "各县区"])
    notes = book.create_sheet("说明")
    for line in ("一、本表由市爱卫办汇总", "二、请于每季度末报送", "三、联系人：张三"):
        notes.append([line])
    path = tmp_path / "two-sheets.xlsx"
    book.save(path)
    prompts = FakePrompts()
    dialog = _dialog(qtbot, workspace, path, prompts)
    assert dialog.preview is not None and dialog.import_button.isEnabled()
    dialog.sheet_combo.setCurrentText("说明")
    assert prompts.warnings
    assert not dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert Desk(workspace).overview().tasks == 0
