"""Exporting records what was sent and freezes the period; the same submission can be reproduced; an export that
is cancelled or fails leaves no file and no record."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import member_name, read_members
from export_fixture import EXPORT_TIME, PASSPHRASE, PERIOD, ExportFixture
from openpyxl import load_workbook
from sqlalchemy import select

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.domain.messages import Message
from hpdesk.services.exporting import submission
from hpdesk.services.exporting.submission import export_submission
from hpdesk.services.exporting.verification import verify_package
from hpdesk.services.progress import CancelToken
from recording_progress import RecordingProgress
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import (
    AuditEventRecord, ProgressReportRecord, ReportingPeriodRecord, SubmissionRecord,
)
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS

TIMESTAMPS = (("generated_at",), ("summary", "as_of"), ("cover", "date_text"), ("sign_off", "date_text"))


def period_state(workspace: Workspace) -> str:
    with workspace.database.read_only() as session:
        return session.scalars(select(ReportingPeriodRecord.state)
                               .where(ReportingPeriodRecord.label == PERIOD)).one()


def records(workspace: Workspace) -> list[SubmissionRecord]:
    with workspace.database.read_only() as session:
        found = session.scalars(select(SubmissionRecord).order_by(SubmissionRecord.sequence)).all()
        session.expunge_all()
        return list(found)


def without_timestamps(data: bytes) -> dict:  # type: ignore[type-arg]
    content = json.loads(data)
    for path in TIMESTAMPS:
        holder = content
        for key in path[:-1]:
            holder = holder[key]
        holder.pop(path[-1])
    return content


def sheets(xlsx: bytes, tmp_path: Path, name: str) -> list[list[list[object]]]:
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(xlsx)
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in load_workbook(path).worksheets]


def nothing_written(folder: Path) -> bool:
    return not folder.exists() or list(folder.iterdir()) == []


def test_export_records_the_hashes_of_what_it_wrote_and_locks_the_period(export_data: ExportFixture,
                                                                         tmp_path: Path) -> None:
    workspace = export_data.workspace
    assert period_state(workspace) == "open"
    result = export_submission(workspace, PERIOD, tmp_path / "out", PASSPHRASE, "12", now=EXPORT_TIME)
    assert result.period_locked and period_state(workspace) == "locked"
    (record,) = records(workspace)
    members = read_members(result.package_path)
    assert record.id == result.submission_id and record.sequence == result.sequence == 1
    assert record.package_name == result.package_path.name == "区卫健委-2025H1-报送包-1.zip"
    assert record.package_sha256 == hashlib.sha256(result.package_path.read_bytes()).hexdigest()
    assert record.manifest_sha256 == hashlib.sha256(members["manifest.json"]).hexdigest()
    assert record.pdf_sha256 == hashlib.sha256(members[member_name(members, ".pdf")]).hexdigest()
    assert record.xlsx_sha256 == hashlib.sha256(members[member_name(members, ".xlsx")]).hexdigest()
    assert record.content_sha256 == hashlib.sha256(members["data.json"]).hexdigest() == result.content_sha256
    assert json.loads(members["data.json"]) == record.snapshot  # the period as it was sent
    assert record.doc_number == "管卫健〔2025〕12号" and record.signer_fingerprint == result.signer_fingerprint
    with workspace.database.read_only() as session:
        actions = session.scalars(select(AuditEventRecord.action).order_by(AuditEventRecord.id)).all()
    assert actions[-2:] == ["export", "lock"]


def test_reissue_reproduces_the_same_data_and_fingerprint_even_after_later_changes(export_data: ExportFixture,
                                                                                   trusted, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = export_data.workspace
    first = export_submission(workspace, PERIOD, tmp_path / "a", PASSPHRASE, "12", now=EXPORT_TIME)
    with workspace.database.unit_of_work() as session:  # a change after the period was sent
        report = session.scalars(select(ProgressReportRecord)
                                 .where(ProgressReportRecord.narrative.startswith("开展"))).one()
        report.narrative, report.changed_after_lock = "开展健康科普讲座13场。", True
    again = export_submission(workspace, PERIOD, tmp_path / "b", PASSPHRASE, reissue=True,
                              now=EXPORT_TIME + timedelta(days=30))
    assert (again.sequence, again.period_locked) == (2, False)
    assert again.fingerprint == first.fingerprint and again.content_sha256 == first.content_sha256
    old, new = read_members(first.package_path), read_members(again.package_path)
    assert old["data.json"] == new["data.json"]
    assert sheets(old["2025H1-报送表.xlsx"], tmp_path, "old") == sheets(new["2025H1-报送表.xlsx"], tmp_path, "new")
    manifest = json.loads(new["manifest.json"])
    assert manifest["reissue"] is True and manifest["sequence"] == 2
    assert verify_package(again.package_path, trusted).ok
    latest = export_submission(workspace, PERIOD, tmp_path / "c", PASSPHRASE, now=EXPORT_TIME)
    assert latest.content_sha256 != first.content_sha256  # a fresh export shows the change


def test_exporting_the_locked_unchanged_period_again_gives_the_same_content_apart_from_timestamps(
        export_data: ExportFixture, tmp_path: Path) -> None:
    workspace = export_data.workspace
    first = export_submission(workspace, PERIOD, tmp_path / "a", PASSPHRASE, "12", now=EXPORT_TIME)
    second = export_submission(workspace, PERIOD, tmp_path / "b", PASSPHRASE, "12", now=EXPORT_TIME + timedelta(days=3))
    assert second.sequence == 2 and not second.period_locked and period_state(workspace) == "locked"
    old, new = read_members(first.package_path), read_members(second.package_path)
    assert without_timestamps(old["data.json"]) == without_timestamps(new["data.json"])
    assert set(old) == set(new)
    assert all(old[name] == new[name] for name in old if name.startswith("佐证材料/"))

    def comparable(rows: list[list[list[object]]]) -> list[list[list[object]]]:
        return [[row for row in sheet if row[0] not in ("生成时间", "材料指纹")] for sheet in rows]

    assert comparable(sheets(old["2025H1-报送表.xlsx"], tmp_path, "old")) == \
        comparable(sheets(new["2025H1-报送表.xlsx"], tmp_path, "new"))
    same_moment = export_submission(workspace, PERIOD, tmp_path / "c", PASSPHRASE, "12", now=EXPORT_TIME)
    assert read_members(same_moment.package_path)["data.json"] == old["data.json"]
    assert same_moment.fingerprint == first.fingerprint


def test_reissue_needs_an_earlier_submission(export_data: ExportFixture, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        export_submission(export_data.workspace, PERIOD, tmp_path / "out", PASSPHRASE, reissue=True)
    assert refused.value.code == "export_nothing_to_reissue" and nothing_written(tmp_path / "out")


def _chinese(message: Message | None) -> str:
    return message.text("zh") if message is not None else ""


class CancelWhen:
    """A progress sink that presses Cancel when a message starts with `prefix`."""

    def __init__(self, prefix: str, token: CancelToken) -> None:
        self.prefix, self.token, self.seen = prefix, token, RecordingProgress()

    def update(self, done: int, total: int, message: Message | None = None) -> None:
        self.seen.update(done, total, message)
        if _chinese(message).startswith(self.prefix):
            self.token.cancel()


@pytest.mark.parametrize("moment", ["生成报送表", "处理佐证材料", "排版报送材料", "签署报送材料", "data.json",
                                    "佐证材料/E002"])
def test_cancel_leaves_no_file_and_no_record(export_data: ExportFixture, tmp_path: Path, moment: str) -> None:
    workspace, token = export_data.workspace, CancelToken()
    sink = CancelWhen(moment, token)
    with pytest.raises(OperationCancelled):
        export_submission(workspace, PERIOD, tmp_path / "out", PASSPHRASE, "12", sink, token, now=EXPORT_TIME)
    assert token.cancelled and any(_chinese(message).startswith(moment) for _d, _t, message in sink.seen.updates)
    assert nothing_written(tmp_path / "out")
    assert records(workspace) == [] and period_state(workspace) == "open"


def test_a_failure_while_recording_removes_the_package(export_data: ExportFixture, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    workspace = export_data.workspace

    def broken(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(submission, "record_event", broken)
    with pytest.raises(RuntimeError):
        export_submission(workspace, PERIOD, tmp_path / "out", PASSPHRASE, "12", now=EXPORT_TIME)
    assert nothing_written(tmp_path / "out")
    assert records(workspace) == [] and period_state(workspace) == "open"


def test_a_wrong_passphrase_writes_nothing(export_data: ExportFixture, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        export_submission(export_data.workspace, PERIOD, tmp_path / "out", "不是这个口令", now=EXPORT_TIME)
    assert refused.value.code == "identity_wrong_passphrase"
    assert nothing_written(tmp_path / "out") and records(export_data.workspace) == []


def _stored_photo(export_data: ExportFixture) -> Path:
    sha256 = hashlib.sha256(export_data.files["photo"].read_bytes()).hexdigest()
    return export_data.workspace.attachments.path_for(sha256)


def test_a_damaged_stored_evidence_file_stops_the_export(export_data: ExportFixture, tmp_path: Path) -> None:
    stored = _stored_photo(export_data)
    stored.chmod(0o644)
    data = stored.read_bytes()
    stored.write_bytes(data[:-100] + bytes(100))
    with pytest.raises(UserError) as refused:
        export_submission(export_data.workspace, PERIOD, tmp_path / "out", PASSPHRASE, now=EXPORT_TIME)
    assert refused.value.code == "export_evidence_changed" and "讲座现场.jpg" in refused.value.message("zh")
    assert nothing_written(tmp_path / "out") and records(export_data.workspace) == []


def test_a_missing_stored_evidence_file_stops_the_export(export_data: ExportFixture, tmp_path: Path) -> None:
    stored = _stored_photo(export_data)
    stored.chmod(0o644)
    stored.unlink()
    with pytest.raises(UserError) as refused:
        export_submission(export_data.workspace, PERIOD, tmp_path / "out", PASSPHRASE, now=EXPORT_TIME)
    assert refused.value.code == "export_evidence_missing" and "讲座现场.jpg" in refused.value.message("zh")
    assert nothing_written(tmp_path / "out") and records(export_data.workspace) == []


def test_progress_is_reported_through_every_step(export_data: ExportFixture, tmp_path: Path) -> None:
    progress = RecordingProgress()
    export_submission(export_data.workspace, PERIOD, tmp_path / "out", PASSPHRASE, None, progress, None,
                      now=EXPORT_TIME)
    messages = [_chinese(message) for _done, _total, message in progress.updates]
    for step in ("汇总本期数据", "生成报送表", "处理佐证材料", "排版报送材料", "签署报送材料", "data.json"):
        assert any(message.startswith(step) for message in messages), step
    assert all(0 <= done <= total for done, total, _message in progress.updates if total)


def test_the_files_are_named_with_the_stored_label_whatever_case_was_typed(export_data: ExportFixture,
                                                                          tmp_path: Path) -> None:
    result = export_submission(export_data.workspace, "2025h1", tmp_path / "out", PASSPHRASE, now=EXPORT_TIME)
    assert result.package_path.name == "区卫健委-2025H1-报送包-1.zip"
    assert {"2025H1-报送表.xlsx", "2025H1-报送材料.pdf"} <= set(result.files)


def test_a_package_already_in_the_folder_is_never_overwritten(export_data: ExportFixture, tmp_path: Path) -> None:
    earlier = tmp_path / "out" / "区卫健委-2025H1-报送包-1.zip"
    earlier.parent.mkdir()
    earlier.write_bytes(b"sent last year from a workspace since restored from a backup")
    result = export_submission(export_data.workspace, PERIOD, tmp_path / "out", PASSPHRASE, now=EXPORT_TIME)
    assert result.package_path.name == "区卫健委-2025H1-报送包-1 (2).zip"
    assert earlier.read_bytes().startswith(b"sent last year")
    (record,) = records(export_data.workspace)
    assert record.package_name == result.package_path.name


def test_reissue_is_refused_once_the_signing_certificate_has_changed(export_data: ExportFixture,
                                                                     tmp_path: Path) -> None:
    from hpdesk.services.identity import create_identity

    workspace = export_data.workspace
    export_submission(workspace, PERIOD, tmp_path / "a", PASSPHRASE, now=EXPORT_TIME)
    create_identity(workspace.identity_dir, "管城回族区卫生健康委员会", "新证书的签章口令", replace=True)
    with pytest.raises(UserError) as refused:
        export_submission(workspace, PERIOD, tmp_path / "b", "新证书的签章口令", reissue=True)
    assert refused.value.code == "export_reissue_other_signer" and nothing_written(tmp_path / "b")
    fresh = export_submission(workspace, PERIOD, tmp_path / "c", "新证书的签章口令", now=EXPORT_TIME)
    assert fresh.sequence == 2
