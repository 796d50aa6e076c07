"""The connection settings of a shared workspace (issue 17): the local workspace folder of a clerk whose office keeps
its data on a PostgreSQL server holds only these settings, the log and temporary files.

    <workspace>/database.json   {"url": "postgresql://clerk@server/hpdesk", "attachments": "//server/share/hpdesk"}
    <workspace>/pgpass          the password, libpq's .pgpass format, permissions 0600 (only when one is needed)

The URL is stored without its password: a password given in the URL (or asked for) goes into `pgpass`, which libpq
reads itself (`passfile`). Both files are written to a temporary name and renamed, so a killed process leaves the old
settings or the new ones, never half of a file.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

SETTINGS_FILE = "database.json"
PASSWORD_FILE = "pgpass"


class SharedSettingsInvalid(Exception):
    """database.json is unreadable or lacks its URL or attachment folder."""


@dataclass(frozen=True)
class SharedDatabase:
    """Where a shared workspace's data lives: the database (URL without password) and the attachment folder."""

    url: str
    attachments: Path
    passfile: Path | None


def read_shared_settings(root: Path) -> SharedDatabase | None:
    """The settings in `root`, or None when `root` is not a shared workspace. Raises SharedSettingsInvalid."""
    settings = root / SETTINGS_FILE
    if not settings.is_file():
        return None
    try:
        data = json.loads(settings.read_text(encoding="utf-8"))
        url, attachments = str(data["url"]), str(data["attachments"])
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SharedSettingsInvalid(f"{settings}: {error}") from None
    if not url or not attachments:
        raise SharedSettingsInvalid(f"{settings}: url and attachments must not be empty")
    passfile = root / PASSWORD_FILE
    return SharedDatabase(url, Path(attachments), passfile if passfile.is_file() else None)


def write_shared_settings(root: Path, url: str, attachments: Path, password: str | None = None) -> SharedDatabase:
    """Store the settings in `root`; a password (argument or inside `url`) goes only into the 0600 `pgpass` file."""
    parsed = make_url(url)
    password = password if password is not None else parsed.password
    clean = parsed._replace(password=None).render_as_string(hide_password=False)  # set() ignores None
    root.mkdir(parents=True, exist_ok=True)
    passfile = write_password_file(root / PASSWORD_FILE, url, str(password)) if password else None
    _write_private(root / SETTINGS_FILE, json.dumps(
        {"url": clean, "attachments": str(attachments)}, ensure_ascii=False, indent=2) + "\n")
    return SharedDatabase(clean, Path(attachments), passfile)


def write_password_file(path: Path, url: str, password: str) -> Path:
    """A libpq password file (mode 0600) at `path` with `password` for the server, database and user of `url`."""
    parsed = make_url(url)
    line = ":".join(_escape(part) for part in (
        parsed.host or "localhost", str(parsed.port or 5432), parsed.database or "*", parsed.username or "*", password))
    path.parent.mkdir(parents=True, exist_ok=True)
    return _write_private(path, line + "\n")


def _escape(part: str) -> str:
    """libpq's .pgpass escaping: backslash before ':' and '\\'."""
    return part.replace("\\", "\\\\").replace(":", "\\:")


def _write_private(path: Path, text: str) -> Path:
    """Write `text` to `path` readable by its owner only (0600 from the start: never briefly world-readable)."""
    temporary = path.with_name(path.name + ".part")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)
    return path
