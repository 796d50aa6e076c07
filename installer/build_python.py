"""A CPython 3.11 for the Linux bundle that needs no glibc newer than 2.28 (UOS V20, Kylin V10).

    python installer/build_python.py [--out build/python-glibc2.28]    # prints the interpreter's path

Anything compiled on Debian 12 links against its glibc 2.36, and no CPython built for an older glibc can be
installed from the registries this project reaches (installer/README.md). This script compiles one:

- with zig's C compiler (PyPI `ziglang`, pinned), which links against glibc 2.28's symbol versions whatever glibc
  the build machine has;
- from Debian 12's source packages: CPython 3.11.2 with Debian's security and crash fixes (its patch series from
  `shutdown-deadlock.diff` on; not Debian's layout patches), and OpenSSL, libffi, zlib, xz, bzip2, SQLite and expat
  (expat with Debian's CVE fixes) linked in statically, so the interpreter and its modules need only glibc;
- every source checked: Debian's InRelease file against the archive key (`gpgv`), the Sources index against the
  hash InRelease lists, each tarball against the hash the index lists.

The result is cached in --out and rebuilt only when this script or a source changes (Debian publishes a security
update: the index's hashes change). It takes about 15 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import lzma
import os
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DEFAULT_OUT = BUILD / "python-glibc2.28"
MIRROR = os.environ.get("HPDESK_DEBIAN_MIRROR", "https://deb.debian.org")
# Debian 12 and its security updates (newer versions of the same packages, published between point releases).
ARCHIVES = (("debian", "bookworm"), ("debian-security", "bookworm-security"))
KEYRING = Path("/usr/share/keyrings/debian-archive-keyring.gpg")
ZIG = "ziglang==0.17.1"
TARGET = "x86_64-linux-gnu.2.28"
# The source packages, by name in Debian's index.
PACKAGES = ("python3.11", "openssl", "libffi", "zlib", "xz-utils", "bzip2", "sqlite3", "expat")
# Each package's upstream tarball in its source package (the Debian part is <name>_<version>.debian.tar.*).
ORIG_TARBALLS = {
    "python3.11": r"python3\.11_.*\.orig\.tar\.\w+", "openssl": r"openssl_.*\.orig\.tar\.gz",
    "libffi": r"libffi_.*\.orig\.tar\.\w+", "zlib": r"zlib_.*\.orig\.tar\.\w+",
    "xz-utils": r"xz-utils_.*\.orig\.tar\.xz", "bzip2": r"bzip2_.*\.orig\.tar\.\w+",
    "sqlite3": r"sqlite3_[^-]*\.orig\.tar\.xz", "expat": r"expat_.*\.orig\.tar\.\w+",
}
# Debian's python3.11 patches from this one on are upstream security and crash fixes; the ones before it change
# Debian's own install layout (dist-packages, multiarch, a disabled ensurepip), which a bundle must not have.
FIRST_PYTHON_FIX = "shutdown-deadlock.diff"


@dataclass(frozen=True)
class SourcePackage:
    """One source package of Debian's index: its version, its pool folder and its files' SHA-256 by name."""

    name: str
    version: str
    directory: str
    files: dict[str, str]
    archive: str = "debian"

    def file(self, pattern: str) -> str:
        """The one file whose name matches `pattern` (a regular expression)."""
        [match] = [name for name in self.files if re.fullmatch(pattern, name)]
        return match


class NotServed(Exception):
    """The mirror has no such file (HTTP 404, or no such file in a local mirror)."""


def _download(url: str, target: Path) -> Path:
    try:
        response = urllib.request.urlopen(url, timeout=120)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise NotServed(url) from error
        raise
    except urllib.error.URLError as error:
        if isinstance(error.reason, FileNotFoundError):
            raise NotServed(url) from error
        raise
    with response, open(target.with_suffix(".part"), "wb") as sink:
        shutil.copyfileobj(response, sink)
    os.replace(target.with_suffix(".part"), target)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _newer(version: str, than: str) -> bool:
    return subprocess.run(["dpkg", "--compare-versions", version, "gt", than]).returncode == 0


def source_index(cache: Path) -> dict[str, list[SourcePackage]]:
    """Every version of each of PACKAGES in Debian 12 and its security archive, newest first, trusted through each
    archive's InRelease signature."""
    versions: dict[str, list[SourcePackage]] = {}
    for archive, suite in ARCHIVES:
        for name, packages in _archive_index(archive, suite, cache / archive).items():
            versions.setdefault(name, []).extend(packages)
    missing = set(PACKAGES) - set(versions)
    if missing:
        raise SystemExit(f"not in Debian's indexes: {', '.join(sorted(missing))}")
    return {name: _newest_first(packages) for name, packages in versions.items()}


def _newest_first(packages: list[SourcePackage]) -> list[SourcePackage]:
    ordered: list[SourcePackage] = []
    for package in packages:  # an insertion sort by dpkg's version order: a handful of versions at most
        at = next((index for index, other in enumerate(ordered) if _newer(package.version, other.version)),
                  len(ordered))
        ordered.insert(at, package)
    return ordered


def available_sources(versions: dict[str, list[SourcePackage]], cache: Path) -> dict[str, SourcePackage]:
    """For each package its newest version whose tarballs the mirror serves (fetched and checked into `cache`).
    A mirror may list a security update before it serves its files; the next version down is then taken."""
    chosen = {}
    for name in PACKAGES:
        for package in versions[name]:
            try:
                fetch(package, ORIG_TARBALLS[name], cache)
                fetch(package, rf"{re.escape(name)}_.*\.debian\.tar\.\w+", cache)
            except NotServed as missing:
                print(f"{name} {package.version}: not served yet ({missing}); trying the version before it",
                      file=sys.stderr)
                continue
            chosen[name] = package
            break
        else:
            raise SystemExit(f"no version of {name} can be downloaded from {MIRROR}")
    return chosen


def _archive_index(archive: str, suite: str, cache: Path) -> dict[str, SourcePackage]:
    cache.mkdir(parents=True, exist_ok=True)
    base = f"{MIRROR}/{archive}/dists/{suite}"
    release = _download(f"{base}/InRelease", cache / "InRelease")
    verified = cache / "InRelease.verified"
    verified.unlink(missing_ok=True)
    # Only the text gpgv writes out is covered by the signature (a clearsigned file may carry text around it).
    checked = subprocess.run(["gpgv", "--keyring", str(KEYRING), "--output", str(verified), str(release)],
                             capture_output=True, text=True)
    if checked.returncode != 0:
        raise SystemExit(f"InRelease of {suite} is not signed by Debian's archive key:\n{checked.stderr}")
    signed_text = verified.read_text(encoding="utf-8")
    problem = release_problem(signed_text, suite, datetime.now(timezone.utc))
    if problem:
        raise SystemExit(f"InRelease of {suite}: {problem}")
    sha256_section = signed_text.split("SHA256:", 1)[1]
    [listed] = re.findall(r"^ ([0-9a-f]{64})\s+\d+\s+main/source/Sources\.xz$", sha256_section, re.MULTILINE)
    index = _download(f"{base}/main/source/Sources.xz", cache / "Sources.xz")
    if _sha256(index) != listed:
        raise SystemExit(f"{suite}/main/source/Sources.xz does not match the hash in its signed InRelease")
    return parse_sources(lzma.decompress(index.read_bytes()).decode("utf-8"), PACKAGES, archive)


def release_problem(signed_text: str, suite: str, now: datetime) -> str | None:
    """Why a validly signed Release text must still not be used, or None: it is another suite's (a signed file can
    be served in place of another) or past its Valid-Until (an old signed index replayed to hold back updates)."""
    codename = re.search(r"^Codename: (\S+)$", signed_text, re.MULTILINE)
    if not codename or codename.group(1) != suite:
        return f"it is the release file of {codename.group(1) if codename else 'an unnamed suite'}, not of {suite}"
    valid_until = re.search(r"^Valid-Until: (.+)$", signed_text, re.MULTILINE)
    if valid_until and email.utils.parsedate_to_datetime(valid_until.group(1).strip()) < now:
        return f"it expired on {valid_until.group(1).strip()} (an old copy)"
    return None


def parse_sources(text: str, wanted: tuple[str, ...], archive: str = "debian") -> dict[str, list[SourcePackage]]:
    """The `wanted` packages of a Debian Sources index (its text): every version listed, newest first, with each
    file's SHA-256."""
    packages: dict[str, list[SourcePackage]] = {}
    for paragraph in text.split("\n\n"):
        name = re.search(r"^Package: (\S+)$", paragraph, re.MULTILINE)
        version = re.search(r"^Version: (\S+)$", paragraph, re.MULTILINE)
        directory = re.search(r"^Directory: (\S+)$", paragraph, re.MULTILINE)
        if not (name and version and directory) or name.group(1) not in wanted or "Checksums-Sha256:" not in paragraph:
            continue
        files = {}
        for line in paragraph.split("Checksums-Sha256:", 1)[1].split("\n")[1:]:
            if not line.startswith(" "):
                break
            digest, _size, file_name = line.split()
            files[file_name] = digest
        packages.setdefault(name.group(1), []).append(
            SourcePackage(name.group(1), version.group(1), directory.group(1), files, archive))
    return {name: _newest_first(found) for name, found in packages.items()}


def fetch(package: SourcePackage, pattern: str, cache: Path) -> Path:
    """The file of `package` matching `pattern`, downloaded once and checked against the index's SHA-256."""
    name = package.file(pattern)
    target = cache / name
    if target.exists() and _sha256(target) == package.files[name]:
        return target
    # A security update whose upstream tarball did not change leaves it in the main archive's pool.
    pools = [package.archive] + [archive for archive, _suite in ARCHIVES if archive != package.archive]
    directory = package.directory.replace("pool/updates/", "pool/")
    for archive in pools:
        folder = package.directory if archive == package.archive else directory
        try:
            _download(f"{MIRROR}/{archive}/{folder}/{name}", target)
            break
        except NotServed:
            if archive == pools[-1]:
                raise
    if _sha256(target) != package.files[name]:
        target.unlink()
        raise SystemExit(f"{name} does not match the SHA-256 in Debian's index")
    return target


def _unpack(archive: Path, into: Path) -> Path:
    """Unpack `archive` into a fresh `into` and return its one top folder."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    [top] = [path for path in into.iterdir() if path.is_dir()]
    return top


def zig_toolchain(work: Path) -> dict[str, str]:
    """CC, AR and RANLIB wrappers around zig (installed from PyPI into its own virtualenv) for TARGET."""
    venv = work / "zig-venv"
    zig = next(iter(venv.glob("lib/python*/site-packages/ziglang/zig")), None)
    if zig is None:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", ZIG], check=True)
        zig = next(iter(venv.glob("lib/python*/site-packages/ziglang/zig")))
    tools = work / "bin"
    tools.mkdir(parents=True, exist_ok=True)
    wrappers = {"CC": ("zcc", f'cc -target {TARGET}'), "AR": ("zar", "ar"), "RANLIB": ("zranlib", "ranlib")}
    env = {}
    for variable, (name, command) in wrappers.items():
        wrapper = tools / name
        wrapper.write_text(f'#!/bin/sh\nexec "{zig}" {command} "$@"\n', encoding="utf-8")
        wrapper.chmod(0o755)
        env[variable] = str(wrapper)
    return env


def _run(command: str, cwd: Path, env: dict[str, str], log: Path) -> None:
    """Run one shell step of the build; its output goes to `log`, and a failure shows the log's end."""
    with open(log, "a", encoding="utf-8") as sink:
        sink.write(f"\n$ {command}\n")
        sink.flush()
        completed = subprocess.run(["bash", "-euo", "pipefail", "-c", command], cwd=cwd, env=env, stdout=sink,
                                   stderr=subprocess.STDOUT)
    if completed.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
        raise SystemExit(f"build step failed in {cwd}: {command}\n--- {log} ---\n{tail}")


def build(out: Path, work: Path, sources: dict[str, SourcePackage], cache: Path) -> Path:
    """Compile the static dependencies into work/deps, then CPython into `out`; return its interpreter."""
    env = {**os.environ, **zig_toolchain(work), "CFLAGS": "-O2 -fPIC"}
    deps = work / "deps"
    shutil.rmtree(deps, ignore_errors=True)
    log = work / "build.log"
    log.write_text("", encoding="utf-8")
    jobs = f"-j{os.cpu_count() or 2}"
    src = work / "src"

    def unpack(package: str) -> Path:
        """The package's upstream sources with Debian's patches applied (its security fixes among them)."""
        top = _unpack(fetch(sources[package], ORIG_TARBALLS[package], cache), src / package)
        debian_tar = fetch(sources[package], rf"{re.escape(package)}_.*\.debian\.tar\.\w+", cache)
        _apply_debian_patches(debian_tar, top, FIRST_PYTHON_FIX if package == "python3.11" else None, env, log)
        return top

    static = f"--prefix={deps} --libdir={deps}/lib --disable-shared --enable-static --with-pic"
    _run(f"./configure --static --prefix={deps} && make {jobs} libz.a && make install",
         unpack("zlib"), env, log)
    _run(f"make {jobs} libbz2.a CC=$CC AR=$AR RANLIB=$RANLIB CFLAGS=\"$CFLAGS -D_FILE_OFFSET_BITS=64\" && "
         f"mkdir -p {deps}/lib {deps}/include && cp libbz2.a {deps}/lib/ && cp bzlib.h {deps}/include/",
         unpack("bzip2"), env, log)
    _run(f"./configure {static} --disable-xz --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-scripts "
         f"--disable-doc --disable-nls && make {jobs} && make install",
         unpack("xz-utils"), env, log)
    # clang (zig) refuses libffi 3.4.4's static trampolines (an undeclared function); Python does not need them.
    _run(f"./configure {static} --disable-docs --disable-multi-os-directory --disable-exec-static-tramp && "
         f"make {jobs} && make install", unpack("libffi"), env, log)
    # Debian 12's own SQLite options (debian/rules), which the test suite runs against through the system library.
    sqlite_flags = ("-DSQLITE_SECURE_DELETE -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS3 "
                    "-DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_ENABLE_FTS4 -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE=1 "
                    "-DSQLITE_SOUNDEX=1 -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_ENABLE_DBSTAT_VTAB "
                    "-DSQLITE_ENABLE_UPDATE_DELETE_LIMIT=1 -DSQLITE_ENABLE_JSON1 -DSQLITE_LIKE_DOESNT_MATCH_BLOBS "
                    "-DSQLITE_THREADSAFE=1 -DSQLITE_USE_URI=1 -DSQLITE_MAX_SCHEMA_RETRY=25 "
                    "-DSQLITE_ENABLE_PREUPDATE_HOOK -DSQLITE_ENABLE_SESSION -DSQLITE_ENABLE_STMTVTAB "
                    "-DSQLITE_MAX_VARIABLE_NUMBER=250000 -DSQLITE_ENABLE_MATH_FUNCTIONS")
    _run(f"./configure {static} --disable-tcl --disable-readline CFLAGS=\"$CFLAGS {sqlite_flags}\" && "
         f"make {jobs} libsqlite3.la && make lib_install && mkdir -p {deps}/include && "
         f"cp sqlite3.h src/sqlite3ext.h {deps}/include/", unpack("sqlite3"), env, log)
    expat = unpack("expat")
    # expat 2.5.0 under CMake defines XML_DTD empty; Debian's backported CVE fixes test it against 1 (autotools).
    _run("sed -i 's/# *if XML_DTD == 1/#if defined(XML_DTD)/' expat/lib/xmlparse.c && "
         "cmake -S expat -B build -DCMAKE_BUILD_TYPE=Release -DEXPAT_SHARED_LIBS=OFF "
         "-DCMAKE_POSITION_INDEPENDENT_CODE=ON -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF "
         "-DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF -DEXPAT_BUILD_PKGCONFIG=ON "
         f"-DCMAKE_INSTALL_PREFIX={deps} -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_AR=$AR -DCMAKE_RANLIB=$RANLIB && "
         f"cmake --build build {jobs} && cmake --install build", expat, env, log)
    # /etc/ssl: where Debian, UOS and Kylin keep their certificates (hpdesk itself makes no TLS connection).
    _run(f"./Configure linux-x86_64 no-shared no-tests no-module --prefix={deps} --libdir=lib "
         f"--openssldir=/etc/ssl -fPIC && make {jobs} build_libs && make install_dev",
         unpack("openssl"), env, log)
    python_src = unpack("python3.11")
    shutil.rmtree(out, ignore_errors=True)
    # zig makes __DATE__/__TIME__ an error (not reproducible); CPython's build info uses them, from
    # SOURCE_DATE_EPOCH (the sources' own date) so that two builds of the same sources are the same.
    python_extra = "-Wno-date-time"
    epoch = str(int(python_src.joinpath("configure").stat().st_mtime))
    libs = {"LIBFFI": "-lffi", "LIBSQLITE3": "-lsqlite3 -lm", "LIBLZMA": "-llzma", "BZIP2": "-lbz2", "ZLIB": "-lz"}
    library_flags = " ".join(f"{name}_CFLAGS='-I{deps}/include' {name}_LIBS='-L{deps}/lib {flag}'"
                             for name, flag in libs.items())
    # CPython's setup.py adds the build machine's multiarch header folder (/usr/include/x86_64-linux-gnu, glibc
    # 2.36's) to every extension module's compile; zig brings glibc 2.28's headers itself.
    _run("sed -i 's/^    def add_multiarch_paths(self):$/&\\n        return  # zig: glibc 2.28 headers only/' setup.py",
         python_src, env, log)
    # Debian's fix for CVE-2026-4224 makes pyexpat.c include an internal header, fine in Debian's build (pyexpat
    # built in) but refused in a shared module unless it says it is a core module, as CPython 3.12's pyexpat.c does.
    _run("grep -q pycore_ceval.h Modules/pyexpat.c && sed -i '1i #ifndef Py_BUILD_CORE_BUILTIN\\n"
         "#  define Py_BUILD_CORE_MODULE 1\\n#endif' Modules/pyexpat.c || true", python_src, env, log)
    # zig's linker takes -soname, not the short -h CPython's makefile passes for libpython's name; and zig links
    # nothing without an input of its own, which the stable-ABI stub libpython3.so (only a DT_NEEDED) lacks.
    _run("echo '/* an input of its own for zig to link libpython3.so */' > Modules/stable_abi_shim.c && "
         "sed -i 's/-Wl,-h\\$(INSTSONAME)/-Wl,-soname,$(INSTSONAME)/; "
         "s/-o \\$@ -Wl,-h\\$@ \\$^/-o $@ -Wl,-soname,$@ $^ Modules\\/stable_abi_shim.c/' Makefile.pre.in",
         python_src, env, log)
    _run(f"./configure --prefix={out} --enable-shared --with-openssl={deps} --with-openssl-rpath=no "
         f"--without-ensurepip --disable-test-modules --with-system-expat CPPFLAGS='-I{deps}/include' "
         f"LDFLAGS='-L{deps}/lib -Wl,-rpath,\\$$ORIGIN/../lib' LIBS='-ldl -lpthread' {library_flags} && "
         f"make {jobs} EXTRA_CFLAGS='{python_extra}' && make install EXTRA_CFLAGS='{python_extra}'",
         python_src, {**env, "SOURCE_DATE_EPOCH": epoch}, log)
    interpreter = out / "bin" / "python3.11"
    # The modules hpdesk and pip need must all have been built (a missing dependency only warns in CPython's make),
    # and the interpreter must load its own libpython (through its $ORIGIN run path), not a system one.
    _run(f"{interpreter} -c 'import ssl, hashlib, sqlite3, ctypes, lzma, bz2, zlib, pyexpat, _decimal, uuid; "
         "import xml.etree.ElementTree; hashlib.scrypt(b\"x\", salt=b\"y\", n=2, r=1, p=1); "
         "maps = [line.split()[-1] for line in open(\"/proc/self/maps\") if \"libpython\" in line]; "
         f"assert maps and all(path.startswith(\"{out}/\") for path in maps), maps'", out, dict(os.environ), log)
    return interpreter


def _apply_debian_patches(debian_tar: Path, source: Path, first: str | None, env: dict[str, str], log: Path) -> None:
    """Apply debian/patches/series to `source` in order, from `first` on (all when None); none when the package
    has no patch series."""
    unpacked = _unpack(debian_tar, source.parent / f"{source.name}-debian")
    patches = unpacked / "patches" if unpacked.name == "debian" else unpacked / "debian" / "patches"
    if not (patches / "series").exists():
        return
    series = [line.strip() for line in (patches / "series").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    if first is not None:
        if first not in series:
            raise SystemExit(f"{debian_tar.name}: its patch series no longer has {first}; see FIRST_PYTHON_FIX in "
                             "installer/build_python.py for which of Debian's patches to apply")
        series = series[series.index(first):]
    for patch in series:
        _run(f"patch -p1 --forward --quiet < {patches / patch}", source, env, log)


def ensure_python(out: Path = DEFAULT_OUT) -> Path:
    """The glibc 2.28 interpreter in `out`, built first unless this script and Debian's sources are unchanged."""
    work = BUILD / "python-glibc2.28-work"
    cache = BUILD / "debian-sources"
    sources = available_sources(source_index(cache), cache)
    stamp_text = hashlib.sha256(Path(__file__).read_bytes() + "".join(
        f"{name}={package.version}:{sorted(package.files.items())}" for name, package in sorted(sources.items())
    ).encode()).hexdigest()
    stamp = out / ".build-stamp"
    interpreter = out / "bin" / "python3.11"
    if interpreter.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == stamp_text:
        return interpreter
    work.mkdir(parents=True, exist_ok=True)
    print("building CPython for glibc 2.28 from Debian's sources: "
          + ", ".join(f"{name} {sources[name].version}" for name in PACKAGES), file=sys.stderr)
    interpreter = build(out, work, sources, cache)
    # Which Debian versions went in: a security update the mirror did not serve yet is built one version down.
    (out / "debian-sources.txt").write_text("".join(f"{name} {sources[name].version} ({sources[name].archive})\n"
                                                    for name in PACKAGES), encoding="utf-8")
    stamp.write_text(stamp_text, encoding="utf-8")
    shutil.rmtree(work / "src", ignore_errors=True)
    return interpreter


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    print(ensure_python(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
