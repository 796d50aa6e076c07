"""Importing the city's workbooks: the sample figures, re-imports that keep county data attached, two phases with
cancel and stale previews, remembered mappings, sheets and formats."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from sqlalchemy import func, select
from pg_fixtures import BOTH_BACK_ENDS, every_row

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.importing.workbook_reader import read_grid
from hpdesk.services.progress import CancelToken
from recording_progress import RecordingProgress
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    ActionRecord, AssignmentRecord, AuditEventRecord, IndicatorRecord, IndicatorTargetRecord,
    IndicatorValueRecord, PlanRecord, TaskRecord, UnitRecord,
)

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


def _import(workspace: Workspace, path: Path, **kwargs):  # type: ignore[no-untyped-def]
    return apply_import(workspace, analyse_workbook(workspace, path, **kwargs))


def _count(workspace: Workspace, record) -> int:  # type: ignore[no-untyped-def]
    with workspace.database.read_only() as session:
        return session.scalar(select(func.count()).select_from(record)) or 0


def _save(rows: list[list[object]], path: Path, merges: tuple[str, ...] = (), title: str = "Sheet") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    book.save(path)
    return path


# ---- the four samples ---------------------------------------------------------------------------------------------


def test_taian_table_gives_15_actions_124_tasks_84_for_counties_and_flags_the_two_fragments(
    workspace: Workspace, sample_copy
) -> None:  # type: ignore[no-untyped-def]
    preview = analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx"))
    counts = preview.counts()
    assert preview.kind == "tasks"
    assert (counts["actions"], counts["tasks"], counts["county_tasks"]) == (15, 124, 84)
    assert sorted(issue.row for issue in preview.issues if issue.code == "fragment") == [82, 84]
    assert preview.parsed.heading is not None and str(preview.parsed.heading.issued_on) == "2020-08-05"


def test_zhengzhou_indicators_give_75_with_none_lost_to_the_two_row_header(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    preview = analyse_workbook(workspace, sample_copy("zhengzhou_indicators.xlsx"))
    indicators = preview.parsed.indicators
    assert preview.layout.header_row_numbers == (2, 3)
    assert [indicator.serial_label for indicator in indicators] == [str(number) for number in range(1, 76)]
    assert indicators[0].first_row == 4 and indicators[0].name == "居民健康素养水平" and indicators[0].unit == "%"
    assert sum(1 for indicator in indicators if indicator.baseline_year == 2018) == 73
    assert indicators[-2].baseline_note == "截至2017年底" and indicators[-2].baseline_year == 2017
    assert {year for indicator in indicators for year, _text in indicator.targets} == {2022, 2030}
    report = apply_import(workspace, preview)
    assert report.created == 75
    assert _count(workspace, IndicatorTargetRecord) == 142  # eight indicators have no 2030 target in the source


def test_zhengzhou_tasks_give_143_over_18_actions_with_counties_from_the_bracket_text(
    workspace: Workspace, sample_copy
) -> None:  # type: ignore[no-untyped-def]
    preview = analyse_workbook(workspace, sample_copy("zhengzhou_tasks.xlsx"))
    counts = preview.counts()
    assert (counts["tasks"], counts["actions"]) == (143, 18)
    assert counts["county_tasks"] == 86
    assert sorted(issue.row for issue in preview.issues if issue.code == "action_goal") == [29, 41]
    first = preview.parsed.tasks[0]
    assert first.responsibility.leads == ("市卫生健康委", "市爱卫办")


def test_guancheng_gives_22_indicators_with_2020_values_and_2025_targets(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    preview = analyse_workbook(workspace, sample_copy("guancheng_indicators.xlsx"))
    assert preview.counts()["indicators"] == 22
    assert all(indicator.baseline_year == 2020 for indicator in preview.parsed.indicators)
    assert {year for indicator in preview.parsed.indicators for year, _ in indicator.targets} == {2025}
    assert preview.parsed.indicators[2].targets == ((2025, "≤4.1"),)


def test_both_zhengzhou_tables_land_in_one_plan_and_indicators_join_its_actions(
    workspace: Workspace, sample_copy
) -> None:  # type: ignore[no-untyped-def]
    _import(workspace, sample_copy("zhengzhou_tasks.xlsx"))
    report = _import(workspace, sample_copy("zhengzhou_indicators.xlsx"))
    assert report.preview.existing_plan
    with workspace.database.read_only() as session:
        assert session.scalar(select(func.count()).select_from(PlanRecord)) == 1
        assert session.scalar(select(func.count()).select_from(ActionRecord)) == 18
        actions = dict(session.execute(select(IndicatorRecord.code, ActionRecord.code)
                                       .join(ActionRecord, IndicatorRecord.action_id == ActionRecord.id,
                                             isouter=True)).all())
        area_of = dict(session.execute(select(IndicatorRecord.code, IndicatorRecord.area)).all())
    assert actions["I001"] == "A01"  # (一)健康促进行动 → the tasks' （1）健康促进行动
    assert {actions[code] for code, area in area_of.items() if area.startswith("(十一)")} == {"A11"}
    assert {actions[code] for code, area in area_of.items() if area == "健康水平"} == {None}


def test_importing_the_same_plan_again_is_recognised_and_changes_nothing(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    sample = sample_copy("taian_task_breakdown.xlsx")
    first = _import(workspace, sample)
    again = analyse_workbook(workspace, sample)
    assert again.existing_plan and again.plan_code == first.preview.plan_code
    counts = again.counts()
    assert (counts["unchanged"], counts["new"], counts["changed"], counts["withdrawn"]) == (124, 0, 0, 0)
    second = apply_import(workspace, again)
    assert dict(second.codes_by_row) == dict(first.codes_by_row)
    assert _count(workspace, TaskRecord) == 124 and _count(workspace, PlanRecord) == 1


def test_re_importing_an_indicator_table_with_an_unnumbered_area_changes_nothing(
    workspace: Workspace, sample_copy
) -> None:  # type: ignore[no-untyped-def]
    """Zhengzhou's 健康水平 area is no action: its indicators are stored without one, and a second import of the
    same file called them changed (every time, so the clerk could never see an unchanged table)."""
    sample = sample_copy("zhengzhou_indicators.xlsx")
    _import(workspace, sample)
    counts = analyse_workbook(workspace, sample).counts()
    assert (counts["unchanged"], counts["new"], counts["changed"], counts["withdrawn"]) == (75, 0, 0, 0)


def test_analysing_writes_nothing(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    before = every_row(workspace)
    analyse_workbook(workspace, sample_copy("zhengzhou_tasks.xlsx"))
    assert every_row(workspace) == before and before["office"]  # the office row: the comparison sees rows


# ---- revised tables -----------------------------------------------------------------------------------------------


def _attach_county_data(workspace: Workspace) -> None:
    with workspace.database.unit_of_work() as session:
        unit = UnitRecord(name="区卫健委", created_at=now_iso())
        session.add(unit)
        session.flush()
        for task_id in session.scalars(select(TaskRecord.id)):
            session.add(AssignmentRecord(task_id=task_id, unit_id=unit.id, role="lead", created_at=now_iso()))


def _assignments_by_code(workspace: Workspace) -> dict[str, int]:
    with workspace.database.read_only() as session:
        return dict(session.execute(select(TaskRecord.code, AssignmentRecord.id)
                                    .join(AssignmentRecord, AssignmentRecord.task_id == TaskRecord.id)).all())


def _taian_rows(path: Path) -> list[list[str]]:
    return [list(row.cells) for row in read_grid(path).rows]


def test_revised_table_updates_adds_and_withdraws_without_detaching_county_data(
    workspace: Workspace, sample_copy, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    original = sample_copy("taian_task_breakdown.xlsx")
    first = _import(workspace, original)
    _attach_county_data(workspace)
    attached = _assignments_by_code(workspace)
    rows = _taian_rows(original)
    rows[3][3] += "（修订）"  # row 4: the measure reworded
    rows[5][7] = "市医保局、市财政局、各县市区"  # row 6: a department added
    rows[6], rows[7] = rows[7], rows[6]  # rows 7 and 8 swapped
    del rows[9]  # row 10 deleted
    rows.append(["", "", "新增任务：建设健康主题公园", "每区至少一个", "提供建设资料", "", "市住房城乡建设局",
                 "市住房城乡建设局、各县市区"])
    revised = _save(rows, tmp_path / "taian_revised.xlsx")

    preview = analyse_workbook(workspace, revised)
    counts = preview.counts()
    assert (counts["new"], counts["changed"], counts["withdrawn"]) == (1, 2, 1)
    by_state = {change.state: change for change in preview.changes}
    assert by_state["withdrawn"].code == first.codes_by_row[10] and by_state["withdrawn"].row is None
    changed = {change.code: change.changed_fields for change in preview.changes if change.state == "changed"}
    assert changed == {first.codes_by_row[4]: ("measures",), first.codes_by_row[6]: ("responsible_text",)}
    report = apply_import(workspace, preview)

    assert report.codes_by_row[7] == first.codes_by_row[8] and report.codes_by_row[8] == first.codes_by_row[7]
    assert _assignments_by_code(workspace) == attached  # every assignment still on the same task
    with workspace.database.read_only() as session:
        withdrawn = session.scalars(select(TaskRecord.code).where(TaskRecord.status == "withdrawn")).all()
        county = session.scalar(select(TaskRecord.falls_to_county).where(TaskRecord.code == first.codes_by_row[6]))
    assert withdrawn == [first.codes_by_row[10]]
    assert county is True
    assert _count(workspace, TaskRecord) == 125


def test_a_withdrawn_task_that_comes_back_is_active_again_under_its_old_code(
    workspace: Workspace, sample_copy, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    original = sample_copy("zhengzhou_tasks.xlsx")
    first = _import(workspace, original)
    rows = [list(row.cells) for row in read_grid(original).rows]
    _import(workspace, _save(rows[:10] + rows[11:], tmp_path / "without_row_11.xlsx"))
    back = _import(workspace, _save(rows, tmp_path / "with_row_11.xlsx"))
    assert back.codes_by_row[11] == first.codes_by_row[11]
    with workspace.database.read_only() as session:
        assert set(session.scalars(select(TaskRecord.status))) == {"active"}


def test_revised_indicator_targets_are_replaced_and_county_values_stay(
    workspace: Workspace, sample_copy, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    original = sample_copy("guancheng_indicators.xlsx")
    _import(workspace, original)
    with workspace.database.unit_of_work() as session:
        indicator = session.scalars(select(IndicatorRecord).where(IndicatorRecord.name == "婴儿死亡率")).one()
        session.add(IndicatorValueRecord(indicator_id=indicator.id, year=2025, value=3.9, value_text="3.9",
                                         updated_at=now_iso()))
        indicator_id = indicator.id
    rows = [list(row.cells) for row in read_grid(original).rows]
    rows[4][4] = "≤4.0"  # 婴儿死亡率's 2025 target revised
    preview = analyse_workbook(workspace, _save(rows, tmp_path / "revised.xlsx"))
    assert preview.counts()["changed"] == 1
    apply_import(workspace, preview)
    with workspace.database.read_only() as session:
        target = session.execute(select(IndicatorTargetRecord.year, IndicatorTargetRecord.text,
                                        IndicatorTargetRecord.parsed)
                                 .where(IndicatorTargetRecord.indicator_id == indicator_id)).one()
        values = session.scalars(select(IndicatorValueRecord.indicator_id)).all()
    assert tuple(target) == (2025, "≤4.0", None)
    assert values == [indicator_id]


# ---- two phases ---------------------------------------------------------------------------------------------------


def test_cancel_during_apply_rolls_everything_back(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    preview = analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx"))
    token = CancelToken()

    class CancelOnFirstUpdate(RecordingProgress):
        def update(self, done: int, total: int, message: str = "") -> None:
            super().update(done, total, message)
            token.cancel()

    audit_before = _count(workspace, AuditEventRecord)
    with pytest.raises(OperationCancelled):
        apply_import(workspace, preview, CancelOnFirstUpdate(), token)
    assert _count(workspace, TaskRecord) == 0 and _count(workspace, PlanRecord) == 0
    assert _count(workspace, AuditEventRecord) == audit_before


def test_a_cancelled_analysis_stops_before_reading(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    token = CancelToken()
    token.cancel()
    with pytest.raises(OperationCancelled):
        analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx"), cancel=token)


def test_a_preview_made_before_another_import_is_refused_as_stale(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    sample = sample_copy("zhengzhou_tasks.xlsx")
    stale = analyse_workbook(workspace, sample)
    _import(workspace, sample)
    with pytest.raises(UserError) as refused:
        apply_import(workspace, stale)
    assert refused.value.code == "import_preview_stale"
    assert _count(workspace, TaskRecord) == 143


def test_a_re_import_preview_is_refused_as_stale_when_another_re_import_changed_the_rows(
    workspace: Workspace, sample_copy, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    sample = sample_copy("zhengzhou_tasks.xlsx")
    _import(workspace, sample)
    rows = [list(row.cells) for row in read_grid(sample).rows]
    rows[-1] = [text + "（修订）" if text else text for text in rows[-1]]
    revised = _save(rows, tmp_path / "revised.xlsx", title="任务")
    stale = analyse_workbook(workspace, sample)  # the plan exists: every row unchanged
    _import(workspace, revised)  # the last row's stored text changed meanwhile
    with pytest.raises(UserError) as refused:
        apply_import(workspace, stale)
    assert refused.value.code == "import_preview_stale"


def test_progress_is_reported_and_the_import_is_audited_with_its_counts(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    progress = RecordingProgress()
    preview = analyse_workbook(workspace, sample_copy("guancheng_indicators.xlsx"), progress=progress)
    apply_import(workspace, preview, progress)
    assert progress.updates[0][:2] == (0, 4) and progress.updates[-1][0] == progress.updates[-1][1]
    with workspace.database.read_only() as session:
        after = session.scalars(select(AuditEventRecord.after).where(AuditEventRecord.action == "import")).one()
    assert after is not None and after["indicators"] == 22 and after["new"] == 22
    assert json.dumps(preview.to_json(), ensure_ascii=False)  # the preview is plain data


# ---- layouts, mappings, sheets, formats -----------------------------------------------------------------------------


def test_a_layout_unlike_the_samples_imports_without_code_changes(workspace: Workspace, tmp_path: Path) -> None:
    path = _save([
        ["附件2", "", "", "", ""],
        ["某市健康城市建设重点任务清单", "", "", "", ""],
        ["填报单位：某市爱卫办    2024年3月1日", "", "", "", ""],
        ["编号", "重点任务", "配合单位", "牵头单位", "备注"],
        ["一、健康环境促进行动", "", "", "", ""],
        ["1", "开展城乡环境卫生整治", "市城管局市生态环境局各县（区）人民政府", "市爱卫办", ""],
        ["2", "推进厕所革命", "市农业农村局", "市住建局", ""],
        ["编号", "重点任务", "配合单位", "牵头单位", "备注"],
        ["二、控烟行动", "", "", "", ""],
        ["1", "建设无烟机关", "各县市区", "市直机关工委", "每年报送"],
        ["注：本表由市爱卫办负责解释。", "", "", "", ""],
    ], tmp_path / "another_city.xlsx", merges=("A5:E5", "A9:E9", "A11:E11"), title="任务清单")
    preview = analyse_workbook(workspace, path)
    counts = preview.counts()
    assert (preview.kind, counts["actions"], counts["tasks"], counts["county_tasks"]) == ("tasks", 2, 3, 2)
    first = preview.parsed.tasks[0]
    assert first.responsibility.leads == ("市爱卫办",)
    assert first.responsibility.responsible == ("市城市管理局", "市生态环境局", "各县（市、区）")
    assert (first.sheet, first.first_row, first.source_range) == ("任务清单", 6, "A6:E6")
    assert {(issue.row, issue.code) for issue in preview.issues} == {
        (5, "action_heading"), (8, "repeated_header"), (9, "action_heading"), (11, "notes_row")}


def test_a_manual_mapping_is_remembered_for_files_of_the_same_layout(workspace: Workspace, tmp_path: Path) -> None:
    path = _save([["事项", "部门", "情况"], ["开展健康讲座", "市卫生健康委、各县区", ""]], tmp_path / "odd.xlsx")
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, path)
    assert refused.value.code == "import_no_header" and "odd.xlsx" in refused.value.message("zh")
    first = _import(workspace, path, mapping=["task_text", "responsible", "note"])
    assert first.preview.mapping_source == "manual"
    second = analyse_workbook(workspace, _save([["事项", "部门", "情况"], ["建设步道", "市体育局", ""]],
                                               tmp_path / "odd_next_year.xlsx"))
    assert second.mapping_source == "remembered"
    assert [column.field for column in second.columns] == ["task_text", "responsible", "note"]
    assert analyse_workbook(workspace, path, column_fields=["task_text", "responsible", ""]).counts()["tasks"] == 1


def test_an_unknown_field_or_a_mapping_of_the_wrong_width_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    path = _save([["序号", "具体任务", "责任单位"], ["1", "开展讲座", "市卫健委"]], tmp_path / "t.xlsx")
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, path, mapping=["serial", "任务", "responsible"])
    assert refused.value.code == "import_mapping_unknown_field"
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, path, mapping=["serial", "task_text"])
    assert refused.value.code == "import_mapping_wrong_width"


def test_the_first_visible_sheet_with_a_table_is_chosen(workspace: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本表请于6月15日前报送。"])
    hidden = book.create_sheet("隐藏")
    hidden.append(["序号", "具体任务", "责任单位"])
    hidden.append(["1", "旧任务", "市卫健委"])
    hidden.sheet_state = "hidden"
    table = book.create_sheet("任务")
    table.append(["序号", "具体任务", "责任单位"])
    table.append(["1", "开展讲座", "市卫健委"])
    path = tmp_path / "sheets.xlsx"
    book.save(path)
    preview = analyse_workbook(workspace, path)
    assert (preview.sheet, preview.parsed.tasks[0].text.task_text) == ("任务", "开展讲座")
    assert analyse_workbook(workspace, path, sheet="隐藏").parsed.tasks[0].text.task_text == "旧任务"


def _ods(path: Path, rows: list[list[str]]) -> Path:
    cells = "".join("<table:table-row>" + "".join(
        f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'
        for value in row) + "</table:table-row>" for row in rows)
    return _ods_file(path, f'<table:table table:name="指标">{cells}</table:table>')


def _ods_file(path: Path, tables: str) -> Path:
    """An .ods file whose spreadsheet holds `tables` (table:table elements)."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet>{tables}</office:spreadsheet>'
               '</office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest manifest:version="1.2" '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def test_an_ods_workbook_imports_like_an_xlsx(workspace: Workspace, tmp_path: Path) -> None:
    path = _ods(tmp_path / "指标.ods", [["序号", "指标名称", "2020年", "2025年"],
                                        ["1", "居民健康素养水平（%）", "27.64", "≥35"]])
    preview = analyse_workbook(workspace, path)
    indicator = preview.parsed.indicators[0]
    assert (indicator.name, indicator.unit, indicator.baseline_value, indicator.targets) == (
        "居民健康素养水平", "%", 27.64, ((2025, "≥35"),))


def _ods_cell(text: str, rows: int = 1, columns: int = 1) -> str:
    span = f' table:number-rows-spanned="{rows}" table:number-columns-spanned="{columns}"' if rows * columns > 1 else ""
    return f'<table:table-cell office:value-type="string"{span}><text:p>{escape(text)}</text:p></table:table-cell>'


def test_merged_cells_of_an_ods_table_are_expanded_as_in_an_xlsx(workspace: Workspace, tmp_path: Path) -> None:
    """LibreOffice/WPS save merges as spans with covered cells; calamine reports none for .ods, and without them the
    second task lost its action and 基本内容 (re-importing the Tai'an table saved as .ods withdrew 31 tasks)."""
    covered = '<table:covered-table-cell table:number-columns-repeated="2"/>'
    rows = [
        '<table:table-row>' + _ods_cell("健康行动任务分解表", columns=5)
        + '<table:covered-table-cell table:number-columns-repeated="4"/></table:table-row>',
        '<table:table-row>' + "".join(_ods_cell(text) for text in ("序号", "基本内容", "具体任务", "牵头部门", "责任部门"))
        + '</table:table-row>',
        '<table:table-row>' + _ods_cell("1. 开展健康知识普及行动。", rows=2) + _ods_cell("建立健全健康教育体系", rows=2)
        + _ods_cell("完善健康科普资源库") + _ods_cell("市卫生健康委") + _ods_cell("市卫生健康委、各县市区")
        + '</table:table-row>',
        '<table:table-row>' + covered + _ods_cell("构建健康科普知识发布和传播机制") + _ods_cell("市委宣传部")
        + _ods_cell("市委宣传部、各县市区") + '</table:table-row>',
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="5"/>'
        '</table:table-row>',
    ]
    path = _ods_file(tmp_path / "任务.ods", '<table:table table:name="其他"><table:table-row>' + _ods_cell("x", rows=3)
                     + f'</table:table-row></table:table><table:table table:name="任务">{"".join(rows)}</table:table>')
    preview = analyse_workbook(workspace, path, sheet="任务")
    tasks = preview.parsed.tasks
    assert [task.text.basic_content for task in tasks] == ["建立健全健康教育体系"] * 2
    assert [task.action_key for task in tasks] == ["#1", "#1"] and len(preview.parsed.actions) == 1
    assert [task.source_range for task in tasks] == ["A3:E3", "A4:E4"]


def test_percentage_cells_of_an_ods_table_read_as_the_clerk_sees_them(workspace: Workspace, tmp_path: Path) -> None:
    """Calc stores 27.64% as a percentage cell holding 0.2764: the import read "0.2764" and a target "0.35", which a
    value of 30 (%) then met."""
    def percentage(fraction: str) -> str:
        return (f'<table:table-cell office:value-type="percentage" office:value="{fraction}">'
                f'<text:p>{float(fraction) * 100:g}%</text:p></table:table-cell>')

    header = "".join(_ods_cell(text) for text in ("序号", "指标", "单位", "2020年", "2025年"))
    row = _ods_cell("1") + _ods_cell("居民健康素养水平") + _ods_cell("%") + percentage("0.2764") + percentage("0.35")
    path = _ods_file(tmp_path / "指标.ods", f'<table:table table:name="指标"><table:table-row>{header}</table:table-row>'
                                          f'<table:table-row>{row}</table:table-row></table:table>')
    indicator = analyse_workbook(workspace, path).parsed.indicators[0]
    assert (indicator.baseline_text, indicator.baseline_value, indicator.targets) == ("27.64%", 27.64,
                                                                                      ((2025, "35%"),))


@pytest.mark.parametrize("name", ["percent_indicators_small.xls", "percent_indicators_300.xls"])
def test_percentage_cells_of_an_xls_table_read_as_the_clerk_sees_them(workspace: Workspace, tmp_path: Path,
                                                                      name: str) -> None:
    """A city's .xls (small ones keep their workbook in the OLE mini stream) showing 27.64% holds 0.2764: the import
    read "0.2764" and a target "0.35", which a value of 30 (%) then met."""
    path = tmp_path / name
    path.write_bytes((Path(__file__).parents[1] / "fixtures" / "workbooks" / name).read_bytes())
    indicators = analyse_workbook(workspace, path).parsed.indicators
    if name.endswith("small.xls"):
        assert [(item.baseline_text, item.baseline_value, item.targets) for item in indicators] == [
            ("27.64%", 27.64, ((2025, "35%"),)), ("9.8", 9.8, ((2025, "≤12"),))]
    else:
        assert len(indicators) == 300
        assert [(item.baseline_text, item.targets) for item in indicators[:2]] == [
            ("25.1%", ((2025, "30.1%"), (2030, "100%"))), ("25.2%", ((2025, "30.2%"), (2030, "≥90%")))]
        assert indicators[-1].baseline_text == "55%"


def test_a_damaged_xls_gives_no_percentages_and_no_error() -> None:
    from hpdesk.services.importing.xls_percentages import xls_percentages

    whole = (Path(__file__).parents[1] / "fixtures" / "workbooks" / "percent_indicators_300.xls").read_bytes()
    assert len(xls_percentages(whole, "主要指标")) == 750
    for damaged in (whole[:len(whole) // 2], whole[:600], b"\xd0\xcf\x11\xe0" + b"\xff" * 2000,
                    whole[:0x1E] + b"\x40\x00" + whole[0x20:]):
        assert isinstance(xls_percentages(damaged, "主要指标"), dict)  # whatever it could read; never an error
    assert xls_percentages(whole, "没有这个表") == {}


def test_percent_formatted_cells_read_as_the_clerk_sees_them(workspace: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["序号", "指标", "2020年", "2025年"])
    book.active.append([1, "居民健康素养水平", 0.2764, "≥35%"])
    book.active.append([2, "人均预期寿命（岁）", 79.07, "提高1岁"])
    book.active["C2"].number_format = "0.00%"
    path = tmp_path / "percent.xlsx"
    book.save(path)
    first, second = analyse_workbook(workspace, path).parsed.indicators
    assert (first.baseline_text, first.baseline_value) == ("27.64%", 27.64)
    assert (second.baseline_text, second.serial_label) == ("79.07", "2")


def test_an_indicator_table_titled_differently_joins_the_only_plan(workspace: Workspace, tmp_path: Path) -> None:
    from unseen_layout import unseen_task_table, yearless_indicator_table

    from hpdesk.services.plan_queries import plan_overview

    apply_import(workspace, analyse_workbook(workspace, unseen_task_table(tmp_path)))
    indicators = analyse_workbook(workspace, yearless_indicator_table(tmp_path))
    assert indicators.existing_plan and indicators.plan_title == "健康城市建设行动"
    apply_import(workspace, indicators)
    overview = plan_overview(workspace)
    assert (overview.plans, overview.actions, overview.indicators) == (1, 3, 4)  # (一)… matched the task plan's


def test_writing_rows_reports_its_own_step_not_a_row_code(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    progress = RecordingProgress()
    apply_import(workspace, analyse_workbook(workspace, sample_copy("zhengzhou_tasks.xlsx")), progress)
    steps = {message.code for _done, _total, message in progress.updates if message is not None}
    assert steps == {"progress_import_writing_tasks"}
