"""Application setup: the bundled CJK font becomes the UI font; a missing translation falls back to English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from hpdesk import paths
from hpdesk.ui import i18n
from hpdesk.ui.application import UI_FONT_FAMILY, load_bundled_fonts


def test_the_bundled_noto_sans_sc_is_the_ui_font(qapp) -> None:  # type: ignore[no-untyped-def]
    if not list(paths.fonts_dir().glob("NotoSansSC*.ttf")):
        pytest.skip("the bundled fonts are not built in this checkout")
    family = load_bundled_fonts()
    assert family is not None and family.startswith(UI_FONT_FAMILY)


def test_a_missing_qm_falls_back_to_english_and_says_so_in_the_log(qapp, tmp_path: Path, monkeypatch,  # type: ignore[no-untyped-def]
                                                                  caplog) -> None:
    monkeypatch.setattr(paths, "translations_dir", lambda: tmp_path)
    translators = i18n.install_translators(qapp, "zh_CN")
    try:
        assert "hpdesk_zh_CN.qm missing" in caplog.text
        assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_english_installs_no_translator(qapp) -> None:  # type: ignore[no-untyped-def]
    assert i18n.install_translators(qapp, "en") == []


def test_service_errors_read_in_the_ui_language(qapp) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.domain.errors import OperationCancelled, UserError

    error = UserError("workspace_busy", path="D:/hpdesk", pid=12, host="pc")
    assert "另一个" in i18n.error_text(error, "zh_CN") and "another" in i18n.error_text(error, "en")
    assert "取消" in i18n.error_text(OperationCancelled(), "zh_CN")
    assert "ValueError" in i18n.error_text(ValueError("x"), "en")


def test_labels_translate_service_codes_and_keep_unknown_ones(qapp) -> None:  # type: ignore[no-untyped-def]
    assert i18n.label(i18n.REVIEW_LABELS, "approved") in {"Approved", "已通过"}
    assert i18n.label(i18n.REVIEW_LABELS, "new_state") == "new_state"
