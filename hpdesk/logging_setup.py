"""Logging to a rotating file in the workspace (`logs/hpdesk.log`) so our errors leave a trace; no Qt."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

_LOG_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"


def configure(log_dir: Path | None, *, verbose: bool = False) -> Path | None:
    """Send log records to `log_dir/hpdesk.log` (1 MB × 5 files); returns the log file, or None without a dir.

    Safe to call more than once: an earlier hpdesk file handler is replaced, not duplicated.
    """
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_hpdesk", False):
            root.removeHandler(handler)
            handler.close()
    if log_dir is None:
        return None
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "hpdesk.log"
    handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_LOG_FORMAT))
    handler._hpdesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return log_file


def install_excepthook() -> None:
    """Log uncaught exceptions (with traceback) before the default hook prints them."""
    previous = sys.excepthook

    def hook(exc_type, exc, tb):  # type: ignore[no-untyped-def]
        logging.getLogger("hpdesk").critical("uncaught exception", exc_info=(exc_type, exc, tb))
        previous(exc_type, exc, tb)

    sys.excepthook = hook
