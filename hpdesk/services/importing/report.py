"""What an import would do (ImportPreview) and what it did (ImportReport): frozen, ORM-free, safe to hand to the UI
thread, and convertible to the JSON the `import-plan` command prints."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from hpdesk.domain.grid import column_letter
from hpdesk.domain.plan_codes import MatchResult
from hpdesk.domain.plan_table import ParsedTable, RowIssue
from hpdesk.domain.table_layout import ColumnMapping, TableLayout


@dataclass(frozen=True)
class ColumnSummary:
    index: int
    letter: str
    label: str  # the header text, header rows joined with ' / '
    field: str  # '' when the column is not imported
    year: int | None


@dataclass(frozen=True)
class RowChange:
    """One row of the diff the clerk sees before applying."""

    state: str  # new | changed | unchanged | withdrawn
    code: str | None  # the existing code; None for a new row (its code is given on apply)
    sheet: str
    row: int | None  # the incoming row's sheet row; None for a withdrawn row
    label: str  # a short text of the row (task measure/text, indicator name)
    changed_fields: tuple[str, ...] = ()  # for changed rows: the fields whose text differs


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do. Holds the parsed rows so `apply_import` does not read the file again."""

    file_path: Path
    file_name: str
    file_sha256: str
    sheet: str
    other_sheets: tuple[str, ...]
    layout: TableLayout
    parsed: ParsedTable
    plan_code: str
    plan_title: str
    existing_plan: bool
    matches: MatchResult
    action_codes: Mapping[str, str | None] = field(default_factory=lambda: MappingProxyType({}))
    # the diff against the plan already imported: new, changed and withdrawn rows (unchanged ones are only counted);
    # empty on the first import of a plan, where every row is new
    changes: tuple[RowChange, ...] = ()
    mapping: ColumnMapping | None = None  # the clerk's mapping (given now, or remembered for this layout)
    mapping_source: str = "detected"  # detected | manual | remembered

    @property
    def kind(self) -> str:
        return self.parsed.kind

    @property
    def manual_mapping(self) -> tuple[str, ...] | None:
        return tuple(self.mapping.as_strings()) if self.mapping_source == "manual" and self.mapping else None

    @property
    def columns(self) -> list[ColumnSummary]:
        return [ColumnSummary(index, column_letter(index), role.label, role.field, role.year)
                for index, role in enumerate(self.layout.columns)]

    @property
    def issues(self) -> tuple[RowIssue, ...]:
        return self.parsed.issues

    @property
    def warnings(self) -> tuple[RowIssue, ...]:
        return tuple(issue for issue in self.parsed.issues if issue.severity == "warning")

    def counts(self) -> dict[str, int]:
        tasks = self.parsed.tasks
        return {
            "actions": len(self.parsed.actions),
            "tasks": len(tasks),
            "county_tasks": sum(1 for task in tasks if task.responsibility.falls_to_county),
            "indicators": len(self.parsed.indicators),
            "new": self.matches.count("new"),
            "changed": self.matches.count("changed"),
            "unchanged": self.matches.count("unchanged"),
            "withdrawn": len(self.matches.withdrawn),
            "flagged_rows": len({(issue.sheet, issue.row) for issue in self.warnings}),
        }

    def to_json(self) -> dict[str, Any]:
        heading = self.parsed.heading
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "other_sheets": list(self.other_sheets),
            "kind": self.kind,
            "plan": {"code": self.plan_code, "title": self.plan_title, "existing": self.existing_plan,
                     "doc_number": heading.doc_number if heading else ""},
            "header_rows": list(self.layout.header_row_numbers),
            "layout_signature": self.layout.signature,
            "confident": self.layout.confident,
            "mapping_source": self.mapping_source,
            "columns": [{"letter": c.letter, "label": c.label, "field": c.field, "year": c.year}
                        for c in self.columns],
            **self.counts(),
            "withdrawn_codes": list(self.matches.withdrawn),
            "changes": [
                {"state": change.state, "code": change.code, "sheet": change.sheet, "row": change.row,
                 "label": change.label[:60], "changed_fields": list(change.changed_fields)}
                for change in self.changes
            ],
            "issues": [issue_json(issue) for issue in self.parsed.issues],
            "applied": False,
        }


def issue_json(issue: RowIssue) -> dict[str, Any]:
    return {"sheet": issue.sheet, "row": issue.row, "column": issue.column, "code": issue.code,
            "detail": issue.detail.text(), "severity": issue.severity}  # the CLI's: in the process locale


@dataclass(frozen=True)
class ImportReport:
    """What `apply_import` wrote: counts per category and the code each sheet row now carries."""

    preview: ImportPreview
    plan_id: int
    created: int
    updated: int
    unchanged: int
    withdrawn: int
    codes_by_row: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))  # sheet row → code

    def to_json(self) -> dict[str, Any]:
        data = self.preview.to_json()
        data.update({"applied": True, "new": self.created, "changed": self.updated, "unchanged": self.unchanged,
                     "withdrawn": self.withdrawn, "plan_id": self.plan_id})
        return data
