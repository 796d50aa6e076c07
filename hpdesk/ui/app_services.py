"""The services the desktop app calls, bundled around one open Workspace (tests pass a fake with the same methods)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hpdesk.services import plan_queries
from hpdesk.services.importing.plan_import import ImportPreview, ImportReport, analyse_workbook, apply_import
from hpdesk.services.importing.workbook_reader import first_filled_row, sheet_names
from hpdesk.services.progress import CancelToken, ProgressSink
from hpdesk.services.workspace import OfficeProfile, Workspace, office_profile


@dataclass
class AppServices:
    workspace: Workspace

    @property
    def workspace_root(self) -> Path:
        return self.workspace.root

    def office(self) -> OfficeProfile | None:
        return office_profile(self.workspace)

    def overview(self) -> plan_queries.PlanOverview:
        return plan_queries.plan_overview(self.workspace)

    def actions(self) -> list[plan_queries.ActionRow]:
        return plan_queries.list_actions(self.workspace)

    def tasks(self, *, action_id: int | None = None, search: str = "") -> list[plan_queries.TaskRow]:
        return plan_queries.list_tasks(self.workspace, action_id=action_id, search=search)

    def sheet_names(self, path: Path) -> list[str]:
        return sheet_names(path)

    def first_filled_row(self, path: Path, sheet: str | None) -> tuple[str, ...]:
        return first_filled_row(path, sheet)

    def analyse_workbook(self, path: Path, progress: ProgressSink, cancel: CancelToken, *, sheet: str | None = None,
                         column_fields: list[str] | None = None) -> ImportPreview:
        return analyse_workbook(self.workspace, path, sheet=sheet, column_fields=column_fields, progress=progress,
                                cancel=cancel)

    def apply_import(self, preview: ImportPreview, progress: ProgressSink, cancel: CancelToken) -> ImportReport:
        return apply_import(self.workspace, preview, progress, cancel)
