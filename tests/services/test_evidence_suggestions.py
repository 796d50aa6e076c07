"""Several files dropped at once get a kind, title and date each, from their name, type and a photo's EXIF date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PIL import Image

from hpdesk.services.evidence_suggestions import suggest_for_files

# Runs once, not on both back ends: no workspace (names, types and EXIF dates of files).


def _photo(path: Path, taken: str | None) -> Path:
    image = Image.new("RGB", (8, 8), "white")
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[0x9003] = taken  # Exif IFD, DateTimeOriginal
    image.save(path, exif=exif)
    return path


def test_a_photo_a_pdf_and_minutes_dropped_together_are_three_different_things(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "IMG_0012.jpg", "2026:09:12 10:15:00")
    notice = tmp_path / "关于开展健康知识讲座的通知.pdf"
    minutes = tmp_path / "9月推进会会议纪要.docx"
    for path in (notice, minutes):
        path.write_bytes(b"%PDF-1.4" if path.suffix == ".pdf" else b"PK")
    first, second, third = suggest_for_files([photo, notice, minutes])
    assert (first.kind, first.title, first.event_date) == ("photo", "现场照片", date(2026, 9, 12))
    assert (second.kind, second.title) == ("document", "关于开展健康知识讲座的通知")
    assert (third.kind, third.title) == ("minutes", "9月推进会会议纪要")


def test_names_tell_sign_in_sheets_ledgers_screenshots_and_tables(tmp_path: Path) -> None:
    names = ["会议签到表.jpg", "健康教育台账.xlsx", "公众号截图.png", "2026年体检人数.xlsx", "活动照片.heic"]
    paths = []
    for name in names:
        (tmp_path / name).write_bytes(b"x")
        paths.append(tmp_path / name)
    assert [s.kind for s in suggest_for_files(paths)] == ["sign_in", "ledger", "screenshot", "statistics", "photo"]


def test_a_date_written_in_the_name_is_the_event_date_when_there_is_no_exif(tmp_path: Path) -> None:
    for name in ("讲座现场20260912.jpg", "通知2026-10-08.pdf", "义诊2026年11月3日.docx", "方案20261399.pdf"):
        (tmp_path / name).write_bytes(b"x")
    dates = [s.event_date for s in suggest_for_files(sorted(tmp_path.iterdir(), key=lambda p: p.name))]
    assert sorted(d for d in dates if d) == [date(2026, 9, 12), date(2026, 10, 8), date(2026, 11, 3)]
    assert dates.count(None) == 1  # 2026-13-99 is no date
