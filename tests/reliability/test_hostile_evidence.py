"""Hostile and unlucky evidence files through `hpdesk evidence add` (issue 12, items 6–9): a link named like meeting
minutes that points at a system file or into the workspace, a source truncated while it is copied, a file swapped
for a FIFO after it was examined, and text arguments that are not valid UTF-8."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from evidence_world import (
    PERIOD_LABEL, REPORT_KEY, TASK_CODE, UNIT_NAME, blob_files, make_noise, make_pdf, seed_report,
)
from hostile_run import hpdesk, refused_clearly

from hpdesk.domain.errors import UserError
from hpdesk.services import evidence
from hpdesk.services.evidence import add_evidence, list_evidence
from hpdesk.services.workspace import Workspace, open_workspace

REPORT = ["--task", TASK_CODE, "--unit", UNIT_NAME, "--period", PERIOD_LABEL]


@pytest.fixture
def root(workspace_dir: Path) -> Path:
    with open_workspace(workspace_dir) as workspace:
        seed_report(workspace)
    return workspace_dir


def _stored(root: Path) -> list[Path]:
    return [p for p in (root / "blobs").rglob("*") if p.is_file()] if (root / "blobs").is_dir() else []


def _add(root: Path, *args: str | bytes):  # type: ignore[no-untyped-def]
    return hpdesk(root, "evidence", "add", *REPORT, "--kind", "minutes", *args)


@pytest.mark.parametrize("target", ["/etc/passwd", "/proc/self/environ"])
def test_a_link_named_like_minutes_to_a_system_file_is_refused_naming_where_it_points(
    root: Path, tmp_path: Path, target: str
) -> None:
    if not Path(target).exists():
        pytest.skip(f"{target} does not exist here")
    link = tmp_path / "会议纪要.pdf"
    link.symlink_to(target)
    completed = _add(root, "--title", "专题会议", str(link))
    assert refused_clearly(completed), completed.stderr
    assert "会议纪要.pdf" in completed.stderr and target.split("/")[1] in completed.stderr
    assert _stored(root) == []


def test_a_link_into_the_workspace_or_through_a_linked_folder_is_refused(root: Path, tmp_path: Path) -> None:
    into_workspace = tmp_path / "会议纪要.pdf"
    into_workspace.symlink_to(root / "hpdesk.sqlite")
    completed = _add(root, "--title", "专题会议", str(into_workspace))
    assert refused_clearly(completed), completed.stderr
    linked_folder = tmp_path / "材料"
    linked_folder.symlink_to("/etc")
    completed = _add(root, "--title", "专题会议", str(linked_folder / "hostname"))
    assert refused_clearly(completed) and "/etc/hostname" in completed.stderr, completed.stderr
    assert _stored(root) == []


def test_a_link_to_an_ordinary_document_is_stored_and_the_real_path_is_shown(root: Path, tmp_path: Path) -> None:
    (tmp_path / "原件").mkdir()
    real = make_pdf(tmp_path / "原件" / "纪要扫描.pdf")
    link = tmp_path / "会议纪要.pdf"
    link.symlink_to(real)
    completed = _add(root, "--title", "专题会议", str(link))
    assert completed.returncode == 0, completed.stderr
    assert str(real) in completed.stdout
    assert len(_stored(root)) == 1


class _TruncateAfterFirstChunk:
    """A progress sink that cuts the source file short once the first chunk has been copied (a USB stick whose
    file is being overwritten, a sync client replacing it)."""

    def __init__(self, path: Path, keep: int) -> None:
        self.path, self.keep, self.done = path, keep, False

    def update(self, done: int, total: int, message: str = "") -> None:
        if done > 0 and not self.done:
            os.truncate(self.path, self.keep)
            self.done = True


def test_a_source_truncated_while_it_is_copied_is_refused_and_nothing_is_kept(workspace: Workspace,
                                                                              tmp_path: Path) -> None:
    seed_report(workspace)
    source = make_noise(tmp_path / "录像.bin", 3 * 1024 * 1024 + 17)
    sink = _TruncateAfterFirstChunk(source, 1024 * 1024 + 5)
    with pytest.raises(UserError) as refused:
        add_evidence(workspace, REPORT_KEY, kind="other", title="录像",
                     files=[source], progress=sink)
    assert sink.done and "录像.bin" in refused.value.message("zh")
    assert blob_files(workspace) == []
    assert list_evidence(workspace, REPORT_KEY) == []


def test_a_file_swapped_for_a_fifo_after_examination_is_refused_without_reading_it(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_report(workspace)
    source = make_pdf(tmp_path / "纪要.pdf")
    real_examine = evidence.examine_source
    # a writer that feeds the FIFO an immediate end of file, should anything open it blocking and read it
    writer = threading.Thread(target=lambda: open(source, "wb").close(), daemon=True)

    def examine_then_swap(path: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        facts = real_examine(path, *args, **kwargs)
        path.unlink()
        os.mkfifo(path)
        writer.start()
        return facts

    monkeypatch.setattr(evidence, "examine_source", examine_then_swap)
    try:
        with pytest.raises(UserError) as refused:
            add_evidence(workspace, REPORT_KEY, kind="minutes", title="纪要", files=[source])
    finally:
        keep_open = os.open(source, os.O_RDONLY | os.O_NONBLOCK)  # a reader: the writer's open returns, whenever
        writer.join()
        os.close(keep_open)
    assert refused.value.code in ("evidence_file_not_regular", "evidence_file_changed")
    assert "纪要.pdf" in refused.value.message("zh")
    assert blob_files(workspace) == []


@pytest.mark.parametrize("argument", [["--title", b"\xff\xfe\xba\xbb"], ["--title", "会议", "--description",
                                                                         b"\xce\xd2\xc3\xc7\xff"]],
                         ids=["title", "description"])
def test_a_text_argument_that_is_not_utf8_is_one_clear_line(root: Path, tmp_path: Path,
                                                            argument: list[str | bytes]) -> None:
    completed = _add(root, *argument, str(make_pdf(tmp_path / "a.pdf")))
    assert refused_clearly(completed), completed.stderr
    assert "UTF-8" in completed.stderr
    assert _stored(root) == []


def test_a_narrative_that_is_not_utf8_is_one_clear_line(root: Path) -> None:
    completed = hpdesk(root, "report", "set", *REPORT, "--narrative", b"\xd6\xd0\xce\xc4\xff\xfe")
    assert refused_clearly(completed), completed.stderr
    assert "--narrative" in completed.stderr
