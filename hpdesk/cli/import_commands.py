"""`hpdesk import-plan FILE [--sheet NAME] [--columns F,F,…] [--header-row N] [--dry-run] [--json]`.

Imports the city's task breakdown or indicator table, then prepares the county exactly as the desktop app does after
an import (units mirroring the city's departments, suggested assignments, and — when there are none yet — the
periods from the current one on, never one already overdue: Desk.prepare_after_import with today's date; this
year's periods it leaves out are named, with the command that adds one). `--dry-run` prints the preview (counts,
the diff against what the workspace holds, row issues) and writes nothing. Bad input is a UserError: one line naming the file, exit 2, workspace unchanged.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.calendar import passed_periods

if TYPE_CHECKING:
    from hpdesk.services.desk import Desk

KIND_NAMES = {"tasks": "任务表", "indicators": "指标表"}
STATE_NAMES = {"new": "新增", "changed": "修改", "withdrawn": "撤销"}


def run_import_plan(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.importing.plan_import import parse_column_mapping

    mapping = parse_column_mapping(args.columns.split(","), args.header_row) if args.columns is not None else None
    desk = context.desk()
    preview = desk.analyse_workbook(args.file, sheet=args.sheet, column_fields=mapping)
    payload = preview.to_json()
    if not args.dry_run:
        payload = desk.apply_import(preview).to_json()
        today = date.today()
        prepared: dict[str, Any] = dict(desk.prepare_after_import(today.year, today=today))
        if prepared["periods"]:
            prepared.update(_periods_started(desk, today))
        payload["prepared"] = prepared
    return Output(payload, _summary_lines(payload))


def _periods_started(desk: Desk, today: date) -> dict[str, Any]:
    """Which period the new calendar starts at, and this year's periods left out because they were already due
    (what the wizard's last page says; the clerk adds one with `hpdesk period create LABEL` if still needed)."""
    first = desk.periods()[0]
    return {"first_period": {"label": first.label, "name": first.name, "due": first.due_date.isoformat()},
            "left_out": [{"label": spec.label, "name": spec.name, "due": spec.due.isoformat()}
                         for spec in passed_periods("semiannual", today, desk.cadence())]}


def _summary_lines(payload: dict[str, Any]) -> list[str]:
    lines = [
        f"{payload['file']}（{payload['sheet']}）：{KIND_NAMES.get(payload['kind'], payload['kind'])}，"
        f"计划“{payload['plan']['title']}”{'（已有）' if payload['plan']['existing'] else '（新）'}",
        f"专项行动 {payload['actions']} 个；任务 {payload['tasks']} 条（县区承担 {payload['county_tasks']} 条）；"
        f"指标 {payload['indicators']} 个",
        f"新增 {payload['new']}，修改 {payload['changed']}，未变 {payload['unchanged']}，撤销 {payload['withdrawn']}",
        f"需要核对 {payload['flagged_rows']} 行" + ("（仅预览，未写入）" if not payload["applied"] else "（已导入）"),
    ]
    prepared = payload.get("prepared")
    if prepared:
        lines.append(f"新增责任单位 {prepared['units']} 个，建议分派 {prepared['assignments']} 项任务（待确认），"
                     f"新建报送期 {prepared['periods']} 个")
        if "first_period" in prepared:
            first = prepared["first_period"]
            lines.append(f"从当前报送期起创建报送期：{first['name']}（{first['due']} 截止）")
            for period in prepared["left_out"]:
                lines.append(f"{period['name']}已于 {period['due']} 截止，早于今天，因此不创建"
                             f"（如仍需报送：hpdesk period create {period['label']}）")
    for change in payload["changes"][:50]:
        where = f"第 {change['row']} 行" if change["row"] else ""
        lines.append(f"  {STATE_NAMES.get(change['state'], change['state'])} {change['code'] or ''} {where} "
                     f"{change['label'][:30]}")
    for issue in payload["issues"]:
        if issue["severity"] == "warning":
            column = f" {issue['column']} 列" if issue["column"] else ""
            lines.append(f"  {issue['sheet']} 第 {issue['row']} 行{column}：{issue['detail']}")
    return lines


COMMANDS = (
    Command(("import-plan",), "import the city's task breakdown or indicator table", run_import_plan, (
        option("file", type=Path),
        option("--sheet", help="sheet name (default: the first sheet with a recognisable header)"),
        option("--columns", help="manual column mapping, one field per column, comma-separated: "
                                 "serial,action,task_text,lead,responsible,… ('' skips a column; target:2025 gives "
                                 "a year); remembered for files with the same header"),
        option("--header-row", type=int, action="append", default=[],
               help="sheet row number of the header when it cannot be found (repeat for a two-row header)"),
        option("--dry-run", action="store_true", help="analyse and show the differences; write nothing"))),
)
