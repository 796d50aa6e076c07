"""Reading indicator targets and values the way the city and the county write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpdesk.domain.targets import (
    KINDS, PARSER_VERSION, Target, TargetPart, explain_direction, infer_direction, parse_target, parse_value,
    parse_values,
)


def bounds(target: Target) -> list[tuple[str, float, str]]:
    return [(part.operator, part.value, part.unit) for part in target.parts]


# ---------------------------------------------------------------------------------------------------------- thresholds


@pytest.mark.parametrize(("text", "operator", "value"), [
    ("≥92.3", "≥", 92.3), ("<14%", "<", 14), ("≤4‰", "≤", 4), ("不低于22%", "≥", 22), ("控制在10%以下", "≤", 10),
    ("＞95", ">", 95), ("90%以上", "≥", 90), (">=80", "≥", 80), ("≧80", "≥", 80), ("９２．３％以上", "≥", 92.3),
    ("达到90%", "≥", 90), ("超过90%", ">", 90), ("低于5%", "<", 5), ("不超过10%", "≤", 10), ("保持在95%以上", "≥", 95),
    ("降至10%以下", "≤", 10), ("提高到80%", "≥", 80), ("10%以内", "≤", 10), ("≥ 92.3 %", "≥", 92.3),
])
def test_thresholds_in_every_spelling(text: str, operator: str, value: float) -> None:
    target = parse_target(text, "%")
    assert target.kind == "threshold" and not target.needs_judgement
    assert bounds(target) == [(operator, value, "‰" if "‰" in text else "%")]


def test_threshold_words_follow_the_statute_that_yi_shang_and_yi_xia_include_the_number() -> None:
    assert bounds(parse_target("90%以上"))[0][0] == "≥"
    assert bounds(parse_target("10%以下"))[0][0] == "≤"
    assert bounds(parse_target("不满10%"))[0][0] == "<"


def test_threshold_direction_comes_from_its_operator() -> None:
    assert parse_target("≥80", "%").direction == "higher"
    assert parse_target("<0.13", "%").direction == "lower"


def test_bare_number_uses_indicator_direction() -> None:
    assert bounds(parse_target("25", "%", "higher")) == [("≥", 25, "%")]
    assert bounds(parse_target("0", "例", "lower")) == [("≤", 0, "例")]


def test_bare_number_without_direction_needs_judgement_and_says_why() -> None:
    target = parse_target("25", "%")
    assert target.kind == "threshold" and target.needs_judgement
    assert bounds(target) == [("", 25, "%")] and "越高越好" in target.reason.text("zh")


def test_units_written_in_the_target_are_understood() -> None:
    assert bounds(parse_target("≤18名/10万")) == [("≤", 18, "1/10万")]
    assert bounds(parse_target("十万分之8.9", direction="lower")) == [("≤", 8.9, "1/10万")]
    assert bounds(parse_target("≥1小时")) == [("≥", 1, "小时")]
    assert bounds(parse_target("≥1.5km/万人")) == [("≥", 1.5, "km/万人")]


def test_target_without_its_own_unit_takes_the_indicators() -> None:
    assert bounds(parse_target("≤9.5", "1/10万")) == [("≤", 9.5, "1/10万")]


def test_multi_part_target_keeps_every_part_as_a_sub_target() -> None:
    target = parse_target("100; 75", "%", "higher")
    assert target.sub_targets and bounds(target) == [("≥", 100, "%"), ("≥", 75, "%")]
    assert bounds(parse_target("100, 80", "%", "higher"))[1] == ("≥", 80, "%")
    assert len(parse_target("≥90%、≥80%").parts) == 2


def test_range_binds_one_value_on_both_sides() -> None:
    target = parse_target("90%~95%")
    assert not target.sub_targets and bounds(target) == [("≥", 90, "%"), ("≤", 95, "%")]


def test_approximate_target_needs_judgement() -> None:
    target = parse_target("接近100", "%")
    assert target.kind == "threshold" and target.parts[0].operator == "≈" and target.needs_judgement


def test_contradictory_words_are_not_guessed() -> None:
    target = parse_target("不低于10%以下")
    assert target.kind == "unknown" and target.needs_judgement


def test_bracketed_note_and_hedge_are_kept_beside_the_reading() -> None:
    target = parse_target("力争≥90%(2025年)")
    assert bounds(target) == [("≥", 90, "%")] and target.hedge == "力争" and target.note == "2025年"


# ------------------------------------------------------------------------------------------------- relative and rates


@pytest.mark.parametrize(("text", "unit", "kind", "change", "change_unit", "base_year"), [
    ("比2019年提高10%", "%", "relative", 10, "%", 2019), ("提高1岁", "岁", "relative", 1, "岁", None),
    ("提高30％", "人/千常住人口", "relative", 30, "%", None), ("较2020年下降5个百分点", "%", "relative", -5, "个百分点", 2020),
    ("在2020年基础上提高2岁", "岁", "relative", 2, "岁", 2020), ("每年递减1%", "1/10万", "rate", -1, "%", None),
    ("力争每年降低1个百分点", "%", "rate", -1, "个百分点", None), ("年均增长2%", "万人", "rate", 2, "%", None),
    ("比上年下降2%", "1/10万", "rate", -2, "%", None), ("翻一番", "万人", "relative", 100, "%", None),
])
def test_relative_and_rate_targets(text: str, unit: str, kind: str, change: float, change_unit: str,
                                   base_year: int | None) -> None:
    target = parse_target(text, unit)
    assert (target.kind, target.change, target.change_unit, target.base_year) == (kind, change, change_unit, base_year)
    assert target.direction == ("higher" if change > 0 else "lower")


def test_ten_percent_on_a_percentage_indicator_is_flagged_ambiguous() -> None:
    target = parse_target("比2019年提高10%", "%")
    ambiguity = target.ambiguity.text("zh")
    assert target.needs_judgement and "个百分点" in ambiguity and "1.1倍" in ambiguity
    assert not parse_target("提高30％", "人/千常住人口").ambiguity
    assert not parse_target("比2019年提高10个百分点", "%").ambiguity


def test_percent_change_on_an_indicator_of_unknown_unit_is_flagged_ambiguous() -> None:
    target = parse_target("每年递减1%", "")
    assert target.needs_judgement and "单位未知" in target.ambiguity.text("zh")


def test_same_proportion_target_needs_the_related_indicator() -> None:
    target = parse_target("同比例提高", "岁")
    assert target.kind == "relative" and target.needs_judgement and "同比例" in target.reason.text("zh")


# ---------------------------------------------------------------------------------------------------------- trends


@pytest.mark.parametrize(("text", "trend", "yearly", "direction"), [
    ("持续提高", "up", True, "higher"), ("逐年下降", "down", True, "lower"), ("上升趋势暂缓", "slowing", False, "lower"),
    ("增速下降", "slowing", False, "lower"), ("明显下降", "down", False, "lower"), ("持续减缓", "slowing", True, "lower"),
    ("稳步提升", "up", True, "higher"), ("不断提高", "up", True, "higher"), ("提高", "up", False, "higher"),
    ("持续改善", "better", True, None), ("巩固提升", "consolidate", False, None),
])
def test_trend_words(text: str, trend: str, yearly: bool, direction: str | None) -> None:
    target = parse_target(text, "%")
    assert (target.kind, target.trend, target.yearly, target.direction) == ("trend", trend, yearly, direction)


def test_vague_trend_words_need_judgement() -> None:
    assert parse_target("明显下降", "%").needs_judgement
    assert parse_target("显著提高", "岁").vague
    assert not parse_target("持续提高", "%").needs_judgement


def test_trend_about_another_quantity_names_it_and_needs_judgement() -> None:
    target = parse_target("新发近视率明显下降", "%")
    assert target.subject == "新发近视率" and target.needs_judgement and "新发近视率" in target.reason.text("zh")


def test_slowing_without_a_subject_states_both_readings() -> None:
    assert "增长率" in parse_target("持续减缓", "%").ambiguity.text("zh")
    assert not parse_target("上升趋势暂缓", "%").ambiguity


def test_consolidate_and_improve_does_not_tell_the_direction() -> None:
    # 个人支出占卫生总费用的比重 "巩固提升" means going down: the words alone must not decide.
    assert parse_target("巩固提升", "%").direction is None
    assert parse_target("巩固提升", "%", "lower").direction == "lower"


# ---------------------------------------------------------------------------------------------------------- states


@pytest.mark.parametrize("text", ["实现", "基本实现", "持续保持", "有效控制", "保持基本消除",
                                  "所有二级及以上医院卒中中心均开展", "全覆盖", "建立健全"])
def test_states_need_judgement_with_a_reason(text: str) -> None:
    target = parse_target(text)
    assert target.kind == "state" and target.needs_judgement and text in target.reason.text("zh")


@pytest.mark.parametrize("text", ["", "—", "-", "/", "无"])
def test_empty_target_needs_judgement(text: str) -> None:
    target = parse_target(text)
    assert target.kind == "unknown" and target.needs_judgement and target.reason.text("zh") == "没有目标值"


def test_unrecognised_text_is_unknown_with_the_text_in_the_reason() -> None:
    target = parse_target("参照省里标准")
    assert target.kind == "unknown" and "参照省里标准" in target.reason.text("zh")


# ------------------------------------------------------------------------------------------------- JSON round trip


def test_parsed_target_round_trips_through_json() -> None:
    for text in ("≥92.3", "100; 75", "比2019年提高10%", "每年递减1%", "新发近视率明显下降", "实现"):
        target = parse_target(text, "%", "higher")
        assert Target.from_json(target.to_json()) == target
        assert target.to_json()["version"] == PARSER_VERSION


def test_older_cached_json_still_loads() -> None:
    old = {"text": "≥80", "kind": "threshold", "parts": [{"operator": "≥", "value": 80.0, "unit": "%"}],
           "needs_judgement": False, "gone_field": 1}
    target = Target.from_json(old)
    assert target.parts == (TargetPart("≥", 80.0, "%"),) and target.version == 1


# ---------------------------------------------------------------------------------------------------------- values


@pytest.mark.parametrize(("text", "number", "qualifier", "unit", "note"), [
    ("95.25%以上", 95.25, "以上", "%", ""), ("近3000万元", 3000, "近", "万元", ""),
    ("53.97(截至2019年3月)", 53.97, "", "", "截至2019年3月"), ("≤4.1", 4.1, "≤", "", ""), ("接近100", 100, "接近", "", ""),
    ("79.49（截至2017年底）", 79.49, "", "", "截至2017年底"), ("3,000", 3000, "", "", ""), ("3000余万元", 3000, "余", "万元", ""),
    ("约85%", 85, "约", "%", ""), ("9.5名/10万", 9.5, "", "1/10万", ""), ("十万分之8.9", 8.9, "", "1/10万", ""),
    ("７.０", 7.0, "", "", ""), ("-2.5%", -2.5, "", "%", ""), ("12张", 12, "", "张", ""),
])
def test_values_and_baselines_with_qualifiers_and_notes(text: str, number: float, qualifier: str, unit: str,
                                                        note: str) -> None:
    parsed = parse_value(text)
    assert (parsed.number, parsed.qualifier, parsed.unit, parsed.note) == (number, qualifier, unit, note)


@pytest.mark.parametrize("text", ["—", "", "已完成", "良好", "2019年85%和2020年86%"])
def test_text_without_one_number_is_unparseable_with_a_problem(text: str) -> None:
    parsed = parse_value(text)
    assert parsed.number is None and parsed.problem


def test_exact_value_has_no_qualifier() -> None:
    assert (parse_value("85.1%").qualifier, parse_value("85%以上").qualifier) == ("", "以上")


def test_multi_part_values_are_split_but_thousands_are_not() -> None:
    assert [v.number for v in parse_values("100; 78")] == [100, 78]
    assert [v.number for v in parse_values("3,000万元")] == [3000]


# ---------------------------------------------------------------------------------------------------------- direction


def test_direction_from_operators_and_words() -> None:
    assert infer_direction(["≥80", "≥90"]) == "higher"
    assert infer_direction(["逐年下降"]) == "lower"
    assert infer_direction(["<14", "<10"]) == "lower"
    assert infer_direction(["提高1岁"]) == "higher"
    assert infer_direction(["持续提高", "≥65"]) == "higher"


def test_bare_hundred_percent_and_bare_zero_tell_the_direction() -> None:
    assert infer_direction(["90", "100"], "%") == "higher"
    assert infer_direction(["0", "0"], "例") == "lower"


def test_bare_numbers_beyond_the_baseline_only_suggest_a_direction() -> None:
    # 艾滋病感染率 0.06 → <0.13, <0.18: targets above the baseline can still be lower-is-better.
    inference = explain_direction(["25", "36"], "%", baseline=14.38)
    assert inference.direction is None and inference.suggestion == "higher" and "请确认" in inference.reason
    assert infer_direction(["25", "36"], "%") is None


def test_contradictory_targets_leave_the_direction_to_the_clerk() -> None:
    inference = explain_direction(["≥80", "逐年下降"])
    assert inference.direction is None and "相反" in inference.reason


def test_states_and_consolidation_do_not_tell_the_direction() -> None:
    assert infer_direction(["实现", "持续保持"]) is None
    assert infer_direction(["巩固提升"], "%") is None


# ---------------------------------------------------------------------------------------------------------- properties


@given(st.text(max_size=40))
def test_arbitrary_text_never_crashes_the_parser(text: str) -> None:
    target = parse_target(text, "%")
    assert target.kind in KINDS and target.text == text
    assert not target.needs_judgement or target.reason
    assert Target.from_json(target.to_json()) == target
    parse_value(text)
    parse_values(text)
    explain_direction([text])


@given(st.text(alphabet="≥≤<>＞＜%‰0123456789.;,、 以上以下不低于控制在提高每年逐年持续明显比年个百分点岁万分之十", max_size=20),
       st.sampled_from(["%", "‰", "1/10万", "岁", "", "例"]), st.sampled_from(["higher", "lower", None]))
def test_target_like_text_never_crashes_the_parser(text: str, unit: str, direction: str | None) -> None:
    target = parse_target(text, unit, direction)
    assert target.kind in KINDS
    assert not target.needs_judgement or target.reason


@given(st.sampled_from(["≥", "≤", ">", "<"]), st.floats(min_value=0, max_value=1e6, allow_nan=False).map(
    lambda x: round(x, 3)), st.sampled_from(["", "%", "‰", "岁"]))
def test_thresholds_round_trip(operator: str, value: float, unit: str) -> None:
    written = f"{value:.3f}".rstrip("0").rstrip(".")  # as a clerk writes it: no exponent
    target = parse_target(f"{operator}{written}{unit}", unit or "%")
    assert bounds(target) == [(operator, float(written), unit or "%")]
    assert target.direction == ("higher" if operator in "≥>" else "lower")


@given(st.sampled_from([("不低于", "", "≥"), ("", "以上", "≥"), ("控制在", "以下", "≤"), ("不超过", "", "≤"),
                        ("低于", "", "<"), ("", "以内", "≤")]),
       st.floats(min_value=0, max_value=1e4, allow_nan=False).map(lambda x: round(x, 2)))
def test_worded_thresholds_round_trip(words: tuple[str, str, str], value: float) -> None:
    before, after, operator = words
    written = f"{value:.2f}".rstrip("0").rstrip(".")
    assert bounds(parse_target(f"{before}{written}%{after}")) == [(operator, float(written), "%")]


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda x: round(x, 4)),
       st.sampled_from(["", "%", "‰", "万元", "岁"]), st.sampled_from(["", "近", "约", "≥"]))
def test_values_round_trip(number: float, unit: str, qualifier: str) -> None:
    written = f"{number:.4f}".rstrip("0").rstrip(".")
    parsed = parse_value(f"{qualifier}{written}{unit}")
    assert (parsed.number, parsed.unit, parsed.qualifier) == (float(written), unit, qualifier)
