"""`hpdesk evidence add | list | remove | prune` with real files, as a clerk or a script would run them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from evidence_world import PERIOD_LABEL, TASK_CODE, UNIT_NAME, make_pdf, make_photo, seed_report, set_period_state
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.cli import main
from hpdesk.services.workspace import open_workspace

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

REPORT = ["--task", TASK_CODE, "--unit", UNIT_NAME, "--period", PERIOD_LABEL]


@pytest.fixture
def root(workspace_dir: Path) -> Path:
    with open_workspace(workspace_dir) as workspace:
        seed_report(workspace, with_report=False)  # the first evidence creates the report
    return workspace_dir


def _run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--workspace", str(root), "evidence", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_and_list_evidence_with_a_photo_warning_as_json(capsys: pytest.CaptureFixture[str], root: Path,
                                                            tmp_path: Path) -> None:
    photo = make_photo(tmp_path / "义诊.jpg", datetime(2024, 12, 30, 8, 0))
    code, out, _err = _run(capsys, root, "add", *REPORT, "--kind", "照片", "--title", "义诊活动", "--date", "2025年3月1日",
                           "--doc-number", "管卫健[2025]3号", str(photo), "--json")
    assert code == 0
    added = json.loads(out)
    assert added["evidence"]["kind"] == "photo" and added["evidence"]["event_date"] == "2025-03-01"
    assert added["evidence"]["doc_number"] == "管卫健〔2025〕3号"
    assert [n["code"] for n in added["notices"]] == ["notice_photo_outside_period"]
    assert "2024-12-30" in added["warnings"][0]
    code, out, _err = _run(capsys, root, "list", *REPORT, "--json")
    listed = json.loads(out)
    file = listed[0]["files"][0]
    assert code == 0 and file["file_name"] == "义诊.jpg" and file["taken_on"] == "2024-12-30"
    assert file["media_type"] == "image/jpeg" and Path(file["thumbnail"]).is_file()


def test_text_output_shows_the_evidence_and_its_warnings(capsys: pytest.CaptureFixture[str], root: Path,
                                                         tmp_path: Path) -> None:
    code, out, _err = _run(capsys, root, "add", *REPORT, "--kind", "minutes", "--title", "专题会议",
                           str(make_pdf(tmp_path / "纪要.jpg")))
    assert code == 0 and "专题会议" in out and "提醒" in out
    code, out, _err = _run(capsys, root, "list", *REPORT)
    assert code == 0 and "会议纪要" in out and "纪要.jpg" in out and "application/pdf" in out


def test_refusals_exit_2_with_one_clear_line_and_store_nothing(capsys: pytest.CaptureFixture[str], root: Path,
                                                               tmp_path: Path) -> None:
    fake = make_pdf(tmp_path / "现场.jpg")
    code, _out, err = _run(capsys, root, "add", *REPORT, "--kind", "photo", "--title", "x", str(fake))
    assert code == 2 and "现场.jpg" in err and len(err.strip().splitlines()) == 1
    code, _out, err = _run(capsys, root, "add", *REPORT, "--kind", "photo", "--title", "x", "--date", "昨天")
    assert code == 2 and "昨天" in err
    code, _out, err = _run(capsys, root, "add", *REPORT, "--kind", "video", "--title", "x")
    assert code == 2 and "video" in err
    code, _out, err = _run(capsys, root, "add", *REPORT, "--kind", "other", "--title", "x", "--max-mb", "0",
                           str(make_pdf(tmp_path / "a.pdf")))
    assert code == 2
    assert not [p for p in (root / "blobs").rglob("*") if p.is_file()]
    code, out, _err = _run(capsys, root, "list", *REPORT, "--json")
    assert json.loads(out) == []


def test_a_locked_period_needs_reason(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> None:
    with open_workspace(root) as workspace:
        set_period_state(workspace, "locked")
    photo = str(make_photo(tmp_path / "a.jpg"))
    code, _out, err = _run(capsys, root, "add", *REPORT, "--kind", "photo", "--title", "补拍", photo)
    assert code == 2 and "--reason" in err
    code, _out, _err = _run(capsys, root, "add", *REPORT, "--kind", "photo", "--title", "补拍", photo,
                            "--reason", "遗漏")
    assert code == 0


def test_remove_then_prune_frees_the_files(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> None:
    code, out, _err = _run(capsys, root, "add", *REPORT, "--kind", "document", "--title", "方案",
                           str(make_pdf(tmp_path / "方案.pdf")), "--json")
    evidence_id = json.loads(out)["evidence"]["id"]
    code, out, _err = _run(capsys, root, "remove", str(evidence_id), "--json")
    assert code == 0 and json.loads(out) == {"removed": evidence_id}
    code, out, _err = _run(capsys, root, "prune", "--json")
    pruned = json.loads(out)
    assert code == 0 and (pruned["attachments_removed"], pruned["blobs_removed"]) == (1, 1)
    assert main(["--workspace", str(root), "check"]) == 0
