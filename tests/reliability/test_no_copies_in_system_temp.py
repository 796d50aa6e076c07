"""Nothing of the county's is written to the system temp folder (issue 12, promise 4 and item 24): copies opened
in a viewer and the unsigned preview live in the workspace's tmp/ (swept on the next open), and `verify` reads the
packet PDF in place inside the package instead of copying it out."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from export_fixture import EXPORT_TIME, PASSPHRASE, PERIOD

from hpdesk.services.workspace import TEMP_FOLDER, open_workspace

pytestmark = pytest.mark.slow


@pytest.fixture
def no_system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system temp folder made a path that does not exist: anything that writes there fails."""
    missing = tmp_path / "system-temp-must-not-be-used"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))
    return missing


def test_a_copy_opened_in_a_viewer_stays_in_the_workspace_and_is_swept_on_the_next_open(
        export_ready_workspace: Path, no_system_temp: Path) -> None:
    from hpdesk.services.evidence_queries import open_attachment_path
    from hpdesk.storage.records import AttachmentRecord

    with open_workspace(export_ready_workspace, actor="tester") as workspace:
        with workspace.database.read_only() as session:
            sha256 = session.query(AttachmentRecord.sha256).first()[0]
        copy = open_attachment_path(workspace, sha256)
        assert copy.is_file() and copy.is_relative_to(export_ready_workspace / TEMP_FOLDER)
    assert not no_system_temp.exists()
    with open_workspace(export_ready_workspace, actor="tester"):
        assert not copy.exists()  # the read-only copy was swept


def test_the_unsigned_preview_is_rendered_inside_the_workspace(export_ready_workspace: Path,
                                                               no_system_temp: Path) -> None:
    from hpdesk.services.desk import Desk
    from hpdesk.services.progress import CancelToken
    from recording_progress import RecordingProgress

    with open_workspace(export_ready_workspace, actor="tester") as workspace:
        pdf = Desk(workspace).preview_packet(PERIOD, "", RecordingProgress(), CancelToken())
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert pdf.is_relative_to(export_ready_workspace / TEMP_FOLDER)
    assert not no_system_temp.exists()


def test_the_export_and_verify_write_nothing_to_the_system_temp(export_ready_workspace: Path, tmp_path: Path,
                                                                no_system_temp: Path) -> None:
    # verify checks the packet PDF in place inside the package; openpyxl's worksheet scratch stays in tmp/
    from hpdesk.services.exporting.submission import export_submission
    from hpdesk.services.exporting.verification import verify_package
    from hpdesk.services.identity import CERTIFICATE_FILE, load_certificate_file

    with open_workspace(export_ready_workspace, actor="tester") as workspace:
        result = export_submission(workspace, PERIOD, tmp_path / "out", PASSPHRASE, "12", now=EXPORT_TIME)
        trusted = load_certificate_file(workspace.identity_dir / CERTIFICATE_FILE)
    verified = verify_package(result.package_path, trusted)
    assert verified.ok, verified.problems
    assert not no_system_temp.exists()
