"""Text arguments must be valid UTF-8 before any command sees them.

On POSIX, Python decodes argv with surrogate escapes: bytes that are not UTF-8 (a GBK terminal, a script written in
another encoding) arrive as lone surrogates, which SQLite, JSON and the PDF writer all refuse deep inside a command.
File names are `Path` arguments and keep their bytes (a name on disk may legitimately be GBK); every other text
argument is checked here, once, for every command, and refused with one line naming the option.
"""

from __future__ import annotations

import argparse

from hpdesk.domain.errors import UserError, register_messages

register_messages(
    {
        "cli_argument_not_utf8": (
            "参数 {option} 的内容不是有效的 UTF-8 文本（可能是终端或脚本使用了 GBK 等其他编码）。"
            "请把终端或脚本改为 UTF-8 编码后重试。",
            "The value of {option} is not valid UTF-8 text (a GBK terminal or script?). Use UTF-8 and try again.",
        ),
    }
)


def _undecodable(text: str) -> bool:
    return any("\udc80" <= character <= "\udcff" for character in text)


def refuse_undecodable_text(args: argparse.Namespace) -> None:
    """UserError naming the first text argument (not a Path) that holds bytes argv could not decode as UTF-8."""
    for dest, value in vars(args).items():
        values = value if isinstance(value, (list, tuple)) else [value]
        if any(isinstance(item, str) and _undecodable(item) for item in values):
            raise UserError("cli_argument_not_utf8", option="--" + dest.replace("_", "-"))
