"""The `hpdesk` command: the desktop app by default, plus subcommands for scripting, tests and power users.

A feature's commands live in `hpdesk/cli/<feature>_commands.py` (`COMMANDS` and `GROUPS`; the handlers return an
`Output` and import services inside, so `hpdesk --help` stays fast, as tests/cli/test_cli_imports.py checks). How to
write one: docs/cli.md, "Adding a feature's commands"; register it by importing it below and adding it to
COMMAND_MODULES.

Handlers raise `UserError` for the user's mistakes: `main` prints its one-line message (Chinese when the locale is)
and returns 2. A full disk, a read-only folder or a missing permission (ENOSPC, EROFS, EACCES, also inside a
database error) is the user's to fix as well: one line, exit 2. Anything else is our bug: it is logged with its
traceback and a one-line notice is printed (exit 1). Nothing here ever prints a traceback to the terminal.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from hpdesk import __version__
from hpdesk.cli import (
    city_commands, demo_commands, evidence_commands, export_commands, forms_commands, identity_commands,
    import_commands, indicator_commands, period_commands, postgres_commands, report_commands, target_commands,
    unit_commands, unit_merge_commands, workspace_commands,
)
from hpdesk.cli.registry import Command, Context, Output, add_commands, run
from hpdesk.cli.text_arguments import refuse_undecodable_text
from hpdesk.domain.errors import OperationCancelled, UserError, environment_error, register_messages
from hpdesk.domain.messages import preferred_language

log = logging.getLogger("hpdesk.cli")

COMMAND_MODULES = [
    workspace_commands, demo_commands, import_commands, target_commands, indicator_commands, unit_commands,
    period_commands, report_commands, evidence_commands, identity_commands, export_commands, city_commands,
    forms_commands, unit_merge_commands, postgres_commands,
]

register_messages({
    "location_unusable": ("无法使用 {path}：{reason}。请换一个位置后重试；操作没有完成。",
                          "{path} cannot be used: {reason}. Choose another place and try again; nothing was done."),
    "no_display": ("这里没有图形界面（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开 hpdesk 的窗口。请在桌面上打开 hpdesk，"
                   "或使用命令行子命令（hpdesk --help）。",
                   "There is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so hpdesk's window "
                   "cannot open. Open hpdesk on a desktop, or use its subcommands (hpdesk --help)."),
})
# Why a place named on the command line cannot be used, for the errors a clerk meets there (else the OS's words).
_LOCATION_REASONS = {
    errno.ENOENT: ("找不到这个位置（如 U 盘已拔出、网络盘未连接）", "it does not exist (a USB stick removed, a share "
                   "not connected?)"),
    errno.ENOTDIR: ("路径中有一个同名的文件挡住了文件夹", "a file stands where a folder should be"),
    errno.EEXIST: ("路径中有一个同名的文件挡住了文件夹", "a file stands where a folder should be"),
    errno.EISDIR: ("这是一个文件夹，请给出文件名", "it is a folder; give a file name"),
}

# Old spellings still accepted: the command word, and the function that turns the rest of argv into today's form.
LEGACY_FORMS = {"assign": unit_commands.legacy_assign_arguments}


def run_gui(args: argparse.Namespace, context: Context) -> Output:
    # Without a display (an SSH session, a server) Qt would abort the process (SIGABRT) with its plugin message.
    if sys.platform.startswith("linux") and not any(
            os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        raise UserError("no_display")
    # Qt is imported only here, so scripted commands start fast and run on machines without a display.
    from hpdesk.ui.application import run_application

    return Output(exit_code=run_application(workspace_dir=args.workspace, argv=[sys.argv[0]]))


GUI = Command(("gui",), "open the desktop app (the default)", run_gui)


def build_parser(command_word: str | None = None) -> argparse.ArgumentParser:
    """The `hpdesk` parser. With `command_word` (a command or a noun such as "unit"), only the parsers of the commands
    it names are built: the others would parse nothing of this command line, and building all ~80 costs a command
    ~0.02 s (issue 13). Their help, usage and errors are the same as in the full parser; any other word (none, "gui",
    a typo) gets the full parser, which lists every command."""
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
    subparsers.add_parser("gui", help=GUI.help).set_defaults(command_spec=GUI)
    groups = {noun: text for module in COMMAND_MODULES for noun, text in getattr(module, "GROUPS", {}).items()}
    commands = [command for module in COMMAND_MODULES for command in module.COMMANDS]
    named = [command for command in commands if command.words[0] == command_word]
    add_commands(subparsers, named or commands, groups)
    return parser


def _command_position(argv: Sequence[str]) -> int:
    """Where the command word is in `argv`: after the global options (`--workspace` takes the next word)."""
    position = 0
    while position < len(argv) and argv[position].startswith("-"):
        position += 2 if argv[position] == "--workspace" else 1
    return position


def today_argv(argv: Sequence[str]) -> list[str]:
    """`argv` with an old spelling of a command (LEGACY_FORMS) rewritten to today's; anything else unchanged."""
    argv = list(argv)
    position = _command_position(argv)
    if position < len(argv) and argv[position] in LEGACY_FORMS:
        return [*argv[:position + 1], *LEGACY_FORMS[argv[position]](argv[position + 1:])]
    return argv


def _configure_logging(args: argparse.Namespace) -> None:
    from hpdesk import logging_setup  # logging.handlers (and socket) only once a command runs, not for --help

    root = Context(args.workspace).root
    log_dir = root / "logs" if root.is_dir() else None
    try:
        logging_setup.configure(log_dir, verbose=args.verbose)
    except OSError:
        logging_setup.configure(None, verbose=args.verbose)


def main(argv: list[str] | None = None) -> int:
    """Parse `argv` (default sys.argv[1:]) and run the command; returns the exit code."""
    arguments = today_argv(sys.argv[1:] if argv is None else argv)
    position = _command_position(arguments)
    args = build_parser(arguments[position] if position < len(arguments) else None).parse_args(arguments)
    command = getattr(args, "command_spec", None) or GUI
    _configure_logging(args)
    try:
        refuse_undecodable_text(args)
        return run(command, args)
    except UserError as error:
        log.info("user error %s %s", error.code, error.params)
        print(error.message(), file=sys.stderr)
        return 2
    except OperationCancelled:
        print(UserError("operation_cancelled").message(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_gone()
    except Exception as error:
        condition = environment_error(error, Context(args.workspace).root) or _named_location_error(error, args)
        if condition is not None:  # a full disk, a read-only folder, a missing permission: the user can act
            log.warning("command %s stopped: %s", args.command, error, exc_info=True)
            print(condition.message(), file=sys.stderr)
            return 2
        log.exception("command %s failed", args.command)
        print(UserError("internal", detail=f"{type(error).__name__}: {error}").message(), file=sys.stderr)
        return 1


def _reader_gone() -> int:
    """The program reading our output stopped early (`hpdesk unit list | head`): the command itself is done (its
    writes committed before printing), so this is no error of ours. The rest of the output goes to the null device, so
    the interpreter's final flush does not complain either; the exit code is a shell's for a closed pipe (128+13)."""
    import os

    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, sys.stdout.fileno())
    os.close(null)
    return 141


def _named_location_error(error: Exception, args: argparse.Namespace) -> UserError | None:
    """`location_unusable` for an OSError on a path the command line named (a backup's destination, an --out folder),
    on something inside it, beside it (its temporary file) or on a folder above it: a file in the way, a drive that
    is not there. That place is the clerk's to change, not our bug (the traceback still goes to the log). The
    workspace folder is left out: what fails inside it may well be ours."""
    if not isinstance(error, OSError) or error.filename is None:
        return None
    failed = Path(os.fsdecode(error.filename)).absolute()
    named = [value for key, given in vars(args).items() if key != "workspace"
             for value in (given if isinstance(given, list) else [given]) if isinstance(value, Path)]
    if not any(failed == path or path in failed.parents or failed in path.parents
               or (failed.parent == path.parent and failed.name.startswith(path.name))  # its "….part" beside it
               for path in (path.absolute() for path in named)):
        return None
    reasons = _LOCATION_REASONS.get(error.errno or 0)
    reason = reasons[0 if preferred_language() == "zh" else 1] if reasons else (error.strerror or type(error).__name__)
    return UserError("location_unusable", path=str(failed), reason=reason)
