"""A workbook saved onto a full disk fails with the clerk's disk-full line, prints nothing, leaves no scratch.

lxml reports ENOSPC as `SerialisationError: IO_ENOSPC` from inside openpyxl's worksheet writer, a generator; left
suspended, its close on collection printed "Exception ignored …" on stderr after the CLI's one line.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from reliability_fs import fill_up

from hpdesk.domain.errors import environment_error
from hpdesk.services.xlsx_save import save_workbook


def _county_workbook() -> Workbook:
    workbook = Workbook()
    for row in range(1, 3000):
        workbook.active.append(["县的完成情况" * 10, row, "x" * 50])
    return workbook


def test_a_workbook_saved_onto_a_full_disk_is_the_disk_full_message_with_no_noise_and_no_scratch(
        small_filesystem, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    disk = small_filesystem(1024)
    fill_up(disk, leave_bytes=48 * 1024)
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)

    with pytest.raises(Exception) as raised:
        save_workbook(_county_workbook(), disk / "table.xlsx")
    gc.collect()

    condition = environment_error(raised.value, disk)
    assert condition is not None and condition.code == "disk_full"
    assert unraisable == []
    assert sorted(path.name for path in disk.iterdir()) == ["filler.bin", "table.xlsx"]
