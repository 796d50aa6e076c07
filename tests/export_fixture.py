"""Test data for the submission exports, inserted directly through the ORM (no importer, no other helpers' services).

One period (2025H1) of 管城回族区 with: two county tasks and one city-only task in the city's own table (plus a
withdrawn task that must not appear), units with approved, draft and post-lock parts, user text that looks like
spreadsheet formulas, evidence of every kind (a rotated JPEG, a PNG with transparency, a two-page PDF, an office
file, an undecodable "photo"), two indicators with values, and a signing identity. Import the fixture functions
into a test module to use them.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from hpdesk.services import fonts
from hpdesk.services.identity import create_identity
from hpdesk.services.workspace import OfficeChanges, Workspace, update_office_profile
from hpdesk.storage.records import (
    ActionRecord, AssignmentRecord, AttachmentRecord, EvidenceFileRecord, EvidenceRecord, IndicatorRecord,
    IndicatorTargetRecord, IndicatorValueRecord, PlanRecord, PlanSourceRecord, ProgressReportRecord,
    ReportingPeriodRecord, TaskRecord, UnitRecord,
)

PASSPHRASE = "区卫健委签章口令"
PERIOD = "2025H1"
EXPORT_TIME = datetime.fromisoformat("2025-06-14T09:30:00+08:00")
STAMP = "2025-06-01T08:00:00+08:00"
FORMULA_NARRATIVE = '=HYPERLINK("http://example.invalid","点我")'
PHONE_PROBLEM = "+86 0371-12345678 联系不上"
MINUS_NEXT_STEP = "-5% 的差距下半年补齐"
AT_FIGURE_NOTE = "@全体 请核对"


@dataclass(frozen=True)
class ExportFixture:
    workspace: Workspace
    files: dict[str, Path]  # name → the original file on disk, for comparisons


def make_photo(path: Path, size: tuple[int, int] = (1200, 800), colour: str = "#3a7bd5", orientation: int = 6) -> Path:
    """A JPEG with an EXIF date and an orientation tag (phones store portrait photos sideways)."""
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 40):  # some structure, so the JPEG is not trivially tiny
        image.paste("#ffffff", (x, 0, x + 4, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(0x8769)[36867] = "2025:05:10 09:30:00"
    image.save(path, "JPEG", exif=exif, quality=85)
    return path


def make_pdf(path: Path, pages: int = 2) -> Path:
    fonts.register_pdf_fonts()
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for number in range(1, pages + 1):
        if number == 2:
            pdf.setPageSize(landscape(A4))
        pdf.setFont(fonts.pdf_font_name(fonts.FontRole.SANS), 20)
        pdf.drawString(72, 500, f"北下街街道健康讲座通知 第{number}页")
        pdf.showPage()
    pdf.save()
    return path


def _store(session, workspace: Workspace, path: Path, media_type: str) -> AttachmentRecord:  # type: ignore[no-untyped-def]
    blob = workspace.attachments.add_file(path)
    record = AttachmentRecord(sha256=blob.sha256, size=blob.size, media_type=media_type, original_name=path.name,
                              created_at=STAMP)
    session.add(record)
    session.flush()
    return record


def _evidence(session, report_id: int, kind: str, title: str, attachments, event_date=None, doc_number="",  # type: ignore[no-untyped-def]
              description: str = "") -> None:
    evidence = EvidenceRecord(report_id=report_id, kind=kind, title=title, event_date=event_date,
                              doc_number=doc_number, description=description, created_by="tester", created_at=STAMP)
    session.add(evidence)
    session.flush()
    for order, (name, attachment) in enumerate(attachments):
        session.add(EvidenceFileRecord(evidence_id=evidence.id, attachment_id=attachment.id, file_name=name,
                                       sort_order=order, added_at=STAMP,
                                       taken_on=date(2025, 5, 10) if attachment.media_type == "image/jpeg" else None))


def build_export_data(workspace: Workspace, scratch: Path, *, identity: bool = True) -> ExportFixture:
    scratch.mkdir(parents=True, exist_ok=True)
    update_office_profile(workspace, OfficeChanges(short_name="区卫健委", doc_prefix="管卫健",
                                                   addressee="郑州市健康郑州行动推进委员会办公室"))
    files = {
        "photo": make_photo(scratch / "讲座现场.jpg"),
        "png": scratch / "宣传栏.png",
        "pdf": make_pdf(scratch / "讲座通知.pdf"),
        "docx": scratch / "工作方案.docx",
        "broken": scratch / "损坏的照片.jpg",
    }
    Image.new("RGBA", (300, 200), (200, 30, 30, 128)).save(files["png"], "PNG")
    with zipfile.ZipFile(files["docx"], "w") as docx:  # fixed entry times: the same bytes on every run
        docx.writestr(zipfile.ZipInfo("[Content_Types].xml", (2025, 5, 1, 0, 0, 0)), "<Types/>")
        docx.writestr(zipfile.ZipInfo("word/document.xml", (2025, 5, 1, 0, 0, 0)), "<w:document>工作方案</w:document>")
    files["broken"].write_bytes(b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 50)

    with workspace.database.unit_of_work() as session:
        plan = PlanRecord(code="plan-zz", title="健康郑州行动", issuer="郑州市健康郑州行动推进委员会",
                          doc_number="郑健推〔2020〕1号", span_start=2020, span_end=2030, created_at=STAMP,
                          updated_at=STAMP)
        session.add(plan)
        session.flush()
        task_source = PlanSourceRecord(
            plan_id=plan.id, table_kind="tasks", file_name="zhengzhou_tasks.xlsx", file_sha256="0" * 64,
            sheet_name="重点任务", layout_signature="t", header_rows=[["专项行动", "序号", "任务", "责任单位"]],
            column_fields=["action", "serial", "task_text", "responsible"], imported_at=STAMP)
        indicator_source = PlanSourceRecord(
            plan_id=plan.id, table_kind="indicators", file_name="zhengzhou_indicators.xlsx", file_sha256="1" * 64,
            sheet_name="主要指标", layout_signature="i",
            header_rows=[["领域", "序号", "指标", "2018年", "2022年", "2030年", "指标性质"],
                         ["领域", "序号", "指标", "基期水平", "目标值", "目标值", "指标性质"]],
            column_fields=["action", "serial", "indicator_name", "baseline:2018", "target:2022", "target:2030",
                           "nature"], imported_at=STAMP)
        session.add_all([task_source, indicator_source])
        session.flush()
        first = ActionRecord(plan_id=plan.id, code="A01", number=1, number_label="（一）", title="健康知识普及行动",
                             sort_order=1)
        second = ActionRecord(plan_id=plan.id, code="A02", number=2, number_label="（二）", title="合理膳食行动",
                              sort_order=2)
        session.add_all([first, second])
        session.flush()

        def task(code, action, row, serial, text, responsible, county, status="active"):  # type: ignore[no-untyped-def]
            record = TaskRecord(
                plan_id=plan.id, action_id=action.id, source_id=task_source.id, code=code, sort_order=row,
                serial_label=serial, task_text=text, responsible_text=responsible, falls_to_county=county,
                source_first_row=row, source_last_row=row, source_range=f"A{row}:D{row}",
                source_cells=[f"{action.number_label}{action.title}", serial, text, responsible], status=status,
                created_at=STAMP, updated_at=STAMP)
            session.add(record)
            session.flush()
            return record

        lectures = task("A01-T001", first, 3, "1", "面向社区居民开展健康科普讲座，建立健康科普专家库。",
                        "市卫健委牵头，各区县（市）按职责分工负责", True)
        task("A01-T002", first, 4, "2", "市级媒体开设健康专栏。", "市委宣传部", False)
        task("A01-T003", first, 5, "3", "已被市里撤回的任务。", "各区县（市）", True, status="withdrawn")
        canteens = task("A02-T001", second, 6, "4", "推进学校食堂减盐减油，开展营养健康食堂建设。",
                        "市教育局、各区县（市）", True)

        for sort, (code, name, unit, baseline, b_value, targets, value, nature) in enumerate((
                ("I001", "居民健康素养水平", "%", "14.38", 14.38, {2022: "25", 2030: "36"}, (28.5, "28.5"), "预期性"),
                ("I002", "建立健康科普专家库", "", "—", None, {2022: "实现", 2030: "实现"}, (None, "已建立"), "约束性"),
        ), start=1):
            indicator = IndicatorRecord(
                plan_id=plan.id, action_id=first.id, source_id=indicator_source.id, code=code, sort_order=sort,
                serial_label=str(sort), name=name, name_text=f"{name}（{unit}）" if unit else name, unit=unit,
                direction="higher" if unit else "", baseline_text=baseline, baseline_value=b_value,
                baseline_year=2018 if b_value else None, nature=nature, source_first_row=3 + sort,
                source_last_row=3 + sort, source_range=f"A{3 + sort}:G{3 + sort}",
                source_cells=["（一）健康知识普及行动", str(sort), name, baseline, targets[2022], targets[2030], nature],
                created_at=STAMP, updated_at=STAMP)
            session.add(indicator)
            session.flush()
            for year, text in targets.items():
                session.add(IndicatorTargetRecord(indicator_id=indicator.id, year=year, text=text))
            session.add(IndicatorValueRecord(indicator_id=indicator.id, year=2025, value=value[0],
                                             value_text=value[1], as_of=date(2025, 5, 31), source="区卫健委统计",
                                             updated_by="tester", updated_at=STAMP))

        units = {}
        for order, (name, kind) in enumerate((("区卫健委", "department"), ("北下街街道", "street"),
                                              ("区教育局", "department"))):
            units[name] = UnitRecord(name=name, unit_type=kind, sort_order=order, created_at=STAMP)
            session.add(units[name])
        session.flush()
        period = ReportingPeriodRecord(label=PERIOD, kind="semiannual", name="2025年上半年",
                                       start_date=date(2025, 1, 1), end_date=date(2025, 6, 30),
                                       due_date=date(2025, 6, 15), state="open")
        session.add(period)
        session.flush()

        def report(task_record, unit, role, review_state, **fields):  # type: ignore[no-untyped-def]
            assignment = AssignmentRecord(task_id=task_record.id, unit_id=units[unit].id, role=role, confirmed=True,
                                          created_at=STAMP)
            session.add(assignment)
            session.flush()
            record = ProgressReportRecord(assignment_id=assignment.id, period_id=period.id, review_state=review_state,
                                          filled_by="张三", filled_at=STAMP, updated_at=STAMP, **fields)
            session.add(record)
            session.flush()
            return record

        lead = report(lectures, "区卫健委", "lead", "approved", status="done",
                      narrative="开展健康科普讲座12场，覆盖居民3000人次。",
                      figures=[{"name": "讲座场次", "value": 12, "unit": "场"},
                               {"name": "覆盖人数", "value": 3000, "unit": "人"}],
                      problems="部分社区场地不足。", next_steps="下半年增加流动讲座。")
        report(lectures, "北下街街道", "co", "approved", status="in_progress", narrative="辖区讲座4场。",
               figures=[{"name": "覆盖人数", "value": 420, "unit": "人"}], changed_after_lock=True)
        school = report(canteens, "区教育局", "lead", "approved", status="in_progress",
                        narrative=FORMULA_NARRATIVE, problems=PHONE_PROBLEM, next_steps=MINUS_NEXT_STEP,
                        figures=[{"name": AT_FIGURE_NOTE, "value": 3, "unit": "所"}])
        report(canteens, "北下街街道", "co", "draft", status="in_progress", narrative="草稿：尚未审核的内容")

        photo = _store(session, workspace, files["photo"], "image/jpeg")
        png = _store(session, workspace, files["png"], "image/png")
        pdf = _store(session, workspace, files["pdf"], "application/pdf")
        docx = _store(session, workspace, files["docx"],
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        broken = _store(session, workspace, files["broken"], "image/jpeg")
        _evidence(session, lead.id, "photo", "健康讲座现场照片", [("讲座现场.jpg", photo), ("宣传栏.png", png)],
                  event_date=date(2025, 5, 10))
        _evidence(session, lead.id, "document", "关于开展健康科普讲座的通知",
                  [("讲座通知.pdf", pdf), ("工作方案.docx", docx)], event_date=date(2025, 3, 1),
                  doc_number="管卫健〔2025〕3号", description="区卫健委印发")
        _evidence(session, school.id, "photo", "食堂检查照片", [("损坏的照片.jpg", broken)],
                  event_date=date(2025, 4, 2))
    if identity:
        create_identity(workspace.identity_dir, "管城回族区卫生健康委员会", PASSPHRASE)
    return ExportFixture(workspace, files)


@pytest.fixture
def export_data(workspace: Workspace, tmp_path: Path) -> ExportFixture:
    """The workspace filled with the export test data (see the module docstring)."""
    return build_export_data(workspace, tmp_path / "originals")


def pdf_bytes_text(data: bytes) -> str:
    """All text of a PDF (pypdf), for content assertions."""
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
