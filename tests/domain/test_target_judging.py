"""Judging the county's values against parsed targets: every verdict, and a reason that names what was compared."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from hpdesk.domain.target_judging import VERDICT_LABELS, Verdict, judge
from hpdesk.domain.targets import parse_target


def verdict_of(text: str, unit: str = "%", direction: str | None = None, **kwargs):  # type: ignore[no-untyped-def]
    return judge(parse_target(text, unit, direction), unit=unit, direction=direction, **kwargs)


def test_verdict_is_a_string_enum_with_the_six_values() -> None:
    assert [v.value for v in Verdict] == ["met", "not_met", "on_track", "off_track", "needs_judgement", "no_value"]
    assert Verdict("met") == "met" and set(VERDICT_LABELS) == set(Verdict)


# ---------------------------------------------------------------------------------------------------------- thresholds


def test_threshold_is_met_in_the_target_year_and_the_reason_shows_the_comparison() -> None:
    judgement = verdict_of("≥80", year=2024, target_year=2024, history={2024: 85.1})
    assert judgement.verdict == Verdict.MET
    assert judgement.reason.text("zh") == "2024年值 85.1% ≥ 目标 80%，已达标"


def test_threshold_not_met_in_the_target_year() -> None:
    judgement = verdict_of("≥80", year=2025, target_year=2025, history={2025: 70})
    assert judgement.verdict == Verdict.NOT_MET and "70%" in judgement.reason.text("zh") and "≥80%" in judgement.reason.text("zh")


def test_threshold_judged_after_the_target_year_is_final() -> None:
    assert verdict_of("<14", year=2023, target_year=2022, history={2023: 15}).verdict == Verdict.NOT_MET


def test_progress_before_the_target_year_follows_the_line_from_the_baseline() -> None:
    kwargs = dict(year=2024, target_year=2025, baseline=53.97, baseline_year=2019)
    ahead = verdict_of("≥80", history={2024: 79}, **kwargs)  # type: ignore[arg-type]
    behind = verdict_of("≥80", history={2024: 72}, **kwargs)  # type: ignore[arg-type]
    assert ahead.verdict == Verdict.ON_TRACK and behind.verdict == Verdict.OFF_TRACK
    assert behind.reason.text("zh") == ("按基期2019年 53.97% 到2025年目标 ≥80% 的线性进度，2024年应达到 75.66%，实际 72%，"
                             "进度落后")


def test_progress_for_a_lower_is_better_target_says_how_far_it_should_have_come_down() -> None:
    judgement = verdict_of("≤10", "1/10万", year=2020, target_year=2022, history={2020: 14}, baseline=15.8,
                           baseline_year=2018)
    assert judgement.verdict == Verdict.OFF_TRACK and "应降到 12.9/10万" in judgement.reason.text("zh")


def test_value_already_at_the_target_is_on_track_before_the_target_year() -> None:
    judgement = verdict_of("≥80", year=2023, target_year=2025, history={2023: 81})
    assert judgement.verdict == Verdict.ON_TRACK and "已达到2025年目标" in judgement.reason.text("zh")


def test_progress_without_baseline_starts_from_the_earliest_value() -> None:
    judgement = verdict_of("≥80", year=2023, target_year=2025, history={2021: 60, 2023: 72})
    assert judgement.verdict == Verdict.ON_TRACK and "按2021年 60%" in judgement.reason.text("zh")


def test_progress_without_any_start_needs_judgement() -> None:
    judgement = verdict_of("≥80", year=2023, target_year=2025, history={2023: 70})
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT and "没有基期值" in judgement.reason.text("zh")


def test_missing_value_is_not_reported_rather_than_needing_judgement() -> None:
    judgement = verdict_of("≥80", year=2025, target_year=2025, history={2024: 90})
    assert judgement.verdict == Verdict.NO_VALUE and VERDICT_LABELS[judgement.verdict] == "未填报"
    assert "2025年尚未填报数值" in judgement.reason.text("zh")


def test_a_state_target_without_a_value_is_not_reported_but_with_a_text_value_needs_judgement() -> None:
    assert verdict_of("有效控制", "", year=2025, target_year=2025, reported=False).verdict == Verdict.NO_VALUE
    assert verdict_of("有效控制", "", year=2025, target_year=2025, reported=True).verdict == Verdict.NEEDS_JUDGEMENT


def test_a_reported_text_under_a_numeric_target_needs_judgement() -> None:
    judgement = verdict_of("≥80", year=2025, target_year=2025, history={}, reported=True)
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT and "不是数值" in judgement.reason.text("zh")


def test_bare_number_uses_indicator_direction() -> None:
    target = parse_target("25", "%")  # parsed without a direction, as cached in the database
    assert judge(target, year=2022, target_year=2022, history={2022: 30}, direction="higher",
                 unit="%").verdict == Verdict.MET
    assert judge(target, year=2022, target_year=2022, history={2022: 30}, direction="lower",
                 unit="%").verdict == Verdict.NOT_MET
    unknown = judge(target, year=2022, target_year=2022, history={2022: 30}, unit="%")
    assert unknown.verdict == Verdict.NEEDS_JUDGEMENT and "越高越好" in unknown.reason.text("zh")


def test_target_in_another_rate_unit_is_converted_before_comparing() -> None:
    judgement = verdict_of("≤4‰", "%", year=2025, target_year=2025, history={2025: 0.39})
    assert judgement.verdict == Verdict.MET and "折合 0.4%" in judgement.reason.text("zh")


def test_target_in_an_unconvertible_unit_needs_judgement() -> None:
    judgement = verdict_of("≥1小时", "%", year=2025, target_year=2025, history={2025: 2})
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT and "无法换算" in judgement.reason.text("zh")


def test_range_needs_the_value_between_both_bounds() -> None:
    assert verdict_of("90%~95%", year=2025, target_year=2025, history={2025: 93}).verdict == Verdict.MET
    assert verdict_of("90%~95%", year=2025, target_year=2025, history={2025: 96}).verdict == Verdict.NOT_MET


def test_approximate_target_states_the_value_but_needs_judgement() -> None:
    judgement = verdict_of("接近100", year=2025, target_year=2025, history={2025: 98})
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT and "98%" in judgement.reason.text("zh")


def test_sub_targets_need_one_value_each() -> None:
    single = verdict_of("100; 75", direction="higher", year=2022, target_year=2022, history={2022: 100})
    assert single.verdict == Verdict.NEEDS_JUDGEMENT and "分项" in single.reason.text("zh")
    both = verdict_of("100; 75", direction="higher", year=2022, target_year=2022, part_values=(100, 76))
    assert both.verdict == Verdict.MET
    one_short = verdict_of("100; 75", direction="higher", year=2022, target_year=2022, part_values=(100, 70))
    assert one_short.verdict == Verdict.NOT_MET and "第2项" in one_short.reason.text("zh")


# ------------------------------------------------------------------------------------------------- relative and rates


def test_relative_target_uses_the_baseline_when_it_names_no_year() -> None:
    judgement = verdict_of("提高1岁", "岁", year=2025, target_year=2025, history={2025: 80.2}, baseline=79.07,
                           baseline_year=2020)
    assert judgement.verdict == Verdict.MET and "≥80.07岁" in judgement.reason.text("zh")


def test_relative_target_uses_the_named_base_years_value_from_the_history() -> None:
    judgement = verdict_of("比2022年提高10个百分点", year=2030, target_year=2030, history={2022: 40, 2030: 49},
                           baseline=35, baseline_year=2018)
    assert judgement.verdict == Verdict.NOT_MET and "以2022年 40%" in judgement.reason.text("zh")


def test_relative_target_without_the_base_years_value_needs_judgement() -> None:
    judgement = verdict_of("比2019年提高10%", "人/千常住人口", year=2022, target_year=2022, history={2022: 1},
                           baseline=0.9, baseline_year=2018)
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT and "缺少2019年的数值" in judgement.reason.text("zh")


def test_relative_percent_on_a_non_percent_indicator_multiplies() -> None:
    judgement = verdict_of("提高30％", "人/千常住人口", year=2025, target_year=2025, history={2025: 1.02},
                           baseline=0.78, baseline_year=2020)
    assert judgement.verdict == Verdict.MET and "≥1.014" in judgement.reason.text("zh")


def test_relative_progress_before_the_target_year_follows_the_line_from_the_base() -> None:
    judgement = verdict_of("提高30％", "人/千常住人口", year=2023, target_year=2025, history={2023: 0.9},
                           baseline=0.78, baseline_year=2020)
    assert judgement.verdict == Verdict.OFF_TRACK and "2023年应达到 0.92" in judgement.reason.text("zh")


def test_ambiguous_relative_target_states_both_readings() -> None:
    judgement = verdict_of("比2019年提高10%", year=2025, target_year=2025, history={2019: 50, 2025: 56})
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT
    assert "≥55%" in judgement.reason.text("zh") and "≥60%" in judgement.reason.text("zh") and "请人工判断" in judgement.reason.text("zh")


def test_ambiguous_relative_target_is_decided_when_both_readings_agree() -> None:
    judgement = verdict_of("比2019年提高10%", year=2025, target_year=2025, history={2019: 50, 2025: 61})
    assert judgement.verdict == Verdict.MET and "两种理解结论相同" in judgement.reason.text("zh")


def test_rate_target_compounds_from_the_baseline() -> None:
    kwargs = dict(year=2024, target_year=2030, baseline=55.4, baseline_year=2018)
    on = verdict_of("每年递减1%", "1/10万", history={2024: 52}, **kwargs)  # type: ignore[arg-type]
    assert on.verdict == Verdict.ON_TRACK and "应不高于 52.16/10万" in on.reason.text("zh")
    assert verdict_of("每年递减1%", "1/10万", history={2024: 53}, **kwargs).verdict == Verdict.OFF_TRACK  # type: ignore[arg-type]


def test_rate_target_in_its_year_is_met_or_not() -> None:
    kwargs = dict(year=2022, target_year=2022, baseline=58.3, baseline_year=2018)
    assert verdict_of("力争每年降低1个百分点", history={2022: 54.3}, **kwargs).verdict == Verdict.MET  # type: ignore[arg-type]
    missed = verdict_of("力争每年降低1个百分点", history={2022: 54.5}, **kwargs)  # type: ignore[arg-type]
    assert missed.verdict == Verdict.NOT_MET and "应不高于 54.3%" in missed.reason.text("zh")


def test_rate_target_starts_from_the_earliest_value_without_a_baseline() -> None:
    target = parse_target("每年递减1%", "1/10万")
    assert judge(target, year=2022, target_year=2022, history={2020: 100, 2022: 97.9},
                 unit="1/10万").verdict == Verdict.MET
    assert judge(target, year=2022, target_year=2022, history={2020: 100, 2022: 99},
                 unit="1/10万").verdict == Verdict.NOT_MET


def test_rate_target_on_an_indicator_of_unknown_unit_states_both_readings() -> None:
    judgement = verdict_of("每年递减1%", "", year=2024, target_year=2030, history={2024: 52}, baseline=55.4,
                           baseline_year=2018)
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT and "52.16" in judgement.reason.text("zh") and "49.4" in judgement.reason.text("zh")


# ---------------------------------------------------------------------------------------------------------- trends


def test_yearly_trend_needs_every_step_in_the_right_direction() -> None:
    kwargs = dict(target_year=2030, baseline=42, baseline_year=2018)
    rising = verdict_of("持续提高", year=2022, history={2020: 45, 2021: 47, 2022: 50}, **kwargs)  # type: ignore[arg-type]
    dipped = verdict_of("持续提高", year=2022, history={2020: 45, 2021: 44, 2022: 50}, **kwargs)  # type: ignore[arg-type]
    assert rising.verdict == Verdict.ON_TRACK and "2018年 42%" in rising.reason.text("zh")
    assert dipped.verdict == Verdict.OFF_TRACK and "2021年没有比2020年上升" in dipped.reason.text("zh")


def test_trend_in_its_target_year_is_met_or_not() -> None:
    assert verdict_of("逐年下降", year=2025, target_year=2025, history={2024: 12, 2025: 11}).verdict == Verdict.MET
    assert verdict_of("逐年下降", year=2025, target_year=2025, history={2024: 12, 2025: 12}).verdict == Verdict.NOT_MET


def test_plain_trend_compares_the_year_with_the_first_point() -> None:
    judgement = verdict_of("提高", "岁", year=2022, target_year=2022, history={2021: 78, 2022: 80}, baseline=79,
                           baseline_year=2018)
    assert judgement.verdict == Verdict.MET and "2022年比2018年已上升" in judgement.reason.text("zh")


def test_trend_needs_two_points() -> None:
    judgement = verdict_of("持续提高", year=2022, target_year=2030, history={2022: 50})
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT and "至少两个年份" in judgement.reason.text("zh")


def test_vague_trend_states_the_numbers_but_needs_judgement() -> None:
    judgement = verdict_of("明显下降", year=2022, target_year=2022, history={2021: 5, 2022: 4})
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT
    assert "2021年 5%" in judgement.reason.text("zh") and "明显" in judgement.reason.text("zh") and "已达标" not in judgement.reason.text("zh")


def test_trend_about_another_quantity_needs_judgement() -> None:
    judgement = verdict_of("新发近视率明显下降", year=2030, target_year=2030, history={2029: 50, 2030: 45})
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT and "新发近视率" in judgement.reason.text("zh")


def test_improvement_follows_the_indicator_direction() -> None:
    kwargs = dict(year=2025, target_year=2025, history={2024: 28, 2025: 27})
    assert verdict_of("持续改善", direction="lower", **kwargs).verdict == Verdict.MET  # type: ignore[arg-type]
    assert verdict_of("持续改善", direction="higher", **kwargs).verdict == Verdict.NOT_MET  # type: ignore[arg-type]
    assert verdict_of("持续改善", **kwargs).verdict == Verdict.NEEDS_JUDGEMENT  # type: ignore[arg-type]


def test_consolidation_at_the_limit_counts_but_standing_still_elsewhere_needs_judgement() -> None:
    at_limit = verdict_of("巩固提升", direction="higher", year=2025, target_year=2025, history={2024: 100, 2025: 100})
    assert at_limit.verdict == Verdict.MET and "上限" in at_limit.reason.text("zh")
    flat = verdict_of("巩固提升", direction="lower", year=2025, target_year=2025, history={2024: 28, 2025: 28})
    assert flat.verdict == Verdict.NEEDS_JUDGEMENT and "持平" in flat.reason.text("zh")
    worse = verdict_of("巩固提升", direction="lower", year=2025, target_year=2025, history={2024: 28, 2025: 29})
    assert worse.verdict == Verdict.NOT_MET


def test_slowing_rise_compares_the_yearly_increments() -> None:
    kwargs = dict(year=2022, target_year=2030)
    slower = verdict_of("上升趋势暂缓", history={2020: 10, 2021: 11, 2022: 11.5}, **kwargs)  # type: ignore[arg-type]
    faster = verdict_of("上升趋势暂缓", history={2020: 10, 2021: 11, 2022: 12.5}, **kwargs)  # type: ignore[arg-type]
    assert slower.verdict == Verdict.ON_TRACK and faster.verdict == Verdict.OFF_TRACK
    assert "每年变化 1%" in faster.reason.text("zh") and "1.5%" in faster.reason.text("zh")


def test_slowing_needs_three_points_unless_the_value_stopped_rising() -> None:
    assert verdict_of("增速下降", year=2021, target_year=2030,
                      history={2020: 2, 2021: 3}).verdict == Verdict.NEEDS_JUDGEMENT
    stopped = verdict_of("增速下降", year=2021, target_year=2030, history={2020: 3, 2021: 2.9})
    assert stopped.verdict == Verdict.ON_TRACK and "不再上升" in stopped.reason.text("zh")


def test_ambiguous_slowing_checks_both_readings() -> None:
    falling = verdict_of("持续减缓", year=2022, target_year=2030, history={2020: 10, 2021: 9, 2022: 7})
    assert falling.verdict == Verdict.ON_TRACK and "两种理解结论相同" in falling.reason.text("zh")
    mixed = verdict_of("持续减缓", year=2022, target_year=2030, history={2020: 10, 2021: 11, 2022: 11.5})
    assert mixed.verdict == Verdict.NEEDS_JUDGEMENT and "按数值下降" in mixed.reason.text("zh")


# ---------------------------------------------------------------------------------------------------------- states


def test_state_needs_judgement_until_a_clerk_records_one() -> None:
    assert verdict_of("有效控制", "", year=2025, target_year=2025).verdict == Verdict.NEEDS_JUDGEMENT


def test_clerk_judgement_wins_and_says_who_and_when() -> None:
    decided = verdict_of("有效控制", "", year=2025, target_year=2025, clerk_verdict="met", clerk_reason="督导检查认定",
                         judged_by="张三", judged_at="2025-06-01T10:00:00+08:00")
    assert decided.verdict == Verdict.MET
    assert decided.reason.text("zh") == "人工判断（张三，2025-06-01）：已达标。督导检查认定"


def test_clerk_judgement_overrides_a_computed_verdict_too() -> None:
    decided = verdict_of("≥80", year=2025, target_year=2025, history={2025: 70}, clerk_verdict="met",
                         clerk_reason="统计口径调整")
    assert decided.verdict == Verdict.MET


def test_unreadable_stored_clerk_verdict_needs_judgement_again() -> None:
    assert verdict_of("实现", "", year=2025, target_year=2025, clerk_verdict="great").verdict == Verdict.NEEDS_JUDGEMENT


def test_non_finite_numbers_need_judgement() -> None:
    assert verdict_of("≥80", year=2025, target_year=2025, history={2025: math.nan}).verdict == Verdict.NEEDS_JUDGEMENT


# ---------------------------------------------------------------------------------------------------------- properties

_values = st.floats(min_value=0, max_value=1000, allow_nan=False).map(lambda x: round(x, 2))


@given(st.sampled_from(["≥", "≤", ">", "<"]), _values, _values)
def test_final_threshold_verdict_is_the_comparison(operator: str, bound: float, value: float) -> None:
    expected = {"≥": value >= bound, "≤": value <= bound, ">": value > bound, "<": value < bound}[operator]
    verdict = verdict_of(f"{operator}{bound}", year=2025, target_year=2025, history={2025: value}).verdict
    assert verdict == (Verdict.MET if expected else Verdict.NOT_MET)


@given(st.sampled_from(["≥80", "<14", "比2019年提高10%", "每年递减1%", "持续提高", "上升趋势暂缓", "巩固提升", "实现",
                        "100; 75", "25", "提高1岁", "接近100"]),
       st.dictionaries(st.integers(2015, 2030), _values, max_size=6), st.integers(2015, 2030), st.integers(2015, 2030),
       st.one_of(st.none(), _values), st.one_of(st.none(), st.integers(2015, 2030)),
       st.sampled_from(["higher", "lower", None]))
def test_judging_never_raises_and_always_gives_a_reason(text, history, year, target_year, baseline, baseline_year,
                                                        direction) -> None:  # type: ignore[no-untyped-def]
    judgement = verdict_of(text, direction=direction, year=year, target_year=target_year, history=history,
                           baseline=baseline, baseline_year=baseline_year)
    for language in ("zh", "en"):  # every nested part of the reason has its text in both languages
        rendered = judgement.reason.text(language)
        assert rendered and "judge_" not in rendered and "verdict_" not in rendered, rendered
    if year < target_year:
        assert judgement.verdict not in (Verdict.MET, Verdict.NOT_MET)
    else:
        assert judgement.verdict not in (Verdict.ON_TRACK, Verdict.OFF_TRACK)
