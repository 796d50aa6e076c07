"""Building blocks for the evidence tests: a report to attach evidence to, written straight into the records (so the
tests do not depend on the plan importer), and real pictures and PDFs made in code.

Imported by tests as `from evidence_world import …` (the tests folder is on sys.path through its conftest).
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas
from sqlalchemy import select

from hpdesk.domain.reporting import ReportKey
from hpdesk.services.workspace import Workspace
from hpdesk.storage.clock import now_iso
from hpdesk.storage.records import (
    AssignmentRecord, PlanRecord, ProgressReportRecord, ReportingPeriodRecord, TaskRecord, UnitRecord,
)

TASK_CODE, UNIT_NAME, PERIOD_LABEL = "A01-T001", "北下街街道", "2025H1"
REPORT_KEY = ReportKey(TASK_CODE, UNIT_NAME, PERIOD_LABEL)
PERIOD_START, PERIOD_END = date(2025, 1, 1), date(2025, 6, 30)


@dataclass(frozen=True)
class SeededReport:
    report_id: int
    task_code: str = TASK_CODE
    unit_name: str = UNIT_NAME
    period_label: str = PERIOD_LABEL

    @property
    def address(self) -> tuple[str, str, str]:
        return self.task_code, self.unit_name, self.period_label


def seed_report(workspace: Workspace, *, with_report: bool = True) -> SeededReport:
    """Plan → task A01-T001 → unit 北下街街道 (lead) → period 2025H1 (open) → its progress report."""
    stamp = now_iso()
    with workspace.database.unit_of_work() as session:
        plan = PlanRecord(code="plan-evidence-tests", title="健康城市行动实施方案", created_at=stamp, updated_at=stamp)
        session.add(plan)
        session.flush()
        task = TaskRecord(plan_id=plan.id, code=TASK_CODE, task_text="开展健康知识讲座", falls_to_county=True,
                          created_at=stamp, updated_at=stamp)
        unit = UnitRecord(name=UNIT_NAME, unit_type="street", created_at=stamp)
        period = ReportingPeriodRecord(label=PERIOD_LABEL, kind="semiannual", name="2025年上半年",
                                       start_date=PERIOD_START, end_date=PERIOD_END, due_date=date(2025, 6, 15))
        session.add_all([task, unit, period])
        session.flush()
        assignment = AssignmentRecord(task_id=task.id, unit_id=unit.id, role="lead", created_at=stamp)
        session.add(assignment)
        session.flush()
        report_id = 0
        if with_report:
            report = ProgressReportRecord(assignment_id=assignment.id, period_id=period.id, updated_at=stamp)
            session.add(report)
            session.flush()
            report_id = report.id
    return SeededReport(report_id)


def set_period_state(workspace: Workspace, state: str, label: str = PERIOD_LABEL) -> None:
    with workspace.database.unit_of_work() as session:
        period = session.scalars(select(ReportingPeriodRecord).where(ReportingPeriodRecord.label == label)).one()
        period.state = state


def make_photo(path: Path, taken: datetime | None = None, *, colour: str = "orange", size: tuple[int, int] = (640, 480),
               orientation: int | None = None, image_format: str = "JPEG", digitized_only: bool = False) -> Path:
    """A real picture; `taken` goes into EXIF DateTimeOriginal (or DateTimeDigitized), `orientation` into IFD0."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[36868 if digitized_only else 36867] = taken.strftime("%Y:%m:%d %H:%M:%S")
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, image_format, exif=exif)
    return path


def make_pdf(path: Path, text: str = "Meeting minutes") -> Path:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    path.write_bytes(buffer.getvalue())
    return path


def make_noise(path: Path, size: int, seed: int = 0) -> Path:
    """`size` bytes that no other test file shares (unknown content: stored as application/octet-stream)."""
    path.write_bytes(seed.to_bytes(4, "big") + os.urandom(size - 4))
    return path


def blob_files(workspace: Workspace) -> list[Path]:
    """Every file under blobs/, partial ones included."""
    return sorted(p for p in (workspace.data_root / "blobs").rglob("*") if p.is_file())
