"""Build hpdesk's main window the way `hpdesk.ui.application.run_application` does, without entering its loop.

Used by `first_paint.py hpdesk` to time the first paint event itself; keep it in step with run_application.
"""

from __future__ import annotations

import sys
from pathlib import Path


def build_hpdesk_window(workspace_dir: Path):  # type: ignore[no-untyped-def]
    """(QApplication, MainWindow) on the workspace, not yet shown. The workspace stays open until exit."""
    from hpdesk import logging_setup
    from hpdesk.services.workspace import open_workspace
    from hpdesk.ui.app_services import AppServices
    from hpdesk.ui.application import create_application
    from hpdesk.ui.jobs import JobRunner
    from hpdesk.ui.main_window import MainWindow

    app, language = create_application([sys.argv[0]])
    workspace = open_workspace(workspace_dir, create=True)
    logging_setup.configure(workspace.logs_dir)
    jobs = JobRunner(app)
    app.aboutToQuit.connect(jobs.shutdown)
    app.aboutToQuit.connect(workspace.close)
    window = MainWindow(AppServices(workspace), jobs, language=language)
    return app, window
