"""Indicator values, clerk judgements and directions over an imported plan; the summary the dashboard uses."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.domain.target_judging import Verdict
from hpdesk.domain.targets import PARSER_VERSION
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.desk import Desk
from hpdesk.services.indicator_evaluation import evaluate_all, evaluate_indicator, summarise
from hpdesk.services.indicator_values import set_indicator_direction
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import IndicatorRecord, IndicatorTargetRecord

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

# Guancheng's table: I001 人均预期寿命 提高1岁 (79.07 in 2020), I003 婴儿死亡率 ≤4.1‰, I007 居民健康素养水平 ≥35%
# (27.64), I014 每千常住人口公共卫生人员数 提高30％ (0.78), I019 空气质量优良天数比例 71 (bare, 58.6),
# I022 个人支出占卫生总费用的比重 巩固提升.


@pytest.fixture
def guancheng(workspace: Workspace, sample_copy) -> Workspace:  # type: ignore[no-untyped-def]
    apply_import(workspace, analyse_workbook(workspace, sample_copy("guancheng_indicators.xlsx")))
    return workspace


@pytest.fixture
def zhengzhou(workspace: Workspace, sample_copy) -> Workspace:  # type: ignore[no-untyped-def]
    apply_import(workspace, analyse_workbook(workspace, sample_copy("zhengzhou_indicators.xlsx")))
    return workspace


def _code_of(workspace: Workspace, year: int, target_text: str) -> str:
    return next(e.code for e in evaluate_all(workspace, year) if e.target_text == target_text)


def test_value_as_written_is_parsed_and_judged(guancheng: Workspace) -> None:
    evaluation = Desk(guancheng).set_indicator_value("I003", 2025, "3.9‰")
    assert (evaluation.value, evaluation.value_text, evaluation.verdict) == (3.9, "3.9‰", Verdict.MET)
    assert evaluation.target_kind == "threshold" and "≤ 目标 4.1‰" in evaluation.reason.text("zh")


def test_value_in_another_rate_unit_is_converted_into_the_indicators_unit(guancheng: Workspace) -> None:
    evaluation = Desk(guancheng).set_indicator_value("I003", 2025, "0.39%")
    assert evaluation.value == pytest.approx(3.9) and evaluation.value_text == "0.39%"


def test_value_in_a_unit_that_cannot_be_converted_is_a_user_error(guancheng: Workspace) -> None:
    with pytest.raises(UserError) as raised:
        Desk(guancheng).set_indicator_value("I003", 2025, "4岁")
    assert raised.value.code == "indicator_value_unit_invalid"


def test_approximate_value_keeps_its_text_and_uses_its_number(guancheng: Workspace) -> None:
    evaluation = Desk(guancheng).set_indicator_value("I007", 2025, "35.5%以上")
    assert (evaluation.value, evaluation.verdict) == (35.5, Verdict.MET)


def test_progress_before_the_target_year_is_judged_from_the_baseline(guancheng: Workspace) -> None:
    behind = Desk(guancheng).set_indicator_value("I007", 2023, "29")
    assert behind.verdict == Verdict.OFF_TRACK and "按基期2020年 27.64%" in behind.reason.text("zh")
    assert Desk(guancheng).set_indicator_value("I007", 2023, "33").verdict == Verdict.ON_TRACK  # line: 32.06


def test_relative_target_is_computed_from_the_baseline(guancheng: Workspace) -> None:
    assert Desk(guancheng).set_indicator_value("I001", 2025, "80.2").verdict == Verdict.MET
    assert Desk(guancheng).set_indicator_value("I014", 2025, "0.9").verdict == Verdict.NOT_MET


def test_state_target_needs_judgement_until_the_clerk_records_one(guancheng: Workspace) -> None:
    code = _code_of(guancheng, 2025, "巩固提升")
    Desk(guancheng).set_indicator_value(code, 2025, "100")
    assert evaluate_indicator(guancheng, code, 2025).verdict == Verdict.NEEDS_JUDGEMENT
    decided = Desk(guancheng).record_judgement(code, 2025, "met", "复审通过")
    assert decided.verdict == Verdict.MET and decided.judged_by == "tester" and decided.judged_at
    assert "人工判断（tester，" in decided.reason.text("zh") and "复审通过" in decided.reason.text("zh")


def test_clearing_a_judgement_returns_to_the_computed_verdict(guancheng: Workspace) -> None:
    Desk(guancheng).record_judgement("I022", 2025, "met", "复审通过")
    cleared = Desk(guancheng).record_judgement("I022", 2025, "", "")
    assert cleared.verdict == Verdict.NO_VALUE and cleared.judged_by == ""  # no value was ever entered for 2025


def test_indicators_without_a_value_count_as_not_reported_not_as_needing_judgement(guancheng: Workspace) -> None:
    Desk(guancheng).set_indicator_value("I001", 2025, "80.2")
    evaluations = evaluate_all(guancheng, 2025)
    summary = summarise(evaluations, 2025)
    assert summary.by_verdict["met"] == 1
    assert summary.by_verdict["no_value"] == summary.total - 1 and summary.by_verdict["needs_judgement"] == 0
    assert {e.reason.text("zh") for e in evaluations if e.verdict == Verdict.NO_VALUE} == {"2025年尚未填报数值"}


def test_bare_number_target_asks_for_the_direction_once_then_judges(guancheng: Workspace) -> None:
    Desk(guancheng).set_indicator_value("I019", 2025, "75")
    before = evaluate_indicator(guancheng, "I019", 2025)
    assert before.verdict == Verdict.NEEDS_JUDGEMENT and before.direction == "" and "请确认" in before.direction_hint
    set_indicator_direction(guancheng, "I019", "higher")
    after = evaluate_indicator(guancheng, "I019", 2025)
    assert (after.direction, after.direction_source, after.verdict) == ("higher", "clerk", Verdict.MET)


def test_direction_told_by_the_target_text_is_inferred_and_stored(guancheng: Workspace) -> None:
    evaluation = evaluate_indicator(guancheng, "I003", 2025)
    assert (evaluation.direction, evaluation.direction_source) == ("lower", "inferred")
    assert evaluate_indicator(guancheng, "I022", 2025).direction == ""  # "巩固提升" does not tell


def test_direction_is_stored_once_the_clerk_sets_it(guancheng: Workspace) -> None:
    set_indicator_direction(guancheng, "I020", "higher")
    assert evaluate_indicator(guancheng, "I020", 2025).direction == "higher"


def test_parsed_targets_are_cached_as_json_with_the_parser_version(guancheng: Workspace) -> None:
    evaluate_all(guancheng, 2025)
    with guancheng.database.unit_of_work() as session:
        cached = session.scalars(select(IndicatorTargetRecord).where(IndicatorTargetRecord.text == "≤4.1")).first()
        assert cached is not None and cached.parsed is not None
        assert cached.parsed["version"] == PARSER_VERSION and cached.parsed["kind"] == "threshold"
        assert cached.parsed["parts"] == [{"operator": "≤", "value": 4.1, "unit": "‰"}]


def test_stale_cached_parse_is_replaced(guancheng: Workspace) -> None:
    with guancheng.database.unit_of_work() as session:
        for record in session.scalars(select(IndicatorTargetRecord)):
            record.parsed = {"version": 0, "text": record.text, "kind": "unknown"}
    Desk(guancheng).set_indicator_value("I003", 2025, "3.9")
    assert evaluate_indicator(guancheng, "I003", 2025).verdict == Verdict.MET


def test_multi_part_target_is_judged_per_part_from_the_value_text(zhengzhou: Workspace) -> None:
    code = _code_of(zhengzhou, 2022, "100; 75")
    set_indicator_direction(zhengzhou, code, "higher")
    assert Desk(zhengzhou).set_indicator_value(code, 2022, "100; 78").verdict == Verdict.MET
    short = Desk(zhengzhou).set_indicator_value(code, 2022, "100; 70")
    assert short.verdict == Verdict.NOT_MET and "第2项" in short.reason.text("zh")


def test_year_between_targets_is_judged_against_the_next_target(zhengzhou: Workspace) -> None:
    code = _code_of(zhengzhou, 2025, "≤187")  # 心脑血管疾病死亡率: ≤209 in 2022, ≤187 in 2030
    evaluation = Desk(zhengzhou).set_indicator_value(code, 2025, "200")
    assert evaluation.target_year == 2030 and evaluation.verdict in (Verdict.ON_TRACK, Verdict.OFF_TRACK)


def test_unknown_indicator_and_bad_verdict_or_direction_are_user_errors(guancheng: Workspace) -> None:
    with pytest.raises(UserError) as refused:
        Desk(guancheng).set_indicator_value("I999", 2025, "1")
    assert refused.value.code == "indicator_unknown" and "I999" in refused.value.message("zh")
    with pytest.raises(UserError) as refused:
        Desk(guancheng).record_judgement("I001", 2025, "great", "")
    assert refused.value.code == "indicator_value_verdict_invalid" and "great" in refused.value.message("zh")
    with pytest.raises(UserError) as refused:
        set_indicator_direction(guancheng, "I001", "up")
    assert refused.value.code == "indicator_value_direction_invalid" and "up" in refused.value.message("zh")


def test_summary_counts_every_indicator_by_verdict_and_nature(guancheng: Workspace) -> None:
    Desk(guancheng).set_indicator_value("I003", 2025, "3.9")
    evaluations = evaluate_all(guancheng, 2025)
    summary = summarise(evaluations, 2025)
    assert summary.total == 22 == len(evaluations) == sum(summary.by_verdict.values())
    assert summary.by_verdict["met"] == 1
    assert set(summary.by_nature) == {"预期性", "约束性"}
    assert sum(sum(counts.values()) for counts in summary.by_nature.values()) == 22
    assert all(set(counts) == {v.value for v in Verdict} for counts in summary.by_nature.values())


def test_summary_counts_per_action(zhengzhou: Workspace) -> None:
    summary = summarise(evaluate_all(zhengzhou, 2022), 2022)
    assert summary.total == 75
    assert len(summary.by_action) >= 10
    assert sum(sum(counts.values()) for counts in summary.by_action.values()) == 75


def test_every_value_change_is_audited(guancheng: Workspace) -> None:
    Desk(guancheng).set_indicator_value("I003", 2025, "3.9")
    Desk(guancheng).set_indicator_value("I003", 2025, "4.0")
    Desk(guancheng).record_judgement("I003", 2025, "met", "核对无误")
    result = check_workspace(guancheng)
    assert result.sound and result.audit_events_checked >= 5


def test_withdrawn_indicators_are_not_evaluated(guancheng: Workspace) -> None:
    with guancheng.database.unit_of_work() as session:
        session.scalars(select(IndicatorRecord).where(IndicatorRecord.code == "I022")).one().status = "withdrawn"
    assert "I022" not in {e.code for e in evaluate_all(guancheng, 2025)}
