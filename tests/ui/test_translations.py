"""The shipped zh_CN translation: complete, keeps every {placeholder}, and covers every string the UI sources mark
(lupdate run into a scratch copy finds nothing new)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from missing_input import missing

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "i18n" / "hpdesk_zh_CN.ts"


def _messages(path: Path = TS_FILE) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter("message"))


def test_translation_has_no_unfinished_or_empty_entries() -> None:
    unfinished = [m.findtext("source") for m in _messages()
                  if m.find("translation").get("type") in {"unfinished", "vanished", "obsolete"}
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_translation_keeps_the_placeholders_of_its_source() -> None:
    for message in _messages():
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", translation)), source


def test_translation_keeps_the_accelerator_of_menu_entries() -> None:
    for message in _messages():
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        if re.search(r"&\w", source):
            assert re.search(r"&\w", translation), source


def test_every_marked_ui_string_is_in_the_translation(tmp_path: Path) -> None:
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    if lupdate is None:
        missing("pyside6-lupdate is not installed beside this Python")
    scratch = tmp_path / TS_FILE.name
    shutil.copy(TS_FILE, scratch)
    sources = sorted(str(path) for path in (ROOT / "hpdesk" / "ui").rglob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(scratch)], check=True, capture_output=True)
    unfinished = [f"{context.findtext('name')}: {message.findtext('source')}"
                  for context in ET.parse(scratch).getroot().iter("context") for message in context.iter("message")
                  if message.find("translation").get("type") == "unfinished"]
    assert unfinished == [], "run installer/build_translations.py --update and translate:\n" + "\n".join(unfinished)


def test_qts_own_catalogue_is_loaded_beside_qtbase_so_the_file_dialog_speaks_chinese(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    from hpdesk.ui.i18n import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        expected = sum((folder / f"{name}_zh_CN.qm").exists() for name in ("qt", "qtbase"))
        loaded = {Path(t.filePath()).name for t in translators}
        assert len(loaded & {"qt_zh_CN.qm", "qtbase_zh_CN.qm"}) == expected
    finally:
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
