"""The UI's view of the façade is one Protocol (hpdesk.ui.app_services.AppServices): the real façade
(hpdesk.services.desk.Desk) and the UI tests' fake (ui_fakes.FakeServices) must both offer every member of it,
callable in every way the Protocol allows, so a view tested against the fake works against the real thing. The same
holds for the questions views ask the clerk (hpdesk.ui.prompts.Prompts: UserPrompts and ui_fakes.FakePrompts)."""

from __future__ import annotations

import inspect
from typing import Any

from ui_fakes import FakePrompts, FakeServices

from hpdesk.services.desk import Desk
from hpdesk.ui.app_services import AppServices
from hpdesk.ui.prompts import Prompts, UserPrompts

POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)


def _protocol_members(protocol: type) -> dict[str, Any]:
    return {name: value for name, value in vars(protocol).items()
            if not name.startswith("_") and (callable(value) or isinstance(value, property))}


def _call_problems(name: str, wanted: inspect.Signature, offered: inspect.Signature) -> list[str]:
    """Why a call that `wanted` allows could fail against `offered` (both without `self`)."""
    problems = []
    given = list(offered.parameters.values())
    by_name = {parameter.name: parameter for parameter in given}
    var_positional = any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in given)
    var_keyword = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in given)
    for index, parameter in enumerate(wanted.parameters.values()):
        match = by_name.get(parameter.name)
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            if not var_keyword:
                problems.append(f"{name}: takes no **{parameter.name}")
            continue
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            if not var_positional:
                problems.append(f"{name}: takes no *{parameter.name}")
            continue
        if parameter.kind in POSITIONAL:
            same_place = index < len(given) and given[index].name == parameter.name and given[index].kind in POSITIONAL
            if not same_place and not (var_positional and var_keyword):
                problems.append(f"{name}: parameter {parameter.name!r} is not positional at place {index}")
                continue
        elif match is None and not var_keyword:
            problems.append(f"{name}: no keyword parameter {parameter.name!r}")
            continue
        optional = parameter.default is not inspect.Parameter.empty
        if optional and match is not None and match.default is inspect.Parameter.empty:
            problems.append(f"{name}: {parameter.name!r} may be omitted but is required here")
    wanted_names = set(wanted.parameters)
    for parameter in given:
        required = parameter.default is inspect.Parameter.empty and parameter.kind not in (
            inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        if required and parameter.name not in wanted_names:
            problems.append(f"{name}: requires {parameter.name!r}, which callers never pass")
    return problems


def protocol_problems(protocol: type, implementation: object) -> list[str]:
    """Every member of `protocol` missing from `implementation` (a class or an instance) or not callable the same
    way; empty when it conforms."""
    problems = []
    for name, member in _protocol_members(protocol).items():
        if not hasattr(implementation, name):
            problems.append(f"{name}: missing")
            continue
        if isinstance(member, property):
            continue
        offered = getattr(implementation, name)
        if not callable(offered):
            problems.append(f"{name}: not callable")
            continue
        wanted = inspect.signature(member)
        wanted = wanted.replace(parameters=list(wanted.parameters.values())[1:])  # drop self
        signature = inspect.signature(offered)
        if isinstance(implementation, type):  # a plain function on the class: drop self
            signature = signature.replace(parameters=list(signature.parameters.values())[1:])
        problems.extend(_call_problems(name, wanted, signature))
    return problems


def test_the_real_facade_offers_everything_the_ui_may_call() -> None:
    assert protocol_problems(AppServices, Desk) == []
    assert {"workspace_root", "actor"} <= {name for name, value in vars(Desk).items() if isinstance(value, property)}


def test_the_ui_fake_offers_everything_the_ui_may_call_in_the_same_way() -> None:
    assert protocol_problems(AppServices, FakeServices()) == []


def test_a_missing_member_or_a_different_way_of_calling_is_reported() -> None:
    class Drifted:
        workspace_root = actor = None

        def review(self, task_code: str, unit: str, period: str, verdict: str) -> None: ...

        def count_reports(self, period_label: str, review_state: str, page: int) -> int: ...

        def reports(self, period_label: str, review_state: str | None, limit: int | None, offset: int) -> list[Any]: ...

    problems = protocol_problems(AppServices, Drifted())
    assert "search: missing" in problems
    assert "review: parameter 'period_label' is not positional at place 2" in problems
    assert "count_reports: requires 'page', which callers never pass" in problems
    assert "reports: 'review_state' may be omitted but is required here" in problems


def test_the_real_prompts_and_the_ui_fake_answer_every_question_views_may_ask() -> None:
    assert protocol_problems(Prompts, UserPrompts) == []
    assert protocol_problems(Prompts, FakePrompts()) == []
