"""`hpdesk target explain TEXT …`: how hpdesk reads a target, and its verdict for a value or a history.

Years: `--year` is the year the target is for and the year of `--value`. With only `--history`, the judged year is
the latest year in it, so `--history 2023:70,2024:75 --year 2025` judges 2024's progress towards the 2025 target.
`--target-year` names the target's year explicitly; `--year` is then the judged year. A `--value` without any year
is judged as of the current calendar year. No workspace is opened: this command touches no file.
"""

from __future__ import annotations

import argparse
import re
from datetime import date

from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.errors import UserError, register_messages

register_messages({
    "history_invalid": ("历年数值“{text}”格式不对，应写成 2019:1.2,2020:1.5。",
                        "History {text} is malformed; write it as 2019:1.2,2020:1.5."),
    "target_value_invalid": ("“{text}”读不出数值：{problem}", "{text} holds no readable number: {problem}"),
})

_DIRECTION_LABELS = {"higher": "越高越好", "lower": "越低越好"}
GROUPS = {"target": "understand indicator targets"}


def _history(text: str) -> dict[int, float]:
    history: dict[int, float] = {}
    for item in filter(None, (piece.strip() for piece in text.replace("，", ",").split(","))):
        year, separator, value = item.replace("：", ":").partition(":")
        try:
            if not separator:
                raise ValueError(item)
            history[int(year)] = float(value)
        except ValueError:
            raise UserError("history_invalid", text=text) from None
    return history


def _number(text: str, unit: str) -> float:
    from hpdesk.domain.measure_units import can_convert, convert
    from hpdesk.domain.targets import parse_value

    parsed = parse_value(text)
    if parsed.number is None:
        raise UserError("target_value_invalid", text=text, problem=parsed.problem)
    if parsed.unit and unit and can_convert(parsed.unit, unit):
        return convert(parsed.number, parsed.unit, unit)
    return parsed.number


def _baseline(args: argparse.Namespace) -> tuple[float | None, int | None]:
    if not args.baseline:
        return None, args.baseline_year
    from hpdesk.domain.targets import parse_value

    parsed = parse_value(args.baseline)
    if parsed.number is None:
        raise UserError("target_value_invalid", text=args.baseline, problem=parsed.problem)
    noted_year = re.search(r"((?:19|20)\d{2})年", parsed.note)
    return parsed.number, args.baseline_year or (int(noted_year.group(1)) if noted_year else None)


def explain_payload(args: argparse.Namespace) -> dict[str, object]:
    """The JSON the command prints: the reading of the target, and the verdict when a value or history is given."""
    # imported here, as every command's dependencies are: `hpdesk --help` does not load the target parser (issue 13)
    from hpdesk.domain.measure_units import canonical_unit
    from hpdesk.domain.target_judging import VERDICT_LABELS, judge
    from hpdesk.domain.targets import KIND_LABELS, explain_direction, parse_target

    unit = canonical_unit(args.unit)
    inferred = explain_direction([args.text], unit)
    direction = args.direction or inferred.direction
    target = parse_target(args.text, unit, direction)
    payload: dict[str, object] = {
        "text": args.text, "unit": unit, "kind": target.kind, "kind_label": KIND_LABELS[target.kind],
        "parts": [{"operator": p.operator, "value": p.value, "unit": p.unit} for p in target.parts],
        "direction": direction, "direction_source": "argument" if args.direction else ("text" if direction else ""),
        "reading": target.reading, "needs_judgement": target.needs_judgement,
        "ambiguity": target.ambiguity.text() if target.ambiguity else "",  # in the process locale, as every CLI text
        "reason": target.reason.text() if target.reason else target.reading, "target": target.to_json(),
    }
    history = _history(args.history)
    if args.value is None and not history:
        return payload
    if args.target_year and args.year:
        year = args.year
    elif args.value is not None:
        year = args.year or date.today().year
    else:
        year = max(history)
    if args.value is not None:
        history[year] = _number(args.value, unit)
    target_year = args.target_year or args.year or year
    baseline, baseline_year = _baseline(args)
    judgement = judge(target, year=year, target_year=target_year, history=history, baseline=baseline,
                      baseline_year=baseline_year, direction=direction, unit=unit)
    payload.update({"year": year, "target_year": target_year, "verdict": judgement.verdict.value,
                    "verdict_label": VERDICT_LABELS[judgement.verdict], "reason": judgement.reason.text()})
    return payload


def run_explain(args: argparse.Namespace, context: Context) -> Output:
    payload = explain_payload(args)
    lines = [f"读法：{payload['reading']}"]
    if payload["direction"]:
        lines.append(f"方向：{_DIRECTION_LABELS[str(payload['direction'])]}")
    if "verdict" in payload:
        lines.append(f"结论：{payload['verdict_label']}（{payload['verdict']}）")
        lines.append(f"理由：{payload['reason']}")
    elif payload["needs_judgement"]:
        lines.append(f"需人工判断：{payload['reason']}")
    return Output(payload, lines)


COMMANDS = (
    Command(("target", "explain"), "parse a target text and judge a value or a history against it", run_explain, (
        option("text", help="the target as the city wrote it, e.g. ≥92.3 or 比2019年提高10%%"),
        option("--unit", default="", help="the indicator's unit, e.g. %% ‰ 1/10万 岁"),
        option("--direction", choices=list(_DIRECTION_LABELS), help="which side is better, when the text does not say"),
        option("--value", help="the value to judge, as written (85.1, 95.25%%以上, 0.39%%)"),
        option("--baseline", help="the baseline value, e.g. 53.97 or 53.97(截至2019年3月)"),
        option("--baseline-year", type=int),
        option("--year", type=int, help="the year the target is for, and the year of --value"),
        option("--target-year", type=int, help="the target's year when --year is the judged year"),
        option("--history", default="", help="yearly values: 2019:1.2,2020:1.5"))),
)
