"""`hpdesk export` and `hpdesk verify` on the command line: the JSON names what was written; verify exits 0 only
when everything holds and 1 otherwise, saying which file or signature fails, and never shows a traceback."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from conftest import Sent, member_name, read_members
from export_fixture import PASSPHRASE, PERIOD, ExportFixture

from hpdesk.cli import main
from hpdesk.services.identity import CERTIFICATE_FILE, create_identity
from pg_fixtures import BOTH_BACK_ENDS, data_folder

pytestmark = BOTH_BACK_ENDS


@pytest.fixture
def closed(export_data: ExportFixture, tmp_path: Path) -> Path:
    """The test world's workspace, closed so the commands can open it; returns its folder."""
    export_data.workspace.close()
    (tmp_path / "pass.txt").write_text(PASSPHRASE + "\n", encoding="utf-8")
    return export_data.workspace.root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def export_json(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, "--workspace", str(root), "export", "--period", PERIOD, "--out",
                         str(tmp_path / "out"), "--passphrase-file", str(tmp_path / "pass.txt"), "--json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_export_json_names_the_package_and_every_file_in_it(closed: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    written = export_json(closed, tmp_path, capsys, "--doc-number", "管卫健[2025]12号")
    package = Path(written["package"])
    assert package.is_file() and package.parent == tmp_path / "out"
    with zipfile.ZipFile(package) as archive:
        assert archive.namelist() == written["files"]
    assert {"manifest.json", "manifest.json.p7s", "data.json", "2025H1-报送表.xlsx"} <= set(written["files"])
    assert written["evidence_files"] == 5 and written["period_locked"] and written["sequence"] == 1
    assert len(written["package_sha256"]) == len(written["signer_fingerprint"]) == 64
    manifest = json.loads(read_members(package)["manifest.json"])
    assert manifest["doc_number"] == "管卫健〔2025〕12号" and manifest["fingerprint"] == written["fingerprint"]


def test_export_without_json_prints_where_the_package_is(closed: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--workspace", str(closed), "export", "--period", PERIOD, "--out",
                          str(tmp_path / "out"), "--passphrase-file", str(tmp_path / "pass.txt"))
    assert code == 0 and "报送包已生成" in out and "报送包-1.zip" in out and "材料指纹" in out


def test_export_reissue_on_the_command_line_gives_the_same_data(closed: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    first = export_json(closed, tmp_path, capsys)
    again = export_json(closed, tmp_path, capsys, "--reissue")
    assert again["sequence"] == 2 and again["reissue"] and again["fingerprint"] == first["fingerprint"]
    assert read_members(Path(first["package"]))["data.json"] == read_members(Path(again["package"]))["data.json"]


def test_export_errors_are_one_line_without_a_traceback(closed: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "wrong.txt").write_text("不是这个口令\n", encoding="utf-8")
    code, out, err = run(capsys, "--workspace", str(closed), "export", "--period", PERIOD, "--out",
                         str(tmp_path / "out"), "--passphrase-file", str(tmp_path / "wrong.txt"), "--json")
    assert code == 2 and out == "" and "Traceback" not in err and err.strip()
    code, _out, err = run(capsys, "--workspace", str(closed), "export", "--period", "2031H1", "--out",
                          str(tmp_path / "out"), "--passphrase-file", str(tmp_path / "pass.txt"))
    assert code == 2 and "2031H1" in err
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_verify_accepts_the_package_with_its_own_or_a_named_certificate(sent: Sent,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--workspace", str(sent.root), "verify", str(sent.package), "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["problems"] == [] and report["kind"] == "package"
    assert report["period"] == "2025H1" and report["office"] == "管城回族区卫生健康委员会"
    assert report["files_checked"] == len(report["files"]) == 8
    code, out, _err = run(capsys, "verify", str(sent.package), "--trust", str(data_folder(sent.root) / "identity" / CERTIFICATE_FILE))
    assert code == 0 and "校验通过" in out


def test_verify_exits_1_and_names_the_changed_file(sent: Sent, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(sent.package) as old, zipfile.ZipFile(tampered, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info.filename, data.replace("讲座12场".encode(), "讲座21场".encode())
                         if info.filename == "data.json" else data)
    code, out, err = run(capsys, "--workspace", str(sent.root), "verify", str(tampered))
    assert code == 1 and "校验未通过" in out and "data.json" in out and "Traceback" not in out + err
    code, out, _err = run(capsys, "--workspace", str(sent.root), "verify", str(tampered), "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and any("data.json" in problem for problem in report["problems"])


def test_verify_checks_the_signed_pdf_on_its_own(sent: Sent, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    members = sent.members()
    pdf = tmp_path / "packet.pdf"
    pdf.write_bytes(members[member_name(members, ".pdf")])
    code, out, _err = run(capsys, "--workspace", str(sent.root), "verify", str(pdf), "--json")
    report = json.loads(out)
    assert code == 0 and report["kind"] == "pdf" and report["signatures"][0]["ok"]
    assert report["signatures"][0]["fingerprint"] == sent.result.signer_fingerprint
    damaged = tmp_path / "damaged.pdf"
    data = pdf.read_bytes()
    damaged.write_bytes(data[:3000] + bytes([data[3000] ^ 0x01]) + data[3001:])
    code, out, _err = run(capsys, "--workspace", str(sent.root), "verify", str(damaged))
    assert code == 1 and "校验未通过" in out
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(data + b"\n% a note added after signing\n")
    code, out, _err = run(capsys, "--workspace", str(sent.root), "verify", str(appended), "--json")
    assert code == 1 and any("追加" in problem for problem in json.loads(out)["problems"])


def test_verify_refuses_a_package_from_a_certificate_that_is_not_trusted(sent: Sent, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    create_identity(tmp_path / "other", "别的县卫生健康委员会", "另一个单位的口令")
    code, out, _err = run(capsys, "verify", str(sent.package), "--trust", str(tmp_path / "other" / CERTIFICATE_FILE),
                          "--json")
    assert code == 1 and any("不是本机登记的受信任证书" in problem for problem in json.loads(out)["problems"])


@pytest.mark.parametrize("content", [b"", b"PK", b"not a package", b"%PDF-1.7\n garbage"])
def test_verify_of_a_damaged_file_exits_1_without_a_traceback(sent: Sent, tmp_path: Path, content: bytes,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "damaged.zip"
    target.write_bytes(content)
    code, out, err = run(capsys, "--workspace", str(sent.root), "verify", str(target), "--json")
    assert code == 1 and not json.loads(out)["ok"] and "Traceback" not in out + err


def test_verify_of_a_missing_file_exits_1(sent: Sent, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--workspace", str(sent.root), "verify", str(tmp_path / "nowhere.zip"))
    assert code == 1 and "校验未通过" in out


def test_verify_without_any_trusted_certificate_exits_1(sent: Sent, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--workspace", str(tmp_path / "no-workspace"), "verify", str(sent.package))
    assert code == 1 and "--trust" in err
    code, out, _err = run(capsys, "--workspace", str(tmp_path / "no-workspace"), "verify", str(sent.package),
                          "--trust", str(tmp_path / "missing.pem"), "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"] and report["problems"]


def test_export_json_names_the_pdf_and_excel_it_wrote_beside_the_package(closed: Path, tmp_path: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The export writes three files (the zip, and the signed PDF and the Excel beside it to print and hand over);
    the JSON named only the zip, so a script had to guess the other two names."""
    written = export_json(closed, tmp_path, capsys)
    wrote = {Path(written["package"]), Path(written["pdf"]), Path(written["xlsx"])}
    assert wrote == set((tmp_path / "out").iterdir())
    assert Path(written["pdf"]).suffix == ".pdf" and Path(written["xlsx"]).suffix == ".xlsx"
