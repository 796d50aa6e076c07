"""`hpdesk unit add | edit | list | seed-from-plan` and `hpdesk assign set | suggest | confirm | remove | list`:
the county's units and who does which task.

`assign` once switched modes with flags (`assign TASKS --lead U`, `--suggest`, `--confirm`, `--remove U`, `--list`);
those spellings still work: `legacy_assign_arguments` turns them into today's verbs before parsing.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import asdict

from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.errors import UserError

ASSIGNMENT_STATES = ("unassigned", "unconfirmed", "confirmed")  # services.assignments's (tested), for --help
ASSIGN_VERBS = ("set", "suggest", "confirm", "remove", "list")
TYPE_CHOICES = ["department", "street", "township", "hospital", "community_health_centre", "other"]  # UNIT_TYPES
GROUPS = {"unit": "the county's responsible units",
          "assign": "hand county tasks to units: set, suggest, confirm, remove, list"}


def legacy_assign_arguments(rest: Sequence[str]) -> list[str]:
    """The words after `assign`, with the old mode flags turned into a verb: `--list` → `list`, `--suggest` →
    `suggest`, `--confirm` → `confirm`, `--remove UNIT` → `remove … --unit UNIT`, no mode → `set`."""
    rest = list(rest)
    if not rest or rest[0] in (*ASSIGN_VERBS, "-h", "--help"):
        return rest
    for flag in ("--list", "--suggest", "--confirm"):
        if flag in rest:
            rest.remove(flag)
            return [flag[2:], *rest]
    for index, word in enumerate(rest):
        if word == "--remove" or word.startswith("--remove="):
            rest[index] = "--unit" + word[len("--remove"):]
            return ["remove", *rest]
    return ["set", *rest]


def _active_switch(parser: argparse.ArgumentParser) -> None:
    state = parser.add_mutually_exclusive_group()
    state.add_argument("--deactivate", dest="active", action="store_false", default=None)
    state.add_argument("--activate", dest="active", action="store_true")


def run_add(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.units import add_unit

    unit = add_unit(context.workspace(), args.name, args.unit_type, aliases=args.alias,
                    counterparts=args.counterpart, contact=args.contact)
    return Output(asdict(unit), [f"已新增责任单位：{unit.name}（{unit.type_label}）"])


def run_edit(args: argparse.Namespace, context: Context) -> Output:
    unit = context.desk().update_unit(args.name, new_name=args.rename, unit_type=args.unit_type,
                                      add_aliases=args.add_alias, remove_aliases=args.remove_alias,
                                      add_counterparts=args.add_counterpart,
                                      remove_counterparts=args.remove_counterpart, contact=args.contact,
                                      active=args.active)
    return Output(asdict(unit), [f"已修改责任单位：{unit.name}"])


def run_list(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.units import list_units

    units = list_units(context.workspace(), text=args.search, unit_type=args.unit_type,
                       include_inactive=args.include_inactive)
    return Output([asdict(unit) for unit in units],
                  [f"{unit.name}\t{unit.type_label}\t牵头 {unit.lead_tasks}\t配合 {unit.co_tasks}\t"
                   f"对口 {'、'.join(unit.counterparts) or '—'}\t别名 {'、'.join(unit.aliases) or '—'}"
                   for unit in units])


def run_seed(args: argparse.Namespace, context: Context) -> Output:
    created = context.desk().seed_units_from_plan()
    return Output([asdict(unit) for unit in created],
                  [f"已按计划新增 {len(created)} 个责任单位",
                   *(f"  {unit.name}（对口 {'、'.join(unit.counterparts)}）" for unit in created)])


def run_assign_set(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.assignments import assign_tasks

    if not args.tasks or not args.lead:
        raise UserError("assignment_needs_lead", code="、".join(args.tasks) or "?")
    assigned = assign_tasks(context.workspace(), args.tasks, args.lead, args.co)
    return Output({code: [asdict(a) for a in items] for code, items in assigned.items()},
                  [f"已分派 {len(assigned)} 项任务：牵头 {args.lead}" + (f"，配合 {'、'.join(args.co)}" if args.co else "")])


def run_assign_suggest(args: argparse.Namespace, context: Context) -> Output:
    suggestions = context.desk().suggest_assignments(apply=args.apply)
    return Output({code: {"lead": lead, "co": co} for code, (lead, co) in suggestions.items()},
                  [f"{'已保存建议（待确认）' if args.apply else '建议'} {len(suggestions)} 项任务",
                   *(f"  {code}\t牵头 {lead}\t配合 {'、'.join(co) or '—'}" for code, (lead, co) in suggestions.items())])


def run_assign_confirm(args: argparse.Namespace, context: Context) -> Output:
    desk = context.desk()
    confirmed = desk.confirm_assignments(args.tasks) if args.tasks else desk.confirm_all_suggestions()
    return Output({"confirmed_tasks": confirmed}, [f"已确认 {confirmed} 项任务的分派"])


def run_assign_remove(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.assignments import remove_assignments

    result = remove_assignments(context.workspace(), args.tasks, args.unit)
    return Output({code: [asdict(a) for a in items] for code, items in result.items()},
                  [f"已从 {len(result)} 项任务中取消“{args.unit}”"])


def run_assign_list(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.assignments import list_task_assignments

    rows = list_task_assignments(context.workspace(), state=args.state)
    return Output([asdict(row) for row in rows],
                  [f"{row.task_code}\t牵头 {row.lead_unit or '—'}\t配合 {'、'.join(row.co_units) or '—'}\t"
                   f"{'已确认' if row.confirmed else ('待确认' if row.assigned else '未分派')}" for row in rows])


COMMANDS = (
    Command(("unit", "add"), "add a unit", run_add, (
        option("name"),
        option("--type", dest="unit_type", choices=TYPE_CHOICES, default="department"),
        option("--alias", action="append", default=[], help="another way the unit is written (repeatable)"),
        option("--counterpart", action="append", default=[],
               help="a city department it mirrors, e.g. 市卫生健康委 (repeatable)"),
        option("--contact", default=""))),
    Command(("unit", "list"), "list units with aliases, counterparts and task counts", run_list, (
        option("--search", default="", help="part of a name, alias or counterpart"),
        option("--type", dest="unit_type", choices=TYPE_CHOICES),
        option("--all", dest="include_inactive", action="store_true", help="include inactive units"))),
    Command(("unit", "edit"), "rename a unit, change its type, aliases, counterparts or contact", run_edit, (
        option("name", help="the unit's name or an alias"),
        option("--rename"),
        option("--type", dest="unit_type", choices=TYPE_CHOICES),
        *(option(name, action="append", default=[])
          for name in ("--add-alias", "--remove-alias", "--add-counterpart", "--remove-counterpart")),
        option("--contact"),
        _active_switch)),
    Command(("unit", "seed-from-plan"), "create the county counterparts of the plan's city departments", run_seed),
    Command(("assign", "set"), "hand tasks to a lead unit (and co-responsible units), confirmed", run_assign_set, (
        option("tasks", nargs="*", help="task codes, e.g. A01-T001 (several: bulk assignment)"),
        option("--lead", help="the lead unit (name or alias); required"),
        option("--co", action="append", default=[], help="a co-responsible unit (repeatable)"))),
    Command(("assign", "suggest"), "suggest units for unassigned county tasks from their counterparts",
            run_assign_suggest, (option("--apply", action="store_true", help="store the suggestions, unconfirmed"),)),
    Command(("assign", "confirm"), "confirm suggested assignments", run_assign_confirm,
            (option("tasks", nargs="*", help="task codes (default: every suggested task)"),)),
    Command(("assign", "remove"), "take a co-responsible unit off tasks", run_assign_remove, (
        option("tasks", nargs="+", help="task codes"),
        option("--unit", required=True, help="the co-responsible unit to take off"))),
    Command(("assign", "list"), "county tasks with their units", run_assign_list,
            (option("--state", choices=ASSIGNMENT_STATES, help="only tasks in this state"),)),
)
