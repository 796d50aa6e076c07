#!/usr/bin/env bash
# Installs everything hpdesk needs on a Debian machine with Python 3.11, each part only when it is missing:
#   1. the Debian libraries Qt needs (TECH_NOTES §6) with the xcb set for a real window, and for tests the
#      packaging tools (nsis, Xvfb, xdotool, tesseract);
#   2. the virtualenv in .venv with hpdesk and its Python packages (reinstalled when pyproject.toml changes);
#   3. the compiled translations (.qm) from resources/i18n/*.ts.
# Usage: scripts/setup.sh [gui|tests]
set -euo pipefail
cd "$(dirname "$0")/.."
purpose="${1:-gui}"

debian_packages=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 openssl poppler-utils)
# The xcb set: a real window (gui), and for tests the installed .deb, which depends on them.
debian_packages+=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
                  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1)
if [ "$purpose" = "tests" ]; then
  # tests/packaging: makensis compiles the Windows installer script; objdump reads the bundle's glibc needs;
  # libcups2 goes into the bundle for printing; Xvfb + xauth, xdotool and tesseract (Chinese) take and read the
  # screenshot of the installed .deb's window.
  debian_packages+=(nsis binutils libcups2 xvfb xauth xdotool tesseract-ocr tesseract-ocr-chi-sim)
  # installer/build_python.py compiles the bundle's CPython for glibc 2.28 from Debian's checked source packages
  # (zig from PyPI is the compiler; SQLite's sources need tclsh, expat's cmake, OpenSSL's perl).
  debian_packages+=(gpgv debian-archive-keyring make patch perl tcl cmake xz-utils)
  # ...and the smoke test installs that .deb into a Debian 11 root (glibc 2.31) made with debootstrap.
  debian_packages+=(debootstrap)
  # tests/services/test_forms_libreoffice.py: a unit's form saved by LibreOffice Calc (headless, no GUI parts)
  debian_packages+=(libreoffice-calc-nogui)
  # The PostgreSQL back end's tests start a throwaway cluster (tests/pg_cluster.py: initdb + pg_ctl).
  debian_packages+=(postgresql)
fi

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
fi

python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      python_bin="$candidate"; break
    fi
  done
fi
[ -n "$python_bin" ] || { echo "hpdesk needs Python 3.11 or newer (python3.11)." >&2; exit 1; }
# Debian splits venv/ensurepip into python3-venv.
if [ ! -x .venv/bin/python ] && ! "$python_bin" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=("python3-venv")
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "== Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  echo "== Creating the virtualenv (.venv) with $python_bin"
  "$python_bin" -m venv .venv
fi

stamp=.venv/.hpdesk-installed
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "== Installing Python packages"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$wanted" > "$stamp"
fi

if [ -f installer/build_translations.py ]; then
  .venv/bin/python installer/build_translations.py --release-only
fi
