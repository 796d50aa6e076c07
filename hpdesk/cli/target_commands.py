"""`hpdesk target explain TEXT …`: how hpdesk reads a target, and its verdict for a value or a history."""

from __future__ import annotations

import argparse

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.target_judging import judge
from hpdesk.domain.targets import parse_target

register_messages({"history_invalid": ("历年数值“{text}”格式不对，应写成 2019:1.2,2020:1.5。",
                                       "History {text} is malformed; write it as 2019:1.2,2020:1.5.")})

KIND_LABELS = {"threshold": "阈值", "relative": "相对目标", "rate": "年度速率", "trend": "趋势", "state": "状态",
               "unknown": "无法识别"}


def register(subparsers: argparse._SubParsersAction) -> None:
    target = subparsers.add_parser("target", help="understand indicator targets")
    actions = target.add_subparsers(dest="target_command", metavar="ACTION", required=True)
    explain = actions.add_parser("explain", help="parse a target text and judge a value against it")
    explain.add_argument("text")
    explain.add_argument("--unit", default="")
    explain.add_argument("--direction", choices=["higher", "lower"])
    explain.add_argument("--value", type=float)
    explain.add_argument("--baseline", type=float)
    explain.add_argument("--baseline-year", type=int)
    explain.add_argument("--year", type=int, help="the year judged (default: the latest in --history, else --target-year)")
    explain.add_argument("--target-year", type=int, help="the year the target is for (default: --year)")
    explain.add_argument("--history", default="", help="yearly values: 2019:1.2,2020:1.5")
    explain.add_argument("--json", action="store_true")
    explain.set_defaults(handler=run_explain)


def _history(text: str) -> dict[int, float]:
    history: dict[int, float] = {}
    for item in filter(None, (piece.strip() for piece in text.split(","))):
        year, _, value = item.partition(":")
        try:
            history[int(year)] = float(value)
        except ValueError:
            raise UserError("history_invalid", text=text) from None
    return history


def run_explain(args: argparse.Namespace) -> int:
    target = parse_target(args.text, args.unit, args.direction)
    payload: dict[str, object] = {
        "text": args.text, "kind": target.kind,
        "parts": [{"operator": p.operator, "value": p.value, "unit": p.unit} for p in target.parts],
        "direction": target.direction or args.direction, "needs_judgement": target.needs_judgement,
        "reason": target.reason, "ambiguity": target.ambiguity, "target": target.to_json(),
    }
    history = _history(args.history)
    year = args.year or (max(history) if history else args.target_year)
    if args.value is not None or history:
        if year is None:
            year = args.target_year or 0
        if args.value is not None:
            history[year] = args.value
        judgement = judge(target, year=year, target_year=args.target_year or year, history=history,
                          baseline=args.baseline, baseline_year=args.baseline_year, direction=args.direction,
                          unit=args.unit)
        payload.update({"year": year, "verdict": judgement.verdict.value, "reason": judgement.reason})
    if args.json:
        print_json(payload)
    else:
        print_lines(f"类型：{KIND_LABELS[target.kind]}" + (f"；{payload['reason']}" if payload["reason"] else ""))
        if "verdict" in payload:
            print_lines(f"结论：{payload['verdict']}")
    return 0
