"""Evidence and its files: dedup by SHA-256, photo dates, wrong types, vanished files, locked periods."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from hpdesk.domain.errors import UserError
from hpdesk.domain.evidence import normalise_doc_number, safe_file_name
from hpdesk.services.evidence import add_evidence, list_evidence, remove_evidence
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.periods import create_periods, set_period_state
from hpdesk.services.units import add_unit, assign_task
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import AttachmentRecord, EvidenceRecord


def make_photo(path: Path, taken: datetime | None, colour: str = "orange") -> Path:
    image = Image.new("RGB", (640, 480), colour)
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[36867] = taken.strftime("%Y:%m:%d %H:%M:%S")
    image.save(path, "JPEG", exif=exif)
    return path


@pytest.fixture
def reportable(workspace: Workspace, sample_copy) -> Workspace:  # type: ignore[no-untyped-def]
    apply_import(workspace, analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx")))
    add_unit(workspace, "北下街街道", "street")
    assign_task(workspace, "A01-T001", "北下街街道")
    create_periods(workspace, 2025)
    return workspace


def _add(workspace: Workspace, files: list[Path], kind: str = "photo", **kwargs):  # type: ignore[no-untyped-def]
    return add_evidence(workspace, "A01-T001", "北下街街道", "2025H1", kind=kind, title="健康讲座现场",
                        files=files, event_date=date(2025, 5, 10), **kwargs)


def test_photo_is_stored_once_with_its_date_and_a_thumbnail(reportable: Workspace, tmp_path: Path) -> None:
    photo = make_photo(tmp_path / "讲座.jpg", datetime(2025, 5, 10, 9, 30))
    first = _add(reportable, [photo])
    second = _add(reportable, [photo])
    file = first.evidence.files[0]
    assert (file.taken_on, file.media_type) == (date(2025, 5, 10), "image/jpeg")
    assert file.thumbnail is not None and file.thumbnail.is_file()
    assert first.warnings == () and second.evidence.files[0].sha256 == file.sha256
    with reportable.database.read_only() as session:
        assert session.scalar(select(func.count()).select_from(AttachmentRecord)) == 1
    assert check_workspace(reportable).sound


def test_photo_taken_outside_the_period_gets_a_warning_not_a_refusal(reportable: Workspace, tmp_path: Path) -> None:
    result = _add(reportable, [make_photo(tmp_path / "old.jpg", datetime(2024, 11, 2, 10, 0))])
    assert len(result.warnings) == 1 and "2024-11-02" in result.warnings[0]


def test_a_non_image_named_jpg_is_refused_as_a_photo_and_nothing_is_written(reportable: Workspace, tmp_path: Path) -> None:
    fake = tmp_path / "现场照片.jpg"
    fake.write_bytes(b"%PDF-1.4 actually a pdf")
    with pytest.raises(UserError) as refused:
        _add(reportable, [make_photo(tmp_path / "ok.jpg", None), fake])
    assert refused.value.code == "evidence_not_an_image" and "现场照片.jpg" in refused.value.message("zh")
    assert list(reportable.attachments.stored_hashes()) == []


def test_a_file_that_vanished_leaves_nothing_behind(reportable: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        _add(reportable, [tmp_path / "拔掉的U盘.jpg"])
    assert refused.value.code == "evidence_file_missing"


def test_a_file_over_the_limit_is_refused_before_reading(reportable: Workspace, tmp_path: Path) -> None:
    huge = tmp_path / "scan.pdf"
    with open(huge, "wb") as stream:
        stream.truncate(2 * 1024 * 1024 * 1024)  # sparse: 2 GB reported, nothing written
    with pytest.raises(UserError) as refused:
        _add(reportable, [huge], kind="document")
    assert refused.value.code == "evidence_file_too_large"


def test_rows_failing_after_the_blobs_were_written_remove_those_blobs(reportable: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UserError):
        add_evidence(reportable, "A01-T001", "没有这个单位", "2025H1", kind="photo", title="x",
                     files=[make_photo(tmp_path / "a.jpg", None)])
    assert list(reportable.attachments.stored_hashes()) == []


def test_locked_period_needs_a_reason_for_new_evidence(reportable: Workspace, tmp_path: Path) -> None:
    set_period_state(reportable, "2025H1", "locked")
    with pytest.raises(UserError):
        _add(reportable, [make_photo(tmp_path / "a.jpg", None)])
    _add(reportable, [make_photo(tmp_path / "a.jpg", None)], reason="补充遗漏的照片")
    assert len(list_evidence(reportable, "A01-T001", "北下街街道", "2025H1")) == 1


def test_removing_evidence_keeps_shared_blobs(reportable: Workspace, tmp_path: Path) -> None:
    photo = make_photo(tmp_path / "p.jpg", None)
    first = _add(reportable, [photo])
    _add(reportable, [photo])
    remove_evidence(reportable, first.evidence.id)
    with reportable.database.read_only() as session:
        assert session.scalar(select(func.count()).select_from(EvidenceRecord)) == 1
    assert check_workspace(reportable).sound


def test_odd_names_are_kept_and_made_safe_for_export(reportable: Workspace, tmp_path: Path) -> None:
    odd = tmp_path / "会议纪要😀 CON .pdf"
    odd.write_bytes(b"%PDF-1.4 minutes")
    result = _add(reportable, [odd], kind="minutes")
    file = result.evidence.files[0]
    assert file.file_name == "会议纪要😀 CON .pdf"
    assert file.media_type == "application/pdf"
    assert safe_file_name("../../CON.txt") == "_CON.txt"
    assert safe_file_name("a\x00b.  ") == "ab"


def test_document_numbers_use_the_hexagonal_brackets() -> None:
    assert normalise_doc_number("管卫健[2025]12号") == "管卫健〔2025〕12号"
    assert normalise_doc_number("管卫健（2025）第012号") == "管卫健〔2025〕12号"
    assert normalise_doc_number("无文号") == "无文号"

