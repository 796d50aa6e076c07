"""A process killed in the middle of adding evidence or importing leaves a workspace that passes `hpdesk check`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.periods import create_periods
from hpdesk.services.units import add_unit, assign_task
from hpdesk.services.workspace import open_workspace
from hpdesk.storage.records import EvidenceFileRecord, EvidenceRecord, PlanRecord

pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name == "nt", reason="SIGKILL")]

# The child pauses at a chosen point (announcing it on stdout) and waits to be killed.
CHILD = r"""
import sys, os
from pathlib import Path
from hpdesk.services.workspace import open_workspace
from hpdesk.services import evidence
from hpdesk.storage import attachment_store

point, root, payload = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])

def pause(message):
    print(message, flush=True)
    sys.stdin.readline()  # never answered: the parent kills us here

workspace = open_workspace(root)
if point == "after-blob":
    original = workspace.attachments.add_file
    def add_then_pause(path, **kwargs):
        blob = original(path, **kwargs)
        pause("blob-written")
        return blob
    workspace.attachments.add_file = add_then_pause
if point == "mid-blob":
    attachment_store.os.fsync = lambda fd: pause("half-written")
if point == "import":
    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
    class PauseOnWrite:
        def update(self, done, total, message=""):
            if done:
                pause("importing")
    apply_import(workspace, analyse_workbook(workspace, payload), PauseOnWrite())
else:
    evidence.add_evidence(workspace, "A01-T001", "北下街街道", "2025H1", kind="photo", title="讲座", files=[payload])
print("finished", flush=True)
"""


def _kill_child_at(point: str, root: Path, payload: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD, point, str(root), str(payload)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert line in {"blob-written", "half-written", "importing"}, line


@pytest.fixture
def prepared(workspace_dir: Path, sample_copy, tmp_path: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    with open_workspace(workspace_dir) as workspace:
        apply_import(workspace, analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx")))
        add_unit(workspace, "北下街街道", "street")
        assign_task(workspace, "A01-T001", "北下街街道")
        create_periods(workspace, 2025)
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (800, 600), "green").save(photo, "JPEG")
    return workspace_dir, photo


@pytest.mark.parametrize("point", ["after-blob", "mid-blob"])
def test_killed_while_adding_evidence_leaves_a_sound_workspace_without_partial_records(prepared, point: str) -> None:  # type: ignore[no-untyped-def]
    root, photo = prepared
    _kill_child_at(point, root, photo)
    with open_workspace(root) as workspace:  # reopening sweeps half-written temp files
        result = check_workspace(workspace)
        with workspace.database.read_only() as session:
            assert session.scalar(select(func.count()).select_from(EvidenceRecord)) == 0
            assert session.scalar(select(func.count()).select_from(EvidenceFileRecord)) == 0
    assert result.sound, result.to_json()
    assert result.partial_files == []
    # A blob written before the kill is an orphan that check explains, never a missing or corrupt file.
    assert len(result.orphaned_blobs) == (1 if point == "after-blob" else 0)


def test_killed_while_importing_leaves_nothing_imported(workspace_dir: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    _kill_child_at("import", workspace_dir, sample_copy("zhengzhou_tasks.xlsx"))
    with open_workspace(workspace_dir) as workspace:
        assert check_workspace(workspace).sound
        with workspace.database.read_only() as session:
            assert session.scalar(select(func.count()).select_from(PlanRecord)) == 0
