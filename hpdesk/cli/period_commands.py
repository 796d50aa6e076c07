"""`hpdesk period create | generate | list | lock | unlock | mark-submitted | cadence`: the reporting calendar."""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace
from datetime import date

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.calendar import KINDS, PERIOD_STATES, Cadence
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.periods import (
    PeriodSummary, cadence, create_period, create_periods, generate_periods, list_periods, set_cadence,
    set_period_state,
)
from hpdesk.services.workspace import open_workspace

register_messages({"month_day_invalid": ("日期“{text}”格式不对，应写成 月-日，如 6-15。",
                                         "Date {text} is malformed; write month-day, e.g. 6-15.")})


def register(subparsers: argparse._SubParsersAction) -> None:
    period = subparsers.add_parser("period", help="reporting periods and their calendar")
    actions = period.add_subparsers(dest="period_command", metavar="ACTION", required=True)

    create = actions.add_parser("create", help="create the periods of one kind for a year (or one period by label)")
    create.add_argument("label", nargs="?", help="one period: 2025H1, 2025Q3 or 2025")
    create.add_argument("--year", type=int, help="default: this year")
    create.add_argument("--to-year", type=int, help="last year (default: --year)")
    create.add_argument("--cadence", choices=list(KINDS), default="semiannual")
    create.add_argument("--json", action="store_true")
    create.set_defaults(handler=run_create)

    generate = actions.add_parser("generate", help="create every period the calendar asks for over the years")
    generate.add_argument("--from", dest="first_year", type=int, required=True)
    generate.add_argument("--to", dest="last_year", type=int, help="default: --from")
    generate.add_argument("--json", action="store_true")
    generate.set_defaults(handler=run_generate)

    listing = actions.add_parser("list", help="periods with dates, due dates and states")
    listing.add_argument("--kind", choices=list(KINDS))
    listing.add_argument("--year", type=int)
    listing.add_argument("--state", choices=list(PERIOD_STATES))
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    for verb, state, help_text in (("lock", "locked", "lock a period: later changes need a reason"),
                                   ("unlock", "open", "reopen a period (a locked one needs --reason)"),
                                   ("mark-submitted", "submitted", "record that the period went to the city")):
        command = actions.add_parser(verb, help=help_text)
        command.add_argument("label")
        command.add_argument("--reason", default="", help="kept in the audit trail; required to unlock")
        command.add_argument("--json", action="store_true")
        command.set_defaults(handler=run_state, state=state)

    due = actions.add_parser("cadence", help="show or change the due dates (month-day, e.g. 6-15)")
    due.add_argument("--semiannual-due", nargs=2, metavar=("H1", "H2"))
    due.add_argument("--quarterly-due", nargs=4, metavar=("Q1", "Q2", "Q3", "Q4"))
    due.add_argument("--annual-due", metavar="M-D")
    due.add_argument("--annual-same-year", action="store_true", help="the annual report is due in its own year")
    due.add_argument("--annual-next-year", action="store_true", help="the annual report is due the next year")
    due.add_argument("--kinds", nargs="+", choices=list(KINDS), help="kinds `period generate` always creates")
    due.add_argument("--reschedule-open", action="store_true", help="also move the due dates of open periods")
    due.add_argument("--json", action="store_true")
    due.set_defaults(handler=run_cadence)


def _period_line(period: PeriodSummary) -> str:
    return (f"{period.label}\t{period.name}\t{period.start_date}～{period.end_date}\t截止 {period.due_date}\t"
            f"{period.state_label}")


def _print_periods(periods: list[PeriodSummary], as_json: bool) -> None:
    if as_json:
        print_json([asdict(period) for period in periods])
    else:
        print_lines(*(_period_line(period) for period in periods))


def run_create(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        if args.label:
            periods = [create_period(workspace, args.label)]
        else:
            year = args.year or date.today().year
            periods = create_periods(workspace, year, args.to_year or year, args.cadence)
    _print_periods(periods, args.json)
    return 0


def run_generate(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        periods = generate_periods(workspace, args.first_year, args.last_year or args.first_year)
    _print_periods(periods, args.json)
    return 0


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        periods = list_periods(workspace, kind=args.kind, year=args.year, state=args.state)
    _print_periods(periods, args.json)
    return 0


def run_state(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        period = set_period_state(workspace, args.label, args.state, args.reason)
    if args.json:
        print_json(asdict(period))
    else:
        print_lines(f"{period.name}：{period.state_label}")
    return 0


def _month_day(text: str) -> tuple[int, int]:
    month, separator, day = text.replace("/", "-").partition("-")
    if not separator or not month.strip().isdigit() or not day.strip().isdigit():
        raise UserError("month_day_invalid", text=text)
    return int(month), int(day)


def run_cadence(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        current = cadence(workspace)
        changes: dict[str, object] = {}
        if args.semiannual_due:
            changes["semiannual_due"] = tuple(_month_day(text) for text in args.semiannual_due)
        if args.quarterly_due:
            changes["quarterly_due"] = tuple(_month_day(text) for text in args.quarterly_due)
        if args.annual_due:
            changes["annual_due"] = _month_day(args.annual_due)
        if args.annual_same_year or args.annual_next_year:
            changes["annual_due_next_year"] = bool(args.annual_next_year)
        if args.kinds:
            changes["kinds"] = tuple(args.kinds)
        moved: list[PeriodSummary] = []
        if changes:
            current = replace(current, **changes)  # type: ignore[arg-type]
            moved = set_cadence(workspace, current, reschedule_open=args.reschedule_open)
    if args.json:
        print_json({"cadence": current.to_json(), "rescheduled": [asdict(period) for period in moved]})
    else:
        print_lines(*_cadence_lines(current), *(f"已改截止日期：{_period_line(period)}" for period in moved))
    return 0


def _cadence_lines(current: Cadence) -> list[str]:
    def days(month_days: tuple[tuple[int, int], ...]) -> str:
        return "、".join(f"{month}月{day}日" for month, day in month_days)

    month, day = current.annual_due
    return [f"半年报截止：{days(current.semiannual_due)}", f"季报截止：{days(current.quarterly_due)}",
            f"年报截止：{'次年' if current.annual_due_next_year else '当年'}{month}月{day}日",
            f"自动生成：{'、'.join(current.kinds)}（有按季度报送的任务时另生成季报）"]
