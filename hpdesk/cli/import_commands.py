"""`hpdesk import-plan FILE [--sheet NAME] [--columns F,F,…] [--header-row N] [--dry-run] [--json]`.

Imports the city's task breakdown or indicator table, then prepares the county exactly as the desktop app does after
an import (units mirroring the city's departments, suggested assignments, this year's periods:
Desk.prepare_after_import). `--dry-run` prints the preview (counts, the diff against what the workspace holds, row
issues) and writes nothing. Bad input is a UserError: one line naming the file, exit 2, workspace unchanged.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from hpdesk.cli.registry import Command, Context, Output, option

KIND_NAMES = {"tasks": "任务表", "indicators": "指标表"}
STATE_NAMES = {"new": "新增", "changed": "修改", "withdrawn": "撤销"}


def run_import_plan(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.importing.plan_import import parse_column_mapping

    mapping = parse_column_mapping(args.columns.split(","), args.header_row) if args.columns is not None else None
    desk = context.desk()
    preview = desk.analyse_workbook(args.file, sheet=args.sheet, column_fields=mapping)
    payload = preview.to_json()
    if not args.dry_run:
        payload = {**desk.apply_import(preview).to_json(), "prepared": desk.prepare_after_import(date.today().year)}
    return Output(payload, _summary_lines(payload))


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
