"""The façade's use cases that exchange with others beyond this desk: the city level (issue 15), the county's side
of the city's receipts, the units' fill-in forms, and the other clerks of a shared office database (issue 17).

`Desk` (services/desk.py) inherits them, so the AppServices Protocol and its fake still see one façade; as there,
each method imports the service module it needs when it is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from hpdesk.services.city.city_outputs import CityOutputs
    from hpdesk.services.city.consolidation import AnswerHit, Consolidation, TaskView
    from hpdesk.services.city.inbox import ReceiveReport
    from hpdesk.services.city.inbox_queries import InboxRow
    from hpdesk.services.city.receipts import PeriodReceipt, ReceiptSummary
    from hpdesk.services.city.registry import CertificateSummary, CountySummary
    from hpdesk.services.clerks import ChangeNotice, ClerkSummary
    from hpdesk.services.forms import FormImportResult, FormsAnalysis
    from hpdesk.services.forms.export import FormsExport
    from hpdesk.services.progress import CancelToken, ProgressSink
    from hpdesk.services.reports import ReportChanges, ReportSummary
    from hpdesk.services.workspace import OfficeProfile, Workspace


class Exchanges:
    """The exchanging half of `Desk`; it works on the Desk's `workspace`."""

    workspace: Workspace

    # --- city level (issue 15) ------------------------------------------------------------------------------------

    def city_counties(self) -> list[CountySummary]:
        from hpdesk.services.city.registry import list_counties

        return list_counties(self.workspace)

    def add_county(self, name: str, region: str = "", contact: str = "") -> CountySummary:
        from hpdesk.services.city.registry import add_county

        return add_county(self.workspace, name, region, contact)

    def trust_county_certificate(self, county: str, certificate_file: Path) -> CertificateSummary:
        from hpdesk.services.city.registry import trust_certificate

        return trust_certificate(self.workspace, county, certificate_file)

    def untrust_county_certificate(self, county: str, fingerprint: str, after: str | None = None
                                   ) -> CertificateSummary:
        from hpdesk.services.city.registry import untrust_certificate

        return untrust_certificate(self.workspace, county, fingerprint, after=after)

    def receive_packages(self, sources: list[Path], progress: ProgressSink | None = None,
                         cancel: CancelToken | None = None) -> ReceiveReport:
        from hpdesk.services.city.inbox import receive_packages

        return receive_packages(self.workspace, sources, progress, cancel)

    def city_inbox(self) -> list[InboxRow]:
        from hpdesk.services.city.inbox_queries import inbox_rows

        return inbox_rows(self.workspace)

    def return_submission(self, package_id: int, reason: str, out_dir: Path, passphrase: str) -> ReceiptSummary:
        from hpdesk.services.city.receipts import return_submission

        return return_submission(self.workspace, package_id, reason, out_dir, passphrase)

    def consolidation(self, period_label: str) -> Consolidation:
        from hpdesk.services.city.consolidation import consolidate

        return consolidate(self.workspace, period_label)

    def city_tasks(self) -> list[tuple[str, str]]:
        from hpdesk.services.city.consolidation import city_tasks

        return city_tasks(self.workspace)

    def city_task_view(self, period_label: str, code: str) -> TaskView:
        from hpdesk.services.city.consolidation import task_view

        return task_view(self.workspace, period_label, code)

    def search_answers(self, text: str, period_label: str | None = None) -> list[AnswerHit]:
        from hpdesk.services.city.consolidation import search_answers

        return search_answers(self.workspace, text, period_label)

    def write_city_outputs(self, period_label: str, out_dir: Path, progress: ProgressSink | None = None,
                           cancel: CancelToken | None = None) -> CityOutputs:
        from hpdesk.services.city.city_outputs import write_city_outputs

        return write_city_outputs(self.workspace, period_label, out_dir, progress=progress, cancel=cancel)

    # --- fill-in forms for the units (services/forms) ---------------------------------------------------------------

    def form_units(self, period_label: str) -> list[tuple[str, int]]:
        from hpdesk.services.forms.export import units_owing

        return units_owing(self.workspace, period_label)

    def export_forms(self, period_label: str, destination: Path, units: list[str], zip_each: bool,
                     progress: ProgressSink, cancel: CancelToken) -> FormsExport:
        from hpdesk.services.forms.export import export_forms

        return export_forms(self.workspace, period_label, destination, units, zip_each=zip_each,
                            progress=progress, cancel=cancel)

    def analyse_forms(self, paths: list[Path], period_label: str | None, progress: ProgressSink,
                      cancel: CancelToken) -> FormsAnalysis:
        """Read returned workbooks (files, folders, zips) and compare them with what is held; writes nothing."""
        from hpdesk.services.forms import analyse_files

        return analyse_files(self.workspace, paths, period=period_label, progress=progress, cancel=cancel)

    def apply_forms(self, analysis: FormsAnalysis, accepted: dict[str, set[str]] | None, progress: ProgressSink,
                    cancel: CancelToken) -> list[FormImportResult]:
        """Apply an analysis: per file the row keys the clerk kept (None: every row that needs no decision)."""
        from hpdesk.services.forms import apply_files

        return apply_files(self.workspace, analysis, accepted=accepted, progress=progress, cancel=cancel)

    def discard_forms(self, analysis: FormsAnalysis) -> None:
        from hpdesk.services.forms import discard

        discard(analysis)

    # --- county side of the city's receipts (issue 15) --------------------------------------------------------------

    def city_receipt(self, period_label: str) -> PeriodReceipt | None:
        from hpdesk.services.city.receipts import period_receipt

        return period_receipt(self.workspace, period_label)

    def city_certificate_pinned(self) -> bool:
        from hpdesk.services.city.receipts import city_certificate_pinned

        return city_certificate_pinned(self.workspace)

    def import_city_receipt(self, path: Path, trust: Path | None = None) -> ReceiptSummary:
        """Verify and record the city's receipt file; `trust` (the city's certificate) pins it on the first import."""
        from hpdesk.services.city.receipts import import_receipt

        return import_receipt(self.workspace, path, trust)

    # --- a shared office database: clerks, roles and others' changes (issue 17) -------------------------------------

    def shared_database(self) -> str | None:
        """The PostgreSQL URL (without password) of a shared workspace, None for a workspace on this PC."""
        shared = self.workspace.shared
        return shared.url if shared is not None else None

    def current_clerk(self) -> ClerkSummary | None:
        from hpdesk.services.clerks import current_clerk

        return current_clerk(self.workspace)

    def clerks(self) -> list[ClerkSummary]:
        from hpdesk.services.clerks import list_clerks

        return list_clerks(self.workspace)

    def add_clerk(self, login: str, role: str, units: Sequence[str] = (), display_name: str = "") -> ClerkSummary:
        from hpdesk.services.clerks import add_clerk

        return add_clerk(self.workspace, login, role, units, display_name)

    def remove_clerk(self, login: str) -> None:
        from hpdesk.services.clerks import remove_clerk

        remove_clerk(self.workspace, login)

    def change_token(self) -> int:
        from hpdesk.services.clerks import change_token

        return change_token(self.workspace)

    def save_report_seen(self, version: int, task_code: str, unit: str, period_label: str, changes: ReportChanges,
                         reason: str = "") -> ReportSummary:
        """`save_report` of the report as the clerk saw it (`ReportSummary.version`): refused with
        `report_changed_by_other` (who changed what) when another clerk saved it since."""
        from hpdesk.services import reports

        return reports.set_report(self.workspace, task_code, unit, period_label, changes, reason=reason,
                                  expected_version=version)

    def changes_since(self, token: int) -> list[ChangeNotice]:
        from hpdesk.services.clerks import changes_since

        return changes_since(self.workspace, token)

    def join_shared_database(self, url: str, password: str, attachments: Path, region: str = "", office: str = "",
                             level: str = "county") -> OfficeProfile | None:
        """The first-run wizard's advanced option: this new, empty workspace makes way for the shared office
        database at `url` (joined, or created with the office given), as `hpdesk init --database … --attachments …`;
        from then on this Desk works on the shared workspace. Returns its office. On an error this Desk stays on
        the workspace it had (reopened), unchanged."""
        from hpdesk.services.shared_workspace import join_instead_of_new, refuse_join
        from hpdesk.services.workspace import office_profile, open_workspace

        refuse_join(self.workspace, url)
        root, actor = self.workspace.root, self.workspace.actor
        self.workspace.close()
        try:
            self.workspace, _joined = join_instead_of_new(root, actor, url=url, attachments=attachments,
                                                          password=password, region=region, office=office,
                                                          level=level)
        except BaseException:
            self.workspace = open_workspace(root, actor=actor)
            raise
        return office_profile(self.workspace)
