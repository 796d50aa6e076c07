"""installer/build_python.py trusts Debian's sources only through the archive's signature: an InRelease not signed
by Debian's key, an index or a tarball whose SHA-256 differs from the signed one stops the build before anything is
compiled. (The build itself runs in the .deb smoke test.)"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
import build_python  # noqa: E402

sys.path.pop(0)

INDEX = """Package: openssl
Version: 3.0.20-1~deb12u2
Directory: pool/main/o/openssl
Checksums-Sha256:
 {orig} 12 openssl_3.0.20.orig.tar.gz
 {debian} 7 openssl_3.0.20-1~deb12u2.debian.tar.xz
Package-List:
 openssl deb utils optional arch=any

Package: openssl
Version: 3.0.9-1
Directory: pool/main/o/openssl
Checksums-Sha256:
 {orig} 12 openssl_3.0.9.orig.tar.gz

Package: gnome-shell
Version: 43.9-0+deb12u2
Directory: pool/main/g/gnome-shell
Checksums-Sha256:
 {orig} 12 gnome-shell_43.9.orig.tar.xz
"""


def _index(orig: str = "a" * 64, debian: str = "b" * 64) -> str:
    return INDEX.format(orig=orig, debian=debian)


def test_index_gives_each_wanted_package_newest_version_first_with_its_file_hashes() -> None:
    packages = build_python.parse_sources(_index(), ("openssl", "zlib"), archive="debian-security")
    assert list(packages) == ["openssl"]
    assert [package.version for package in packages["openssl"]] == ["3.0.20-1~deb12u2", "3.0.9-1"]
    openssl = packages["openssl"][0]
    assert openssl.archive == "debian-security"
    assert openssl.files == {"openssl_3.0.20.orig.tar.gz": "a" * 64,
                             "openssl_3.0.20-1~deb12u2.debian.tar.xz": "b" * 64}
    assert openssl.file(r"openssl_.*\.orig\.tar\.gz") == "openssl_3.0.20.orig.tar.gz"


def test_tarball_whose_hash_differs_from_the_index_is_refused_and_not_kept(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    mirror = tmp_path / "mirror"
    pool = mirror / "debian" / "pool" / "main" / "o" / "openssl"
    pool.mkdir(parents=True)
    (pool / "openssl_3.0.20.orig.tar.gz").write_bytes(b"not the sources Debian signed")
    monkeypatch.setattr(build_python, "MIRROR", mirror.as_uri())
    package = build_python.parse_sources(_index(orig=hashlib.sha256(b"the real one").hexdigest()),
                                         ("openssl",))["openssl"][0]
    cache = tmp_path / "cache"
    cache.mkdir()
    with pytest.raises(SystemExit, match="does not match the SHA-256 in Debian's index"):
        build_python.fetch(package, r"openssl_.*\.orig\.tar\.gz", cache)
    assert list(cache.iterdir()) == []


def test_tarball_matching_the_index_is_fetched_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mirror = tmp_path / "mirror"
    pool = mirror / "debian" / "pool" / "main" / "o" / "openssl"
    pool.mkdir(parents=True)
    content = b"the sources Debian signed"
    (pool / "openssl_3.0.20.orig.tar.gz").write_bytes(content)
    monkeypatch.setattr(build_python, "MIRROR", mirror.as_uri())
    package = build_python.parse_sources(_index(orig=hashlib.sha256(content).hexdigest()), ("openssl",))["openssl"][0]
    cache = tmp_path / "cache"
    cache.mkdir()
    fetched = build_python.fetch(package, r"openssl_.*\.orig\.tar\.gz", cache)
    assert fetched.read_bytes() == content
    (pool / "openssl_3.0.20.orig.tar.gz").unlink()  # a second build takes the checked copy
    assert build_python.fetch(package, r"openssl_.*\.orig\.tar\.gz", cache) == fetched


def test_version_the_mirror_does_not_serve_yet_gives_way_to_the_next_one_down(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A security update listed in the index before its files reach the mirror: the older version is built."""
    mirror = tmp_path / "mirror"
    pool = mirror / "debian" / "pool" / "main" / "o" / "openssl"
    pool.mkdir(parents=True)
    old_orig, old_debian = b"openssl 3.0.9 sources", b"openssl 3.0.9 debian"
    (pool / "openssl_3.0.9.orig.tar.gz").write_bytes(old_orig)
    (pool / "openssl_3.0.9-1.debian.tar.xz").write_bytes(old_debian)
    newest = "Package: openssl\nVersion: 3.0.20-1~deb12u2\nDirectory: pool/updates/main/o/openssl\nChecksums-Sha256:\n" \
             f" {'c' * 64} 1 openssl_3.0.20.orig.tar.gz\n {'d' * 64} 1 openssl_3.0.20-1~deb12u2.debian.tar.xz\n"
    older = "Package: openssl\nVersion: 3.0.9-1\nDirectory: pool/main/o/openssl\nChecksums-Sha256:\n" \
            f" {hashlib.sha256(old_orig).hexdigest()} 1 openssl_3.0.9.orig.tar.gz\n" \
            f" {hashlib.sha256(old_debian).hexdigest()} 1 openssl_3.0.9-1.debian.tar.xz\n"
    monkeypatch.setattr(build_python, "MIRROR", mirror.as_uri())
    monkeypatch.setattr(build_python, "PACKAGES", ("openssl",))
    versions = build_python.parse_sources(newest + "\n" + older, ("openssl",), archive="debian-security")
    cache = tmp_path / "cache"
    cache.mkdir()
    chosen = build_python.available_sources(versions, cache)
    assert chosen["openssl"].version == "3.0.9-1"


def test_signed_release_of_another_suite_or_past_its_valid_until_is_refused() -> None:
    from datetime import datetime, timezone

    now = datetime(2026, 12, 7, tzinfo=timezone.utc)
    current = "Origin: Debian\nCodename: bookworm-security\nValid-Until: Sat, 12 Dec 2026 03:33:28 UTC\nSHA256:\n"
    assert build_python.release_problem(current, "bookworm-security", now) is None
    assert build_python.release_problem("Codename: bookworm\nSHA256:\n", "bookworm", now) is None  # stable: no date
    assert "trixie" in build_python.release_problem(current.replace("bookworm-security", "trixie"),
                                                    "bookworm-security", now)
    replayed = current.replace("12 Dec 2026", "12 Dec 2025")
    assert "expired" in build_python.release_problem(replayed, "bookworm-security", now)


def test_release_file_not_signed_by_debians_archive_key_stops_the_build(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    mirror = tmp_path / "mirror"
    for archive, suite in build_python.ARCHIVES:
        dists = mirror / archive / "dists" / suite
        dists.mkdir(parents=True)
        (dists / "InRelease").write_text(f"Suite: {suite}\nSHA256:\n {'0' * 64} 1 main/source/Sources.xz\n",
                                         encoding="utf-8")
    monkeypatch.setattr(build_python, "MIRROR", mirror.as_uri())
    assert build_python.KEYRING.is_file()  # else gpgv refuses every file and this test could not fail
    with pytest.raises(SystemExit, match="not signed by Debian's archive key"):
        build_python.source_index(tmp_path / "cache")
