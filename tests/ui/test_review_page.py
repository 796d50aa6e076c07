"""The review queue: approve with A, return with R and a comment, Enter opens the report; the next one is selected."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hpdesk.domain.reporting import Figure
from hpdesk.ui.jobs import JobRunner
from hpdesk.ui.views.review_page import ReviewPage

from ui_fakes import FakePrompts, FakeServices, make_period


def _page(qtbot, services: FakeServices, prompts: FakePrompts, state: str = "open") -> ReviewPage:  # type: ignore[no-untyped-def]
    page = ReviewPage(services, JobRunner(immediate=True), prompts)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitActive(page):  # shortcuts only reach the active window
        page.activateWindow()
    page.set_period(make_period("2026H2", state))
    page.queue_table.setFocus()
    return page


def test_the_queue_lists_submitted_reports_and_previews_the_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, FakeServices(), FakePrompts())
    assert page.queue_model.rowCount() == 3
    assert "3" in page.count_label.text()
    preview = page.preview.toPlainText()
    assert "召开推进会1次" in preview and "健康讲座现场照片1" in preview


def test_figures_in_the_preview_keep_the_number_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    services = FakeServices()
    services.queue[0] = replace(services.queue[0], figures=(Figure("讲座", 12.0, "场"), Figure("覆盖", 8000.0, "人"),
                                                            Figure("知晓率", 95.5, "%")))
    page = _page(qtbot, services, FakePrompts())
    preview = page.preview.toPlainText()
    assert "讲座 12场" in preview and "覆盖 8000人" in preview and "知晓率 95.5%" in preview
    assert "12.0" not in preview and "8000.0" not in preview


def test_a_approves_and_selects_the_next_report(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    page = _page(qtbot, services, FakePrompts())
    qtbot.keyClick(page.queue_table, Qt.Key.Key_A)
    (args, _kwargs), = services.called("review")
    assert args[:4] == ("A01-T001", "区卫健委", "2026H2", "approve")
    assert page.queue_model.rowCount() == 2 and page.selected_report().task_code == "A01-T002"


def test_r_returns_with_the_clerks_comment(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.text_answers = ["请补充会议纪要"]
    page = _page(qtbot, services, prompts)
    qtbot.keyClick(page.queue_table, Qt.Key.Key_R)
    (args, _kwargs), = services.called("review")
    assert args[3:5] == ("return", "请补充会议纪要")


def test_returning_without_a_comment_does_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.text_answers = ["  "]
    page = _page(qtbot, services, prompts)
    page.return_selected()
    assert not services.called("review") and page.queue_model.rowCount() == 3


def test_deciding_in_a_locked_period_needs_a_reason(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.text_answers = ["市里要求补审"]
    page = _page(qtbot, services, prompts, state="locked")
    page.approve_selected()
    assert services.called("review")[0][0][5] == "市里要求补审"


def test_enter_opens_the_report_editor(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, FakeServices(), FakePrompts())
    qtbot.keyClick(page.queue_table, Qt.Key.Key_Return)
    assert page.editor is not None and page.editor.isVisible()
    assert page.editor.target.task_code == "A01-T001"
    page.editor.reject()


def test_an_empty_queue_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    services = FakeServices()
    services.queue = []
    page = _page(qtbot, services, FakePrompts())
    assert "Nothing waits" in page.preview.toPlainText() and not page.approve_button.isEnabled()


def test_returning_with_an_empty_comment_says_why_nothing_happened(qtbot) -> None:  # type: ignore[no-untyped-def]
    services, prompts = FakeServices(), FakePrompts()
    prompts.text_answers = ["   "]
    page = _page(qtbot, services, prompts)
    page.return_selected()
    assert not services.called("review") and prompts.warnings and "Not returned" in prompts.warnings[0]


def test_at_1024_by_768_the_queue_shows_the_task_text_and_who_filled_in_when(qtbot) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.ui.models.report_table_model import ReportTableModel

    page = ReviewPage(FakeServices(), JobRunner(immediate=True), FakePrompts())
    qtbot.addWidget(page)
    page.resize(906, 650)  # what the page gets in a 1024×768 window beside the section bar
    page.show()
    qtbot.waitExposed(page)
    page.set_period(make_period("2026H2"))
    line = page.queue_table.fontMetrics().height()  # about one Chinese character's width
    assert page.queue_table.horizontalHeader().sectionSize(ReportTableModel.COLUMN_TASK) >= 6 * line
    by = page.queue_model.index(0, ReportTableModel.COLUMN_BY)
    assert by.data() == "王芳 11-20 09:30" and by.data(Qt.ItemDataRole.ToolTipRole) == "王芳 2026-11-20 09:30"
