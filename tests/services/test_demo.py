"""The demo workspace: believable content, real media files, and both builders leave a sound workspace."""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from hpdesk.domain import calendar
from hpdesk.domain.errors import UserError
from hpdesk.services.demo import demo_content as content
from hpdesk.services.demo.demo_builder import DemoResult, build_demo
from hpdesk.services.demo.demo_large import LargeDemoSize, build_large_demo
from hpdesk.services.demo.demo_media import TinyPhotoFactory, event_photo_jpeg, notice_pdf, table_pdf
from hpdesk.services.demo.demo_periods import demo_periods
from hpdesk.services.demo.demo_task_table import read_sample_tasks, samples_dir, synthetic_tasks, write_task_table
from hpdesk.services.importing.plan_import import analyse_workbook
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.workspace import Workspace
from hpdesk.storage import records
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS

TODAY = date(2026, 11, 23)
REVIEW_STATES = {"draft", "submitted", "returned", "approved"}
VERDICTS = {"met", "not_met", "on_track", "off_track", "needs_judgement"}


def _exif_taken(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        return image.getexif().get_ifd(0x8769)[0x9003]


# ---- content and media -------------------------------------------------------------------------------------------


def test_the_four_sample_workbooks_are_bundled_with_the_app() -> None:
    names = {path.name for path in samples_dir().glob("*.xlsx")}
    assert names == {"taian_task_breakdown.xlsx", "zhengzhou_tasks.xlsx", "zhengzhou_indicators.xlsx",
                     "guancheng_indicators.xlsx"}


def test_units_are_forty_distinct_guancheng_bodies_with_counterparts() -> None:
    names = [unit.name for unit in content.DEMO_UNITS]
    assert len(names) == len(set(names)) == 40
    assert {"区卫健委", "区教育局", "北下街街道", "南曹乡"} <= set(names)
    counterparts = [name for unit in content.DEMO_UNITS for name in unit.counterparts]
    assert len(counterparts) == len(set(counterparts)), "a city department mirrors one county unit"


def test_a_report_reads_like_a_work_report_and_has_figures() -> None:
    rng = random.Random(3)
    text = content.report_text(rng, calendar.period("semiannual", 2026, 1), theme=content.theme_for("控烟行动"),
                               unit_name="北下街街道")
    assert "北下街街道召开控烟工作专题推进会" in text.narrative and "累计" in text.narrative
    assert "{" not in text.narrative and text.figures and text.problems.startswith("一是")
    assert text.next_steps.count("是") >= 3


def test_document_numbers_use_the_official_brackets() -> None:
    assert content.doc_number("管卫健", 2025, 12) == "管卫健〔2025〕12号"


def test_event_photo_is_a_jpeg_whose_exif_date_is_the_event() -> None:
    data = event_photo_jpeg(scene="outdoor", banner="世界无烟日宣传活动", taken_at=datetime(2026, 5, 31, 9, 30, 5),
                            location="郑州市·管城回族区", seed=1, size=(640, 480))
    assert _exif_taken(data) == "2026:05:31 09:30:05"
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (640, 480)


def test_tiny_photos_all_differ_so_none_deduplicates() -> None:
    factory = TinyPhotoFactory(seed=1)
    photos = [factory.photo(serial, datetime(2026, 3, 1, 10, 0)) for serial in range(20)]
    assert len(set(photos)) == 20
    assert _exif_taken(photos[0]) == "2026:03:01 10:00:00"


def test_notice_pdf_carries_its_document_number_and_date() -> None:
    from pypdf import PdfReader

    data = notice_pdf(issuer="管城回族区卫生健康委员会", doc_number="管卫健〔2026〕12号", title="关于印发《方案》的通知",
                      paragraphs=["各街道办事处："], issued_on=date(2026, 3, 2), signer="管城回族区卫生健康委员会")
    reader = PdfReader(io.BytesIO(data))
    text = reader.pages[0].extract_text()
    assert "管卫健〔2026〕12号" in text and "2026年3月2日" in text
    assert reader.metadata["/CreationDate"].startswith("D:20260302")


def test_table_pdf_opens() -> None:
    from pypdf import PdfReader

    data = table_pdf(title="签到表", subtitle="2026年3月2日", header=["序号", "姓名"], rows=[["1", "张伟"]])
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_periods_end_with_the_current_half_year_and_lock_the_oldest() -> None:
    periods = demo_periods(4, TODAY)
    assert [p.label for p in periods] == ["2025H1", "2025H2", "2026H1", "2026H2"]
    assert [p.role for p in periods] == ["locked", "closed", "review", "current"]
    assert periods[0].due == date(2025, 6, 15) and periods[-1].due == date(2026, 12, 15)


# ---- synthetic task tables ---------------------------------------------------------------------------------------


def test_synthetic_tasks_are_all_distinct_and_start_with_the_sample() -> None:
    sample = read_sample_tasks()
    tasks = synthetic_tasks(3 * len(sample) + 7)
    assert len({task.text for task in tasks}) == len(tasks)
    assert {task.text for task in sample} <= {task.text for task in tasks}


def test_a_synthetic_table_imports_with_every_row(tmp_path: Path, workspace: Workspace) -> None:
    table = write_task_table(tmp_path / "tasks.xlsx", 400, county_wide=True)
    counts = analyse_workbook(workspace, table).counts()
    assert counts["tasks"] == 400
    assert counts["county_tasks"] == 400


# ---- builders ----------------------------------------------------------------------------------------------------


def _verdicts(workspace: Workspace, years: range) -> set[str]:
    from hpdesk.services.indicator_evaluation import evaluate_all

    return {item.verdict.value for year in years for item in evaluate_all(workspace, year)}


def _review_states(workspace: Workspace) -> set[str]:
    with workspace.database.read_only() as session:
        return set(session.scalars(select(records.ProgressReportRecord.review_state).distinct()))


def test_large_demo_at_reduced_size_is_sound_and_audited_per_step(workspace: Workspace) -> None:
    size = LargeDemoSize(tasks=20, units=40, periods=4, reports=400, evidence_files=90)
    outcome = build_large_demo(workspace, seed=2, size=size, today=TODAY)
    assert outcome.locked_period == "2025H1"
    result = check_workspace(workspace)
    assert result.sound, result.to_json()
    with workspace.database.read_only() as session:
        count = lambda record: session.scalar(select(func.count()).select_from(record))  # noqa: E731
        assert count(records.ProgressReportRecord) == 400
        assert count(records.EvidenceFileRecord) == count(records.AttachmentRecord) == 90
        bulk_events = session.scalars(select(records.AuditEventRecord.entity_type)
                                      .where(records.AuditEventRecord.action == "bulk_create")).all()
        assert sorted(bulk_events) == ["assignment", "evidence", "indicator_value", "progress_report",
                                       "reporting_period", "unit"]
        states = dict(session.execute(select(records.ReportingPeriodRecord.label,
                                             records.ReportingPeriodRecord.state)).all())
        assert [label for label, state in states.items() if state == "locked"] == ["2025H1"]
    assert _review_states(workspace) == REVIEW_STATES
    assert _verdicts(workspace, range(2022, TODAY.year)) == VERDICTS


def test_large_demo_photos_are_dated_inside_their_period(workspace: Workspace) -> None:
    build_large_demo(workspace, seed=5, size=LargeDemoSize(tasks=10, periods=2, reports=40, evidence_files=30),
                     today=TODAY)
    with workspace.database.read_only() as session:
        rows = session.execute(
            select(records.EvidenceFileRecord.taken_on, records.ReportingPeriodRecord.start_date,
                   records.ReportingPeriodRecord.end_date)
            .join(records.EvidenceRecord, records.EvidenceRecord.id == records.EvidenceFileRecord.evidence_id)
            .join(records.ProgressReportRecord, records.ProgressReportRecord.id == records.EvidenceRecord.report_id)
            .join(records.ReportingPeriodRecord,
                  records.ReportingPeriodRecord.id == records.ProgressReportRecord.period_id)
            .where(records.EvidenceFileRecord.taken_on.is_not(None))
        ).all()
    assert rows
    assert all(start <= taken <= end for taken, start, end in rows)


def test_demo_refuses_a_workspace_that_already_has_a_plan(workspace_dir: Path) -> None:
    from hpdesk.services.importing.plan_import import apply_import
    from hpdesk.services.workspace import open_workspace

    with open_workspace(workspace_dir, actor="tester") as workspace:
        apply_import(workspace, analyse_workbook(workspace, samples_dir() / "guancheng_indicators.xlsx"))
    with pytest.raises(UserError) as raised:
        build_demo(workspace_dir, size="large", today=TODAY)
    assert raised.value.code == "demo_workspace_not_empty"


def test_demo_refuses_a_city_workspace(tmp_path: Path) -> None:
    """`hpdesk demo` on a city's workspace filled it with a county's units, reports and locked period."""
    from hpdesk.services.maintenance import count_summary
    from hpdesk.services.workspace import init_workspace, open_workspace

    init_workspace(tmp_path / "city", region="郑州市", office="郑州市卫生健康委员会", level="city").close()
    with pytest.raises(UserError) as raised:
        build_demo(tmp_path / "city", size="small", today=TODAY)
    assert raised.value.code == "demo_city_workspace"
    with open_workspace(tmp_path / "city") as city:
        assert count_summary(city)["units"] == count_summary(city)["reports"] == 0


# ---- the small demo, built once through the services -------------------------------------------------------------


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, DemoResult]]:
    """Built on SQLite only: on PostgreSQL it takes 65 s instead of 27 s (hundreds of service calls, each its own
    transactions); the services it calls run on both back ends in their own modules, and the large demo's builder
    is checked on both above."""
    from hpdesk.services.workspace import open_workspace

    root = tmp_path_factory.mktemp("small-demo") / "ws"
    result = build_demo(root, size="small", seed=1, today=TODAY, actor="tester")
    opened = open_workspace(root, actor="tester")
    yield opened, result
    opened.close()


def test_small_demo_is_sound(small_demo: tuple[Workspace, DemoResult]) -> None:
    workspace, result = small_demo
    check = check_workspace(workspace)
    assert check.sound, check.to_json()
    assert check.audit_events_checked > result.counts["reports"], "every service call is in the audit trail"
    counts = result.counts
    assert counts["tasks"] == 143 and counts["indicators"] == 75 and counts["units"] == 40
    assert counts["periods"] == 4 and counts["reports"] > 500 and counts["attachments"] > 50


def test_small_demo_has_reports_in_every_review_state(small_demo: tuple[Workspace, DemoResult]) -> None:
    assert _review_states(small_demo[0]) == REVIEW_STATES


def test_small_demo_has_indicator_values_in_every_verdict(small_demo: tuple[Workspace, DemoResult]) -> None:
    assert _verdicts(small_demo[0], range(2022, TODAY.year)) == VERDICTS


def test_small_demo_has_exactly_one_locked_period(small_demo: tuple[Workspace, DemoResult]) -> None:
    from hpdesk.services.periods import list_periods

    workspace, result = small_demo
    states = {period.label: period.state for period in list_periods(workspace)}
    assert states == {"2025H1": "locked", "2025H2": "open", "2026H1": "open", "2026H2": "open"}
    assert result.locked_period == "2025H1"


def test_small_demo_photos_carry_exif_dates_inside_their_period(small_demo: tuple[Workspace, DemoResult]) -> None:
    workspace, _ = small_demo
    with workspace.database.read_only() as session:
        rows = session.execute(
            select(records.AttachmentRecord.sha256, records.ReportingPeriodRecord.start_date,
                   records.ReportingPeriodRecord.end_date)
            .join(records.EvidenceFileRecord, records.EvidenceFileRecord.attachment_id == records.AttachmentRecord.id)
            .join(records.EvidenceRecord, records.EvidenceRecord.id == records.EvidenceFileRecord.evidence_id)
            .join(records.ProgressReportRecord, records.ProgressReportRecord.id == records.EvidenceRecord.report_id)
            .join(records.ReportingPeriodRecord,
                  records.ReportingPeriodRecord.id == records.ProgressReportRecord.period_id)
            .where(records.AttachmentRecord.media_type == "image/jpeg")
        ).all()
    assert rows
    for sha256, start, end in rows:
        with workspace.attachments.open(sha256) as stream:
            taken = datetime.strptime(_exif_taken(stream.read()), "%Y:%m:%d %H:%M:%S").date()
        assert start <= taken <= end


def test_small_demo_notices_have_document_numbers(small_demo: tuple[Workspace, DemoResult]) -> None:
    workspace, _ = small_demo
    with workspace.database.read_only() as session:
        numbers = session.scalars(select(records.EvidenceRecord.doc_number)
                                  .where(records.EvidenceRecord.kind == "document")).all()
    assert numbers and all(re.fullmatch(r"\S+〔20\d\d〕\d+号", number) for number in numbers)
