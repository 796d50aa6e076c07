"""The .deb for 统信 UOS, 银河麒麟 Kylin and plain Debian, made from the PyInstaller one-folder bundle.

Layout (UOS application rules): /opt/apps/<appid>/info (JSON), entries/applications/<appid>.desktop,
entries/icons/hicolor/scalable/apps/<appid>.svg and files/ (the bundle). Debian and Kylin do not read
/opt/apps, so the package also has /usr/bin/hpdesk (a symlink into files/), /usr/share/applications and the icon in
/usr/share/icons. No maintainer scripts: installing changes nothing but these files. xz compression, because the
dpkg of older releases cannot read zstd. Reproducible: every mtime is SOURCE_DATE_EPOCH and dpkg-deb sorts entries.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

APP_ID = "org.hpdesk.workbench"
APP_NAME = "健康城市行动工作台"
SUMMARY = "Healthy City workbench for county health offices (offline)"


def _desktop_entry(executable: str) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Name=hpdesk 健康城市行动工作台",
        "Name[zh_CN]=健康城市行动工作台",
        "GenericName=Healthy City workbench",
        "GenericName[zh_CN]=健康城市行动县区工作台",
        "Comment=Tasks, evidence, indicators and signed submissions for the Healthy City plan",
        "Comment[zh_CN]=健康城市行动任务分派、佐证材料、指标和签名报送",
        f"Exec={executable} gui",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;",
        "StartupWMClass=hpdesk",
        "",
    ])


def _info(version: str) -> str:
    """UOS `info`: a four-part version, the architectures, and no permission the app does not need."""
    four_parts = ".".join((version.split(".") + ["0", "0", "0", "0"])[:4])
    return json.dumps({
        "appid": APP_ID,
        "name": APP_NAME,
        "version": four_parts,
        "arch": ["amd64"],
        "permissions": {"autostart": False, "notification": False, "trayicon": False, "clipboard": True,
                        "account": False, "bluetooth": False, "camera": False, "audio_record": False,
                        "installed_apps": False},
    }, ensure_ascii=False, indent=2) + "\n"


def _control(version: str, depends: list[str], installed_kib: int) -> str:
    lines = [
        f"Package: {APP_ID}",
        f"Version: {version}",
        "Architecture: amd64",
        "Maintainer: hpdesk <hpdesk@localhost>",
        f"Installed-Size: {installed_kib}",
        "Section: misc",
        "Priority: optional",
        "Provides: hpdesk",
    ]
    if depends:
        lines.append("Depends: " + ", ".join(depends))
    lines += [f"Description: {SUMMARY}",
              " hpdesk 健康城市行动县区工作台: imports the city's task and indicator tables, collects the units'",
              " reports and evidence, judges the indicators and exports a signed packet. Runs offline.", ""]
    return "\n".join(lines)


def _owning_package(library: str) -> str | None:
    """The Debian package that installed `library`. dpkg knows each file by the path its package ships, which on a
    merged-/usr system may be /lib/… for a file ldd reports as /usr/lib/… or the other way round, or a symlink's."""
    real = os.path.realpath(library)
    candidates = [library, real]
    for path in (library, real):
        if path.startswith("/usr/lib/"):
            candidates.append(path[len("/usr"):])
        elif path.startswith("/lib/"):
            candidates.append("/usr" + path)
    for candidate in dict.fromkeys(candidates):
        owner = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if owner.returncode == 0:
            return owner.stdout.split(":", 1)[0].strip()
    return None


def system_depends(bundle: Path) -> list[str]:
    """The Debian packages of the system libraries the bundle's own files load directly (X11, xcb, fontconfig,
    GLib, libGL…): the bundle carries none of them (installer/hpdesk.spec).

    Only direct needs (each bundled file's DT_NEEDED that the bundle does not hold) are named, not what those
    libraries need in turn: the target's own packages bring their dependencies under whatever names that release
    gives them (libffi6 on UOS V20, libffi8 on Debian 12). `ldd`, with the bundle's own folders first on the library
    path, says where each needed library resolves; `dpkg -S` names its package on the build machine.
    """
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    bundled = {path.name for path in bundle.rglob("*.so*")}
    from_system: set[str] = set()
    for path in sorted(bundle.rglob("*.so*")) + [bundle / bundle.name]:
        if not path.is_file() or path.is_symlink():
            continue
        dynamic = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True)
        needed = {line.split()[1] for line in dynamic.stdout.splitlines() if line.strip().startswith("NEEDED")}
        wanted = needed - bundled
        if not wanted:
            continue
        result = subprocess.run(["ldd", str(path)], capture_output=True, text=True, env=env)
        for line in result.stdout.splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[0] in wanted and parts[1] == "=>" and parts[2].startswith("/") \
                    and not parts[2].startswith(str(bundle)):
                from_system.add(parts[2])
    packages = {package for library in sorted(from_system) if (package := _owning_package(library))}
    # glibc and the C++ runtime are on every system; naming them would pin this build machine's versions.
    return sorted(packages - {"libc6", "libstdc++6", "libgcc-s1"})


def build_deb(bundle: Path, icon_svg: Path, version: str, out_dir: Path, work_dir: Path,
              source_date_epoch: int) -> Path:
    """Stage the package tree under `work_dir` and build `out_dir`/<appid>_<version>_amd64.deb with dpkg-deb."""
    shutil.rmtree(work_dir, ignore_errors=True)
    app = work_dir / "opt" / "apps" / APP_ID
    shutil.copytree(bundle, app / "files", symlinks=True)
    executable = f"/opt/apps/{APP_ID}/files/hpdesk"
    for folder in (app / "entries" / "applications", work_dir / "usr" / "share" / "applications"):
        folder.mkdir(parents=True)
        (folder / f"{APP_ID}.desktop").write_text(_desktop_entry(executable), encoding="utf-8")
    for folder in (app / "entries" / "icons", work_dir / "usr" / "share" / "icons"):
        target = folder / "hicolor" / "scalable" / "apps"
        target.mkdir(parents=True)
        shutil.copyfile(icon_svg, target / f"{APP_ID}.svg")
    (app / "info").write_text(_info(version), encoding="utf-8")
    (work_dir / "usr" / "bin").mkdir(parents=True)
    (work_dir / "usr" / "bin" / "hpdesk").symlink_to(executable)
    installed_kib = sum(path.lstat().st_size for path in work_dir.rglob("*")) // 1024
    (work_dir / "DEBIAN").mkdir()
    (work_dir / "DEBIAN" / "control").write_text(_control(version, system_depends(bundle), installed_kib),
                                                   encoding="utf-8")
    for path in [work_dir, *work_dir.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
        os.utime(path, (source_date_epoch, source_date_epoch), follow_symlinks=False)
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{APP_ID}_{version}_amd64.deb"
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(source_date_epoch))
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(work_dir), str(deb)], check=True,
                   env=env, stdout=subprocess.DEVNULL)
    return deb
