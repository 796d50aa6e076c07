"""The PDF packet, read back as text (pdftotext) and as objects (pypdf): the GB/T 9704 cover letter, the
attachments (summary, tasks, indicators, evidence), page numbers and the packet fingerprint on every page, the
signature, embedded fonts, undrawable characters refused before anything is written, images downscaled."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from missing_input import missing
from conftest import DOC_NUMBER, Sent, line_with, member_name, pdf_pages, squeezed, squeezed_lines
from export_fixture import EXPORT_TIME, PASSPHRASE, PERIOD, ExportFixture, make_photo
from pypdf import PdfReader
from sqlalchemy import select

from hpdesk.domain.errors import UserError
from hpdesk.services.exporting.content_builder import build_packet_content
from hpdesk.services.exporting.cover_letter import LEFT_MARGIN, TOP_MARGIN, TYPE_HEIGHT, TYPE_WIDTH
from hpdesk.services.exporting.packet_content import EvidenceFile, PacketContent
from hpdesk.services.exporting.pdf_packet import render_packet_pdf
from hpdesk.services.exporting.submission import export_submission
from hpdesk.services.signing import verify_signed_pdf
from hpdesk.storage.records import SubmissionRecord
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS

RARE = "\U00030000"  # CJK Extension G: outside GBK and outside every bundled font


@pytest.fixture(scope="module")
def signed_pdf(sent: Sent) -> bytes:
    members = sent.members()
    return members[member_name(members, ".pdf")]


@pytest.fixture(scope="module")
def pages(signed_pdf: bytes) -> list[str]:
    return pdf_pages(signed_pdf)


@pytest.fixture
def content(export_data: ExportFixture) -> PacketContent:
    return build_packet_content(export_data.workspace, PERIOD, doc_number=DOC_NUMBER, now=EXPORT_TIME)


def letter_pages(pages: list[str]) -> list[str]:
    """The cover letter's pages: up to the first attachment page."""
    end = next(index for index, page in enumerate(pages) if "附件12025年上半年工作进展情况汇总" in squeezed(page))
    return pages[:end]


def words(pdf: bytes, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, text) of every word on `page` (1-based), y measured from the top."""
    if shutil.which("pdftotext") is None:
        missing("pdftotext (poppler-utils) is not installed")
    html = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode("utf-8")
    return [(float(a), float(b), float(c), float(d), text) for a, b, c, d, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)]


def test_the_cover_letter_has_authority_number_title_addressee_attachments_issuer_and_date(sent: Sent,
                                                                                           pages: list[str]) -> None:
    letter = squeezed("".join(letter_pages(pages)))
    first = squeezed(pages[0])
    assert first.startswith("管城回族区卫生健康委员会管卫健〔2025〕12号")  # authority, then the number
    assert "关于报送管城回族区2025年上半年健康郑州行动工作进展情况的函" in first
    assert "郑州市健康郑州行动推进委员会办公室：根据《健康郑州行动》" in first
    assert "附件：1.2025年上半年工作进展情况汇总2.任务完成情况明细3.2025年指标监测情况4.佐证材料目录及材料" in letter
    assert "特此报送。" in letter
    assert "管城回族区卫生健康委员会2025年6月14日" in letter  # issuer over the date


def test_the_cover_letter_prints_the_signing_certificate_fingerprint(sent: Sent, pages: list[str]) -> None:
    letter = squeezed("".join(letter_pages(pages)))
    assert sent.result.signer_fingerprint.upper() in letter


def test_every_page_has_its_number_and_the_packet_fingerprint(sent: Sent, pages: list[str]) -> None:
    fingerprint = squeezed(sent.result.fingerprint)
    assert sent.content().fingerprint == sent.result.fingerprint
    assert len(pages) >= 8
    for number, page in enumerate(pages, start=1):
        text = squeezed(page)
        assert f"—{number}—" in text, number
        assert f"材料指纹{fingerprint}" in text, number
        assert "2025年上半年" in text and "2025H1" not in text, number  # no internal label on a printed page


def test_page_numbers_sit_outside_the_type_area_right_on_odd_pages_left_on_even(signed_pdf: bytes) -> None:
    type_bottom = TOP_MARGIN + TYPE_HEIGHT
    for page in (1, 2, 3):
        dashes = [word for word in words(signed_pdf, page) if word[4] == "—"]
        assert len(dashes) == 2, page
        left, right = dashes[0][0], dashes[1][2]
        assert dashes[0][1] > type_bottom  # below the type area
        if page % 2:
            assert right == pytest.approx(LEFT_MARGIN + TYPE_WIDTH - 14, abs=0.5)  # one character in from the right
        else:
            assert left == pytest.approx(LEFT_MARGIN + 14, abs=0.5)


def test_the_letter_text_stays_inside_the_type_area(signed_pdf: bytes) -> None:
    body = [word for word in words(signed_pdf, 1) if word[1] < TOP_MARGIN + TYPE_HEIGHT]
    assert body
    for x_min, y_min, x_max, _y_max, text in body:
        assert LEFT_MARGIN - 0.5 <= x_min and x_max <= LEFT_MARGIN + TYPE_WIDTH + 0.5, text
        assert y_min >= TOP_MARGIN - 0.5, text
    authority = body[0]
    assert authority[4] == "管城回族区卫生健康委员会" and authority[1] == pytest.approx(TOP_MARGIN + 35 * 72 / 25.4, abs=1)
    addressee = next(word for word in body if word[4].endswith("办公室："))
    assert addressee[0] == pytest.approx(LEFT_MARGIN, abs=0.5)  # flush left


def test_the_summary_counts_units_actions_and_verdicts(pages: list[str]) -> None:
    assert "附件12025年上半年工作进展情况汇总" in squeezed("".join(pages))
    assert "本期县区承担任务2项：推进中2项" in line_with(pages, "本期县区承担任务")
    assert line_with(pages, "（一）健康知识普及行动2").endswith("22200")
    assert line_with(pages, "区卫健委1").endswith("区卫健委11100")
    assert line_with(pages, "北下街街道2").endswith("北下街街道22100")
    assert line_with(pages, "合计4").endswith("合计44300")
    assert {"进度正常1", "需人工判断1", "已达标0", "合计2"} <= set(squeezed_lines(pages))
    assert "没有逾期未报的事项" in line_with(pages, "逾期未报的事项")


def test_each_task_page_has_the_citys_text_the_answer_each_units_part_and_its_evidence(pages: list[str]) -> None:
    text = squeezed("".join(pages))
    assert "A01-T001（一）健康知识普及行动第1项" in text
    assert "任务内容（市）：面向社区居民开展健康科普讲座，建立健康科普专家库。" in text
    assert "【区卫健委（牵头）】开展健康科普讲座12场，覆盖居民3000人次。" in text
    assert "【北下街街道（配合）】辖区讲座4场。" in text
    assert "主要数据：讲座场次12场；覆盖人数3420人" in text
    assert line_with(pages, "北下街街道配合推进中已通过") == "北下街街道配合推进中已通过张三是"  # changed after lock
    assert line_with(pages, "北下街街道配合推进中草稿") == "北下街街道配合推进中草稿，未纳入张三"
    assert "草稿：尚未审核的内容" not in text
    assert "佐证材料：E001照片：健康讲座现场照片（2025-05-10）；E002" in text
    assert '=HYPERLINK("http://example.invalid","点我")' in text


def test_the_indicator_table_shows_baseline_target_value_verdict_and_reason(pages: list[str]) -> None:
    literacy = line_with(pages, "居民健康素养水平（%）")
    assert "居民健康素养水平（%）14.382030年：3628.5进度正常" in literacy
    experts = line_with(pages, "建立健康科普专家库—")
    assert "建立健康科普专家库—2030年：实现已建立需人工判断" in experts
    assert "26.99%" in squeezed("".join(pages))


def test_the_evidence_index_lists_every_item_and_the_files_follow(sent: Sent, pages: list[str]) -> None:
    text = squeezed("".join(pages))
    assert "附件4佐证材料目录及材料" in text
    for number in ("E001", "E002", "E003"):
        assert text.count(number) >= 3, number  # task page, index, evidence pages
    assert "讲座现场.jpg83KBSHA-256" in text
    docx = next(file for file in sent.content().evidence_files if file.name == "工作方案.docx")
    assert "文件：工作方案.docx" in text and docx.sha256 in text  # listed with its full SHA-256
    assert "损坏的照片.jpg" in text and "无法识别的图片，未缩印" in text


def test_a_pdf_attachment_shows_its_first_page_as_the_index_thumbnail(pages: list[str]) -> None:
    index = next(page for page in pages if "佐证材料目录及材料" in squeezed(page) and "附件4" in squeezed(page))
    assert "北下街街道健康讲座通知第1页" in squeezed(index)


def test_no_line_of_the_attachments_starts_with_closing_punctuation(content: PacketContent,
                                                                    export_data: ExportFixture,
                                                                    tmp_path: Path) -> None:
    long_text = "开展居民健康素养监测，完成入户调查395户；监测质控合格率100%。" * 12
    tasks = tuple(dataclasses.replace(t, narrative=long_text, problems="【区卫健委（牵头）】" + long_text)
                  for t in content.tasks)
    rendered = render_packet_pdf(dataclasses.replace(content, tasks=tasks), tmp_path / "p.pdf",
                                 export_data.workspace.attachments, preview=True)
    lines = [squeezed(line) for page in pdf_pages(rendered.path) for line in page.splitlines() if line.strip()]
    assert sum(long_text[:10] in line for line in lines) >= 4
    assert not [line for line in lines if line[:1] in "，。；：、？！）》"]


def test_pdf_attachments_pages_are_drawn_into_the_packet(pages: list[str]) -> None:
    text = [squeezed(page) for page in pages]
    first = next(index for index, page in enumerate(text) if "讲座通知.pdf第1页／共2页" in page)
    assert "北下街街道健康讲座通知第1页" in text[first]
    assert "北下街街道健康讲座通知第2页" in text[first] + text[first + 1]
    assert "讲座通知.pdf第1页／共2页" in text[first] and "讲座通知.pdf第2页／共2页" in "".join(text[first:first + 2])


def test_the_sign_off_block_carries_the_visible_signature(sent: Sent, signed_pdf: bytes, pages: list[str],
                                                          tmp_path: Path) -> None:
    reader = PdfReader(io.BytesIO(signed_pdf))
    widgets = [(index, annotation.get_object()) for index, page in enumerate(reader.pages)
               for annotation in page.get("/Annots", []) if annotation.get_object().get("/FT") == "/Sig"]
    assert len(widgets) == 1
    index, widget = widgets[0]
    page = squeezed(pages[index])
    assert "填报人" in page and "审核人" in page and "单位负责人" in page and "（单位盖章）" in page
    assert "签章单位：管城回族区卫生健康委员会" in page and "签名时间（本机时钟）" in page
    x1, y1, x2, y2 = (float(value) for value in widget["/Rect"])
    assert LEFT_MARGIN - 0.5 <= x1 < x2 <= LEFT_MARGIN + TYPE_WIDTH + 0.5 and 0 < y1 < y2 < 842
    (tmp_path / "packet.pdf").write_bytes(signed_pdf)
    result = verify_signed_pdf(tmp_path / "packet.pdf", sent.trusted)
    assert result.ok, result.problems
    assert result.signatures[0].signer_fingerprint == sent.result.signer_fingerprint


def fonts_of(pdf: bytes, page: int) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) of every font `page` (1-based) uses, from pdffonts."""
    if shutil.which("pdffonts") is None:
        missing("pdffonts (poppler-utils) is not installed")
    listing = subprocess.run(["pdffonts", "-f", str(page), "-l", str(page), "-"], input=pdf, capture_output=True,
                             check=True).stdout.decode()
    return [(line.split()[0], line.split()[-5]) for line in listing.splitlines()[2:] if line.strip()]


def test_every_font_of_the_packet_is_embedded(signed_pdf: bytes, pages: list[str]) -> None:
    # Pages that show an attachment's pages (or its thumbnail) carry that PDF's own fonts, not ours to embed.
    own = [number for number, page in enumerate(pages, start=1) if "北下街街道健康讲座通知" not in page]
    assert len(own) >= len(pages) - 3
    for number in own:
        found = fonts_of(signed_pdf, number)
        assert found, number
        assert all(embedded == "yes" for _name, embedded in found), (number, found)


def test_the_document_metadata_names_the_office_and_the_content_hash(sent: Sent, signed_pdf: bytes) -> None:
    info = PdfReader(io.BytesIO(signed_pdf)).metadata
    assert info.title == "关于报送管城回族区2025年上半年健康郑州行动工作进展情况的函"
    assert info.author == "管城回族区卫生健康委员会"
    assert sent.result.content_sha256 in str(info.get("/Keywords"))


def test_text_no_bundled_font_can_draw_is_refused_before_anything_is_written(content: PacketContent,
                                                                            export_data: ExportFixture,
                                                                            tmp_path: Path) -> None:
    tasks = tuple(dataclasses.replace(t, narrative=f"负责人{RARE}某") if t.code == "A01-T001" else t
                  for t in content.tasks)
    odd = dataclasses.replace(content, tasks=tasks)
    with pytest.raises(UserError) as refused:
        render_packet_pdf(odd, tmp_path / "x.pdf", export_data.workspace.attachments)
    message = refused.value.message("zh")
    assert refused.value.code == "export_glyphs_missing"
    assert "任务 A01-T001" in message and "工作开展情况" in message and RARE in message
    assert not (tmp_path / "x.pdf").exists() and not list(tmp_path.glob(".x*"))
    preview = render_packet_pdf(odd, tmp_path / "preview.pdf", export_data.workspace.attachments, preview=True)
    assert "负责人〓某" in squeezed("".join(pdf_pages(preview.path)))


def test_the_citys_own_table_cells_are_not_held_against_the_pdf(content: PacketContent,
                                                                export_data: ExportFixture, tmp_path: Path) -> None:
    from hpdesk.services.exporting.packet_content import CityRow

    tables = tuple(dataclasses.replace(table, rows=(*table.rows, CityRow("X-1", (f"市里表格中的{RARE}",))))
                   for table in content.city_tables)
    rendered = render_packet_pdf(dataclasses.replace(content, city_tables=tables), tmp_path / "p.pdf",
                                 export_data.workspace.attachments)  # shown only in the Excel, which can
    assert rendered.page_count >= 8


def test_an_export_with_undrawable_text_writes_nothing_and_records_nothing(export_data: ExportFixture,
                                                                         tmp_path: Path) -> None:
    workspace = export_data.workspace
    from hpdesk.storage.records import ProgressReportRecord

    with workspace.database.unit_of_work() as session:
        session.scalars(select(ProgressReportRecord).where(ProgressReportRecord.narrative.startswith("开展"))
                        ).one().narrative = f"开展讲座，主讲人王{RARE}。"
    with pytest.raises(UserError) as refused:
        export_submission(workspace, PERIOD, tmp_path / "out", PASSPHRASE, now=EXPORT_TIME)
    assert refused.value.code == "export_glyphs_missing"
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    with workspace.database.read_only() as session:
        assert session.scalars(select(SubmissionRecord)).first() is None


def test_big_photos_are_downscaled_and_turned_upright_for_print(content: PacketContent, export_data: ExportFixture,
                                                                 tmp_path: Path) -> None:
    big = make_photo(tmp_path / "big.jpg", size=(4000, 3000), orientation=6)  # stored sideways, shown portrait
    blob = export_data.workspace.attachments.add_file(big)
    item = content.tasks[0].evidence[0]
    photo = EvidenceFile("大照片.jpg", "佐证材料/E001-1-大照片.jpg", blob.sha256, blob.size, "image/jpeg", "")
    tasks = (dataclasses.replace(content.tasks[0], evidence=(dataclasses.replace(item, files=(photo,)),)),)
    rendered = render_packet_pdf(dataclasses.replace(content, tasks=tasks), tmp_path / "p.pdf",
                                 export_data.workspace.attachments)
    images = [image.image for page in PdfReader(rendered.path).pages for image in page.images]
    largest = max(images, key=lambda image: image.width * image.height)
    assert max(largest.size) <= 1600 and largest.height > largest.width
    assert rendered.path.stat().st_size < big.stat().st_size  # the original is not embedded
    thumbnails = [image for image in images if max(image.size) <= 240]
    assert thumbnails  # the evidence index shows a thumbnail


def test_print_images_share_a_byte_budget_and_keep_their_printed_size(content: PacketContent,
                                                                        export_data: ExportFixture,
                                                                        tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDF (and reportlab's memory, which holds every embedded image) is bounded by a total budget for the
    print images, however many photos a period has; a smaller share means fewer pixels, not smaller photos."""
    from hpdesk.services.exporting import pdf_evidence

    files = []
    for index in range(4):
        photo = make_photo(tmp_path / f"p{index}.jpg", size=(3000 + index * 8, 2000), orientation=1)
        blob = export_data.workspace.attachments.add_file(photo)
        files.append(EvidenceFile(f"照片{index}.jpg", f"佐证材料/E001-{index + 1}-照片{index}.jpg", blob.sha256,
                                  blob.size, "image/jpeg", ""))
    item = content.tasks[0].evidence[0]
    tasks = (dataclasses.replace(content.tasks[0], evidence=(dataclasses.replace(item, files=tuple(files)),)),)
    photos = dataclasses.replace(content, tasks=tasks)

    def print_images(path: Path) -> list[tuple[int, int, int]]:  # (width, height, bytes), thumbnails left out
        # the bytes the PDF holds: the image stream as embedded (reportlab embeds the JPEG as it is), not pypdf's
        # `image.data`, which is the picture encoded again by Pillow (about 1.5 times as large)
        images = [xobject.get_object() for page in PdfReader(path).pages
                  for xobject in page["/Resources"].get("/XObject", {}).values()]
        return [(int(image["/Width"]), int(image["/Height"]), len(image.get_data())) for image in images
                if image["/Subtype"] == "/Image" and max(image["/Width"], image["/Height"]) > 240]

    roomy = render_packet_pdf(photos, tmp_path / "roomy.pdf", export_data.workspace.attachments)
    roomy_images = print_images(roomy.path)
    assert len(roomy_images) == 4 and all(max(width, height) == 1600 for width, height, _ in roomy_images)
    budget = sum(size for _, _, size in roomy_images) // 3
    monkeypatch.setattr(pdf_evidence, "PRINT_BUDGET_BYTES", budget)
    tight = render_packet_pdf(photos, tmp_path / "tight.pdf", export_data.workspace.attachments)
    tight_images = print_images(tight.path)
    assert len(tight_images) == 4 and sum(size for _, _, size in tight_images) <= budget
    assert all(pdf_evidence.MIN_PRINT_PIXELS <= max(width, height) < 1600 for width, height, _ in tight_images)
    assert tight.page_count == roomy.page_count  # laid out at the same size, only at a lower resolution
    assert pdf_pages(tight.path) == pdf_pages(roomy.path)


def test_the_packet_renders_the_same_pages_from_the_same_content(content: PacketContent,
                                                                 export_data: ExportFixture,
                                                                 tmp_path: Path) -> None:
    first = render_packet_pdf(content, tmp_path / "a.pdf", export_data.workspace.attachments)
    second = render_packet_pdf(content, tmp_path / "b.pdf", export_data.workspace.attachments)
    assert first.page_count == second.page_count == len(pdf_pages(first.path))
    assert pdf_pages(first.path) == pdf_pages(second.path)
    assert (first.signature_page, first.signature_box) == (second.signature_page, second.signature_box)


def test_the_recorded_pdf_hash_is_the_packaged_pdf(sent: Sent, signed_pdf: bytes) -> None:
    import hashlib

    from hpdesk.services.workspace import open_workspace

    with open_workspace(sent.root, actor="tester") as workspace, workspace.database.read_only() as session:
        record = session.scalars(select(SubmissionRecord)).one()
        assert record.pdf_sha256 == hashlib.sha256(signed_pdf).hexdigest()


def test_a_preview_is_unsigned_and_says_where_the_signature_goes(content: PacketContent,
                                                                export_data: ExportFixture, tmp_path: Path) -> None:
    preview = render_packet_pdf(content, tmp_path / "preview.pdf", export_data.workspace.attachments, preview=True)
    assert verify_signed_pdf(preview.path, []).problems == ["文件中没有数字签名。"]
    text = pdf_pages(preview.path)
    assert "（预览：导出时在此加电子签名）" in squeezed(text[preview.signature_page])
    assert DOC_NUMBER in squeezed(text[0])


def test_an_evidence_item_with_thirty_files_lays_out_and_names_the_rest(content: PacketContent,
                                                                         export_data: ExportFixture,
                                                                         tmp_path: Path) -> None:
    """One evidence-index row cannot break across pages: it names the first files and counts the others, and every
    file still gets its own evidence page."""
    files = []
    for index in range(30):
        path = tmp_path / f"签到表{index:02d}.docx"
        path.write_bytes(f"第{index}页签到表".encode("utf-8") * 50)
        blob = export_data.workspace.attachments.add_file(path)
        files.append(EvidenceFile(f"签到表{index:02d}.docx", f"佐证材料/E001-{index + 1}-签到表{index:02d}.docx",
                                  blob.sha256, blob.size, "application/octet-stream", ""))
    item = content.tasks[0].evidence[0]
    tasks = (dataclasses.replace(content.tasks[0], evidence=(dataclasses.replace(item, files=tuple(files)),)),)
    rendered = render_packet_pdf(dataclasses.replace(content, tasks=tasks), tmp_path / "many.pdf",
                                 export_data.workspace.attachments)
    text = "".join(pdf_pages(rendered.path))
    assert "另 22 个文件" in text
    assert all(f"签到表{index:02d}.docx" in text for index in range(30))


def test_photos_beyond_the_printed_limit_are_listed_with_the_reason(content: PacketContent,
                                                                   export_data: ExportFixture,
                                                                   tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """However many photos a period has, the packet prints at most MAX_PRINTED_IMAGES of them (this bounds the PDF
    and the export's memory); the others are listed by name and hash, and all travel in the package."""
    from hpdesk.services.exporting import pdf_evidence

    monkeypatch.setattr(pdf_evidence, "MAX_PRINTED_IMAGES", 2)
    files = []
    for index in range(4):
        photo = make_photo(tmp_path / f"p{index}.jpg", size=(800 + index * 8, 600), orientation=1)
        blob = export_data.workspace.attachments.add_file(photo)
        files.append(EvidenceFile(f"照片{index}.jpg", f"佐证材料/E001-{index + 1}-照片{index}.jpg", blob.sha256,
                                  blob.size, "image/jpeg", ""))
    item = content.tasks[0].evidence[0]
    tasks = (dataclasses.replace(content.tasks[0], evidence=(dataclasses.replace(item, files=tuple(files)),)),)
    rendered = render_packet_pdf(dataclasses.replace(content, tasks=tasks), tmp_path / "many.pdf",
                                 export_data.workspace.attachments)
    printed = [image for page in PdfReader(rendered.path).pages for image in page.images
               if max(image.image.size) > 240]
    assert len(printed) == 2
    text = "".join(pdf_pages(rendered.path))
    assert "本期照片超过2张" in squeezed(text)
    assert all(f"照片{index}.jpg" in text for index in range(4))
