"""The pure evidence rules: kinds, document numbers, dates, safe names and the name-versus-content policy."""

from __future__ import annotations

from datetime import date

import pytest

from hpdesk.domain.evidence import (
    EVIDENCE_KINDS, MAX_NAME_BYTES, PeriodSpan, describe_size, event_date_notice, evidence_kind_code,
    exif_date, file_name_notice, judge_file_type, media_type_label, normalise_doc_number, parse_event_date,
    photo_date_notice, safe_file_name, viewer_file_name,
)
from hpdesk.domain.messages import Message

H1 = PeriodSpan("2025年上半年", date(2025, 1, 1), date(2025, 6, 30))
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"


def test_the_nine_kinds_have_chinese_labels() -> None:
    assert EVIDENCE_KINDS == {
        "document": "文件/方案", "minutes": "会议纪要", "sign_in": "签到表", "photo": "照片", "screenshot": "截图",
        "statistics": "统计表", "ledger": "台账", "media": "媒体报道", "other": "其他",
    }


@pytest.mark.parametrize(("typed", "code"), [
    ("photo", "photo"), (" Photo ", "photo"), ("照片", "photo"), ("会议纪要", "minutes"), ("文件/方案", "document"),
    ("文件", "document"), ("方案", "document"), ("签到表", "sign_in"), ("台账", "ledger"), ("媒体报道", "media"),
    ("录像", None), ("", None),
])
def test_a_kind_is_understood_as_code_label_or_short_form(typed: str, code: str | None) -> None:
    assert evidence_kind_code(typed) == code


@pytest.mark.parametrize(("typed", "stored"), [
    ("管卫健[2025]12号", "管卫健〔2025〕12号"),
    ("管卫健（2025）12号", "管卫健〔2025〕12号"),
    ("管卫健(2025)12号", "管卫健〔2025〕12号"),
    ("管卫健【2025】12号", "管卫健〔2025〕12号"),
    ("管卫健［2025］12号", "管卫健〔2025〕12号"),
    ("管卫健 [ 2025 ] 12号", "管卫健〔2025〕12号"),
    ("泰爱卫发〔2020〕8号", "泰爱卫发〔2020〕8号"),
    ("  管卫健〔2025]3号 ", "管卫健〔2025〕3号"),
    ("管卫健（2025）第012号", "管卫健〔2025〕第012号"),  # 第 and the leading zero are on the paper: kept
    ("管卫健[2025]12号、管卫健(2025)13号", "管卫健〔2025〕12号、管卫健〔2025〕13号"),
])
def test_document_number_brackets_become_hexagonal_where_clearly_meant(typed: str, stored: str) -> None:
    assert normalise_doc_number(typed) == stored


@pytest.mark.parametrize("verbatim", [
    "无文号", "附件(一)", "2025年健康讲座方案(修订稿)", "管卫健[2025]", "管卫健[25]12号", "[2025]12号", "会议通知（2025）",
])
def test_text_that_is_not_clearly_a_document_number_is_kept_verbatim(verbatim: str) -> None:
    assert normalise_doc_number(verbatim) == verbatim


@pytest.mark.parametrize(("typed", "day"), [
    ("2025-05-10", date(2025, 5, 10)), ("2025/5/10", date(2025, 5, 10)), ("2025.5.1", date(2025, 5, 1)),
    ("2025年5月10日", date(2025, 5, 10)), ("20250510", date(2025, 5, 10)), (" 2025-5-9 ", date(2025, 5, 9)),
])
def test_event_dates_are_read_the_ways_clerks_write_them(typed: str, day: date) -> None:
    assert parse_event_date(typed) == day


@pytest.mark.parametrize("typed", ["5月10日", "2025-13-01", "2025-02-30", "昨天", ""])
def test_an_unreadable_event_date_is_an_error_not_a_guess(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_event_date(typed)


@pytest.mark.parametrize(("raw", "day"), [
    ("2025:05:10 09:30:00", date(2025, 5, 10)), (b"2025:05:10 09:30:00\x00", date(2025, 5, 10)),
    ("2025-05-10 09:30:00", date(2025, 5, 10)), ("0000:00:00 00:00:00", None), ("    :  :     :  :  ", None),
    ("", None), (None, None), (20250510, None),
])
def test_exif_dates_from_unset_or_odd_camera_clocks_give_no_date(raw: object, day: date | None) -> None:
    assert exif_date(raw) == day


def test_a_photo_outside_the_period_gets_a_notice_naming_file_date_and_period() -> None:
    assert photo_date_notice("a.jpg", date(2025, 1, 1), H1) is None
    assert photo_date_notice("a.jpg", date(2025, 6, 30), H1) is None
    assert photo_date_notice("a.jpg", None, H1) is None
    notice = photo_date_notice("讲座.jpg", date(2024, 12, 31), H1)
    assert notice is not None and notice.code == "notice_photo_outside_period"
    text = notice.text("zh")
    assert "讲座.jpg" in text and "2024-12-31" in text and "2025年上半年" in text
    assert "2024-12-31" in notice.text("en")


def test_only_an_event_after_the_period_end_gets_a_notice() -> None:
    assert event_date_notice(date(2024, 3, 1), H1) is None  # a plan issued last year is normal evidence
    assert event_date_notice(None, H1) is None
    notice = event_date_notice(date(2025, 7, 3), H1)
    assert notice is not None and "2025-07-03" in notice.text("zh")


@pytest.mark.parametrize(("original", "safe"), [
    ("讲座现场.jpg", "讲座现场.jpg"),
    ("会议纪要😀.pdf", "会议纪要😀.pdf"),
    ("会议纪要😀 CON .pdf", "会议纪要😀 CON .pdf"),
    ("../../CON.txt", "_CON.txt"),
    ("con.txt", "_con.txt"),
    ("CON .pdf", "_CON .pdf"),
    ("LPT1.tar.gz", "_LPT1.tar.gz"),
    ("COM¹.jpg", "_COM¹.jpg"),
    ("NUL", "_NUL"),
    ("CONSOLE.txt", "CONSOLE.txt"),
    ("报告 1/2.pdf", "报告 1_2.pdf"),
    ("a\\b\\c.doc", "a_b_c.doc"),
    ('问卷:"结果"?<终>|*.xlsx', "问卷__结果___终___.xlsx"),
    ("签到表. . .", "签到表"),
    ("  照片.jpg  ", "照片.jpg"),
    (".hidden.png", "hidden.png"),
    ("a\x00b.  ", "ab"),
    ("photo\u202egpj.exe", "photogpj.exe"),  # a right-to-left override would show this as photoexe.jpg
    ("👨\u200d👩\u200d👧.png", "👨\u200d👩\u200d👧.png"),
    ("", "附件"),
    ("...", "附件"),
    (".pdf", "pdf"),
    ("bad\udcc3name.jpg", "bad_name.jpg"),
])
def test_names_are_made_safe_for_every_file_system(original: str, safe: str) -> None:
    assert safe_file_name(original) == safe


def test_a_very_long_name_is_shortened_with_its_extension_kept() -> None:
    safe = safe_file_name("关于开展健康知识进社区系列讲座活动的情况报告" * 10 + ".pdf")
    assert safe.endswith("….pdf")
    assert len(safe) <= 120 and len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    emoji = safe_file_name("😀" * 200 + ".jpg", max_length=500)
    assert emoji.endswith("….jpg") and len(emoji.encode("utf-8")) <= MAX_NAME_BYTES


def test_a_changed_name_gets_a_notice_and_an_unchanged_one_does_not() -> None:
    assert file_name_notice("讲座.jpg", "讲座.jpg") is None
    notice = file_name_notice("CON.pdf", safe_file_name("CON.pdf"))
    assert notice is not None and "_CON.pdf" in notice.text("zh") and "CON.pdf" in notice.text("en")


@pytest.mark.parametrize(("kind", "name", "media_type", "refusal", "notice"), [
    ("photo", "现场.jpg", JPEG, None, None),
    ("photo", "现场.jpg", PNG, None, None),  # a PNG called .jpg opens everywhere
    ("photo", "现场.jpg", PDF, "evidence_not_an_image", None),
    ("screenshot", "截图.png", "text/plain", "evidence_not_an_image", None),
    ("photo", "照片合集.pdf", PDF, None, None),  # offices paste photos into one PDF or Word file
    ("minutes", "纪要.jpg", PDF, None, "notice_type_differs"),
    ("document", "方案.pdf", JPEG, None, "notice_type_differs"),
    ("document", "方案.docx", "application/x-ole-storage", None, "notice_type_differs"),
    ("document", "方案.docx", "application/octet-stream", None, "notice_type_differs"),
    ("other", "数据.dat", "application/octet-stream", None, None),
    ("statistics", "统计.csv", "text/plain", None, None),
    ("other", "无扩展名", PDF, None, None),
])
def test_name_versus_content_policy(kind: str, name: str, media_type: str, refusal: str | None,
                                    notice: str | None) -> None:
    verdict = judge_file_type(kind, name, media_type)
    assert verdict.refusal == refusal
    assert (verdict.notice.code if verdict.notice else None) == notice


def test_an_unreadable_picture_is_refused_as_a_photo_but_kept_as_other_evidence() -> None:
    assert judge_file_type("photo", "a.jpg", JPEG, image_readable=False).refusal == "evidence_image_damaged"
    kept = judge_file_type("media", "a.jpg", JPEG, image_readable=False)
    assert kept.refusal is None and kept.notice is not None and kept.notice.code == "notice_image_unreadable"


def test_the_type_notice_names_the_real_content_in_words() -> None:
    notice = judge_file_type("minutes", "纪要.jpg", PDF).notice
    assert notice is not None and "PDF 文档" in notice.text("zh") and ".jpg" in notice.text("zh")
    assert media_type_label("application/x-unknown") == "application/x-unknown"


@pytest.mark.parametrize(("safe", "media_type", "viewer"), [
    ("纪要.jpg", PDF, "纪要.jpg.pdf"), ("照片.jpg", PNG, "照片.jpg"), ("照片", JPEG, "照片.jpg"),
    ("数据.bin", "application/octet-stream", "数据.bin"), ("表.xls", "application/vnd.ms-excel", "表.xls"),
])
def test_the_viewer_copy_gets_an_extension_that_fits_its_content(safe: str, media_type: str, viewer: str) -> None:
    assert viewer_file_name(safe, media_type) == viewer


def test_sizes_read_naturally() -> None:
    assert [describe_size(n) for n in (0, 1023, 12 * 1024, 350 * 1024 ** 2, 2 * 1024 ** 3)] == [
        "0 B", "1023 B", "12 KB", "350 MB", "2.0 GB"]


def test_a_notice_with_an_unknown_code_still_says_something() -> None:
    assert "nope" in Message.of("nope", file="a").text("zh")
