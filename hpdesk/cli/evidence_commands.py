"""`hpdesk evidence add | list`: evidence with its files for a unit's report."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from pathlib import Path

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.evidence import EVIDENCE_KINDS
from hpdesk.services.evidence import add_evidence, list_evidence
from hpdesk.services.workspace import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    evidence = subparsers.add_parser("evidence", help="evidence (佐证材料) with files")
    actions = evidence.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add evidence with files to a unit's report")
    for name in ("--task", "--unit", "--period"):
        add.add_argument(name, required=True)
    add.add_argument("--kind", required=True, choices=list(EVIDENCE_KINDS))
    add.add_argument("--title", required=True)
    add.add_argument("--date", type=date.fromisoformat, help="the event's date (not today's)")
    add.add_argument("--doc-number", default="")
    add.add_argument("--description", default="")
    add.add_argument("--reason", default="", help="required for a locked period")
    add.add_argument("files", nargs="*", type=Path)
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="a report's evidence")
    for name in ("--task", "--unit", "--period"):
        listing.add_argument(name, required=True)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def run_add(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        result = add_evidence(workspace, args.task, args.unit, args.period, kind=args.kind, title=args.title,
                              files=args.files, event_date=args.date, doc_number=args.doc_number,
                              description=args.description, reason=args.reason)
    if args.json:
        print_json({"evidence": asdict(result.evidence), "warnings": list(result.warnings)})
    else:
        print_lines(f"已添加佐证“{result.evidence.title}”（{len(result.evidence.files)} 个文件）",
                    *(f"提醒：{warning}" for warning in result.warnings))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        items = list_evidence(workspace, args.task, args.unit, args.period)
    if args.json:
        print_json([asdict(item) for item in items])
    else:
        for item in items:
            print_lines(f"{item.kind_label}\t{item.title}\t{item.event_date or ''}\t{item.doc_number}\t"
                        f"{len(item.files)} 个文件")
    return 0
