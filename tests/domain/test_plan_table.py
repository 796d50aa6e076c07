"""Understanding city tables from plain grids, including layouts that are not the samples."""

from __future__ import annotations

from hpdesk.domain.departments import county_counterpart, parse_bracket_cell, parse_columns, split_names
from hpdesk.domain.grid import Grid
from hpdesk.domain.plan_codes import ExistingRow, IncomingRow, match_rows
from hpdesk.domain.plan_table import parse_action_label, parse_table, plan_key, split_baseline, split_name_and_unit
from hpdesk.domain.table_layout import detect_layout


def _parse(rows: list[list[str]]):  # type: ignore[no-untyped-def]
    grid = Grid.from_lists(rows, "表1")
    layout = detect_layout(grid)
    assert layout is not None
    return layout, parse_table(grid, layout)


def test_header_is_found_below_title_rows_and_columns_in_any_order() -> None:
    layout, parsed = _parse([
        ["某市健康行动任务清单", "", "", ""],
        ["（2023年修订）", "", "", ""],
        ["责任单位", "任务内容", "专项行动", "编号"],
        ["市教育局、各县（区）人民政府", "开展学生视力筛查", "1、中小学健康促进行动", "1"],
        ["市体育局", "建设健身步道", "2、全民健身行动", "1"],
    ])
    assert layout.kind == "tasks"
    assert layout.header_row_numbers == (3,)
    assert [task.task_text for task in parsed.tasks] == ["开展学生视力筛查", "建设健身步道"]
    assert parsed.tasks[0].responsibility.falls_to_county
    assert [action.number for action in parsed.actions] == [1, 2]


def test_two_row_header_gives_baseline_and_target_years() -> None:
    layout, parsed = _parse([
        ["领域", "指标", "2019年", "2025年", "性质"],
        ["领域", "", "基线值", "目标", ""],
        ["（三）控烟行动", "成人吸烟率（%）", "26.6", "<20", "预期性"],
    ])
    assert layout.header_row_numbers == (1, 2)
    indicator = parsed.indicators[0]
    assert (indicator.name, indicator.unit) == ("成人吸烟率", "%")
    assert indicator.baseline_year == 2019 and indicator.baseline_value == 26.6
    assert indicator.targets == ((2025, "<20"),)


def test_repeated_header_and_notes_rows_are_skipped_with_an_info_issue() -> None:
    _layout, parsed = _parse([
        ["序号", "具体任务", "牵头单位", "责任单位"],
        ["1", "任务甲", "市卫生健康委", "各县市区"],
        ["序号", "具体任务", "牵头单位", "责任单位"],
        ["2", "任务乙", "市民政局", "市民政局"],
        ["注：各县区每半年报送一次。", "注：各县区每半年报送一次。", "", ""],
    ])
    assert [task.task_text for task in parsed.tasks] == ["任务甲", "任务乙"]
    assert {issue.code for issue in parsed.issues} == {"repeated_header", "notes_row"}


def test_row_with_no_departments_is_kept_and_flagged_with_its_row_number() -> None:
    _layout, parsed = _parse([
        ["序号", "具体任务", "牵头单位", "责任单位"],
        ["1", "任务甲", "", ""],
    ])
    assert parsed.tasks[0].flags == ("blank_departments",)
    assert parsed.issues[0].row == 2


def test_department_name_in_the_task_column_is_flagged_as_shifted() -> None:
    _layout, parsed = _parse([
        ["序号", "具体任务", "推进措施", "牵头单位", "责任单位"],
        ["1", "市卫生健康委、市教育局", "开展培训", "", ""],
    ])
    assert "shifted_cells" in parsed.tasks[0].flags


def test_sheet_without_header_words_has_no_layout() -> None:
    assert detect_layout(Grid.from_lists([["张三", "李四"], ["1", "2"]])) is None


def test_bracket_cell_splits_leads_from_responsible_and_detects_counties() -> None:
    responsibility = parse_bracket_cell("市卫健委<市爱卫办>牵头，市委组织部、市委宣传部，各区县（市）按职责分工负责")
    assert responsibility.leads == ("市卫生健康委", "市爱卫办")
    assert responsibility.responsible == ("市委组织部", "市委宣传部", "各县（市、区）")
    assert responsibility.falls_to_county


def test_county_government_glued_to_the_previous_name_is_split() -> None:
    names, _open = split_names("市民政局各县（区）人民政府")
    assert names == ["市民政局", "各县（市、区）"]


def test_every_county_wide_variant_is_recognised() -> None:
    for text in ("各县市区", "各县（市、区）", "各区县（市）", "各县区", "各县（区）人民政府", "县区卫生健康委"):
        assert parse_columns("", f"市卫生健康委、{text}").falls_to_county, text


def test_aliases_normalise_department_spellings_and_clerk_aliases_win() -> None:
    names, _ = split_names("市卫健委、市卫生健康委员会、市卫生健康委")
    assert names == ["市卫生健康委"]
    names, _ = split_names("市疾控中心", {"市疾控中心": "市疾病预防控制中心"})
    assert names == ["市疾病预防控制中心"]


def test_open_list_ending_in_deng_is_marked_open() -> None:
    assert parse_bracket_cell("市卫健委牵头，市财政局、市教育局等按职责分工负责").open_ended


def test_action_labels_in_every_numbering_style() -> None:
    assert parse_action_label("1. 开展健康知识普及行动。") == (1, "1.", "开展健康知识普及行动")
    assert parse_action_label("（十一）心脑血管疾病防治行动")[0] == 11
    assert parse_action_label("(3)全民健身行动")[0] == 3
    assert parse_action_label("2、合理膳食行动")[0] == 2


def test_name_unit_and_baseline_notes_are_split() -> None:
    assert split_name_and_unit("孕产妇死亡率(1/10万)") == ("孕产妇死亡率", "1/10万")
    assert split_baseline("53.97(截至2019年3月)", 2018) == (53.97, 2019, "截至2019年3月")
    assert split_baseline("—", 2018) == (None, 2018, "—")


def test_both_tables_of_one_city_belong_to_one_plan() -> None:
    assert plan_key("健康郑州行动主要指标")[0] == plan_key("健康郑州行动（2020-2030年）重点任务及责任分工")[0]


def test_revised_rows_keep_their_codes_new_ones_are_new_and_vanished_ones_withdrawn() -> None:
    existing = [ExistingRow("A01-T001", "a", "开展健康科普进社区活动每年不少于4次", "h1"),
                ExistingRow("A01-T002", "a", "建立健康科普专家库", "h2"),
                ExistingRow("A01-T003", "a", "完全不同的旧任务", "h3")]
    incoming = [IncomingRow("a", "建立健康科普专家库", "h2"),
                IncomingRow("a", "开展健康科普进社区活动每年不少于6次", "h9"),
                IncomingRow("a", "新增加的任务内容", "h10")]
    result = match_rows(existing, incoming)
    assert [(m.code, m.state) for m in result.matches] == [
        ("A01-T002", "unchanged"), ("A01-T001", "changed"), (None, "new")]
    assert result.withdrawn == ("A01-T003",)


def test_counterpart_of_a_city_department() -> None:
    assert county_counterpart("市卫生健康委") == "区卫生健康委"
    assert county_counterpart("市委宣传部", "县") == "县委宣传部"
