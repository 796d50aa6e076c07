"""Fill-in forms through LibreOffice for real: a form the unit filled and saved in LibreOffice Calc — as .xls (read by
calamine) or re-saved as .xlsx — comes back in with its identity and answers. Slow: LibreOffice starts cold for each
conversion (about 3 s); scripts/setup.sh installs it for the test run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from forms_world import GOOD_ANSWER, STREET, build_county, export_street, fill
from missing_input import missing

from hpdesk.domain.reporting import Figure
from hpdesk.services.forms import analyse_files, apply_files
from hpdesk.services.forms.workbook_in import read_returned
from hpdesk.services.reports import get_report
from hpdesk.services.workspace import Workspace
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = [pytest.mark.slow, BOTH_BACK_ENDS]


def save_in_libreoffice(source: Path, target_format: str, out_dir: Path) -> Path:
    """Open `source` in headless LibreOffice Calc and save it as `target_format` (xls, xlsx) into `out_dir`, with a
    private profile so parallel runs do not share LibreOffice's lock."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        missing("LibreOffice (soffice) is not installed; scripts/setup.sh tests installs libreoffice-calc-nogui")
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = (out_dir / "lo-profile").as_uri()
    filters = {"xls": "xls:MS Excel 97", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", filters[target_format],
                    "--outdir", str(out_dir), str(source)], check=True, capture_output=True, timeout=180)
    saved = out_dir / f"{source.stem}.{target_format}"
    assert saved.is_file(), f"LibreOffice wrote no {saved.name}"
    return saved


@pytest.fixture
def county(workspace: Workspace) -> Workspace:
    build_county(workspace)
    return workspace


def test_a_form_saved_as_xls_in_libreoffice_imports_with_its_identity_and_answers(county: Workspace,
                                                                                 tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    filled = fill(form.path, tmp_path / "filled" / form.path.name, {"A01-T001": GOOD_ANSWER})
    saved = save_in_libreoffice(filled, "xls", tmp_path / "lo")
    book = read_returned(saved)
    assert book.guarded.container == "xls" and book.form_id == form.form_id and "meta_sheet" in book.carriers
    (result,) = apply_files(county, analyse_files(county, [saved]))
    report = get_report(county, "A01-T001", STREET, "2025H1")
    assert result.applied == ("A01-T001",) and report is not None
    assert (report.status, report.narrative, report.filled_by) == ("done", "开展健康讲座3场", "李四")
    assert report.figures[0] == Figure("培训人数", 120, "人")


def test_a_form_re_saved_as_xlsx_by_libreoffice_keeps_every_carrier_and_its_row_keys(county: Workspace,
                                                                                    tmp_path: Path) -> None:
    form = export_street(county, tmp_path / "out")
    filled = fill(form.path, tmp_path / "filled" / form.path.name,
                  {"A01-T002": {"status": "推进中", "narrative": "课程已开设"}})
    saved = save_in_libreoffice(filled, "xlsx", tmp_path / "lo")
    book = read_returned(saved)
    assert set(book.carriers) >= {"meta_sheet", "properties", "defined_names"}
    assert all(row.cells.get("row_key", "").startswith("R") for row in book.rows)  # the hidden column survived
    (result,) = apply_files(county, analyse_files(county, [saved]))
    assert result.applied == ("A01-T002",)
