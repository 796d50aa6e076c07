"""The highest glibc symbol version each ELF file of a bundle needs (`objdump -T`), and a check against a limit.

Office machines run UOS V20 / Kylin V10 with glibc 2.28–2.31; a binary that references GLIBC_2.34 symbols fails to
load there ("version `GLIBC_2.34' not found"). Usage: python installer/glibc_check.py DIR [--max 2.28]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

GLIBC_VERSION = re.compile(rb"\(?GLIBC_(\d+(?:\.\d+)+)\)?")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def needed_glibc(binary: Path) -> tuple[int, ...] | None:
    """The highest GLIBC_x.y among the symbols `binary` imports (undefined ones); None when it imports none."""
    dump = subprocess.run(["objdump", "-T", str(binary)], capture_output=True, check=True).stdout
    versions = [_version(match.group(1).decode()) for line in dump.splitlines() if b"*UND*" in line
                for match in [GLIBC_VERSION.search(line)] if match]
    return max(versions) if versions else None


def elf_files(folder: Path) -> list[Path]:
    """Every ELF executable and shared library under `folder`: what the dynamic loader loads. Symlinks are skipped
    (their targets are in the folder too), and so are relocatable objects (a Python's config/python.o), which
    nothing loads and objdump -T cannot read."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                header = handle.read(18)
            # e_type, little-endian (x86-64): 2 = executable, 3 = shared object (or position-independent executable)
            if header[:4] == b"\x7fELF" and len(header) == 18 and int.from_bytes(header[16:18], "little") in (2, 3):
                found.append(path)
    return found


def too_new(folder: Path, limit: tuple[int, ...]) -> list[tuple[Path, tuple[int, ...]]]:
    """The ELF files under `folder` that need a glibc newer than `limit`, with the version each needs."""
    offenders = []
    for binary in elf_files(folder):
        version = needed_glibc(binary)
        if version is not None and version > limit:
            offenders.append((binary, version))
    return offenders


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max", default="2.28", help="the oldest glibc the bundle must run on (default 2.28)")
    args = parser.parse_args()
    limit = _version(args.max)
    offenders = too_new(args.folder, limit)
    for binary, version in offenders:
        print(f"GLIBC_{'.'.join(map(str, version))}  {binary.relative_to(args.folder)}")
    total = len(elf_files(args.folder))
    if offenders:
        highest = ".".join(map(str, max(version for _binary, version in offenders)))
        print(f"glibc check FAILED: {len(offenders)} of {total} ELF files need more than glibc {args.max} "
              f"(up to {highest})", file=sys.stderr)
        return 1
    print(f"glibc check passed: all {total} ELF files run on glibc {args.max}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
