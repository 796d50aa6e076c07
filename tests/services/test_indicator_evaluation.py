"""Indicator values, clerk judgements and directions over an imported plan; the summary the dashboard uses."""

from __future__ import annotations

import pytest

from hpdesk.domain.errors import UserError
from hpdesk.domain.target_judging import Verdict
from hpdesk.services.indicator_evaluation import (
    evaluate_all, evaluate_indicator, record_judgement, set_indicator_direction, set_indicator_value, summarise,
)
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.workspace import Workspace


@pytest.fixture
def guancheng(workspace: Workspace, sample_copy) -> Workspace:  # type: ignore[no-untyped-def]
    apply_import(workspace, analyse_workbook(workspace, sample_copy("guancheng_indicators.xlsx")))
    return workspace


def test_value_as_written_is_parsed_and_judged(guancheng: Workspace) -> None:
    evaluation = set_indicator_value(guancheng, "I003", 2025, "3.9‰")  # 婴儿死亡率 ≤4.1
    assert (evaluation.value, evaluation.verdict) == (3.9, Verdict.MET)


def test_state_target_needs_judgement_until_the_clerk_records_one(guancheng: Workspace) -> None:
    codes = {e.code: e for e in evaluate_all(guancheng, 2025) if e.target_text == "巩固提升"}
    code = next(iter(codes))
    set_indicator_value(guancheng, code, 2025, "100")
    decided = record_judgement(guancheng, code, 2025, "met", "复审通过")
    assert decided.verdict == Verdict.MET and decided.judged_by == "tester" and "复审通过" in decided.reason


def test_direction_is_stored_once_the_clerk_sets_it(guancheng: Workspace) -> None:
    set_indicator_direction(guancheng, "I020", "higher")
    assert evaluate_indicator(guancheng, "I020", 2025).direction == "higher"


def test_unknown_indicator_and_bad_verdict_are_user_errors(guancheng: Workspace) -> None:
    with pytest.raises(UserError):
        set_indicator_value(guancheng, "I999", 2025, "1")
    with pytest.raises(UserError):
        record_judgement(guancheng, "I001", 2025, "great", "")


def test_summary_counts_every_indicator_by_verdict_and_nature(guancheng: Workspace) -> None:
    set_indicator_value(guancheng, "I003", 2025, "3.9")
    evaluations = evaluate_all(guancheng, 2025)
    summary = summarise(evaluations, 2025)
    assert summary.total == 22 == sum(summary.by_verdict.values())
    assert summary.by_verdict["met"] >= 1
    assert set(summary.by_nature) <= {"预期性", "约束性", "倡导性", "未注明"}


def test_every_value_change_is_audited(guancheng: Workspace) -> None:
    set_indicator_value(guancheng, "I003", 2025, "3.9")
    set_indicator_value(guancheng, "I003", 2025, "4.0")
    result = check_workspace(guancheng)
    assert result.sound and result.audit_events_checked >= 4
