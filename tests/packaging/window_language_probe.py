"""Run by the packaging tests in an installed copy of hpdesk (not the checkout): open the workspace given as argv[1]
the way `hpdesk gui` does, offscreen, and print as JSON where the translations came from and what the main window,
its menus and a Qt standard button say."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox  # noqa: E402

import hpdesk  # noqa: E402
from hpdesk import paths  # noqa: E402
from hpdesk.services.desk import Desk  # noqa: E402
from hpdesk.services.workspace import open_workspace  # noqa: E402
from hpdesk.ui.application import create_application  # noqa: E402
from hpdesk.ui.jobs import JobRunner  # noqa: E402
from hpdesk.ui.main_window import MainWindow  # noqa: E402

app, language = create_application(sys.argv[:1])
workspace = open_workspace(Path(sys.argv[1]))
jobs = JobRunner(app)
window = MainWindow(Desk(workspace), jobs, language=language)
# The title is set once the window's first background read finishes; a hang still ends after a minute.
window.windowTitleChanged.connect(app.quit)
QTimer.singleShot(60_000, app.quit)
window.show()
app.exec()
buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
print(json.dumps({
    "package": str(Path(hpdesk.__file__).parent),
    "translations_dir": str(paths.translations_dir()),
    "language": language,
    "title": window.windowTitle(),
    "menus": [action.text() for action in window.menuBar().actions()],
    "cancel": buttons.buttons()[0].text(),
}, ensure_ascii=False))
jobs.shutdown()
workspace.close()
