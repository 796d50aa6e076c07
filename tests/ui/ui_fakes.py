"""Fakes for UI tests: services that answer from memory with the real read models, and prompts that answer at once.

FakeServices offers every member of the hpdesk.ui.app_services.AppServices Protocol, callable the same way (checked by
test_app_services_protocol.py); every write is recorded in `calls` so a test can assert on what the view asked for. Build only what a test needs with the make_* helpers.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from hpdesk.domain.calendar import Cadence
from hpdesk.domain.errors import UserError
from hpdesk.domain.messages import Message
from hpdesk.domain.reporting import Figure
from hpdesk.domain.target_judging import Verdict
from hpdesk.domain.task_text import TaskText
from hpdesk.services.completeness import Completeness, CompletenessRow, OverdueItem
from hpdesk.services.desk import Desk, FirstRunSetUp
from hpdesk.services.evidence import EvidenceFileSummary, EvidenceResult, EvidenceSummary
from hpdesk.services.export_readiness import AssignmentCounts, ExportReadiness
from hpdesk.services.indicator_evaluation import IndicatorEvaluation, VerdictSummary
from hpdesk.services.indicator_grid import IndicatorGridRow
from hpdesk.services.periods import PeriodSummary
from hpdesk.services.plan_queries import ActionNavRow, PlanOverview
from hpdesk.services.reports import ReportChanges, ReportSummary
from hpdesk.services.search import SearchHit
from hpdesk.services.task_detail import TaskDetail, UnitReportRow
from hpdesk.services.task_list import TaskFilter, TaskListRow
from hpdesk.services.units import UnitSummary
from hpdesk.services.workspace import OfficeChanges, OfficeProfile


def make_period(label: str = "2026H2", state: str = "open") -> PeriodSummary:
    year, half = int(label[:4]), label[4:]
    first = half == "H1"
    return PeriodSummary(
        id=1 if first else 2, label=label, kind="semiannual", name=f"{year}年{'上' if first else '下'}半年",
        start_date=dt.date(year, 1 if first else 7, 1), end_date=dt.date(year, 6 if first else 12, 30 if first else 31),
        due_date=dt.date(year, 6 if first else 12, 15), state=state, state_label=state)


def make_task(number: int, action_id: int = 1, *, units: int = 2, handed_in: int = 0, approved: int = 0,
              returned: int = 0, county: bool = True) -> TaskListRow:
    return TaskListRow(number, f"A{action_id:02d}-T{number:03d}", f"开展第{number}项健康教育工作", f"（{action_id}）健康促进行动",
                       "区卫健委", county, False, units, handed_in, approved, returned)


def make_report(number: int, *, unit: str = "区卫健委", state: str = "submitted", period: str = "2026H2",
                evidence: int = 1) -> ReportSummary:
    return ReportSummary(
        id=number, task_code=f"A01-T{number:03d}", task_text=f"开展第{number}项健康教育工作", unit=unit, role="lead",
        period=period, status="in_progress", status_label="推进中", narrative="召开推进会1次，开展讲座3场。",
        figures=(Figure("讲座", 3, "场"),), problems="经费不足", next_steps="加强宣传",
        filled_by="王芳", filled_at="2026-11-20T09:30:00+08:00", review_state=state, review_label=state,
        review_comment="", changed_after_lock=False, evidence_count=evidence)


def make_evidence(number: int, *, thumbnail: Path | None = None, media_type: str = "image/jpeg") -> EvidenceSummary:
    file = EvidenceFileSummary(f"现场照片{number}.jpg", f"现场照片{number}.jpg", f"{number:064x}", 120_000, media_type,
                               dt.date(2026, 9, 1), thumbnail)
    return EvidenceSummary(number, 1, "photo", "照片", f"健康讲座现场照片{number}", dt.date(2026, 9, 1), "", "", (file,))


def make_evaluation(indicator_id: int, code: str, year: int, verdict: str, value_text: str = "",
                    judged_by: str = "") -> IndicatorEvaluation:
    return IndicatorEvaluation(indicator_id, code, f"指标{indicator_id}", "%", "（1）健康促进行动", "预期性", "higher",
                               "10", 2030, "≥36", 35.0 if value_text else None, value_text, Verdict(verdict),
                               verdict, Message.of("judge_state", text=f"理由：{verdict}"), judged_by)


class FakeServices:
    """In-memory stand-in for AppServices. Tests set the attributes they need before building a view."""

    def __init__(self, root: Path | None = None) -> None:
        self.workspace_root = root or Path("/tmp/hpdesk-fake-workspace")
        self.actor = "tester"
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self.merge_plan: Any = None  # what preview_unit_merge answers (None: three tasks move, no clash)
        self.office_profile: OfficeProfile | None = OfficeProfile("管城回族区", "管城回族区卫生健康委员会", "county",
                                                                  "区卫健委", "管卫健", "")
        self.plan_overview = PlanOverview(1, 2, 3, 3, 2, 0)
        self.action_list = [ActionNavRow(1, "（1）健康促进行动", "健康郑州行动", 2),
                            ActionNavRow(2, "（2）合理膳食行动", "健康郑州行动", 1)]
        self.tasks = [make_task(1, 1, handed_in=1), make_task(2, 1, approved=2, handed_in=2), make_task(3, 2)]
        self.unit_list = [UnitSummary(1, "区卫健委", "department", "部门", ("区卫生健康委",), ("市卫生健康委",), 3, 0),
                          UnitSummary(2, "区教育局", "department", "部门", ("区教体局",), ("市教育局",), 0, 2)]
        self.unit_rows = [
            UnitReportRow(1, "区卫健委", "lead", True, 11, "in_progress", "submitted", "", 2, "王芳", "2026-11-20T09:30", False),
            UnitReportRow(2, "区教育局", "co", True, None, "not_started", "draft", "", 0, "", None, False),
        ]
        self.period_list = [make_period("2026H1", "locked"), make_period("2026H2", "open")]
        self.queue = [make_report(number) for number in range(1, 4)]
        self.stored_report: ReportSummary | None = make_report(1, state="draft")
        self.stored_evidence: list[EvidenceSummary] = [make_evidence(1)]
        self.grid = [IndicatorGridRow(1, "I001", "居民健康素养水平", "%", "（1）健康促进行动", "预期性", "14.38",
                                      ((2025, "≥25"), (2030, "≥36")), ((2024, "30%"), (2025, "35.86%"))),
                     IndicatorGridRow(2, "I002", "建立健康科普专家库", "", "（2）合理膳食行动", "倡导性", "",
                                      ((2030, "实现"),), ((2025, "已建立"),))]
        self.verdicts = {2024: "on_track", 2025: "met"}
        self.identity: Any = None
        self.seal: Path | None = None
        self.cadence_value = Cadence()
        self.search_hits = [SearchHit("task", "A01-T001", "开展健康教育", task_id=1),
                            SearchHit("unit", "区教育局", "区教体局", unit_id=2),
                            SearchHit("evidence", "健康讲座现场照片", "A01-T002 · 区卫健委 · 2026H2", task_id=2, unit_id=1,
                                      period_label="2026H2")]
        self.failures: dict[str, BaseException] = {}
        self.preview: Any = None
        self.assignment_state = AssignmentCounts(unassigned=0, unconfirmed=0)
        self.indicators_without_value = 0
        self.last_filler: dict[str, str] = {}
        self.counties: list[Any] = []  # the city level's answers
        self.inbox: list[Any] = []
        self.receive_report: Any = None
        self.period_receipts: dict[str, Any] = {}  # the county side's receipts from the city
        self.city_pinned = False
        self.imported_receipt: Any = None
        self.consolidation_result: Any = None
        self.forms_analysis: Any = None

    def _record(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.calls.append((name, args, kwargs))
        if name in self.failures:
            raise self.failures[name]

    def called(self, name: str) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
        return [(args, kwargs) for call, args, kwargs in self.calls if call == name]

    # office and plan
    def office(self) -> OfficeProfile | None:
        return self.office_profile

    def set_up_office(self, *, region: str, office: str, level: str = "county", short_name: str = "",
                      doc_prefix: str = "", addressee: str = "") -> OfficeProfile:
        self._record("set_up_office", region=region, office=office, level=level, short_name=short_name,
                     doc_prefix=doc_prefix, addressee=addressee)
        self.office_profile = OfficeProfile(region, office, level, short_name, doc_prefix, addressee)
        return self.office_profile

    def update_office(self, changes: OfficeChanges) -> OfficeProfile:
        self._record("update_office", changes)
        assert self.office_profile is not None
        self.office_profile = replace(self.office_profile, **changes.given())
        return self.office_profile

    def overview(self) -> PlanOverview:
        return self.plan_overview

    def action_rows(self, county_only: bool = True) -> list[ActionNavRow]:
        return self.action_list

    def _filtered(self, task_filter: TaskFilter) -> list[TaskListRow]:
        rows = self.tasks
        if task_filter.action_id is not None:
            rows = [row for row in rows if row.action_label.startswith(f"（{task_filter.action_id}）")]
        if task_filter.unit_id is not None:
            rows = [row for row in rows if task_filter.unit_id == 1]
        if task_filter.review_state == "approved":
            rows = [row for row in rows if row.approved]
        if task_filter.county_only:
            rows = [row for row in rows if row.falls_to_county]
        return rows

    def count_tasks(self, task_filter: TaskFilter) -> int:
        return len(self._filtered(task_filter))

    def task_rows(self, task_filter: TaskFilter, limit: int | None = None, offset: int = 0) -> list[TaskListRow]:
        rows = self._filtered(task_filter)[offset:]
        return rows[:limit] if limit is not None else rows

    def task_detail(self, task_id: int) -> TaskDetail | None:
        task = next((row for row in self.tasks if row.id == task_id), None)
        if task is None:
            return None
        text = TaskText(task_text=task.text, measures="推进措施", work_plan="印发方案、会议纪要、现场照片",
                        reporting_note="每半年报送", lead_text="市卫健委", responsible_text="市教育局、各区县（市）")
        return TaskDetail(task.id, task.code, "健康郑州行动", task.action_label, f"({task.id})", text, "semiannual",
                          task.falls_to_county, (), "重点任务 A3:D3")

    def unit_reports(self, task_id: int, period_label: str | None) -> list[UnitReportRow]:
        return list(self.unit_rows)

    def task_id_for_code(self, code: str) -> int | None:
        return next((row.id for row in self.tasks if row.code == code), None)

    def search(self, text: str) -> list[SearchHit]:
        self._record("search", text)
        return [hit for hit in self.search_hits if text in hit.title + hit.detail] or list(self.search_hits)

    # units and assignments
    def units(self) -> list[UnitSummary]:
        return list(self.unit_list)

    def add_unit(self, name: str, unit_type: str, aliases: list[str], counterparts: list[str]) -> UnitSummary:
        self._record("add_unit", name, unit_type, aliases, counterparts)
        unit = UnitSummary(len(self.unit_list) + 1, name, unit_type, unit_type, tuple(aliases), tuple(counterparts), 0, 0)
        self.unit_list.append(unit)
        return unit

    def update_unit(self, name: str, *, new_name: str | None = None, unit_type: str | None = None,
                    add_aliases: list[str] | None = None, remove_aliases: list[str] | None = None,
                    add_counterparts: list[str] | None = None, remove_counterparts: list[str] | None = None,
                    contact: str | None = None, active: bool | None = None) -> UnitSummary:
        self._record("update_unit", name, new_name=new_name, unit_type=unit_type, add_aliases=add_aliases,
                     remove_aliases=remove_aliases, add_counterparts=add_counterparts,
                     remove_counterparts=remove_counterparts, contact=contact, active=active)
        return self.unit_list[0]

    def seed_units_from_plan(self) -> list[UnitSummary]:
        self._record("seed_units_from_plan")
        return []

    def suggest_assignments(self, apply: bool = False) -> dict[str, tuple[str, list[str]]]:
        self._record("suggest_assignments", apply=apply)
        return {}

    def assign_task(self, task_code: str, lead: str, co: list[str]) -> list[Any]:
        self._record("assign_task", task_code, lead, co)
        return []

    def assign_tasks(self, task_codes: list[str], lead: str, co: list[str]) -> int:
        self._record("assign_tasks", task_codes, lead, co)
        return len(task_codes)

    def confirm_all_suggestions(self) -> int:
        self._record("confirm_all_suggestions")
        return self.assignment_state.unconfirmed

    def confirm_assignments(self, task_codes: list[str]) -> int:
        self._record("confirm_assignments", task_codes)
        self.unit_rows = [replace(row, confirmed=True) for row in self.unit_rows]
        return len(task_codes)

    def assignment_counts(self) -> AssignmentCounts:
        return self.assignment_state

    def set_up_first_run(self, setup: FirstRunSetUp, year: int, progress: Any, cancel: Any, *,
                         today: dt.date | None = None) -> None:
        """The real façade's sequence, run against this fake's methods (so a test sees each step it asks for)."""
        Desk.set_up_first_run(self, setup, year, progress, cancel, today=today)  # type: ignore[arg-type]

    def prepare_after_import(self, year: int, *, today: dt.date | None = None) -> dict[str, int]:
        self._record("prepare_after_import", year, today=today)
        return {"units": 0, "assignments": 0, "periods": 0}

    # periods
    def periods(self) -> list[PeriodSummary]:
        return list(self.period_list)

    def create_periods(self, first_year: int, last_year: int, kind: str) -> list[PeriodSummary]:
        self._record("create_periods", first_year, last_year, kind)
        return self.period_list

    def set_period_state(self, label: str, state: str, reason: str = "") -> PeriodSummary:
        self._record("set_period_state", label, state, reason)
        index = next(i for i, period in enumerate(self.period_list) if period.label == label)
        self.period_list[index] = replace(self.period_list[index], state=state)
        return self.period_list[index]

    def cadence(self) -> Cadence:
        return self.cadence_value

    def set_cadence(self, new_cadence: Cadence) -> None:
        self._record("set_cadence", new_cadence)
        self.cadence_value = new_cadence

    # reports and review
    def review_counts(self, period_label: str) -> dict[str, int]:
        return {"draft": 3, "submitted": len(self.queue), "returned": 1, "approved": 2}

    def count_reports(self, period_label: str, review_state: str) -> int:
        return len(self.queue)

    def reports(self, period_label: str, review_state: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[ReportSummary]:
        rows = self.queue[offset:]
        return rows[:limit] if limit is not None else rows

    def report(self, task_code: str, unit: str, period_label: str) -> ReportSummary | None:
        return self.stored_report

    def last_filled_by(self, unit: str) -> str:
        return self.last_filler.get(unit, "")

    def save_report(self, task_code: str, unit: str, period_label: str, changes: ReportChanges,
                    reason: str = "") -> ReportSummary:
        self._record("save_report", task_code, unit, period_label, changes=changes, reason=reason)
        base = self.stored_report or make_report(1, state="draft")
        self.stored_report = replace(base, **{field.name: getattr(changes, field.name) for field in fields(changes)
                                             if getattr(changes, field.name) is not None})
        return self.stored_report

    def review(self, task_code: str, unit: str, period_label: str, action: str, comment: str = "",
               reason: str = "") -> ReportSummary:
        self._record("review", task_code, unit, period_label, action, comment, reason)
        state = {"submit": "submitted", "approve": "approved", "return": "returned", "reopen": "draft"}[action]
        self.queue = [report for report in self.queue if report.task_code != task_code or report.unit != unit]
        base = self.stored_report or make_report(1)
        self.stored_report = replace(base, review_state=state, review_comment=comment)
        return self.stored_report

    def completeness(self, period_label: str) -> Completeness:
        rows = (CompletenessRow("（1）健康促进行动", 4, 3, 1, 1, 1, 1), CompletenessRow("（2）合理膳食行动", 2, 1, 0, 1, 0, 1))
        units = (CompletenessRow("区卫健委", 4, 3, 1, 2, 0, 1), CompletenessRow("区教育局", 2, 1, 0, 0, 1, 1))
        overdue = (OverdueItem("A01-T001", "开展第1项健康教育工作", "区教育局", "draft"),)
        return Completeness(period_label, dt.date(2026, 6, 15), dt.date(2026, 7, 1),
                            CompletenessRow("合计", 6, 4, 1, 2, 1, 2), units, rows, overdue)

    def export_readiness(self, period_label: str) -> ExportReadiness:
        total = self.completeness(period_label).total
        period = next(p for p in self.period_list if p.label == period_label)
        return ExportReadiness(period_label, period.name, self.assignment_state, total.expected, total.approved, 2025,
                               len(self.grid), self.indicators_without_value)

    # evidence
    def evidence(self, task_code: str, unit: str, period_label: str) -> list[EvidenceSummary]:
        return list(self.stored_evidence)

    def add_evidence(self, task_code: str, unit: str, period_label: str, files: list[Path], **details: Any) -> Any:
        self._record("add_evidence", task_code, unit, period_label, files, **details)
        details["progress"].update(1, 1, None)
        item = replace(make_evidence(len(self.stored_evidence) + 1), title=details["title"])
        self.stored_evidence.append(item)
        return EvidenceResult(item)

    def suggest_evidence(self, files: list[Path]) -> list[Any]:
        from hpdesk.services.evidence_suggestions import suggest_for_files

        return suggest_for_files(files)

    def update_evidence(self, evidence_id: int, **details: Any) -> EvidenceResult:
        self._record("update_evidence", evidence_id, **details)
        index = next(i for i, item in enumerate(self.stored_evidence) if item.id == evidence_id)
        self.stored_evidence[index] = replace(self.stored_evidence[index], kind=details["kind"],
                                              title=details["title"])
        return EvidenceResult(self.stored_evidence[index])

    def remove_evidence(self, evidence_id: int, reason: str = "") -> None:
        self._record("remove_evidence", evidence_id, reason)
        self.stored_evidence = [item for item in self.stored_evidence if item.id != evidence_id]

    def viewable_file(self, sha256: str, file_name: str) -> Path:
        self._record("viewable_file", sha256, file_name)
        return self.workspace_root / file_name

    # indicators
    def indicator_grid(self) -> list[IndicatorGridRow]:
        return list(self.grid)

    def evaluations(self, year: int) -> list[IndicatorEvaluation]:
        verdict = self.verdicts.get(year, "needs_judgement")
        return [make_evaluation(row.id, row.code, year, verdict, row.value_for(year)) for row in self.grid]

    def verdict_summary(self, year: int) -> VerdictSummary:
        return VerdictSummary(year, 2, {"met": 1, "not_met": 0, "on_track": 1, "off_track": 0, "needs_judgement": 0,
                                        "no_value": 0})

    def set_indicator_value(self, code: str, year: int, value_text: str) -> IndicatorEvaluation:
        self._record("set_indicator_value", code, year, value_text)
        row = next(row for row in self.grid if row.code == code)
        return make_evaluation(row.id, code, year, "not_met", value_text)

    def record_judgement(self, code: str, year: int, verdict: str, reason: str) -> IndicatorEvaluation:
        self._record("record_judgement", code, year, verdict, reason)
        row = next(row for row in self.grid if row.code == code)
        return make_evaluation(row.id, code, year, verdict or "needs_judgement", row.value_for(year), "tester")

    # identity
    def identity_info(self) -> Any:
        return self.identity

    def seal_image(self) -> Path | None:
        return self.seal

    def set_seal_image(self, source: Path) -> Path:
        self._record("set_seal_image", source)
        self.seal = self.workspace_root / "identity" / "seal.png"
        return self.seal

    def clear_seal_image(self) -> None:
        self._record("clear_seal_image")
        self.seal = None

    def create_identity(self, office_name: str, passphrase: str, replace: bool = False) -> Any:
        self._record("create_identity", office_name, passphrase, replace=replace)
        self.identity = make_identity(office_name)
        return self.identity

    def import_identity(self, p12_file: Path, passphrase: str, replace: bool = False) -> Any:
        self._record("import_identity", p12_file, passphrase, replace=replace)
        self.identity = make_identity("导入的单位")
        return self.identity

    def change_passphrase(self, old: str, new: str) -> Any:
        self._record("change_passphrase", old, new)
        return self.identity

    def export_certificate(self, target: Path) -> Path:
        self._record("export_certificate", target)
        return target

    # import and export
    def sheet_names(self, path: Path) -> list[str]:
        return ["Sheet1"]

    def first_filled_row(self, path: Path, sheet: str | None) -> tuple[str, ...]:
        return ("编号", "工作事项", "部门")

    def analyse_workbook(self, path: Path, progress: Any, cancel: Any, **options: Any) -> Any:
        self._record("analyse_workbook", path, **options)
        if self.preview is None:
            raise UserError("import_no_header", file=path.name, sheet="Sheet1")
        return self.preview

    def apply_import(self, preview: Any, progress: Any, cancel: Any) -> Any:
        self._record("apply_import", preview)
        self.plan_overview = PlanOverview(1, 2, 3, 3, 0, 0)
        return object()

    def backup(self, destination: Path, progress: Any, cancel: Any) -> Path:
        self._record("backup", destination)
        destination.write_bytes(b"PK")
        return destination

    def export_submission(self, period_label: str, destination: Path, passphrase: str, doc_number: str,
                          progress: Any, cancel: Any) -> Path:
        self._record("export_submission", period_label, destination, passphrase, doc_number)
        package = destination / f"区卫健委-{period_label}-报送包-1.zip"
        if destination.is_dir():  # as the service does: the signed PDF and the Excel beside the zip
            for suffix in (".zip", ".pdf", ".xlsx"):
                package.with_suffix(suffix).write_bytes(b"x")
        return package

    def preview_packet(self, period_label: str, doc_number: str, progress: Any, cancel: Any) -> Path:
        """A real two-page PDF (drawn with Qt), so the preview dialog has something to show and print."""
        self._record("preview_packet", period_label, doc_number)
        from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

        path = Path(tempfile.mkdtemp(prefix="hpdesk-fake-preview-")) / f"{period_label}-预览.pdf"
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        painter = QPainter(writer)
        painter.drawText(100, 100, "第一页")
        writer.newPage()
        painter.drawText(100, 100, "第二页")
        painter.end()
        return path


    def preview_unit_merge(self, merged: str, kept: str, keep: str | None = None) -> Any:
        from hpdesk.services.unit_merge import MergePlan

        self._record("preview_unit_merge", merged, kept, keep)
        return replace(self.merge_plan, merged=merged, kept=kept) if self.merge_plan else MergePlan(
            merged, kept, 3, 0, 2, 1, (merged,))

    def merge_units(self, merged: str, kept: str, keep: str | None = None) -> Any:
        self._record("merge_units", merged, kept, keep)
        self.unit_list = [unit for unit in self.unit_list if unit.name != merged]
        return self.preview_unit_merge(merged, kept, keep)

    # --- city level (issue 15): empty by default; tests set what they need -------------------------------------

    def city_counties(self) -> list[Any]:
        return list(self.counties)

    def add_county(self, name: str, region: str = "", contact: str = "") -> Any:
        self._record("add_county", name, region, contact)
        return None

    def trust_county_certificate(self, county: str, certificate_file: Path) -> Any:
        self._record("trust_county_certificate", county, certificate_file)
        return None

    def untrust_county_certificate(self, county: str, fingerprint: str, after: str | None = None) -> Any:
        self._record("untrust_county_certificate", county, fingerprint, after)
        return None

    def receive_packages(self, sources: list[Path], progress: Any = None, cancel: Any = None) -> Any:
        self._record("receive_packages", list(sources))
        return self.receive_report

    def city_inbox(self) -> list[Any]:
        return list(self.inbox)

    def return_submission(self, package_id: int, reason: str, out_dir: Path, passphrase: str) -> Any:
        self._record("return_submission", package_id, reason, out_dir)
        return None

    def consolidation(self, period_label: str) -> Any:
        return self.consolidation_result

    def city_tasks(self) -> list[tuple[str, str]]:
        return []

    def city_task_view(self, period_label: str, code: str) -> Any:
        return None

    def search_answers(self, text: str, period_label: str | None = None) -> list[Any]:
        return []

    def write_city_outputs(self, period_label: str, out_dir: Path, progress: Any = None, cancel: Any = None) -> Any:
        self._record("write_city_outputs", period_label, out_dir)
        return None
    # --- fill-in forms ------------------------------------------------------------------------------------------

    def form_units(self, period_label: str) -> list[tuple[str, int]]:
        self._record("form_units", period_label)
        return [("区卫健委", 3), ("北下街街道", 2), ("区民政局", 0)]

    def export_forms(self, period_label: str, destination: Path, units: list[str], zip_each: bool,
                     progress: Any, cancel: Any) -> Any:
        from hpdesk.services.forms.export import FormsExport, IssuedForm

        self._record("export_forms", period_label, destination, units, zip_each)
        forms = tuple(IssuedForm(unit, f"id-{unit}", "1A2B3C4D", destination / f"{unit}-填报表.xlsx", 2)
                      for unit in units)
        return FormsExport(period_label, forms, ("区民政局",))

    def analyse_forms(self, paths: list[Path], period_label: str | None, progress: Any, cancel: Any) -> Any:
        self._record("analyse_forms", paths, period_label)
        return self.forms_analysis

    def apply_forms(self, analysis: Any, accepted: dict[str, set[str]] | None, progress: Any,
                    cancel: Any) -> list[Any]:
        from hpdesk.services.forms.apply import FormImportResult

        self._record("apply_forms", analysis, accepted)
        return [FormImportResult(p.file, p.form_code, p.unit, p.period, ("A01-T001",), 1, 1, (), (), (), ())
                for p in analysis.previews]

    def discard_forms(self, analysis: Any) -> None:
        self._record("discard_forms", analysis)

    # --- county side of the city's receipts: per period label, set by the tests ------------------------------------

    def city_receipt(self, period_label: str) -> Any:
        return self.period_receipts.get(period_label)

    def city_certificate_pinned(self) -> bool:
        return self.city_pinned

    def import_city_receipt(self, path: Path, trust: Path | None = None) -> Any:
        self._record("import_city_receipt", path, trust)
        self.city_pinned = True
        return self.imported_receipt

    # a shared office database (issue 17): set `shared_url`, `clerk`, `clerk_list`, `change_events` in a test
    def shared_database(self) -> str | None:
        return getattr(self, "shared_url", None)

    def current_clerk(self) -> Any:
        return getattr(self, "clerk", None)

    def clerks(self) -> list[Any]:
        return list(getattr(self, "clerk_list", []))

    def add_clerk(self, login: str, role: str, units: Sequence[str] = (), display_name: str = "") -> Any:
        from hpdesk.services.clerks import ROLE_LABELS, ClerkSummary

        self._record("add_clerk", login, role, tuple(units), display_name)
        clerk = ClerkSummary(login, display_name, role, ROLE_LABELS.get(role, role), tuple(units), True)
        self.clerk_list = [*self.clerks(), clerk]
        return clerk

    def remove_clerk(self, login: str) -> None:
        self._record("remove_clerk", login)
        self.clerk_list = [clerk for clerk in self.clerks() if clerk.login != login]

    def change_token(self) -> int:
        return max((event.event_id for event in getattr(self, "change_events", [])), default=0)

    def save_report_seen(self, version: int, task_code: str, unit: str, period_label: str, changes: ReportChanges,
                         reason: str = "") -> ReportSummary:
        """Refused as the services do when `stored_report` is no longer at `version` (another clerk saved it)."""
        self._record("save_report_seen", version, task_code, unit, period_label)
        if self.stored_report is not None and self.stored_report.version != version:
            raise UserError("report_changed_by_other", who=self.stored_report.filled_by, changes="工作进展")
        saved = self.save_report(task_code, unit, period_label, changes, reason)
        self.stored_report = replace(saved, version=version + 1)
        return self.stored_report

    def changes_since(self, token: int) -> list[Any]:
        return [event for event in getattr(self, "change_events", []) if event.event_id > token]

    def join_shared_database(self, url: str, password: str, attachments: Path, region: str = "", office: str = "",
                             level: str = "county") -> OfficeProfile | None:
        """Becomes the shared workspace at `url`: its office is `office_profile` (set it for a joined database)."""
        self._record("join_shared_database", url, password, attachments, region, office, level)
        self.shared_url = url
        if self.office_profile is None:
            self.office_profile = OfficeProfile(region, office, level, "", "", "")
        return self.office_profile


def make_identity(office_name: str) -> Any:
    from hpdesk.services.identity import IdentityInfo

    return IdentityInfo(office_name, f"CN={office_name}", "ab" * 32, ":".join(["AB"] * 32), "ABAB ABAB ABAB ABAB",
                        dt.datetime(2026, 1, 1), dt.datetime(2036, 1, 1), "EC P-256", Path("/tmp/cert.pem"))


class FakePrompts:
    """Answers every question at once. Set the answers first; what was asked is recorded."""

    def __init__(self) -> None:
        self.workbook: Path | None = None
        self.evidence_files: list[Path] = []
        self.identity_file: Path | None = None
        self.seal_file: Path | None = None
        self.save_path: Path | None = None
        self.folder: Path | None = None
        self.files: list[Path] = []
        self.file_answers: list[list[Path]] = []
        self.confirm_answer = True
        self.unsaved_answer = "discard"
        self.text_answers: list[str | None] = []
        self.passphrases: list[str | None] = []
        self.choice_answer: int | None = 0
        self.choice_answers: list[int | None] = []  # answered in turn before falling back to choice_answer
        self.evidence_answer: Any = "accept"
        self.batch_answer: Any = None
        self.batch_suggestions: list[Any] = []
        self.open_file_result = True
        self.warnings: list[str] = []
        self.informations: list[str] = []
        self.asked: list[str] = []
        self.opened: list[Path] = []

    def choose_workbook(self) -> Path | None:
        return self.workbook

    def choose_evidence_files(self) -> list[Path]:
        return self.evidence_files

    def choose_identity_file(self) -> Path | None:
        return self.identity_file

    def choose_seal_image(self) -> Path | None:
        return self.seal_file

    def choose_files(self, title: str, file_filter: str) -> list[Path]:
        if self.file_answers:  # answered in turn before falling back to files
            return list(self.file_answers.pop(0))
        return list(self.files)

    def choose_save_path(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        return self.save_path

    def choose_folder(self, title: str, start: Path) -> Path | None:
        return self.folder

    def open_file(self, path: Path) -> bool:
        self.opened.append(path)
        return self.open_file_result

    def inform(self, title: str, text: str) -> None:
        self.informations.append(text)

    def warn(self, title: str, text: str) -> None:
        self.warnings.append(text)

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.confirm_answer

    def ask_unsaved(self, title: str, text: str) -> str:
        self.asked.append(text)
        return self.unsaved_answer

    def ask_text(self, title: str, label: str, text: str = "", *, multiline: bool = False) -> str | None:
        self.asked.append(label)
        return self.text_answers.pop(0) if self.text_answers else None

    def ask_passphrase(self, title: str, label: str) -> str | None:
        self.asked.append(label)
        return self.passphrases.pop(0) if self.passphrases else None

    def ask_choice(self, title: str, label: str, choices: list[str], current: int = 0) -> int | None:
        self.asked.append(label)
        return self.choice_answers.pop(0) if self.choice_answers else self.choice_answer

    def ask_evidence_details(self, files: list[Path], suggestion: Any) -> Any:
        self.asked.append("evidence details")
        if self.evidence_answer == "accept":
            return suggestion
        return self.evidence_answer

    def ask_evidence_batch(self, suggestions: list[Any]) -> Any:
        """Accepts the suggestions row by row unless `batch_answer` says otherwise."""
        self.asked.append("evidence batch")
        self.batch_suggestions = suggestions
        if self.batch_answer is not None:
            return self.batch_answer
        from hpdesk.ui.dialogs.evidence_details_dialog import EvidenceDetails

        return [([s.path], EvidenceDetails(s.kind, s.title, s.event_date)) for s in suggestions]

    def about(self, title: str, html: str) -> None:
        self.informations.append(html)
