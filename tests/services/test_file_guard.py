"""Hostile and broken files get one clear message naming the file, before any parser runs, and the workspace stays
byte-for-byte unchanged. Every hostile file is built here in code."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.services.importing.file_guard import guard_workbook
from hpdesk.services.importing.plan_import import analyse_workbook
from hpdesk.services.workspace import Workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

NAME = "市里下发的表.xlsx"
SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx_bytes(rows: list[list[str]] | None = None) -> bytes:
    book = openpyxl.Workbook()
    for row in rows or [["序号", "具体任务", "责任单位"], ["1", "开展讲座", "市卫健委"]]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _with_sheet_xml(sheet_xml: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with zipfile.ZipFile(io.BytesIO(_xlsx_bytes())) as source, \
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
                target.writestr(item.filename, data)
    return make


def _billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]><worksheet xmlns="{SHEET_NS}"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>').encode()


def _xxe() -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            f'<worksheet xmlns="{SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c>'
            '</row></sheetData></worksheet>').encode()


def _far_cell(attributes: str) -> bytes:
    """A header in row 1 and one cell in row 150,000 (over MAX_ROWS): calamine would allocate every row between."""
    return (f'<?xml version="1.0"?><worksheet xmlns="{SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
            f'<is><t>序号</t></is></c></row><row r="150000"><c t="inlineStr" {attributes}><is><t>远处</t></is></c>'
            '</row></sheetData></worksheet>').encode()


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (60 * 1024 * 1024) + b">")


def _lying_size_bomb(path: Path) -> None:
    """A member that declares 1 KB and really expands to 80 MB: only inflating it tells (zipfile stops at 1 KB)."""
    _with_sheet_xml(b"<" + b"a" * (80 * 1024 * 1024) + b">")(path)
    data = bytearray(path.read_bytes())
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data.find(b"xl/worksheets/sheet1.xml", start, start + 200) != -1:
                data[start + size_offset:start + size_offset + 4] = (1024).to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))


def _many_members(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for index in range(1100):
            archive.writestr(f"xl/media/{index}.xml", "<a/>")


def _encrypted_member(path: Path) -> None:
    _with_sheet_xml(b"<worksheet/>")(path)
    data = bytearray(path.read_bytes())
    # set the 'encrypted' flag bit in every local and central header, as a password-protected zip has it
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            data[start + flag_offset] |= 0x1
            start += 4
    path.write_bytes(bytes(data))


def _ole(*stream_names: str) -> bytes:
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + b"".join(
        name.encode("utf-16-le") + b"\0\0" for name in stream_names) + b"\0" * 512


def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")


def _written(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


HOSTILE = [
    ("not-a-spreadsheet", _written(b"\x00\x01\x02\x03 binary junk \xff\xfe"), "import_not_spreadsheet"),
    ("pdf", _written(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 not a table"), "import_pdf_document"),
    ("word-97", _written(_ole("Root Entry", "WordDocument", "1Table")), "import_word_document"),
    ("docx", _docx, "import_word_document"),
    ("html-named-xls", _written("<html><body><table><tr><td>序号</td></tr></table>".encode()), "import_web_page"),
    ("csv", _written("序号,具体任务,责任单位\n1,开展讲座,市卫健委\n".encode()), "import_web_page"),
    ("empty", _written(b""), "import_file_empty"),
    ("truncated-zip", _written(b"PK\x03\x04 truncated zip"), "import_corrupt"),
    ("password-ooxml", _written(_ole("Root Entry", "EncryptionInfo", "EncryptedPackage")),
     "import_password_protected"),
    ("password-zip", _encrypted_member, "import_password_protected"),
    ("zip-bomb", _zip_bomb, "import_suspicious_archive"),
    ("lying-size-bomb", _lying_size_bomb, "import_corrupt"),
    ("many-members", _many_members, "import_suspicious_archive"),
    ("billion-laughs", _with_sheet_xml(_billion_laughs()), "import_suspicious_archive"),
    ("xxe", _with_sheet_xml(_xxe()), "import_suspicious_archive"),
    ("far-cell", _with_sheet_xml(_far_cell('r="CV150000"')), "import_sheet_too_large"),
    # XML allows '>' in a quoted attribute value; the reference behind it still counts
    ("far-cell-behind-quoted-gt", _with_sheet_xml(_far_cell('x="a>b" r="CV150000"')), "import_sheet_too_large"),
]


def _snapshot(workspace: Workspace) -> dict[str, str]:
    """Every file of the workspace folder with its hash (SQLite's shared-memory index excluded: readers touch it)."""
    return {str(path.relative_to(workspace.root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(workspace.root.rglob("*")) if path.is_file() and not path.name.endswith("-shm")}


@pytest.mark.parametrize(("make", "code"), [(make, code) for _id, make, code in HOSTILE],
                         ids=[case_id for case_id, _make, _code in HOSTILE])
def test_hostile_or_broken_file_is_refused_naming_it_and_the_workspace_is_unchanged(
    workspace: Workspace, tmp_path: Path, make: Callable[[Path], None], code: str
) -> None:
    path = tmp_path / NAME
    make(path)
    before = _snapshot(workspace)
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, path)
    assert refused.value.code == code
    assert NAME in refused.value.message("zh")
    assert "\n" not in refused.value.message("zh")
    assert _snapshot(workspace) == before


def test_a_workbook_cut_short_is_refused_in_chinese_without_pythons_english_text(tmp_path: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    """A half-copied file from a USB stick: the message said "（File is not a zip file）" inside the Chinese text."""
    whole = sample_copy("taian_task_breakdown.xlsx").read_bytes()
    path = tmp_path / "半截.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(UserError) as refused:
        guard_workbook(path)
    text = refused.value.message("zh")
    assert refused.value.code == "import_corrupt" and "半截.xlsx" in text and "截断" in text
    assert not any("a" <= character.lower() <= "z" for character in text.replace(".xlsx", "").replace("Excel", "")
                   .replace("WPS", ""))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with open(path, "wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, path)
    assert refused.value.code == "import_file_too_large"
    assert "200" in refused.value.message("zh")


def test_a_missing_file_is_named(workspace: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, tmp_path / "没有这个文件.xlsx")
    assert refused.value.code == "import_file_missing"
    assert "没有这个文件.xlsx" in refused.value.message("zh")


def test_real_workbooks_pass_the_guard_with_their_container_kind(tmp_path: Path) -> None:
    xlsx = tmp_path / "表.xlsx"
    xlsx.write_bytes(_xlsx_bytes())
    assert guard_workbook(xlsx).container == "xlsx"
    legacy = tmp_path / "表.xls"
    legacy.write_bytes(_ole("Root Entry", "Workbook", "SummaryInformation"))
    assert guard_workbook(legacy).container == "xls"


def test_an_empty_sheet_a_sheet_without_header_and_a_header_without_rows_are_named(
    workspace: Workspace, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "空表"
    empty = tmp_path / "empty.xlsx"
    book.save(empty)
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, empty)
    assert refused.value.code == "import_empty_sheet" and "空表" in refused.value.message("zh")

    book.active.append(["张三", "李四", "王五"])
    book.active.append(["1", "2", "3"])
    no_header = tmp_path / "no_header.xlsx"
    book.save(no_header)
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, no_header)
    assert refused.value.code == "import_no_header"
    assert "空表" in refused.value.message("zh") and "no_header.xlsx" in refused.value.message("zh")

    header_only = tmp_path / "header_only.xlsx"
    header_only.write_bytes(_xlsx_bytes([["序号", "具体任务", "责任单位"]]))
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, header_only)
    assert refused.value.code == "import_no_rows"


def test_a_sheet_that_does_not_exist_is_refused_with_the_sheets_there_are(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "表.xlsx"
    path.write_bytes(_xlsx_bytes())
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, path, sheet="任务表")
    assert refused.value.code == "import_sheet_missing"
    assert "任务表" in refused.value.message("zh") and "Sheet" in refused.value.message("zh")
