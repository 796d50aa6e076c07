"""Department text in both styles: splitting, spellings, leads, and tasks that fall to every county."""

from __future__ import annotations

import pytest

from hpdesk.domain.departments import (
    COUNTY_WIDE_NAME, county_counterpart, is_county_wide, normalise_name, parse_responsibility,
    split_trailing_responsibility,
)


def test_column_style_keeps_the_lead_once_and_marks_the_county_duty() -> None:
    duty = parse_responsibility("市卫生健康委", "市卫生健康委、各县市区")
    assert duty.leads == ("市卫生健康委",)
    assert duty.responsible == (COUNTY_WIDE_NAME,)
    assert duty.falls_to_county


def test_bracket_cell_takes_the_leads_from_the_clause_ending_in_qiantou() -> None:
    duty = parse_responsibility("", "市卫健委<市爱卫办>牵头，市委组织部、市委宣传部，市教育局…各区县（市）按职责分工负责")
    assert duty.leads == ("市卫生健康委", "市爱卫办")
    assert duty.responsible == ("市委组织部", "市委宣传部", "市教育局", COUNTY_WIDE_NAME)
    assert duty.falls_to_county


def test_two_leads_before_qiantou_are_both_leads() -> None:
    duty = parse_responsibility("", "市教育局、市人社局牵头，市卫健委、团市委按职责分工负责")
    assert duty.leads == ("市教育局", "市人社局")
    assert duty.responsible == ("市卫生健康委", "团市委")


def test_labelled_cell_reads_the_lead_and_responsible_labels() -> None:
    duty = parse_responsibility("", "牵头单位：市卫健委；责任单位：市教育局、各县（区）人民政府")
    assert duty.leads == ("市卫生健康委",)
    assert duty.responsible == ("市教育局", COUNTY_WIDE_NAME)


def test_a_sole_department_leads_but_a_list_without_qiantou_has_no_lead() -> None:
    assert parse_responsibility("", "市卫健委负责").leads == ("市卫生健康委",)
    shared = parse_responsibility("", "市编办、市民政局、市卫健委按职责分工负责")
    assert shared.leads == ()
    assert shared.responsible == ("市编办", "市民政局", "市卫生健康委")


def test_a_list_ending_with_deng_is_open_ended() -> None:
    duty = parse_responsibility("", "市卫健委牵头，市教育局、市体育局等部门配合")
    assert duty.open_ended
    assert duty.responsible == ("市教育局", "市体育局")


def test_blank_text_names_nobody() -> None:
    duty = parse_responsibility("", "  ")
    assert duty.all_departments == () and not duty.falls_to_county


@pytest.mark.parametrize("text", [
    "各县市区", "各县（市、区）", "各区县（市）", "各县区", "各县（区）人民政府", "县区卫生健康委", "各县(市)区",
    "县（市、区）卫生健康委", "各区县", "各县（市、区）人民政府", "各区",
])
def test_every_way_of_saying_each_county_is_recognised(text: str) -> None:
    assert is_county_wide(text)
    assert normalise_name(text).startswith(COUNTY_WIDE_NAME)
    assert parse_responsibility("", f"市卫健委牵头，市教育局、{text}按职责分工负责").falls_to_county


@pytest.mark.parametrize("text", ["市卫生健康委", "市区供水公司", "各市直单位", "市委", "区域医疗中心"])
def test_city_bodies_are_not_county_wide(text: str) -> None:
    assert not is_county_wide(text)


def test_a_county_name_glued_to_the_previous_one_is_split_off() -> None:
    assert parse_responsibility("", "市财政局各县（区）人民政府").responsible == ("市财政局", COUNTY_WIDE_NAME)


def test_two_city_departments_glued_together_are_split() -> None:
    duty = parse_responsibility("", "市卫生健康委员会市教育局、县区卫生健康委")
    assert duty.responsible == ("市卫生健康委", "市教育局", f"{COUNTY_WIDE_NAME}卫生健康委")


def test_separators_inside_brackets_do_not_split_a_name() -> None:
    assert parse_responsibility("", "市教育局、各县（市、区）").responsible == ("市教育局", COUNTY_WIDE_NAME)


def test_a_county_wide_department_keeps_its_kind() -> None:
    assert normalise_name("各区县（市）体育主管部门") == f"{COUNTY_WIDE_NAME}体育主管部门"
    assert normalise_name("各县区卫健委") == f"{COUNTY_WIDE_NAME}卫生健康委"


def test_spellings_of_the_health_commission_become_one() -> None:
    assert {normalise_name(name) for name in ("市卫健委", "市卫生健康委", "市卫生健康委员会")} == {"市卫生健康委"}


def test_the_clerks_aliases_extend_and_override_the_built_in_ones() -> None:
    aliases = {"市卫生健康委": "市卫生健康委员会", "市文旅局": "市文化广电和旅游局"}
    assert normalise_name("市卫健委", aliases) == "市卫生健康委员会"  # built-in then the clerk's, followed as a chain
    assert normalise_name("市文旅局", aliases) == "市文化广电和旅游局"
    assert normalise_name("市甲局", {"市甲局": "市乙局", "市乙局": "市甲局"}) in {"市甲局", "市乙局"}  # no endless loop


def test_duty_words_and_leading_you_are_dropped_from_names() -> None:
    assert normalise_name("由市卫健委负责") == "市卫生健康委"
    assert normalise_name("市教育局等部门按职责分工负责") == "市教育局"


def test_prose_in_a_department_cell_is_reported_as_unclear_not_as_a_name() -> None:
    duty = parse_responsibility("", "加强宣传教育，开展多种形式的健康活动。")
    assert duty.unclear == ("开展多种形式的健康活动",)
    assert "开展多种形式的健康活动" not in duty.all_departments


def test_a_parenthesis_naming_departments_is_taken_from_the_task_text() -> None:
    text, duty = split_trailing_responsibility("开展健康讲座。（市卫健委牵头，市教育局配合）")
    assert (text, duty) == ("开展健康讲座。", "市卫健委牵头，市教育局配合")
    assert split_trailing_responsibility("建设健身步道（市体育局、各县区）")[1] == "市体育局、各县区"


def test_a_parenthesis_that_names_no_department_stays_in_the_text() -> None:
    assert split_trailing_responsibility("完成筛查（2022年底前）") == ("完成筛查（2022年底前）", "")


def test_county_counterpart_mirrors_city_department_names() -> None:
    assert county_counterpart("市卫生健康委") == "区卫生健康委"
    assert county_counterpart("市委宣传部", "县") == "县委宣传部"
    assert county_counterpart("团市委") == "团区委" and county_counterpart("团市委", "县") == "团县委"
    assert county_counterpart("市妇联") == "区妇联"


def test_generic_bodies_and_stray_brackets_are_told_apart_from_units() -> None:
    from hpdesk.domain.departments import clean_body_name, is_generic_body

    assert is_generic_body("市直各有关部门") and is_generic_body("各成员单位") and not is_generic_body("市卫生健康委")
    assert clean_body_name("市妇联）") == "市妇联" and clean_body_name("市委宣传部（文明办）") == "市委宣传部（文明办）"
