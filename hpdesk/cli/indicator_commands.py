"""`hpdesk indicator set | judge | direction | list`: the county's indicator values and their verdicts."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date

from hpdesk.cli.output import print_json, print_lines
from hpdesk.services.indicator_evaluation import (
    evaluate_all, record_judgement, set_indicator_direction, set_indicator_value, summarise,
)
from hpdesk.services.workspace import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    indicator = subparsers.add_parser("indicator", help="record indicator values and see verdicts")
    actions = indicator.add_subparsers(dest="indicator_command", metavar="ACTION", required=True)
    set_value = actions.add_parser("set", help="record the county's value for a year")
    set_value.add_argument("code")
    set_value.add_argument("--year", type=int, required=True)
    set_value.add_argument("--value", required=True, help="as written, e.g. 95.25%%以上")
    set_value.add_argument("--as-of", type=date.fromisoformat)
    set_value.add_argument("--source", default="")
    set_value.add_argument("--note", default="")
    set_value.add_argument("--json", action="store_true")
    set_value.set_defaults(handler=run_set)
    judge_value = actions.add_parser("judge", help="record the clerk's verdict where a target needs judgement")
    judge_value.add_argument("code")
    judge_value.add_argument("--year", type=int, required=True)
    judge_value.add_argument("--verdict", required=True,
                             choices=["met", "not_met", "on_track", "off_track", "needs_judgement", ""])
    judge_value.add_argument("--reason", required=True)
    judge_value.add_argument("--json", action="store_true")
    judge_value.set_defaults(handler=run_judge)
    direction = actions.add_parser("direction", help="say whether higher or lower is better")
    direction.add_argument("code")
    direction.add_argument("direction", choices=["higher", "lower"])
    direction.set_defaults(handler=run_direction, json=False)
    listing = actions.add_parser("list", help="every indicator with its verdict for a year")
    listing.add_argument("--year", type=int, required=True)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def _print_evaluation(evaluation, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        print_json({**asdict(evaluation), "verdict": evaluation.verdict.value})
    else:
        print_lines(f"{evaluation.code} {evaluation.name}：{evaluation.verdict_label}。{evaluation.reason}")


def run_set(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        evaluation = set_indicator_value(workspace, args.code, args.year, args.value, as_of=args.as_of,
                                         source=args.source, note=args.note)
    _print_evaluation(evaluation, args.json)
    return 0


def run_judge(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        evaluation = record_judgement(workspace, args.code, args.year, args.verdict, args.reason)
    _print_evaluation(evaluation, args.json)
    return 0


def run_direction(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        set_indicator_direction(workspace, args.code, args.direction)
    print_lines(f"{args.code}：{'越高越好' if args.direction == 'higher' else '越低越好'}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        evaluations = evaluate_all(workspace, args.year)
    summary = summarise(evaluations, args.year)
    if args.json:
        print_json({"year": args.year, "summary": asdict(summary),
                    "indicators": [{**asdict(e), "verdict": e.verdict.value} for e in evaluations]})
    else:
        for evaluation in evaluations:
            _print_evaluation(evaluation, False)
        print_lines("合计：" + "，".join(f"{key} {value}" for key, value in summary.by_verdict.items()))
    return 0
