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
