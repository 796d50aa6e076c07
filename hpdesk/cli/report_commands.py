"""`hpdesk report set | show | list | expected`, `hpdesk review …`, `hpdesk completeness`: the clerk's daily work."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from typing import Any

from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.errors import UserError, register_messages

register_messages({"figure_invalid": ("数据“{text}”格式不对，应写成 名称=数值单位，如 培训人数=120人。",
                                      "Figure {text} is malformed; write name=value, e.g. 培训人数=120人.")})
# domain.reporting's codes, written out so --help does not load the domain (tests/cli/test_cli_imports.py compares)
STATUSES = ("not_started", "in_progress", "done", "not_done", "not_applicable")
REVIEW_STATES = ("draft", "submitted", "returned", "approved")
REVIEW_ACTIONS = ("submit", "approve", "return")
GROUPS = {"report": "a unit's progress report for a task and period"}
REPORT_KEY = (option("--task", required=True, help="task code, e.g. A01-T001"),
              option("--unit", required=True, help="unit name or alias"),
              option("--period", required=True, help="period label, e.g. 2025H1"))
PAGING = (option("--limit", type=int), option("--offset", type=int, default=0))
TODAY = option("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")


def run_set(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.domain.reporting import parse_figure
    from hpdesk.services.reports import ReportChanges

    try:
        figures = None if args.figure is None else tuple(parse_figure(text) for text in args.figure)
    except ValueError as error:
        raise UserError("figure_invalid", text=str(error)) from None
    changes = ReportChanges(status=args.status, narrative=args.narrative, figures=figures, problems=args.problems,
                            next_steps=args.next_steps, filled_by=args.filled_by)
    report = context.desk().save_report(args.task, args.unit, args.period, changes, reason=args.reason)
    flagged = "（锁定后修改）" if report.changed_after_lock else ""
    return Output(asdict(report), [f"{report.task_code} {report.unit} {report.period}：{report.status_label}，"
                                   f"{report.review_label}{flagged}"])


def run_show(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.reports import combined_answer, get_report

    if not args.unit:
        answer = combined_answer(context.workspace(), args.task, args.period)
        return Output(asdict(answer), [f"{answer.task_code} {answer.period}：{answer.status_label}"
                                       f"（{len(answer.parts)} 个单位）", answer.narrative])
    report = get_report(context.workspace(), args.task, args.unit, args.period)
    if report is None:
        return Output(None, [f"{args.task} {args.unit} {args.period}：尚未填写"])
    return Output(asdict(report), [f"{report.task_code} {report.unit} {report.period}：{report.status_label}，"
                                   f"{report.review_label}", report.narrative])


def run_list(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.reports import list_reports

    reports = list_reports(context.workspace(), args.period, review_state=args.review_state, status=args.status,
                           task_code=args.task, unit_name=args.unit, limit=args.limit, offset=args.offset)
    return Output([asdict(report) for report in reports],
                  [f"{r.task_code}\t{r.unit}\t{r.status_label}\t{r.review_label}" for r in reports])


def run_expected(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.reports import list_task_reports

    rows = list_task_reports(context.workspace(), args.period, unit_name=args.unit, review_state=args.review_state,
                             overdue_only=args.overdue, today=args.today, limit=args.limit, offset=args.offset)
    return Output([asdict(row) for row in rows],
                  [f"{row.task_code}\t{row.unit}（{row.role_label}）\t{row.status_label}\t{row.review_label}"
                   + ("\t逾期" if row.overdue else "") for row in rows])


def run_review(args: argparse.Namespace, context: Context) -> Output:
    report = context.desk().review(args.task, args.unit, args.period, args.action, args.comment, args.reason)
    return Output(asdict(report), [f"{report.task_code} {report.unit} {report.period}：{report.review_label}"])


def run_completeness(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.completeness import completeness, completeness_by_period

    if args.period is None:
        periods = completeness_by_period(context.workspace(), args.today)
        return Output([asdict(period) for period in periods],
                      [f"{p.label}（截止 {p.due_date}，{p.state_label}）：{_counts(p.total)}" for p in periods])
    result = completeness(context.workspace(), args.period, args.today)
    return Output(asdict(result), [f"{result.period}（截止 {result.due_date}，按 {result.today} 计）：{_counts(result.total)}",
                                   *(f"  {row.key}：{_counts(row)}" for row in result.by_unit)])


def _counts(row: Any) -> str:
    return (f"应报 {row.expected}，已填 {row.reported}，已提交 {row.submitted}，已通过 {row.approved}，"
            f"退回 {row.returned}，逾期 {row.overdue}")


COMMANDS = (
    Command(("report", "set"), "fill in or change a report", run_set, (
        *REPORT_KEY,
        option("--status", choices=list(STATUSES)),
        option("--narrative", help="工作开展情况"),
        option("--figure", action="append", default=None,
               help="a key figure name=value, e.g. 培训人数=120人 (repeatable; replaces the figures)"),
        option("--problems"),
        option("--next-steps"),
        option("--filled-by", help="who filled it (default: the current user)"),
        option("--reason", default="", help="required to change a locked period"))),
    Command(("report", "show"), "one unit's report (--unit), or the county's combined answer", run_show, (
        option("--task", required=True),
        option("--period", required=True),
        option("--unit", help="omit for the county's answer combined from every unit's part"))),
    Command(("report", "list"), "a period's reports (the review queue: --review-state submitted)", run_list, (
        option("--period", required=True),
        option("--review-state", choices=list(REVIEW_STATES)),
        option("--status", choices=list(STATUSES)),
        option("--task"),
        option("--unit"),
        *PAGING)),
    Command(("report", "expected"), "every report a period expects, filled or not", run_expected, (
        option("--period", required=True),
        option("--unit"),
        option("--review-state", choices=list(REVIEW_STATES), help="draft includes missing reports"),
        option("--overdue", action="store_true", help="only reports overdue on --today"),
        TODAY,
        *PAGING)),
    Command(("review",), "submit, approve or return a report", run_review, (
        option("action", choices=list(REVIEW_ACTIONS)),
        *REPORT_KEY,
        option("--comment", default="", help="the reviewer's comment; required to return"),
        option("--reason", default="", help="required in a locked period"))),
    Command(("completeness",), "expected, reported, approved, returned, overdue", run_completeness,
            (option("--period", help="omit for every period's totals"), TODAY)),
)
