"""Real file-system conditions for the reliability suite: a full disk and a read-only disk (on `small_filesystem`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def make_read_only(mount_point: Path) -> None:
    """Remount a `small_filesystem` read-only: every write below it fails with EROFS, even for root."""
    subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True, capture_output=True)


def fill_up(mount_point: Path, leave_bytes: int = 0) -> None:
    """Write a filler file until the file system has at most `leave_bytes` free (the filler can be deleted)."""
    free = shutil.disk_usage(mount_point).free - leave_bytes
    with open(mount_point / "filler.bin", "wb") as filler:
        try:
            while free > 0:
                written = filler.write(b"\0" * min(free, 1024 * 1024))
                filler.flush()
                free -= written
        except OSError:
            pass  # full: that is the point
