"""Intake of one file: type by content, the size limit, streaming without holding the file in memory, names from
foreign file systems, photo dates, thumbnails; and that every failure leaves the store as it was."""

from __future__ import annotations

import errno
import io
import os
import sys
import tracemalloc
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from evidence_world import blob_files, make_noise, make_pdf, make_photo
from openpyxl import Workbook
from PIL import Image
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.services.attachment_intake import (
    examine_source, photo_date, readable_name, sniff_media_type, store_source,
)
from hpdesk.services.progress import CancelToken
from hpdesk.services.thumbnails import make_thumbnail, sweep_thumbnail_leftovers, thumbnail_file
from hpdesk.services.workspace import Workspace
from hpdesk.storage import attachment_store
from hpdesk.storage.attachment_store import AttachmentStore, BlobTooLarge, SourceVanished

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

LIMIT = 1024 ** 3
MB = 1024 * 1024


def _sniff(path: Path) -> str:
    with open(path, "rb") as stream:
        return sniff_media_type(stream, path.name)


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def test_types_are_told_by_content_not_by_name(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.save(tmp_path / "统计.xlsx")
    (tmp_path / "说明.txt").write_bytes("健康讲座共3场".encode("gb18030"))
    (tmp_path / "台账.csv").write_text("单位,人数\n北下街,120\n", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(600))
    (tmp_path / "scan.pdf").write_bytes(b"\r\n  junk\n" + make_pdf(tmp_path / "p.pdf").read_bytes())
    (tmp_path / "BMI.txt").write_text("BMI 统计", encoding="utf-8")
    found = {name: _sniff(tmp_path / name) for name in (
        "统计.xlsx", "说明.txt", "台账.csv", "old.doc", "scan.pdf", "BMI.txt")}
    assert found == {
        "统计.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "说明.txt": "text/plain", "台账.csv": "text/csv", "old.doc": "application/msword",
        "scan.pdf": "application/pdf", "BMI.txt": "text/plain",
    }
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert _sniff(_docx(tmp_path / "方案.jpg")) == word
    assert _sniff(make_photo(tmp_path / "photo.pdf", image_format="PNG")) == "image/png"
    assert _sniff(make_photo(tmp_path / "p.bmp", image_format="BMP")) == "image/bmp"
    assert _sniff(make_photo(tmp_path / "p.webp", image_format="WEBP")) == "image/webp"
    assert _sniff(make_noise(tmp_path / "x.jpg", 2000)) == "application/octet-stream"


def test_the_photo_date_is_exif_date_time_original_else_digitized(tmp_path: Path) -> None:
    assert photo_date(make_photo(tmp_path / "a.jpg", datetime(2025, 5, 10, 9, 30))) == date(2025, 5, 10)
    digitized = make_photo(tmp_path / "b.jpg", datetime(2025, 3, 2, 8, 0), digitized_only=True)
    assert photo_date(digitized) == date(2025, 3, 2)
    assert photo_date(make_photo(tmp_path / "c.jpg")) is None
    assert photo_date(make_pdf(tmp_path / "d.pdf")) is None
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + bytes(50))
    assert photo_date(broken) is None
    assert photo_date(tmp_path / "missing.jpg") is None


def test_examining_a_good_photo_reads_its_type_size_and_date(tmp_path: Path) -> None:
    photo = make_photo(tmp_path / "讲座.jpg", datetime(2025, 5, 10, 9, 30))
    facts = examine_source(photo, "photo", LIMIT)
    assert (facts.original_name, facts.safe_name, facts.media_type) == ("讲座.jpg", "讲座.jpg", "image/jpeg")
    assert facts.size == photo.stat().st_size and facts.taken_on == date(2025, 5, 10) and facts.notices == ()


def _refusal(path: Path, kind: str = "photo", limit: int = LIMIT) -> UserError:
    with pytest.raises(UserError) as refused:
        examine_source(path, kind, limit)
    return refused.value


def test_missing_folder_empty_and_device_files_are_refused_with_their_own_message(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "拔掉的U盘.jpg").code == "evidence_file_missing"
    (tmp_path / "照片").mkdir()
    assert _refusal(tmp_path / "照片").code == "evidence_file_is_folder"
    (tmp_path / "空.pdf").write_bytes(b"")
    empty = _refusal(tmp_path / "空.pdf", "document")
    assert empty.code == "evidence_file_empty" and "空.pdf" in empty.message("zh")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.jpg")
        assert _refusal(tmp_path / "pipe.jpg").code == "evidence_file_not_regular"


def test_a_2_gb_file_is_refused_from_its_size_before_a_byte_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "扫描件.pdf"
    with open(huge, "wb") as stream:
        stream.truncate(2 * 1024 ** 3)  # sparse: the size says 2 GB, the disk holds nothing
    refused = _refusal(huge, "document")
    assert refused.code == "evidence_file_too_large"
    assert "2.0 GB" in refused.message("zh") and "1.0 GB" in refused.message("zh")


def test_a_non_image_named_jpg_is_refused_as_a_photo_and_kept_with_a_notice_as_minutes(tmp_path: Path) -> None:
    fake = make_pdf(tmp_path / "现场照片.jpg")
    refused = _refusal(fake, "photo")
    assert refused.code == "evidence_not_an_image"
    assert "现场照片.jpg" in refused.message("zh") and "PDF 文档" in refused.message("zh")
    facts = examine_source(fake, "minutes", LIMIT)
    assert facts.media_type == "application/pdf"
    assert [notice.code for notice in facts.notices] == ["notice_type_differs"]


def test_a_damaged_jpeg_is_refused_as_a_photo(tmp_path: Path) -> None:
    broken = tmp_path / "坏图.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))
    assert _refusal(broken, "photo").code == "evidence_image_damaged"
    assert [n.code for n in examine_source(broken, "media", LIMIT).notices] == ["notice_image_unreadable"]


def test_odd_names_are_kept_and_a_notice_gives_the_export_name(tmp_path: Path) -> None:
    odd = make_pdf(tmp_path / "CON.pdf")
    facts = examine_source(odd, "document", LIMIT)
    assert (facts.original_name, facts.safe_name) == ("CON.pdf", "_CON.pdf")
    assert [n.code for n in facts.notices] == ["notice_name_adjusted"]


@pytest.mark.skipif(sys.platform != "linux", reason="byte file names are a POSIX file system matter")
def test_a_gbk_encoded_file_name_from_a_windows_usb_stick_is_read_as_chinese(tmp_path: Path) -> None:
    raw = os.path.join(os.fsencode(tmp_path), "健康讲座".encode("gbk") + b".pdf")
    with open(raw, "wb") as stream:
        stream.write(make_pdf(tmp_path / "p.pdf").read_bytes())
    listed = next(p for p in tmp_path.iterdir() if p.name.endswith(".pdf") and p.name != "p.pdf")
    assert listed.name != "健康讲座.pdf"  # Python sees surrogate escapes
    assert readable_name(listed.name) == "健康讲座.pdf"
    assert examine_source(listed, "document", LIMIT).original_name == "健康讲座.pdf"
    assert readable_name(os.fsdecode(b"\xff\xfe.pdf")) == "\ufffd\ufffd.pdf"


def test_storing_streams_a_large_file_without_holding_it_in_memory(workspace: Workspace, tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    with open(big, "wb") as stream:
        stream.truncate(48 * MB)
    tracemalloc.start()
    try:
        blob = store_source(workspace.attachments, big, max_bytes=LIMIT)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert blob.size == 48 * MB and peak < 8 * MB
    assert attachment_store.file_sha256(workspace.attachments.path_for(blob.sha256)) == blob.sha256


class _EndlessZeros:
    """A fake stream of unlimited size: tests the limit without writing gigabytes."""

    def __init__(self) -> None:
        self.served = 0

    def read(self, size: int = -1) -> bytes:
        self.served += size
        return bytes(size)


def test_the_store_stops_at_the_limit_and_keeps_nothing(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "blobs")
    endless = _EndlessZeros()
    with pytest.raises(BlobTooLarge) as refused:
        store.add_stream(endless, max_size=3 * MB)  # type: ignore[arg-type]
    assert refused.value.limit == 3 * MB and isinstance(refused.value, ValueError)
    assert endless.served <= 4 * MB
    assert [p for p in (tmp_path / "blobs").rglob("*") if p.is_file()] == []


def test_a_file_that_grows_past_the_limit_while_read_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    grown = make_noise(tmp_path / "录像.mp4", 3 * MB)
    with pytest.raises(UserError) as refused:
        store_source(workspace.attachments, grown, max_bytes=2 * MB)
    assert refused.value.code == "evidence_file_too_large"
    assert blob_files(workspace) == []


def test_a_read_failing_midway_says_the_file_vanished_and_leaves_no_partial_file(
        workspace: Workspace, tmp_path: Path) -> None:
    source = make_noise(tmp_path / "扫描件.pdf", 3 * MB)

    def pulled_out(_size: int) -> None:
        raise OSError(errno.EIO, "Input/output error")  # what a read returns when the USB stick is pulled

    with pytest.raises(UserError) as refused:
        store_source(workspace.attachments, source, max_bytes=LIMIT, on_bytes=pulled_out)
    assert refused.value.code == "evidence_file_vanished" and "扫描件.pdf" in refused.value.message("zh")
    assert blob_files(workspace) == []
    failing = io.BytesIO(b"x" * MB)
    failing.read = lambda size=-1: (_ for _ in ()).throw(OSError(errno.EIO, "gone"))  # type: ignore[method-assign]
    with pytest.raises(SourceVanished):
        workspace.attachments.add_stream(failing)


def test_cancel_while_copying_stops_and_keeps_nothing(workspace: Workspace, tmp_path: Path) -> None:
    source = make_noise(tmp_path / "big.bin", 3 * MB)
    token = CancelToken()
    with pytest.raises(OperationCancelled):
        store_source(workspace.attachments, source, max_bytes=LIMIT, on_bytes=lambda _n: token.cancel(), cancel=token)
    assert blob_files(workspace) == []


def test_a_full_disk_is_reported_as_such_and_nothing_is_kept(workspace: Workspace, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(attachment_store.os, "fsync", disk_full)
    with pytest.raises(UserError) as refused:
        store_source(workspace.attachments, make_pdf(tmp_path / "a.pdf"), max_bytes=LIMIT)
    assert refused.value.code == "attachment_disk_full"
    assert blob_files(workspace) == []


def test_a_vanished_source_before_copying_is_reported(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        store_source(workspace.attachments, tmp_path / "gone.jpg", max_bytes=LIMIT)
    assert refused.value.code == "evidence_file_vanished"


# --- thumbnails ----------------------------------------------------------------------------------------------------


def _stored(workspace: Workspace, path: Path) -> str:
    return store_source(workspace.attachments, path, max_bytes=LIMIT).sha256


def test_a_thumbnail_is_a_256px_jpeg_under_thumbs_ab_sha(workspace: Workspace, tmp_path: Path) -> None:
    sha256 = _stored(workspace, make_photo(tmp_path / "big.jpg", size=(2000, 1500)))
    thumbnail = make_thumbnail(workspace.attachments, workspace.thumbnails_dir, sha256)
    assert thumbnail == workspace.thumbnails_dir / sha256[:2] / f"{sha256}.jpg"
    with Image.open(thumbnail) as image:
        assert (image.format, image.size) == ("JPEG", (256, 192))
    assert sweep_thumbnail_leftovers(workspace.thumbnails_dir) == 0


def test_a_phone_photo_turned_by_exif_gets_an_upright_thumbnail(workspace: Workspace, tmp_path: Path) -> None:
    sha256 = _stored(workspace, make_photo(tmp_path / "phone.jpg", size=(800, 600), orientation=6))
    thumbnail = make_thumbnail(workspace.attachments, workspace.thumbnails_dir, sha256)
    assert thumbnail is not None
    with Image.open(thumbnail) as image:
        assert image.size == (192, 256)


def test_a_transparent_png_is_flattened_onto_white(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "截图.png"
    Image.new("RGBA", (300, 300), (0, 0, 0, 0)).save(path)
    thumbnail = make_thumbnail(workspace.attachments, workspace.thumbnails_dir, _stored(workspace, path))
    assert thumbnail is not None
    with Image.open(thumbnail) as image:
        assert image.getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=3)


def test_files_pillow_cannot_read_have_no_thumbnail_and_raise_nothing(workspace: Workspace, tmp_path: Path) -> None:
    for path in (make_pdf(tmp_path / "a.pdf"), make_noise(tmp_path / "b.jpg", 5000)):
        sha256 = _stored(workspace, path)
        assert make_thumbnail(workspace.attachments, workspace.thumbnails_dir, sha256) is None
        assert not thumbnail_file(workspace.thumbnails_dir, sha256).exists()


def test_leftovers_of_an_interrupted_thumbnail_are_swept(workspace: Workspace) -> None:
    folder = workspace.thumbnails_dir / "ab"
    folder.mkdir(parents=True)
    (folder / ".abcdef-123.tmp").write_bytes(b"half")
    assert sweep_thumbnail_leftovers(workspace.thumbnails_dir) == 1
    assert list(folder.iterdir()) == []


def test_a_source_rewritten_at_the_same_size_while_copied_is_refused_and_nothing_is_kept(
        workspace: Workspace, tmp_path: Path) -> None:
    """A document still being saved or downloaded, rewritten in place while it was copied, was stored torn (the
    first megabyte from before, the rest from after) with exit 0, and would have been signed and sent as evidence."""
    source = make_noise(tmp_path / "方案.docx", 3 * MB)
    examined = examine_source(source, "document", LIMIT)
    rewrites = iter([True])

    def saved_meanwhile(_size: int) -> None:
        if next(rewrites, False):
            with open(source, "r+b") as stream:  # the same size, other bytes
                stream.seek(2 * MB)
                stream.write(b"saved again")
            later = os.stat(source).st_mtime_ns + 1_000_000_000
            os.utime(source, ns=(later, later))  # a coarse clock could leave the time unchanged within a second

    with pytest.raises(UserError) as refused:
        store_source(workspace.attachments, source, max_bytes=LIMIT, on_bytes=saved_meanwhile, examined=examined)
    assert refused.value.code == "evidence_file_rewritten" and "方案.docx" in refused.value.message("zh")
    assert blob_files(workspace) == []


def test_a_link_into_the_workspace_is_refused_as_such_not_as_a_system_file(
        workspace: Workspace, tmp_path: Path) -> None:
    """A link to the workspace's own database was refused as "那是系统文件或隐藏文件": true of /etc/passwd, but not
    what the clerk had picked."""
    link = tmp_path / "会议纪要.pdf"
    link.symlink_to(workspace.root / "hpdesk.sqlite")
    with pytest.raises(UserError) as refused:
        examine_source(link, "document", LIMIT, protected=[workspace.root])
    assert refused.value.code == "user_file_workspace_link"
    assert "工作区自己的文件" in refused.value.message("zh") and "系统文件" not in refused.value.message("zh")
