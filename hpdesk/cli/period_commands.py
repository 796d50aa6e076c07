"""`hpdesk period create | generate | list | lock | unlock | mark-submitted | cadence`: the reporting calendar."""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace
from datetime import date
from typing import TYPE_CHECKING

from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.calendar import KINDS, PERIOD_STATES, Cadence
from hpdesk.domain.errors import UserError, register_messages

if TYPE_CHECKING:
    from hpdesk.services.periods import PeriodSummary

register_messages({"month_day_invalid": ("日期“{text}”格式不对，应写成 月-日，如 6-15。",
                                         "Date {text} is malformed; write month-day, e.g. 6-15.")})
GROUPS = {"period": "reporting periods and their calendar"}
STATE_CHANGE = (option("label"), option("--reason", default="", help="kept in the audit trail; required to unlock"))


def _period_line(period: PeriodSummary) -> str:
    return (f"{period.label}\t{period.name}\t{period.start_date}～{period.end_date}\t截止 {period.due_date}\t"
            f"{period.state_label}")


def _periods(periods: list[PeriodSummary]) -> Output:
    return Output([asdict(period) for period in periods], [_period_line(period) for period in periods])


def run_create(args: argparse.Namespace, context: Context) -> Output:
    if args.label:
        from hpdesk.services.periods import create_period

        return _periods([create_period(context.workspace(), args.label)])
    year = args.year or date.today().year
    return _periods(context.desk().create_periods(year, args.to_year or year, args.cadence))


def run_generate(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.periods import generate_periods

    return _periods(generate_periods(context.workspace(), args.first_year, args.last_year or args.first_year))


def run_list(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.periods import list_periods

    return _periods(list_periods(context.workspace(), kind=args.kind, year=args.year, state=args.state))


def run_state(args: argparse.Namespace, context: Context) -> Output:
    period = context.desk().set_period_state(args.label, args.state, args.reason)
    return Output(asdict(period), [f"{period.name}：{period.state_label}"])


def _month_day(text: str) -> tuple[int, int]:
    month, separator, day = text.replace("/", "-").partition("-")
    if not separator or not month.strip().isdigit() or not day.strip().isdigit():
        raise UserError("month_day_invalid", text=text)
    return int(month), int(day)


def run_cadence(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.periods import set_cadence

    current = context.desk().cadence()
    either_year = args.annual_same_year or args.annual_next_year
    moved: list[PeriodSummary] = []
    if args.semiannual_due or args.quarterly_due or args.annual_due or either_year or args.kinds:
        current = replace(
            current,
            semiannual_due=(tuple(_month_day(text) for text in args.semiannual_due) if args.semiannual_due
                            else current.semiannual_due),
            quarterly_due=(tuple(_month_day(text) for text in args.quarterly_due) if args.quarterly_due
                           else current.quarterly_due),
            annual_due=_month_day(args.annual_due) if args.annual_due else current.annual_due,
            annual_due_next_year=bool(args.annual_next_year) if either_year else current.annual_due_next_year,
            kinds=tuple(args.kinds) if args.kinds else current.kinds)
        moved = set_cadence(context.workspace(), current, reschedule_open=args.reschedule_open)
    return Output({"cadence": current.to_json(), "rescheduled": [asdict(period) for period in moved]},
                  [*_cadence_lines(current), *(f"已改截止日期：{_period_line(period)}" for period in moved)])


def _cadence_lines(current: Cadence) -> list[str]:
    def days(month_days: tuple[tuple[int, int], ...]) -> str:
        return "、".join(f"{month}月{day}日" for month, day in month_days)

    month, day = current.annual_due
    return [f"半年报截止：{days(current.semiannual_due)}", f"季报截止：{days(current.quarterly_due)}",
            f"年报截止：{'次年' if current.annual_due_next_year else '当年'}{month}月{day}日",
            f"自动生成：{'、'.join(current.kinds)}（有按季度报送的任务时另生成季报）"]


COMMANDS = (
    Command(("period", "create"), "create the periods of one kind for a year (or one period by label)", run_create, (
        option("label", nargs="?", help="one period: 2025H1, 2025Q3 or 2025"),
        option("--year", type=int, help="default: this year"),
        option("--to-year", type=int, help="last year (default: --year)"),
        option("--cadence", choices=list(KINDS), default="semiannual"))),
    Command(("period", "generate"), "create every period the calendar asks for over the years", run_generate, (
        option("--from", dest="first_year", type=int, required=True),
        option("--to", dest="last_year", type=int, help="default: --from"))),
    Command(("period", "list"), "periods with dates, due dates and states", run_list, (
        option("--kind", choices=list(KINDS)),
        option("--year", type=int),
        option("--state", choices=list(PERIOD_STATES)))),
    Command(("period", "lock"), "lock a period: later changes need a reason", run_state, STATE_CHANGE,
            {"state": "locked"}),
    Command(("period", "unlock"), "reopen a period (a locked one needs --reason)", run_state, STATE_CHANGE,
            {"state": "open"}),
    Command(("period", "mark-submitted"), "record that the period went to the city", run_state, STATE_CHANGE,
            {"state": "submitted"}),
    Command(("period", "cadence"), "show or change the due dates (month-day, e.g. 6-15)", run_cadence, (
        option("--semiannual-due", nargs=2, metavar=("H1", "H2")),
        option("--quarterly-due", nargs=4, metavar=("Q1", "Q2", "Q3", "Q4")),
        option("--annual-due", metavar="M-D"),
        option("--annual-same-year", action="store_true", help="the annual report is due in its own year"),
        option("--annual-next-year", action="store_true", help="the annual report is due the next year"),
        option("--kinds", nargs="+", choices=list(KINDS), help="kinds `period generate` always creates"),
        option("--reschedule-open", action="store_true", help="also move the due dates of open periods"))),
)
