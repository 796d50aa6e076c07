"""Desk: the application façade. Every use case the desktop app and the `hpdesk` command run, around one Workspace.

Both front ends call this one object (as Electrum's `Commands` serves its CLI, RPC and GUI), so a use case made of
several steps — seeding units and periods after an import, the first-run set-up, the out-of-process export — runs
the same way from either. The UI depends only on the `AppServices` Protocol (hpdesk/ui/app_services.py), which this
class satisfies; the UI's test fakes are checked against the same Protocol.

Every method imports the service module it needs when it is called: opening a workspace must not load the export
stack (reportlab, pyHanko), the Excel readers or Alembic, and a command imports only what it runs. Results are frozen
dataclasses, never ORM objects; long calls take a ProgressSink and a CancelToken. The use cases that exchange with
others (the city, the units' forms, a shared database's clerks) are inherited from services/desk_exchanges.py.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import ReportKey
from hpdesk.services.desk_exchanges import Exchanges

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hpdesk.domain.calendar import Cadence
    from hpdesk.domain.table_layout import ColumnMapping
    from hpdesk.services.assignments import AssignmentSummary
    from hpdesk.services.completeness import Completeness
    from hpdesk.services.evidence import EvidenceResult, EvidenceSummary
    from hpdesk.services.evidence_suggestions import EvidenceSuggestion
    from hpdesk.services.export_readiness import AssignmentCounts, ExportReadiness
    from hpdesk.services.exporting.results import ExportResult
    from hpdesk.services.identity import IdentityInfo
    from hpdesk.services.importing.plan_import import ImportPreview, ImportReport
    from hpdesk.services.indicator_evaluation import IndicatorEvaluation, VerdictSummary
    from hpdesk.services.indicator_grid import IndicatorGridRow
    from hpdesk.services.periods import PeriodSummary
    from hpdesk.services.plan_queries import ActionNavRow, PlanOverview
    from hpdesk.services.progress import CancelToken, ProgressSink
    from hpdesk.services.reports import ReportChanges, ReportSummary
    from hpdesk.services.search import SearchHit
    from hpdesk.services.task_detail import TaskDetail, UnitReportRow
    from hpdesk.services.task_list import TaskFilter, TaskListRow
    from hpdesk.services.unit_merge import MergePlan
    from hpdesk.services.units import UnitSummary
    from hpdesk.services.workspace import OfficeChanges, OfficeProfile, Workspace

IDENTITY_CREATE, IDENTITY_IMPORT, IDENTITY_LATER = "create", "import", "later"

register_messages({
    "identity_file_unreadable": ("无法读取证书文件 {path}。", "Cannot read the certificate file {path}."),
})


@dataclass(frozen=True)
class FirstRunSetUp:
    """What the first-run wizard collected: the office, what to do about the signing identity, and the city's table
    already analysed (`preview`, or None to import later)."""

    region: str
    office: str
    level: str
    short_name: str = ""
    doc_prefix: str = ""
    identity: str = IDENTITY_LATER  # create | import | later
    passphrase: str = ""
    identity_file: Path | None = None
    preview: ImportPreview | None = None


class Desk(Exchanges):
    """The use cases of one open workspace. Open with `Desk.open(root)` (then `close()`) or wrap a Workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @classmethod
    def open(cls, root: Path | None = None, *, create: bool = False) -> Desk:
        """Lock and open the workspace at `root` (default: the user's); UserError when missing, busy or damaged."""
        from hpdesk.services.workspace import open_workspace

        return cls(open_workspace(root, create=create))

    def close(self) -> None:
        self.workspace.close()

    @property
    def workspace_root(self) -> Path:
        return self.workspace.root

    @property
    def actor(self) -> str:
        return self.workspace.actor

    # --- office ------------------------------------------------------------------------------------------------------

    def office(self) -> OfficeProfile | None:
        from hpdesk.services.workspace import office_profile

        return office_profile(self.workspace)

    def set_up_office(self, *, region: str, office: str, level: str = "county", short_name: str = "",
                      doc_prefix: str = "", addressee: str = "") -> OfficeProfile:
        from hpdesk.services.workspace import set_up_office

        return set_up_office(self.workspace, region=region, office=office, level=level, short_name=short_name,
                             doc_prefix=doc_prefix, addressee=addressee)

    def update_office(self, changes: OfficeChanges) -> OfficeProfile:
        from hpdesk.services.clerks import require_workspace_reviewer
        from hpdesk.services.workspace import update_office_profile

        require_workspace_reviewer(self.workspace, "office")  # the office, addressee and prefix the letter carries
        return update_office_profile(self.workspace, changes)

    def set_up_first_run(self, setup: FirstRunSetUp, year: int, progress: ProgressSink,
                         cancel: CancelToken, *, today: date | None = None) -> None:
        """The first-run wizard's Finish: record the office, create or import the signing identity, import the
        analysed table and prepare the county after it (`prepare_after_import`: with `today`, only periods not yet
        due). Each step is skipped when already done, so it can run again after an error without recording
        anything twice."""
        if self.office() is None:
            self.set_up_office(region=setup.region, office=setup.office, level=setup.level,
                               short_name=setup.short_name, doc_prefix=setup.doc_prefix)
        if setup.identity != IDENTITY_LATER and self.identity_info() is None:
            if setup.identity == IDENTITY_CREATE:
                self.create_identity(setup.office, setup.passphrase)
            elif setup.identity_file is not None:
                self.import_identity(setup.identity_file, setup.passphrase)
        if setup.preview is not None and self.overview().is_empty:
            self.apply_import(setup.preview, progress, cancel)
        if setup.preview is not None:
            self.prepare_after_import(year, today=today)

    # --- the plan ----------------------------------------------------------------------------------------------------

    def overview(self) -> PlanOverview:
        from hpdesk.services import plan_queries

        return plan_queries.plan_overview(self.workspace)

    def action_rows(self, county_only: bool = True) -> list[ActionNavRow]:
        from hpdesk.services import plan_queries

        return plan_queries.list_action_rows(self.workspace, county_only=county_only)

    def count_tasks(self, task_filter: TaskFilter) -> int:
        from hpdesk.services import task_list

        return task_list.count_tasks(self.workspace, task_filter)

    def task_rows(self, task_filter: TaskFilter, limit: int | None = None, offset: int = 0) -> list[TaskListRow]:
        from hpdesk.services import task_list

        return task_list.list_task_rows(self.workspace, task_filter, limit=limit, offset=offset)

    def task_detail(self, task_id: int) -> TaskDetail | None:
        from hpdesk.services import task_detail

        return task_detail.task_detail(self.workspace, task_id)

    def unit_reports(self, task_id: int, period_label: str | None) -> list[UnitReportRow]:
        from hpdesk.services import task_detail

        return task_detail.unit_reports(self.workspace, task_id, period_label)

    def task_id_for_code(self, code: str) -> int | None:
        from hpdesk.services import task_list

        return task_list.task_id_for_code(self.workspace, code)

    def search(self, text: str) -> list[SearchHit]:
        from hpdesk.services import search

        return search.search_everything(self.workspace, text)

    # --- units and assignments ---------------------------------------------------------------------------------------

    def units(self) -> list[UnitSummary]:
        from hpdesk.services import units

        return units.list_units(self.workspace)

    def add_unit(self, name: str, unit_type: str, aliases: list[str], counterparts: list[str]) -> UnitSummary:
        from hpdesk.services import units

        return units.add_unit(self.workspace, name, unit_type, aliases=aliases, counterparts=counterparts)

    def update_unit(self, name: str, *, new_name: str | None = None, unit_type: str | None = None,
                    add_aliases: list[str] | None = None, remove_aliases: list[str] | None = None,
                    add_counterparts: list[str] | None = None, remove_counterparts: list[str] | None = None,
                    contact: str | None = None, active: bool | None = None) -> UnitSummary:
        from hpdesk.services import units

        return units.update_unit(self.workspace, name, new_name=new_name, unit_type=unit_type, add_aliases=add_aliases,
                                  remove_aliases=remove_aliases, add_counterparts=add_counterparts,
                                  remove_counterparts=remove_counterparts, contact=contact, active=active)

    def seed_units_from_plan(self) -> list[UnitSummary]:
        from hpdesk.services import units

        return units.seed_units_from_plan(self.workspace)

    def suggest_assignments(self, apply: bool = False) -> dict[str, tuple[str, list[str]]]:
        from hpdesk.services import assignments

        return assignments.suggest_assignments(self.workspace, apply=apply)

    def assign_task(self, task_code: str, lead: str, co: list[str]) -> list[AssignmentSummary]:
        from hpdesk.services import assignments

        return assignments.assign_task(self.workspace, task_code, lead, co, confirmed=True)

    def assign_tasks(self, task_codes: list[str], lead: str, co: list[str]) -> int:
        from hpdesk.services import assignments

        return len(assignments.assign_tasks(self.workspace, task_codes, lead, co, confirmed=True))

    def confirm_assignments(self, task_codes: list[str]) -> int:
        from hpdesk.services import assignments

        return assignments.confirm_assignments(self.workspace, task_codes)

    def confirm_all_suggestions(self) -> int:
        from hpdesk.services import assignments

        return assignments.confirm_assignments(self.workspace, None)

    def assignment_counts(self) -> AssignmentCounts:
        from hpdesk.services import export_readiness

        return export_readiness.assignment_counts(self.workspace)

    def prepare_after_import(self, year: int, *, today: date | None = None) -> dict[str, int]:
        """What a county needs after an import: units mirroring the plan's city departments, suggested
        (unconfirmed) assignments for unassigned county tasks, and half-yearly periods if none exist — with
        `today`, those not yet due on it (the current period first, never one overdue at once:
        `periods.create_current_periods`), else all of `year`'s. Each step only adds what is missing, so running
        it after every import is harmless. Both the desktop app and `hpdesk import-plan` run it after applying an
        import."""
        created_units = self.seed_units_from_plan()
        suggestions = self.suggest_assignments(apply=True)
        created_periods = 0
        if not self.periods():
            if today is not None:
                from hpdesk.services import periods

                created_periods = len(periods.create_current_periods(self.workspace, today))
            else:
                created_periods = len(self.create_periods(year, year, "semiannual"))
        return {"units": len(created_units), "assignments": len(suggestions), "periods": created_periods}

    # --- periods -----------------------------------------------------------------------------------------------------

    def periods(self) -> list[PeriodSummary]:
        from hpdesk.services import periods

        return periods.list_periods(self.workspace)

    def create_periods(self, first_year: int, last_year: int, kind: str) -> list[PeriodSummary]:
        from hpdesk.services import periods

        return periods.create_periods(self.workspace, first_year, last_year, kind)

    def set_period_state(self, label: str, state: str, reason: str = "") -> PeriodSummary:
        from hpdesk.services import periods

        return periods.set_period_state(self.workspace, label, state, reason)

    def cadence(self) -> Cadence:
        from hpdesk.services import periods

        return periods.cadence(self.workspace)

    def set_cadence(self, new_cadence: Cadence) -> None:
        from hpdesk.services import periods

        periods.set_cadence(self.workspace, new_cadence)

    # --- reports and review ------------------------------------------------------------------------------------------

    def review_counts(self, period_label: str) -> dict[str, int]:
        from hpdesk.services import completeness

        return completeness.review_state_counts(self.workspace, period_label)

    def count_reports(self, period_label: str, review_state: str) -> int:
        from hpdesk.services import reports

        return reports.count_reports(self.workspace, period_label, review_state=review_state)

    def reports(self, period_label: str, review_state: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[ReportSummary]:
        from hpdesk.services import reports

        return reports.list_reports(self.workspace, period_label, review_state=review_state, limit=limit,
                                    offset=offset)

    def report(self, task_code: str, unit: str, period_label: str) -> ReportSummary | None:
        from hpdesk.services import reports

        found = reports.list_reports(self.workspace, period_label, task_code=task_code, unit_name=unit)
        return found[0] if found else None

    def last_filled_by(self, unit: str) -> str:
        from hpdesk.services import reports

        return reports.last_filled_by(self.workspace, unit)

    def save_report(self, task_code: str, unit: str, period_label: str, changes: ReportChanges,
                    reason: str = "") -> ReportSummary:
        from hpdesk.services import reports

        return reports.set_report(self.workspace, task_code, unit, period_label, changes, reason=reason)

    def review(self, task_code: str, unit: str, period_label: str, action: str, comment: str = "",
               reason: str = "") -> ReportSummary:
        from hpdesk.services import review

        return review.review_report(self.workspace, task_code, unit, period_label, action, comment, reason)

    def completeness(self, period_label: str) -> Completeness:
        from hpdesk.services import completeness

        return completeness.completeness(self.workspace, period_label)

    def export_readiness(self, period_label: str) -> ExportReadiness:
        from hpdesk.services import export_readiness

        return export_readiness.export_readiness(self.workspace, period_label)

    # --- evidence ----------------------------------------------------------------------------------------------------

    def evidence(self, task_code: str, unit: str, period_label: str) -> list[EvidenceSummary]:
        from hpdesk.services import evidence

        return evidence.list_evidence(self.workspace, ReportKey(task_code, unit, period_label))

    def add_evidence(self, task_code: str, unit: str, period_label: str, files: list[Path], *, kind: str,
                     title: str, event_date: date | None, doc_number: str, description: str, reason: str,
                     progress: ProgressSink, cancel: CancelToken) -> EvidenceResult:
        from hpdesk.services import evidence

        return evidence.add_evidence(self.workspace, ReportKey(task_code, unit, period_label), kind=kind, title=title,
                                     files=files, event_date=event_date, doc_number=doc_number,
                                     description=description, reason=reason, progress=progress, cancel=cancel)

    def suggest_evidence(self, files: list[Path]) -> list[EvidenceSuggestion]:
        from hpdesk.services import evidence_suggestions

        return evidence_suggestions.suggest_for_files(files)

    def update_evidence(self, evidence_id: int, *, kind: str, title: str, event_date: date | None, doc_number: str,
                        description: str, reason: str = "") -> EvidenceResult:
        from hpdesk.services import evidence

        return evidence.update_evidence(self.workspace, evidence_id, kind=kind, title=title, event_date=event_date,
                                        doc_number=doc_number, description=description, reason=reason)

    def remove_evidence(self, evidence_id: int, reason: str = "") -> None:
        from hpdesk.services import evidence

        evidence.remove_evidence(self.workspace, evidence_id, reason)

    def viewable_file(self, sha256: str, file_name: str) -> Path:
        from hpdesk.services import evidence_queries

        return evidence_queries.open_attachment_path(self.workspace, sha256, file_name)

    # --- indicators --------------------------------------------------------------------------------------------------

    def indicator_grid(self) -> list[IndicatorGridRow]:
        from hpdesk.services import indicator_grid

        return indicator_grid.indicator_grid(self.workspace)

    def evaluations(self, year: int) -> list[IndicatorEvaluation]:
        from hpdesk.services import indicator_evaluation

        return indicator_evaluation.evaluate_all(self.workspace, year)

    def verdict_summary(self, year: int) -> VerdictSummary:
        from hpdesk.services import indicator_evaluation

        return indicator_evaluation.summarise(indicator_evaluation.evaluate_all(self.workspace, year), year)

    def set_indicator_value(self, code: str, year: int, value_text: str) -> IndicatorEvaluation:
        """Record the county's value (written and audited by indicator_values); the indicator judged again."""
        from hpdesk.services import indicator_evaluation, indicator_values

        indicator_values.set_indicator_value(self.workspace, code, year, value_text)
        return indicator_evaluation.evaluate_indicator(self.workspace, code, year)

    def record_judgement(self, code: str, year: int, verdict: str, reason: str) -> IndicatorEvaluation:
        """Keep the clerk's verdict, which wins over the computed one until cleared with ''; judged again."""
        from hpdesk.services import indicator_evaluation, indicator_values

        indicator_values.record_judgement(self.workspace, code, year, verdict, reason)
        return indicator_evaluation.evaluate_indicator(self.workspace, code, year)

    # --- signing identity --------------------------------------------------------------------------------------------

    def identity_info(self) -> IdentityInfo | None:
        from hpdesk.services import identity

        return identity.load_identity_info(self.workspace.identity_dir)

    def create_identity(self, office_name: str, passphrase: str, replace: bool = False) -> IdentityInfo:
        """A new key pair and self-signed certificate for the office; recorded in the audit trail (fingerprint
        only, never key material)."""
        from hpdesk.services import identity
        from hpdesk.services.clerks import require_workspace_reviewer

        require_workspace_reviewer(self.workspace, "identity")  # the key every submission of the office is signed with
        info = identity.create_identity(self.workspace.identity_dir, office_name, passphrase, replace=replace)
        self._audit_identity("identity_create", info)
        return info

    def import_identity(self, p12_file: Path, passphrase: str, replace: bool = False) -> IdentityInfo:
        """Use the key and certificate of a PKCS#12 file; UserError `identity_file_unreadable` when it cannot be
        read. Recorded in the audit trail like `create_identity`."""
        from hpdesk.services import identity
        from hpdesk.services.clerks import require_workspace_reviewer

        require_workspace_reviewer(self.workspace, "identity")
        try:
            p12_bytes = Path(p12_file).read_bytes()
        except OSError:
            raise UserError("identity_file_unreadable", path=str(p12_file)) from None
        info = identity.import_identity(self.workspace.identity_dir, p12_bytes, passphrase, replace=replace)
        self._audit_identity("identity_import", info)
        return info

    def _audit_identity(self, action: str, info: IdentityInfo) -> None:
        from hpdesk.services.audit import record_event

        with self.workspace.database.unit_of_work() as session:
            # entity_id is 50 characters (PostgreSQL enforces it): the fingerprint's first 16; `after` has all 64
            record_event(session, actor=self.workspace.actor, action=action, entity_type="identity",
                         entity_id=info.fingerprint_sha256[:16], summary=f"签名身份（{action}）：{info.office_name}",
                         after={"fingerprint_sha256": info.fingerprint_sha256, "subject": info.subject})

    def change_passphrase(self, old: str, new: str) -> IdentityInfo:
        from hpdesk.services import identity

        return identity.change_passphrase(self.workspace.identity_dir, old, new)

    def export_certificate(self, target: Path) -> Path:
        from hpdesk.services import identity

        return identity.export_certificate(self.workspace.identity_dir, target)

    def seal_image(self) -> Path | None:
        from hpdesk.services import seal_image

        return seal_image.seal_image_path(self.workspace.identity_dir)

    def set_seal_image(self, source: Path) -> Path:
        from hpdesk.services import seal_image

        return seal_image.set_seal_image(self.workspace.identity_dir, source)

    def clear_seal_image(self) -> None:
        from hpdesk.services import seal_image

        seal_image.clear_seal_image(self.workspace.identity_dir)

    # --- import and export -------------------------------------------------------------------------------------------

    def sheet_names(self, path: Path) -> list[str]:
        """The sheets to offer: the visible ones, or every sheet when a workbook hides them all."""
        from hpdesk.services.importing import workbook_reader

        return workbook_reader.sheet_names(path, visible_only=True) or workbook_reader.sheet_names(path)

    def first_filled_row(self, path: Path, sheet: str | None) -> tuple[str, ...]:
        from hpdesk.services.importing import workbook_reader

        return workbook_reader.first_filled_row(path, sheet)

    def analyse_workbook(self, path: Path, progress: ProgressSink | None = None, cancel: CancelToken | None = None,
                         *, sheet: str | None = None,
                         column_fields: Sequence[str] | ColumnMapping | None = None) -> ImportPreview:
        """Read and understand the workbook (read-only). `column_fields` is the clerk's mapping, one field per
        column, or a ColumnMapping that also names the header rows."""
        from hpdesk.services.importing import plan_import

        return plan_import.analyse_workbook(self.workspace, path, sheet=sheet, mapping=column_fields,
                                            progress=progress, cancel=cancel)

    def apply_import(self, preview: ImportPreview, progress: ProgressSink | None = None,
                     cancel: CancelToken | None = None) -> ImportReport:
        from hpdesk.services.importing import plan_import

        return plan_import.apply_import(self.workspace, preview, progress, cancel)

    def backup(self, destination: Path, progress: ProgressSink | None = None,
               cancel: CancelToken | None = None) -> Path:
        from hpdesk.services import maintenance

        return maintenance.backup_workspace(self.workspace, destination, progress, cancel)

    def export_submission(self, period_label: str, destination: Path, passphrase: str, doc_number: str,
                          progress: ProgressSink, cancel: CancelToken) -> Path:
        """Write the signed submission package for a period into `destination`; returns the package's path.
        Runs `export_package` in a child process (services/child_process.py): the C-heavy PDF and Excel work holds
        the GIL for long stretches and would stall a UI thread."""
        from hpdesk.services.child_process import run_in_child
        from hpdesk.services.exporting.child_jobs import export_package

        destination.mkdir(parents=True, exist_ok=True)
        return run_in_child(export_package, self.workspace.root, self.workspace.actor,
                            {"period_label": period_label, "out_dir": destination, "passphrase": passphrase,
                             "doc_number": doc_number or None}, progress, cancel).package_path

    def export_package(self, period_label: str, destination: Path, passphrase: str, doc_number: str | None = None,
                       *, reissue: bool = False, progress: ProgressSink | None = None,
                       cancel: CancelToken | None = None) -> ExportResult:
        """`export_submission` in this process, answering everything it wrote (hashes, members, whether it locked
        the period); `reissue` re-signs the content of the period's last submission as it was sent."""
        from hpdesk.services.exporting.child_jobs import export_package

        return export_package(self.workspace, period_label, destination, passphrase, doc_number, reissue,
                              progress, cancel)

    def preview_packet(self, period_label: str, doc_number: str, progress: ProgressSink,
                       cancel: CancelToken) -> Path:
        """Render the unsigned packet of a period into a fresh folder in the workspace's tmp/ (in a child process,
        like the export; swept on the next open, never in the system temp folder); returns the PDF's path."""
        from hpdesk.services.child_process import run_in_child
        from hpdesk.services.exporting.child_jobs import render_preview

        folder = Path(tempfile.mkdtemp(prefix="preview-", dir=self.workspace.temp_dir))
        return run_in_child(render_preview, self.workspace.root, self.workspace.actor,
                            {"period_label": period_label, "out_path": folder / f"{period_label}-预览.pdf",
                             "doc_number": doc_number or None}, progress, cancel)

    # --- merging two units (issue 18 item 12) ------------------------------------------------------------------------

    def preview_unit_merge(self, merged: str, kept: str, keep: str | None = None) -> MergePlan:
        from hpdesk.services import unit_merge

        return unit_merge.preview_merge(self.workspace, merged, kept, keep)

    def merge_units(self, merged: str, kept: str, keep: str | None = None) -> MergePlan:
        from hpdesk.services import unit_merge

        return unit_merge.merge_units(self.workspace, merged, kept, keep=keep)
