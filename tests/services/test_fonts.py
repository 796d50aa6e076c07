"""The bundled CJK fonts: present, embeddable by reportlab, and honest about what they cannot draw."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from hpdesk.domain.errors import UserError
from hpdesk.services import fonts
from hpdesk.services.fonts import FontRole

# Runs once, not on both back ends: no workspace (the bundled fonts).

REQUIRED_ROLES = [role for role, font in fonts.BUNDLED_FONTS.items() if font.required]


def gbk_hanzi() -> set[str]:
    characters = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                ch = bytes([lead, trail]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if 0x4E00 <= ord(ch) <= 0x9FFF:
                characters.add(ch)
    return characters


@pytest.mark.parametrize("role", REQUIRED_ROLES)
def test_every_required_font_file_is_bundled(role):
    assert fonts.font_path(role).is_file()


def test_registering_twice_registers_once_and_names_every_required_role():
    first = fonts.register_pdf_fonts()
    second = fonts.register_pdf_fonts()
    assert first == second
    assert {first[role] for role in REQUIRED_ROLES} == {"HpSans", "HpSansBold", "HpSerifBold", "HpFang"}


def test_pdf_drawn_with_bundled_fonts_embeds_truetype_and_never_names_stsong():
    fonts.register_pdf_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for offset, role in enumerate(REQUIRED_ROLES):
        pdf.setFont(fonts.pdf_font_name(role), 14)
        pdf.drawString(72, 700 - offset * 30, "某卫发〔2025〕3号 ≥92.3% 36.5℃ ①")
    pdf.save()
    data = buffer.getvalue()
    assert data.count(b"/FontFile2") >= len(REQUIRED_ROLES)
    assert b"STSong" not in data


def test_noto_faces_cover_every_gbk_hanzi():
    hanzi = "".join(sorted(gbk_hanzi()))
    assert fonts.missing_glyphs(hanzi, FontRole.SANS) == set()
    assert fonts.missing_glyphs(hanzi, FontRole.SERIF_BOLD) == set()


def test_noto_sans_covers_report_punctuation_and_symbols():
    text = "〔〕《》、，。；：？！“”‘’（）—…≥≤‰℃①⑴⒈㈠№㎡±×÷￥·ǎǖü\n\t"
    assert fonts.missing_glyphs(text, FontRole.SANS) == set()


def test_characters_outside_gbk_are_reported_missing():
    assert fonts.missing_glyphs("王㐀", FontRole.SANS) == {"㐀"}


def test_fangsong_reports_rare_name_characters_it_lacks():
    assert fonts.missing_glyphs("张喆同志", FontRole.FANG) == {"喆"}


def test_fangsong_reports_the_fullwidth_yen_it_draws_wrongly_upstream():
    assert fonts.missing_glyphs("￥100", FontRole.FANG) == {"￥"}


def test_missing_font_file_is_a_user_error(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts.paths, "fonts_dir", lambda: tmp_path)
    with pytest.raises(UserError) as raised:
        fonts.missing_glyphs("中", FontRole.SANS)
    assert raised.value.code == "font_file_missing"
    with pytest.raises(UserError) as refused:
        fonts.register_pdf_fonts()
    assert refused.value.code == "font_file_missing" and "NotoSansSC" in refused.value.message("zh")
