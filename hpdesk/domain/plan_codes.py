"""Stable codes for actions, tasks and indicators, and matching a revised city table to what was imported before.

The city's tables carry no IDs. Codes are readable and sequential in source order on the first import (A03-T007 is
the 7th task of action 3, I017 the 17th indicator), because clerks read them out to units and the rest of hpdesk
shows them. From then on a code belongs to the row it was given to: a re-import matches each incoming row to an
existing one and the row keeps its code; only unmatched rows get new codes (the next free number). So codes survive
re-ordering, small text edits, a department change and a row moving to another action.

Matching, each pass only among rows not yet paired, each existing code used once:
1. identical content in the same group (action) → unchanged;
2. identical content in another group → changed (moved);
3. identical identifying text (spacing and punctuation ignored), same group, then any group → changed;
4. near-identical identifying text (difflib ratio ≥ SIMILAR_ENOUGH) in the same group, best pairs first → changed;
5. very close text (≥ SIMILAR_ANYWHERE) in another group → changed.
Unmatched incoming rows are new; unmatched existing rows are withdrawn (never deleted: county data stays attached).
Actions are matched first (`match_actions`): by title, then by number.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from operator import attrgetter

SIMILAR_ENOUGH = 0.82
SIMILAR_ANYWHERE = 0.92
SIMILAR_ACTION_TITLE = 0.6
# Beyond this many candidate pairs in one group, only rows near each other in source order are compared.
MAX_PAIRS_PER_GROUP = 40_000
NEARBY_ROWS = 60
_ACTION_VERBS = re.compile(r"^(?:实施|开展|推进|推动|加强|深入开展|深入实施)")


@dataclass(frozen=True)
class ExistingRow:
    code: str
    group: str  # the existing action's code ('' when none)
    match_text: str  # identifying text, already normalised (plan_table.identity_text)
    content_hash: str


@dataclass(frozen=True)
class IncomingRow:
    group: str  # the code of the existing action it belongs to; a new action's own key otherwise
    match_text: str
    content_hash: str


@dataclass(frozen=True)
class RowMatch:
    incoming_index: int
    code: str | None  # None: new
    state: str  # new | changed | unchanged


@dataclass(frozen=True)
class MatchResult:
    matches: tuple[RowMatch, ...]  # one per incoming row, in incoming order
    withdrawn: tuple[str, ...]  # existing codes no incoming row matched, in their original order

    def count(self, state: str) -> int:
        return sum(1 for match in self.matches if match.state == state)


@dataclass(frozen=True)
class ExistingAction:
    code: str
    number: int | None
    title: str


@dataclass(frozen=True)
class IncomingAction:
    key: str
    number: int | None
    title: str


def _title_identity(title: str) -> str:
    return _ACTION_VERBS.sub("", re.sub(r"[\s\W_]+", "", title)).removesuffix("行动")


def match_actions(existing: Sequence[ExistingAction], incoming: Sequence[IncomingAction]) -> dict[str, str | None]:
    """incoming key → existing action code (None: a new action).

    Same title first (so a renumbered action keeps its code), then same number (a retitled action), then, for
    unnumbered ones, a similar title.
    """
    result: dict[str, str | None] = {action.key: None for action in incoming}
    used: set[str] = set()

    def pair(action: IncomingAction, candidate: ExistingAction | None) -> None:
        if candidate is not None and candidate.code not in used and result[action.key] is None:
            result[action.key] = candidate.code
            used.add(candidate.code)

    by_title = {_title_identity(action.title): action for action in reversed(existing)}
    for action in incoming:
        pair(action, by_title.get(_title_identity(action.title)))
    by_number = {action.number: action for action in reversed(existing) if action.number is not None}
    for action in incoming:
        if action.number is not None:
            pair(action, by_number.get(action.number))
    for action in incoming:
        if result[action.key] is not None or action.number is not None:
            continue
        ratios = [(SequenceMatcher(None, _title_identity(action.title), _title_identity(candidate.title)).ratio(),
                   candidate) for candidate in existing if candidate.code not in used]
        best = max(ratios, key=lambda item: item[0], default=None)
        if best is not None and best[0] >= SIMILAR_ACTION_TITLE:
            pair(action, best[1])
    return result


class _Pairing:
    def __init__(self, existing: Sequence[ExistingRow], incoming: Sequence[IncomingRow]) -> None:
        self.existing = existing
        self.incoming = incoming
        self.codes: list[str | None] = [None] * len(incoming)
        self.states: list[str] = ["new"] * len(incoming)
        self.used: set[str] = set()

    def pair(self, index: int, row: ExistingRow, state: str) -> None:
        self.codes[index] = row.code
        self.states[index] = state
        self.used.add(row.code)

    def unpaired_incoming(self) -> list[int]:
        return [index for index, code in enumerate(self.codes) if code is None]

    def unpaired_existing(self) -> list[ExistingRow]:
        return [row for row in self.existing if row.code not in self.used]

    def exact(self, key: Callable[[ExistingRow | IncomingRow], str], same_group: bool, state: str) -> None:
        """Pair rows whose `key(row)` is equal, in source order (duplicates pair with duplicates in turn)."""
        pool: dict[object, deque[ExistingRow]] = defaultdict(deque)
        for row in self.unpaired_existing():
            pool[(row.group, key(row)) if same_group else key(row)].append(row)
        for index in self.unpaired_incoming():
            incoming = self.incoming[index]
            candidates = pool.get((incoming.group, key(incoming)) if same_group else key(incoming))
            while candidates:
                candidate = candidates.popleft()
                if candidate.code not in self.used:
                    self.pair(index, candidate, state)
                    break

    def similar(self, threshold: float, same_group: bool) -> None:
        """Pair the most similar rows first (greedy on ratio), each at or above `threshold`."""
        existing_rows = self.unpaired_existing()
        incoming_indexes = self.unpaired_incoming()
        if not existing_rows or not incoming_indexes:
            return
        groups: dict[str, tuple[list[int], list[ExistingRow]]] = defaultdict(lambda: ([], []))
        for index in incoming_indexes:
            groups[self.incoming[index].group if same_group else ""][0].append(index)
        for row in existing_rows:
            groups[row.group if same_group else ""][1].append(row)
        scored = sorted((pair for incoming_group, existing_group in groups.values()
                         for pair in _scored_pairs(self.incoming, incoming_group, existing_group, threshold)),
                        key=lambda item: (-item[0], item[1], item[2]))
        for _ratio, index, _position, row in scored:
            if self.codes[index] is None and row.code not in self.used:
                self.pair(index, row, "changed")


def _scored_pairs(incoming: Sequence[IncomingRow], indexes: list[int], existing: list[ExistingRow],
                  threshold: float) -> Iterable[tuple[float, int, int, ExistingRow]]:
    crowded = len(indexes) * len(existing) > MAX_PAIRS_PER_GROUP
    for rank, index in enumerate(indexes):
        text = incoming[index].match_text
        if crowded:  # compare with rows near the same relative position only
            centre = rank * len(existing) // max(len(indexes), 1)
            window = range(max(0, centre - NEARBY_ROWS), min(len(existing), centre + NEARBY_ROWS))
        else:
            window = range(len(existing))
        for position in window:
            candidate = existing[position]
            longer = max(len(text), len(candidate.match_text))
            if not longer or 2 * min(len(text), len(candidate.match_text)) / (len(text) + len(candidate.match_text)) \
                    < threshold:
                continue
            matcher = SequenceMatcher(None, text, candidate.match_text, autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            ratio = matcher.ratio()
            if ratio >= threshold:
                yield ratio, index, position, candidate


def all_new(count: int) -> MatchResult:
    """What `match_rows` gives `count` incoming rows when nothing exists to match against: every row is new."""
    return MatchResult(tuple(RowMatch(index, None, "new") for index in range(count)), ())


def match_rows(existing: Sequence[ExistingRow], incoming: Sequence[IncomingRow]) -> MatchResult:
    """Pair incoming rows with existing codes (each code used once); see the module docstring for the passes."""
    if not existing:
        return all_new(len(incoming))
    pairing = _Pairing(existing, incoming)
    content, identity = attrgetter("content_hash"), attrgetter("match_text")
    pairing.exact(content, True, "unchanged")
    pairing.exact(content, False, "changed")
    pairing.exact(identity, True, "changed")
    pairing.exact(identity, False, "changed")
    pairing.similar(SIMILAR_ENOUGH, same_group=True)
    pairing.similar(SIMILAR_ANYWHERE, same_group=False)
    matches = tuple(RowMatch(index, code, state)
                    for index, (code, state) in enumerate(zip(pairing.codes, pairing.states)))
    withdrawn = tuple(row.code for row in existing if row.code not in pairing.used)
    return MatchResult(matches, withdrawn)


def action_code(number: int | None, ordinal: int) -> str:
    """A01 for action 1; actions without a number get codes after the numbered ones (AX01 …)."""
    return f"A{number:02d}" if number is not None else f"AX{ordinal:02d}"


class CodeAllocator:
    """Hands out the next free sequential code per prefix ('A03-T' → 'A03-T008' after 'A03-T007')."""

    def __init__(self, taken: Iterable[str]) -> None:
        self._taken = set(taken)
        self._highest: dict[str, int] = {}
        self._by_prefix: dict[str, int] | None = None  # built on first use, see `_highest_for`
        # codes handed out by `next`, by the prefix asked for, not yet in `_by_prefix` (see `_highest_for`)
        self._unindexed: dict[str, list[str]] = {}

    def _highest_for(self, prefix: str) -> int:
        """The highest number after `prefix` among the taken codes. One pass indexes every code under each prefix
        it has a digit tail after ('A03-T007' under 'A03-T', 'A03-T0', 'A03-T00'), kept current as codes are
        taken, so a table with 20 actions does not scan 20,000 codes 20 times. Codes `next` handed out are indexed
        only when a prefix asked about could be theirs: a code made as `given + digits` can only fall under a
        prefix that starts with `given` or that `given` starts with; an import asks once per action ('A01-T',
        'A02-T' …), so the codes it hands out (one per row) are mostly never indexed."""
        if self._by_prefix is None:
            self._by_prefix = {}
            for code in self._taken:
                self._index(code)
        for given in [given for given in self._unindexed if prefix.startswith(given) or given.startswith(prefix)]:
            for code in self._unindexed.pop(given):
                self._index(code)
        return self._by_prefix.get(prefix, 0)

    def _index(self, code: str) -> None:
        by_prefix = self._by_prefix
        if by_prefix is None:
            return
        for end in range(len(code.rstrip("0123456789")), len(code)):
            value = int(code[end:])
            if value > by_prefix.get(code[:end], 0):
                by_prefix[code[:end]] = value

    def next(self, prefix: str) -> str:
        number = self._highest.get(prefix)
        if number is None:
            number = self._highest_for(prefix)
        while True:
            number += 1
            code = f"{prefix}{number:03d}"
            if code not in self._taken:
                break
        self._highest[prefix] = number
        self._taken.add(code)
        self._unindexed.setdefault(prefix, []).append(code)
        return code

    def take(self, code: str) -> bool:
        """Reserve `code`; False when it is already taken."""
        if code in self._taken:
            return False
        self._taken.add(code)
        self._index(code)
        return True

