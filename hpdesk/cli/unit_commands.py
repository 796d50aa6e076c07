"""`hpdesk unit add | edit | list | seed-from-plan` and `hpdesk assign`: the county's units and who does which task."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.errors import UserError
from hpdesk.domain.reporting import UNIT_TYPES
from hpdesk.services.assignments import (
    ASSIGNMENT_STATES, assign_tasks, confirm_assignments, list_task_assignments, remove_assignments,
    suggest_assignments,
)
from hpdesk.services.units import add_unit, list_units, seed_units_from_plan, update_unit
from hpdesk.services.workspace import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    unit = subparsers.add_parser("unit", help="the county's responsible units")
    actions = unit.add_subparsers(dest="unit_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a unit")
    add.add_argument("name")
    add.add_argument("--type", dest="unit_type", choices=list(UNIT_TYPES), default="department")
    add.add_argument("--alias", action="append", default=[], help="another way the unit is written (repeatable)")
    add.add_argument("--counterpart", action="append", default=[],
                     help="a city department it mirrors, e.g. 市卫生健康委 (repeatable)")
    add.add_argument("--contact", default="")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="list units with aliases, counterparts and task counts")
    listing.add_argument("--search", default="", help="part of a name, alias or counterpart")
    listing.add_argument("--type", dest="unit_type", choices=list(UNIT_TYPES))
    listing.add_argument("--all", dest="include_inactive", action="store_true", help="include inactive units")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    edit = actions.add_parser("edit", help="rename a unit, change its type, aliases, counterparts or contact")
    edit.add_argument("name", help="the unit's name or an alias")
    edit.add_argument("--rename")
    edit.add_argument("--type", dest="unit_type", choices=list(UNIT_TYPES))
    edit.add_argument("--add-alias", action="append", default=[])
    edit.add_argument("--remove-alias", action="append", default=[])
    edit.add_argument("--add-counterpart", action="append", default=[])
    edit.add_argument("--remove-counterpart", action="append", default=[])
    edit.add_argument("--contact")
    state = edit.add_mutually_exclusive_group()
    state.add_argument("--deactivate", dest="active", action="store_false", default=None)
    state.add_argument("--activate", dest="active", action="store_true")
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=run_edit)

    seed = actions.add_parser("seed-from-plan", help="create the county counterparts of the plan's city departments")
    seed.add_argument("--json", action="store_true")
    seed.set_defaults(handler=run_seed)

    assign = subparsers.add_parser(
        "assign", help="hand county tasks to units; --suggest from counterparts; --confirm suggestions; --list")
    assign.add_argument("tasks", nargs="*", help="task codes, e.g. A01-T001 (several: bulk assignment)")
    assign.add_argument("--lead", help="the lead unit (name or alias)")
    assign.add_argument("--co", action="append", default=[], help="a co-responsible unit (repeatable)")
    assign.add_argument("--suggest", action="store_true", help="suggest units for unassigned county tasks")
    assign.add_argument("--apply", action="store_true", help="with --suggest: store the suggestions unconfirmed")
    assign.add_argument("--confirm", action="store_true",
                        help="confirm the suggested assignments of TASKS (of every task when none is given)")
    assign.add_argument("--remove", metavar="UNIT", help="take a co-responsible unit off TASKS")
    assign.add_argument("--list", action="store_true", help="list county tasks with their units")
    assign.add_argument("--state", choices=list(ASSIGNMENT_STATES), help="with --list: only tasks in this state")
    assign.add_argument("--json", action="store_true")
    assign.set_defaults(handler=run_assign)


def run_add(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        unit = add_unit(workspace, args.name, args.unit_type, aliases=args.alias, counterparts=args.counterpart,
                        contact=args.contact)
    if args.json:
        print_json(asdict(unit))
    else:
        print_lines(f"已新增责任单位：{unit.name}（{unit.type_label}）")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        unit = update_unit(workspace, args.name, new_name=args.rename, unit_type=args.unit_type,
                           add_aliases=args.add_alias, remove_aliases=args.remove_alias,
                           add_counterparts=args.add_counterpart, remove_counterparts=args.remove_counterpart,
                           contact=args.contact, active=args.active)
    if args.json:
        print_json(asdict(unit))
    else:
        print_lines(f"已修改责任单位：{unit.name}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        units = list_units(workspace, text=args.search, unit_type=args.unit_type,
                           include_inactive=args.include_inactive)
    if args.json:
        print_json([asdict(unit) for unit in units])
    else:
        print_lines(*(f"{unit.name}\t{unit.type_label}\t牵头 {unit.lead_tasks}\t配合 {unit.co_tasks}\t"
                      f"对口 {'、'.join(unit.counterparts) or '—'}\t别名 {'、'.join(unit.aliases) or '—'}"
                      for unit in units))
    return 0


def run_seed(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        created = seed_units_from_plan(workspace)
    if args.json:
        print_json([asdict(unit) for unit in created])
    else:
        print_lines(f"已按计划新增 {len(created)} 个责任单位", *(f"  {unit.name}（对口 {'、'.join(unit.counterparts)}）"
                                                  for unit in created))
    return 0


def run_assign(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        if args.list:
            rows = list_task_assignments(workspace, state=args.state)
            payload: object = [asdict(row) for row in rows]
            lines = [f"{row.task_code}\t牵头 {row.lead_unit or '—'}\t配合 {'、'.join(row.co_units) or '—'}\t"
                     f"{'已确认' if row.confirmed else ('待确认' if row.assigned else '未分派')}" for row in rows]
        elif args.suggest:
            suggestions = suggest_assignments(workspace, apply=args.apply)
            payload = {code: {"lead": lead, "co": co} for code, (lead, co) in suggestions.items()}
            lines = [f"{'已保存建议（待确认）' if args.apply else '建议'} {len(suggestions)} 项任务",
                     *(f"  {code}\t牵头 {lead}\t配合 {'、'.join(co) or '—'}" for code, (lead, co) in suggestions.items())]
        elif args.confirm:
            confirmed = confirm_assignments(workspace, args.tasks or None)
            payload = {"confirmed_tasks": confirmed}
            lines = [f"已确认 {confirmed} 项任务的分派"]
        elif args.remove:
            result = remove_assignments(workspace, args.tasks, args.remove)
            payload = {code: [asdict(a) for a in items] for code, items in result.items()}
            lines = [f"已从 {len(result)} 项任务中取消“{args.remove}”"]
        else:
            if not args.tasks or not args.lead:
                raise UserError("assignment_needs_lead", code="、".join(args.tasks) or "?")
            assigned = assign_tasks(workspace, args.tasks, args.lead, args.co)
            payload = {code: [asdict(a) for a in items] for code, items in assigned.items()}
            lines = [f"已分派 {len(assigned)} 项任务：牵头 {args.lead}" + (f"，配合 {'、'.join(args.co)}" if args.co else "")]
    if args.json:
        print_json(payload)
    else:
        print_lines(*lines)
    return 0
