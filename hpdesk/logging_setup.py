"""Logging to a rotating file in the workspace (`logs/hpdesk.log`) so our errors leave a trace; no Qt.

Logging must never become the problem itself: a full disk, a read-only folder or a log file replaced by a link
makes the handler go quiet (the command's own message still reaches the user), never print a traceback. The log
file is opened without following a symbolic link (O_NOFOLLOW), so a link planted as `logs/hpdesk.log` cannot make
hpdesk append to, or rotate over, a file elsewhere.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

_LOG_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has none; links there need privileges to create


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler that refuses links and, when writing fails, drops the record instead of printing
    'Logging error' and a traceback on the terminal (the default `handleError`)."""

    def _open(self):
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o644)
        return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def shouldRollover(self, record: logging.LogRecord) -> bool:  # noqa: N802 (logging's name)
        # Rotation renames files; a link where the log belongs is never rotated, only refused on opening.
        if os.path.islink(self.baseFilename):
            return False
        return bool(super().shouldRollover(record))

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self.failed = True  # visible to tests; the record is lost, which is better than a traceback in the CLI


def configure(log_dir: Path | None, *, verbose: bool = False) -> Path | None:
    """Send log records to `log_dir/hpdesk.log` (1 MB × 5 files); returns the log file, or None without a dir.

    Safe to call more than once: an earlier hpdesk handler is replaced, not duplicated. Without a usable dir the
    records are dropped (a NullHandler keeps Python's last-resort handler from printing them on stderr). Raises
    OSError when the folder or file cannot be made or opened (the caller falls back to `configure(None)`).
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_hpdesk", False):
            root.removeHandler(handler)
            handler.close()
    fallback = logging.NullHandler()
    fallback._hpdesk = True  # type: ignore[attr-defined]
    root.addHandler(fallback)
    if log_dir is None:
        return None
    if log_dir.is_symlink():
        raise OSError(f"{log_dir} is a symbolic link; hpdesk does not follow links inside the workspace")
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "hpdesk.log"
    handler = QuietRotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    handler._hpdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return log_file

