"""The city's 汇总表 (completeness, indicators with 目标值 and 达标县区数, the long detail sheet; formula-safe) and
its PDF summary (GB/T 9704 cover letter, then the tables)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from missing_input import missing
from city_world import CityWorld, city, city_world  # noqa: F401 - fixtures
from export_fixture import AT_FIGURE_NOTE
from openpyxl import load_workbook

from hpdesk.services.city.city_outputs import write_city_outputs
from hpdesk.services.city.consolidation import consolidate
from hpdesk.services.city.inbox import receive_packages
from hpdesk.services.exporting.excel_export import FORMULA_TRIGGERS
from hpdesk.services.workspace import Workspace
from pg_fixtures import BOTH_BACK_ENDS

# Each test here receives fourteen packages (~9 s): the workbook test runs on PostgreSQL too; the other two draw
# the same consolidation into a cell and a PDF.


@pytest.fixture
def outputs(city: Workspace, city_world: CityWorld, tmp_path: Path):  # type: ignore[no-untyped-def]
    receive_packages(city, city_world.packages()[1:])  # county 0 is missing
    return write_city_outputs(city, "2025H1", tmp_path / "out"), consolidate(city, "2025H1")


@BOTH_BACK_ENDS
def test_the_workbook_has_the_three_sheets_in_the_city_layout(outputs, city_world: CityWorld) -> None:  # type: ignore[no-untyped-def]
    written, result = outputs
    book = load_workbook(written.workbook)
    assert book.sheetnames == ["完成情况", "指标汇总", "明细"]
    rows = list(book["完成情况"].iter_rows(min_row=3, values_only=True))
    assert [row[1] for row in rows] == [*(county.office for county in city_world.counties), "合计"]
    assert rows[0][2] == "未报送" and rows[1][2] == "已接收"
    assert rows[-1][5] == result.city_total.tasks == 28
    head, *indicators = list(book["指标汇总"].iter_rows(values_only=True))
    assert head[4] == "目标值" and head[-1] == "达标县区数" and len(head) == 5 + 15 + 2
    literacy = next(row for row in indicators if row[0] == "I001")
    assert literacy[-1] == next(r.met for r in result.indicators if r.code == "I001")
    assert literacy[5] == "未报送"  # county 0 sent nothing
    details = list(book["明细"].iter_rows(min_row=2, values_only=True))
    assert len(details) == 14 * 2 and {row[0] for row in details} == set(result.accepted)


def test_text_that_looks_like_a_formula_stays_text(outputs) -> None:  # type: ignore[no-untyped-def]
    written, _result = outputs
    sheet = load_workbook(written.workbook)["明细"]
    risky = [cell for row in sheet.iter_rows(min_row=2) for cell in row
             if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS)]
    assert any(cell.value.startswith(AT_FIGURE_NOTE) for cell in risky)  # the figure named "@全体 请核对"
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    with zipfile.ZipFile(written.workbook) as archive:
        sheets = [archive.read(name).decode("utf-8") for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets)  # no formula element anywhere


def test_the_pdf_summary_opens_with_the_letter_then_the_tables(outputs) -> None:  # type: ignore[no-untyped-def]
    written, result = outputs
    if shutil.which("pdftotext") is None:
        missing("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(written.pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    pages = ["".join(page.split()) for page in text.split("\f") if page.strip()]
    assert "汇总报告" in pages[0] and "已接收经签名校验的报送14个" in pages[0]
    assert "尚未报送的县区：中原区（已过截止日期）" in pages[0]  # named as missing (by its region)
    late = re.search(r"逾期报送的县区：([^。]*)。", pages[0])
    assert late is not None and "中原区" not in late.group(1)  # never sent is not "sent late"
    letter = pages[0] + pages[1]
    assert "主要指标方面：共2项" in letter and "个县区达标" not in letter  # counts, not a line per indicator
    assert any("各县区报送完成情况表" in page for page in pages[1:])
    assert any("主要指标达标情况表" in page and "达标县区数" in page for page in pages[1:])


def test_the_workbook_and_pdf_are_readable_by_others_as_the_countys_export_is(outputs) -> None:  # type: ignore[no-untyped-def]
    """The 汇总表 and 汇总报告 go to a shared folder or a colleague's account: they were written 0600 (the private
    temporary file's mode), where the county's export files get the usual permissions."""
    import os

    umask = os.umask(0)
    os.umask(umask)
    written, _result = outputs
    for path in (written.workbook, written.pdf):
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path


def test_the_summary_letters_document_number_is_written_as_the_countys_is(city: Workspace, tmp_path: Path) -> None:
    """`hpdesk city report --doc-number 12` printed "12" as the letter's 文号 (and "abc" as well): the number is now
    the city's own 机关代字〔year〕12号, and text that is no 文号 is refused before any file is written."""
    from pypdf import PdfReader

    from hpdesk.domain.errors import UserError
    from hpdesk.services.workspace import OfficeChanges, update_office_profile
    from hpdesk.storage.clock import today

    update_office_profile(city, OfficeChanges(doc_prefix="郑卫健"))
    written = write_city_outputs(city, "2025H1", tmp_path / "out", doc_number="12")
    first_page = PdfReader(written.pdf).pages[0].extract_text().replace(" ", "")
    assert f"郑卫健〔{today().year}〕12号" in first_page, first_page
    with pytest.raises(UserError) as refused:
        write_city_outputs(city, "2025H1", tmp_path / "refused", doc_number="abc")
    assert refused.value.code == "export_doc_number_invalid"
    assert not (tmp_path / "refused").exists() or not any((tmp_path / "refused").iterdir())


def test_every_sheet_of_the_workbook_prints_one_page_wide_in_landscape_with_its_header(city: Workspace,  # type: ignore[no-untyped-def]
                                                                                      tmp_path: Path) -> None:
    """The 汇总表 had no page set-up: LibreOffice printed the demo's consolidation on 831 portrait pages, the detail
    sheet's columns spread over page after page. Now as the county's export: A4 landscape, fit to one page wide."""
    written = write_city_outputs(city, "2025H1", tmp_path / "out")
    workbook = load_workbook(written.workbook)
    for sheet, header in zip(workbook.worksheets, ("$1:$2", "$1:$1", "$1:$1")):
        setup = sheet.page_setup
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0), sheet.title
        assert sheet.print_title_rows == header, sheet.title


def test_the_letter_for_a_period_nobody_has_sent_says_so_instead_of_counting_zeros(city: Workspace) -> None:
    """It read "已接收报送中，县区承担任务合计0项，其中无。" and "主要指标方面：共0项…"."""
    from datetime import date

    from hpdesk.services.city.city_pdf import summary_letter

    letter = "".join(summary_letter(consolidate(city, "2025H1"), "郑州市卫生健康委员会", "", date(2025, 7, 1))
                     .paragraphs)
    assert "尚无已接收的报送" in letter and "合计0项" not in letter and "其中无" not in letter, letter
