"""Translations: `--update` extracts UI strings into resources/i18n/*.ts (pyside6-lupdate); the default (and
`--release-only`) compiles every .ts into the .qm the app loads (lrelease). Both tools ship in the
PySide6-Essentials wheel. The .ts files are committed; the .qm files are build output (git-ignored), made by
scripts/setup.sh, by every wheel/sdist build (setup.py) and by the bundle build (installer/build.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ["zh_CN"]


def _tool(name: str) -> str:
    """The Qt tool `name` ('lrelease', 'lupdate') of the PySide6 this Python can import, else pyside6-<name>.

    The binary inside the PySide6 package comes first because a pip build environment (setup.py) installs
    PySide6-Essentials into a prefix whose scripts are not beside sys.executable.
    """
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            binary = Path(folder) / (f"{name}.exe" if os.name == "nt" else name)
            if binary.is_file():
                return str(binary)
    wrapper = f"pyside6-{name}"
    found = shutil.which(wrapper, path=str(Path(sys.executable).parent)) or shutil.which(wrapper)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def update_sources() -> None:
    sources = sorted(str(path) for path in (ROOT / "hpdesk" / "ui").rglob("*.py"))
    for language in LANGUAGES:
        # -no-obsolete drops strings the sources no longer use, so the test for unfinished entries stays meaningful.
        subprocess.run([_tool("lupdate"), *sources, "-no-obsolete", "-ts",
                        str(I18N / f"hpdesk_{language}.ts")], check=True)


def release(out_dir: Path = I18N) -> list[Path]:
    """Compile every resources/i18n/*.ts into `out_dir`/<same name>.qm; returns the .qm files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for ts_file in sorted(I18N.glob("*.ts")):
        qm_file = out_dir / ts_file.with_suffix(".qm").name
        subprocess.run([_tool("lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
        written.append(qm_file)
    return written


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
