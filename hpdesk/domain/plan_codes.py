"""Stable codes for actions, tasks and indicators, and matching a revised city table to what was imported before.

The city's tables carry no IDs. A row keeps its code across re-imports when it matches an existing row: first by
identical content, then by the same action and near-identical identifying text (the city fixed a typo or a
department). Unmatched incoming rows are new; unmatched existing rows are withdrawn (never deleted, so the county's
reports and evidence stay attached).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

SIMILAR_ENOUGH = 0.82


@dataclass(frozen=True)
class ExistingRow:
    code: str
    action_key: str
    match_text: str
    content_hash: str


@dataclass(frozen=True)
class IncomingRow:
    action_key: str
    match_text: str
    content_hash: str


@dataclass(frozen=True)
class RowMatch:
    incoming_index: int
    code: str | None  # None: new
    state: str  # new | changed | unchanged


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[RowMatch, ...]
    withdrawn: tuple[str, ...]

    def count(self, state: str) -> int:
        return sum(1 for match in self.matches if match.state == state)


def match_rows(existing: Sequence[ExistingRow], incoming: Sequence[IncomingRow]) -> MatchResult:
    """Pair incoming rows with existing codes (each code used once)."""
    by_hash: dict[tuple[str, str], list[ExistingRow]] = {}
    for row in existing:
        by_hash.setdefault((row.action_key, row.content_hash), []).append(row)
    used: set[str] = set()
    result: list[RowMatch | None] = [None] * len(incoming)
    for index, row in enumerate(incoming):
        for candidate in by_hash.get((row.action_key, row.content_hash), []):
            if candidate.code not in used:
                used.add(candidate.code)
                result[index] = RowMatch(index, candidate.code, "unchanged")
                break
    remaining = [row for row in existing if row.code not in used]
    by_action: dict[str, list[ExistingRow]] = {}
    for row in remaining:
        by_action.setdefault(row.action_key, []).append(row)
    for index, row in enumerate(incoming):
        if result[index] is not None:
            continue
        best, best_ratio = None, SIMILAR_ENOUGH
        for candidate in by_action.get(row.action_key, []) or remaining:
            if candidate.code in used:
                continue
            matcher = SequenceMatcher(None, row.match_text, candidate.match_text, autojunk=False)
            if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio >= best_ratio:
                best, best_ratio = candidate, ratio
        if best is not None:
            used.add(best.code)
            result[index] = RowMatch(index, best.code, "changed")
        else:
            result[index] = RowMatch(index, None, "new")
    withdrawn = tuple(row.code for row in existing if row.code not in used)
    return MatchResult(tuple(match for match in result if match is not None), withdrawn)


def action_code(number: int | None, ordinal: int) -> str:
    """A01 for action 1; actions without a number get codes after the numbered ones (AX01 …)."""
    return f"A{number:02d}" if number is not None else f"AX{ordinal:02d}"


def next_row_code(prefix: str, taken: set[str]) -> str:
    """The next free code 'A03-T007' / 'I017' after the highest one taken with this prefix."""
    highest = 0
    for code in taken:
        if code.startswith(prefix):
            tail = code[len(prefix):]
            if tail.isdigit():
                highest = max(highest, int(tail))
    return f"{prefix}{highest + 1:03d}"
