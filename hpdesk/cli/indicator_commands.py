"""`hpdesk indicator set | judge | direction | values | list`: the county's indicator values and their verdicts.

Values and judgements are stored by services.indicator_values; the verdict shown with them comes from
services.indicator_evaluation, which judges the stored value against the city's target.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date

from hpdesk.cli.output import print_json, print_lines
from hpdesk.services.indicator_evaluation import IndicatorEvaluation, evaluate_all, evaluate_indicator, summarise
from hpdesk.services.indicator_values import (
    DIRECTIONS, VERDICTS, IndicatorValueSummary, list_indicator_values, record_judgement, set_indicator_direction,
    set_indicator_value,
)
from hpdesk.services.workspace import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    indicator = subparsers.add_parser("indicator", help="record indicator values and see verdicts")
    actions = indicator.add_subparsers(dest="indicator_command", metavar="ACTION", required=True)

    set_value = actions.add_parser("set", help="record the county's value for a year, as written")
    set_value.add_argument("code", help="indicator code, e.g. I003")
    set_value.add_argument("--year", type=int, required=True)
    set_value.add_argument("--value", required=True, help="as written, e.g. 95.25%%以上 or 近3000万元")
    set_value.add_argument("--as-of", type=date.fromisoformat, help="the date the value refers to (YYYY-MM-DD)")
    set_value.add_argument("--source", default="", help="data source, e.g. 区疾控中心监测")
    set_value.add_argument("--note", default="")
    set_value.add_argument("--json", action="store_true")
    set_value.set_defaults(handler=run_set)

    judge = actions.add_parser("judge", help="record the clerk's verdict where a target needs judgement")
    judge.add_argument("code")
    judge.add_argument("--year", type=int, required=True)
    judge.add_argument("--verdict", required=True, choices=[*VERDICTS, ""], help="'' clears the judgement")
    judge.add_argument("--reason", default="", help="required with a verdict")
    judge.add_argument("--json", action="store_true")
    judge.set_defaults(handler=run_judge)

    direction = actions.add_parser("direction", help="say whether higher or lower is better")
    direction.add_argument("code")
    direction.add_argument("direction", choices=list(DIRECTIONS))
    direction.add_argument("--json", action="store_true")
    direction.set_defaults(handler=run_direction)

    values = actions.add_parser("values", help="the recorded values (all years, or --year)")
    values.add_argument("--year", type=int)
    values.add_argument("--code")
    values.add_argument("--json", action="store_true")
    values.set_defaults(handler=run_values)

    listing = actions.add_parser("list", help="every indicator with its verdict for a year")
    listing.add_argument("--year", type=int, required=True)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)


def _evaluation_json(evaluation: IndicatorEvaluation) -> dict[str, object]:
    return {**asdict(evaluation), "verdict": evaluation.verdict.value}


def _evaluation_line(evaluation: IndicatorEvaluation) -> str:
    return f"{evaluation.code} {evaluation.name}：{evaluation.verdict_label}。{evaluation.reason}"


def _print_value(value: IndicatorValueSummary, evaluation: IndicatorEvaluation, as_json: bool) -> None:
    if as_json:
        print_json({**asdict(value), "evaluation": _evaluation_json(evaluation)})
    else:
        print_lines(f"{value.indicator_code} {value.year}年：{value.value_text or '（无数值）'}", _evaluation_line(evaluation))


def run_set(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        value = set_indicator_value(workspace, args.code, args.year, args.value, as_of=args.as_of,
                                    source=args.source, note=args.note)
        evaluation = evaluate_indicator(workspace, value.indicator_code, args.year)
    _print_value(value, evaluation, args.json)
    return 0


def run_judge(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        value = record_judgement(workspace, args.code, args.year, args.verdict, args.reason)
        evaluation = evaluate_indicator(workspace, value.indicator_code, args.year)
    _print_value(value, evaluation, args.json)
    return 0


def run_direction(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        set_indicator_direction(workspace, args.code, args.direction)
    if args.json:
        print_json({"code": args.code, "direction": args.direction})
    else:
        print_lines(f"{args.code}：{'越高越好' if args.direction == 'higher' else '越低越好'}")
    return 0


def run_values(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        values = list_indicator_values(workspace, year=args.year, code=args.code)
    if args.json:
        print_json([asdict(value) for value in values])
    else:
        print_lines(*(f"{v.indicator_code} {v.year}年\t{v.value_text or '—'}\t{v.source}" +
                      (f"\t判断 {v.judgement}（{v.judged_by}）" if v.judgement else "") for v in values))
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        evaluations = evaluate_all(workspace, args.year)
    summary = summarise(evaluations, args.year)
    if args.json:
        print_json({"year": args.year, "summary": asdict(summary),
                    "indicators": [_evaluation_json(e) for e in evaluations]})
    else:
        print_lines(*(_evaluation_line(e) for e in evaluations),
                    "合计：" + "，".join(f"{key} {value}" for key, value in summary.by_verdict.items()))
    return 0
