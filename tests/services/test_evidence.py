"""Evidence for a report: files kept once, photo dates, wrong types, vanished files, cancel, locked periods, edits,
removal and pruning — and that a refused or failed add leaves no blob, no row and no partial file behind."""

from __future__ import annotations

import stat
import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from evidence_world import (
    REPORT_KEY, SeededReport, blob_files, make_noise, make_pdf, make_photo, seed_report, set_period_state,
)
from sqlalchemy import func, select
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.domain.messages import Message
from hpdesk.services import evidence as evidence_service
from hpdesk.services.evidence import (
    PROGRESS_SAVING, EvidenceResult, add_evidence, get_evidence, list_evidence, open_attachment_path,
    prune_unreferenced_blobs, remove_evidence, update_evidence,
)
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.progress import CancelToken
from recording_progress import RecordingProgress
from hpdesk.services.thumbnails import thumbnail_file
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    AttachmentRecord, AuditEventRecord, EvidenceFileRecord, EvidenceRecord, ProgressReportRecord, SubmissionRecord,
)

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

MAY_10 = datetime(2025, 5, 10, 9, 30)


@pytest.fixture
def seeded(workspace: Workspace) -> SeededReport:
    return seed_report(workspace)


def _add(workspace: Workspace, seeded: SeededReport, files: list[Path], kind: str = "photo", **options):  # type: ignore[no-untyped-def]
    return add_evidence(workspace, seeded.report_id, kind=kind, title="健康讲座现场", files=files,
                        event_date=date(2025, 5, 10), **options)


def _count(workspace: Workspace, record: type) -> int:
    with workspace.database.read_only() as session:
        return session.scalar(select(func.count()).select_from(record)) or 0


def _update(workspace: Workspace, evidence_id: int, reason: str = "", **changes: object) -> EvidenceResult:
    """update_evidence as the editor calls it: every field, the ones not in `changes` as they are stored."""
    item = get_evidence(workspace, evidence_id)
    fields = {"kind": item.kind, "title": item.title, "event_date": item.event_date, "doc_number": item.doc_number,
              "description": item.description}
    return update_evidence(workspace, evidence_id, reason=reason, **(fields | changes))


def _nothing_written(workspace: Workspace) -> None:
    assert blob_files(workspace) == []
    for record in (EvidenceRecord, EvidenceFileRecord, AttachmentRecord):
        assert _count(workspace, record) == 0, record.__name__


def test_a_photo_is_stored_once_with_its_own_date_and_a_thumbnail(workspace: Workspace, seeded: SeededReport,
                                                                   tmp_path: Path) -> None:
    photo = make_photo(tmp_path / "讲座.jpg", MAY_10)
    first = _add(workspace, seeded, [photo], doc_number="管卫健[2025]12号")
    second = _add(workspace, seeded, [photo])
    file = first.evidence.files[0]
    assert (file.file_name, file.media_type, file.size) == ("讲座.jpg", "image/jpeg", photo.stat().st_size)
    assert file.taken_on == date(2025, 5, 10) and first.notices == ()
    assert file.thumbnail is not None and file.thumbnail.is_file()
    assert first.evidence.doc_number == "管卫健〔2025〕12号" and first.evidence.kind_label == "照片"
    assert second.evidence.files[0].sha256 == file.sha256
    assert _count(workspace, AttachmentRecord) == 1 and len(blob_files(workspace)) == 1
    assert check_workspace(workspace).sound


def test_the_report_can_be_named_by_task_unit_and_period_and_is_created_with_the_evidence(
        workspace: Workspace, tmp_path: Path) -> None:
    seed_report(workspace, with_report=False)
    result = add_evidence(workspace, REPORT_KEY, kind="会议纪要", title="专题会议",
                          files=[make_pdf(tmp_path / "纪要.pdf")])
    assert result.evidence.kind == "minutes" and _count(workspace, ProgressReportRecord) == 1
    assert [item.id for item in list_evidence(workspace, REPORT_KEY)] == [result.evidence.id]
    assert list_evidence(workspace, result.evidence.report_id)[0].files[0].thumbnail is None  # a PDF


def test_a_failed_add_does_not_leave_a_report_created_for_it(workspace: Workspace, tmp_path: Path) -> None:
    seed_report(workspace, with_report=False)
    with pytest.raises(UserError) as refused:
        add_evidence(workspace, REPORT_KEY, kind="photo", title="x",
                     files=[make_pdf(tmp_path / "x.jpg")])
    assert refused.value.code == "evidence_not_an_image" and "x.jpg" in refused.value.message("zh")
    assert _count(workspace, ProgressReportRecord) == 0
    assert list_evidence(workspace, REPORT_KEY) == []


def test_a_photo_taken_outside_the_period_is_kept_with_a_warning(workspace: Workspace, seeded: SeededReport,
                                                                 tmp_path: Path) -> None:
    result = _add(workspace, seeded, [make_photo(tmp_path / "去年.jpg", datetime(2024, 11, 2, 10, 0))])
    assert [n.code for n in result.notices] == ["notice_photo_outside_period"]
    warning = result.notices[0].text("zh")
    assert len(result.notices) == 1 and "2024-11-02" in warning and "去年.jpg" in warning
    assert result.evidence.files[0].taken_on == date(2024, 11, 2)
    with workspace.database.read_only() as session:
        assert session.scalar(select(EvidenceFileRecord.taken_on)) == date(2024, 11, 2)


def test_an_event_dated_after_the_period_gets_a_warning(workspace: Workspace, seeded: SeededReport) -> None:
    result = add_evidence(workspace, seeded.report_id, kind="media", title="报道", event_date=date(2025, 8, 1))
    assert [n.code for n in result.notices] == ["notice_event_after_period"]
    assert result.evidence.files == ()  # evidence without files is allowed (a report seen in the paper)


def test_a_non_image_named_jpg_is_refused_as_a_photo_and_nothing_is_written(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    fake = make_pdf(tmp_path / "现场照片.jpg")
    with pytest.raises(UserError) as refused:
        _add(workspace, seeded, [make_photo(tmp_path / "ok.jpg", MAY_10), fake])
    assert refused.value.code == "evidence_not_an_image" and "现场照片.jpg" in refused.value.message("zh")
    _nothing_written(workspace)


def test_a_non_image_named_jpg_is_stored_as_what_it_is_for_other_kinds(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    result = _add(workspace, seeded, [make_pdf(tmp_path / "纪要.jpg")], kind="minutes")
    file = result.evidence.files[0]
    assert (file.file_name, file.media_type, file.thumbnail) == ("纪要.jpg", "application/pdf", None)
    assert [n.code for n in result.notices] == ["notice_type_differs"]


def test_a_file_that_vanishes_before_its_turn_leaves_nothing_behind(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    first, second = make_photo(tmp_path / "一.jpg", MAY_10), make_photo(tmp_path / "二.jpg", MAY_10, colour="red")

    class PullsTheStick:
        def update(self, done: int, total: int, message: Message | None = None) -> None:
            if message == Message.of("progress_file", file="二.jpg"):
                second.unlink(missing_ok=True)

    with pytest.raises(UserError) as refused:
        _add(workspace, seeded, [first, second], progress=PullsTheStick())
    assert refused.value.code == "evidence_file_vanished" and "二.jpg" in refused.value.message("zh")
    _nothing_written(workspace)


def test_missing_files_are_refused_before_anything_is_copied(workspace: Workspace, seeded: SeededReport,
                                                             tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        _add(workspace, seeded, [make_photo(tmp_path / "a.jpg", MAY_10), tmp_path / "拔掉的U盘.jpg"])
    assert refused.value.code == "evidence_file_missing"
    _nothing_written(workspace)


def test_the_size_limit_is_a_parameter_and_a_sparse_2_gb_file_is_refused_unread(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    huge = tmp_path / "扫描件.pdf"
    with open(huge, "wb") as stream:
        stream.truncate(2 * 1024 ** 3)
    with pytest.raises(UserError) as refused:
        _add(workspace, seeded, [huge], kind="document")
    assert refused.value.code == "evidence_file_too_large"
    with pytest.raises(UserError) as refused:
        _add(workspace, seeded, [make_noise(tmp_path / "a.bin", 4096)], kind="other", max_bytes=4095)
    assert refused.value.code == "evidence_file_too_large" and "a.bin" in refused.value.message("zh")
    _nothing_written(workspace)
    assert _add(workspace, seeded, [tmp_path / "a.bin"], kind="other", max_bytes=4096).evidence.files


def test_cancel_between_files_removes_what_was_copied(workspace: Workspace, seeded: SeededReport,
                                                      tmp_path: Path) -> None:
    token = CancelToken()

    class CancelAtSecondFile:
        def update(self, done: int, total: int, message: Message | None = None) -> None:
            if message == Message.of("progress_file", file="b.pdf"):
                token.cancel()

    with pytest.raises(OperationCancelled):
        _add(workspace, seeded, [make_pdf(tmp_path / "a.pdf"), make_pdf(tmp_path / "b.pdf", "other")],
             kind="document", progress=CancelAtSecondFile(), cancel=token)
    _nothing_written(workspace)


def test_a_database_failure_after_the_blobs_were_written_removes_those_blobs(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_audit(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(evidence_service, "record_event", broken_audit)
    with pytest.raises(RuntimeError):
        _add(workspace, seeded, [make_photo(tmp_path / "a.jpg", MAY_10)])
    _nothing_written(workspace)


def test_a_failed_add_keeps_blobs_that_other_evidence_already_uses(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    shared = make_photo(tmp_path / "shared.jpg", MAY_10)
    _add(workspace, seeded, [shared])
    with pytest.raises(UserError) as refused:
        _add(workspace, seeded, [shared, make_pdf(tmp_path / "fake.jpg")])
    assert refused.value.code == "evidence_not_an_image" and "fake.jpg" in refused.value.message("zh")
    assert len(blob_files(workspace)) == 1 and check_workspace(workspace).sound


def test_progress_counts_bytes_and_ends_with_saving(workspace: Workspace, seeded: SeededReport,
                                                    tmp_path: Path) -> None:
    files = [make_noise(tmp_path / "a.bin", 3 * 1024 * 1024), make_pdf(tmp_path / "b.pdf")]
    progress = RecordingProgress()
    _add(workspace, seeded, files, kind="other", progress=progress)
    total = sum(f.stat().st_size for f in files)
    assert {u[1] for u in progress.updates} == {total}
    assert [u[0] for u in progress.updates] == sorted(u[0] for u in progress.updates)
    assert progress.updates[-1] == (total, total, Message.of(PROGRESS_SAVING))
    assert any(0 < u[0] < 3 * 1024 * 1024 for u in progress.updates)  # within the first file


def test_the_same_content_twice_in_one_add_is_linked_once_with_a_notice(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    photo = make_photo(tmp_path / "讲座.jpg", MAY_10)
    copy = tmp_path / "讲座 - 副本.jpg"
    copy.write_bytes(photo.read_bytes())
    result = _add(workspace, seeded, [photo, copy])
    assert [f.file_name for f in result.evidence.files] == ["讲座.jpg"]
    assert [n.code for n in result.notices] == ["notice_duplicate_file"]


def test_odd_names_are_kept_verbatim_and_made_safe_for_export(workspace: Workspace, seeded: SeededReport,
                                                              tmp_path: Path) -> None:
    names = ["会议纪要😀 CON .pdf", "CON.pdf", "签到表. . .pdf", "关于开展健康知识进社区系列讲座活动的情况" * 4 + ".pdf"]
    files = [make_pdf(tmp_path / name, name) for name in names]
    result = _add(workspace, seeded, files, kind="minutes")
    assert [f.file_name for f in result.evidence.files] == names
    safe = [f.safe_name for f in result.evidence.files]
    assert safe[0] == names[0] and safe[1] == "_CON.pdf" and safe[2] == "签到表. . .pdf"
    assert safe[3].endswith("….pdf") and len(safe[3]) <= 120
    assert [n.code for n in result.notices] == ["notice_name_adjusted"] * 2


def test_a_locked_period_refuses_evidence_without_a_reason_before_copying(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    set_period_state(workspace, "locked")
    photo = make_photo(tmp_path / "a.jpg", MAY_10)
    with pytest.raises(UserError) as refused:
        _add(workspace, seeded, [photo])
    assert refused.value.code == "period_locked"
    _nothing_written(workspace)
    result = _add(workspace, seeded, [photo], reason="补充遗漏的照片")
    with workspace.database.read_only() as session:
        event = session.scalars(select(AuditEventRecord).where(AuditEventRecord.entity_type == "evidence")).one()
        assert event.reason == "补充遗漏的照片" and "锁定后" in event.summary
        assert session.get_one(ProgressReportRecord, seeded.report_id).changed_after_lock
    for change in (lambda: _update(workspace, result.evidence.id, title="新标题"),
                   lambda: remove_evidence(workspace, result.evidence.id)):
        with pytest.raises(UserError) as refused:
            change()
        assert refused.value.code == "period_locked"
    _update(workspace, result.evidence.id, title="新标题", reason="标题写错")
    remove_evidence(workspace, result.evidence.id, reason="重复上传")
    assert check_workspace(workspace).sound


def test_updating_changes_the_fields_given_and_records_before_and_after(
        workspace: Workspace, seeded: SeededReport) -> None:
    added = add_evidence(workspace, seeded.report_id, kind="document", title="实施方案", event_date=date(2025, 3, 1))
    updated = _update(workspace, added.evidence.id, title="健康讲座实施方案", doc_number="管卫健(2025)7号",
                              description="区卫健委印发")
    item = updated.evidence
    assert (item.title, item.doc_number, item.description, item.event_date) == (
        "健康讲座实施方案", "管卫健〔2025〕7号", "区卫健委印发", date(2025, 3, 1))
    assert _update(workspace, added.evidence.id, event_date=None).evidence.event_date is None
    late = _update(workspace, added.evidence.id, event_date=date(2025, 9, 1))
    assert [n.code for n in late.notices] == ["notice_event_after_period"]
    with workspace.database.read_only() as session:
        events = [(e.before, e.after) for e in session.scalars(
            select(AuditEventRecord).where(AuditEventRecord.action == "update").order_by(AuditEventRecord.id))]
    assert events[0][0]["title"] == "实施方案" and events[0][1]["title"] == "健康讲座实施方案"
    assert len(events) == 3
    events_before = _count(workspace, AuditEventRecord)
    _update(workspace, added.evidence.id, title="健康讲座实施方案")  # no change, no event
    assert _count(workspace, AuditEventRecord) == events_before


def test_updating_refuses_a_photo_kind_while_a_file_named_jpg_is_not_a_picture(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    added = _add(workspace, seeded, [make_pdf(tmp_path / "纪要.jpg")], kind="minutes")
    with pytest.raises(UserError) as refused:
        _update(workspace, added.evidence.id, kind="photo")
    assert refused.value.code == "evidence_not_an_image"
    with pytest.raises(UserError) as unknown_kind:
        _update(workspace, added.evidence.id, kind="录像")
    assert unknown_kind.value.code == "evidence_kind_invalid" and "照片" in unknown_kind.value.message("zh")


def test_removing_evidence_keeps_blobs_until_an_explicit_prune(workspace: Workspace, seeded: SeededReport,
                                                               tmp_path: Path) -> None:
    shared = make_photo(tmp_path / "shared.jpg", MAY_10)
    only_once = make_photo(tmp_path / "once.jpg", MAY_10, colour="green")
    first = _add(workspace, seeded, [shared, only_once])
    _add(workspace, seeded, [shared])
    remove_evidence(workspace, first.evidence.id)
    assert _count(workspace, EvidenceRecord) == 1 and len(blob_files(workspace)) == 2
    assert check_workspace(workspace).sound
    once_sha = first.evidence.files[1].sha256
    pruned = prune_unreferenced_blobs(workspace)
    assert (pruned.attachments_removed, pruned.blobs_removed) == (1, 1)
    assert pruned.bytes_freed == only_once.stat().st_size
    assert not workspace.attachments.exists(once_sha)
    assert not thumbnail_file(workspace.thumbnails_dir, once_sha).exists()
    assert workspace.attachments.exists(first.evidence.files[0].sha256)
    result = check_workspace(workspace)
    assert result.sound and result.orphaned_blobs == []


def test_prune_removes_orphans_of_an_interrupted_add_but_keeps_what_a_submission_sent(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    orphan = workspace.attachments.add_file(make_noise(tmp_path / "orphan.bin", 1000))
    sent = _add(workspace, seeded, [make_pdf(tmp_path / "sent.pdf")], kind="document")
    sent_sha = sent.evidence.files[0].sha256
    with workspace.database.unit_of_work() as session:
        session.add(SubmissionRecord(period_id=1, created_at=now_iso(), software_version="test", package_name="p.zip",
                                     package_sha256="0" * 64, manifest_sha256="0" * 64,
                                     snapshot={"tasks": [{"evidence": [{"sha256": sent_sha}]}]}))
    remove_evidence(workspace, sent.evidence.id)
    assert check_workspace(workspace).orphaned_blobs == [orphan.sha256]
    pruned = prune_unreferenced_blobs(workspace)
    assert (pruned.attachments_removed, pruned.blobs_removed) == (0, 1)
    assert workspace.attachments.exists(sent_sha) and not workspace.attachments.exists(orphan.sha256)


def test_open_attachment_path_gives_a_read_only_named_copy(workspace: Workspace, seeded: SeededReport,
                                                           tmp_path: Path) -> None:
    result = _add(workspace, seeded, [make_pdf(tmp_path / "纪要.jpg"), make_photo(tmp_path / "CON.jpg", MAY_10)],
                  kind="minutes")
    pdf, photo = result.evidence.files
    opened = open_attachment_path(workspace, pdf.sha256)
    assert opened.name == "纪要.jpg.pdf" and opened.read_bytes() == (tmp_path / "纪要.jpg").read_bytes()
    assert not opened.stat().st_mode & stat.S_IWUSR
    assert open_attachment_path(workspace, pdf.sha256) == opened
    assert open_attachment_path(workspace, photo.sha256).name == "_CON.jpg"
    with pytest.raises(UserError) as unknown:
        open_attachment_path(workspace, "f" * 64)
    assert unknown.value.code == "attachment_unknown"
    workspace.attachments.remove(photo.sha256)
    with pytest.raises(UserError) as missing:
        open_attachment_path(workspace, photo.sha256, "other.jpg")
    assert missing.value.code == "attachment_missing"


def test_thumbnails_are_made_again_when_the_thumbs_folder_was_deleted(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    result = _add(workspace, seeded, [make_photo(tmp_path / "a.jpg", MAY_10)])
    thumbnail = result.evidence.files[0].thumbnail
    assert thumbnail is not None
    thumbnail.unlink()
    assert get_evidence(workspace, result.evidence.id).files[0].thumbnail is None
    assert list_evidence(workspace, seeded.report_id)[0].files[0].thumbnail == thumbnail and thumbnail.is_file()


def test_clear_refusals_for_bad_input(workspace: Workspace, seeded: SeededReport) -> None:
    for call, code in (
        (lambda: add_evidence(workspace, seeded.report_id, kind="video", title="x"), "evidence_kind_invalid"),
        (lambda: add_evidence(workspace, seeded.report_id, kind="photo", title="  "), "evidence_title_empty"),
        (lambda: add_evidence(workspace, seeded.report_id, kind="photo", title="长" * 301), "evidence_title_too_long"),
        (lambda: add_evidence(workspace, 999, kind="photo", title="x"), "evidence_report_unknown"),
        (lambda: get_evidence(workspace, 999), "evidence_unknown"),
        (lambda: remove_evidence(workspace, 999), "evidence_unknown"),
    ):
        with pytest.raises(UserError) as refused:
            call()
        assert refused.value.code == code
    with pytest.raises(TypeError):
        add_evidence(workspace, seeded.report_id, kind="photo", title="x", files="a.jpg")  # type: ignore[arg-type]


def test_adds_from_several_worker_threads_share_blobs_without_losing_any(
        workspace: Workspace, seeded: SeededReport, tmp_path: Path) -> None:
    shared = make_photo(tmp_path / "shared.jpg", MAY_10)
    own = [make_noise(tmp_path / f"own-{n}.bin", 200_000, seed=n) for n in range(6)]
    errors: list[BaseException] = []

    def add(path: Path) -> None:
        try:
            _add(workspace, seeded, [shared, path], kind="other")
        except BaseException as error:  # collected, so the assertion below names it
            errors.append(error)

    workers = [threading.Thread(target=add, args=(path,)) for path in own]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert _count(workspace, EvidenceRecord) == 6 and len(blob_files(workspace)) == 7
    result = check_workspace(workspace)
    assert result.sound and result.orphaned_blobs == []


@pytest.mark.parametrize("change", ["add", "update", "remove"])
def test_evidence_changed_in_a_locked_period_leaves_the_workspace_sound(
        change: str, workspace: Workspace, tmp_path: Path) -> None:
    """Adding, editing or removing evidence in a locked period (with a reason) flagged the report `changed_after_lock`
    without an event on the report, so `hpdesk check` then failed ("未留记录的报告改动") on a workspace changed only
    through hpdesk. The flag now comes with a report event carrying the reason."""
    from hpdesk.services.reports import ReportChanges, set_report

    seeded = seed_report(workspace, with_report=False)
    report_id = set_report(workspace, *seeded.address, ReportChanges(narrative="开展讲座 3 场")).id
    existing = None if change == "add" else add_evidence(workspace, report_id, kind="document", title="实施方案")
    set_period_state(workspace, "locked")
    if existing is None:
        add_evidence(workspace, report_id, kind="document", title="补充的方案", reason="补充遗漏")
    elif change == "update":
        _update(workspace, existing.evidence.id, title="实施方案（修订）", reason="标题写错")
    else:
        remove_evidence(workspace, existing.evidence.id, reason="重复上传")
    result = check_workspace(workspace)
    assert result.integrity.reports_changed_without_audit == [] and result.sound
    with workspace.database.read_only() as session:
        assert session.get_one(ProgressReportRecord, report_id).changed_after_lock
        event = session.scalars(select(AuditEventRecord).where(AuditEventRecord.entity_type == "report")
                                .order_by(AuditEventRecord.id.desc()).limit(1)).one()
        assert event.after["changed_after_lock"] and event.reason


def test_an_evidence_item_changed_without_an_audit_event_is_noticed(
        workspace: Workspace, seeded: SeededReport) -> None:
    """An evidence title (or kind, date, document number) changed with an SQL tool passed `hpdesk check`: only
    reports were compared with their audit events. A change through hpdesk, with its event, stays sound."""
    from sqlalchemy import text

    added = add_evidence(workspace, seeded.report_id, kind="document", title="实施方案", event_date=date(2025, 3, 1))
    _update(workspace, added.evidence.id, title="实施方案（修订）")
    assert check_workspace(workspace).sound
    with workspace.database.unit_of_work() as session:
        session.execute(text("UPDATE evidence SET title = '伪造的标题' WHERE id = :id"), {"id": added.evidence.id})
    result = check_workspace(workspace)
    assert not result.sound
    assert result.integrity.evidence_changed_without_audit == [added.evidence.id]
