"""`hpdesk --help`, `--version` and every `hpdesk <command> --help` import no service and none of the heavy libraries:
a command imports what it uses only when it runs. Checked by what a fresh interpreter has imported, never by time."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import hpdesk.cli
from hpdesk.cli import demo_commands, evidence_commands, indicator_commands, report_commands, unit_commands

# Runs once, not on both back ends: no workspace (what a command imports).

HEAVY = ("reportlab", "openpyxl", "alembic", "sqlalchemy", "pyhanko", "PIL", "python_calamine", "PySide6")
# What a command needs only when it runs (the target parser, the report and evidence rules, the log file's handler,
# the user's data folder) and multiprocessing (only a frozen build's children need freeze_support): --help and
# --version load none of them.
RUN_ONLY = ("hpdesk.domain.target_judging", "hpdesk.domain.targets", "hpdesk.domain.measure_units",
            "hpdesk.domain.reporting", "hpdesk.domain.evidence", "multiprocessing", "logging.handlers",
            "platformdirs")
CLI_DIR = Path(hpdesk.cli.__file__).parent


def _imported_by(*args: str) -> set[str]:
    """The modules `python -m hpdesk ARGS` imports, whole process (from -X importtime, which lists each one)."""
    completed = subprocess.run([sys.executable, "-X", "importtime", "-m", "hpdesk", *args], capture_output=True,
                               text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in completed.stderr.splitlines()
            if line.startswith("import time:") and "|" in line} - {"imported package"}


def _unwanted(modules: set[str]) -> list[str]:
    return sorted(name for name in modules
                  if name.split(".")[0] in HEAVY or name.startswith("hpdesk.services") or name.startswith("hpdesk.ui"))


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("export", "--help"), ("assign", "set", "--help")])
def test_help_and_version_import_no_service_and_no_heavy_library(args: tuple[str, ...]) -> None:
    imported = _imported_by(*args)
    assert "hpdesk.cli.registry" in imported  # the probe does see the modules the CLI loads
    assert _unwanted(imported) == []


@pytest.mark.parametrize("args", [("--help",), ("--version",)])
def test_help_and_version_leave_what_commands_need_only_when_they_run_unimported(args: tuple[str, ...]) -> None:
    imported = _imported_by(*args)
    assert "hpdesk.domain.errors" in imported  # the probe sees domain modules the CLI does load
    assert sorted(imported & set(RUN_ONLY)) == []


def test_every_command_help_and_every_cli_module_stay_light() -> None:
    """Each module of hpdesk/cli (a feature's new command module too) imported, and each command's --help shown,
    in one fresh interpreter: still no service and no heavy library."""
    probe = (
        "import contextlib, io, json, pkgutil, importlib, sys, hpdesk.cli\n"
        "for info in pkgutil.iter_modules(hpdesk.cli.__path__, 'hpdesk.cli.'):\n"
        "    importlib.import_module(info.name)\n"
        "words = [command.words for module in hpdesk.cli.COMMAND_MODULES for command in module.COMMANDS]\n"
        "for command in words:\n"
        "    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "        hpdesk.cli.build_parser().parse_args([*command, '--help'])\n"
        "print(json.dumps({'commands': len(words), 'modules': sorted(sys.modules)}))\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert result["commands"] >= 44
    assert _unwanted(set(result["modules"])) == []


def test_command_modules_name_their_dependencies_in_import_statements() -> None:
    """No command module is loaded by a name in a string (import-linter and PyInstaller could not see it)."""
    for path in CLI_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
                 and isinstance(node.func, ast.Attribute) and node.func.attr in {"import_module", "__import__"}]
        assert calls == [], path.name


def test_the_constants_written_out_for_help_equal_the_services_constants() -> None:
    from hpdesk.services.assignments import ASSIGNMENT_STATES
    from hpdesk.services.demo.demo_builder import DEMO_SIZES
    from hpdesk.services.evidence import MAX_ATTACHMENT_BYTES
    from hpdesk.services.indicator_values import DIRECTIONS, VERDICTS

    assert unit_commands.ASSIGNMENT_STATES == ASSIGNMENT_STATES
    assert demo_commands.DEMO_SIZES == DEMO_SIZES
    assert evidence_commands.MAX_ATTACHMENT_MB * 1024 ** 2 == MAX_ATTACHMENT_BYTES
    assert (indicator_commands.DIRECTIONS, indicator_commands.VERDICTS) == (DIRECTIONS, VERDICTS)


def test_the_domain_codes_written_out_for_help_equal_the_domain_ones() -> None:
    from hpdesk.domain.evidence import EVIDENCE_KINDS
    from hpdesk.domain.reporting import REVIEW_ACTIONS, REVIEW_LABELS, STATUS_LABELS, UNIT_TYPES

    assert report_commands.STATUSES == tuple(STATUS_LABELS)
    assert report_commands.REVIEW_STATES == tuple(REVIEW_LABELS)
    assert report_commands.REVIEW_ACTIONS == REVIEW_ACTIONS
    assert unit_commands.TYPE_CHOICES == list(UNIT_TYPES)
    assert evidence_commands.KIND_HELP == "、".join(f"{code}={label}" for code, label in EVIDENCE_KINDS.items())


# Loaded by none of the commands that read and write an SQLite workspace's plan: the PostgreSQL dialect and driver
# (issue 13: JSONB made every command load the dialect), Alembic (the workspace is at its head revision), the export
# stack, the Excel writer and Qt.
NOT_FOR_AN_IMPORT = ("sqlalchemy.dialects.postgresql", "psycopg", "alembic", "openpyxl", "reportlab", "pyhanko", "PIL",
                     "PySide6", "hpdesk.ui", "hpdesk.services.exporting")


def test_import_plan_into_an_sqlite_workspace_loads_no_postgresql_alembic_export_or_qt_module(
        workspace_dir: Path, sample_copy) -> None:  # type: ignore[no-untyped-def]
    imported = _imported_by("--workspace", str(workspace_dir), "import-plan",
                            str(sample_copy("taian_task_breakdown.xlsx")), "--json")
    assert "hpdesk.services.units" in imported and "sqlalchemy.orm" in imported  # the probe sees the command run
    assert sorted(name for name in imported if name.startswith(NOT_FOR_AN_IMPORT)) == []
