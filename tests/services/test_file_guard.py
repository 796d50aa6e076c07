"""Hostile and broken files get one clear message naming the file, and the workspace stays unchanged."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from hpdesk.domain.errors import UserError
from hpdesk.services.importing.plan_import import analyse_workbook
from hpdesk.services.workspace import Workspace


def _xlsx_with_sheet_xml(path: Path, sheet_xml: bytes) -> Path:
    book = openpyxl.Workbook()
    book.active.append(["序号", "具体任务"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return path


def _billion_laughs() -> bytes:
    entities = '<!ENTITY a0 "ha">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    return (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>').encode()


def _xxe() -> bytes:
    return ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>').encode()


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * (90 * 1024 * 1024) + b">")
    return path


def _written(data: bytes):  # type: ignore[no-untyped-def]
    def make(path: Path) -> Path:
        path.write_bytes(data)
        return path

    return make


def _database_fingerprint(workspace: Workspace) -> str:
    return hashlib.sha256(workspace.database_file.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (_written(b"%PDF-1.7 not a table"), "import_not_spreadsheet"),
        (_written(b""), "import_file_empty"),
        (_written(b"PK\x03\x04 truncated zip"), "import_corrupt"),
        (_written(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")),
         "import_password_protected"),
        (_zip_bomb, "import_suspicious_archive"),
        (lambda p: _xlsx_with_sheet_xml(p, _billion_laughs()), "import_corrupt"),
        (lambda p: _xlsx_with_sheet_xml(p, _xxe()), "import_corrupt"),
    ],
    ids=["pdf", "empty", "broken-zip", "password", "zip-bomb", "billion-laughs", "xxe"],
)
def test_hostile_or_broken_file_is_refused_naming_it_and_the_workspace_is_unchanged(
    workspace: Workspace, tmp_path: Path, make, code: str
) -> None:  # type: ignore[no-untyped-def]
    path = make(tmp_path / "市里下发的表.xlsx")
    before = _database_fingerprint(workspace)
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, path)
    assert refused.value.code == code
    assert "市里下发的表.xlsx" in refused.value.message("zh")
    assert _database_fingerprint(workspace) == before


def test_file_over_the_size_limit_is_refused_before_reading(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with open(path, "wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, path)
    assert refused.value.code == "import_file_too_large"


def test_empty_sheet_and_sheet_without_header_are_named(workspace: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "空表"
    empty = tmp_path / "empty.xlsx"
    book.save(empty)
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, empty)
    assert refused.value.code == "import_empty_sheet"
    book.active.append(["张三", "李四", "王五"])
    book.active.append(["1", "2", "3"])
    no_header = tmp_path / "no_header.xlsx"
    book.save(no_header)
    with pytest.raises(UserError) as refused:
        analyse_workbook(workspace, no_header)
    assert refused.value.code == "import_no_header"
    assert "空表" in refused.value.message("zh")
