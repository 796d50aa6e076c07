"""The attack catalogue (attack_catalogue.py) names every reliability test and covers every item of issue 12."""

from __future__ import annotations

import ast
from pathlib import Path

from attack_catalogue import ATTACKS, CONTROLS, ITEMS

HERE = Path(__file__).parent


def _test_functions() -> set[str]:
    names: set[str] = set()
    for path in HERE.glob("test_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}
    return names - set(_SELF)


_SELF = ("test_every_reliability_test_is_catalogued_once", "test_every_item_of_the_issue_has_an_attack")


def test_every_reliability_test_is_catalogued_once() -> None:
    assert not set(ATTACKS) & set(CONTROLS)
    assert _test_functions() == set(ATTACKS) | set(CONTROLS)


def test_every_item_of_the_issue_has_an_attack() -> None:
    attacked = {item for items in ATTACKS.values() for item in items}
    assert attacked == set(ITEMS)
    assert {item for items in CONTROLS.values() for item in items} <= set(ITEMS)
