"""The `hpdesk` command: the desktop app by default, plus subcommands for scripting, tests and power users.

Each feature's commands live in their own module of this package, listed in COMMAND_MODULES; a module exposes
`register(subparsers)`, which adds its parsers and sets `handler=function(args) -> int` on each. Handlers raise
`UserError` for the user's mistakes: `main` prints its one-line message (Chinese when the locale is) and returns 2.
A full disk, a read-only folder or a missing permission (ENOSPC, EROFS, EACCES, also inside a database error) is
the user's to fix as well: one line, exit 2. Anything else is our bug: it is logged with its traceback and a
one-line notice is printed (exit 1). Nothing here ever prints a traceback to the terminal.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from pathlib import Path

from hpdesk import __version__, logging_setup, paths
from hpdesk.cli.text_arguments import refuse_undecodable_text
from hpdesk.domain.errors import OperationCancelled, UserError, environment_error

log = logging.getLogger("hpdesk.cli")

COMMAND_MODULES = [
    "workspace_commands",
    "demo_commands",
    "import_commands",
    "target_commands",
    "indicator_commands",
    "unit_commands",
    "period_commands",
    "report_commands",
    "evidence_commands",
    "identity_commands",
    "export_commands",
    "city_commands",
    "forms_commands",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hpdesk",
        description="hpdesk — 健康城市行动县区工作台 / offline desktop tool for county health offices",
    )
    parser.add_argument("--version", action="version", version=f"hpdesk {__version__}")
    parser.add_argument(
        "--workspace", type=Path, default=None,
        help="workspace folder (default: $HPDESK_WORKSPACE or the user data folder)",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug details")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = subparsers.add_parser("gui", help="open the desktop app (the default)")
    gui.set_defaults(handler=run_gui)
    for module_name in COMMAND_MODULES:
        importlib.import_module(f"hpdesk.cli.{module_name}").register(subparsers)
    return parser


def run_gui(args: argparse.Namespace) -> int:
    # Qt is imported only here, so scripted commands start fast and run on machines without a display.
    from hpdesk.ui.application import run_application

    return run_application(workspace_dir=args.workspace, argv=[sys.argv[0]])


def workspace_dir(args: argparse.Namespace) -> Path:
    return (args.workspace or paths.default_workspace_dir()).expanduser()


def _configure_logging(args: argparse.Namespace) -> None:
    root = workspace_dir(args)
    log_dir = root / "logs" if root.is_dir() else None
    try:
        logging_setup.configure(log_dir, verbose=args.verbose)
    except OSError:
        logging_setup.configure(None, verbose=args.verbose)


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (default sys.argv[1:]) and run the command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    handler = getattr(args, "handler", None) or run_gui
    _configure_logging(args)
    try:
        refuse_undecodable_text(args)
        return handler(args)
    except UserError as error:
        log.info("user error %s %s", error.code, error.params)
        print(error.message(), file=sys.stderr)
        return 2
    except OperationCancelled:
        print(UserError("operation_cancelled").message(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        condition = environment_error(error, workspace_dir(args))
        if condition is not None:  # a full disk, a read-only folder, a missing permission: the user can act
            log.warning("command %s stopped: %s", args.command, error, exc_info=True)
            print(condition.message(), file=sys.stderr)
            return 2
        log.exception("command %s failed", args.command)
        print(UserError("internal", detail=f"{type(error).__name__}: {error}").message(), file=sys.stderr)
        return 1
