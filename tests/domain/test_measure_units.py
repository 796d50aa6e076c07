"""Units as the city spells them, and conversions between units of one dimension."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hpdesk.domain.measure_units import (
    can_convert, canonical_unit, convert, format_number, read_prefix_unit, read_unit, unit_dimension,
)

PROPORTIONS = ["%", "‰", "1/万", "1/10万"]
SAME_DIMENSION_GROUPS = [PROPORTIONS, ["人", "名", "万人"], ["元", "万元", "亿元"], ["m/万人", "km/万人"],
                         ["分钟", "小时", "天"], ["人/千常住人口", "人/万常住人口"]]


@pytest.mark.parametrize("spelling", ["1/10万", "名/10万", "10万分之", "十万分之", "/10万", "人/10万", "例/10万"])
def test_every_spelling_of_per_hundred_thousand_is_one_unit(spelling: str) -> None:
    assert canonical_unit(spelling) == "1/10万"


@pytest.mark.parametrize(("spelling", "canonical"), [
    ("％", "%"), (" % ", "%"), ("千分之", "‰"), ("米/万人", "m/万人"), ("公里/万人", "km/万人"), ("h", "小时"),
    ("周岁", "岁"), ("百分点", "个百分点"),
])
def test_other_spellings_have_one_canonical_form(spelling: str, canonical: str) -> None:
    assert canonical_unit(spelling) == canonical


def test_units_already_stored_keep_their_canonical_spelling() -> None:
    # Indicator units are stored canonical; changing these would change every imported row's content hash.
    for stored in ("%", "‰", "1/10万", "岁", "例", "名", "人", "万人", "小时", "m/万人", "张/千常住人口",
                   "人/千常住人口", "人/千人口", "人/万常住人口", "个/千人口"):
        assert canonical_unit(stored) == stored


def test_unknown_units_come_back_compacted_and_unchanged() -> None:
    assert canonical_unit(" 张 ") == "张"
    assert unit_dimension("张") is None


def test_rates_convert_between_percent_permille_and_per_hundred_thousand() -> None:
    assert convert(9.5, "1/10万", "‰") == pytest.approx(0.095)
    assert convert(4, "‰", "%") == pytest.approx(0.4)
    assert convert(0.06, "%", "1/10万") == pytest.approx(60)
    assert unit_dimension("十万分之").name == unit_dimension("%").name == "proportion"


def test_counts_money_lengths_and_durations_convert_within_their_dimension() -> None:
    assert convert(3, "万人", "人") == 30000
    assert convert(3000, "万元", "亿元") == pytest.approx(0.3)
    assert convert(1.2, "km/万人", "m/万人") == pytest.approx(1200)
    assert convert(1.5, "小时", "分钟") == 90
    assert convert(2.0, "人/万常住人口", "人/千常住人口") == pytest.approx(0.2)


@pytest.mark.parametrize(("first", "second"), [("%", "岁"), ("张/千常住人口", "人/千常住人口"),
                                               ("人/千常住人口", "人/千人口"), ("例", "人"), ("张", "个")])
def test_units_of_different_dimensions_or_bases_never_convert(first: str, second: str) -> None:
    assert not can_convert(first, second)
    with pytest.raises(ValueError):
        convert(1, first, second)


def test_reading_a_unit_after_a_number_takes_the_longest_spelling() -> None:
    assert read_unit("%以上") == ("%", "以上")
    assert read_unit("名/10万") == ("1/10万", "")
    assert read_unit("万人") == ("万人", "")
    assert read_unit("人/千常住人口以下") == ("人/千常住人口", "以下")
    assert read_unit("以上") == ("", "以上")


def test_reading_a_unit_written_before_the_number() -> None:
    assert read_prefix_unit("十万分之8.9") == ("1/10万", "8.9")
    assert read_prefix_unit("百分之80") == ("%", "80")
    assert read_prefix_unit("80") == ("", "80")


def test_numbers_are_formatted_as_a_clerk_writes_them() -> None:
    assert format_number(85.1, "%") == "85.1%"
    assert format_number(4.0, "‰") == "4‰"
    assert format_number(9.5, "名/10万") == "9.5/10万"
    assert format_number(80.2, "岁") == "80.2岁"
    assert format_number(0.00001, "%") == "1e-05%"


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.sampled_from(PROPORTIONS),
       st.sampled_from(PROPORTIONS))
def test_rate_conversion_round_trips(value: float, first: str, second: str) -> None:
    assert convert(convert(value, first, second), second, first) == pytest.approx(value, rel=1e-9, abs=1e-12)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.sampled_from(SAME_DIMENSION_GROUPS).flatmap(
    lambda group: st.tuples(st.sampled_from(group), st.sampled_from(group), st.sampled_from(group))))
def test_conversion_through_a_third_unit_is_the_same_as_direct(value: float, units: tuple[str, str, str]) -> None:
    first, middle, last = units
    assert convert(convert(value, first, middle), middle, last) == pytest.approx(convert(value, first, last),
                                                                                  rel=1e-9, abs=1e-12)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.floats(min_value=0, max_value=1e6, allow_nan=False),
       st.sampled_from(PROPORTIONS), st.sampled_from(PROPORTIONS))
def test_conversion_keeps_the_order_of_values(a: float, b: float, first: str, second: str) -> None:
    low, high = sorted((a, b))
    assert convert(low, first, second) <= convert(high, first, second)


@given(st.text(max_size=12))
def test_any_text_is_a_unit_or_unknown_without_crashing(text: str) -> None:
    canonical = canonical_unit(text)
    assert canonical_unit(canonical) == canonical
    unit_dimension(text)
    read_unit(text)
    read_prefix_unit(text)
