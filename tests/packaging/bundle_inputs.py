"""When the slow .deb smoke test runs in CI: only when the files the bundle is built from changed since its last
green run. Their SHA-256 is kept in installer/bundle-inputs.sha256 (committed); a green smoke test rewrites it.

    python tests/packaging/bundle_inputs.py           # prints whether the inputs changed
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STAMP = ROOT / "installer" / "bundle-inputs.sha256"


def inputs() -> list[Path]:
    """installer/ (but the stamp and the docs), pyproject.toml and setup.py: the build's scripts, pins, spec and
    templates."""
    files = [path for path in (ROOT / "installer").rglob("*") if path.is_file() and path != STAMP
             and path.suffix != ".md" and "__pycache__" not in path.parts]
    return sorted(files + [ROOT / "pyproject.toml", ROOT / "setup.py"])


def digest() -> str:
    hasher = hashlib.sha256()
    for path in inputs():
        hasher.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return hasher.hexdigest()


def unchanged() -> bool:
    return STAMP.exists() and STAMP.read_text(encoding="utf-8").strip() == digest()


def record_green_build(built_from: str) -> None:
    """Record `built_from` (the digest() taken when the build started) as the inputs of a green smoke test."""
    STAMP.write_text(built_from + "\n", encoding="utf-8")


if __name__ == "__main__":
    print("unchanged since the last green bundle build" if unchanged() else "changed: the smoke test will run")
    sys.exit(0)
