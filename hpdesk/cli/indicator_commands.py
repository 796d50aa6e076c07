"""`hpdesk indicator set | judge | direction | values | list`: the county's indicator values and their verdicts.

Values and judgements are stored by services.indicator_values; the verdict shown with them comes from
services.indicator_evaluation, which judges the stored value against the city's target.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING

from hpdesk.cli.registry import Command, Context, Output, option

if TYPE_CHECKING:
    from hpdesk.services.indicator_evaluation import IndicatorEvaluation
    from hpdesk.services.indicator_values import IndicatorValueSummary

# services.indicator_values's, written out so --help imports no service nor the target parser
# (tests/cli/test_cli_imports.py compares).
DIRECTIONS = ("higher", "lower")
VERDICTS = ("met", "not_met", "on_track", "off_track", "needs_judgement")
GROUPS = {"indicator": "record indicator values and see verdicts"}


def _evaluation_json(evaluation: IndicatorEvaluation) -> dict[str, object]:
    return {**asdict(evaluation), "verdict": evaluation.verdict.value, "reason": evaluation.reason.text()}


def _evaluation_line(evaluation: IndicatorEvaluation) -> str:
    return f"{evaluation.code} {evaluation.name}：{evaluation.verdict_label}。{evaluation.reason.text()}"


def _value_output(context: Context, value: IndicatorValueSummary, year: int) -> Output:
    from hpdesk.services.indicator_evaluation import evaluate_indicator

    evaluation = evaluate_indicator(context.workspace(), value.indicator_code, year)
    return Output({**asdict(value), "evaluation": _evaluation_json(evaluation)},
                  [f"{value.indicator_code} {value.year}年：{value.value_text or '（无数值）'}",
                   _evaluation_line(evaluation)])


def run_set(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.indicator_values import set_indicator_value

    value = set_indicator_value(context.workspace(), args.code, args.year, args.value, as_of=args.as_of,
                                source=args.source, note=args.note)
    return _value_output(context, value, args.year)


def run_judge(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.indicator_values import record_judgement

    value = record_judgement(context.workspace(), args.code, args.year, args.verdict, args.reason)
    return _value_output(context, value, args.year)


def run_direction(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.indicator_values import set_indicator_direction

    set_indicator_direction(context.workspace(), args.code, args.direction)
    return Output({"code": args.code, "direction": args.direction},
                  [f"{args.code}：{'越高越好' if args.direction == 'higher' else '越低越好'}"])


def run_values(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.indicator_values import list_indicator_values

    values = list_indicator_values(context.workspace(), year=args.year, code=args.code)
    return Output([asdict(value) for value in values],
                  [f"{v.indicator_code} {v.year}年\t{v.value_text or '—'}\t{v.source}" +
                   (f"\t判断 {v.judgement}（{v.judged_by}）" if v.judgement else "") for v in values])


def run_list(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.domain.target_judging import VERDICT_LABELS, Verdict
    from hpdesk.services.indicator_evaluation import summarise

    evaluations = context.desk().evaluations(args.year)
    summary = summarise(evaluations, args.year)
    # the clerk reads the verdicts' words (已达标 …), as in the lines above; the JSON keeps the codes
    totals = "，".join(f"{VERDICT_LABELS[Verdict(code)]} {count}" for code, count in summary.by_verdict.items())
    return Output({"year": args.year, "summary": asdict(summary),
                   "indicators": [_evaluation_json(e) for e in evaluations]},
                  [*(_evaluation_line(e) for e in evaluations), f"合计：{totals}"])


COMMANDS = (
    Command(("indicator", "set"), "record the county's value for a year, as written", run_set, (
        option("code", help="indicator code, e.g. I003"),
        option("--year", type=int, required=True),
        option("--value", required=True, help="as written, e.g. 95.25%%以上 or 近3000万元"),
        option("--as-of", type=date.fromisoformat, help="the date the value refers to (YYYY-MM-DD)"),
        option("--source", default="", help="data source, e.g. 区疾控中心监测"),
        option("--note", default=""))),
    Command(("indicator", "judge"), "record the clerk's verdict where a target needs judgement", run_judge, (
        option("code"),
        option("--year", type=int, required=True),
        option("--verdict", required=True, choices=[*VERDICTS, ""], help="'' clears the judgement"),
        option("--reason", default="", help="required with a verdict"))),
    Command(("indicator", "direction"), "say whether higher or lower is better", run_direction,
            (option("code"), option("direction", choices=list(DIRECTIONS)))),
    Command(("indicator", "values"), "the recorded values (all years, or --year)", run_values,
            (option("--year", type=int), option("--code"))),
    Command(("indicator", "list"), "every indicator with its verdict for a year", run_list,
            (option("--year", type=int, required=True),)),
)
