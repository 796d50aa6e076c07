"""What goes into a submission: the county's tasks, each unit's part, only approved text, numbered evidence,
indicator verdicts, the cover letter's words; and the frozen content survives to_json/from_json unchanged."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import DOC_NUMBER, FULL_DOC_NUMBER
from export_fixture import EXPORT_TIME, PERIOD, ExportFixture
from sqlalchemy import delete, select

from hpdesk.domain.errors import UserError
from hpdesk.services.exporting.content_builder import build_packet_content
from hpdesk.services.exporting.packet_content import PacketContent
from hpdesk.services.identity import unlock_identity
from hpdesk.storage.records import (
    AssignmentRecord, AttachmentRecord, EvidenceFileRecord, EvidenceRecord, IndicatorRecord, IndicatorValueRecord,
    ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitRecord,
)
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


def build(world: ExportFixture, **options) -> PacketContent:  # type: ignore[no-untyped-def]
    return build_packet_content(world.workspace, PERIOD, **{"doc_number": DOC_NUMBER, "now": EXPORT_TIME, **options})


def task(content: PacketContent, code: str):  # type: ignore[no-untyped-def]
    return next(section for section in content.tasks if section.code == code)


def test_only_active_county_tasks_appear_in_the_citys_order(export_data: ExportFixture) -> None:
    content = build(export_data)
    # A01-T002 is the city's own task, A01-T003 was withdrawn by the city.
    assert [section.code for section in content.tasks] == ["A01-T001", "A02-T001"]
    assert task(content, "A01-T001").task_text == "面向社区居民开展健康科普讲座，建立健康科普专家库。"
    assert task(content, "A02-T001").action_label == "（二）合理膳食行动"


def test_every_assigned_unit_has_its_part_lead_first(export_data: ExportFixture) -> None:
    content = build(export_data)
    lectures = task(content, "A01-T001")
    assert [(part.unit, part.role_label, part.included) for part in lectures.units] == [
        ("区卫健委", "牵头", True), ("北下街街道", "配合", True)]
    lead = lectures.units[0]
    assert lead.narrative == "开展健康科普讲座12场，覆盖居民3000人次。" and lead.problems == "部分社区场地不足。"
    assert [figure.text for figure in lead.figures] == ["12场", "3000人"]
    assert lectures.units[1].changed_after_lock and not lead.changed_after_lock


def test_the_county_answer_combines_only_approved_parts(export_data: ExportFixture) -> None:
    content = build(export_data)
    canteens = task(content, "A02-T001")
    draft = canteens.units[1]
    assert (draft.unit, draft.included, draft.review_label) == ("北下街街道", False, "草稿，未纳入")
    assert draft.narrative == "" and draft.figures == ()
    assert "草稿：尚未审核的内容" not in content.canonical_bytes().decode("utf-8")
    assert canteens.narrative == '【区教育局（牵头）】=HYPERLINK("http://example.invalid","点我")'
    lectures = task(content, "A01-T001")
    assert lectures.narrative.splitlines() == ["【区卫健委（牵头）】开展健康科普讲座12场，覆盖居民3000人次。",
                                               "【北下街街道（配合）】辖区讲座4场。"]
    assert lectures.problems == "【区卫健委（牵头）】部分社区场地不足。"  # the co-unit wrote none
    assert {figure.name: figure.text for figure in lectures.figures} == {"讲座场次": "12场", "覆盖人数": "3420人"}
    assert lectures.status_label == "推进中"  # done + in progress


def test_a_part_sent_back_for_changes_leaves_the_answer(export_data: ExportFixture) -> None:
    with export_data.workspace.database.unit_of_work() as session:
        report = session.scalars(select(ProgressReportRecord).join(AssignmentRecord).join(UnitRecord)
                                 .where(UnitRecord.name == "北下街街道", AssignmentRecord.role == "co")
                                 .join(TaskRecord, AssignmentRecord.task_id == TaskRecord.id)
                                 .where(TaskRecord.code == "A01-T001")).one()
        report.review_state = "returned"
    lectures = task(build(export_data), "A01-T001")
    assert lectures.units[1].review_label == "已退回，未纳入"
    assert "辖区讲座4场" not in lectures.narrative
    assert {figure.name: figure.text for figure in lectures.figures}["覆盖人数"] == "3000人"


def test_evidence_is_numbered_in_task_order_and_packaged_under_unique_names(export_data: ExportFixture) -> None:
    content = build(export_data)
    numbers = [(item.number, item.task_code, item.unit, item.title) for item in content.evidence]
    assert numbers == [("E001", "A01-T001", "区卫健委", "健康讲座现场照片"),
                       ("E002", "A01-T001", "区卫健委", "关于开展健康科普讲座的通知"),
                       ("E003", "A02-T001", "区教育局", "食堂检查照片")]
    notice = content.evidence[1]
    assert notice.doc_number == "管卫健〔2025〕3号" and notice.event_date == "2025-03-01"
    assert [file.name for file in notice.files] == ["讲座通知.pdf", "工作方案.docx"]
    paths = [file.package_path for file in content.evidence_files]
    assert len(paths) == 5 and len({path.casefold() for path in paths}) == 5
    assert all(path.startswith("佐证材料/E00") for path in paths)
    photo = content.evidence[0].files[0]
    original = export_data.files["photo"].read_bytes()
    assert photo.size == len(original) and photo.media_type == "image/jpeg" and photo.taken_on == "2025-05-10"


def test_evidence_of_a_part_that_is_not_approved_is_left_out(export_data: ExportFixture) -> None:
    with export_data.workspace.database.unit_of_work() as session:
        draft = session.scalars(select(ProgressReportRecord).where(ProgressReportRecord.review_state == "draft")).one()
        attachment = session.scalars(select(AttachmentRecord)).first()
        evidence = EvidenceRecord(report_id=draft.id, kind="photo", title="草稿里的照片", created_by="tester",
                                  created_at="2025-06-01T08:00:00+08:00")
        session.add(evidence)
        session.flush()
        session.add(EvidenceFileRecord(evidence_id=evidence.id, attachment_id=attachment.id, file_name="草稿.jpg",
                                       sort_order=0, added_at="2025-06-01T08:00:00+08:00"))
    content = build(export_data)
    assert "草稿里的照片" not in [item.title for item in content.evidence]
    assert [item.number for item in content.evidence] == ["E001", "E002", "E003"]


def test_indicators_carry_value_verdict_and_reason_for_the_latest_year(export_data: ExportFixture) -> None:
    content = build(export_data)
    assert content.period.year == 2025
    literacy, experts = content.indicators
    assert (literacy.code, literacy.value_text, literacy.verdict, literacy.verdict_label) == \
        ("I001", "28.5", "on_track", "进度正常")
    assert "26.99%" in literacy.reason and literacy.as_of == "2025-05-31" and literacy.source == "区卫健委统计"
    assert (experts.verdict, experts.verdict_label) == ("needs_judgement", "需人工判断") and experts.reason
    counts = {item.label: item.count for item in content.summary.verdict_counts}
    assert counts["进度正常"] == 1 and counts["需人工判断"] == 1 and sum(counts.values()) == 2


def test_an_indicator_without_a_value_is_counted_as_not_reported_in_summary_and_letter(
        export_data: ExportFixture) -> None:
    with export_data.workspace.database.unit_of_work() as session:
        experts = session.scalars(select(IndicatorRecord).where(IndicatorRecord.code == "I002")).one()
        session.execute(delete(IndicatorValueRecord).where(IndicatorValueRecord.indicator_id == experts.id))
    content = build(export_data)
    counts = {item.label: item.count for item in content.summary.verdict_counts}
    assert counts["未填报"] == 1 and counts["需人工判断"] == 0
    letter = "".join(content.cover.paragraphs)
    assert "未填报1项" in letter and "需人工判断" not in letter


def test_the_summary_counts_what_the_office_expected_and_approved(export_data: ExportFixture) -> None:
    summary = build(export_data).summary
    assert (summary.total.expected, summary.total.reported, summary.total.approved) == (4, 4, 3)
    assert [(line.key, line.approved) for line in summary.by_unit] == [("区卫健委", 1), ("北下街街道", 1),
                                                                       ("区教育局", 1)]
    assert (summary.task_count, summary.evidence_count, summary.file_count) == (2, 3, 5)
    assert summary.changed_after_lock == 1 and summary.as_of == "2025-06-14" and summary.overdue == ()


def test_overdue_parts_are_listed_as_of_the_export_day(export_data: ExportFixture) -> None:
    with export_data.workspace.database.unit_of_work() as session:
        session.delete(session.scalars(select(ProgressReportRecord)
                                       .where(ProgressReportRecord.review_state == "draft")).one())
    summary = build(export_data, now=EXPORT_TIME.replace(month=7, day=1)).summary
    assert [(item.task_code, item.unit) for item in summary.overdue] == [("A02-T001", "北下街街道")]
    assert summary.total.overdue == 1 and summary.as_of == "2025-07-01"


def test_the_cover_letter_names_number_addressee_and_certificate(export_data: ExportFixture) -> None:
    identity = unlock_identity(export_data.workspace.identity_dir, "区卫健委签章口令").info.fingerprint_sha256
    cover = build(export_data, signer_fingerprint=identity).cover
    assert cover.doc_number == FULL_DOC_NUMBER
    assert cover.authority == cover.issuer == "管城回族区卫生健康委员会"
    assert cover.title == "关于报送管城回族区2025年上半年健康郑州行动工作进展情况的函"
    assert cover.addressee == "郑州市健康郑州行动推进委员会办公室" and cover.date_text == "2025年6月14日"
    letter = "".join(cover.paragraphs)
    assert "（郑健推〔2020〕1号）" in letter and "承担县区任务2项" in letter and "审核通过3项" in letter
    assert identity.upper() in letter.replace(" ", "")
    assert len(cover.attachments) == 4


@pytest.mark.parametrize("given, expected", [
    ("12", "管卫健〔2025〕12号"), ("012", "管卫健〔2025〕12号"), ("12号", "管卫健〔2025〕12号"),
    ("管卫健[2025]7号", "管卫健〔2025〕7号"), ("管卫健（2025）8号", "管卫健〔2025〕8号"),
    ("管卫健〔2025〕第009号", "管卫健〔2025〕9号"), ("", ""), (None, ""),
])
def test_the_document_number_is_written_the_gbt_9704_way(export_data: ExportFixture, given, expected) -> None:  # type: ignore[no-untyped-def]
    assert build(export_data, doc_number=given).cover.doc_number == expected


def test_an_unreadable_document_number_is_refused(export_data: ExportFixture) -> None:
    with pytest.raises(UserError) as refused:
        build(export_data, doc_number="第十二号")
    assert refused.value.code == "export_doc_number_invalid"


@pytest.mark.parametrize("given", ["管卫健〔2025〕", "管卫健[2025]", "〔2025〕12号", "管卫健〔2025〕十二号"])
def test_a_document_number_missing_its_serial_or_issuer_is_refused_not_printed(export_data: ExportFixture,
                                                                             given: str) -> None:
    """The clerk typed the prefix and year and forgot the serial: the letter went out headed 管卫健〔2025〕."""
    with pytest.raises(UserError) as refused:
        build(export_data, doc_number=given)
    assert refused.value.code == "export_doc_number_invalid"


def test_a_bare_serial_needs_the_offices_prefix(export_data: ExportFixture) -> None:
    from hpdesk.services.workspace import OfficeChanges, update_office_profile

    update_office_profile(export_data.workspace, OfficeChanges(doc_prefix=""))
    with pytest.raises(UserError) as refused:
        build(export_data, doc_number="12")
    assert refused.value.code == "export_doc_prefix_missing"
    # The example is the clerk's own number in the export's year, never another county's 机关代字 (管卫健).
    assert "机关代字〔2025〕12号" in refused.value.message("zh") and "管卫健" not in refused.value.message("zh")
    assert build(export_data, doc_number="管卫健〔2025〕12号").cover.doc_number == "管卫健〔2025〕12号"


def test_an_unknown_period_is_a_user_error(export_data: ExportFixture) -> None:
    with pytest.raises(UserError) as refused:
        build_packet_content(export_data.workspace, "2031H1", now=EXPORT_TIME)
    assert refused.value.code == "period_unknown" and "2031H1" in refused.value.message("zh")


def test_content_round_trips_through_json_unchanged(export_data: ExportFixture) -> None:
    content = build(export_data)
    assert PacketContent.from_json(content.to_json()) == content
    through_text = PacketContent.from_json(json.loads(content.canonical_bytes()))
    assert through_text == content
    assert through_text.canonical_bytes() == content.canonical_bytes()
    assert through_text.fingerprint == content.fingerprint
    assert len(content.fingerprint.replace(" ", "")) == 16 and content.sha256.upper().startswith(
        content.fingerprint.replace(" ", ""))


def test_building_twice_gives_the_same_bytes(export_data: ExportFixture) -> None:
    assert build(export_data).canonical_bytes() == build(export_data).canonical_bytes()


@pytest.mark.parametrize("damage", [
    lambda data: {**data, "format": "something-else"},
    lambda data: {**data, "format_version": 99},
    lambda data: {key: value for key, value in data.items() if key != "office"},
    lambda data: {**data, "tasks": "not a list"},
    lambda data: {**data, "summary": {**data["summary"], "task_count": "2"}},
    lambda data: [],
])
def test_from_json_refuses_what_is_not_a_content_snapshot(export_data: ExportFixture, damage) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        PacketContent.from_json(damage(build(export_data).to_json()))


def test_reading_the_workspace_changes_nothing(export_data: ExportFixture) -> None:
    build(export_data)
    with export_data.workspace.database.read_only() as session:
        assert session.scalars(select(ReportingPeriodRecord.state)).one() == "open"


def test_the_period_year_follows_the_latest_values(export_data: ExportFixture) -> None:
    content = build(export_data)
    assert date.fromisoformat(content.period.end).year == content.period.year == 2025
