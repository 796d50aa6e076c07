"""`save_workbook` writes what openpyxl's own save writes, with no scratch copy in the system temp folder."""

from __future__ import annotations

import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from hpdesk.services.xlsx_save import save_workbook

# Runs once, not on both back ends: no workspace (saving a workbook).


def _workbook() -> Workbook:
    workbook = Workbook()
    # openpyxl stamps "created" when the Workbook is made: two made a moment apart may straddle a second
    workbook.properties.created = datetime(2026, 12, 1, 9, 30)
    sheet = workbook.active
    sheet.title = "任务完成情况"
    for row in range(1, 60):
        sheet.append([f"A01-T{row:03d}", "县的完成情况" * 3, row * 1.5])
    sheet["A1"].font = Font(name="宋体", bold=True)
    sheet.merge_cells("B2:C2")
    workbook.create_sheet("报送汇总").append(["报送单位", "管城回族区卫生健康委员会"])
    return workbook


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    # the modification stamp is "now" in both saves
    members["docProps/core.xml"] = re.sub(rb"<dcterms:modified[^<]*</dcterms:modified>", b"",
                                          members["docProps/core.xml"])
    return members


def test_the_saved_workbook_holds_exactly_what_openpyxl_s_own_save_writes(tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    save_workbook(_workbook(), ours)
    _workbook().save(theirs)
    assert _members(ours) == _members(theirs)


def test_worksheet_scratch_files_go_beside_the_target_and_are_removed(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "system-temp-must-not-be-used"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))  # anything written to the system temp would fail
    folder = tmp_path / "out"
    folder.mkdir()
    save_workbook(_workbook(), folder / "table.xlsx")
    assert not missing.exists()
    assert [path.name for path in folder.iterdir()] == ["table.xlsx"]


def test_openpyxl_s_own_save_uses_the_system_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Why save_workbook exists: if openpyxl stops doing this, the wrapper can go.
    missing = tmp_path / "system-temp-must-not-be-used"
    monkeypatch.setattr(tempfile, "tempdir", str(missing))
    with pytest.raises(FileNotFoundError):
        _workbook().save(tmp_path / "table.xlsx")
