"""hpdesk/ type-checks: mypy, configured in pyproject.toml ([tool.mypy]), reports no error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _mypy(*arguments: str) -> subprocess.CompletedProcess[str]:
    # The cache (.mypy_cache, git-ignored) makes a run after a small change take a second instead of half a minute.
    return subprocess.run([sys.executable, "-m", "mypy", *arguments], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=600)


def test_mypy_finds_no_error_in_hpdesk() -> None:
    completed = _mypy()
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "no issues found" in completed.stdout


def test_mypy_config_reports_a_type_error_and_an_ignore_that_suppresses_nothing(tmp_path: Path) -> None:
    """The configuration is strict enough to matter: it checks bodies of unannotated functions and refuses
    `# type: ignore` comments that hide nothing (so the count of ignores only says something true)."""
    probe = tmp_path / "probe.py"
    probe.write_text("def untyped():\n    return len(3)\n\n\nVALUE: int = 1  # type: ignore[assignment]\n",
                     encoding="utf-8")
    completed = _mypy("--config-file", str(REPO_ROOT / "pyproject.toml"), str(probe))
    assert completed.returncode == 1
    assert "[arg-type]" in completed.stdout  # the call inside the unannotated function was checked
    assert "[unused-ignore]" in completed.stdout
