"""`hpdesk forms export | import`: files out, a zip the unit sent back in, --dry-run, --json, and one Chinese line
with exit 2 for a file that is not a form."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from forms_world import GOOD_ANSWER, STREET, build_county, fill

from hpdesk.cli import main
from hpdesk.services.reports import get_report
from hpdesk.services.workspace import open_workspace
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


@pytest.fixture
def county_dir(workspace_dir: Path) -> Path:
    with open_workspace(workspace_dir, actor="tester") as workspace:
        build_county(workspace)
    return workspace_dir


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    code = main([*args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def test_export_then_import_a_zip_the_unit_sent_back(county_dir: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    exported = _json(capsys, "--workspace", str(county_dir), "forms", "export", "--period", "2025H1",
                     "--out", str(tmp_path / "out"), "--unit", STREET)
    (form,) = exported["forms"]
    returned = fill(Path(form["path"]), tmp_path / "work" / "表.xlsx",
                    {"A01-T001": {**GOOD_ANSWER, "evidence": "照片说明.pdf"}})
    sent = tmp_path / "北下街回传.zip"
    with zipfile.ZipFile(sent, "w") as archive:
        archive.write(returned, "回传/表.xlsx")
        archive.writestr("回传/照片说明.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    dry = _json(capsys, "--workspace", str(county_dir), "forms", "import", str(sent), "--dry-run")
    assert dry["applied"] is None and dry["files"][0]["rows"][0]["state"] == "new"
    with open_workspace(county_dir) as workspace:
        assert get_report(workspace, "A01-T001", STREET, "2025H1") is None
    applied = _json(capsys, "--workspace", str(county_dir), "forms", "import", str(sent))
    assert applied["applied"][0]["applied"] == ["A01-T001"]
    assert applied["applied"][0]["evidence_added"] == ["照片说明.pdf"]


def test_a_file_that_is_not_a_form_exits_2_with_one_chinese_line(county_dir: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HPDESK_LANG", "zh_CN")
    bogus = tmp_path / "回执.xlsx"
    bogus.write_bytes(b"%PDF-1.4 not a workbook")
    code = main(["--workspace", str(county_dir), "forms", "import", str(bogus)])
    err = capsys.readouterr().err
    assert code == 2 and "回执.xlsx" in err and "PDF" in err and len(err.strip().splitlines()) == 1


def test_a_row_the_unit_copied_is_listed_as_not_imported(county_dir: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The unit copied its row below with another answer: the copy cannot be imported (only the first counts), and
    the listing said "不能导入（导入）" for it because it shares the first row's key."""
    monkeypatch.setenv("HPDESK_LANG", "zh_CN")
    exported = _json(capsys, "--workspace", str(county_dir), "forms", "export", "--period", "2025H1",
                     "--out", str(tmp_path / "out"), "--unit", STREET)

    def copy_first_row(workbook) -> None:  # type: ignore[no-untyped-def]
        sheet = workbook.worksheets[0]
        sheet.protection.sheet = False
        below = sheet.max_row + 1
        for cell in sheet[5]:
            sheet.cell(below, cell.column).value = cell.value
        sheet.cell(below, 9).value = "另一份不同的答案"

    returned = fill(Path(exported["forms"][0]["path"]), tmp_path / "work" / "表.xlsx", {"A01-T001": GOOD_ANSWER},
                    edit=copy_first_row)
    assert main(["--workspace", str(county_dir), "forms", "import", str(returned), "--dry-run"]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if "A01-T001" in line]
    assert len(listed) == 2 and "（导入）" in listed[0] and listed[1].endswith("不能导入（不导入）")
