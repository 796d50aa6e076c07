"""`AttachmentStore.verify`, the heart of `hpdesk check`: every problem found on a thread pool, in row order, with the
rows read as a stream and the store listed once."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from hpdesk.storage import attachment_store
from hpdesk.storage.attachment_store import AttachmentStore, BlobProblem


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
