"""`hpdesk county …`, `hpdesk receive`, `hpdesk inbox`, `hpdesk return`, `hpdesk receipt …` on a city workspace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from city_world import CITY_PASSPHRASE, CityWorld, city_world, copy_city  # noqa: F401 - fixtures

from hpdesk.cli import main
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


@pytest.fixture
def city_dir(city_world: CityWorld, request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return copy_city(request, city_world, tmp_path / "city")


def run(city_dir: Path, *args: str) -> int:
    return main(["--workspace", str(city_dir), *args])


def test_receive_exits_1_when_a_package_is_rejected_and_inbox_lists_both(
        city_dir: Path, city_world: CityWorld, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(city_dir, "receive", str(city_world.counties[0].package)) == 0
    assert "接收" in capsys.readouterr().out
    assert run(city_dir, "receive", str(city_world.impostor), "--json") == 1
    (outcome,) = json.loads(capsys.readouterr().out)["outcomes"]
    assert outcome["reason_code"] == "signer_other_county"
    assert run(city_dir, "inbox", "--json") == 0
    assert [row["status"] for row in json.loads(capsys.readouterr().out)] == ["rejected", "accepted"]


def test_county_registry_commands(city_dir: Path, city_world: CityWorld, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert run(city_dir, "county", "add", "荥阳新区卫生健康委员会", "--region", "荥阳新区") == 0
    capsys.readouterr()
    assert run(city_dir, "county", "trust", str(city_world.counties[5].certificate), "--county", "荥阳新区") == 2
    assert "惠济区卫生健康委员会" in capsys.readouterr().err  # that key is county 5's already
    assert run(city_dir, "county", "list", "--json") == 0
    counties = json.loads(capsys.readouterr().out)
    assert len(counties) == 16 and counties[-1]["certificates"] == []
    fingerprint = counties[0]["certificates"][0]["fingerprint_sha256"]
    assert run(city_dir, "county", "untrust", fingerprint[:10], "--county", counties[0]["name"],
               "--after", "2020-01-01") == 0
    assert "之前生成的报送包" in capsys.readouterr().out


def test_return_writes_a_receipt(city_dir: Path, city_world: CityWorld, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(CITY_PASSPHRASE, encoding="utf-8")
    run(city_dir, "receive", str(city_world.counties[0].package), "--json")
    package_id = json.loads(capsys.readouterr().out)["outcomes"][0]["package_id"]
    assert run(city_dir, "return", str(package_id), "--reason", "缺少佐证材料", "--out", str(tmp_path / "r"),
               "--passphrase-file", str(passphrase), "--json") == 0
    receipt = json.loads(capsys.readouterr().out)
    assert receipt["state"] == "returned" and Path(receipt["path"]).is_file()


def test_city_summary_task_search_and_report_read_the_accepted_packages(
        city_dir: Path, city_world: CityWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(city_dir, "receive", *(str(county.package) for county in city_world.counties[:3]), "--json")
    capsys.readouterr()
    assert run(city_dir, "city", "summary", "--period", "2025h1", "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert len(summary["accepted"]) == 3 and len(summary["missing"]) == len(summary["counties"]) - 3
    assert run(city_dir, "city", "summary", "--period", "2025H1") == 0
    text = capsys.readouterr().out
    assert "3/15" in text and city_world.counties[0].office in text and "达标县区数" in text
    assert run(city_dir, "city", "task", "A02-T001", "--period", "2025H1", "--json") == 0
    answers = json.loads(capsys.readouterr().out)["answers"]
    assert len(answers) == 15 and sum(answer["has_package"] for answer in answers) == 3
    assert run(city_dir, "city", "task", "Z99-T999", "--period", "2025H1") == 2
    assert "Z99-T999" in capsys.readouterr().err
    assert run(city_dir, "city", "search", "不存在的字样", "--period", "2025H1") == 0
    assert "没有包含" in capsys.readouterr().out
    assert run(city_dir, "city", "report", "--period", "2025H1", "--out", str(tmp_path / "汇总"), "--json") == 0
    written = json.loads(capsys.readouterr().out)
    assert Path(written["workbook"]).stat().st_size > 0 and Path(written["pdf"]).read_bytes().startswith(b"%PDF")
    assert run(city_dir, "city", "summary", "--period", "2031H1") == 2


def test_inbox_names_a_file_that_is_no_package_instead_of_a_question_mark(
        city_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stray = tmp_path / "会议通知.docx"
    stray.write_bytes(b"not a package")
    assert run(city_dir, "receive", str(stray)) == 1
    capsys.readouterr()
    assert run(city_dir, "inbox") == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert "会议通知.docx" in line and "?" not in line and "第 0 次" not in line, line
