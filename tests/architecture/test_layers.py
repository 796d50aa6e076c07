"""The layer rules are enforced, not hoped for: import-linter contracts, and no Qt below the UI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is a dev dependency"
    completed = subprocess.run([lint_imports], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_services_load_without_pulling_in_qt() -> None:
    probe = (
        "import importlib, pkgutil, sys, hpdesk.services, hpdesk.cli\n"
        "for module in pkgutil.walk_packages(hpdesk.services.__path__, 'hpdesk.services.'):\n"
        "    importlib.import_module(module.name)\n"
        "hpdesk.cli.build_parser()\n"
        "print('PySide6' in sys.modules)\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "False"


def test_no_grab_bag_module_names() -> None:
    bags = [p for p in (REPO_ROOT / "hpdesk").rglob("*.py") if p.stem in {"utils", "helpers", "common", "misc"}]
    assert bags == []


def test_session_lookups_live_in_the_stores() -> None:
    """A `find_*(session, …)` lookup in a service is one other services would import: it belongs in a store."""
    import ast

    misplaced = []
    for path in (REPO_ROOT / "hpdesk" / "services").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.FunctionDef) and node.name.lstrip("_").startswith(("find_", "locate_"))
                    and node.args.args and node.args.args[0].arg == "session"):
                misplaced.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno} {node.name}")
    assert misplaced == []
