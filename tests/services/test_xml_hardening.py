"""openpyxl reads the city's workbooks through defusedxml and lxml (declared in pyproject.toml for this alone)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import defusedxml.ElementTree
import openpyxl
import openpyxl.xml.functions
import pytest
from defusedxml import EntitiesForbidden

# Runs once, not on both back ends: no workspace (reading workbooks).


def test_openpyxl_parses_with_defusedxml_and_lxml() -> None:
    assert openpyxl.DEFUSEDXML is True and openpyxl.LXML is True
    assert openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse


def test_a_workbook_declaring_an_xml_entity_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "任务"
    book.save(plain)
    crafted = tmp_path / "crafted.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(crafted, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE worksheet [<!ENTITY lol "lol">]>' + data
            target.writestr(item, data)
    with pytest.raises(ValueError) as refused:  # openpyxl wraps the parser's refusal
        openpyxl.load_workbook(crafted)
    assert isinstance(refused.value.__cause__ or refused.value.__context__, EntitiesForbidden)
