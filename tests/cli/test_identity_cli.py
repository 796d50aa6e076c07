"""`hpdesk identity …`: create from the office profile, show, export the certificate, import a .p12."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from pg_fixtures import BOTH_BACK_ENDS, data_folder

from hpdesk.cli import main
from hpdesk.services.identity import unlock_identity

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)

PASSPHRASE = "县里的口令2025"


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def test_create_uses_the_office_name_and_show_reports_the_fingerprint(workspace_dir: Path, passphrase_file: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--workspace", str(workspace_dir), "identity", "create", "--passphrase-file",
                 str(passphrase_file), "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert created["office_name"] == "管城回族区卫生健康委员会"
    assert main(["--workspace", str(workspace_dir), "identity", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["fingerprint_sha256"] == created["fingerprint_sha256"] and len(shown["fingerprint_sha256"]) == 64
    unlocked = unlock_identity(data_folder(workspace_dir) / "identity", PASSPHRASE)  # the newline is not part of the passphrase
    assert unlocked.info.fingerprint_sha256 == created["fingerprint_sha256"]


def test_a_second_create_is_refused_without_replace(workspace_dir: Path, passphrase_file: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--workspace", str(workspace_dir), "identity", "create", "--passphrase-file", str(passphrase_file)]
    assert main(args) == 0
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_export_cert_writes_the_pem_that_show_describes(workspace_dir: Path, passphrase_file: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    main(["--workspace", str(workspace_dir), "identity", "create", "--passphrase-file", str(passphrase_file),
          "--json"])
    fingerprint = json.loads(capsys.readouterr().out)["fingerprint_sha256"]
    out = tmp_path / "county.pem"
    assert main(["--workspace", str(workspace_dir), "identity", "export-cert", str(out)]) == 0
    certificate = x509.load_pem_x509_certificate(out.read_bytes())
    assert certificate.fingerprint(certificate.signature_hash_algorithm).hex() == fingerprint


def test_without_a_passphrase_file_the_passphrase_is_asked_with_getpass(workspace_dir: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def fake_getpass(prompt: str = "") -> str:
        asked.append(prompt)
        return PASSPHRASE

    monkeypatch.setattr("getpass.getpass", fake_getpass)
    assert main(["--workspace", str(workspace_dir), "identity", "create"]) == 0
    assert len(asked) == 2  # a new passphrase is asked twice
    assert unlock_identity(data_folder(workspace_dir) / "identity", PASSPHRASE).info.office_name == "管城回族区卫生健康委员会"


def test_import_takes_a_p12_and_a_wrong_passphrase_is_a_one_line_error(workspace_dir: Path, passphrase_file: Path,
                                                                        tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    main(["--workspace", str(workspace_dir), "identity", "create", "--passphrase-file", str(passphrase_file)])
    capsys.readouterr()
    unlocked = unlock_identity(data_folder(workspace_dir) / "identity", PASSPHRASE)
    p12 = tmp_path / "office.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"office", unlocked.private_key, unlocked.certificate, None, BestAvailableEncryption(PASSPHRASE.encode())))
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("不是这个口令", encoding="utf-8")
    assert main(["--workspace", str(workspace_dir), "identity", "import", str(p12), "--passphrase-file",
                 str(wrong), "--replace"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["--workspace", str(workspace_dir), "identity", "import", str(p12), "--passphrase-file",
                 str(passphrase_file), "--replace", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["fingerprint_sha256"] == unlocked.info.fingerprint_sha256


def test_a_passphrase_that_is_never_typed_is_one_line_not_an_internal_error(
        workspace_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`hpdesk identity create < /dev/null` (a script, Ctrl-D at the prompt): 内部错误：EOFError, exit 1."""
    def ended(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr("getpass.getpass", ended)
    capsys.readouterr()
    assert main(["--workspace", str(workspace_dir), "identity", "create"]) == 2
    error = capsys.readouterr().err
    assert "--passphrase-file" in error and "内部错误" not in error and error.strip().count("\n") == 0
