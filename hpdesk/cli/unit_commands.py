"""`hpdesk unit add | list | seed-from-plan` and `hpdesk assign`: the county's units and who does which task."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.reporting import UNIT_TYPES
from hpdesk.services.units import (
    add_unit, assign_tasks, list_units, seed_units_from_plan, suggest_assignments, update_unit,
)
from hpdesk.services.workspace import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    unit = subparsers.add_parser("unit", help="the county's responsible units")
    actions = unit.add_subparsers(dest="unit_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a unit")
    add.add_argument("name")
    add.add_argument("--type", dest="unit_type", choices=list(UNIT_TYPES), default="department")
    add.add_argument("--alias", action="append", default=[])
    add.add_argument("--counterpart", action="append", default=[], help="a city department it mirrors")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="list units")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)
    edit = actions.add_parser("edit", help="rename a unit, change its type, aliases or counterparts")
    edit.add_argument("name")
    edit.add_argument("--rename")
    edit.add_argument("--type", dest="unit_type", choices=list(UNIT_TYPES))
    edit.add_argument("--add-alias", action="append", default=[])
    edit.add_argument("--remove-alias", action="append", default=[])
    edit.add_argument("--add-counterpart", action="append", default=[])
    edit.add_argument("--remove-counterpart", action="append", default=[])
    edit.add_argument("--json", action="store_true")
    edit.set_defaults(handler=run_edit)
    seed = actions.add_parser("seed-from-plan", help="create the county counterparts of the plan's departments")
    seed.add_argument("--json", action="store_true")
    seed.set_defaults(handler=run_seed)

    assign = subparsers.add_parser("assign", help="hand county tasks to units (or --suggest from counterparts)")
    assign.add_argument("tasks", nargs="*", help="task codes, e.g. A01-T001")
    assign.add_argument("--lead")
    assign.add_argument("--co", action="append", default=[])
    assign.add_argument("--suggest", action="store_true", help="suggest lead/co units for unassigned county tasks")
    assign.add_argument("--apply", action="store_true", help="with --suggest: store the suggestions unconfirmed")
    assign.add_argument("--json", action="store_true")
    assign.set_defaults(handler=run_assign)


def run_add(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        unit = add_unit(workspace, args.name, args.unit_type, aliases=args.alias, counterparts=args.counterpart)
    print_json(asdict(unit)) if args.json else print_lines(f"已新增责任单位：{unit.name}（{unit.type_label}）")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        unit = update_unit(workspace, args.name, new_name=args.rename, unit_type=args.unit_type,
                           add_aliases=args.add_alias, remove_aliases=args.remove_alias,
                           add_counterparts=args.add_counterpart, remove_counterparts=args.remove_counterpart)
    print_json(asdict(unit)) if args.json else print_lines(f"已修改责任单位：{unit.name}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        units = list_units(workspace)
    if args.json:
        print_json([asdict(unit) for unit in units])
    else:
        for unit in units:
            print_lines(f"{unit.name}\t{unit.type_label}\t牵头 {unit.lead_tasks}\t配合 {unit.co_tasks}\t"
                        f"对应 {'、'.join(unit.counterparts)}")
    return 0


def run_seed(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        created = seed_units_from_plan(workspace)
    print_json([asdict(unit) for unit in created]) if args.json else print_lines(f"已新增 {len(created)} 个责任单位")
    return 0


def run_assign(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        if args.suggest:
            suggestions = suggest_assignments(workspace, apply=args.apply)
            payload = {code: {"lead": lead, "co": co} for code, (lead, co) in suggestions.items()}
        else:
            if not args.lead or not args.tasks:
                from hpdesk.domain.errors import UserError

                raise UserError("assignment_needs_lead", code="、".join(args.tasks) or "?")
            result = assign_tasks(workspace, args.tasks, args.lead, args.co)
            payload = {code: [asdict(a) for a in items] for code, items in result.items()}
    if args.json:
        print_json(payload)
    else:
        print_lines(f"{'建议' if args.suggest else '已分派'} {len(payload)} 项任务")
    return 0
