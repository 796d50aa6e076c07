"""User-facing errors as codes with parameters, and their text in Chinese and English.

Services raise `UserError(code, **params)` for anything the user can fix (a wrong file, a locked period, a missing
workspace). The CLI prints `UserError.message(language)` on one line and exits 2; the UI shows the same text in a
dialog. Programming errors are ordinary exceptions: they go to the log file with a traceback.

Each module that raises new codes registers its texts with `register_messages` at import time, so the catalogue of a
feature lives next to the feature. Placeholders are `{name}` fields filled from the error's params.
"""

from __future__ import annotations

import os
from typing import Any

# code -> (Chinese template, English template)
_MESSAGES: dict[str, tuple[str, str]] = {}


def register_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Add (Chinese, English) templates for error codes. A code registered twice must keep the same text."""
    for code, texts in messages.items():
        existing = _MESSAGES.get(code)
        if existing is not None and existing != texts:
            raise ValueError(f"error code {code!r} registered twice with different texts")
        _MESSAGES[code] = texts


def message_templates() -> dict[str, tuple[str, str]]:
    """A copy of every registered (Chinese, English) template, for tests of the catalogue."""
    return dict(_MESSAGES)


class UserError(Exception):
    """A mistake or condition the user can act on. `code` selects the text; `params` fill it."""

    def __init__(self, code: str, /, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str | None = None) -> str:
        """The one-line text in `language` ('zh' or 'en'); defaults to the process locale."""
        language = language or preferred_language()
        chinese, english = _MESSAGES.get(self.code, ("{code}: {params}", "{code}: {params}"))
        template = chinese if language == "zh" else english
        try:
            return template.format(**{"code": self.code, "params": self.params, **self.params})
        except (KeyError, IndexError, ValueError):
            # A template/param mismatch is our bug, but the user must still see something useful.
            return f"{self.code}: {self.params}"


class OperationCancelled(Exception):
    """Raised inside a long operation when the user pressed Cancel; the unit of work rolls back."""


def preferred_language() -> str:
    """'zh' when HPDESK_LANG or the POSIX locale variables say Chinese (or nothing usable is set), else 'en'.

    The product's users are Chinese-speaking, so Chinese is the default; an explicit C/POSIX/English locale
    (as on a developer's or CI machine) gives English.
    """
    explicit = os.environ.get("HPDESK_LANG", "").strip().lower()
    if explicit:
        return "zh" if explicit.startswith("zh") else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "").strip().lower()
        if value:
            return "zh" if value.startswith("zh") else "en"
    return "zh"


register_messages(
    {
        "internal": ("内部错误：{detail}。详情已写入日志文件。", "Internal error: {detail}. Details are in the log file."),
        "operation_cancelled": ("操作已取消，未作任何改动。", "Cancelled; nothing was changed."),
    }
)
