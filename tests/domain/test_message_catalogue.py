"""The one message catalogue is complete: every code the code base uses has a Chinese and an English text, and every
placeholder of those texts is given by each place that uses the code."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest

import hpdesk
from hpdesk.domain import messages
from hpdesk.domain.messages import Message, register_messages, render_message

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")
# English texts that quote document content on purpose: the header words of the city's sheet, the form of a
# document number or a figure the clerk types in Chinese.
QUOTES_DOCUMENT_CONTENT = {"export_doc_number_invalid", "export_doc_prefix_missing", "figure_invalid",
                           "import_no_header"}
# The Chinese text names a review state or action by its Chinese label, the English one by its code.
LABEL_OR_CODE = {"review_not_allowed", "review_report_missing"}
# Calls whose first argument is a message code: UserError("code", …), Message.of("code", …), and the progress
# report(progress, done, total, "code", …) whose fourth argument is one.
CODE_ARGUMENT = {"UserError": 0, "of": 0, "report": 3}


def _catalogue() -> dict[str, tuple[str, str]]:
    for module in pkgutil.walk_packages(hpdesk.__path__, "hpdesk."):
        if not module.name.startswith(("hpdesk.ui", "hpdesk.__main__")):  # the UI registers no codes
            importlib.import_module(module.name)
    return dict(messages._MESSAGES)


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _text, name, _spec, _conv in string.Formatter().parse(template)
            if name}


def _uses() -> list[tuple[str, str, set[str] | None]]:
    """(where, code, keyword names given — None when **params are passed on) for each literal code in hpdesk/."""
    found = []
    for path in sorted(Path(hpdesk.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "of" and not (isinstance(node.func, ast.Attribute)
                                     and getattr(node.func.value, "id", "") == "Message"):
                continue
            position = CODE_ARGUMENT.get(name)
            if position is None or len(node.args) <= position:
                continue
            code = node.args[position]
            if not (isinstance(code, ast.Constant) and isinstance(code.value, str) and code.value):
                continue  # a code in a variable, or report()'s '' (no new step)
            names = {keyword.arg for keyword in node.keywords}
            found.append((f"{path.name}:{node.lineno}", code.value, None if None in names else names))
    return found


def test_every_code_has_a_chinese_and_an_english_text_with_the_same_placeholders() -> None:
    catalogue = _catalogue()
    assert len(catalogue) > 100
    for code, (chinese, english) in catalogue.items():
        assert chinese.strip() and english.strip(), code
        assert CJK.search(chinese) or not re.sub(r"\{\w+\}", "", chinese), f"{code}: the Chinese text is not Chinese"
        assert code in QUOTES_DOCUMENT_CONTENT or not CJK.search(english), f"{code}: Chinese in the English text"
        assert _fields(chinese) == _fields(english) or code in LABEL_OR_CODE, code


def test_every_code_used_is_registered_and_given_every_placeholder() -> None:
    catalogue = _catalogue()
    uses = _uses()
    assert len(uses) > 100  # the scan finds the call sites (a broken scan would pass vacuously)
    for where, code, given in uses:
        assert code in catalogue, f"{where}: {code!r} has no text in the catalogue"
        if given is not None:
            for template in catalogue[code]:
                missing = _fields(template) - given
                assert not missing, f"{where}: {code!r} needs {missing}"


def test_a_message_renders_in_the_language_asked_and_a_nested_message_in_the_same_one() -> None:
    register_messages({"test_outer": ("外层：{inner}", "Outer: {inner}"), "test_inner": ("内层 {n}", "inner {n}")})
    message = Message.of("test_outer", inner=Message.of("test_inner", n=3))
    assert message.text("zh") == "外层：内层 3" and message.text("en") == "Outer: inner 3"


def test_a_code_registered_twice_with_other_texts_is_refused() -> None:
    register_messages({"test_twice": ("一", "one")})
    with pytest.raises(ValueError, match="test_twice"):
        register_messages({"test_twice": ("二", "two")})


def test_an_unknown_code_still_shows_its_code_and_params() -> None:
    assert render_message("test_never_registered", {"file": "a.xlsx"}, "en") == \
        "test_never_registered: {'file': 'a.xlsx'}"
