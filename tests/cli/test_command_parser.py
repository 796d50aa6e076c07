"""`hpdesk WORD …` builds only the parsers of the commands WORD names (issue 13: all ~80 cost every command ~0.02 s):
each command's help, usage and argument errors are exactly those of the full parser, which `hpdesk`, `hpdesk --help`
and an unknown word still get."""

from __future__ import annotations

import contextlib
import io

import pytest

import hpdesk.cli
from hpdesk.cli import COMMAND_MODULES, build_parser

WORDS = [command.words for module in COMMAND_MODULES for command in module.COMMANDS]


def _commands_in(parser) -> set[str]:  # type: ignore[no-untyped-def]
    return set(parser._subparsers._group_actions[0].choices)


def _outcome(word: str | None, argv: list[str]) -> tuple[str, str, object]:
    """What parsing `argv` with the parser built for `word` prints and ends with."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(build_parser(word).parse_args(argv))
        except SystemExit as stop:
            result = stop.code
    return out.getvalue(), err.getvalue(), result


def test_a_command_word_builds_only_its_commands_and_anything_else_all_of_them() -> None:
    every = _commands_in(build_parser())
    assert {"import-plan", "unit", "gui", "check"} <= every
    assert _commands_in(build_parser("import-plan")) == {"gui", "import-plan"}
    assert _commands_in(build_parser("unit")) == {"gui", "unit"}
    assert _commands_in(build_parser("gui")) == every
    assert _commands_in(build_parser("no-such-command")) == every


@pytest.mark.parametrize("words", WORDS, ids=" ".join)
def test_each_commands_help_and_argument_errors_are_those_of_the_full_parser(words: tuple[str, ...]) -> None:
    for argv in ([*words, "--help"], [*words], [*words, "--no-such-option"]):
        assert _outcome(words[0], argv) == _outcome(None, argv)


def test_main_finds_the_command_word_after_the_global_options(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str | None] = []
    monkeypatch.setattr(hpdesk.cli, "build_parser", lambda word=None: built.append(word) or build_parser(word))
    with contextlib.redirect_stdout(io.StringIO()), pytest.raises(SystemExit):
        hpdesk.cli.main(["--verbose", "--workspace", "import-plan", "import-plan", "--help"])
    assert built == ["import-plan"]
