"""A missing sample or tool skips a test on a developer's machine and fails it in CI."""

from __future__ import annotations

import pytest
from missing_input import missing


def test_a_missing_input_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="samples are not here"):
        missing("samples are not here")


def test_a_missing_input_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="samples are not here"):
        missing("samples are not here")
