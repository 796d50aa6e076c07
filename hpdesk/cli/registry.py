"""The command registry: a command is declared once (its words, help, arguments and handler), and one runner opens the
workspace when the handler asks for it, closes it, and prints what the handler answers.

A handler has the shape `handler(args, context) -> Output`. It never opens or closes a workspace and never prints:
`context.desk()` opens the application façade on first use (the runner closes it), and the Output is printed as one
JSON document with `--json` (from one shared parent parser) or as lines of text otherwise.

Declaring a command must stay cheap, because `hpdesk --help` builds every command's parser: a command module imports
argparse, this module and pure domain modules at its top, and imports services inside the handlers that use them.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hpdesk.services.desk import Desk
    from hpdesk.services.workspace import Workspace


@dataclass(frozen=True)
class Output:
    """What a command answers: `data` is printed as JSON with --json, `lines` otherwise; `errors` go to stderr in
    text mode only; `exit_code` is the process's."""

    data: Any = None
    lines: Sequence[str] = ()
    errors: Sequence[str] = ()
    exit_code: int = 0


class Context:
    """What a handler gets besides its arguments: the workspace folder named on the command line, and the façade
    over it, opened (locked, migrated when needed) on first use and closed by the runner."""

    def __init__(self, workspace: Path | None) -> None:
        self.workspace_arg = workspace
        self._desk: Desk | None = None

    @property
    def root(self) -> Path:
        """The workspace folder: --workspace, else $HPDESK_WORKSPACE or the user data folder."""
        from hpdesk import paths

        return (self.workspace_arg or paths.default_workspace_dir()).expanduser()

    def desk(self, *, create: bool = False) -> Desk:
        """The façade over the workspace, opened on the first call (`create`: make the folder a new workspace)."""
        if self._desk is None:
            # Loading the services (SQLAlchemy, the mapped records, the domain) and opening the workspace make a few
            # hundred thousand objects that live as long as the process and none of them is garbage, yet the cyclic
            # collector walks them on every full collection, and the interpreter's exit runs several (0.23 s of CPU
            # at the end of a Taian import-plan, 0.03 s frozen). So they are made with the collector paused, then
            # frozen: the permanent generation is never traversed again.
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                from hpdesk.services.desk import Desk

                self._desk = Desk.open(self.workspace_arg, create=create)
            finally:
                gc.freeze()
                if was_enabled:
                    gc.enable()
        return self._desk

    def workspace(self) -> Workspace:
        """The open workspace, for the service functions the façade does not wrap."""
        return self.desk().workspace

    def close(self) -> None:
        if self._desk is not None:
            self._desk.close()
            self._desk = None


Handler = Callable[[argparse.Namespace, Context], Output]
Argument = Callable[[argparse.ArgumentParser], object]  # adds one argument (or a group of them) to a parser


def option(*names: str, **settings: Any) -> Argument:
    """`parser.add_argument(*names, **settings)`, declared now, done when the command's parser is built."""
    return lambda parser: parser.add_argument(*names, **settings)


@dataclass(frozen=True)
class Command:
    """One command: `words` is ("init",) or ("unit", "add"); `arguments` are its own arguments (`option(…)`, or a
    function adding several to the parser); `defaults` are set on the parsed arguments (several commands sharing one
    handler)."""

    words: tuple[str, ...]
    help: str
    handler: Handler
    arguments: Sequence[Argument] = ()
    defaults: Mapping[str, Any] = field(default_factory=dict)


def add_commands(subparsers: argparse._SubParsersAction, commands: Iterable[Command],
                 groups: Mapping[str, str]) -> None:
    """Add every command's parser under `subparsers`; `groups` gives the help of each noun ("unit", "period", …)."""
    parent = argparse.ArgumentParser(add_help=False)  # the options every command shares, spelled once
    parent.add_argument("--json", action="store_true", help="print the result as one JSON document")
    nested: dict[str, argparse._SubParsersAction] = {}
    for command in commands:
        target = subparsers
        if len(command.words) == 2:
            noun = command.words[0]
            if noun not in nested:
                group = subparsers.add_parser(noun, help=groups[noun])
                nested[noun] = group.add_subparsers(dest=f"{noun}_command", metavar="ACTION", required=True)
            target = nested[noun]
        parser = target.add_parser(command.words[-1], help=command.help, parents=[parent])
        for argument in command.arguments:
            argument(parser)
        parser.set_defaults(command_spec=command, **command.defaults)


def run(command: Command, args: argparse.Namespace) -> int:
    """Run the command's handler with a Context, close the workspace it opened, print its Output."""
    context = Context(args.workspace)
    try:
        output = command.handler(args, context)
    finally:
        context.close()
    if getattr(args, "json", False):  # one document, UTF-8 with the Chinese kept readable
        sys.stdout.write(json.dumps(output.data, ensure_ascii=False, indent=2, default=_json_default) + "\n")
    else:
        for line in output.lines:
            sys.stdout.write(line + "\n")
        for line in output.errors:
            sys.stderr.write(line + "\n")
    return output.exit_code


def mapping_lines(mapping: Mapping[str, Any]) -> list[str]:
    """Aligned `key  value` lines."""
    width = max((len(key) for key in mapping), default=0)
    return [f"{key.ljust(width)}  {value}" for key, value in mapping.items()]


def _json_default(value: Any) -> Any:
    """Dates and paths print as text in the JSON output."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
