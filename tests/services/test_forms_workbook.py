"""The fill-in workbook as a unit opens it: protection, shaded answer cells, the dropdown, print set-up, the
identity carriers and formula safety."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from forms_world import STREET, build_county, column, export_street

from hpdesk.domain.fill_in_forms import FORM_SHEET, LIST_SHEET, META_SHEET, STATUS_CHOICES, STATUS_LIST_NAME
from hpdesk.services.forms.export import export_forms
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import TaskRecord
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


@pytest.fixture
def county(workspace: Workspace) -> Workspace:
    build_county(workspace)
    return workspace


def test_only_the_answer_cells_are_unlocked_and_the_sheet_is_protected(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path)
    sheet = openpyxl.load_workbook(form.path)[FORM_SHEET]
    assert sheet.protection.sheet and sheet.protection.sort is False  # sorting stays allowed
    assert sheet.cell(5, column("narrative")).protection.locked is False
    assert sheet.cell(5, column("narrative")).fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet.cell(5, column("task_text")).protection.locked is True
    assert sheet.cell(5, column("task_code")).value == "A01-T001"
    assert sheet.column_dimensions[openpyxl.utils.get_column_letter(column("row_key"))].hidden


def test_the_status_dropdown_reads_a_defined_name_on_a_hidden_list_sheet(county: Workspace, tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(export_street(county, tmp_path).path)
    (validation,) = workbook[FORM_SHEET].data_validations.dataValidation
    assert (validation.type, validation.formula1) == ("list", STATUS_LIST_NAME)
    assert workbook[LIST_SHEET].sheet_state == "hidden"
    assert [workbook[LIST_SHEET].cell(r, 1).value for r in range(1, 5)] == list(STATUS_CHOICES)
    assert workbook.defined_names[STATUS_LIST_NAME].attr_text == f"'{LIST_SHEET}'!$A$1:$A$4"


def test_the_form_prints_on_a4_landscape_with_the_header_repeated_and_panes_frozen(county: Workspace,
                                                                                  tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(export_street(county, tmp_path).path)[FORM_SHEET]
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9)  # 9 = A4
    assert sheet.print_title_rows == "$4:$4" and sheet.freeze_panes == "C5"
    assert "填写说明" in sheet["A2"].value and "表单编号" in sheet["A3"].value
    # a fixed scale: LibreOffice reads fit-to-width as "the whole sheet on one page"
    assert not sheet.sheet_properties.pageSetUpPr or not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.scale == 45 and sheet.row_dimensions[5].height >= 44  # room for wrapped text


def test_the_form_identity_travels_in_three_carriers(county: Workspace, tmp_path: Path) -> None:
    form = export_street(county, tmp_path)
    workbook = openpyxl.load_workbook(form.path)
    meta = {workbook[META_SHEET].cell(r, 1).value: workbook[META_SHEET].cell(r, 2).value for r in range(1, 9)}
    properties = {p.name: p.value for p in workbook.custom_doc_props}
    assert workbook[META_SHEET].sheet_state == "veryHidden"
    assert meta["form_id"] == properties["hpdesk_form_id"] == form.form_id
    assert workbook.defined_names["hpdesk_form_id"].attr_text == f'"{form.form_id}"'
    assert (meta["unit"], meta["period"], meta["office"]) == (STREET, "2025H1", "管城回族区卫生健康委员会")
    assert len(meta["content_sha256"]) == 64
    assert form.form_code in form.path.name and STREET in form.path.name and "2025年上半年" in form.path.name


def test_a_city_text_that_looks_like_a_formula_is_written_as_text(county: Workspace, tmp_path: Path) -> None:
    with county.database.unit_of_work() as session:
        task = session.query(TaskRecord).filter_by(code="A01-T001").one()
        task.task_text = '=HYPERLINK("http://x","点我")'
    sheet = openpyxl.load_workbook(export_street(county, tmp_path).path)[FORM_SHEET]
    cell = sheet.cell(5, column("task_text"))
    assert cell.data_type == "s" and cell.quotePrefix


def test_a_zip_per_unit_holds_the_workbook_and_an_evidence_folder(county: Workspace, tmp_path: Path) -> None:
    import zipfile

    result = export_forms(county, "2025H1", tmp_path, [STREET], zip_each=True)
    (form,) = result.forms
    with zipfile.ZipFile(form.path) as archive:
        names = archive.namelist()
    assert form.path.suffix == ".zip" and f"{form.path.stem}.xlsx" in names
    assert f"{form.form_code}佐证材料/" in names and not list(tmp_path.glob("*.xlsx"))
