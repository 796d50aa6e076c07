"""A journaled swap of a workspace's top-level entries, so a process killed halfway through a restore leaves a
workspace that the next open completes, never no workspace or half of one.

The restore unpacks and verifies everything inside `<root>/.restore-<random>/` first. Then it writes the journal
`<root>/restore-journal.json` (temp file, fsync, rename: it exists whole or not at all) naming that folder, the
folder the current data goes aside to, and the entries to exchange. From then on the swap only rolls *forward*:
every step is an `os.replace` that is skipped when already done, so `finish_swap` can be run again and again, by
the same process or by the next open after a kill, until the journal is removed. The old -wal/-shm files go aside
first: a stale WAL beside a new database would be replayed into it.

`sweep_leftovers` removes `.restore-*` folders that no journal names (a restore killed before its swap began).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from hpdesk.storage.attachment_store import fsync_directory
from hpdesk.storage.crash_points import crash_point

JOURNAL_NAME = "restore-journal.json"
SCRATCH_PREFIX = ".restore-"


class JournalDamaged(Exception):
    """The journal exists but cannot be read (never written by us: ours is replaced atomically)."""


@dataclass(frozen=True)
class SwapPlan:
    """Move `entries` of `root` into `aside` (those present), then `incoming` (a subset of `entries`, the ones
    `scratch` holds) from `scratch` into `root`."""

    root: Path
    scratch: Path
    aside: Path
    entries: tuple[str, ...]
    incoming: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"scratch": self.scratch.name, "aside": self.aside.relative_to(self.root).as_posix(),
                "entries": list(self.entries), "incoming": list(self.incoming)}


def begin_swap(plan: SwapPlan) -> None:
    """Record `plan` durably, then carry it out. Everything in `plan.scratch` must already be complete."""
    journal = plan.root / JOURNAL_NAME
    partial = journal.with_name(JOURNAL_NAME + ".part")
    with open(partial, "w", encoding="utf-8") as stream:
        json.dump(plan.to_json(), stream)
        stream.flush()
        os.fsync(stream.fileno())
    crash_point("restore.journal")
    os.replace(partial, journal)
    fsync_directory(plan.root)
    finish_swap(plan.root)


def has_interrupted_swap(root: Path) -> bool:
    return (root / JOURNAL_NAME).is_file()


def _read_plan(root: Path) -> SwapPlan:
    try:
        data = json.loads((root / JOURNAL_NAME).read_text(encoding="utf-8"))
        scratch, aside = data["scratch"], data["aside"]
        entries, incoming = tuple(data["entries"]), tuple(data["incoming"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise JournalDamaged(str(error)) from None
    names = [scratch, *entries, *incoming]
    if not all(isinstance(name, str) and name and "/" not in name and "\\" not in name and name not in {".", ".."}
               for name in names) or not scratch.startswith(SCRATCH_PREFIX) or not isinstance(aside, str):
        raise JournalDamaged("unexpected names in the journal")
    aside_path = (root / aside).resolve()
    if root.resolve() not in aside_path.parents or not set(incoming) <= set(entries):
        raise JournalDamaged("the journal does not describe a swap inside the workspace")
    return SwapPlan(root, root / scratch, aside_path, entries, incoming)


def finish_swap(root: Path) -> SwapPlan | None:
    """Complete a journaled swap (idempotent); returns its plan, or None when there was nothing to finish."""
    if not has_interrupted_swap(root):
        return None
    plan = _read_plan(root)
    for name in plan.entries:  # the current data goes aside
        arrived = name in plan.incoming and not (plan.scratch / name).exists()  # root/name is already the new one
        current = root / name
        if (current.exists() or current.is_symlink()) and not arrived:
            plan.aside.mkdir(parents=True, exist_ok=True)  # only when there is something to keep
            crash_point("restore.swap")
            os.replace(current, plan.aside / name)
    for name in plan.incoming:  # the restored data comes in
        if (plan.scratch / name).exists():
            crash_point("restore.swap")
            os.replace(plan.scratch / name, root / name)
    fsync_directory(root)
    crash_point("restore.finish")
    (root / JOURNAL_NAME).unlink()
    shutil.rmtree(plan.scratch, ignore_errors=True)
    return plan


def sweep_leftovers(root: Path) -> int:
    """Remove `.restore-*` folders of restores killed before their swap began (none while a journal names one)."""
    if has_interrupted_swap(root) or not root.is_dir():
        return 0
    removed = 0
    for leftover in root.glob(SCRATCH_PREFIX + "*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
        removed += 1
    (root / (JOURNAL_NAME + ".part")).unlink(missing_ok=True)
    return removed
