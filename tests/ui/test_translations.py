"""The shipped zh_CN translation is complete and keeps every {placeholder} of its source."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

TS_FILE = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "hpdesk_zh_CN.ts"


def _messages() -> list[ET.Element]:
    return list(ET.parse(TS_FILE).getroot().iter("message"))


def test_translation_has_no_unfinished_or_empty_entries() -> None:
    unfinished = [m.findtext("source") for m in _messages()
                  if m.find("translation").get("type") in {"unfinished", "vanished", "obsolete"}
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_translation_keeps_the_placeholders_of_its_source() -> None:
    for message in _messages():
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", translation)), source
