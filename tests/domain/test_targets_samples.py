"""Every target and baseline cell of the sample indicator tables is understood — and understood *right*.

The cells are read straight from the workbooks with openpyxl (the importer is not under test here). Columns are
found from the headers: a year cell (2018年, 2022年 …) over 基期水平/目标值 in Zhengzhou's two-row header; in
Guancheng's one-row header the earliest year is the baseline, the later ones are targets. Run with `-s` to see every
reading printed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from missing_input import missing

from hpdesk.domain.measure_units import canonical_unit
from hpdesk.domain.targets import KINDS, explain_direction, parse_target, parse_value

openpyxl = pytest.importorskip("openpyxl")

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
WORKBOOKS = ["zhengzhou_indicators.xlsx", "guancheng_indicators.xlsx"]
_YEAR = re.compile(r"^((?:19|20)\d{2})\s*年?$")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]{1,12})[）)]\s*$")
_EMPTY = {"", "—", "-", "/"}


@dataclass(frozen=True)
class SampleIndicator:
    workbook: str
    row: int
    name: str
    unit: str
    baseline: str
    targets: tuple[tuple[int, str], ...]


def read_sample(workbook: str) -> list[SampleIndicator]:
    sheet = openpyxl.load_workbook(SAMPLES / workbook, read_only=True).worksheets[0]
    rows = [["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)]
    header_index = next(i for i, row in enumerate(rows) if any(_YEAR.match(cell) for cell in row))
    header = rows[header_index]
    below = rows[header_index + 1]
    two_rows = any(word in cell for cell in below for word in ("基期", "目标"))
    years = {column: int(_YEAR.match(cell).group(1)) for column, cell in enumerate(header) if _YEAR.match(cell)}
    if two_rows:
        baseline_columns = [c for c in years if "基期" in below[c]]
        target_columns = [c for c in years if "目标" in below[c]]
    else:
        baseline_columns = [min(years, key=years.get)]
        target_columns = [c for c in years if c not in baseline_columns]
    name_column = header.index("指标")
    unit_column = header.index("单位") if "单位" in header else None
    found = []
    for number, row in enumerate(rows[header_index + (2 if two_rows else 1):], header_index + (3 if two_rows else 2)):
        name = row[name_column]
        if not name:
            continue
        if unit_column is not None:
            unit = canonical_unit(row[unit_column])
        else:
            bracket = _UNIT_IN_NAME.search(name)
            unit = canonical_unit(bracket.group(1)) if bracket and len(bracket.group(1)) <= 6 else ""
        targets = tuple((years[c], row[c]) for c in target_columns if row[c])
        found.append(SampleIndicator(workbook, number, name, unit, row[baseline_columns[0]], targets))
    return found


@pytest.fixture(scope="module")
def indicators() -> list[SampleIndicator]:
    if not SAMPLES.is_dir():
        missing("../shared/samples is not beside the repository")
    return [indicator for workbook in WORKBOOKS for indicator in read_sample(workbook)]


# (text, unit) → (kind, reading). Checked by eye against the city's tables; a change here is a change of meaning.
EXPECTED_READINGS: dict[tuple[str, str], tuple[str, str]] = {
    ('25', '%'): ('threshold', '阈值：25%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('36', '%'): ('threshold', '阈值：36%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('实现', ''): ('state', '工作状态'),
    ('90', '%'): ('threshold', '阈值：90%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('100', '%'): ('threshold', '阈值：100%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('持续减缓', '%'): ('trend', '趋势：增幅放缓，每年都应如此（有两种理解）'),
    ('比2019年提高10%', '%'): ('relative', '相对目标：比2019年提高10%（有两种理解）'),
    ('比2022年提高10%', '%'): ('relative', '相对目标：比2022年提高10%（有两种理解）'),
    ('<14', '%'): ('threshold', '阈值：<14%'),
    ('<10', '%'): ('threshold', '阈值：<10%'),
    ('<5', '%'): ('threshold', '阈值：<5%'),
    ('<4.5', '%'): ('threshold', '阈值：<4.5%'),
    ('1', '名'): ('threshold', '阈值：1名（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('≥92.3', '%'): ('threshold', '阈值：≥92.3%'),
    ('≥92.5', '%'): ('threshold', '阈值：≥92.5%'),
    ('≥42', '%'): ('threshold', '阈值：≥42%'),
    ('≥45', '%'): ('threshold', '阈值：≥45%'),
    ('持续提升', 'm/万人'): ('trend', '趋势：上升，每年都应如此'),
    ('3.2', '人'): ('threshold', '阈值：3.2人（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('3.5', '人'): ('threshold', '阈值：3.5人（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('<24.5', '%'): ('threshold', '阈值：<24.5%'),
    ('<20', '%'): ('threshold', '阈值：<20%'),
    ('≥30', '%'): ('threshold', '阈值：≥30%'),
    ('≥80', '%'): ('threshold', '阈值：≥80%'),
    ('基本实现', ''): ('state', '工作状态'),
    ('持续保持', ''): ('state', '工作状态'),
    ('22', '%'): ('threshold', '阈值：22%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('35', '%'): ('threshold', '阈值：35%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('上升趋势暂缓', '%'): ('trend', '趋势：增幅放缓'),
    ('3.3', '1/10万'): ('threshold', '阈值：3.3/10万（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('4.5', '1/10万'): ('threshold', '阈值：4.5/10万（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('明显改善', ''): ('trend', '趋势：改善，程度词“明显”'),
    ('持续改善', ''): ('trend', '趋势：改善，每年都应如此'),
    ('≥15', '%'): ('threshold', '阈值：≥15%'),
    ('≥25', '%'): ('threshold', '阈值：≥25%'),
    ('≤4.1', '‰'): ('threshold', '阈值：≤4.1‰'),
    ('≤4', '‰'): ('threshold', '阈值：≤4‰'),
    ('≤5.5', '‰'): ('threshold', '阈值：≤5.5‰'),
    ('≤5', '‰'): ('threshold', '阈值：≤5‰'),
    ('≤10', '1/10万'): ('threshold', '阈值：≤10/10万'),
    ('≤9', '1/10万'): ('threshold', '阈值：≤9/10万'),
    ('≥70', '%'): ('threshold', '阈值：≥70%'),
    ('≥98', '%'): ('threshold', '阈值：≥98%'),
    ('≥95', '%'): ('threshold', '阈值：≥95%'),
    ('≥50', '%'): ('threshold', '阈值：≥50%'),
    ('≥60', '%'): ('threshold', '阈值：≥60%'),
    ('力争每年降低1个百分点', '%'): ('rate', '年度速率：每年降低1个百分点'),
    ('新发近视率明显下降', '%'): ('trend', '趋势：下降，程度词“明显”，针对“新发近视率”'),
    ('≥1', '小时'): ('threshold', '阈值：≥1小时'),
    ('≥90', '%'): ('threshold', '阈值：≥90%'),
    ('稳步提升', '万人'): ('trend', '趋势：上升，每年都应如此'),
    ('明显下降', '%'): ('trend', '趋势：下降，程度词“明显”'),
    ('≥85', '%'): ('threshold', '阈值：≥85%'),
    ('增速下降', '%'): ('trend', '趋势：增幅放缓'),
    ('≥52', '%'): ('threshold', '阈值：≥52%'),
    ('持续改善', '%'): ('trend', '趋势：改善，每年都应如此'),
    ('80', '%'): ('threshold', '阈值：80%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('≤209', '1/10万'): ('threshold', '阈值：≤209/10万'),
    ('≤187', '1/10万'): ('threshold', '阈值：≤187/10万'),
    ('≥43.5', '%'): ('threshold', '阈值：≥43.5%'),
    ('≥48', '%'): ('threshold', '阈值：≥48%'),
    ('≤8.9', '1/10万'): ('threshold', '阈值：≤8.9/10万'),
    ('≤7.8', '1/10万'): ('threshold', '阈值：≤7.8/10万'),
    ('≤15.5', '%'): ('threshold', '阈值：≤15.5%'),
    ('≤12.8', '%'): ('threshold', '阈值：≤12.8%'),
    ('持续提高', '%'): ('trend', '趋势：上升，每年都应如此'),
    ('≥65', '%'): ('threshold', '阈值：≥65%'),
    ('所有二级及以上医院卒中中心均开展', ''): ('state', '工作状态'),
    ('≥27', '%'): ('threshold', '阈值：≥27%'),
    ('≥55', '%'): ('threshold', '阈值：≥55%'),
    ('100; 75', '%'): ('threshold', '分项目标：第1项 100%；第2项 75%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('100, 80', '%'): ('threshold', '分项目标：第1项 100%；第2项 80%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('<0.13', '%'): ('threshold', '阈值：<0.13%'),
    ('<0.18', '%'): ('threshold', '阈值：<0.18%'),
    ('<0.5', '%'): ('threshold', '阈值：<0.5%'),
    ('<55', '1/10万'): ('threshold', '阈值：<55/10万'),
    ('每年递减1%', '1/10万'): ('rate', '年度速率：每年递减1%'),
    ('0', '例'): ('threshold', '阈值：0例（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('不断提高', '例'): ('trend', '趋势：上升，每年都应如此'),
    ('保持基本消除', ''): ('state', '工作状态'),
    ('有效控制', ''): ('state', '工作状态'),
    ('>92', '%'): ('threshold', '阈值：>92%'),
    ('>95', '%'): ('threshold', '阈值：>95%'),
    ('80.2', '岁'): ('threshold', '阈值：80.2岁（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('80.5', '岁'): ('threshold', '阈值：80.5岁（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('提高', '岁'): ('trend', '趋势：上升'),
    ('显著提高', '岁'): ('trend', '趋势：上升，程度词“显著”'),
    ('提高1岁', '岁'): ('relative', '相对目标：比基期提高1岁'),
    ('同比例提高', '岁'): ('relative', '相对目标：与相关指标同比例提高'),
    ('≤9.5', '1/10万'): ('threshold', '阈值：≤9.5/10万'),
    ('逐年下降', '%'): ('trend', '趋势：下降，每年都应如此'),
    ('≥35', '%'): ('threshold', '阈值：≥35%'),
    ('22.3', '%'): ('threshold', '阈值：22.3%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('8.5', '张/千常住人口'): ('threshold', '阈值：8.5张/千常住人口（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('4.2', '人/千常住人口'): ('threshold', '阈值：4.2人/千常住人口（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('1', '人/千人口'): ('threshold', '阈值：1人/千人口（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('5.2', '人/千常住人口'): ('threshold', '阈值：5.2人/千常住人口（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('3.5', '人/万常住人口'): ('threshold', '阈值：3.5人/万常住人口（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('提高30％', '人/千常住人口'): ('relative', '相对目标：比基期提高30%'),
    ('6', '个/千人口'): ('threshold', '阈值：6个/千人口（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('67', '%'): ('threshold', '阈值：67%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('71', '%'): ('threshold', '阈值：71%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('75.6', '%'): ('threshold', '阈值：75.6%（只写了数字，按指标方向读作 ≥ 或 ≤）'),
    ('巩固提升', '%'): ('trend', '趋势：巩固提升'),
}


def test_samples_hold_every_indicator(indicators: list[SampleIndicator]) -> None:
    assert len(indicators) == 75 + 22
    assert sum(len(indicator.targets) for indicator in indicators) >= 160


def test_every_target_cell_parses_into_a_known_kind_or_an_explicit_judgement(indicators) -> None:  # type: ignore[no-untyped-def]
    kinds: Counter[str] = Counter()
    for indicator in indicators:
        direction = explain_direction([text for _, text in indicator.targets], indicator.unit).direction
        for year, text in indicator.targets:
            target = parse_target(text, indicator.unit, direction)
            kinds[target.kind + ("/needs_judgement" if target.needs_judgement else "")] += 1
            print(f"{indicator.name[:24]:<26}{year} {text:<20} → {target.kind:<9} {target.reading}"
                  + (f" ｜需人工判断：{target.reason.text('zh') if target.reason else ''}" if target.needs_judgement else ""))
            assert target.kind in KINDS and target.kind != "unknown", (indicator.name, text)
            assert not target.needs_judgement or target.reason, (indicator.name, text)
            assert target.reading, (indicator.name, text)
    print(dict(sorted(kinds.items())))


def test_every_target_reads_as_checked_by_eye(indicators: list[SampleIndicator]) -> None:
    read = {(text, indicator.unit): parse_target(text, indicator.unit) for indicator in indicators
            for _year, text in indicator.targets}
    assert {key: (target.kind, target.reading) for key, target in read.items()} == EXPECTED_READINGS


def test_every_baseline_cell_is_a_number_or_marked_empty(indicators: list[SampleIndicator]) -> None:
    for indicator in indicators:
        if indicator.baseline in _EMPTY:
            continue
        parsed = parse_value(indicator.baseline)
        assert parsed.number is not None, (indicator.name, indicator.baseline, parsed.problem)


def test_baselines_with_notes_and_qualifiers(indicators: list[SampleIndicator]) -> None:
    baselines = {indicator.baseline: parse_value(indicator.baseline) for indicator in indicators}
    assert (baselines["53.97(截至2019年3月)"].number, baselines["53.97(截至2019年3月)"].note) == (53.97, "截至2019年3月")
    assert (baselines["接近100"].number, baselines["接近100"].qualifier) == (100, "接近")
    assert (baselines["≤4.1"].number, baselines["≤4.1"].qualifier) == (4.1, "≤")


def test_directions_are_inferred_only_where_the_targets_tell(indicators: list[SampleIndicator]) -> None:
    by_name = {indicator.name: indicator for indicator in indicators}

    def direction(name: str) -> str | None:
        indicator = by_name[name]
        return explain_direction([t for _, t in indicator.targets], indicator.unit).direction

    assert direction("婴儿死亡率（‰）") == "lower"
    assert direction("艾滋病全人群感染率（%）") == "lower"  # targets rise above the baseline, the operator decides
    assert direction("人均健康预期寿命（岁）") == "higher"
    assert direction("居民健康素养水平（%）") is None  # bare 25, 36: the clerk is asked once
    assert direction("个人支出占卫生总费用的比重") is None  # "巩固提升" of a share that should fall
