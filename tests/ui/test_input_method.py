"""Chinese input on fcitx desktops: without Qt's fcitx plugin the app asks Qt for ibus (fcitx5 serves ibus clients);
with the plugin, or on other desktops, it leaves the session's choice alone."""

from __future__ import annotations

from pathlib import Path

from hpdesk.ui.application import prefer_ibus_on_fcitx, qt_plugin_dirs


def _plugins(tmp_path: Path, *names: str) -> Path:
    contexts = tmp_path / "plugins" / "platforminputcontexts"
    contexts.mkdir(parents=True)
    for name in names:
        (contexts / name).write_bytes(b"")
    return tmp_path / "plugins"


def test_fcitx_session_without_fcitx_plugin_switches_qt_to_ibus(tmp_path: Path) -> None:
    environ = {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}
    assert prefer_ibus_on_fcitx(environ, [_plugins(tmp_path, "libibusplatforminputcontextplugin.so")])
    assert environ["QT_IM_MODULE"] == "ibus"


def test_fcitx_named_only_in_xmodifiers_also_switches(tmp_path: Path) -> None:
    environ = {"XMODIFIERS": "@im=fcitx5"}
    assert prefer_ibus_on_fcitx(environ, [_plugins(tmp_path, "libibusplatforminputcontextplugin.so")])
    assert environ["QT_IM_MODULE"] == "ibus"


def test_fcitx_session_with_the_fcitx_plugin_is_left_alone(tmp_path: Path) -> None:
    environ = {"QT_IM_MODULE": "fcitx"}
    plugins = _plugins(tmp_path, "libfcitx5platforminputcontextplugin.so")
    assert not prefer_ibus_on_fcitx(environ, [tmp_path / "missing", plugins])
    assert environ == {"QT_IM_MODULE": "fcitx"}


def test_ibus_or_no_input_method_session_is_left_alone(tmp_path: Path) -> None:
    plugins = _plugins(tmp_path, "libibusplatforminputcontextplugin.so")
    for environ in ({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus"}, {}):
        before = dict(environ)
        assert not prefer_ibus_on_fcitx(environ, [plugins])
        assert environ == before


def test_qt_plugin_dirs_include_qt_own_folder_and_qt_plugin_path(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QT_PLUGIN_PATH", str(tmp_path))
    dirs = qt_plugin_dirs()
    assert (dirs[0] / "platforms").is_dir() and tmp_path in dirs
