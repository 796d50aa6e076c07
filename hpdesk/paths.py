"""Where things are: bundled resources and migrations (frozen-aware) and the default workspace. No Qt.

The base directory is `sys._MEIPASS` in a PyInstaller build, `hpdesk/_data` in an installed wheel (setup.py copies
resources/ and migrations/ there and compiles the translations), and the repository root otherwise (a checkout or an
editable install). User data never goes inside the install directory: the default workspace lives in the user's data
directory (platformdirs); `--workspace DIR` or `HPDESK_WORKSPACE` overrides it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "hpdesk"


def install_dir() -> Path:
    """The folder that holds `resources/` and `migrations/`."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base)
    package = Path(__file__).resolve().parent
    installed = package / "_data"  # keep in step with setup.py
    if installed.is_dir():
        return installed
    return package.parent


def resources_dir() -> Path:
    return install_dir() / "resources"


def migrations_dir() -> Path:
    return install_dir() / "migrations"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def translations_dir() -> Path:
    """Compiled .qm files; built from resources/i18n/*.ts by installer/build_translations.py."""
    return resources_dir() / "i18n"


def default_workspace_dir() -> Path:
    """HPDESK_WORKSPACE if set, else `<user data dir>/hpdesk/workspace`."""
    override = os.environ.get("HPDESK_WORKSPACE", "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs  # here, not at the top: `hpdesk --help` and a `--workspace` run never need it (issue 13)

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "workspace"
