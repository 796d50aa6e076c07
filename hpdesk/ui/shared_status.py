"""Texts and the one role rule the UI needs in a shared workspace (issue 17): who is working, what others changed.

The services refuse what a clerk's role does not allow; the UI only avoids offering it. A 填报 (filler) clerk is
not offered approve/return, period lock/unlock, export or clerk management; a workspace without registered clerks
(one PC, the default) offers everything, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from hpdesk.ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from hpdesk.services.clerks import ChangeNotice, ClerkSummary

translate = QCoreApplication.translate  # lupdate extracts translate("Context", "literal") calls

# What an audit event's entity is, for the English UI (the Chinese UI shows the event's own Chinese summary).
_ENTITY_WORDS = {
    "report": QT_TRANSLATE_NOOP("SharedStatus", "a report"),
    "progress_report": QT_TRANSLATE_NOOP("SharedStatus", "a report"),
    "evidence": QT_TRANSLATE_NOOP("SharedStatus", "evidence"),
    "period": QT_TRANSLATE_NOOP("SharedStatus", "a period"),
    "reporting_period": QT_TRANSLATE_NOOP("SharedStatus", "a period"),
    "unit": QT_TRANSLATE_NOOP("SharedStatus", "a unit"),
    "task": QT_TRANSLATE_NOOP("SharedStatus", "assignments"),
    "assignment": QT_TRANSLATE_NOOP("SharedStatus", "assignments"),
    "clerk": QT_TRANSLATE_NOOP("SharedStatus", "the clerks"),
    "plan": QT_TRANSLATE_NOOP("SharedStatus", "the plan"),
    "submission": QT_TRANSLATE_NOOP("SharedStatus", "an export"),
}


def may_review(clerk: ClerkSummary | None) -> bool:
    """Whether to offer the reviewer's actions: to a reviewer, and where nobody is registered (None)."""
    return clerk is None or clerk.role == "reviewer"


def role_text(role: str) -> str:
    if role == "reviewer":
        return translate("SharedStatus", "reviewer")
    return translate("SharedStatus", "filler") if role == "filler" else role


def clerk_text(clerk: ClerkSummary | None, actor: str) -> str:
    """The status bar's "who is working": name and role, or the login marked as not registered."""
    if clerk is None:
        return translate("SharedStatus", "Shared database · {login} (not a registered clerk)").format(login=actor)
    return translate("SharedStatus", "Shared database · {name} ({role})").format(
        name=clerk.display_name or clerk.login, role=role_text(clerk.role))


def _what(notice: ChangeNotice, language: str) -> str:
    if language.startswith("zh") and notice.summary:
        return notice.summary
    word = _ENTITY_WORDS.get(notice.entity_type)
    return translate("SharedStatus", word) if word else notice.entity_type


def changes_text(notices: list[ChangeNotice], language: str) -> str:
    """One line for the status bar: who changed what (the latest change, and how many more)."""
    who = ("、" if language.startswith("zh") else ", ").join(dict.fromkeys(notice.actor for notice in notices))
    text = translate("SharedStatus", "{who} changed: {what}").format(who=who, what=_what(notices[-1], language))
    if len(notices) > 1:
        text += translate("SharedStatus", " (and {count} more changes)").format(count=len(notices) - 1)
    return text


def changes_details(notices: list[ChangeNotice], language: str) -> str:
    """Every change, one per line, for the status bar's tooltip."""
    return "\n".join(f"{notice.at[11:16]} {notice.actor}: {_what(notice, language)}" for notice in notices)
