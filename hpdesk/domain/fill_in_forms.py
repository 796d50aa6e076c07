"""Fill-in forms sent to the county's units: the sheet's columns, the keys that tie a returned row to its report,
the hash of the text a unit must not change, and how a unit's answers are read back (pure rules, no I/O).

A form is one workbook per unit and period. Each row is one of the unit's assignments; its *locked* cells carry the
city's words and the previous answer (for reference), its *answer* cells are what the unit fills in. Rows are
matched back by their row key (a hidden column that travels with the row when the unit re-sorts), then by the
visible task code — never by position.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from hpdesk.domain.reporting import STATUS_LABELS, Figure, figure_number, parse_figure

FORM_SHEET = "填报"
META_SHEET = "_meta"
LIST_SHEET = "选项"
STATUS_LIST_NAME = "完成情况选项"
FORM_CODE_LABEL = "表单编号"
META_PROPERTY_PREFIX = "hpdesk_"  # custom document properties and defined names: hpdesk_form_id …
META_FIELDS = ("form_id", "form_code", "office", "unit", "period", "plan", "version", "content_sha256")

# (header, field). Locked columns first, then the answers; `row_key` is hidden and last.
LOCKED_COLUMNS = (
    ("序号", "serial"), ("任务编号", "task_code"), ("专项行动", "action"), ("任务内容", "task_text"),
    ("工作推进要求", "instruction"), ("本单位职责", "role"), ("上期填报情况（供参考）", "last_answer"),
)
ANSWER_COLUMNS = (
    ("完成情况", "status"), ("工作开展情况", "narrative"), ("主要数据", "figures"), ("存在问题", "problems"),
    ("下一步打算", "next_steps"), ("佐证材料", "evidence"), ("填报人", "filled_by"), ("联系电话", "phone"),
)
KEY_COLUMN = ("行标识（请勿修改）", "row_key")
COLUMNS = LOCKED_COLUMNS + ANSWER_COLUMNS + (KEY_COLUMN,)
HEADERS = {field: header for header, field in COLUMNS}
# the locked texts whose change the import reports (the serial number is only a position)
CHECKED_LOCKED_FIELDS = ("task_code", "action", "task_text", "instruction", "role", "last_answer")
STATUS_CHOICES = tuple(label for code, label in STATUS_LABELS.items() if code != "not_started")
_STATUS_BY_LABEL = {label: code for code, label in STATUS_LABELS.items()}
_FIGURE_SEPARATORS = re.compile(r"[；;\n\r]+")
_EVIDENCE_SEPARATORS = re.compile(r"[\n\r]+|[；;]")


def row_key(form_id: str, assignment_id: int) -> str:
    """A row's key: stable for (form, assignment), opaque, short enough to sit in a hidden cell."""
    return "R" + hashlib.sha256(f"{form_id}:{assignment_id}".encode()).hexdigest()[:12].upper()


def form_code(form_id: str) -> str:
    """The short code printed on the sheet and in the file name (the first 8 hex digits of the form id)."""
    return form_id.replace("-", "")[:8].upper()


def locked_digest(rows: list[dict[str, str]]) -> str:
    """SHA-256 of the locked texts of every row, in row-key order (independent of how the unit sorts rows)."""
    digest = hashlib.sha256()
    for row in sorted(rows, key=lambda item: item["row_key"]):
        digest.update("\x1f".join([row["row_key"], *(row.get(field, "") for field in CHECKED_LOCKED_FIELDS)])
                      .encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()


def figures_text(figures: Iterable[Figure]) -> str:
    """'培训人数=120人；发放资料=3000份': the figures as a unit types them in the form."""
    return "；".join(f"{f.name}={figure_number(f.value)}{f.unit}" for f in figures)


def status_code(text: str) -> str | None:
    """The status code for a label (已完成) or a code (done); '' for a blank cell; None when it is neither."""
    wanted = text.strip()
    if not wanted:
        return ""
    if wanted in _STATUS_BY_LABEL:
        return _STATUS_BY_LABEL[wanted]
    return wanted if wanted in STATUS_LABELS else None


def parse_figures(text: str) -> tuple[list[Figure], list[str]]:
    """The figures typed in one cell, and the parts that could not be read (name=number[unit], ；-separated)."""
    figures: list[Figure] = []
    bad: list[str] = []
    for part in _FIGURE_SEPARATORS.split(text or ""):
        part = part.strip().strip("，,。")
        if not part:
            continue
        try:
            figures.append(parse_figure(part))
        except ValueError:
            bad.append(part)
    return figures, bad


def evidence_names(text: str) -> list[str]:
    """The file names listed in a 佐证材料 cell, one per line (；also separates), blanks and duplicates dropped."""
    names = (part.strip().strip("、，,") for part in _EVIDENCE_SEPARATORS.split(text or ""))
    return list(dict.fromkeys(name for name in names if name))


@dataclass(frozen=True)
class RowAnswer:
    """A unit's answer in one row, read and checked: `problems` are (column header, message code, detail)."""

    status: str  # a code, '' when blank
    narrative: str
    figures: tuple[Figure, ...]
    problems_text: str
    next_steps: str
    evidence: tuple[str, ...]
    filled_by: str
    phone: str
    problems: tuple[tuple[str, str, str], ...] = ()

    @property
    def is_blank(self) -> bool:
        """Nothing answered (the contact columns alone do not make an answer: they are prefilled)."""
        return not (self.status or self.narrative or self.figures or self.problems_text or self.next_steps
                    or self.evidence or any(code in ("form_figures_unreadable", "form_status_unknown")
                                            for _c, code, _d in self.problems))


def read_answer(cells: dict[str, str]) -> RowAnswer:
    """The answer of one row from its cells by field name; unreadable values become `problems`, never guesses."""
    problems: list[tuple[str, str, str]] = []
    status = status_code(cells.get("status", ""))
    if status is None:
        problems.append((HEADERS["status"], "form_status_unknown", cells.get("status", "").strip()))
        status = ""
    figures, bad = parse_figures(cells.get("figures", ""))
    if bad:
        problems.append((HEADERS["figures"], "form_figures_unreadable", "；".join(bad)))
    return RowAnswer(status, cells.get("narrative", "").strip(), tuple(figures), cells.get("problems", "").strip(),
                     cells.get("next_steps", "").strip(), tuple(evidence_names(cells.get("evidence", ""))),
                     cells.get("filled_by", "").strip(), cells.get("phone", "").strip(), tuple(problems))
