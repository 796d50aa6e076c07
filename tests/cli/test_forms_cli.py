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
