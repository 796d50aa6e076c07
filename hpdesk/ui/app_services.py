"""AppServices: every service call the desktop app makes, bundled around one open Workspace.

Views and dialogs talk only to this object (tests pass a fake with the same methods), receive frozen dataclasses
and ids, and never see a session or an ORM record. Long calls take a ProgressSink and a CancelToken and are run by
the JobRunner; nothing here knows about Qt.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hpdesk.domain.calendar import Cadence
from hpdesk.services import (
    assignments, completeness, evidence, evidence_suggestions, export_readiness, identity, indicator_evaluation,
    maintenance, periods, plan_queries, reports, seal_image, task_list, units,
)
from hpdesk.services.child_process import run_in_child
from hpdesk.services.importing import plan_import, workbook_reader
from hpdesk.services.indicator_grid import IndicatorGridRow, indicator_grid
from hpdesk.services.progress import CancelToken, ProgressSink
from hpdesk.services.review import review_report
from hpdesk.services.search import SearchHit, search_everything
from hpdesk.services.task_detail import TaskDetail, UnitReportRow, task_detail, unit_reports
from hpdesk.services.workspace import OfficeProfile, Workspace, office_profile, set_up_office, update_office_profile


@dataclass
class AppServices:
    workspace: Workspace

    @property
    def workspace_root(self) -> Path:
        return self.workspace.root

    @property
    def actor(self) -> str:
        return self.workspace.actor

    # --- office ------------------------------------------------------------------------------------------------------

    def office(self) -> OfficeProfile | None:
        return office_profile(self.workspace)

    def set_up_office(self, **fields: str) -> OfficeProfile:
        return set_up_office(self.workspace, **fields)

    def update_office(self, **changes: str) -> OfficeProfile:
        return update_office_profile(self.workspace, **changes)

    # --- the plan ----------------------------------------------------------------------------------------------------

    def overview(self) -> plan_queries.PlanOverview:
        return plan_queries.plan_overview(self.workspace)

    def action_rows(self, county_only: bool = True) -> list[plan_queries.ActionNavRow]:
        return plan_queries.list_action_rows(self.workspace, county_only=county_only)

    def count_tasks(self, task_filter: task_list.TaskFilter) -> int:
        return task_list.count_tasks(self.workspace, task_filter)

    def task_rows(self, task_filter: task_list.TaskFilter, limit: int | None = None,
                  offset: int = 0) -> list[task_list.TaskListRow]:
        return task_list.list_task_rows(self.workspace, task_filter, limit=limit, offset=offset)

    def task_detail(self, task_id: int) -> TaskDetail | None:
        return task_detail(self.workspace, task_id)

    def unit_reports(self, task_id: int, period_label: str | None) -> list[UnitReportRow]:
        return unit_reports(self.workspace, task_id, period_label)

    def task_id_for_code(self, code: str) -> int | None:
        return task_list.task_id_for_code(self.workspace, code)

    def search(self, text: str) -> list[SearchHit]:
        return search_everything(self.workspace, text)

    # --- units and assignments ---------------------------------------------------------------------------------------

    def units(self) -> list[units.UnitSummary]:
        return units.list_units(self.workspace)

    def add_unit(self, name: str, unit_type: str, aliases: list[str], counterparts: list[str]) -> units.UnitSummary:
        return units.add_unit(self.workspace, name, unit_type, aliases=aliases, counterparts=counterparts)

    def update_unit(self, name: str, **changes: Any) -> units.UnitSummary:
        return units.update_unit(self.workspace, name, **changes)

    def seed_units_from_plan(self) -> list[units.UnitSummary]:
        return units.seed_units_from_plan(self.workspace)

    def suggest_assignments(self, apply: bool = False) -> dict[str, tuple[str, list[str]]]:
        return assignments.suggest_assignments(self.workspace, apply=apply)

    def assign_task(self, task_code: str, lead: str, co: list[str]) -> list[assignments.AssignmentSummary]:
        return assignments.assign_task(self.workspace, task_code, lead, co, confirmed=True)

    def assign_tasks(self, task_codes: list[str], lead: str, co: list[str]) -> int:
        return len(assignments.assign_tasks(self.workspace, task_codes, lead, co, confirmed=True))

    def confirm_assignments(self, task_codes: list[str]) -> int:
        return assignments.confirm_assignments(self.workspace, task_codes)

    def confirm_all_suggestions(self) -> int:
        return assignments.confirm_assignments(self.workspace, None)

    def assignment_counts(self) -> export_readiness.AssignmentCounts:
        return export_readiness.assignment_counts(self.workspace)

    def prepare_after_import(self, year: int) -> dict[str, int]:
        """What a county needs after its first import: units mirroring the plan's city departments, suggested
        (unconfirmed) assignments for unassigned county tasks, and this year's half-yearly periods if none exist.
        Each step only adds what is missing, so running it after every import is harmless."""
        created_units = self.seed_units_from_plan()
        suggestions = self.suggest_assignments(apply=True)
        created_periods = 0 if self.periods() else len(self.create_periods(year, year, "semiannual"))
        return {"units": len(created_units), "assignments": len(suggestions), "periods": created_periods}

    # --- periods -----------------------------------------------------------------------------------------------------

    def periods(self) -> list[periods.PeriodSummary]:
        return periods.list_periods(self.workspace)

    def create_periods(self, first_year: int, last_year: int, kind: str) -> list[periods.PeriodSummary]:
        return periods.create_periods(self.workspace, first_year, last_year, kind)

    def set_period_state(self, label: str, state: str, reason: str = "") -> periods.PeriodSummary:
        return periods.set_period_state(self.workspace, label, state, reason)

    def cadence(self) -> Cadence:
        return periods.cadence(self.workspace)

    def set_cadence(self, new_cadence: Cadence) -> None:
        periods.set_cadence(self.workspace, new_cadence)

    # --- reports and review ------------------------------------------------------------------------------------------

    def review_counts(self, period_label: str) -> dict[str, int]:
        return completeness.review_state_counts(self.workspace, period_label)

    def count_reports(self, period_label: str, review_state: str) -> int:
        return reports.count_reports(self.workspace, period_label, review_state=review_state)

    def reports(self, period_label: str, review_state: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[reports.ReportSummary]:
        return reports.list_reports(self.workspace, period_label, review_state=review_state, limit=limit,
                                    offset=offset)

    def report(self, task_code: str, unit: str, period_label: str) -> reports.ReportSummary | None:
        found = reports.list_reports(self.workspace, period_label, task_code=task_code, unit_name=unit)
        return found[0] if found else None

    def last_filled_by(self, unit: str) -> str:
        return reports.last_filled_by(self.workspace, unit)

    def save_report(self, task_code: str, unit: str, period_label: str, reason: str = "",
                    **changes: object) -> reports.ReportSummary:
        return reports.set_report(self.workspace, task_code, unit, period_label, reason=reason, **changes)

    def review(self, task_code: str, unit: str, period_label: str, action: str, comment: str = "",
               reason: str = "") -> reports.ReportSummary:
        return review_report(self.workspace, task_code, unit, period_label, action, comment, reason)

    def completeness(self, period_label: str) -> completeness.Completeness:
        return completeness.completeness(self.workspace, period_label)

    def export_readiness(self, period_label: str) -> export_readiness.ExportReadiness:
        return export_readiness.export_readiness(self.workspace, period_label)

    # --- evidence ----------------------------------------------------------------------------------------------------

    def evidence(self, task_code: str, unit: str, period_label: str) -> list[evidence.EvidenceSummary]:
        return evidence.list_evidence(self.workspace, task_code, unit, period_label)

    def add_evidence(self, task_code: str, unit: str, period_label: str, files: list[Path], *, kind: str,
                     title: str, event_date: date | None, doc_number: str, description: str, reason: str,
                     progress: ProgressSink, cancel: CancelToken) -> evidence.EvidenceResult:
        return evidence.add_evidence(self.workspace, task_code, unit, period_label, kind=kind, title=title,
                                     files=files, event_date=event_date, doc_number=doc_number,
                                     description=description, reason=reason, progress=progress, cancel=cancel)

    def suggest_evidence(self, files: list[Path]) -> list[evidence_suggestions.EvidenceSuggestion]:
        return evidence_suggestions.suggest_for_files(files)

    def update_evidence(self, evidence_id: int, *, kind: str, title: str, event_date: date | None, doc_number: str,
                        description: str, reason: str = "") -> evidence.EvidenceResult:
        return evidence.update_evidence(self.workspace, evidence_id, kind=kind, title=title, event_date=event_date,
                                        doc_number=doc_number, description=description, reason=reason)

    def remove_evidence(self, evidence_id: int, reason: str = "") -> None:
        evidence.remove_evidence(self.workspace, evidence_id, reason)

    def viewable_file(self, sha256: str, file_name: str) -> Path:
        return evidence.open_attachment_path(self.workspace, sha256, file_name)

    # --- indicators --------------------------------------------------------------------------------------------------

    def indicator_grid(self) -> list[IndicatorGridRow]:
        return indicator_grid(self.workspace)

    def evaluations(self, year: int) -> list[indicator_evaluation.IndicatorEvaluation]:
        return indicator_evaluation.evaluate_all(self.workspace, year)

    def verdict_summary(self, year: int) -> indicator_evaluation.VerdictSummary:
        return indicator_evaluation.summarise(indicator_evaluation.evaluate_all(self.workspace, year), year)

    def set_indicator_value(self, code: str, year: int, value_text: str) -> indicator_evaluation.IndicatorEvaluation:
        return indicator_evaluation.set_indicator_value(self.workspace, code, year, value_text)

    def record_judgement(self, code: str, year: int, verdict: str,
                         reason: str) -> indicator_evaluation.IndicatorEvaluation:
        return indicator_evaluation.record_judgement(self.workspace, code, year, verdict, reason)

    # --- signing identity --------------------------------------------------------------------------------------------

    def identity_info(self) -> identity.IdentityInfo | None:
        return identity.load_identity_info(self.workspace.identity_dir)

    def create_identity(self, office_name: str, passphrase: str, replace: bool = False) -> identity.IdentityInfo:
        return identity.create_identity(self.workspace.identity_dir, office_name, passphrase, replace=replace)

    def import_identity(self, p12_file: Path, passphrase: str, replace: bool = False) -> identity.IdentityInfo:
        return identity.import_identity(self.workspace.identity_dir, p12_file.read_bytes(), passphrase,
                                        replace=replace)

    def change_passphrase(self, old: str, new: str) -> identity.IdentityInfo:
        return identity.change_passphrase(self.workspace.identity_dir, old, new)

    def export_certificate(self, target: Path) -> Path:
        return identity.export_certificate(self.workspace.identity_dir, target)

    def seal_image(self) -> Path | None:
        return seal_image.seal_image_path(self.workspace.identity_dir)

    def set_seal_image(self, source: Path) -> Path:
        return seal_image.set_seal_image(self.workspace.identity_dir, source)

    def clear_seal_image(self) -> None:
        seal_image.clear_seal_image(self.workspace.identity_dir)

    # --- import and export -------------------------------------------------------------------------------------------

    def sheet_names(self, path: Path) -> list[str]:
        return workbook_reader.sheet_names(path, visible_only=True) or workbook_reader.sheet_names(path)

    def first_filled_row(self, path: Path, sheet: str | None) -> tuple[str, ...]:
        return workbook_reader.first_filled_row(path, sheet)

    def analyse_workbook(self, path: Path, progress: ProgressSink, cancel: CancelToken, *, sheet: str | None = None,
                         column_fields: list[str] | None = None) -> plan_import.ImportPreview:
        return plan_import.analyse_workbook(self.workspace, path, sheet=sheet, mapping=column_fields,
                                            progress=progress, cancel=cancel)

    def apply_import(self, preview: plan_import.ImportPreview, progress: ProgressSink,
                     cancel: CancelToken) -> plan_import.ImportReport:
        return plan_import.apply_import(self.workspace, preview, progress, cancel)

    def backup(self, destination: Path, progress: ProgressSink, cancel: CancelToken) -> Path:
        return maintenance.backup_workspace(self.workspace, destination, progress, cancel)

    def export_submission(self, period_label: str, destination: Path, passphrase: str, doc_number: str,
                          progress: ProgressSink, cancel: CancelToken) -> Path:
        """Write the signed submission package for a period into `destination`; returns the package's path.
        Runs in a child process (see services/child_process.py: C-heavy PDF and Excel work would stall the UI)."""
        destination.mkdir(parents=True, exist_ok=True)
        return Path(run_in_child("hpdesk.services.exporting.submission:export_package_path", self.workspace.root,
                                 self.workspace.actor, {"period_label": period_label, "out_dir": destination,
                                                        "passphrase": passphrase, "doc_number": doc_number or None},
                                 progress, cancel))

    def preview_packet(self, period_label: str, doc_number: str, progress: ProgressSink,
                       cancel: CancelToken) -> Path:
        """Render the unsigned packet of a period into a fresh temporary folder (in a child process, like the
        export); returns the PDF's path."""
        folder = Path(tempfile.mkdtemp(prefix="hpdesk-preview-"))
        return run_in_child("hpdesk.services.exporting.preview:render_packet_preview", self.workspace.root,
                            self.workspace.actor, {"period_label": period_label,
                                                   "out_path": folder / f"{period_label}-预览.pdf",
                                                   "doc_number": doc_number or None}, progress, cancel)
