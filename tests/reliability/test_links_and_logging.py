"""Links planted inside the workspace are never followed, and logging never prints a traceback to the user.

`workspace.lock` and `logs/hpdesk.log` replaced by symbolic links to a file outside must leave that file untouched.
A log handler that cannot write (full disk, read-only folder) drops its records quietly; the command's own message
still reaches the user as one line. The in-process tests simulate the condition at the lowest layer (the os calls),
so they also run where a tmpfs cannot be mounted.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

import pytest
from reliability_cli import RunCli

from hpdesk import logging_setup
from hpdesk.cli import main

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")

PRECIOUS = "the county's only copy of something\n"


@pytest.fixture
def precious(tmp_path: Path) -> Path:
    target = tmp_path / "outside" / "precious.txt"
    target.parent.mkdir()
    target.write_text(PRECIOUS)
    return target


@pytest.mark.slow
def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(
        run_cli: RunCli, hpdesk_workspace: Path, precious: Path) -> None:
    (hpdesk_workspace / "workspace.lock").unlink(missing_ok=True)
    (hpdesk_workspace / "workspace.lock").symlink_to(precious)

    result = run_cli("--workspace", hpdesk_workspace, "info")

    assert result.one_clear_line, result
    assert "链接" in result.stderr
    assert precious.read_text() == PRECIOUS


@pytest.mark.slow
def test_a_log_file_that_is_a_link_is_not_written_through(
        run_cli: RunCli, hpdesk_workspace: Path, precious: Path) -> None:
    (hpdesk_workspace / "logs").mkdir(exist_ok=True)
    (hpdesk_workspace / "logs" / "hpdesk.log").symlink_to(precious)

    # --verbose and a user error: both write log records
    result = run_cli("--workspace", hpdesk_workspace, "--verbose", "report", "show", "--task", "X", "--unit", "Y",
                     "--period", "2025H1")

    assert result.one_clear_line, result
    assert precious.read_text() == PRECIOUS


def test_a_log_folder_that_is_a_link_is_not_used(tmp_path: Path, precious: Path) -> None:
    (tmp_path / "logs").symlink_to(precious.parent)
    with pytest.raises(OSError):
        logging_setup.configure(tmp_path / "logs")
    logging_setup.configure(None)
    assert sorted(path.name for path in precious.parent.iterdir()) == ["precious.txt"]


def test_a_log_handler_that_cannot_write_stays_silent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_file = logging_setup.configure(tmp_path / "logs")
    assert log_file is not None
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, logging_setup.QuietRotatingFileHandler))

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    handler.stream.write = full  # type: ignore[method-assign]  # the disk fills up after the log was opened
    try:
        logging.getLogger("hpdesk.test").exception("something failed")
        logging.getLogger("hpdesk.test").warning("and again")
    finally:
        logging_setup.configure(None)
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_without_a_log_file_nothing_is_printed_by_the_last_resort_handler(capsys: pytest.CaptureFixture[str]) -> None:
    logging_setup.configure(None)
    logging.getLogger("hpdesk.test").error("would have been printed by logging.lastResort")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("code", "word"), [(errno.ENOSPC, "磁盘空间不足"), (errno.EROFS, "只读"),
                                            (errno.EACCES, "没有权限")])
def test_an_os_refusal_at_the_lowest_layer_becomes_one_clear_line(
        workspace_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        code: int, word: str) -> None:
    monkeypatch.setenv("HPDESK_LANG", "zh_CN")
    real_replace = os.replace

    def refusing_replace(source: object, target: object, *args: object, **kwargs: object) -> None:
        if str(target).endswith(".zip"):
            raise OSError(code, os.strerror(code), str(target))
        real_replace(source, target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refusing_replace)
    try:
        exit_code = main(["--workspace", str(workspace_dir), "backup", str(tmp_path / "b.zip")])
    finally:
        logging_setup.configure(None)
    err = capsys.readouterr().err
    assert exit_code == 2
    assert word in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "b.zip").exists() and list(tmp_path.glob("b.zip*")) == []
