"""Build hpdesk for distribution: translations → version files → PyInstaller → self-check → NSIS.

The version is read once from hpdesk.__version__ and written into the Windows version resource and the NSIS
script. PyInstaller cannot cross-compile: run this on Windows for the .exe (on Linux it builds and smoke-tests a
Linux one-folder build, and `makensis` can still compile the installer script).

    python installer/build.py [--skip-pyinstaller] [--skip-nsis]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hpdesk import __version__  # noqa: E402


def fill_templates(build_dir: Path) -> tuple[Path, Path]:
    build_dir.mkdir(exist_ok=True)
    numbers = [int(part) for part in __version__.split(".")[:3]] + [0]
    values = {"version": __version__, "version_tuple": tuple(numbers[:4])}
    version_info = build_dir / "version_info.txt"
    version_info.write_text((ROOT / "installer" / "version_info.txt.in").read_text(encoding="utf-8") % values,
                            encoding="utf-8")
    nsi = ROOT / "installer" / "hpdesk.nsi"
    nsi.write_text((ROOT / "installer" / "hpdesk.nsi.in").read_text(encoding="utf-8") % values, encoding="utf-8")
    return version_info, nsi


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-pyinstaller", action="store_true")
    parser.add_argument("--skip-nsis", action="store_true")
    args = parser.parse_args()
    translations = ROOT / "installer" / "build_translations.py"
    if translations.exists():
        subprocess.run([sys.executable, str(translations), "--release-only"], check=True)
    _version_info, nsi = fill_templates(ROOT / "build")
    if not args.skip_pyinstaller:
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", str(ROOT / "installer" / "hpdesk.spec")],
                       check=True, cwd=ROOT)
        frozen = ROOT / "dist" / "hpdesk" / ("hpdesk.exe" if os.name == "nt" else "hpdesk")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        subprocess.run([str(frozen), "--version"], check=True, env=env)
    if not args.skip_nsis and shutil.which("makensis"):
        subprocess.run(["makensis", str(nsi)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
