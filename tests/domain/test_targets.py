"""Reading indicator targets the way the city writes them, and judging values against them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpdesk.domain.grid import Grid
from hpdesk.domain.measure_units import canonical_unit, convert
from hpdesk.domain.plan_table import parse_table
from hpdesk.domain.table_layout import detect_layout
from hpdesk.domain.target_judging import Verdict, judge
from hpdesk.domain.targets import Target, infer_direction, parse_target, parse_value

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.mark.parametrize(
    ("text", "operator", "value"),
    [("≥92.3", "≥", 92.3), ("<14%", "<", 14), ("≤4‰", "≤", 4), ("不低于22%", "≥", 22), ("控制在10%以下", "≤", 10),
     ("＞95", ">", 95), ("90%以上", "≥", 90), (">=80", "≥", 80)],
)
def test_thresholds_in_every_spelling(text: str, operator: str, value: float) -> None:
    target = parse_target(text, "%")
    assert target.kind == "threshold" and not target.needs_judgement
    assert (target.parts[0].operator, target.parts[0].value) == (operator, value)


def test_bare_number_uses_the_indicator_direction_or_asks_for_it() -> None:
    assert parse_target("25", "%", "higher").parts[0].operator == "≥"
    assert parse_target("0", "例", "lower").parts[0].operator == "≤"
    unknown = parse_target("25", "%")
    assert unknown.needs_judgement and "越高越好" in unknown.reason


def test_multi_part_target_keeps_every_part() -> None:
    target = parse_target("100; 75", "%", "higher")
    assert [(p.operator, p.value) for p in target.parts] == [("≥", 100), ("≥", 75)]


@pytest.mark.parametrize(
    ("text", "kind", "change", "change_unit", "base_year"),
    [("比2019年提高10%", "relative", 10, "%", 2019), ("提高1岁", "relative", 1, "岁", None),
     ("每年递减1%", "rate", -1, "%", None), ("力争每年降低1个百分点", "rate", -1, "个百分点", None)],
)
def test_relative_and_rate_targets(text: str, kind: str, change: float, change_unit: str, base_year) -> None:  # type: ignore[no-untyped-def]
    target = parse_target(text, "%")
    assert (target.kind, target.change, target.change_unit, target.base_year) == (kind, change, change_unit, base_year)


def test_ten_percent_on_a_percentage_indicator_is_flagged_ambiguous() -> None:
    target = parse_target("比2019年提高10%", "%")
    assert target.needs_judgement and "个百分点" in target.ambiguity
    assert not parse_target("提高30％", "人/千常住人口").ambiguity


@pytest.mark.parametrize(("text", "trend"), [("持续提高", "up"), ("逐年下降", "down"), ("上升趋势暂缓", "slowing"),
                                             ("增速下降", "slowing"), ("明显下降", "down"), ("持续减缓", "slowing")])
def test_trend_words(text: str, trend: str) -> None:
    assert parse_target(text, "%").trend == trend


@pytest.mark.parametrize("text", ["实现", "基本实现", "持续保持", "有效控制", "保持基本消除",
                                  "所有二级及以上医院卒中中心均开展"])
def test_states_need_judgement_with_a_reason(text: str) -> None:
    target = parse_target(text)
    assert target.kind == "state" and target.needs_judgement and text in target.reason


def test_vague_words_need_judgement() -> None:
    assert parse_target("明显下降", "%").needs_judgement
    assert parse_target("显著提高", "岁").needs_judgement


@pytest.mark.parametrize(("text", "number", "qualifier", "unit", "note"), [
    ("95.25%以上", 95.25, "以上", "%", ""), ("近3000万元", 3000, "近", "万元", ""),
    ("53.97(截至2019年3月)", 53.97, "", "", "截至2019年3月"), ("≤4.1", 4.1, "≤", "", ""), ("接近100", 100, "接近", "", ""),
])
def test_values_and_baselines_with_qualifiers_and_notes(text, number, qualifier, unit, note) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_value(text)
    assert (parsed.number, parsed.qualifier, parsed.unit, parsed.note) == (number, qualifier, unit, note)


def test_unit_spellings_are_one_unit_and_rates_convert() -> None:
    assert {canonical_unit(u) for u in ("1/10万", "名/10万", "10万分之", "十万分之")} == {"1/10万"}
    assert convert(9.5, "1/10万", "‰") == pytest.approx(0.095)
    assert convert(4, "‰", "%") == pytest.approx(0.4)


def test_direction_from_words_or_from_targets_beyond_the_baseline() -> None:
    assert infer_direction(["≥80", "≥90"]) == "higher"
    assert infer_direction(["逐年下降"]) == "lower"
    assert infer_direction(["25", "36"], "%", baseline=14.38) == "higher"
    assert infer_direction(["25", "36"], "%") is None


def test_threshold_is_met_or_not_in_the_target_year() -> None:
    target = parse_target("≥80", "%")
    assert judge(target, year=2025, target_year=2025, history={2025: 85.1}, unit="%").verdict == Verdict.MET
    missed = judge(target, year=2025, target_year=2025, history={2025: 70}, unit="%")
    assert missed.verdict == Verdict.NOT_MET and "70%" in missed.reason and "≥80%" in missed.reason


def test_progress_before_the_target_year_follows_the_line_from_the_baseline() -> None:
    target = parse_target("≥92.3", "%")
    kwargs = dict(year=2022, target_year=2030, baseline=85.0, baseline_year=2018, unit="%")
    assert judge(target, history={2022: 88}, **kwargs).verdict == Verdict.ON_TRACK  # type: ignore[arg-type]
    behind = judge(target, history={2022: 86}, **kwargs)  # type: ignore[arg-type]
    assert behind.verdict == Verdict.OFF_TRACK and "进度落后" in behind.reason


def test_relative_target_uses_the_base_years_value() -> None:
    judgement = judge(parse_target("提高1岁", "岁"), year=2025, target_year=2025, history={2020: 79.07, 2025: 80.2},
                      baseline=79.07, baseline_year=2020, unit="岁")
    assert judgement.verdict == Verdict.MET


def test_ambiguous_relative_target_states_both_readings() -> None:
    judgement = judge(parse_target("比2019年提高10%", "%"), year=2025, target_year=2025,
                      history={2019: 50, 2025: 56}, unit="%")
    assert judgement.verdict == Verdict.NEEDS_JUDGEMENT
    assert "≥55%" in judgement.reason and "≥60%" in judgement.reason


def test_rate_target_compounds_from_the_first_year() -> None:
    target = parse_target("每年递减1%")
    assert judge(target, year=2022, target_year=2030, history={2020: 100, 2022: 97.9}).verdict == Verdict.MET
    assert judge(target, year=2022, target_year=2030, history={2020: 100, 2022: 99}).verdict == Verdict.NOT_MET


def test_trends_compare_the_last_years_and_slowing_needs_three() -> None:
    assert judge(parse_target("持续提高"), year=2021, target_year=2030,
                 history={2020: 1, 2021: 2}).verdict == Verdict.MET
    assert judge(parse_target("上升趋势暂缓"), year=2021, target_year=2030,
                 history={2020: 2, 2021: 3}).verdict == Verdict.NEEDS_JUDGEMENT
    assert judge(parse_target("上升趋势暂缓"), year=2021, target_year=2030,
                 history={2019: 1, 2020: 3, 2021: 4}).verdict == Verdict.MET


def test_clerk_judgement_wins_and_states_stay_open_without_one() -> None:
    target = parse_target("有效控制")
    assert judge(target, year=2025, target_year=2025, history={}).verdict == Verdict.NEEDS_JUDGEMENT
    decided = judge(target, year=2025, target_year=2025, clerk_verdict="met", clerk_reason="督导检查认定")
    assert decided.verdict == Verdict.MET and "督导检查认定" in decided.reason


@given(st.text(max_size=40))
def test_arbitrary_text_never_crashes_the_parser(text: str) -> None:
    target = parse_target(text, "%")
    assert target.kind in {"threshold", "relative", "rate", "trend", "state", "unknown"}
    assert Target.from_json(target.to_json()) == target


@given(st.sampled_from(["≥", "≤", ">", "<"]), st.floats(min_value=0, max_value=1e6, allow_nan=False).map(
    lambda x: round(x, 3)))
def test_thresholds_round_trip(operator: str, value: float) -> None:
    written = f"{value:.3f}".rstrip("0").rstrip(".")  # as a clerk writes it: no exponent
    target = parse_target(f"{operator}{written}", "%")
    assert (target.parts[0].operator, target.parts[0].value) == (operator, float(written))


@given(st.floats(min_value=0, max_value=1e5, allow_nan=False), st.sampled_from(["%", "‰", "1/万", "1/10万"]),
       st.sampled_from(["%", "‰", "1/万", "1/10万"]))
def test_rate_conversion_round_trips(value: float, first: str, second: str) -> None:
    assert convert(convert(value, first, second), second, first) == pytest.approx(value, rel=1e-9, abs=1e-12)


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is not beside the repository")
@pytest.mark.parametrize("sample", ["zhengzhou_indicators.xlsx", "guancheng_indicators.xlsx"])
def test_every_target_cell_of_the_samples_parses_to_a_kind_or_explicit_judgement(sample: str) -> None:
    from hpdesk.services.importing.workbook_reader import read_grid

    grid: Grid = read_grid(SAMPLES / sample)
    parsed = parse_table(grid, detect_layout(grid))  # type: ignore[arg-type]
    seen = 0
    for indicator in parsed.indicators:
        for _year, text in indicator.targets:
            target = parse_target(text, indicator.unit)
            seen += 1
            assert target.kind != "unknown", text
            assert not target.needs_judgement or target.reason, text
    assert seen >= 22
