"""`hpdesk import-plan FILE [--sheet NAME] [--dry-run] [--json]`: import the city's task or indicator table."""

from __future__ import annotations

import argparse
from pathlib import Path

from hpdesk.cli.output import print_json, print_lines
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.workspace import open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import-plan", help="import the city's task breakdown or indicator table")
    parser.add_argument("file", type=Path)
    parser.add_argument("--sheet", help="sheet name (default: the first sheet with a recognisable header)")
    parser.add_argument("--columns", help="manual column mapping, comma-separated field names ('' skips a column)")
    parser.add_argument("--dry-run", action="store_true", help="analyse and show the differences; write nothing")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_import_plan)


def run_import_plan(args: argparse.Namespace) -> int:
    column_fields = args.columns.split(",") if args.columns is not None else None
    with open_workspace(args.workspace) as workspace:
        preview = analyse_workbook(workspace, args.file, sheet=args.sheet, column_fields=column_fields)
        if args.dry_run:
            payload = {**preview.to_json(), "applied": False}
        else:
            payload = apply_import(workspace, preview).to_json()
    if args.json:
        print_json(payload)
        return 0
    kind = "任务表" if payload["kind"] == "tasks" else "指标表"
    print_lines(
        f"{payload['file']}（{payload['sheet']}）：{kind}，计划“{payload['plan']['title']}”",  # type: ignore[index]
        f"专项行动 {payload['actions']} 个；任务 {payload['tasks']} 条（县区承担 {payload['county_tasks']} 条）；"
        f"指标 {payload['indicators']} 个",
        f"新增 {payload['new']}，修改 {payload['changed']}，未变 {payload['unchanged']}，撤销 {payload['withdrawn']}",
        f"需要核对的行 {sum(1 for i in payload['issues'] if i['severity'] == 'warning')} 行"  # type: ignore[union-attr]
        + ("（仅预览，未写入）" if not payload["applied"] else "（已导入）"),
    )
    for issue in payload["issues"]:  # type: ignore[union-attr]
        if issue["severity"] == "warning":
            print_lines(f"  {issue['sheet']} 第 {issue['row']} 行{issue['column'] and ' ' + issue['column'] + ' 列'}："
                        f"{issue['detail']}")
    return 0
