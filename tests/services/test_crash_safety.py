"""A process killed in the middle of adding evidence or importing leaves a workspace that passes `hpdesk check`:
no partial records, no row naming a missing blob, and no blob that check cannot explain.

Each test runs a real child process that works on a workspace and says on stdout where it is; the test kills it with
SIGKILL at that moment. A child that must stop at a precise point pauses there (it prints, then waits on stdin,
which the test never answers), so the kill lands exactly between two steps; the looping child is killed wherever
it happens to be. No sleeps: the test waits on the child's stdout lines.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from evidence_world import make_noise, make_photo, seed_report
from sqlalchemy import func, select

from hpdesk.services.evidence import prune_unreferenced_blobs
from hpdesk.services.maintenance import CheckReport, check_workspace
from hpdesk.services.workspace import open_workspace
from hpdesk.storage.records import AttachmentRecord, EvidenceFileRecord, EvidenceRecord, PlanRecord

# Runs once, not on both back ends: it kills a process writing the SQLite file (WAL, rollback); PostgreSQL's own crash
# safety is the server's, and a killed client's advisory lock is test_pg_concurrency's.

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")]

MB = 1024 * 1024
CHILD_TIMEOUT_SECONDS = 120

CHILD = r"""
import os, sys
from pathlib import Path
from hpdesk.services.evidence import PROGRESS_SAVING, add_evidence
from hpdesk.services.workspace import open_workspace

point, root, report_id, args = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]

def pause(message):
    print(message, flush=True)
    sys.stdin.readline()  # never answered: the test kills us here
    raise SystemExit("the test should have killed this process")

class PauseAt:
    def update(self, done, total, message=""):
        step = getattr(message, "code", "")
        if point == "copying" and 2 * 1024 * 1024 <= done < total and step != PROGRESS_SAVING:
            pause("copying")  # a blob is half-written as incoming-*.part (the first megabyte is in it)
        if point == "saving" and step == PROGRESS_SAVING:
            pause("saving")  # every blob is stored, the rows are flushed but not committed
        if point == "import" and done > 0:
            pause("importing")  # the plan's rows are half-written inside the import's transaction

workspace = open_workspace(root)
if point == "import":
    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
    apply_import(workspace, analyse_workbook(workspace, Path(args[0])), PauseAt())
elif point == "loop":
    scratch = Path(args[0])
    for index in range(100_000):
        files = []
        for part in range(2):  # new content every time, so every add writes new blobs
            path = scratch / f"{index}-{part}.bin"
            path.write_bytes(index.to_bytes(4, "big") + part.to_bytes(1, "big") + os.urandom(2 * 1024 * 1024))
            files.append(path)
        add_evidence(workspace, report_id, kind="other", title=f"证据 {index}", files=files)
        print(f"added {index}", flush=True)
else:
    add_evidence(workspace, report_id, kind="other", title="讲座", files=[Path(a) for a in args], progress=PauseAt())
print("finished", flush=True)
"""


def _run_child_until(point: str, root: Path, report_id: int, args: list[Path], wanted: str) -> list[str]:
    """Start the child, read its stdout until the line `wanted`, then SIGKILL it. Returns the lines read."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, point, str(root), str(report_id), *map(str, args)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(CHILD_TIMEOUT_SECONDS, child.kill)  # a hung child fails the test, never hangs it
    watchdog.start()
    lines: list[str] = []
    try:
        assert child.stdout is not None
        for line in child.stdout:
            lines.append(line.strip())
            if lines[-1] == wanted:
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        watchdog.cancel()
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL and lines and lines[-1] == wanted, (
        lines, child.stderr.read() if child.stderr else "")
    return lines


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _recovered(root: Path) -> tuple[CheckReport, dict[int, int]]:
    """Reopen (which sweeps partial files) and check; returns the report and the file count of every evidence."""
    with open_workspace(root) as workspace:
        result = check_workspace(workspace)
        with workspace.database.read_only() as session:
            counts = dict(session.execute(
                select(EvidenceRecord.id, func.count(EvidenceFileRecord.id))
                .outerjoin(EvidenceFileRecord, EvidenceFileRecord.evidence_id == EvidenceRecord.id)
                .group_by(EvidenceRecord.id)).all())
            named = set(session.scalars(select(AttachmentRecord.sha256)))
        assert all(workspace.attachments.exists(sha256) for sha256 in named)
    assert result.sound, result.to_json()
    assert result.partial_files == [] and list((root / "blobs").glob("*.part")) == []
    return result, counts


def _pruned_clean(root: Path) -> None:
    with open_workspace(root) as workspace:
        prune_unreferenced_blobs(workspace)
        after = check_workspace(workspace)
    assert after.sound and after.orphaned_blobs == []


@pytest.fixture
def seeded_root(workspace_dir: Path) -> tuple[Path, int]:
    with open_workspace(workspace_dir) as workspace:
        return workspace_dir, seed_report(workspace).report_id


def test_killed_while_a_blob_is_half_written_leaves_nothing_after_reopening(
        seeded_root: tuple[Path, int], tmp_path: Path) -> None:
    root, report_id = seeded_root
    payload = [make_noise(tmp_path / "scan.bin", 5 * MB)]
    _run_child_until("copying", root, report_id, payload, "copying")
    partial = list((root / "blobs").glob("incoming-*.part"))
    assert len(partial) == 1 and partial[0].stat().st_size > 0, "the kill should have caught a half-written blob"
    result, counts = _recovered(root)
    assert counts == {} and result.orphaned_blobs == []


def test_killed_after_the_blobs_and_before_the_commit_leaves_only_explainable_orphans(
        seeded_root: tuple[Path, int], tmp_path: Path) -> None:
    root, report_id = seeded_root
    payload = [make_noise(tmp_path / "a.bin", 3 * MB, seed=1), make_photo(tmp_path / "b.jpg")]
    _run_child_until("saving", root, report_id, payload, "saving")
    result, counts = _recovered(root)
    assert counts == {}  # the flushed rows were never committed
    assert sorted(result.orphaned_blobs) == sorted(_sha256(path) for path in payload)
    _pruned_clean(root)


def test_killed_at_a_random_point_of_a_loop_of_adds_keeps_every_committed_evidence_whole(
        seeded_root: tuple[Path, int], tmp_path: Path) -> None:
    root, report_id = seeded_root
    scratch = tmp_path / "child-files"
    scratch.mkdir()
    lines = _run_child_until("loop", root, report_id, [scratch], "added 2")
    result, counts = _recovered(root)
    assert len(lines) == 3 and 3 <= len(counts) <= 4  # the fourth add may have committed just before the kill
    assert set(counts.values()) == {2}, counts  # no evidence with a file missing
    payload_hashes = {_sha256(path) for path in scratch.iterdir()}
    assert set(result.orphaned_blobs) <= payload_hashes  # every orphan is a file the child was adding
    assert result.attachments_checked == 2 * len(counts)
    _pruned_clean(root)


def test_killed_while_importing_leaves_nothing_imported(workspace_dir: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    _run_child_until("import", workspace_dir, 0, [sample_copy("zhengzhou_tasks.xlsx")], "importing")
    with open_workspace(workspace_dir) as workspace:
        result = check_workspace(workspace)
        with workspace.database.read_only() as session:
            assert session.scalar(select(func.count()).select_from(PlanRecord)) == 0
    assert result.sound, result.to_json()
