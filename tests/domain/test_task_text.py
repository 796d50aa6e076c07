"""The city's words for one task: one title rule, one identity, one content hash."""

from __future__ import annotations

import dataclasses

import pytest

from hpdesk.domain.task_text import LABEL_FIELDS, SEARCHED_FIELDS, TEXT_FIELDS, TaskText


@pytest.mark.parametrize(("text", "label"), [
    (TaskText(basic_content="基本", task_text="任务", measures="措施", work_plan="计划"), "任务"),
    (TaskText(basic_content="基本", measures="措施", work_plan="计划"), "措施"),
    (TaskText(basic_content="基本", work_plan="计划"), "基本"),
    (TaskText(work_plan="计划", lead_text="市卫健委"), "计划"),
    (TaskText(lead_text="市卫健委", note="备注"), ""),
])
def test_a_task_is_titled_by_its_first_text_that_is_not_blank(text: TaskText, label: str) -> None:
    assert text.label == label


def test_the_identity_ignores_spacing_and_punctuation_and_falls_back_to_the_basic_content() -> None:
    written = TaskText(task_text="开展健康讲座。", measures="每季度一次", lead_text="市卫健委")
    revised = TaskText(task_text="开展 健康讲座", measures="每季度一次；", lead_text="市教育局", note="新增备注")
    assert written.identity == revised.identity  # the departments and the note do not identify a task
    assert TaskText(basic_content="健康促进").identity != TaskText(basic_content="健康教育").identity
    assert TaskText(basic_content="健康促进", task_text="讲座").identity == TaskText(task_text="讲座").identity


def test_any_edited_text_changes_the_content_hash() -> None:
    base = TaskText(*(f"原文{index}" for index in range(len(TEXT_FIELDS))))
    hashes = {base.content_hash} | {dataclasses.replace(base, **{name: "改过"}).content_hash for name in TEXT_FIELDS}
    assert len(hashes) == len(TEXT_FIELDS) + 1


def test_differing_names_the_changed_fields_in_order() -> None:
    before = TaskText(task_text="讲座", responsible_text="各区县")
    assert before.differing(TaskText(task_text="讲座", responsible_text="各区县（市）", note="新")) == (
        "responsible_text", "note")
    assert TaskText.of(before) == before


def test_the_title_and_the_search_use_only_declared_text_fields() -> None:
    assert set(LABEL_FIELDS) <= set(SEARCHED_FIELDS) <= set(TEXT_FIELDS)
