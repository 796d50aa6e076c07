"""Saving an openpyxl workbook without a scratch copy in the system temp folder, and without stderr noise.

openpyxl's `Workbook.save` first writes every worksheet to a scratch file in the system temp folder (tempfile's
default): a killed export leaves the county's figures there, outside the workspace (issue 12, item 24). `save_workbook`
writes the same bytes with each worksheet's scratch file beside the target instead (inside the workspace's tmp/
during an export, which the next open sweeps), removed as soon as the sheet is in the archive.

On a full disk lxml reports ENOSPC as `SerialisationError: IO_ENOSPC` from a generator openpyxl leaves suspended;
Python would close it when it is collected, the close fails again and prints "Exception ignored in: <generator …>"
on stderr, after the CLI's one clear line. Here the sheet writer is closed at once and the close's error (the same
disk condition) dropped, so only the first error propagates; `domain.errors.environment_error` maps it to disk_full.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from hpdesk.storage.crash_points import crash_point

SCRATCH_PREFIX = ".openpyxl-"


def save_workbook(workbook: Workbook, path: Path) -> None:
    """Write `workbook` to `path` exactly as `workbook.save(path)` would, except that worksheet scratch files go to
    `path`'s folder (never the system temp folder) and are removed whatever happens. On failure the first error is
    raised, nothing is printed, and `path` may hold a partial file (callers write to a temp name, then os.replace).
    Write-only workbooks are not supported (hpdesk builds none; openpyxl streams those differently)."""
    if workbook.write_only:
        raise ValueError("save_workbook: write-only workbooks are not supported")
    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    # openpyxl's save_workbook stamps the modification time the same way.
    workbook.properties.modified = datetime.now(tz=timezone.utc).replace(tzinfo=None)
    try:
        _ScratchBesideWriter(workbook, archive, path.parent).save()
    except BaseException:
        with suppress(Exception):  # the archive's own close would fail on the same full disk: keep the first error
            archive.close()
        raise


class _ScratchBesideWriter(ExcelWriter):
    """openpyxl's writer with `write_worksheet` taking its scratch file from `scratch_folder`.

    The method mirrors openpyxl 3.1.5's (pinned in pyproject.toml); tests/services/test_xlsx_save.py compares the
    bytes with openpyxl's own save so an upgrade that changes it is noticed."""

    def __init__(self, workbook: Workbook, archive: ZipFile, scratch_folder: Path) -> None:
        super().__init__(workbook, archive)
        self._scratch_folder = scratch_folder

    def write_worksheet(self, ws: Any) -> None:  # Any: the private attributes below are not in the stubs
        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        handle, scratch = tempfile.mkstemp(prefix=SCRATCH_PREFIX, suffix=".xml.part", dir=self._scratch_folder)
        os.close(handle)
        try:
            writer = WorksheetWriter(ws, out=scratch)
            try:
                writer.write()
            except BaseException:
                # Close the suspended generator now: left to the garbage collector its failing close prints
                # "Exception ignored" on stderr. Its error is the same disk condition as the one propagating.
                with suppress(Exception):
                    writer.close()
                raise
            crash_point("xlsx.sheet")  # the sheet's scratch is complete: a kill here leaves it for the sweep
            ws._rels = writer._rels  # type: ignore[attr-defined]  # private, set by openpyxl's own writer too
            self._archive.write(scratch, ws.path[1:])  # type: ignore[attr-defined]
        finally:
            Path(scratch).unlink(missing_ok=True)
        self.manifest.append(ws)
