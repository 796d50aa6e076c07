"""`hpdesk check` hashes the blobs before it opens the workspace, and only while it holds the workspace's lock."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hpdesk.domain.errors import UserError
from hpdesk.services import blob_digests
from hpdesk.services import workspace as workspace_module
from hpdesk.services.blob_digests import DATABASE_FILE, EarlyBlobCheck
from hpdesk.services.maintenance import check_workspace
from hpdesk.services.workspace import lock_workspace, open_workspace
from hpdesk.storage.swap_journal import JOURNAL_NAME

# Runs once, on SQLite: a shared workspace's blobs are not hashed early (its check hashes them as before).


def test_the_names_it_uses_are_the_workspace_modules() -> None:
    assert DATABASE_FILE == workspace_module.DATABASE_NAME


def test_it_holds_the_workspace_lock_until_the_hand_over_then_the_check_finds_what_it_found_before(
        tmp_path: Path) -> None:
    root = tmp_path / "w"
    with open_workspace(root, create=True) as workspace:
        blobs = [workspace.attachments.add_stream(io.BytesIO(f"photo {index}".encode() * 100)) for index in range(5)]
    early = EarlyBlobCheck(root)
    try:
        assert early.digests is not None
        with pytest.raises(UserError) as busy:  # the same lock file: nobody can write while it hashes
            open_workspace(root)
        assert busy.value.code == "workspace_busy"
        early.hand_over()
        with open_workspace(root) as workspace:
            assert early.digests.sound(workspace.attachments.root) == {blob.sha256: blob.size for blob in blobs}
            assert check_workspace(workspace, digests=early.digests).orphaned_blobs == sorted(
                blob.sha256 for blob in blobs)  # no rows name them
    finally:
        early.close()


def test_nothing_is_hashed_early_while_another_process_holds_the_workspace(tmp_path: Path) -> None:
    root = tmp_path / "w"
    open_workspace(root, create=True).close()
    held = lock_workspace(root)
    try:
        early = EarlyBlobCheck(root)
        assert early.digests is None
        early.close()
    finally:
        held.release()


def test_a_folder_that_is_no_workspace_is_left_untouched(tmp_path: Path) -> None:
    early = EarlyBlobCheck(tmp_path)
    early.close()
    assert early.digests is None
    assert list(tmp_path.iterdir()) == []  # no lock file made


def test_nothing_is_hashed_early_when_opening_will_finish_a_restore(tmp_path: Path) -> None:
    root = tmp_path / "w"
    open_workspace(root, create=True).close()
    (root / JOURNAL_NAME).write_text("{}", encoding="utf-8")  # its swap renames the blob folder
    early = EarlyBlobCheck(root)
    early.close()
    assert early.digests is None


def test_when_no_child_or_thread_can_be_had_the_check_hashes_every_blob_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "w"
    with open_workspace(root, create=True) as workspace:
        workspace.attachments.add_stream(io.BytesIO(b"a photo" * 100))

    def no_process(root: Path) -> None:
        raise BlockingIOError("fork: resource temporarily unavailable")  # what os.fork raises at the process limit

    monkeypatch.setattr(blob_digests, "BlobDigests", no_process)
    early = EarlyBlobCheck(root)
    try:
        assert early.digests is None
        with open_workspace(root) as workspace:  # the lock was let go
            assert check_workspace(workspace).orphaned_blobs  # and the check still works, hashing by itself
    finally:
        early.close()
