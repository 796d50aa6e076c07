"""Qt's own file dialog speaks the UI's language: Chinese buttons, headers and dates ("2026/12/5 10:00", not
"5 12 2026 10:00") even when the machine's locale is C, as on a bare Linux install.

The dates come from QLocale.system(), which Qt reads from the environment once per process, so that check runs the
application start-up in a child process with LANG=C.UTF-8; the texts are checked in process with pytest-qt.
Run this file as a script (`python tests/ui/test_file_dialog_locale.py FOLDER [SHOT.png]`) to get the child's
answer as JSON and, with SHOT, a picture of the dialog.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from hpdesk.ui.i18n import install_translators, prefer_chinese_dates

ROOT = Path(__file__).resolve().parents[2]


def _folder_with_a_dated_file(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "工作台账.xlsx"
    record.write_bytes(b"x" * 2048)
    stamp = datetime(2026, 12, 5, 10, 0).timestamp()
    os.utime(record, (stamp, stamp))
    (folder / "佐证照片").mkdir(exist_ok=True)
    report = folder / "2026年上半年进展报告.docx"
    report.write_bytes(b"x" * 14_500)  # "14.2 KiB" and a Word type name: what the English-sized columns clipped
    os.utime(report, (stamp, stamp))
    return record


def _dialog_texts(folder: Path, shot: Path | None = None) -> dict[str, object]:
    """Open a non-native QFileDialog on `folder` once its listing is loaded; what it shows, as plain data."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QLabel, QPushButton, QTreeView

    from hpdesk.ui.prompts import file_dialog

    # Qt's own dialog, as on a Linux desktop without a theme (the machines that draw it): the app's builder.
    dialog = file_dialog(None, "选择文件", str(folder), "", QFileDialog.FileMode.ExistingFiles,
                         options=QFileDialog.Option.DontUseNativeDialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    model = dialog.findChild(QFileSystemModel)
    loop = QEventLoop()
    model.directoryLoaded.connect(lambda _path: loop.quit())
    QTimer.singleShot(60_000, loop.quit)  # a guard against a hang only: the answer below says whether it loaded
    dialog.resize(900, 480)  # about what it gets on a 1024×768 screen
    dialog.show()
    loop.exec()
    view = dialog.findChild(QTreeView, "treeView")
    header = view.header()
    clipped = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(1, 4)
               if header.sectionSize(column) < max(view.sizeHintForColumn(column), header.sectionSizeHint(column))]
    def row(name: str) -> list[str]:
        found = model.index(str(folder / name))
        return [model.index(found.row(), column, found.parent()).data() for column in range(4)]

    texts = {
        "headers": [model.headerData(column, Qt.Orientation.Horizontal) for column in range(4)],
        "row": row("工作台账.xlsx"),
        "folder_row": row("佐证照片"),
        "buttons": sorted(button.text() for button in dialog.findChildren(QPushButton) if button.text()),
        "labels": sorted(label.text() for label in dialog.findChildren(QLabel) if label.text()),
        "clipped": clipped,
        "name_width": header.sectionSize(0),
    }
    if shot is not None:
        dialog.grab().save(str(shot))
    dialog.close()
    return texts


def _child_main(folder: Path, shot: Path | None) -> None:
    """In a fresh process: hpdesk's own start-up (create_application), then the dialog."""
    from hpdesk.ui.application import create_application  # settings: the caller points HOME at a scratch folder

    _app, language = create_application(["probe"])
    print(json.dumps({"language": language, **_dialog_texts(folder, shot)}, ensure_ascii=False))


def test_the_file_dialog_writes_dates_the_chinese_way_on_a_machine_whose_locale_is_c(tmp_path: Path) -> None:
    _folder_with_a_dated_file(tmp_path / "files")
    environment = {name: value for name, value in os.environ.items() if not name.startswith("LC_")}
    environment.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT), HOME=str(tmp_path),
                       XDG_CONFIG_HOME=str(tmp_path / "config"))
    child = subprocess.run([sys.executable, __file__, str(tmp_path / "files")], capture_output=True, text=True,
                           env=environment, cwd=ROOT, check=False)
    assert child.returncode == 0, child.stderr
    shown = json.loads(child.stdout.strip().splitlines()[-1])
    assert shown["language"] == "zh_CN"
    assert shown["row"][3] == "2026/12/5 10:00"  # under LANG=C Qt wrote "5 12 2026 10:00"
    assert shown["headers"] == ["名称", "体积", "类型", "修改日期"]  # Qt's own words


def test_the_file_dialogs_own_texts_are_chinese_once_qts_catalogues_are_loaded(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    _folder_with_a_dated_file(tmp_path / "files")
    before = QLocale()
    translators = install_translators(qapp, "zh_CN")
    try:
        shown = _dialog_texts(tmp_path / "files")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(before)  # the other UI tests run in the locale they started with
    assert shown["buttons"] == ["取消", "打开(&O)"]
    # The first two are missing from Qt's catalogue and come from resources/i18n/qt_extra_zh_CN.ts.
    assert set(shown["labels"]) == {"文件类型(&T)：", "文件名称(&N)：", "查找范围(&L)："}
    assert shown["folder_row"][2] == "文件夹"  # was "Folder"
    # 体积, 类型 and 修改日期 show their whole text ("14…iB", "Wo…文档" with Qt's English-sized widths)
    assert shown["clipped"] == [] and int(shown["name_width"]) > 300  # type: ignore[call-overload]
    english = [text for text in [*shown["headers"], *shown["buttons"], *shown["labels"], shown["folder_row"][2]]
               if re.search("[A-Za-z]{3,}", str(text))]
    assert english == []


@pytest.mark.parametrize(("environ", "changed", "time_locale"), [
    ({"LANG": "C.UTF-8"}, True, "zh_CN.UTF-8"),
    ({}, True, "zh_CN.UTF-8"),
    ({"LANG": "en_US.UTF-8", "LC_TIME": "zh_CN.UTF-8"}, False, "zh_CN.UTF-8"),
    ({"LANG": "zh_CN.UTF-8"}, False, None),
    ({"LANG": "C", "LC_ALL": "C"}, False, None),  # the user's explicit LC_ALL wins
])
def test_only_a_time_locale_that_is_not_chinese_is_changed(
        environ: dict[str, str], changed: bool, time_locale: str | None) -> None:
    assert prefer_chinese_dates(environ) is changed
    assert environ.get("LC_TIME") == time_locale


if __name__ == "__main__":
    _child_main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
