"""Issue 18.1: every install speaks Chinese. A wheel built from the checkout carries the compiled hpdesk_zh_CN.qm,
and in a fresh virtualenv (not the checkout, not the shared venv) the main window and Qt's own buttons are Chinese."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("window_language_probe.py")
sys.path.insert(0, str(ROOT / "installer"))
import build_translations  # noqa: E402

sys.path.pop(0)


def _clean_env() -> dict[str, str]:
    """The environment without anything that would let the checkout's sources shadow the installed package."""
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_compiled_translation_translates_the_main_menu(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    compiled = {qm.name: qm for qm in build_translations.release(tmp_path)}
    assert set(compiled) == {"hpdesk_zh_CN.qm", "qt_extra_zh_CN.qm"}  # ours, and Qt texts Qt's catalogue lacks
    qm_file = compiled["hpdesk_zh_CN.qm"]
    translator = QTranslator()
    assert translator.load(str(qm_file))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    finally:
        QCoreApplication.removeTranslator(translator)


@pytest.mark.slow
def test_a_wheel_installed_in_a_fresh_virtualenv_shows_the_chinese_main_window(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, env=_clean_env(), cwd=tmp_path)
    [wheel] = wheels.glob("hpdesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "hpdesk/_data/resources/i18n/hpdesk_zh_CN.qm" in names
    assert "hpdesk/_data/migrations/env.py" in names
    assert "hpdesk/_data/resources/fonts/NotoSansSC-GBK.ttf" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, env=_clean_env(),
                   cwd=tmp_path)
    workspace = tmp_path / "ws"
    subprocess.run([str(python), "-m", "hpdesk", "--workspace", str(workspace), "init", "--region", "管城回族区",
                    "--office", "管城回族区卫生健康委员会"], check=True, env=_clean_env(), cwd=tmp_path)
    probe = subprocess.run([str(python), str(PROBE), str(workspace)], check=True, env=_clean_env(), cwd=tmp_path,
                           capture_output=True, text=True)
    seen = json.loads(probe.stdout.strip().splitlines()[-1])

    assert Path(seen["package"]).is_relative_to(env_dir)
    assert Path(seen["translations_dir"]).is_relative_to(env_dir)
    assert seen["language"] == "zh_CN"
    assert "管城回族区卫生健康委员会" in seen["title"] and "Healthy City" not in seen["title"]
    assert seen["menus"][0] == "文件(&F)"
    assert seen["cancel"] == "取消"  # Qt's own qtbase_zh_CN.qm from the PySide6 wheel
