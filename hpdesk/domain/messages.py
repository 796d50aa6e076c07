"""The one message catalogue: every text hpdesk shows the clerk, as a code with parameters, in Chinese and English.

Services never compose prose for the clerk. They produce a `Message` (or raise `UserError`, which carries one):
errors, evidence notices, progress steps, import row issues, judgement reasons. The edge renders it in the language
the user chose: the GUI passes its Settings language, the CLI the process locale (`preferred_language`). Chinese
prose stays in services only where it is document content (the packet, the letter, the Excel export, audit
summaries), which is Chinese whatever the UI language.

Each module registers the texts of its codes with `register_messages` at import time, so the catalogue of a feature
lives next to the feature. Placeholders are `{name}` fields filled from the message's params; a param that is itself
a Message is rendered in the same language (a judgement reason quoting another one).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

# code -> (Chinese template, English template)
_MESSAGES: dict[str, tuple[str, str]] = {}


def register_messages(messages: dict[str, tuple[str, str]]) -> None:
    """Add (Chinese, English) templates for message codes. A code registered twice must keep the same text."""
    for code, texts in messages.items():
        existing = _MESSAGES.get(code)
        if existing is not None and existing != texts:
            raise ValueError(f"message code {code!r} registered twice with different texts")
        _MESSAGES[code] = texts


def message_template(code: str) -> tuple[str, str] | None:
    """The (Chinese, English) templates of `code`, None when it is not registered: sent along with a message that
    crosses to a process which may not have imported the module registering it."""
    return _MESSAGES.get(code)


def render_message(code: str, params: dict[str, Any], language: str | None = None) -> str:
    """The text of `code` filled from `params`, in 'zh' or 'en' (default: the process locale)."""
    language = language or preferred_language()
    chinese, english = _MESSAGES.get(code, ("{code}: {params}", "{code}: {params}"))
    filled = {key: value.text(language) if isinstance(value, Message) else value for key, value in params.items()}
    try:
        return (chinese if language == "zh" else english).format(**{"code": code, "params": params, **filled})
    except (KeyError, IndexError, ValueError):
        # A template/param mismatch is our bug, but the user must still see something useful.
        return f"{code}: {params}"


@dataclass(frozen=True)
class Message:
    """A code and its parameters; `text(language)` renders it. Hashable and picklable (crosses to the GUI thread
    and back from a child process)."""

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Any) -> Message:
        return cls(code, tuple(params.items()))

    def text(self, language: str | None = None) -> str:
        """The text in 'zh' or 'en' (default: the process locale)."""
        return render_message(self.code, dict(self.params), language)

    def to_json(self) -> dict[str, Any]:
        """A JSON-safe dict (nested messages too), for a cache in the database; `from_json` restores it."""
        return {"code": self.code,
                "params": {key: value.to_json() if isinstance(value, Message) else value for key, value in self.params}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Message:
        params = {key: cls.from_json(value) if isinstance(value, dict) and "code" in value else value
                  for key, value in (data.get("params") or {}).items()}
        return cls.of(str(data["code"]), **params)


def joined(messages: list[Message]) -> Message | None:
    """The messages one after another, separated by "；" in Chinese and "; " in English (None for none)."""
    if not messages:
        return None
    result = messages[0]
    for message in messages[1:]:
        result = Message.of("joined", first=result, second=message)
    return result


register_messages({"joined": ("{first}；{second}", "{first}; {second}")})


def preferred_language() -> str:
    """'zh' when HPDESK_LANG or the POSIX locale variables say Chinese (or nothing usable is set), else 'en'.

    The product's users are Chinese-speaking, so Chinese is the default; an explicit C/POSIX/English locale
    (as on a developer's or CI machine) gives English. Only the CLI uses this: the GUI passes its own language.
    """
    explicit = os.environ.get("HPDESK_LANG", "").strip().lower()
    if explicit:
        return "zh" if explicit.startswith("zh") else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "").strip().lower()
        if value:
            return "zh" if value.startswith("zh") else "en"
    return "zh"
