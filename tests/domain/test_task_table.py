"""Task tables of any layout → actions and task rows; broken rows are kept and flagged with their sheet rows."""

from __future__ import annotations

import dataclasses

import pytest
from literal_grid import literal_grid

from hpdesk.domain.departments import COUNTY_WIDE_NAME
from hpdesk.domain.plan_table import ParsedTable, collect_records, parse_action_label, plan_heading
from hpdesk.domain.table_parsing import parse_table
from hpdesk.domain.table_layout import detect_layout

HEADER = ["序号", "基本内容", "具体任务", "推进措施", "工作计划", "牵头部门", "责任部门"]


def _parse(rows: list[list[str]], merged=(), sheet: str = "表1") -> ParsedTable:  # type: ignore[no-untyped-def]
    grid = literal_grid(rows, sheet, merged)
    layout = detect_layout(grid)
    assert layout is not None
    return parse_table(grid, layout)


def _issues(parsed: ParsedTable, code: str) -> list[int]:
    return [issue.row for issue in parsed.issues if issue.code == code]


def test_merged_action_and_task_cells_give_one_task_per_measure_row() -> None:
    # Tai'an style: 序号 holds the action, merged over its rows; 具体任务 merged over its measures
    parsed = _parse([
        ["健康行动工作任务分解表", "", "", "", "", "", ""],
        HEADER,
        ["1. 开展健康知识普及行动。", "完善专家库", "建立专家库", "充实专家库", "制定计划", "市卫生健康委",
         "市卫生健康委、各县市区"],
        ["", "", "", "出版科普读物", "出版读物", "市委宣传部", "市委宣传部"],
        ["2. 实施合理膳食行动。", "合理膳食", "开展减盐行动", "推广减盐勺", "发放减盐勺", "市卫健委", "各县（区）人民政府"],
    ], merged=[((2, 0), (3, 0)), ((2, 1), (3, 1)), ((2, 2), (3, 2))])
    assert [(action.number, action.title) for action in parsed.actions] == [(1, "开展健康知识普及行动"),
                                                                             (2, "实施合理膳食行动")]
    assert [task.text.measures for task in parsed.tasks] == ["充实专家库", "出版科普读物", "推广减盐勺"]
    second = parsed.tasks[1]
    assert (second.text.task_text, second.action_key, second.first_row, second.source_range) == (
        "建立专家库", parsed.actions[0].key, 4, "A4:G4")
    assert [task.responsibility.falls_to_county for task in parsed.tasks] == [True, False, True]
    assert parsed.tasks[2].responsibility.leads == ("市卫生健康委",)
    assert parsed.issues == ()


def test_a_measure_cut_loose_from_its_task_is_kept_and_flagged_as_a_fragment() -> None:
    parsed = _parse([
        HEADER,
        ["1. 职业健康保护行动", "完善法规", "加强监管", "改进申报", "开展监测", "市卫生健康委", "各县市区"],
        ["", "", "", "建立统一平台", "", "", ""],
    ], merged=[((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 2), (2, 2))])
    assert len(parsed.tasks) == 2
    assert _issues(parsed, "fragment") == [3]
    assert "fragment" in parsed.tasks[1].flags
    assert _issues(parsed, "blank_departments") == [3]


def test_a_row_merged_entirely_with_the_row_above_extends_its_cell_range() -> None:
    parsed = _parse([
        ["序号", "任务", "责任单位"],
        ["1", "开展健康讲座", "市卫健委"],
        ["", "", ""],
        ["2", "建设健身步道", "市体育局"],
    ], merged=[((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 2), (2, 2))])
    assert [(task.first_row, task.last_row, task.source_range) for task in parsed.tasks] == [
        (2, 3, "A2:C3"), (4, 4, "A4:C4")]


def test_action_heading_rows_inside_the_table_set_the_action_of_the_rows_below() -> None:
    parsed = _parse([
        ["序号", "工作任务", "牵头单位", "配合单位"],
        ["一、健康知识普及行动", "一、健康知识普及行动", "一、健康知识普及行动", "一、健康知识普及行动"],
        ["1", "开展讲座", "市卫健委", "各县区"],
        ["二、控烟行动", "", "", ""],
        ["1", "建设无烟机关", "市直机关工委", "市卫健委"],
    ], merged=[((1, 0), (1, 3))])
    assert [action.title for action in parsed.actions] == ["健康知识普及行动", "控烟行动"]
    assert [task.action_key for task in parsed.tasks] == [action.key for action in parsed.actions]
    assert {issue.code for issue in parsed.issues} == {"action_heading"}


def test_action_written_once_without_merging_carries_down() -> None:
    parsed = _parse([
        ["专项行动", "任务", "责任单位"],
        ["（三）全民健身行动", "建设步道", "市体育局"],
        ["", "开展赛事", "市体育局、各区县（市）"],
    ])
    assert len(parsed.actions) == 1
    assert parsed.tasks[1].action_key == parsed.actions[0].key


def test_bracket_style_cell_gives_leads_and_county_duty() -> None:
    parsed = _parse([
        ["专项行动", "序号", "任务", "责任单位"],
        ["（1）健康促进行动", "(1)", "健康策略融入部门工作。", "市卫健委<市爱卫办>牵头，市委组织部、各区县（市）按职责分工负责"],
    ])
    task = parsed.tasks[0]
    assert task.responsibility.leads == ("市卫生健康委", "市爱卫办")
    assert COUNTY_WIDE_NAME in task.responsibility.responsible
    assert task.text.responsible_text.startswith("市卫健委<市爱卫办>牵头")
    assert task.serial_label == "(1)"


def test_departments_in_a_parenthesis_after_the_task_are_used_when_there_is_no_department_column() -> None:
    parsed = _parse([
        ["序号", "重点任务", "完成时限"],
        ["1", "开展健康讲座。（市卫健委牵头，市教育局、各县区配合）", "2022年底"],
        ["2", "建设健身步道。", "2023年底"],
    ])
    first, second = parsed.tasks
    assert first.text.task_text == "开展健康讲座。"
    assert first.responsibility.leads == ("市卫生健康委",) and first.responsibility.falls_to_county
    assert "blank_departments" in second.flags
    assert _issues(parsed, "no_department_columns") == []


def test_a_table_without_any_department_says_so_once() -> None:
    parsed = _parse([["序号", "重点任务"], ["1", "开展健康讲座"], ["2", "建设健身步道"]])
    assert _issues(parsed, "no_department_columns") == [1]
    assert _issues(parsed, "blank_departments") == []


def test_a_department_list_in_a_text_column_is_flagged_as_shifted() -> None:
    parsed = _parse([
        ["序号", "具体任务", "推进措施", "责任单位"],
        ["1", "开展健康讲座", "市卫生健康委、市教育局", ""],
    ])
    issue = next(issue for issue in parsed.issues if issue.code == "shifted_cells")
    assert (issue.row, issue.column) == (2, "C")


def test_prose_in_the_department_column_is_flagged_as_shifted() -> None:
    parsed = _parse([
        ["序号", "具体任务", "牵头单位", "责任单位"],
        ["1", "开展健康讲座", "市卫健委", "组织专家开展讲座，每年不少于4次，覆盖全部社区的居民。"],
    ])
    assert "shifted_cells" in parsed.tasks[0].flags


def test_action_goal_rows_and_duplicate_rows_are_kept_and_flagged() -> None:
    parsed = _parse([
        ["专项行动", "序号", "任务", "责任单位"],
        ["（4）控烟行动", "行动目标", "广泛宣传吸烟危害。", "市卫健委牵头，市委宣传部按职责分工负责"],
        ["", "(1)", "建设无烟机关", "市直机关工委"],
        ["", "(1)", "建设无烟机关", "市直机关工委"],
    ])
    assert len(parsed.tasks) == 3
    assert _issues(parsed, "action_goal") == [2]
    assert _issues(parsed, "duplicate_row") == [4]


def test_repeated_headers_and_notes_are_skipped_with_info_issues_and_rows_keep_their_numbers() -> None:
    parsed = _parse([
        ["序号", "具体任务", "牵头单位", "责任单位"],
        ["1", "任务甲", "市卫生健康委", "各县市区"],
        ["序号", "具体任务", "牵头单位", "责任单位"],
        ["2", "任务乙", "市民政局", "市民政局"],
        ["注：各县区每半年报送一次。", "注：各县区每半年报送一次。", "", ""],
    ], sheet="分解表")
    assert [(task.text.task_text, task.first_row) for task in parsed.tasks] == [("任务甲", 2), ("任务乙", 4)]
    assert {(issue.row, issue.code, issue.severity, issue.sheet) for issue in parsed.issues} == {
        (3, "repeated_header", "info", "分解表"), (5, "notes_row", "info", "分解表")}


def test_cadence_follows_the_reporting_words() -> None:
    parsed = _parse([
        ["序号", "具体任务", "工作计划", "责任单位"],
        ["1", "学生视力筛查", "分学期报送筛查结果", "市教育局"],
        ["2", "控烟执法", "按季度报送执法台账", "市卫健委"],
        ["3", "健康讲座", "每年6月15日前报送", "市卫健委"],
    ])
    assert [task.cadence for task in parsed.tasks] == ["per_semester", "quarterly", "semiannual"]


def test_a_revised_text_changes_the_content_hash_but_spacing_keeps_the_identity() -> None:
    before = _parse([["序号", "具体任务", "责任单位"], ["1", "开展健康讲座。", "市卫健委"]]).tasks[0]
    after = _parse([["序号", "具体任务", "责任单位"], ["1", "开展 健康讲座 ", "市卫健委"]]).tasks[0]
    assert before.match_text == after.match_text
    assert before.content_hash != after.content_hash


def test_action_labels_in_every_numbering_style() -> None:
    first = parse_action_label("1. 开展健康知识普及行动。")
    assert (first.number, first.number_end, first.label, first.title) == (1, None, "1.", "开展健康知识普及行动")
    assert parse_action_label("（十一）心脑血管疾病防治行动").number == 11
    label = parse_action_label("(十一)—(十四)心脑血管疾病、癌症等重大慢性病防治行动")
    assert (label.number, label.number_end, label.title[:4]) == (11, 14, "心脑血管")
    assert parse_action_label("第三项 控烟行动").number == 3
    assert parse_action_label("一般人群健康").number is None  # 一 without a separator is a word, not a number
    assert parse_action_label("12").number is None  # a bare serial number
    assert parse_action_label("1.5万人").number is None


def test_both_tables_of_one_plan_share_its_key_and_the_heading_gives_date_and_issuer() -> None:
    tasks = plan_heading(("健康郑州行动（2020-2030年）重点任务及责任分工",), "")
    assert (tasks.key, tasks.title) == (plan_heading(("健康郑州行动主要指标",), "").key, "健康郑州行动")
    parsed = _parse([
        ["《实施健康泰安行动加快推进健康泰安建设工作方案》工作任务分解表", "", ""],
        ["泰安市爱国卫生运动委员会 泰爱卫发〔2020〕8号 2020年8月5日", "", ""],
        ["序号", "具体任务", "责任单位"],
        ["1", "开展健康讲座", "市卫健委"],
    ])
    heading = parsed.heading
    assert heading is not None
    assert (heading.title, heading.doc_number, str(heading.issued_on)) == (
        "健康泰安行动", "泰爱卫发〔2020〕8号", "2020-08-05")


def test_two_columns_of_one_field_join_without_a_stop_before_the_semicolon() -> None:
    parsed = _parse([
        ["序号", "具体任务", "具体任务", "牵头单位", "责任单位"],
        ["1", "开展健康讲座。", "建立健康台账。", "市卫生健康委", "各县市区"],
    ])
    assert parsed.tasks[0].text.task_text == "开展健康讲座；建立健康台账。"


def test_identity_text_drops_exactly_the_characters_the_space_and_non_word_pattern_drops() -> None:
    import re

    from hpdesk.domain.plan_table import _IDENTITY_DROP

    every_character = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    assert "".join(_IDENTITY_DROP.split(every_character)) == re.sub(r"[\s\W_]+", "", every_character)


def test_rows_built_without_the_dataclass_init_equal_rows_built_with_it() -> None:
    """Grid rows, records and parsed tasks are built through grid.frozen_instance on the hot path: each must be the
    object the usual constructor makes (every field, equal, same hash, still frozen)."""
    grid = literal_grid([
        HEADER,
        ["1. 开展健康知识普及行动。", "完善专家库", "建立专家库", "按季度报送", "制定计划", "市卫生健康委", "各县市区"],
        ["", "", "", "出版科普读物", "出版读物", "市委宣传部", "市委宣传部"],
    ], "表1", [((1, 0), (2, 0))])
    layout = detect_layout(grid)
    assert layout is not None
    records, _actions = collect_records(grid, layout, [])
    tasks = parse_table(grid, layout).tasks
    built = [*grid.rows, *records, *tasks, *(task.text for task in tasks)]
    assert len(tasks) == 2 and tasks[0].content_hash == tasks[0].text.content_hash
    for instance in built:
        assert set(vars(instance)) == {field.name for field in dataclasses.fields(instance)}
        usual = dataclasses.replace(instance)  # every field through the generated __init__
        assert (usual, hash(usual)) == (instance, hash(instance))
        with pytest.raises(dataclasses.FrozenInstanceError):
            instance.sheet = "x"  # type: ignore[misc, union-attr]
