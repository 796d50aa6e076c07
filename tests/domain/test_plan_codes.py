"""Stable codes: a revised table keeps the codes of the rows it still has, whatever was re-ordered or reworded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hpdesk.domain.plan_codes import (
    CodeAllocator, ExistingAction, ExistingRow, IncomingAction, IncomingRow, action_code, match_actions, match_rows,
)

STORED = [
    ExistingRow("A01-T001", "A01", "开展健康科普进社区活动每年不少于4次", "h1"),
    ExistingRow("A01-T002", "A01", "建立健康科普专家库和资源库", "h2"),
    ExistingRow("A01-T003", "A01", "完全不同的旧任务内容", "h3"),
    ExistingRow("A02-T001", "A02", "推广减盐勺和减油壶", "h4"),
]


def _pairs(existing, incoming) -> list[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    return [(match.code, match.state) for match in match_rows(existing, incoming).matches]


def test_everything_is_new_on_the_first_import() -> None:
    result = match_rows([], [IncomingRow("A01", "任务", "h")])
    assert [(m.code, m.state) for m in result.matches] == [(None, "new")] and result.withdrawn == ()


def test_the_same_table_again_is_all_unchanged() -> None:
    incoming = [IncomingRow(row.group, row.match_text, row.content_hash) for row in STORED]
    assert _pairs(STORED, incoming) == [(row.code, "unchanged") for row in STORED]


def test_reordered_rows_keep_their_codes() -> None:
    incoming = [IncomingRow(row.group, row.match_text, row.content_hash) for row in reversed(STORED)]
    assert [code for code, _state in _pairs(STORED, incoming)] == [row.code for row in reversed(STORED)]


def test_a_reworded_row_keeps_its_code_a_new_row_is_new_and_a_vanished_row_is_withdrawn() -> None:
    incoming = [IncomingRow("A01", "建立健康科普专家库和资源库", "h2"),
                IncomingRow("A01", "开展健康科普进社区活动每年不少于6次", "h9"),
                IncomingRow("A01", "新增加的任务内容：建设健康主题公园", "h10"),
                IncomingRow("A02", "推广减盐勺和减油壶", "h4")]
    result = match_rows(STORED, incoming)
    assert [(m.code, m.state) for m in result.matches] == [
        ("A01-T002", "unchanged"), ("A01-T001", "changed"), (None, "new"), ("A02-T001", "unchanged")]
    assert result.withdrawn == ("A01-T003",)


def test_a_department_change_keeps_the_code_through_the_identifying_text() -> None:
    assert _pairs(STORED, [IncomingRow("A02", "推广减盐勺和减油壶", "other-departments")]) == [("A02-T001", "changed")]


def test_a_row_moved_to_another_action_keeps_its_code() -> None:
    assert _pairs(STORED, [IncomingRow("A02", "建立健康科普专家库和资源库", "h2")]) == [("A01-T002", "changed")]


def test_each_code_goes_to_the_closest_revision_when_two_rows_were_edited() -> None:
    stored = [ExistingRow("T1", "A", "开展学生视力筛查每学期一次覆盖全部中小学", "a"),
              ExistingRow("T2", "A", "开展学生视力筛查每学年一次覆盖全部幼儿园", "b")]
    incoming = [IncomingRow("A", "开展学生视力筛查每学年一次覆盖全部幼儿园和托育机构", "c"),
                IncomingRow("A", "开展学生视力筛查每学期一次覆盖全部中小学校", "d")]
    assert _pairs(stored, incoming) == [("T2", "changed"), ("T1", "changed")]


def test_identical_duplicate_rows_pair_in_order() -> None:
    stored = [ExistingRow("T1", "A", "同一任务", "x"), ExistingRow("T2", "A", "同一任务", "x")]
    assert _pairs(stored, [IncomingRow("A", "同一任务", "x"), IncomingRow("A", "同一任务", "x")]) == [
        ("T1", "unchanged"), ("T2", "unchanged")]


def test_unrelated_text_is_never_forced_onto_an_old_code() -> None:
    result = match_rows(STORED, [IncomingRow("A01", "完全无关的一条新任务", "z")])
    assert [(m.code, m.state) for m in result.matches] == [(None, "new")]
    assert len(result.withdrawn) == 4


def test_actions_match_by_title_then_number() -> None:
    existing = [ExistingAction("A01", 1, "健康知识普及行动"), ExistingAction("A02", 2, "合理膳食行动"),
                ExistingAction("A03", 3, "全民健身行动")]
    incoming = [IncomingAction("#1", 1, "实施健康知识普及行动"),  # retitled: verbs are not part of the identity
                IncomingAction("#2", 2, "全民健身行动"),  # renumbered: the title wins
                IncomingAction("#3", 3, "控烟行动"),  # number 3's old action is now #2: this one is new
                IncomingAction("健康水平", None, "健康水平")]
    assert match_actions(existing, incoming) == {"#1": "A01", "#2": "A03", "#3": None, "健康水平": None}


def test_an_unnumbered_area_matches_a_similarly_titled_action() -> None:
    existing = [ExistingAction("A05", 5, "心理健康促进行动")]
    assert match_actions(existing, [IncomingAction("心理健康", None, "心理健康促进")]) == {"心理健康": "A05"}


def test_codes_are_given_in_sequence_after_the_highest_taken() -> None:
    allocator = CodeAllocator(["A01-T001", "A01-T007", "I003"])
    assert [allocator.next("A01-T"), allocator.next("A01-T"), allocator.next("A02-T"), allocator.next("I")] == [
        "A01-T008", "A01-T009", "A02-T001", "I004"]
    assert allocator.take("A05") and not allocator.take("A05")
    assert (action_code(3, 1), action_code(None, 2)) == ("A03", "AX02")


class _IndexingEveryCode(CodeAllocator):
    """CodeAllocator as it was before it deferred indexing the codes it hands out (c0d0a64): each code is indexed
    at once, so nothing is ever left for `_highest_for` to catch up on. The reference."""

    def next(self, prefix: str) -> str:
        code = super().next(prefix)
        assert self._unindexed.pop(prefix) == [code]
        self._index(code)
        return code


_PREFIXES = ["", "T", "A01-T", "A01-T0", "A01-T00", "A01-T1", "A01-", "A0", "P2", "P2-T", "P20", "P200", "I", "I0"]
_CODES = ["A01-T001", "A01-T007", "A01-T100", "A01-T0100", "P2001", "P2-T001", "I003", "I0012", "T9", "A05", "P200"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CODES), max_size=6),
       st.lists(st.one_of(st.tuples(st.just("next"), st.sampled_from(_PREFIXES)),
                          st.tuples(st.just("take"), st.sampled_from(_CODES))), max_size=60))
def test_codes_handed_out_are_the_same_as_when_every_code_was_indexed(taken: list[str],
                                                                       calls: list[tuple[str, str]]) -> None:
    allocator, reference = CodeAllocator(taken), _IndexingEveryCode(taken)
    for name, argument in calls:
        assert getattr(allocator, name)(argument) == getattr(reference, name)(argument)
