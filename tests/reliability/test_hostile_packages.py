"""Hostile files given to `hpdesk verify` (issue 12, item 19): only regular files are read, with bounded reads —
a link to /dev/zero or a FIFO fails verification at once (exit 1, as every failed check) with one clear problem
line, never a hang, a traceback or gigabytes read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hostile_run import hpdesk

GIGABYTE = 1024 ** 3


@pytest.fixture(scope="module")
def trust(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A receiver's registered certificate, so `verify` gets as far as reading the file."""
    from hpdesk.services.identity import CERTIFICATE_FILE, create_identity

    folder = tmp_path_factory.mktemp("identity")
    create_identity(folder, "某某县卫生健康局", "县局口令2025")
    return str(folder / CERTIFICATE_FILE)


def test_verify_on_a_link_to_dev_zero_is_refused_at_once(workspace_dir: Path, tmp_path: Path, trust: str) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    link = tmp_path / "报送包.zip"
    link.symlink_to("/dev/zero")
    completed = hpdesk(workspace_dir, "verify", str(link), "--trust", trust, memory_limit=GIGABYTE)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert "校验未通过" in completed.stdout and "/dev/zero" in completed.stdout


def test_verify_on_a_fifo_is_refused_without_waiting_for_a_writer(workspace_dir: Path, tmp_path: Path,
                                                                   trust: str) -> None:
    fifo = tmp_path / "报送包.pdf"
    os.mkfifo(fifo)
    # a reader held open here lets a blocking open in the child return (and read nothing) instead of hanging
    keep_open = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        completed = hpdesk(workspace_dir, "verify", str(fifo), "--trust", trust)
    finally:
        os.close(keep_open)
    assert completed.returncode == 1 and "Traceback" not in completed.stderr, completed.stderr
    assert "校验未通过" in completed.stdout and "不是普通文件" in completed.stdout
