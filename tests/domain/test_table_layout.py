"""Finding the header of any city table and mapping its columns to fields by their words."""

from __future__ import annotations

import pytest
from literal_grid import literal_grid

from hpdesk.domain.table_layout import (
    ColumnMapping, UnknownField, detect_layout, field_for_label, is_column_number_row, is_notes_row,
    is_repeated_header, layout_signature, resolve_layout,
)


def _fields(layout) -> list[tuple[str, int | None]]:  # type: ignore[no-untyped-def]
    return [(role.field, role.year) for role in layout.columns]


def test_header_is_found_below_title_and_subtitle_rows_in_any_column_order() -> None:
    grid = literal_grid([
        ["某市健康行动任务清单", "", "", ""],
        ["（2023年修订）", "", "", ""],
        ["", "", "", ""],
        ["责任单位", "任务内容", "专项行动", "编号"],
        ["市教育局", "开展学生视力筛查", "1、中小学健康促进行动", "1"],
    ])
    layout = detect_layout(grid)
    assert layout is not None
    assert layout.header_row_numbers == (4,)
    assert [field for field, _year in _fields(layout)] == ["responsible", "task_text", "action", "serial"]
    assert layout.kind == "tasks" and layout.confident
    assert layout.title_lines == ("某市健康行动任务清单", "（2023年修订）")


def test_a_title_merged_across_the_width_is_not_taken_for_a_header_row() -> None:
    grid = literal_grid([["主要指标"] * 4, ["序号", "指标名称", "2025年目标值", "指标性质"],
                            ["1", "居民健康素养水平（%）", "≥30", "预期性"]])
    layout = detect_layout(grid)
    assert layout is not None and layout.header_row_numbers == (2,)
    assert _fields(layout) == [("serial", None), ("indicator_name", None), ("target", 2025), ("nature", None)]


def test_year_over_baseline_words_make_a_two_row_header() -> None:
    grid = literal_grid([
        ["领域", "序号", "指标", "2018年", "2022年", "2030年", "指标性质"],
        ["", "", "", "基期水平", "目标值", "目标值", ""],
        ["(一)健康促进行动", "1", "居民健康素养水平（%）", "14.38", "25", "36", "预期性"],
    ], merged=[((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (1, 2)), ((0, 6), (1, 6))])
    layout = detect_layout(grid)
    assert layout is not None and layout.header_row_numbers == (1, 2)
    assert _fields(layout)[3:6] == [("baseline", 2018), ("target", 2022), ("target", 2030)]
    assert layout.kind == "indicators"


def test_a_group_label_above_the_year_columns_is_part_of_the_header() -> None:
    grid = literal_grid([
        ["", "", "目标值", "目标值"],
        ["序号", "指标名称", "2025年", "2030年"],
        ["1", "人均预期寿命（岁）", "79", "80"],
    ])
    layout = detect_layout(grid)
    assert layout is not None and layout.header_row_numbers == (1, 2)
    assert _fields(layout)[2:] == [("target", 2025), ("target", 2030)]


def test_a_department_group_over_lead_and_partner_columns_gives_both_roles() -> None:
    grid = literal_grid([
        ["序号", "任务", "责任单位", "责任单位"],
        ["", "", "牵头", "配合"],
        ["1", "开展讲座", "市卫健委", "市教育局、各县区"],
    ], merged=[((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3))])
    layout = detect_layout(grid)
    assert layout is not None and layout.header_row_numbers == (1, 2)
    assert [field for field, _year in _fields(layout)] == ["serial", "task_text", "lead", "responsible"]


def test_bare_year_columns_make_the_earliest_a_baseline_when_its_cells_are_measurements() -> None:
    grid = literal_grid([["序号", "指标", "单位", "2020年", "2025年"],
                            ["1", "人均预期寿命", "岁", "79.07", "提高1岁"],
                            ["2", "婴儿死亡率", "‰", "2.72", "≤4.1"]])
    layout = detect_layout(grid)
    assert layout is not None
    assert _fields(layout)[3:] == [("baseline", 2020), ("target", 2025)]


def test_bare_year_columns_holding_targets_are_all_targets() -> None:
    grid = literal_grid([["序号", "指标", "2022年", "2030年"],
                            ["1", "居民健康素养水平", "≥22%", "≥30%"],
                            ["2", "成人吸烟率", "<24.5%", "<20%"]])
    layout = detect_layout(grid)
    assert layout is not None
    assert _fields(layout)[2:] == [("target", 2022), ("target", 2030)]


@pytest.mark.parametrize(("label", "field"), [
    ("序号", "serial"), ("专项行动", "action"), ("领域", "action"), ("基本内容", "basic_content"),
    ("具体任务", "task_text"), ("任务", "task_text"), ("任务名称", "task_text"), ("重点工作任务", "task_text"),
    ("推进措施", "measures"), ("工作计划", "work_plan"), ("工作推进", "reporting_note"), ("牵头部门", "lead"),
    ("牵头单位", "lead"), ("责任部门", "responsible"), ("责任单位", "responsible"), ("指标名称", "indicator_name"),
    ("主要健康指标", "indicator_name"), ("单位", "unit"), ("计量单位", "unit"), ("基期水平", "baseline"),
    ("基期（2018年）", "baseline"), ("目标值", "target"), ("2025年目标值", "target"), ("指标性质", "nature"),
    ("备 注", "note"), ("张三", ""),
])
def test_header_words_map_to_fields(label: str, field: str) -> None:
    assert field_for_label(label) == field


def test_a_sheet_without_header_words_has_no_layout() -> None:
    assert detect_layout(literal_grid([["张三", "李四", "王五"], ["1", "2", "3"]])) is None
    assert detect_layout(literal_grid([])) is None


def test_a_table_without_its_essential_columns_is_not_confident() -> None:
    grid = literal_grid([["序号", "具体任务", "备注"], ["1", "开展讲座", ""]])
    layout = detect_layout(grid)
    assert layout is not None and layout.kind == "tasks" and not layout.confident


def test_layout_signature_ignores_spacing_and_brackets_but_not_words() -> None:
    assert layout_signature([("序 号", "具体任务（内容）")]) == layout_signature([("序号", "具体任务内容")])
    assert layout_signature([("序号", "具体任务")]) != layout_signature([("序号", "任务")])


def test_column_mapping_round_trips_through_strings_and_refuses_unknown_fields() -> None:
    mapping = ColumnMapping.from_strings(["serial", "indicator_name", "target:2025", ""])
    assert mapping.years == (None, None, 2025, None)
    assert mapping.as_strings() == ["serial", "indicator_name", "target:2025", ""]
    with pytest.raises(UnknownField):
        ColumnMapping.from_strings(["serial", "任务"])


def test_a_manual_mapping_applies_to_the_first_row_when_no_header_is_found() -> None:
    grid = literal_grid([["事项", "部门", "情况"], ["开展健康讲座", "市卫生健康委、各县区", ""]])
    assert detect_layout(grid) is None
    layout = detect_layout(grid, ColumnMapping.from_strings(["task_text", "responsible", "note"]))
    assert layout is not None and layout.confident and layout.header_row_numbers == (1,)
    assert layout.kind == "tasks"


def test_a_remembered_mapping_is_found_by_the_header_signature_even_when_undetectable() -> None:
    grid = literal_grid([["表一", "", ""], ["事项", "部门", "情况"], ["开展健康讲座", "市卫生健康委", ""]])
    remembered = {layout_signature([("事项", "部门", "情况")]): ColumnMapping.from_strings(
        ["task_text", "responsible", "note"])}
    layout, source = resolve_layout(grid, None, remembered)
    assert source == "remembered"
    assert layout is not None and layout.header_row_numbers == (2,)
    assert resolve_layout(grid, None, {})[0] is None


def test_repeated_header_column_number_and_notes_rows_are_recognised() -> None:
    grid = literal_grid([
        ["序号", "具体任务", "牵头单位", "责任单位"],
        ["1", "2", "3", "4"],
        ["序 号", "具体任务", "牵头单位", "责任单位"],
        ["注：各县区每半年报送一次。", "注：各县区每半年报送一次。", "", ""],
        ["1", "开展讲座", "市卫生健康委", "各县区"],
    ])
    layout = detect_layout(grid)
    assert layout is not None
    rows = grid.rows
    assert is_column_number_row(rows[1])
    assert is_repeated_header(rows[2], layout)
    assert is_notes_row(rows[3])
    assert not (is_repeated_header(rows[4], layout) or is_notes_row(rows[4]) or is_column_number_row(rows[4]))


def test_a_mapping_year_that_is_not_a_number_is_refused_not_read_as_the_headers_year() -> None:
    """`--columns target:2O25` (a letter O) silently meant "the year the header says"."""
    with pytest.raises(UnknownField):
        ColumnMapping.from_strings(["serial", "indicator_name", "target:2O25"])
    assert ColumnMapping.from_strings(["target:0", "target:", "target"]).years == (0, None, None)
