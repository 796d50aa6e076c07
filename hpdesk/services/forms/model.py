"""What one fill-in form holds, as plain values: built from the records (services.forms.export) and written by
services.forms.workbook_out; the import compares a returned workbook against the same rows kept in the database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hpdesk.domain.fill_in_forms import LOCKED_COLUMNS, figures_text, locked_digest
from hpdesk.domain.reporting import STATUS_LABELS, figures_from_json


@dataclass(frozen=True)
class FormRow:
    """One row of the sheet: the locked texts by field name (LOCKED_COLUMNS), the answers prefilled from the report
    so far (ANSWER_COLUMNS field names), and the keys that bring it back."""

    row_key: str
    assignment_id: int
    locked: dict[str, str]
    answers: dict[str, str] = field(default_factory=dict)

    def stored(self) -> dict[str, object]:
        """The row as unit_form.rows keeps it: key, assignment and the locked texts the import compares."""
        return {"row_key": self.row_key, "assignment_id": self.assignment_id,
                **{name: self.locked.get(name, "") for _header, name in LOCKED_COLUMNS}}


@dataclass(frozen=True)
class FormContent:
    """One unit's form for one period."""

    form_id: str
    form_code: str
    office: str
    unit: str
    period: str  # label, 2026H1
    period_name: str  # 2026年上半年
    due_date: str
    plan: str
    version: str
    rows: tuple[FormRow, ...]

    @property
    def content_sha256(self) -> str:
        return locked_digest([{"row_key": row.row_key, **row.locked} for row in self.rows])

    def meta(self) -> dict[str, str]:
        """The values every carrier (_meta sheet, document properties, defined names) holds, by META_FIELDS."""
        return {"form_id": self.form_id, "form_code": self.form_code, "office": self.office, "unit": self.unit,
                "period": self.period, "plan": self.plan, "version": self.version,
                "content_sha256": self.content_sha256}


def report_answers(report: Mapping[str, object]) -> dict[str, str]:
    """A stored report's answers (its fields by name) as the form's answer columns show them: the status as its
    label ('' while not started), the figures as text, empty texts as ''."""
    status, figures = str(report["status"]), report["figures"]
    return {"status": STATUS_LABELS[status] if status != "not_started" else "",
            "narrative": str(report["narrative"] or ""),
            "figures": figures_text(figures_from_json(figures if isinstance(figures, list) else None)),
            "problems": str(report["problems"] or ""), "next_steps": str(report["next_steps"] or ""),
            "filled_by": str(report["filled_by"] or "")}
