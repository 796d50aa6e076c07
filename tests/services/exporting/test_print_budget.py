"""The print images' byte budget is shared by all of them: when they fit together, none is shrunk; when they do
not, only those over a common cap are made again at fewer pixels, and the result does not depend on threads."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from export_fixture import ExportFixture, make_photo
from PIL import Image

from hpdesk.services.exporting import pdf_evidence
from hpdesk.services.exporting.packet_content import EvidenceFile, PacketContent
from hpdesk.services.exporting.pdf_evidence import budget_cap
from test_evidence_photos_in_parallel import _content_with_photos, _prepared


def test_no_cap_when_the_sizes_fit_the_budget() -> None:
    assert budget_cap([100, 200, 300], 600) is None
    assert budget_cap([], 0) is None


def test_the_cap_cuts_only_the_largest_and_is_the_largest_that_fits() -> None:
    sizes = [50, 100, 400, 500]
    cap = budget_cap(sizes, 700)
    assert cap == 275  # 50 + 100 kept whole, the other two cut to (700 - 150) / 2
    assert sum(min(size, cap) for size in sizes) <= 700 < sum(min(size, cap + 1) for size in sizes)
    assert budget_cap([1000, 1000], 3) == 1  # never zero


def test_photos_that_fit_together_keep_their_full_size_even_over_an_equal_share(
        export_data: ExportFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content_with_photos(export_data, tmp_path, 3)
    roomy = _prepared(content, export_data, tmp_path / "roomy")
    sizes = {sha256: len(image) for sha256, (kind, _pixels, image, _thumb) in roomy.items() if kind == "image"}
    # the total, exactly: every print above an equal share of it, but not above the total
    monkeypatch.setattr(pdf_evidence, "PRINT_BUDGET_BYTES", sum(sizes.values()))
    assert _prepared(content, export_data, tmp_path / "exact") == roomy


def test_over_the_budget_only_the_prints_over_the_cap_are_made_again_at_fewer_pixels(
        export_data: ExportFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = _content_with_photos(export_data, tmp_path, 4)
    small = make_photo(tmp_path / "small.jpg", size=(300, 200), orientation=1)  # a print far under any cap
    blob = export_data.workspace.attachments.add_file(small)
    item = content.tasks[0].evidence[0]
    extra = EvidenceFile("小图.jpg", "佐证材料/E001-9-小图.jpg", blob.sha256, blob.size, "image/jpeg", "")
    content = _with_files(content, (*item.files, extra))
    roomy = _prepared(content, export_data, tmp_path / "roomy")
    sizes = {sha256: len(image) for sha256, (kind, _pixels, image, _thumb) in roomy.items() if kind == "image"}
    budget = sum(sizes.values()) * 2 // 3
    cap = budget_cap(list(sizes.values()), budget)
    assert cap is not None and sizes[blob.sha256] < cap
    monkeypatch.setattr(pdf_evidence, "PRINT_BUDGET_BYTES", budget)
    monkeypatch.setattr(pdf_evidence, "PHOTO_WORKERS", 1)
    one_thread = _prepared(content, export_data, tmp_path / "tight")
    monkeypatch.setattr(pdf_evidence, "PHOTO_WORKERS", 4)
    assert _prepared(content, export_data, tmp_path / "tight4") == one_thread  # the same whatever the threads

    assert sum(len(image) for kind, _pixels, image, _thumb in one_thread.values() if kind == "image") <= budget
    for sha256, size in sizes.items():
        kind, pixels, image, thumbnail = one_thread[sha256]
        assert (kind, pixels, thumbnail) == roomy[sha256][:2] + (roomy[sha256][3],)  # laid out as before
        printed = Image.open(io.BytesIO(image))
        if size > cap:
            assert len(image) <= cap and max(printed.size) < max(pixels)
        else:
            assert image == roomy[sha256][2]  # under the cap: untouched


def _with_files(content: PacketContent, files: tuple[EvidenceFile, ...]) -> PacketContent:
    item = content.tasks[0].evidence[0]
    tasks = (dataclasses.replace(content.tasks[0], evidence=(dataclasses.replace(item, files=files),)),
             *content.tasks[1:])
    return dataclasses.replace(content, tasks=tasks)
