"""Importing the city's workbooks: the sample figures, re-imports, cancel, remembered mappings."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from hpdesk.domain.errors import OperationCancelled
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.importing.workbook_reader import read_grid
from hpdesk.services.progress import CancelToken, RecordingProgress
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import AssignmentRecord, IndicatorTargetRecord, PlanRecord, TaskRecord, UnitRecord


def _import(workspace: Workspace, path: Path, **kwargs):  # type: ignore[no-untyped-def]
    return apply_import(workspace, analyse_workbook(workspace, path, **kwargs))


def test_taian_table_gives_15_actions_124_tasks_84_for_counties_and_two_flagged_fragments(
    workspace: Workspace, sample_copy
) -> None:  # type: ignore[no-untyped-def]
    preview = analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx"))
    counts = preview.counts()
    assert preview.kind == "tasks"
    assert (counts["actions"], counts["tasks"], counts["county_tasks"]) == (15, 124, 84)
    assert sorted(issue.row for issue in preview.issues if issue.code == "fragment") == [82, 84]


def test_zhengzhou_indicators_give_75_with_baseline_2018_and_targets_2022_2030(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    report = _import(workspace, sample_copy("zhengzhou_indicators.xlsx"))
    assert report.preview.counts()["indicators"] == 75
    with workspace.database.read_only() as session:
        years = set(session.scalars(select(IndicatorTargetRecord.year)))
    assert years == {2022, 2030}


def test_zhengzhou_tasks_give_143_over_18_actions_with_counties_from_bracket_text(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    counts = analyse_workbook(workspace, sample_copy("zhengzhou_tasks.xlsx")).counts()
    assert (counts["tasks"], counts["actions"]) == (143, 18)
    assert counts["county_tasks"] > 80


def test_guancheng_gives_22_indicators_with_2020_values_and_2025_targets(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    preview = analyse_workbook(workspace, sample_copy("guancheng_indicators.xlsx"))
    assert preview.counts()["indicators"] == 22
    assert all(indicator.baseline_year == 2020 for indicator in preview.parsed.indicators)
    assert {year for indicator in preview.parsed.indicators for year, _ in indicator.targets} == {2025}


def test_both_zhengzhou_tables_land_in_one_plan_and_a_second_import_changes_nothing(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    _import(workspace, sample_copy("zhengzhou_tasks.xlsx"))
    _import(workspace, sample_copy("zhengzhou_indicators.xlsx"))
    again = analyse_workbook(workspace, sample_copy("zhengzhou_tasks.xlsx"))
    assert again.existing_plan
    assert again.counts()["unchanged"] == 143 and again.counts()["new"] == 0
    with workspace.database.read_only() as session:
        assert session.scalar(select(func.count()).select_from(PlanRecord)) == 1


def _revise(source: Path, target: Path) -> None:
    """The city's revision, written without merges: one task reworded, one deleted, one added at the end."""
    rows = [list(row.cells) for row in read_grid(source).rows]
    rows[3][2] = rows[3][2] + "（修订）"  # row 4
    del rows[9]  # row 10
    rows.append(["", "", "新增任务：建设健康主题公园", "每区至少一个", "提供建设资料", "", "市住房城乡建设局",
                 "市住房城乡建设局、各县市区"])
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(target)


def test_revised_table_updates_adds_and_withdraws_without_detaching_county_data(
    workspace: Workspace, sample_copy, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    original = sample_copy("taian_task_breakdown.xlsx")
    _import(workspace, original)
    with workspace.database.unit_of_work() as session:
        unit = UnitRecord(name="区卫健委", created_at=now_iso())
        session.add(unit)
        session.flush()
        for task in session.scalars(select(TaskRecord)):
            session.add(AssignmentRecord(task_id=task.id, unit_id=unit.id, role="lead", created_at=now_iso()))
    revised = tmp_path / "taian_revised.xlsx"
    _revise(original, revised)

    preview = analyse_workbook(workspace, revised)
    counts = preview.counts()
    assert (counts["new"], counts["changed"], counts["withdrawn"]) == (1, 1, 1)
    apply_import(workspace, preview)

    with workspace.database.read_only() as session:
        withdrawn = session.scalars(select(TaskRecord).where(TaskRecord.status == "withdrawn")).all()
        assert len(withdrawn) == 1
        assert session.scalar(select(func.count()).select_from(AssignmentRecord)) == 124
        assert session.scalar(select(func.count()).select_from(TaskRecord)) == 125


def test_cancelled_apply_rolls_everything_back(workspace: Workspace, sample_copy) -> None:  # type: ignore[no-untyped-def]
    preview = analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx"))
    token = CancelToken()

    class CancelOnFirstUpdate(RecordingProgress):
        def update(self, done: int, total: int, message: str = "") -> None:
            super().update(done, total, message)
            token.cancel()

    with pytest.raises(OperationCancelled):
        apply_import(workspace, preview, CancelOnFirstUpdate(), token)
    with workspace.database.read_only() as session:
        assert session.scalar(select(func.count()).select_from(TaskRecord)) == 0
        assert session.scalar(select(func.count()).select_from(PlanRecord)) == 0


def test_manual_mapping_is_remembered_for_files_of_the_same_layout(workspace: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["编号", "工作事项", "部门", "备注"])  # 工作事项/部门 are not header words hpdesk knows
    sheet.append(["1", "开展健康讲座", "市卫生健康委、各县区", ""])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    mapping = ["serial", "task_text", "responsible", "note"]
    _import(workspace, path, column_fields=mapping)
    second = analyse_workbook(workspace, path)
    assert [column.field for column in second.columns] == mapping
    assert second.counts()["county_tasks"] == 1
