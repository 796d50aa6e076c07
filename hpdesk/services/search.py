"""Searching the workspace: tasks, units (by name or alias) and evidence containing every term the clerk typed."""

from __future__ import annotations

from dataclasses import dataclass

from hpdesk.services.workspace import Workspace
from hpdesk.storage.search_store import evidence_matching, reports_matching, tasks_matching, units_matching


@dataclass(frozen=True)
class SearchHit:
    kind: str  # task | unit | evidence | report
    title: str
    detail: str
    task_id: int | None = None
    unit_id: int | None = None
    period_label: str | None = None


HITS_PER_KIND = 50  # what the search page lists of each kind


def search_everything(workspace: Workspace, text: str, limit_per_kind: int = HITS_PER_KIND) -> list[SearchHit]:
    """Tasks, units (by name or alias), evidence (title, document number, description, file names) and reports
    (progress, problems, next steps) containing every whitespace-separated term of `text`.

    At most `limit_per_kind` + 1 hits of each kind: one over the limit only says that there are more, so the page
    can say "50+" instead of a count of 50 that reads as all there is."""
    text = text.strip()
    if not text:
        return []
    first_term = text.split()[0]
    hits: list[SearchHit] = []
    terms = text.split()
    limit_per_kind += 1
    with workspace.database.read_only() as session:
        for task_id, code, task_text in tasks_matching(session, terms, limit_per_kind):
            hits.append(SearchHit("task", code, _excerpt(task_text or "", first_term), task_id=task_id))
        for unit_id, name, aliases in units_matching(session, terms, limit_per_kind):
            hits.append(SearchHit("unit", name, "、".join(aliases), unit_id=unit_id))
        for title, doc_number, task_id, code, unit_id, unit_name, label, period_name in evidence_matching(
                session, terms, limit_per_kind):
            detail = " · ".join(part for part in (code, unit_name, period_name or label, doc_number) if part)
            hits.append(SearchHit("evidence", title, detail, task_id=task_id, unit_id=unit_id, period_label=label))
        for narrative, problems, next_steps, task_id, code, unit_id, unit_name, label, period_name in reports_matching(
                session, terms, limit_per_kind):
            found_in = next((part for part in (narrative, problems, next_steps) if first_term in (part or "")),
                            narrative or "")
            hits.append(SearchHit("report", f"{code} · {unit_name} · {period_name or label}",
                                  _excerpt(found_in, first_term), task_id=task_id, unit_id=unit_id,
                                  period_label=label))
    return hits


def _excerpt(text: str, needle: str, width: int = 60) -> str:
    """The part of `text` around the first match, so the clerk sees why it was found."""
    position = text.find(needle)
    if position < 0 or len(text) <= width:
        return text[:width] + ("…" if len(text) > width else "")
    start = max(0, position - width // 3)
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")
