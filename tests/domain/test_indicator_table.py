"""Indicator tables → name and unit, baseline with year and note, targets per year verbatim, nature, area."""

from __future__ import annotations

import pytest
from literal_grid import literal_grid

from hpdesk.domain.indicator_table import normalise_nature, split_baseline, split_name_and_unit
from hpdesk.domain.plan_table import ParsedTable
from hpdesk.domain.table_parsing import parse_table
from hpdesk.domain.table_layout import detect_layout


def _parse(rows: list[list[str]], merged=()) -> ParsedTable:  # type: ignore[no-untyped-def]
    grid = literal_grid(rows, "指标", merged)
    layout = detect_layout(grid)
    assert layout is not None and layout.kind == "indicators"
    return parse_table(grid, layout)


@pytest.mark.parametrize(("text", "name", "unit"), [
    ("居民健康素养水平 (%)", "居民健康素养水平", "%"),
    ("居民健康素养水平（%）", "居民健康素养水平", "%"),
    ("孕产妇死亡率(1/10万)", "孕产妇死亡率", "1/10万"),
    ("孕产妇死亡率（名/10万）", "孕产妇死亡率", "1/10万"),
    ("孕产妇死亡率（十万分之）", "孕产妇死亡率", "1/10万"),
    ("每千人口执业（助理）医师数（人）", "每千人口执业（助理）医师数", "人"),
    ("人均预期寿命（岁）", "人均预期寿命", "岁"),
    ("适龄儿童免疫规划疫苗接种率（以乡镇为单位）", "适龄儿童免疫规划疫苗接种率（以乡镇为单位）", ""),
    ("建立健康科普专家库", "建立健康科普专家库", ""),
])
def test_unit_in_brackets_is_split_from_the_name(text: str, name: str, unit: str) -> None:
    assert split_name_and_unit(text) == (name, unit)


@pytest.mark.parametrize(("text", "expected"), [
    ("79.49(截至2017年底)", (79.49, 2017, "截至2017年底")),
    ("53.97（截至2019年3月）", (53.97, 2019, "截至2019年3月")),
    ("—", (None, 2018, "")),
    ("≤4.1", (4.1, 2018, "≤")),
    ("接近100", (100.0, 2018, "接近")),
    ("2017年：25.3%", (25.3, 2017, "")),
    ("", (None, 2018, "")),
])
def test_baseline_value_year_and_note_are_split(text: str, expected: tuple) -> None:  # type: ignore[type-arg]
    assert split_baseline(text, 2018) == expected


@pytest.mark.parametrize(("text", "nature"), [
    ("预期性", "预期性"), ("约束性指标", "约束性"), ("倡导", "倡导性"), ("预期性（考核）", "预期性"), ("其他", "其他"),
])
def test_nature_is_normalised(text: str, nature: str) -> None:
    assert normalise_nature(text) == nature


def test_two_row_header_table_gives_areas_baselines_and_targets_verbatim() -> None:
    parsed = _parse([
        ["健康某市行动主要指标", "", "", "", "", "", ""],
        ["领域", "序号", "指标", "2018年", "2022年", "2030年", "指标性质"],
        ["", "", "", "基期水平", "目标值", "目标值", ""],
        ["(一)健康促进行动", "1", "居民健康素养水平（%）", "14.38", "≥22", "≥30", "预期性"],
        ["", "2", "建立健康科普专家库", "—", "实现", "实现", "约束性"],
        ["健康水平", "3", "人均预期寿命（岁）", "79.49(截至2017年底)", "比2019年提高1岁", "持续提高", "预期性"],
    ], merged=[((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 2), (2, 2)), ((1, 6), (2, 6)), ((3, 0), (4, 0))])
    assert len(parsed.indicators) == 3
    first, second, third = parsed.indicators
    assert (first.name, first.unit, first.baseline_value, first.baseline_year) == ("居民健康素养水平", "%", 14.38, 2018)
    assert first.targets == ((2022, "≥22"), (2030, "≥30"))
    assert second.area == "(一)健康促进行动" and second.action_key == first.action_key
    assert second.baseline_value is None and second.baseline_text == "—"
    assert (third.baseline_year, third.baseline_note) == (2017, "截至2017年底")
    assert third.targets[0] == (2022, "比2019年提高1岁")
    assert [action.number for action in parsed.actions] == [1, None]
    assert parsed.issues == ()


def test_a_district_table_with_a_unit_column_and_bare_year_columns() -> None:
    parsed = _parse([
        ["序号", "指标", "单位", "2020年", "2025年", "指标性质"],
        ["1", "人均预期寿命", "岁", "79.07", "提高1岁", "预期性"],
        ["2", "健康预期寿命", "岁", "", "同比例提高", "预期性"],
        ["3", "孕产妇死亡率", "1/10万", "0", "≤9.5", "约束性"],
    ])
    assert [(i.name, i.unit, i.baseline_value, i.baseline_year) for i in parsed.indicators] == [
        ("人均预期寿命", "岁", 79.07, 2020), ("健康预期寿命", "岁", None, 2020), ("孕产妇死亡率", "1/10万", 0.0, 2020)]
    assert [i.targets for i in parsed.indicators][2] == ((2025, "≤9.5"),)
    assert [i.nature for i in parsed.indicators] == ["预期性", "预期性", "约束性"]


def test_a_row_without_a_name_is_kept_as_a_fragment_and_one_without_target_is_flagged() -> None:
    parsed = _parse([
        ["序号", "指标名称", "目标值"],
        ["1", "居民健康素养水平（%）", "≥25"],
        ["2", "", "≥30"],
        ["3", "成人吸烟率（%）", ""],
    ])
    assert len(parsed.indicators) == 3
    assert [(issue.row, issue.code, issue.column) for issue in parsed.issues if issue.severity == "warning"] == [
        (3, "fragment", "B"), (4, "no_target", "")]


def test_a_target_column_without_a_year_takes_the_plan_end_year() -> None:
    parsed = _parse([
        ["健康某县行动（2021-2025年）主要指标", "", ""],
        ["序号", "指标名称", "目标值"],
        ["1", "居民健康素养水平（%）", "≥25"],
    ])
    assert parsed.indicators[0].targets == ((2025, "≥25"),)


def test_conflicting_units_and_duplicate_names_are_reported() -> None:
    parsed = _parse([
        ["序号", "指标名称", "单位", "目标值"],
        ["1", "婴儿死亡率（‰）", "%", "≤5"],
        ["2", "婴儿死亡率（‰）", "‰", "≤4"],
    ])
    assert parsed.indicators[0].unit == "%"  # the unit column wins
    codes = {(issue.row, issue.code) for issue in parsed.issues}
    assert (2, "unit_conflict") in codes and (3, "duplicate_indicator") in codes
