"""The county's units: names and aliases, counterparts, the starter list from the plan, edits — all audited."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from plan_builder import audit_events, build_plan, unit_named
from pg_fixtures import BOTH_BACK_ENDS

from hpdesk.domain.errors import UserError
from hpdesk.services.audit import verify_audit_chain
from hpdesk.services.audit_seal import SESSION_KEY, verify_seal
from hpdesk.services.units import add_unit, list_units, seed_units_from_plan, update_unit
from hpdesk.services.workspace import Workspace
from hpdesk.storage.unit_store import find_unit

pytestmark = BOTH_BACK_ENDS  # every test here runs on SQLite and on PostgreSQL (issue 17)


def test_a_unit_is_added_with_type_aliases_and_normalised_counterparts(workspace: Workspace) -> None:
    unit = add_unit(workspace, "区卫生健康委", "department", aliases=["区卫健委"], counterparts=["市卫健委"])
    assert (unit.name, unit.type_label, unit.aliases, unit.counterparts) == (
        "区卫生健康委", "部门", ("区卫健委",), ("市卫生健康委",))


def test_adding_a_unit_is_audited_with_what_was_created(workspace: Workspace) -> None:
    unit = add_unit(workspace, "北下街街道", "street", aliases=["北下街办事处"])
    event = audit_events(workspace, "unit")[-1]
    assert (event.action, event.entity_id, event.actor) == ("create", str(unit.id), "tester")
    assert event.before is None and event.after["aliases"] == ["北下街办事处"]


def test_names_and_aliases_are_unique_across_units(workspace: Workspace) -> None:
    add_unit(workspace, "北下街街道", "street", aliases=["北下街办事处"])
    for name, aliases in (("北下街办事处", []), ("城东路街道", ["北下街街道"])):
        with pytest.raises(UserError) as refused:
            add_unit(workspace, name, "street", aliases=aliases)
        assert refused.value.code == "unit_exists"


def test_an_unknown_type_or_an_empty_name_is_refused(workspace: Workspace) -> None:
    with pytest.raises(UserError) as wrong_type:
        add_unit(workspace, "区医院", "clinic")
    with pytest.raises(UserError) as empty:
        add_unit(workspace, "  ")
    assert (wrong_type.value.code, empty.value.code) == ("unit_type_invalid", "unit_name_empty")
    assert "clinic" in wrong_type.value.message("zh") and "clinic" in wrong_type.value.message("en")


def test_a_unit_is_found_by_an_alias(workspace: Workspace) -> None:
    add_unit(workspace, "区卫生健康委", aliases=["区卫健委"])
    with workspace.database.read_only() as session:
        assert find_unit(session, " 区卫健委 ").name == "区卫生健康委"
    assert unit_named(workspace, "区卫健委").name == "区卫生健康委"
    with pytest.raises(UserError) as unknown:
        unit_named(workspace, "区教育局")
    assert unknown.value.code == "unit_unknown"


def test_the_starter_list_mirrors_the_city_departments_of_county_tasks(workspace: Workspace) -> None:
    build_plan(workspace)
    created = {unit.name: unit for unit in seed_units_from_plan(workspace)}
    assert set(created) == {"区卫生健康委", "区教育局", "区体育局", "区市场监管局"}  # not 区发展改革委: city-only task
    assert created["区卫生健康委"].counterparts == ("市卫生健康委",)
    assert "区卫健委" in created["区卫生健康委"].aliases
    assert not any("各县" in name for name in created)


def test_seeding_cleans_names_merges_spellings_and_mirrors_the_youth_league(workspace: Workspace) -> None:
    from sqlalchemy import select

    from hpdesk.storage.records import TaskRecord

    build_plan(workspace)
    with workspace.database.unit_of_work() as session:
        task = session.scalars(select(TaskRecord).where(TaskRecord.code == "A01-T001")).one()
        task.responsible_departments = ["市工信局", "市工业信息化局", "市农业农村局", "市农村农业局", "市直各有关部门",
                                        "市妇联）", "团市委", "各县（市、区）"]
    names = {unit.name for unit in seed_units_from_plan(workspace)}
    assert {"区工信局", "区农业农村局", "区妇联", "团区委"} <= names
    assert not names & {"区工业信息化局", "区农村农业局", "区直各有关部门", "区妇联）"}
    assert unit_named(workspace, "区工业信息化局").name == "区工信局"  # the other spelling finds the same unit


def test_seeding_again_creates_nothing(workspace: Workspace) -> None:
    build_plan(workspace)
    seed_units_from_plan(workspace)
    events = len(audit_events(workspace))
    assert seed_units_from_plan(workspace) == []
    assert len(audit_events(workspace)) == events


def test_seeding_links_an_existing_unit_of_the_same_name_instead_of_duplicating_it(workspace: Workspace) -> None:
    build_plan(workspace)
    add_unit(workspace, "区教育局", "department")
    created = seed_units_from_plan(workspace)
    assert "区教育局" not in {unit.name for unit in created}
    assert unit_named(workspace, "区教育局").counterparts == ("市教育局",)


def test_seeding_uses_the_county_word_of_the_office(workspace: Workspace) -> None:
    from hpdesk.services.workspace import OfficeChanges, update_office_profile

    update_office_profile(workspace, OfficeChanges(region="平阴县"))
    build_plan(workspace)
    assert "县卫生健康委" in {unit.name for unit in seed_units_from_plan(workspace)}


def test_the_clerk_edits_a_unit_and_the_change_is_audited_before_and_after(workspace: Workspace) -> None:
    add_unit(workspace, "北下街办事处", "other", counterparts=["市民政局"])
    edited = update_unit(workspace, "北下街办事处", new_name="北下街街道", unit_type="street",
                         add_aliases=["北下街办事处", "北下街"], remove_counterparts=["市民政局"],
                         add_counterparts=["市卫健委"], contact="张三 0371-1234567")
    assert (edited.name, edited.unit_type, edited.aliases, edited.counterparts, edited.contact) == (
        "北下街街道", "street", ("北下街办事处", "北下街"), ("市卫生健康委",), "张三 0371-1234567")
    event = audit_events(workspace, "unit")[-1]
    assert (event.before["name"], event.after["name"]) == ("北下街办事处", "北下街街道")


def test_renaming_onto_another_units_alias_is_refused_and_changes_nothing(workspace: Workspace) -> None:
    add_unit(workspace, "区卫生健康委", aliases=["区卫健委"])
    add_unit(workspace, "区教育局")
    with pytest.raises(UserError) as refused:
        update_unit(workspace, "区教育局", new_name="区卫健委", add_aliases=["区教体局"])
    assert refused.value.code == "unit_exists"
    assert unit_named(workspace, "区教育局").aliases == ()


def test_inactive_units_are_hidden_unless_asked_for(workspace: Workspace) -> None:
    add_unit(workspace, "区卫生健康委")
    add_unit(workspace, "北下街街道", "street")
    update_unit(workspace, "北下街街道", active=False)
    assert [unit.name for unit in list_units(workspace)] == ["区卫生健康委"]
    assert [unit.name for unit in list_units(workspace, include_inactive=True)] == ["区卫生健康委", "北下街街道"]


def test_units_are_filtered_by_text_in_names_aliases_or_counterparts_and_by_type(workspace: Workspace) -> None:
    add_unit(workspace, "区卫生健康委", aliases=["区卫健委"], counterparts=["市卫生健康委"])
    add_unit(workspace, "北下街街道", "street", counterparts=["市民政局"])
    assert [u.name for u in list_units(workspace, text="卫健委")] == ["区卫生健康委"]
    assert [u.name for u in list_units(workspace, text="民政")] == ["北下街街道"]
    assert [u.name for u in list_units(workspace, unit_type="street")] == ["北下街街道"]


def test_the_starter_list_from_an_imported_sample_plan(workspace: Workspace,
                                                       sample_copy) -> None:  # type: ignore[no-untyped-def]
    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import

    apply_import(workspace, analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx")))
    units = {unit.name: unit for unit in seed_units_from_plan(workspace)}
    assert "市卫生健康委" in units["区卫生健康委"].counterparts
    assert all(name.startswith(("区", "团区委")) for name in units)


def test_each_seeded_unit_is_audited_with_its_stored_aliases_and_counterparts(workspace: Workspace) -> None:
    build_plan(workspace)
    created = seed_units_from_plan(workspace)
    events = {event.entity_id: event for event in audit_events(workspace, "unit") if event.action == "create"}
    for unit in created:
        stored = unit_named(workspace, unit.name)
        assert events[str(unit.id)].after == {"name": stored.name, "type": stored.unit_type,
                                              "aliases": list(stored.aliases),
                                              "counterparts": list(stored.counterparts), "contact": "",
                                              "active": True}
    assert any(unit.aliases for unit in created)


def test_seeding_writes_each_table_in_one_statement_and_the_trail_still_verifies(workspace: Workspace,
                                                                                 sample_copy) -> None:  # type: ignore[no-untyped-def]
    """29 units from the Taian plan: 29 units, their aliases and counterparts and 29 chained events, each table
    written by one INSERT (issue 13: one ORM flush per unit and event before), and the chain and seal verify."""
    from hpdesk.services.importing.plan_import import analyse_workbook, apply_import

    apply_import(workspace, analyse_workbook(workspace, sample_copy("taian_task_breakdown.xlsx")))
    events_before = len(audit_events(workspace))
    inserts: list[str] = []

    def count_insert(_connection, _cursor, statement, _parameters, _context, _executemany) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("INSERT"):
            inserts.append(statement.split()[2].strip('"'))

    event.listen(workspace.database.engine, "before_cursor_execute", count_insert)
    try:
        created = seed_units_from_plan(workspace)
    finally:
        event.remove(workspace.database.engine, "before_cursor_execute", count_insert)
    assert len(created) == 29
    made = {unit.id for unit in created}
    assert created == [unit for unit in list_units(workspace) if unit.id in made]  # as the list reads them back
    assert sorted(inserts) == ["audit_event", "unit", "unit_alias", "unit_counterpart"]
    events = audit_events(workspace)[events_before:]
    assert [(e.action, e.entity_id) for e in events] == [("create", str(unit.id)) for unit in created]
    assert [unit.sort_order for unit in created] == sorted(unit.sort_order for unit in created)
    with workspace.database.read_only() as session:
        assert verify_audit_chain(session) == (events_before + 29, [])
        assert verify_seal(session, workspace.database.session_info[SESSION_KEY]) == []  # type: ignore[arg-type]
