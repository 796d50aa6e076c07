"""The packet's photos are prepared on several threads: the result is the one a single thread gives, in order."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import DOC_NUMBER
from export_fixture import EXPORT_TIME, PERIOD, ExportFixture, make_photo

from hpdesk.domain.errors import OperationCancelled
from hpdesk.services.exporting import pdf_evidence
from hpdesk.services.exporting.content_builder import build_packet_content
from hpdesk.services.exporting.packet_content import EvidenceFile, PacketContent
from hpdesk.services.progress import CancelToken
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


def _content_with_photos(export_data: ExportFixture, folder: Path, count: int) -> PacketContent:
    content = build_packet_content(export_data.workspace, PERIOD, doc_number=DOC_NUMBER, now=EXPORT_TIME)
    files = []
    for index in range(count):
        size = (900 + index * 16, 700) if index % 2 else (700, 900 + index * 16)
        photo = make_photo(folder / f"p{index}.jpg", size=size, colour=f"#{index * 20:02x}7bd5",
                           orientation=6 if index % 3 == 0 else 1)
        blob = export_data.workspace.attachments.add_file(photo)
        files.append(EvidenceFile(f"照片{index}.jpg", f"佐证材料/E001-{index + 1}-照片{index}.jpg", blob.sha256,
                                  blob.size, "image/jpeg", ""))
    item = content.tasks[0].evidence[0]
    tasks = (dataclasses.replace(content.tasks[0], evidence=(dataclasses.replace(item, files=tuple(files)),)),
             *content.tasks[1:])
    return dataclasses.replace(content, tasks=tasks)


def _prepared(content: PacketContent, export_data: ExportFixture, scratch: Path,
              cancel: CancelToken | None = None) -> dict[str, tuple[str, tuple[int, int], bytes, bytes]]:
    scratch.mkdir()
    prepared = pdf_evidence.prepare_evidence(content, export_data.workspace.attachments, scratch, cancel=cancel)
    return {sha256: (file.kind, file.pixels, file.image.read_bytes() if file.image else b"",
                     file.thumbnail.read_bytes() if file.thumbnail else b"") for sha256, file in prepared.items()}


def test_photos_prepared_on_several_threads_equal_those_prepared_one_at_a_time(
        export_data: ExportFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content_with_photos(export_data, tmp_path, 9)
    monkeypatch.setattr(pdf_evidence, "PHOTO_WORKERS", 1)
    one_thread = _prepared(content, export_data, tmp_path / "one")
    monkeypatch.setattr(pdf_evidence, "PHOTO_WORKERS", 4)
    four_threads = _prepared(content, export_data, tmp_path / "four")

    assert list(four_threads) == list(one_thread)  # same files, same (evidence) order
    assert four_threads == one_thread
    assert sum(kind == "image" for kind, *_rest in four_threads.values()) >= 9


def test_a_cancelled_preparation_stops_and_says_so(export_data: ExportFixture, tmp_path: Path) -> None:
    content = _content_with_photos(export_data, tmp_path, 4)
    cancel = CancelToken()
    cancel.cancel()

    with pytest.raises(OperationCancelled):
        _prepared(content, export_data, tmp_path / "cancelled", cancel=cancel)
