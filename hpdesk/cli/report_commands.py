"""`hpdesk report set | show | list | expected`, `hpdesk review …`, `hpdesk completeness`: the clerk's daily work."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.reporting import REVIEW_ACTIONS, REVIEW_LABELS, STATUS_LABELS, parse_figure
from hpdesk.services.completeness import completeness, completeness_by_period
from hpdesk.services.reports import (
    combined_answer, get_report, list_reports, list_task_reports, set_report,
)
from hpdesk.services.review import review_report
from hpdesk.services.workspace import open_workspace

register_messages({"figure_invalid": ("数据“{text}”格式不对，应写成 名称=数值单位，如 培训人数=120人。",
                                      "Figure {text} is malformed; write name=value, e.g. 培训人数=120人.")})


def register(subparsers: argparse._SubParsersAction) -> None:
    report = subparsers.add_parser("report", help="a unit's progress report for a task and period")
    actions = report.add_subparsers(dest="report_command", metavar="ACTION", required=True)

    set_parser = actions.add_parser("set", help="fill in or change a report")
    _report_key(set_parser)
    set_parser.add_argument("--status", choices=list(STATUS_LABELS))
    set_parser.add_argument("--narrative", help="工作开展情况")
    set_parser.add_argument("--figure", action="append", default=None,
                            help="a key figure name=value, e.g. 培训人数=120人 (repeatable; replaces the figures)")
    set_parser.add_argument("--problems")
    set_parser.add_argument("--next-steps")
    set_parser.add_argument("--filled-by", help="who filled it (default: the current user)")
    set_parser.add_argument("--reason", default="", help="required to change a locked period")
    set_parser.set_defaults(handler=run_set)

    show = actions.add_parser("show", help="one unit's report (--unit), or the county's combined answer")
    show.add_argument("--task", required=True)
    show.add_argument("--period", required=True)
    show.add_argument("--unit", help="omit for the county's answer combined from every unit's part")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)

    listing = actions.add_parser("list", help="a period's reports (the review queue: --review-state submitted)")
    listing.add_argument("--period", required=True)
    listing.add_argument("--review-state", choices=list(REVIEW_LABELS))
    listing.add_argument("--status", choices=list(STATUS_LABELS))
    listing.add_argument("--task")
    listing.add_argument("--unit")
    _paging(listing)
    listing.set_defaults(handler=run_list)

    expected = actions.add_parser("expected", help="every report a period expects, filled or not")
    expected.add_argument("--period", required=True)
    expected.add_argument("--unit")
    expected.add_argument("--review-state", choices=list(REVIEW_LABELS), help="draft includes missing reports")
    expected.add_argument("--overdue", action="store_true", help="only reports overdue on --today")
    expected.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")
    _paging(expected)
    expected.set_defaults(handler=run_expected)

    review = subparsers.add_parser("review", help="submit, approve or return a report")
    review.add_argument("action", choices=list(REVIEW_ACTIONS))
    _report_key(review)
    review.add_argument("--comment", default="", help="the reviewer's comment; required to return")
    review.add_argument("--reason", default="", help="required in a locked period")
    review.set_defaults(handler=run_review)

    complete = subparsers.add_parser("completeness", help="expected, reported, approved, returned, overdue")
    complete.add_argument("--period", help="omit for every period's totals")
    complete.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")
    complete.add_argument("--json", action="store_true")
    complete.set_defaults(handler=run_completeness)


def _report_key(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", required=True, help="task code, e.g. A01-T001")
    parser.add_argument("--unit", required=True, help="unit name or alias")
    parser.add_argument("--period", required=True, help="period label, e.g. 2025H1")
    parser.add_argument("--json", action="store_true")


def _paging(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--json", action="store_true")


def run_set(args: argparse.Namespace) -> int:
    changes: dict[str, object] = {field: getattr(args, field) for field in
                                  ("status", "narrative", "problems", "next_steps", "filled_by")
                                  if getattr(args, field) is not None}
    if args.figure is not None:
        try:
            changes["figures"] = [parse_figure(text).to_json() for text in args.figure]
        except ValueError as error:
            raise UserError("figure_invalid", text=str(error)) from None
    with open_workspace(args.workspace) as workspace:
        report = set_report(workspace, args.task, args.unit, args.period, reason=args.reason, **changes)
    if args.json:
        print_json(asdict(report))
    else:
        flagged = "（锁定后修改）" if report.changed_after_lock else ""
        print_lines(f"{report.task_code} {report.unit} {report.period}：{report.status_label}，{report.review_label}"
                    f"{flagged}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        if args.unit:
            report = get_report(workspace, args.task, args.unit, args.period)
            payload: object = asdict(report) if report is not None else None
            lines = ([f"{args.task} {args.unit} {args.period}：尚未填写"] if report is None else
                     [f"{report.task_code} {report.unit} {report.period}：{report.status_label}，{report.review_label}",
                      report.narrative])
        else:
            answer = combined_answer(workspace, args.task, args.period)
            payload = asdict(answer)
            lines = [f"{answer.task_code} {answer.period}：{answer.status_label}（{len(answer.parts)} 个单位）",
                     answer.narrative]
    if args.json:
        print_json(payload)
    else:
        print_lines(*lines)
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        reports = list_reports(workspace, args.period, review_state=args.review_state, status=args.status,
                               task_code=args.task, unit_name=args.unit, limit=args.limit, offset=args.offset)
    if args.json:
        print_json([asdict(report) for report in reports])
    else:
        print_lines(*(f"{r.task_code}\t{r.unit}\t{r.status_label}\t{r.review_label}" for r in reports))
    return 0


def run_expected(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        rows = list_task_reports(workspace, args.period, unit_name=args.unit, review_state=args.review_state,
                                 overdue_only=args.overdue, today=args.today, limit=args.limit, offset=args.offset)
    if args.json:
        print_json([asdict(row) for row in rows])
    else:
        print_lines(*(f"{row.task_code}\t{row.unit}（{row.role_label}）\t{row.status_label}\t{row.review_label}"
                      + ("\t逾期" if row.overdue else "") for row in rows))
    return 0


def run_review(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        report = review_report(workspace, args.task, args.unit, args.period, args.action, args.comment, args.reason)
    if args.json:
        print_json(asdict(report))
    else:
        print_lines(f"{report.task_code} {report.unit} {report.period}：{report.review_label}")
    return 0


def run_completeness(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        if args.period is None:
            periods = completeness_by_period(workspace, args.today)
            payload: object = [asdict(period) for period in periods]
            lines = [f"{p.label}（截止 {p.due_date}，{p.state_label}）：{_counts(p.total)}" for p in periods]
        else:
            result = completeness(workspace, args.period, args.today)
            payload = asdict(result)
            lines = [f"{result.period}（截止 {result.due_date}，按 {result.today} 计）：{_counts(result.total)}",
                     *(f"  {row.key}：{_counts(row)}" for row in result.by_unit)]
    if args.json:
        print_json(payload)
    else:
        print_lines(*lines)
    return 0


def _counts(row) -> str:  # type: ignore[no-untyped-def]
    return (f"应报 {row.expected}，已填 {row.reported}，已提交 {row.submitted}，已通过 {row.approved}，"
            f"退回 {row.returned}，逾期 {row.overdue}")
