"""Hostile and unlucky workbooks through the real `hpdesk import-plan` (issue 12, items 1–5): a file replaced while it
is analysed, a damaged deflate stream, parts openpyxl rejects, sparse sheets that would cost gigabytes, and the
legitimate workbook of long repetitive cells that a ratio rule used to refuse. Every workbook is built here."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hostile_run import hpdesk, refused_clearly

from hpdesk.services.importing import plan_import
from hpdesk.services.workspace import Workspace

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TASK_ROWS = [["编号", "重点任务", "配合单位", "牵头单位", "备注"],
             ["1", "开展城乡环境卫生整治", "市城管局、各县（区）人民政府", "市爱卫办", ""],
             ["2", "推进厕所革命", "市农业农村局", "市住建局", ""]]
INDICATOR_ROWS = [["序号", "指标名称", "单位", "2020年基线值", "2025年目标值", "属性"],
                  ["1", "居民健康素养水平", "%", 0.2764, 0.3, "预期性"],
                  ["2", "婴儿死亡率", "‰", 3.2, 4.1, "预期性"]]
GIGABYTE = 1024 ** 3


def _workbook_bytes(rows: list[list[object]], *, percent_cell: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    if percent_cell:
        book.active[percent_cell].number_format = "0.00%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _replace_part(data: bytes, part: str, content: bytes) -> bytes:
    """The same zip with one part's content replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != part:
                target.writestr(item.filename, source.read(item.filename))
        target.writestr(part, content)
    return out.getvalue()


def _damage_deflate(data: bytes, part: str) -> bytes:
    """Flip bytes in the middle of one member's compressed stream, leaving every header as it was."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(part)
    damaged = bytearray(data)
    start = info.header_offset + 30 + len(info.orig_filename.encode()) + len(info.extra)
    for offset in range(start + 2, start + min(info.compress_size, 40)):
        damaged[offset] ^= 0xFF
    return bytes(damaged)


def _sparse_workbook(sheets: int, far_cell: str = "GR90000", first_rows: list[list[str]] | None = None) -> bytes:
    """`sheets` sheets each holding one cell in A1 and one far away (last row × last column: 18 million cells), as a
    14 KB file. With `first_rows`, sheet 1 is a real table and only the later sheets are sparse."""
    out = io.BytesIO()
    far_row = re.sub(r"[A-Z]", "", far_cell)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                            f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                            for i in range(1, sheets + 1))
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'{overrides}</Types>'))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        sheet_list = "".join(f'<sheet name="表{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, sheets + 1))
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{SHEET_NS}" '
                                            f'xmlns:r="{REL_NS}"><sheets>{sheet_list}</sheets></workbook>')
        relations = "".join(f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                            for i in range(1, sheets + 1))
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                                                       f'openxmlformats.org/package/2006/relationships">{relations}'
                                                       '</Relationships>')
        for index in range(1, sheets + 1):
            if index == 1 and first_rows:
                cells = "".join(
                    f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{text}</t></is></c>'
                                               for c, text in enumerate(row) if text) + "</row>"
                    for r, row in enumerate(first_rows, start=1))
            else:
                cells = (f'<row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row><row r="{far_row}">'
                         f'<c r="{far_cell}" t="inlineStr"><is><t>备注</t></is></c></row>')
            archive.writestr(f"xl/worksheets/sheet{index}.xml",
                             f'<?xml version="1.0"?><worksheet xmlns="{SHEET_NS}"><sheetData>{cells}</sheetData>'
                             '</worksheet>')
    return out.getvalue()


def test_a_file_replaced_after_the_check_changes_nothing_the_preview_hashes_the_bytes_it_parsed(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "任务表.xlsx"
    original = _workbook_bytes(TASK_ROWS)
    path.write_bytes(original)
    real_guard = plan_import.guard_workbook

    def guard_then_swap(target: Path):  # type: ignore[no-untyped-def]
        guarded = real_guard(target)
        target.write_bytes(_workbook_bytes([TASK_ROWS[0], ["1", "被换掉的任务", "", "市卫健委", ""]]))
        return guarded

    monkeypatch.setattr(plan_import, "guard_workbook", guard_then_swap)
    preview = plan_import.analyse_workbook(workspace, path)
    assert preview.file_sha256 == hashlib.sha256(original).hexdigest()
    assert [task.text.task_text for task in preview.parsed.tasks] == ["开展城乡环境卫生整治", "推进厕所革命"]

    def guard_then_delete(target: Path):  # type: ignore[no-untyped-def]
        guarded = real_guard(target)
        target.unlink()
        return guarded

    path.write_bytes(original)
    monkeypatch.setattr(plan_import, "guard_workbook", guard_then_delete)
    assert plan_import.analyse_workbook(workspace, path).file_sha256 == hashlib.sha256(original).hexdigest()


def test_a_damaged_deflate_stream_is_one_clear_line(workspace_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "坏表.xlsx"
    path.write_bytes(_damage_deflate(_workbook_bytes(TASK_ROWS), "xl/worksheets/sheet1.xml"))
    completed = hpdesk(workspace_dir, "import-plan", str(path), "--dry-run")
    assert refused_clearly(completed), completed.stderr
    assert "坏表.xlsx" in completed.stderr and "xl/worksheets/sheet1.xml" in completed.stderr


@pytest.mark.parametrize(("part", "content"), [
    ("docProps/core.xml", b'<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
                          b'package/2006/metadata/core-properties" xmlns:dcterms="http://purl.org/dc/terms/" '
                          b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dcterms:created xsi:type="'
                          b'dcterms:W3CDTF">not a date</dcterms:created></cp:coreProperties>'),
    ("xl/styles.xml", b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                      b'2006/main"><numFmts count="1"><numFmt numFmtId="abc" formatCode="0.00%"/></numFmts>'
                      b'<cellXfs count="1"><xf numFmtId="abc" fontId="x"/></cellXfs></styleSheet>'),
], ids=["broken-core-properties", "invalid-style-value"])
def test_an_indicator_table_openpyxl_rejects_is_one_clear_line(workspace_dir: Path, tmp_path: Path, part: str,
                                                               content: bytes) -> None:
    path = tmp_path / "指标表.xlsx"
    path.write_bytes(_replace_part(_workbook_bytes(INDICATOR_ROWS, percent_cell="D2"), part, content))
    completed = hpdesk(workspace_dir, "import-plan", str(path), "--dry-run")
    assert refused_clearly(completed), completed.stderr
    assert "指标表.xlsx" in completed.stderr


def test_sparse_far_apart_cells_on_twenty_sheets_are_refused_early_and_cheaply(workspace_dir: Path,
                                                                                tmp_path: Path) -> None:
    path = tmp_path / "稀疏.xlsx"
    path.write_bytes(_sparse_workbook(20))
    assert path.stat().st_size < 20_000
    completed = hpdesk(workspace_dir, "import-plan", str(path), "--dry-run", memory_limit=GIGABYTE)
    assert refused_clearly(completed), completed.stderr
    assert "稀疏.xlsx" in completed.stderr and "表1" in completed.stderr


def test_only_the_sheet_imported_is_read_sparse_sheets_after_it_cost_nothing(workspace_dir: Path,
                                                                            tmp_path: Path) -> None:
    path = tmp_path / "任务表.xlsx"
    path.write_bytes(_sparse_workbook(20, first_rows=TASK_ROWS))
    completed = hpdesk(workspace_dir, "import-plan", str(path), "--dry-run", "--json", memory_limit=GIGABYTE)
    assert completed.returncode == 0, completed.stderr
    assert '"tasks": 2' in completed.stdout


def test_long_repetitive_cells_compress_a_thousandfold_and_still_import(workspace_dir: Path, tmp_path: Path) -> None:
    note = "同上，按季度报送进展情况。" * 2500  # 32,500 characters that compress to almost nothing
    rows = [TASK_ROWS[0]] + [[str(n), f"开展第{n}项健康促进活动", "市教育局", "市卫健委", note + str(n)]
                             for n in range(1, 60)]
    path = tmp_path / "长备注.xlsx"
    path.write_bytes(_workbook_bytes(rows))
    with zipfile.ZipFile(path) as archive:
        strings = archive.getinfo("xl/worksheets/sheet1.xml")
    assert strings.file_size > 100 * strings.compress_size  # what the ratio rule refused
    completed = hpdesk(workspace_dir, "import-plan", str(path), "--dry-run", "--json")
    assert completed.returncode == 0, completed.stderr
    assert '"tasks": 59' in completed.stdout
