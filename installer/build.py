"""Build hpdesk for clerks' desktops: the Linux .deb, or on Windows the one-folder build and its NSIS installer.

    python installer/build.py linux      # Debian/UOS/Kylin: bundle venv → PyInstaller → checks → dist/*.deb
    python installer/build.py windows    # on Windows: PyInstaller with this Python → dist\\hpdesk-<v>-setup.exe
    python installer/build.py nsis --payload DIR [--out FILE]   # only compile the installer around a folder
    python installer/glibc_check.py dist/hpdesk [--max 2.28]     # the glibc check alone

The version is read once from hpdesk.__version__ into the Windows version resource, the NSIS script, the .deb and
the UOS `info`. PyInstaller cannot cross-compile, so the .exe needs a Windows machine (installer/README.md).

`linux` builds in its own virtualenv (build/bundle-venv) from installer/requirements-bundle.txt, with only wheels
for manylinux_2_28 or older, so Qt itself runs on glibc 2.28. The virtualenv is made from a CPython compiled for
glibc 2.28 by installer/build_python.py (cached in build/python-glibc2.28; about 15 minutes the first time), or
with `--python current` from the Python running this script (quicker, but the bundle then needs this machine's
glibc), or `--python PATH` from another Python 3.11. The bundle carries no library of the build machine: Qt's system libraries (X11, xcb, fontconfig, GLib…)
become the .deb's dependencies. It prints the bundle size, the .deb size and the build time, and ends with the
glibc check (exit 1 when a bundled file needs a newer glibc than --max-glibc; --allow-newer-glibc only reports).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
sys.path.insert(0, str(INSTALLER))

import deb  # noqa: E402
import glibc_check  # noqa: E402

BUNDLE_REQUIREMENTS = INSTALLER / "requirements-bundle.txt"
# pip's --platform takes the exact tags it may use, so every manylinux level up to 2_28 is listed.
OLD_GLIBC_PLATFORMS = [f"manylinux_2_{minor}_x86_64" for minor in range(17, 29)] + [
    "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64"]
MAX_GLIBC = "2.28"


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "hpdesk" / "__init__.py").read_text(encoding="utf-8"), namespace)  # no import: no dependencies
    return namespace["__version__"]


def fill_templates(build_dir: Path) -> tuple[Path, Path]:
    """build/version_info.txt (the .exe's version resource) and build/hpdesk.nsi, filled with the version.

    @NAME@ placeholders, not %-formatting: the NSIS script mentions %APPDATA%.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    numbers = ([int(part) for part in version().split(".")[:3]] + [0, 0, 0])[:4]
    values = {"@VERSION@": version(), "@VERSION_TUPLE@": str(tuple(numbers)),
              "@VERSION4@": ".".join(map(str, numbers))}
    filled = []
    for template, name in (("version_info.txt.in", "version_info.txt"), ("hpdesk.nsi.in", "hpdesk.nsi")):
        text = (INSTALLER / template).read_text(encoding="utf-8")
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        target = build_dir / name
        # makensis reads a script with a byte-order mark as UTF-8 whatever the machine's code page.
        target.write_text(text, encoding="utf-8-sig" if name.endswith(".nsi") else "utf-8")
        filled.append(target)
    return filled[0], filled[1]


# Run with the build's Python: Qt renders the SVG logo and writes the .ico (its qico plugin) for the Windows .exe.
_ICON_SCRIPT = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication(sys.argv[:1])
image = QImage(256, 256, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
QSvgRenderer(sys.argv[1]).render(painter)
painter.end()
sys.exit(0 if image.save(sys.argv[2], "ICO") else 1)
"""


def make_icon(python: Path, build_dir: Path) -> Path:
    """build/hpdesk.ico from resources/icons/hpdesk.svg (the spec gives it to the .exe when it exists)."""
    build_dir.mkdir(parents=True, exist_ok=True)
    target = build_dir / "hpdesk.ico"
    subprocess.run([str(python), "-c", _ICON_SCRIPT, str(ROOT / "resources" / "icons" / "hpdesk.svg"), str(target)],
                   check=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return target


def compile_installer(payload: Path, out_file: Path) -> Path:
    """makensis the filled script around `payload` (a folder with hpdesk.exe) into `out_file`."""
    _version_info, nsi = fill_templates(BUILD)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    flag = "/" if os.name == "nt" else "-"
    subprocess.run(["makensis", f"{flag}V2", f"{flag}DPAYLOAD={payload.resolve()}",
                    f"{flag}DOUTFILE={out_file.resolve()}", str(nsi)], check=True)
    return out_file


def _source_date_epoch() -> int:
    """The last commit's time (or SOURCE_DATE_EPOCH): the same sources give the same timestamps in the package."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return int(os.environ["SOURCE_DATE_EPOCH"])
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return int(result.stdout.strip()) if result.returncode == 0 and result.stdout.strip() else 0


def bundle_python(venv_dir: Path, base_python: Path) -> Path:
    """The bundle's own virtualenv made from `base_python`, (re)installed when requirements-bundle.txt or the base
    interpreter changes."""
    python = venv_dir / "bin" / "python"
    stamp = venv_dir / ".requirements-sha256"
    wanted = hashlib.sha256(BUNDLE_REQUIREMENTS.read_bytes() + str(base_python.resolve()).encode()
                            + str(base_python.resolve().stat().st_mtime_ns).encode()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text() == wanted:
        return python
    shutil.rmtree(venv_dir, ignore_errors=True)
    subprocess.run([str(base_python), "-m", "venv", str(venv_dir)], check=True)
    wheels = BUILD / "bundle-wheels"
    platforms = [argument for tag in OLD_GLIBC_PLATFORMS for argument in ("--platform", tag)]
    subprocess.run([str(python), "-m", "pip", "download", "-q", "--only-binary=:all:", *platforms,
                    "--python-version", f"{sys.version_info.major}.{sys.version_info.minor}", "--implementation",
                    "cp", "-d", str(wheels), "-r", str(BUNDLE_REQUIREMENTS)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-index", "--find-links", str(wheels), "-r",
                    str(BUNDLE_REQUIREMENTS)], check=True)
    stamp.write_text(wanted)
    return python


def run_pyinstaller(python: Path, dist: Path, source_date_epoch: int) -> Path:
    # The .qm is compiled with the lrelease of the PySide6 the bundle is made from.
    subprocess.run([str(python), str(INSTALLER / "build_translations.py"), "--release-only"], check=True)
    fill_templates(BUILD)
    env = dict(os.environ, PYTHONHASHSEED="0", SOURCE_DATE_EPOCH=str(source_date_epoch))
    subprocess.run([str(python), "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
                    "--workpath", str(BUILD / "pyinstaller"), str(INSTALLER / "hpdesk.spec")],
                   check=True, cwd=ROOT, env=env)
    bundle = dist / "hpdesk"
    frozen = bundle / ("hpdesk.exe" if os.name == "nt" else "hpdesk")
    # The frozen app must at least start: a missing module or data file shows up here, not on the clerk's PC.
    subprocess.run([str(frozen), "--version"], check=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    return bundle


def _megabytes(path: Path) -> float:
    files = [path] if path.is_file() else [item for item in path.rglob("*") if item.is_file()
                                           and not item.is_symlink()]
    return sum(item.stat().st_size for item in files) / 1e6


def build_linux(args: argparse.Namespace) -> int:
    started = time.monotonic()
    epoch = _source_date_epoch()
    if args.python == "current":
        base_python = Path(sys.executable)
    elif args.python == "glibc-2.28":
        import build_python

        base_python = build_python.ensure_python()
    else:
        base_python = Path(args.python)
    python = bundle_python(BUILD / "bundle-venv", base_python)
    bundle = run_pyinstaller(python, args.dist, epoch)
    bundle_done = time.monotonic()
    package = deb.build_deb(bundle, ROOT / "resources" / "icons" / "hpdesk.svg", version(), args.dist,
                            BUILD / "deb-root", epoch)
    finished = time.monotonic()
    print(f"bundle {bundle}: {_megabytes(bundle):.0f} MB in {sum(1 for _ in bundle.rglob('*'))} files, "
          f"{bundle_done - started:.0f} s")
    print(f"package {package}: {_megabytes(package):.0f} MB (xz), {finished - bundle_done:.0f} s; "
          f"total {finished - started:.0f} s")
    limit = tuple(int(part) for part in args.max_glibc.split("."))
    offenders = glibc_check.too_new(bundle, limit)
    if offenders:
        highest = ".".join(map(str, max(version for _path, version in offenders)))
        print(f"glibc check: {len(offenders)} bundled files need more than glibc {args.max_glibc} (up to "
              f"{highest}), e.g. {offenders[0][0].relative_to(bundle)}; list them with installer/glibc_check.py",
              file=sys.stderr)
        return 0 if args.allow_newer_glibc else 1
    print(f"glibc check passed: the bundle runs on glibc {args.max_glibc}")
    return 0


def build_windows(args: argparse.Namespace) -> int:
    make_icon(Path(sys.executable), BUILD)
    bundle = run_pyinstaller(Path(sys.executable), args.dist, _source_date_epoch())
    setup = compile_installer(bundle, args.dist / f"hpdesk-{version()}-setup.exe")
    print(f"installer {setup}: {_megabytes(setup):.0f} MB")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    linux = commands.add_parser("linux", help="the one-folder bundle and the .deb (on Debian)")
    linux.add_argument("--dist", type=Path, default=DIST)
    linux.add_argument("--python", default="glibc-2.28", metavar="glibc-2.28|current|PATH",
                       help="the Python 3.11 the bundle is made from: one compiled for glibc 2.28 "
                            "(installer/build_python.py, the default), the one running this script, or the "
                            "interpreter at PATH")
    linux.add_argument("--max-glibc", default=MAX_GLIBC)
    linux.add_argument("--allow-newer-glibc", action="store_true",
                       help="report a failed glibc check but exit 0 (a package for this machine's glibc only)")
    linux.set_defaults(run=build_linux)
    windows = commands.add_parser("windows", help="the .exe build and the NSIS installer (on Windows)")
    windows.add_argument("--dist", type=Path, default=DIST)
    windows.set_defaults(run=build_windows)
    nsis = commands.add_parser("nsis", help="only compile the NSIS installer around a one-folder build")
    nsis.add_argument("--payload", type=Path, default=DIST / "hpdesk")
    nsis.add_argument("--out", type=Path, default=DIST / f"hpdesk-{version()}-setup.exe")
    nsis.set_defaults(run=lambda args: compile_installer(args.payload, args.out) and 0)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
