"""UI tests keep their QSettings in a temporary folder, never in the real user's configuration."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def _private_settings(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    QCoreApplication.setOrganizationName("hpdesk-tests")
    QCoreApplication.setApplicationName("hpdesk-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    # Qt's own dialogs keep theirs in QSettings(UserScope, "QtProject") in the native format (the file dialog's
    # folder history and column state): a test must neither read a developer's nor leave its own behind.
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))


class _BlockingDialogOpened(AssertionError):
    """A UI test opened a real modal dialog: offscreen nobody can close it, so the run would hang until CI kills it."""


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests answer prompts through fakes; a real QMessageBox/QFileDialog/QInputDialog or QDialog.exec() fails at once."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise _BlockingDialogOpened("a real modal dialog was opened in a UI test; use a fake prompt")

    for owner, names in ((QMessageBox, ("information", "warning", "critical", "question", "exec")),
                         (QFileDialog, ("getOpenFileName", "getOpenFileNames", "getSaveFileName",
                                        "getExistingDirectory", "exec")),
                         (QInputDialog, ("getText", "getMultiLineText", "getItem", "getInt", "exec")),
                         (QDialog, ("exec",))):
        for name in names:
            monkeypatch.setattr(owner, name, refuse)
