"""`AttachmentStore.verify`, the heart of `hpdesk check`: every problem found on a thread pool, in row order, with the
rows read as a stream and the store listed once."""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hpdesk.storage import attachment_store
from hpdesk.storage.attachment_store import AttachmentStore, BlobDigests, BlobProblem


# The early hashing runs in a forked child where it can (Linux, no other thread) and on threads elsewhere: both ways
# must find the same.
BOTH_WAYS = pytest.mark.parametrize("in_child", [False, True], ids=["threads", "forked child"])


def _store_with_blobs(root: Path, count: int) -> tuple[AttachmentStore, list[tuple[str, int]]]:
    store = AttachmentStore(root)
    rows = []
    for index in range(count):
        blob = store.add_stream(io.BytesIO(f"blob {index} ".encode() * (1 + index % 7)))
        rows.append((blob.sha256, blob.size))
    return store, rows


def test_verify_on_several_threads_reports_every_damaged_blob_in_row_order(tmp_path: Path) -> None:
    store, rows = _store_with_blobs(tmp_path / "blobs", 400)
    same_size_changed, truncated, removed = rows[3], rows[200], rows[399]
    path = store.path_for(same_size_changed[0])
    path.write_bytes(b"x" * same_size_changed[1])
    store.path_for(truncated[0]).write_bytes(b"short")
    store.path_for(removed[0]).unlink()
    orphan = store.add_stream(io.BytesIO(b"a blob no row names"))
    (tmp_path / "blobs" / "incoming-1.part").write_bytes(b"half")

    problems = store.verify(iter(rows), workers=4)

    assert problems == [
        BlobProblem(same_size_changed[0], "corrupt"),
        BlobProblem(truncated[0], "corrupt"),
        BlobProblem(removed[0], "missing"),
        BlobProblem(orphan.sha256, "orphan"),
        BlobProblem("incoming-1.part", "partial"),
    ]


def test_verify_of_a_sound_store_reports_nothing_and_counts_progress_to_the_total(tmp_path: Path) -> None:
    store, rows = _store_with_blobs(tmp_path / "blobs", 150)
    updates: list[tuple[int, int]] = []

    class Sink:
        def update(self, done: int, total: int, message: str = "") -> None:
            updates.append((done, total))

    assert store.verify(iter(rows), progress=Sink(), total=len(rows), workers=2) == []
    assert updates[-1] == (150, 150)
    assert [done for done, _total in updates] == sorted(done for done, _total in updates)


def test_verify_reads_the_rows_as_a_stream_not_all_before_hashing(tmp_path: Path) -> None:
    store, rows = _store_with_blobs(tmp_path / "blobs", 1000)
    pulled = 0
    pulled_at_first_update: list[int] = []

    def streamed() -> Iterator[tuple[str, int]]:
        nonlocal pulled
        for row in rows:
            pulled += 1
            yield row

    class Sink:
        def update(self, done: int, total: int, message: str = "") -> None:
            pulled_at_first_update.append(pulled)

    assert store.verify(streamed(), progress=Sink(), total=len(rows), workers=2) == []
    assert pulled_at_first_update[0] <= attachment_store._VERIFY_BATCH < len(rows)


def test_verify_lists_the_store_once_without_a_lookup_per_blob(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, rows = _store_with_blobs(tmp_path / "blobs", 300)
    listed: list[str] = []
    real_scandir = os.scandir

    def counting_scandir(path):  # type: ignore[no-untyped-def]
        listed.append(os.fspath(path))
        return real_scandir(path)

    def no_lookup(self: Path) -> bool:
        raise AssertionError(f"a per-blob lookup of {self}")

    monkeypatch.setattr(attachment_store.os, "scandir", counting_scandir)
    monkeypatch.setattr(Path, "is_file", no_lookup)
    folders = {sha256[:2] for sha256, _size in rows}

    assert store.verify(iter(rows), workers=2) == []
    assert len(listed) == len(set(listed)) == 1 + len(folders)


def _damaged_store(root: Path) -> tuple[AttachmentStore, list[tuple[str, int]]]:
    """A store of 300 blobs with one of each problem: changed at the same size, truncated, removed, an orphan and a
    partial file."""
    store, rows = _store_with_blobs(root, 300)
    store.path_for(rows[3][0]).write_bytes(b"x" * rows[3][1])
    store.path_for(rows[150][0]).write_bytes(b"short")
    store.path_for(rows[299][0]).unlink()
    store.add_stream(io.BytesIO(b"a blob no row names"))
    (root / "incoming-1.part").write_bytes(b"half")
    return store, rows


@BOTH_WAYS
def test_blobs_hashed_before_the_check_give_the_same_problems_as_hashing_them_in_it(in_child: bool,
                                                                                    tmp_path: Path) -> None:
    store, rows = _damaged_store(tmp_path / "blobs")
    expected = store.verify(iter(rows), workers=2)
    digests = BlobDigests(tmp_path / "blobs", workers=2, in_child=in_child)
    try:
        assert store.verify(iter(rows), workers=2, digests=digests) == expected
    finally:
        digests.close()
    assert [problem.problem for problem in expected] == ["corrupt", "corrupt", "missing", "orphan", "partial"]


@BOTH_WAYS
def test_only_blobs_not_found_sound_beforehand_are_hashed_again(in_child: bool, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store, rows = _damaged_store(tmp_path / "blobs")
    digests = BlobDigests(tmp_path / "blobs", workers=2, in_child=in_child)
    digests.sound(tmp_path / "blobs")  # all hashed
    hashed_again: list[str] = []
    real = attachment_store._blob_problem

    def counting(path: str, sha256: str, size: int) -> str | None:
        hashed_again.append(sha256)
        return real(path, sha256, size)

    monkeypatch.setattr(attachment_store, "_blob_problem", counting)
    wrong_size = (rows[10][0], rows[10][1] + 1)  # sound bytes, but the row says another size: damaged, as before
    try:
        problems = store.verify(iter([*rows[:10], wrong_size, *rows[11:]]), workers=2, digests=digests)
    finally:
        digests.close()
    assert sorted(hashed_again) == sorted([rows[3][0], rows[10][0], rows[150][0]])  # the removed one is not listed
    assert problems[:4] == [BlobProblem(rows[3][0], "corrupt"), BlobProblem(rows[10][0], "corrupt"),
                            BlobProblem(rows[150][0], "corrupt"), BlobProblem(rows[299][0], "missing")]


@BOTH_WAYS
def test_what_changed_after_the_early_hashing_is_judged_as_it_is_when_the_check_runs(in_child: bool,
                                                                                     tmp_path: Path) -> None:
    store, rows = _store_with_blobs(tmp_path / "blobs", 100)
    damaged = rows[5]
    store.path_for(damaged[0]).write_bytes(b"x" * damaged[1])
    digests = BlobDigests(tmp_path / "blobs", workers=2, in_child=in_child)
    digests.sound(tmp_path / "blobs")
    store.path_for(damaged[0]).unlink()
    store.add_stream(io.BytesIO(b"blob 5 " * 6))  # put back whole (as _store_with_blobs made it): damaged only before
    store.path_for(rows[7][0]).unlink()  # sound beforehand, gone now
    added = store.add_stream(io.BytesIO(b"added after the early hashing"))
    try:
        problems = store.verify(iter([*rows, (added.sha256, added.size)]), workers=2, digests=digests)
    finally:
        digests.close()
    assert problems == [BlobProblem(rows[7][0], "missing")]


@BOTH_WAYS
def test_a_store_folder_swapped_in_since_the_early_hashing_is_hashed_anew(in_child: bool, tmp_path: Path) -> None:
    store, rows = _store_with_blobs(tmp_path / "blobs", 50)
    digests = BlobDigests(tmp_path / "blobs", workers=2, in_child=in_child)
    digests.sound(tmp_path / "blobs")
    (tmp_path / "blobs").rename(tmp_path / "old-blobs")  # what a restore's swap does to the folder
    _store_with_blobs(tmp_path / "blobs", 50)
    store.path_for(rows[1][0]).write_bytes(b"x" * rows[1][1])
    try:
        assert digests.sound(tmp_path / "blobs") == {}
        assert store.verify(iter(rows), workers=2, digests=digests) == [BlobProblem(rows[1][0], "corrupt")]
    finally:
        digests.close()


def test_early_hashing_of_no_store_finds_nothing_and_closing_it_early_stops_it(tmp_path: Path) -> None:
    nothing = BlobDigests(tmp_path / "no-blobs")
    assert nothing.sound(tmp_path / "no-blobs") == {}
    nothing.close()
    _store_with_blobs(tmp_path / "blobs", 200)
    BlobDigests(tmp_path / "blobs", workers=1).close()  # a failed open or Ctrl-C: returns once the threads stopped
    assert not [thread for thread in threading.enumerate() if thread.name.startswith("blob-digest")]


def test_the_forked_child_keeps_no_handle_to_the_workspace_lock(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The lock is an flock, held while any handle to it is open: a child that kept the handle it inherited would keep
    the workspace locked after the check handed the lock over. The child here waits on its first blob (it inherits
    the patched hashing), so it is certainly alive when the lock is taken again."""
    from hpdesk.storage.workspace_lock import WorkspaceLock

    _store_with_blobs(tmp_path / "blobs", 3)
    monkeypatch.setattr(attachment_store, "_sound_size", lambda path, sha256: time.sleep(3600) or 0)
    held = WorkspaceLock(tmp_path / "workspace.lock")
    held.acquire()
    digests = BlobDigests(tmp_path / "blobs", in_child=True)
    try:
        assert digests.in_child
        held.release()
        again = WorkspaceLock(tmp_path / "workspace.lock")
        again.acquire()  # raised WorkspaceBusy while the child held its copy of the handle
        again.release()
        child = digests._child._pid  # type: ignore[union-attr]
        # nor the caller's standard streams: a caller waiting for the end of the command's output (a killed parent's
        # pipes) must not wait for the child too
        assert {os.readlink(f"/proc/{child}/fd/{fd}") for fd in (0, 1, 2)} == {os.devnull}
    finally:
        digests.close()  # kills the waiting child
    assert digests.sound(tmp_path / "blobs") == {}  # a killed child found nothing


@BOTH_WAYS
def test_a_blob_found_only_in_another_folder_than_its_own_is_still_missing(in_child: bool, tmp_path: Path) -> None:
    """The store looks for a blob in the folder its name's first two letters give: a sound copy elsewhere (moved
    by hand, a bad restore) must not make the early hashing vouch for it."""
    store, rows = _store_with_blobs(tmp_path / "blobs", 20)
    moved = rows[4][0]
    elsewhere = tmp_path / "blobs" / ("00" if not moved.startswith("00") else "01")
    elsewhere.mkdir(exist_ok=True)
    store.path_for(moved).rename(elsewhere / moved)
    digests = BlobDigests(tmp_path / "blobs", workers=2, in_child=in_child)
    try:
        assert moved not in digests.sound(tmp_path / "blobs")
        assert store.verify(iter(rows), workers=2, digests=digests) == [BlobProblem(moved, "missing")]
    finally:
        digests.close()


@BOTH_WAYS
def test_a_link_or_a_fifo_in_the_store_never_stalls_the_check_and_is_no_sound_blob(in_child: bool,
                                                                                    tmp_path: Path) -> None:
    """Someone's link to /dev/zero named like a blob of its folder was read without end by the early hashing, and a
    FIFO where a blob should be blocked its open for ever: `hpdesk check` never finished. Neither is a blob (a link's
    target can change at any time): a row's blob replaced by either is corrupt, and the check ends."""
    store, rows = _store_with_blobs(tmp_path / "blobs", 20)
    folder = store.path_for(rows[0][0]).parent
    (folder / (folder.name + "-zero")).symlink_to("/dev/zero")  # no digest's name: not judged, but it was read
    fifo, linked = rows[1][0], rows[2][0]
    store.path_for(fifo).unlink()
    os.mkfifo(store.path_for(fifo))
    store.path_for(linked).rename(tmp_path / "outside")
    store.path_for(linked).symlink_to(tmp_path / "outside")  # the right bytes, but outside the store
    digests = BlobDigests(tmp_path / "blobs", workers=2, in_child=in_child)
    found: list[list[BlobProblem]] = []
    checking = threading.Thread(target=lambda: found.append(store.verify(iter(rows), workers=2, digests=digests)),
                                daemon=True)
    checking.start()
    checking.join(60)
    stalled = checking.is_alive()
    if not stalled:  # a stalled hashing would never let close() return
        digests.close()
    assert not stalled, "the check did not finish"
    assert found == [[BlobProblem(fifo, "corrupt"), BlobProblem(linked, "corrupt")]]
