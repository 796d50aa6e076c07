"""`hpdesk period …`, `hpdesk report set|show`, `hpdesk review …`, `hpdesk completeness`: the clerk's daily work."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import STATUS_LABELS, parse_figure
from hpdesk.services.completeness import completeness
from hpdesk.services.periods import create_period, create_periods, list_periods, set_period_state
from hpdesk.services.reports import combined_answer, list_reports, review_report, set_report
from hpdesk.services.workspace import open_workspace

register_messages({"figure_invalid": ("数据“{text}”格式不对，应写成 名称=数值单位，如 培训人数=120人。",
                                      "Figure {text} is malformed; write name=value, e.g. 培训人数=120人.")})


def register(subparsers: argparse._SubParsersAction) -> None:
    period = subparsers.add_parser("period", help="reporting periods")
    period_actions = period.add_subparsers(dest="period_command", metavar="ACTION", required=True)
    create = period_actions.add_parser("create", help="create periods for a year, or one by label")
    create.add_argument("label", nargs="?", help="e.g. 2025H1, 2025Q3, 2025")
    create.add_argument("--year", type=int)
    create.add_argument("--to-year", type=int)
    create.add_argument("--cadence", choices=["semiannual", "quarterly", "annual"], default="semiannual")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=run_period_create)
    listing = period_actions.add_parser("list", help="list periods with dates, due dates and states")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_period_list)
    for state, verb in (("locked", "lock"), ("open", "unlock"), ("submitted", "mark-submitted")):
        command = period_actions.add_parser(verb, help=f"set a period's state to {state}")
        command.add_argument("label")
        command.add_argument("--reason", default="")
        command.add_argument("--json", action="store_true")
        command.set_defaults(handler=run_period_state, state=state)

    report = subparsers.add_parser("report", help="a unit's progress report for a task and period")
    report_actions = report.add_subparsers(dest="report_command", metavar="ACTION", required=True)
    set_parser = report_actions.add_parser("set", help="create or change a report")
    _report_key(set_parser)
    set_parser.add_argument("--status", choices=list(STATUS_LABELS))
    set_parser.add_argument("--narrative")
    set_parser.add_argument("--figure", action="append", default=None, help="name=value, e.g. 培训人数=120人")
    set_parser.add_argument("--problems")
    set_parser.add_argument("--next-steps")
    set_parser.add_argument("--filled-by")
    set_parser.add_argument("--reason", default="", help="required to change a locked period")
    set_parser.set_defaults(handler=run_report_set)
    show = report_actions.add_parser("show", help="the county's combined answer for a task and period")
    show.add_argument("--task", required=True)
    show.add_argument("--period", required=True)
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_report_show)
    queue = report_actions.add_parser("list", help="reports of a period (e.g. --review-state submitted)")
    queue.add_argument("--period", required=True)
    queue.add_argument("--review-state", choices=["draft", "submitted", "returned", "approved"])
    queue.add_argument("--json", action="store_true")
    queue.set_defaults(handler=run_report_list)

    review = subparsers.add_parser("review", help="submit, approve, return or reopen a report")
    review.add_argument("action", choices=["submit", "approve", "return", "reopen"])
    _report_key(review)
    review.add_argument("--comment", default="")
    review.add_argument("--reason", default="")
    review.set_defaults(handler=run_review)

    complete = subparsers.add_parser("completeness", help="expected, reported, approved, returned, overdue")
    complete.add_argument("--period", required=True)
    complete.add_argument("--today", type=date.fromisoformat)
    complete.add_argument("--json", action="store_true")
    complete.set_defaults(handler=run_completeness)


def _report_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", required=True)
    parser.add_argument("--unit", required=True)
    parser.add_argument("--period", required=True)
    parser.add_argument("--json", action="store_true")


def run_period_create(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        if args.label:
            created = [create_period(workspace, args.label)]
        else:
            year = args.year or date.today().year
            created = create_periods(workspace, year, args.to_year or year, args.cadence)
    print_json([asdict(p) for p in created]) if args.json else print_lines(*(f"{p.label} {p.name}" for p in created))
    return 0


def run_period_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        periods = list_periods(workspace)
    if args.json:
        print_json([asdict(p) for p in periods])
    else:
        print_lines(*(f"{p.label}\t{p.name}\t{p.start_date}～{p.end_date}\t截止 {p.due_date}\t{p.state_label}"
                      for p in periods))
    return 0


def run_period_state(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        period = set_period_state(workspace, args.label, args.state, args.reason)
    print_json(asdict(period)) if args.json else print_lines(f"{period.name}：{period.state_label}")
    return 0


def run_report_set(args: argparse.Namespace) -> int:
    changes: dict[str, object] = {}
    for field in ("status", "narrative", "problems", "next_steps", "filled_by"):
        if getattr(args, field) is not None:
            changes[field] = getattr(args, field)
    if args.figure is not None:
        try:
            changes["figures"] = [asdict(parse_figure(text)) for text in args.figure]
        except ValueError as error:
            raise UserError("figure_invalid", text=str(error)) from None
    with open_workspace(args.workspace) as workspace:
        report = set_report(workspace, args.task, args.unit, args.period, reason=args.reason, **changes)
    print_json(asdict(report)) if args.json else print_lines(
        f"{report.task_code} {report.unit} {report.period}：{report.status_label}，{report.review_label}")
    return 0


def run_report_show(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        answer = combined_answer(workspace, args.task, args.period)
    if args.json:
        print_json(asdict(answer))
    else:
        print_lines(f"{answer.task_code} {answer.period}：{answer.status_label}", answer.narrative)
    return 0


def run_report_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        reports = list_reports(workspace, args.period, review_state=args.review_state)
    if args.json:
        print_json([asdict(r) for r in reports])
    else:
        print_lines(*(f"{r.task_code}\t{r.unit}\t{r.status_label}\t{r.review_label}" for r in reports))
    return 0


def run_review(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        report = review_report(workspace, args.task, args.unit, args.period, args.action, args.comment, args.reason)
    print_json(asdict(report)) if args.json else print_lines(f"{report.task_code} {report.unit}：{report.review_label}")
    return 0


def run_completeness(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        result = completeness(workspace, args.period, args.today)
    if args.json:
        print_json(asdict(result))
    else:
        total = result.total
        print_lines(f"{result.period}（截止 {result.due_date}）：应报 {total.expected}，已填 {total.reported}，"
                    f"已提交 {total.submitted}，已通过 {total.approved}，退回 {total.returned}，逾期 {total.overdue}")
    return 0
