"""Translations: `--update` extracts UI strings into resources/i18n/*.ts (pyside6-lupdate); the default (and
`--release-only`) compiles every .ts into the .qm the app loads (pyside6-lrelease). Both tools ship in the
PySide6-Essentials wheel. The .ts files are committed; the .qm files are build output (git-ignored).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ["zh_CN"]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def update_sources() -> None:
    sources = sorted(str(path) for path in (ROOT / "hpdesk" / "ui").rglob("*.py"))
    for language in LANGUAGES:
        # -no-obsolete drops strings the sources no longer use, so the test for unfinished entries stays meaningful.
        subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-ts",
                        str(I18N / f"hpdesk_{language}.ts")], check=True)


def release() -> None:
    for ts_file in sorted(I18N.glob("*.ts")):
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(ts_file.with_suffix(".qm"))],
                       check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="re-extract strings from the UI sources first")
    parser.add_argument("--release-only", action="store_true", help="only compile .ts → .qm (the setup default)")
    args = parser.parse_args()
    if args.update and not args.release_only:
        update_sources()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
