"""Item models, tested without windows: rows and roles, paging of very long lists, in-place editing, filtering."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from hpdesk.domain.reporting import Figure
from hpdesk.services.plan_queries import ActionNavRow
from hpdesk.services.task_detail import UnitReportRow
from hpdesk.ui import theme
from hpdesk.ui.models.figures_model import FiguresTableModel
from hpdesk.ui.models.indicator_grid_model import FIXED_COLUMNS, IndicatorFilterProxy, IndicatorGridModel
from hpdesk.ui.models.navigator_models import ACTION_ID_ROLE, TASK_ID_ROLE, PlanTreeModel, ReviewBucketModel
from hpdesk.ui.models.paged_table_model import PAGE_SIZE
from hpdesk.ui.models.report_table_model import ReportTableModel
from hpdesk.ui.models.task_list_model import TaskListModel
from hpdesk.ui.models.unit_report_model import UnitReportModel
from hpdesk.ui.widgets.evidence_list_view import EvidenceListModel

from ui_fakes import FakeServices, make_evaluation, make_evidence, make_report, make_task

DISPLAY, BACKGROUND, FOREGROUND, TOOLTIP = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
                                            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole)


def test_task_list_shows_the_periods_progress_in_words(qapp) -> None:  # type: ignore[no-untyped-def]
    model = TaskListModel()
    model.reset_rows([make_task(1, handed_in=2, units=3, approved=1, returned=1), make_task(2, county=False)], 2)
    assert model.data(model.index(0, TaskListModel.COLUMN_CODE)) == "A01-T001"
    progress = model.data(model.index(0, TaskListModel.COLUMN_PROGRESS))
    assert "2/3" in progress and "1" in progress
    assert model.data(model.index(0, TaskListModel.COLUMN_PROGRESS), FOREGROUND).color() == \
        theme.REVIEW_STRONG["returned"]
    assert model.data(model.index(1, TaskListModel.COLUMN_PROGRESS)) == "City only"


def test_a_task_with_only_suggested_units_reads_to_confirm_not_unassigned(qapp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    model = TaskListModel()
    model.reset_rows([replace(make_task(1, units=0), suggested=2), make_task(2, units=0)], 2)
    assert model.data(model.index(0, TaskListModel.COLUMN_PROGRESS)) == "To confirm"
    assert model.data(model.index(1, TaskListModel.COLUMN_PROGRESS)) == "Not assigned"


def test_a_list_of_100000_rows_fetches_pages_only_as_the_view_asks(qapp) -> None:  # type: ignore[no-untyped-def]
    asked: list[tuple[int, int]] = []

    def fetch(offset: int, limit: int) -> list:  # type: ignore[type-arg]
        asked.append((offset, limit))
        return [make_report(number) for number in range(offset, min(offset + limit, 100_000))]

    model = ReportTableModel()
    model.reset_rows(fetch(0, PAGE_SIZE), 100_000, fetch)
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    assert asked == [(0, PAGE_SIZE), (PAGE_SIZE, PAGE_SIZE)]
    assert model.total == 100_000


def test_paging_stops_when_the_data_shrank_since_the_count(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ReportTableModel()
    model.reset_rows([make_report(1)], 5, lambda offset, limit: [])
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())


def test_removing_a_decided_report_keeps_the_total_right(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ReportTableModel()
    model.reset_rows([make_report(1), make_report(2)], 2)
    model.remove_row(0)
    assert model.rowCount() == 1 and model.total == 1 and model.row_at(0).id == 2


def test_unit_rows_mark_suggested_units_and_colour_the_review_state(qapp) -> None:  # type: ignore[no-untyped-def]
    rows = [UnitReportRow(1, "区卫健委", "lead", True, 5, "done", "approved", "", 2, "王芳", "2026-11-20T09:30", False),
            UnitReportRow(2, "区教育局", "co", False, None, "not_started", "draft", "", 0, "", None, False)]
    model = UnitReportModel(rows)
    assert model.data(model.index(0, UnitReportModel.COLUMN_EVIDENCE)) == "2"
    assert model.data(model.index(0, UnitReportModel.COLUMN_REVIEW), FOREGROUND).color() == \
        theme.REVIEW_STRONG["approved"]
    assert "区教育局" in model.data(model.index(1, UnitReportModel.COLUMN_UNIT))
    assert model.data(model.index(1, 0), Qt.ItemDataRole.FontRole).italic()


def _grid_model() -> IndicatorGridModel:
    services = FakeServices()
    model = IndicatorGridModel()
    years = [2024, 2025, 2030]
    model.set_grid(services.grid, years, {year: services.evaluations(year) for year in years})
    return model


def test_indicator_cells_show_values_verdict_colours_and_the_reason(qapp) -> None:  # type: ignore[no-untyped-def]
    model = _grid_model()
    cell_2025 = model.index(0, FIXED_COLUMNS + 1)
    assert model.data(cell_2025) == "35.86%"
    assert model.data(cell_2025, BACKGROUND).color() == theme.VERDICT_BACKGROUND["met"]
    assert "理由：met" in model.data(cell_2025, TOOLTIP)
    target_only = model.index(0, FIXED_COLUMNS + 2)
    assert "≥36" in model.data(target_only) and model.data(target_only, BACKGROUND) is None


def test_typing_a_value_asks_for_it_to_be_saved_and_shows_it_meanwhile(qapp) -> None:  # type: ignore[no-untyped-def]
    model = _grid_model()
    entered: list[tuple[str, int, str]] = []
    model.value_entered.connect(lambda code, year, text: entered.append((code, year, text)))
    cell = model.index(1, FIXED_COLUMNS + 2)
    assert model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(1, 1)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(cell, " 基本实现 ")
    assert entered == [("I002", 2030, "基本实现")] and model.data(cell) == "基本实现"
    model.update_evaluation(make_evaluation(2, "I002", 2030, "met", "基本实现"), 2030)
    assert model.data(cell, BACKGROUND).color() == theme.VERDICT_BACKGROUND["met"]


def test_indicator_filter_keeps_one_action_or_one_verdict(qapp) -> None:  # type: ignore[no-untyped-def]
    proxy = IndicatorFilterProxy()
    proxy.setSourceModel(_grid_model())
    proxy.set_filter("（2）合理膳食行动", "")
    assert proxy.rowCount() == 1
    proxy.set_filter("", "on_track")
    assert proxy.rowCount() == 1  # only I001 has a value judged on track (2024)
    proxy.set_filter("", "off_track")
    assert proxy.rowCount() == 0


def test_figures_are_numbers_with_units_and_a_bad_number_is_named(qapp) -> None:  # type: ignore[no-untyped-def]
    model = FiguresTableModel()
    model.set_figures([Figure("讲座", 3.0, "场")])
    assert model.data(model.index(0, 1)) == "3"
    row = model.add_row()
    model.setData(model.index(row, 0), "覆盖人数")
    model.setData(model.index(row, 1), "1,200")
    assert model.figures() == (Figure("讲座", 3, "场"), Figure("覆盖人数", 1200))
    model.setData(model.index(row, 1), "约一千")
    try:
        model.figures()
    except ValueError as error:
        assert str(error) == "覆盖人数"
    else:
        raise AssertionError("a value that is no number must be refused")


def test_plan_tree_fetches_an_actions_tasks_when_it_is_expanded(qapp) -> None:  # type: ignore[no-untyped-def]
    fetched: list[int] = []
    model = PlanTreeModel()
    model.set_actions([ActionNavRow(7, "（1）健康促进行动", "计划", 2)],
                      lambda action_id: fetched.append(action_id) or [make_task(1), make_task(2)])
    action = model.index(1, 0)
    assert model.rowCount() == 2 and model.hasChildren(action) and model.rowCount(action) == 0
    assert model.canFetchMore(action)
    model.fetchMore(action)
    assert fetched == [7] and model.rowCount(action) == 2
    task = model.index(1, 0, action)
    assert task.data(TASK_ID_ROLE) == 2 and task.data(ACTION_ID_ROLE) == 7 and model.parent(task) == action
    assert model.data(model.index(0, 0)) == "All tasks (2)"


def test_review_buckets_count_the_periods_reports(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ReviewBucketModel()
    model.set_counts({"draft": 3, "submitted": 5, "returned": 1, "approved": 2})
    texts = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    assert texts[0] == "All tasks of the period" and "5" in texts[2] and "1" in texts[3]


def test_evidence_tiles_use_the_thumbnail_and_describe_the_file(qapp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QColor, QImage

    thumbnail = tmp_path / "thumb.jpg"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    image.save(str(thumbnail))
    model = EvidenceListModel()
    model.set_evidence([make_evidence(1, thumbnail=thumbnail), make_evidence(2, media_type="application/pdf")])
    assert model.rowCount() == 2 and model.evidence_count() == 2
    assert not model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole).isNull()
    assert "现场照片1.jpg · 117 KB" in model.data(model.index(0, 0), TOOLTIP)  # sized as the CLI and the packet do
