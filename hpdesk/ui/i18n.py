"""Translators: hpdesk's own zh_CN catalogue plus Qt's qtbase_zh_CN, so standard buttons are Chinese too."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from hpdesk import paths
from hpdesk.domain.errors import UserError

log = logging.getLogger(__name__)
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load the app's and Qt's translations for `language` ('zh_CN' or 'en'); returns them (keep a reference)."""
    translators: list[QTranslator] = []
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return translators
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    own = QTranslator(app)
    if own.load(str(paths.translations_dir() / f"hpdesk_{language}.qm")):
        translators.append(own)
    else:
        log.warning("hpdesk_%s.qm missing in %s; the UI falls back to English", language, paths.translations_dir())
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    return translators


def error_text(error: BaseException, language: str = DEFAULT_LANGUAGE) -> str:
    """The clerk-facing text of a service error: UserError in the UI's language, anything else a generic notice."""
    ui_language = "en" if language == "en" else "zh"
    if isinstance(error, UserError):
        return error.message(ui_language)
    return UserError("internal", detail=f"{type(error).__name__}: {error}").message(ui_language)
