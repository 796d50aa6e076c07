"""The first frame of `hpdesk gui` waits for Qt only: the PDF, Excel, signing and migration libraries are imported
after it, and the main window still replaces it. Run in a child process (offscreen) because the test process has
imported everything long ago; what is asserted is which modules were loaded, never how long anything took."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hpdesk.services.workspace import init_workspace

HEAVY = ("reportlab", "openpyxl", "pyhanko", "alembic",
         "sqlalchemy", "logging.handlers")  # the database layer, and the log file's handler (socket, pickle)

CHILD = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject
from hpdesk.ui.application import create_application, run_application

HEAVY = {heavy!r}
app, _language = create_application([sys.argv[0]])
seen = {{"first_paint": None, "painted": []}}

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWindow():
            name = type(watched).__name__
            if seen["first_paint"] is None:
                seen["first_paint"] = {{"window": name, "loaded": sorted(m for m in HEAVY if m in sys.modules)}}
            if name not in seen["painted"]:
                seen["painted"].append(name)
        return False

watch = Watch()
app.installEventFilter(watch)
code = run_application(Path(sys.argv[1]), [sys.argv[0]])
seen["exit_code"] = code
print(json.dumps(seen))
"""


def _run_gui_until_main_window(workspace: Path, settings: Path) -> dict:  # type: ignore[type-arg]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HPDESK_EXIT_AFTER_FIRST_PAINT": "1",
                   "XDG_CONFIG_HOME": str(settings), "HPDESK_LANG": "zh_CN"}
    completed = subprocess.run([sys.executable, "-c", CHILD.format(heavy=HEAVY), str(workspace)],
                               capture_output=True, text=True, env=environment, timeout=300)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_the_first_frame_is_painted_before_pdf_excel_signing_or_migration_code_is_imported(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    init_workspace(workspace, region="管城回族区", office="管城回族区卫生健康委员会", actor="test").close()

    seen = _run_gui_until_main_window(workspace, tmp_path / "settings")

    assert seen["first_paint"] == {"window": "StartupWindow", "loaded": []}
    assert "MainWindow" in seen["painted"]  # the workspace was opened and the main window took the first one's place
    assert seen["exit_code"] == 0
