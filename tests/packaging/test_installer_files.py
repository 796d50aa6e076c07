"""What can be checked here of the installers: the NSIS script compiles (makensis) around a stand-in payload, the
Windows version resource carries the version, the PyInstaller spec names no Linux-only path on Windows, the glibc
check reads symbol versions, and the bundle's pinned requirements cover every dependency of the project."""

from __future__ import annotations

import os
import re
import shutil
import sys
import tomllib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
import build  # noqa: E402
import glibc_check  # noqa: E402

sys.path.pop(0)
VERSION = build.version()


def test_nsis_script_compiles_into_a_windows_installer_around_a_stand_in_payload(tmp_path: Path,
                                                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert shutil.which("makensis"), "scripts/setup.sh tests installs nsis"
    monkeypatch.setattr(build, "BUILD", tmp_path / "build")
    payload = tmp_path / "hpdesk"
    (payload / "_internal").mkdir(parents=True)
    (payload / "hpdesk.exe").write_bytes(b"MZ stand-in for the PyInstaller build")
    (payload / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    setup = build.compile_installer(payload, tmp_path / "dist" / f"hpdesk-{VERSION}-setup.exe")
    data = setup.read_bytes()
    assert data[:2] == b"MZ" and b"Nullsoft" in data
    # The installer's own version resource (VIProductVersion / VIAddVersionKey), UTF-16 like every PE resource.
    assert VERSION.encode("utf-16-le") in data


def test_windows_icon_is_rendered_from_the_svg_logo(tmp_path: Path) -> None:
    icon = build.make_icon(Path(sys.executable), tmp_path)
    assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00"  # ICONDIR: reserved 0, type 1 (icon)
    assert icon.stat().st_size > 1000


def test_filled_templates_carry_the_version_and_keep_percent_signs(tmp_path: Path) -> None:
    version_info, nsi = build.fill_templates(tmp_path)
    script = nsi.read_text(encoding="utf-8-sig")
    assert "%LOCALAPPDATA%" in script and "@" not in script.replace("@im", "")
    assert f'"DisplayVersion" "{VERSION}"' in script

    recorded: dict[str, object] = {}

    def record(name: str):  # type: ignore[no-untyped-def]
        return lambda *args, **kwargs: recorded.setdefault(name, []).append((args, kwargs)) or (name, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo",
             "VarStruct"]
    eval(version_info.read_text(encoding="utf-8"), {name: record(name) for name in names})  # noqa: S307
    numbers = tuple(int(part) for part in VERSION.split(".")) + (0,)
    assert recorded["FixedFileInfo"][0][1]["filevers"] == numbers[:4]
    strings = dict(args for args, _kwargs in recorded["StringStruct"])
    assert strings["FileVersion"] == VERSION and strings["ProductVersion"] == VERSION


def test_spec_on_windows_uses_only_paths_inside_the_checkout(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    captured: dict[str, dict] = {}

    def stub(name: str):  # type: ignore[no-untyped-def]
        def make(*args, **kwargs):  # type: ignore[no-untyped-def]
            captured[name] = {"args": args, **kwargs}
            return types.SimpleNamespace(binaries=[], datas=[], pure=[], scripts=[])
        return make

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: [f"{package}.cli.workspace_commands"]  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", "win32")
    spec = ROOT / "installer" / "hpdesk.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"),  # noqa: S102
         {"SPECPATH": str(spec.parent), **{name: stub(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}})
    analysis = captured["Analysis"]
    sources = [Path(source) for source, _target in analysis["datas"]] + [Path(analysis["args"][0][0])]
    assert all(source.is_relative_to(ROOT) and source.exists() for source in sources), sources
    assert "hpdesk.cli.workspace_commands" in analysis["hiddenimports"]
    assert captured["COLLECT"]["strip"] is False
    assert not any(re.search(r"^/(usr|lib|opt)/", str(value)) for value in captured["EXE"].values())


def test_spec_on_linux_bundles_no_system_library_but_the_interpreters_own(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The build machine's libraries need its glibc and are the .deb's dependencies instead; a system Python's
    libpython and standard-library modules (Debian's python3.11 keeps them under /usr/lib) are the app itself."""
    import sysconfig

    collected: dict[str, tuple] = {}
    binaries = [
        ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"),
        ("libglib-2.0.so.0", "/lib/x86_64-linux-gnu/libglib-2.0.so.0", "BINARY"),
        ("libpython3.11.so.1.0", "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0", "BINARY"),
        ("lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
         "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/build/venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6",
         "BINARY"),
    ]

    def stub(name: str):  # type: ignore[no-untyped-def]
        def make(*args, **kwargs):  # type: ignore[no-untyped-def]
            collected[name] = args
            return types.SimpleNamespace(binaries=list(binaries), datas=[], pure=[], scripts=[])
        return make

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda package: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("HPDESK_BUNDLE_UNTRIMMED", raising=False)
    monkeypatch.setattr(sysconfig, "get_paths", lambda: {"stdlib": "/usr/lib/python3.11",
                                                         "platstdlib": "/usr/lib/python3.11"})
    spec = ROOT / "installer" / "hpdesk.spec"
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"),  # noqa: S102
         {"SPECPATH": str(spec.parent), **{name: stub(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT")}})
    kept = [source for _name, source, _kind in collected["COLLECT"][1]]
    assert kept == ["/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0",
                    "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
                    "/build/venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6"]


def test_glibc_check_reads_the_versions_an_elf_file_needs(tmp_path: Path) -> None:
    machine = tuple(int(part) for part in os.confstr("CS_GNU_LIBC_VERSION").split()[1].split("."))
    binary = tmp_path / "python"
    shutil.copyfile(os.path.realpath(sys.executable), binary)
    (tmp_path / "notes.txt").write_text("not an ELF file")
    # a relocatable object (e_type 1, as a Python's config/python.o): nothing loads it, objdump -T cannot read it
    (tmp_path / "python.o").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(9) + (1).to_bytes(2, "little") + bytes(46))
    needed = glibc_check.needed_glibc(binary)
    assert needed is not None and (2, 2) <= needed <= machine
    assert glibc_check.elf_files(tmp_path) == [binary]
    assert glibc_check.too_new(tmp_path, (2, 0)) == [(binary, needed)]
    assert glibc_check.too_new(tmp_path, machine) == []


def test_bundle_requirements_pin_every_project_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    pinned = {}
    for line in (ROOT / "installer" / "requirements-bundle.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pinned[re.sub(r"\[.*\]", "", name).lower().replace("_", "-")] = version
    for requirement in project:
        name = re.split(r"[\[<>=!~ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
        assert name in pinned, f"{name} is missing from installer/requirements-bundle.txt"
    assert pinned["pyside6-essentials"].startswith("6.9.")
