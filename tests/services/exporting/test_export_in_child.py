"""The desktop app's export and preview run in a child process through the façade: the target is a real import
(services/exporting/child_jobs.py), the answer a typed ExportResult, and the parent never loads the export stack."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from export_fixture import PASSPHRASE, PERIOD, ExportFixture

from hpdesk.services.desk import Desk
from hpdesk.services.exporting.results import ExportResult
from hpdesk.services.progress import CancelToken
from recording_progress import RecordingProgress
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = [pytest.mark.slow, BOTH_BACK_ENDS]


def test_the_export_runs_in_a_child_and_answers_the_package_it_wrote(export_data: ExportFixture,
                                                                     tmp_path: Path) -> None:
    desk, progress = Desk(export_data.workspace), RecordingProgress()
    package = desk.export_submission(PERIOD, tmp_path / "out", PASSPHRASE, "12", progress, CancelToken())
    assert package.is_file() and package.parent == tmp_path / "out" and package.suffix == ".zip"
    assert progress.updates  # the child's progress crossed over
    assert desk.periods()[0].state == "locked"


def test_the_preview_runs_in_a_child_and_answers_the_pdf(export_data: ExportFixture) -> None:
    pdf = Desk(export_data.workspace).preview_packet(PERIOD, "", RecordingProgress(), CancelToken())
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_unpickling_the_childs_answer_imports_none_of_the_export_stack() -> None:
    probe = ("import pickle, sys\n"
             "from hpdesk.services.exporting import child_jobs\n"
             "pickle.loads(sys.stdin.buffer.read())\n"
             "print(sorted(m for m in ('reportlab', 'pyhanko', 'openpyxl') if m in sys.modules))\n")
    answer = pickle.dumps(ExportResult(Path("p.zip"), "a", "b", "c", "f", 1, 1, "s", ("manifest.json",), 0, True,
                                       True))
    completed = subprocess.run([sys.executable, "-c", probe], input=answer, capture_output=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.decode().strip() == "[]"
