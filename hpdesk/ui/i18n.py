"""Translators and translated labels.

The source strings are English and wrapped for lupdate; `resources/i18n/hpdesk_zh_CN.ts` holds the Chinese (the
default), compiled to .qm by installer/build_translations.py. Qt's own qtbase_zh_CN.qm is loaded beside it so OK,
Cancel and the file dialogs speak Chinese too. Codes that services return (report status, review state, verdict …)
are turned into labels here, in the UI's language, from tables marked with QT_TRANSLATE_NOOP; the messages services
return (codes with parameters) are rendered from the one message catalogue (domain.messages) in the UI's language.

Widgets translate with `self.tr()`, whose context is the class that calls it and which lupdate files under the
class it is written in: so a widget class is not subclassed (a subclass would look its parent's strings up under
its own name and find none).
"""

from __future__ import annotations

import logging
from collections.abc import MutableMapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hpdesk import paths
from hpdesk.domain.errors import OperationCancelled, UserError, environment_error
from hpdesk.domain.messages import Message

log = logging.getLogger(__name__)
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}  # each language is named in itself, never translated



def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - lupdate finds the literals by this name
    """Mark `source` for lupdate under `context` and return it untranslated, typed as str (PySide6's returns
    `object`); `tr(context, source)` or `label` translates it where it is shown."""
    return source


_LABELS = "Labels"
STATUS_LABELS = {
    "not_started": QT_TRANSLATE_NOOP("Labels", "Not started"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "done": QT_TRANSLATE_NOOP("Labels", "Done"),
    "not_done": QT_TRANSLATE_NOOP("Labels", "Not done"),
    "not_applicable": QT_TRANSLATE_NOOP("Labels", "Not applicable"),
}
REVIEW_LABELS = {
    "draft": QT_TRANSLATE_NOOP("Labels", "Draft"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "Submitted"),
    "returned": QT_TRANSLATE_NOOP("Labels", "Returned"),
    "approved": QT_TRANSLATE_NOOP("Labels", "Approved"),
}
ROLE_LABELS = {
    "lead": QT_TRANSLATE_NOOP("Labels", "Lead"),
    "co": QT_TRANSLATE_NOOP("Labels", "Co-responsible"),
}
UNIT_TYPE_LABELS = {
    "department": QT_TRANSLATE_NOOP("Labels", "Department"),
    "street": QT_TRANSLATE_NOOP("Labels", "Street"),
    "township": QT_TRANSLATE_NOOP("Labels", "Township"),
    "hospital": QT_TRANSLATE_NOOP("Labels", "Hospital"),
    "community_health_centre": QT_TRANSLATE_NOOP("Labels", "Community health centre"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
VERDICT_LABELS = {
    "met": QT_TRANSLATE_NOOP("Labels", "Met"),
    "not_met": QT_TRANSLATE_NOOP("Labels", "Not met"),
    "on_track": QT_TRANSLATE_NOOP("Labels", "On track"),
    "off_track": QT_TRANSLATE_NOOP("Labels", "Off track"),
    "needs_judgement": QT_TRANSLATE_NOOP("Labels", "Needs judgement"),
    "no_value": QT_TRANSLATE_NOOP("Labels", "No value yet"),
}
EVIDENCE_KIND_LABELS = {
    "document": QT_TRANSLATE_NOOP("Labels", "Document / plan"),
    "minutes": QT_TRANSLATE_NOOP("Labels", "Meeting minutes"),
    "sign_in": QT_TRANSLATE_NOOP("Labels", "Sign-in sheet"),
    "photo": QT_TRANSLATE_NOOP("Labels", "Photo"),
    "screenshot": QT_TRANSLATE_NOOP("Labels", "Screenshot"),
    "statistics": QT_TRANSLATE_NOOP("Labels", "Statistics"),
    "ledger": QT_TRANSLATE_NOOP("Labels", "Ledger"),
    "media": QT_TRANSLATE_NOOP("Labels", "Media report"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
PERIOD_STATE_LABELS = {
    "open": QT_TRANSLATE_NOOP("Labels", "Open"),
    "submitted": QT_TRANSLATE_NOOP("Labels", "Sent to the city"),
    "locked": QT_TRANSLATE_NOOP("Labels", "Locked"),
}
PERIOD_KIND_LABELS = {
    "semiannual": QT_TRANSLATE_NOOP("Labels", "Half-yearly"),
    "quarterly": QT_TRANSLATE_NOOP("Labels", "Quarterly"),
    "annual": QT_TRANSLATE_NOOP("Labels", "Yearly"),
}
FLAG_LABELS = {  # why the import asked the clerk to look at a row
    "fragment": QT_TRANSLATE_NOOP("Labels", "looks like part of the row above"),
    "shifted_cells": QT_TRANSLATE_NOOP("Labels", "cells seem shifted to another column"),
    "blank_departments": QT_TRANSLATE_NOOP("Labels", "names no department"),
    "duplicate_row": QT_TRANSLATE_NOOP("Labels", "repeats another row"),
    "no_department_columns": QT_TRANSLATE_NOOP("Labels", "the table has no department columns"),
    "action_goal": QT_TRANSLATE_NOOP("Labels", "looks like an action's goal, not a task"),
}


def label(table: dict[str, str], code: str) -> str:
    """The translated label of a service code, or the code itself when the table does not know it."""
    source = table.get(code)
    return QCoreApplication.translate(_LABELS, source) if source else code


def then_sentence(text: str, sentence: str) -> str:
    """`sentence` after `text`: a space after an English full stop, none after a Chinese one ("…86 项。 其中…"
    showed a stray space in the Chinese UI)."""
    return text + ("" if not text or text[-1] in "。！？；）”" else " ") + sentence


def prefer_chinese_dates(environ: MutableMapping[str, str]) -> bool:
    """Make the *system* locale's dates Chinese; call before Qt reads the system locale (before the first QSettings).

    Qt's file dialog writes file dates with QLocale.system() — on Linux read once per process from LC_ALL / LC_TIME /
    LANG — not with the default locale `install_translators` sets, so under LANG=C (a bare install, a service
    account) the dialog said "5 12 2026 19:16" beside Chinese headers. With no LC_ALL and a time locale that is not
    Chinese, LC_TIME=zh_CN.UTF-8 is set ("2026/12/5 19:16"). It cannot wait for the stored UI language: reading it
    (QSettings) already fixes the system locale; an English UI gets the same all-digit dates, which read the same in
    English. An explicit LC_ALL is the user's choice and is left alone. Windows and macOS take the user's regional
    settings instead and are unaffected. Returns whether it changed the environment.
    """
    if environ.get("LC_ALL"):
        return False
    current = environ.get("LC_TIME") or environ.get("LANG") or "C"
    if current.startswith("zh_"):
        return False
    environ["LC_TIME"] = "zh_CN.UTF-8"
    return True


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's translations for `language` ('zh_CN' or 'en'); returns them (keep a reference).

    A missing hpdesk .qm is not fatal: the UI falls back to its English source strings and the log says why.
    """
    translators: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return translators
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    own = QTranslator(app)
    if own.load(str(paths.translations_dir() / f"hpdesk_{language}.qm")):
        translators.append(own)
    else:
        log.warning("hpdesk_%s.qm missing in %s; the UI falls back to English (run installer/build_translations.py)",
                    language, paths.translations_dir())
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # qt_xx is the catalogue of every Qt module (it names qtbase_xx, qtmultimedia_xx … as dependencies, which load
    # with it); qtbase_xx alone left the file dialog half English. Both ship in PySide6's translations folder.
    for catalogue in (f"qt_{language}", f"qtbase_{language}"):
        qt = QTranslator(app)
        if qt.load(catalogue, qt_folder):
            translators.append(qt)
        else:
            log.warning("%s.qm not found; some of Qt's own texts stay in English", catalogue)
    # Qt texts that Qt's own Chinese catalogue misses ("&Look in:", "Files of &type:", "Folder"), from ours.
    extra = QTranslator(app)
    if extra.load(str(paths.translations_dir() / f"qt_extra_{language}.qm")):
        translators.append(extra)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def catalogue_language(language: str) -> str:
    """The message catalogue's language code ('zh' or 'en') for a UI language ('zh_CN' or 'en')."""
    return "en" if language == "en" else "zh"


def message_text(message: Message | None, language: str) -> str:
    """A service's message (notice, progress step, row issue, judgement reason) in the UI's language; '' for None.

    The UI always passes its own language (the Settings choice), never the process locale."""
    return message.text(catalogue_language(language)) if message is not None else ""


def error_text(error: BaseException, language: str) -> str:
    """The clerk-facing text of a service error: UserError in the UI's language, anything else a generic notice."""
    if isinstance(error, UserError):
        return error.message(catalogue_language(language))
    if isinstance(error, OperationCancelled):
        return UserError("operation_cancelled").message(catalogue_language(language))
    condition = environment_error(error)
    if condition is not None:  # a full disk, a read-only folder, a missing permission
        return condition.message(catalogue_language(language))
    return UserError("internal", detail=f"{type(error).__name__}: {error}").message(catalogue_language(language))
