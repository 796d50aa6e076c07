"""One task is titled the same on every screen and in the packet: the dashboard's overdue list, the task list and
the task detail, the review queue, the search and the signed packet all show `TaskText.label`.

The task here has no 具体任务 (the column is blank in some cities' tables), so the old rules disagreed: the review
queue and the overdue list showed nothing, the import preview the 推进措施 first, the task list the 推进措施 after the
blank 具体任务."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from export_fixture import PERIOD, ExportFixture
from export_fixture import export_data as export_data  # noqa: F401 - a fixture used by these tests
from sqlalchemy import select
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.task_text import TaskText
from hpdesk.services.completeness import completeness
from hpdesk.services.exporting.content_builder import build_packet_content
from hpdesk.services.reports import list_reports
from hpdesk.services.search import search_everything
from hpdesk.services.task_detail import task_detail
from hpdesk.services.task_list import TaskFilter, list_task_rows
from hpdesk.storage.records import TaskRecord

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

CODE = "A02-T001"
CITY_TEXT = TaskText(basic_content="营养健康食堂建设", measures="推进学校食堂减盐减油", work_plan="检查记录")
AFTER_DUE = date(2025, 7, 1)
AFTER_DUE_TIME = datetime.fromisoformat("2025-07-01T09:00:00+08:00")


@pytest.fixture
def world(export_data: ExportFixture) -> ExportFixture:  # noqa: F811 - the fixture imported above
    with export_data.workspace.database.unit_of_work() as session:
        task = session.scalars(select(TaskRecord).where(TaskRecord.code == CODE)).one()
        task.text = CITY_TEXT
    return export_data


def test_every_screen_and_the_packet_title_the_task_alike(world: ExportFixture) -> None:
    workspace, label = world.workspace, CITY_TEXT.label
    assert label == "推进学校食堂减盐减油"
    task_id = next(row.id for row in list_task_rows(workspace, TaskFilter(period_label=PERIOD)) if row.code == CODE)
    shown = {
        "dashboard": {item.task_text for item in completeness(workspace, PERIOD, today=AFTER_DUE).overdue
                      if item.task_code == CODE},
        "tasks": {row.text for row in list_task_rows(workspace, TaskFilter(period_label=PERIOD)) if row.code == CODE},
        "task detail": {task_detail(workspace, task_id).text.label},  # type: ignore[union-attr]
        "review": {report.task_text for report in list_reports(workspace, PERIOD) if report.task_code == CODE},
        "search": {hit.detail for hit in search_everything(workspace, "减盐减油") if hit.kind == "task"},
    }
    content = build_packet_content(workspace, PERIOD, doc_number="12", now=AFTER_DUE_TIME)
    shown["packet section"] = {section.label for section in content.tasks if section.code == CODE}
    shown["packet overdue list"] = {line.task_text for line in content.summary.overdue if line.task_code == CODE}
    assert shown == {screen: {label} for screen in shown}
