"""`hpdesk unit merge FROM INTO`: two units that are one body (区工信局 and 区工业信息化局) become one, through
`hpdesk.services.unit_merge` (the service Settings → Units → 合并到… uses). What moves, and which clashes refuse the
merge (exit 2, nothing changed): that service, and docs/cli.md (Units and assignments).
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from hpdesk.cli.registry import Command, Context, Output, option

if TYPE_CHECKING:
    from hpdesk.services.unit_merge import MergePlan


def run_merge(args: argparse.Namespace, context: Context) -> Output:
    desk = context.desk()
    merge = desk.preview_unit_merge if args.dry_run else desk.merge_units
    plan = merge(args.merged, args.kept, args.keep_reports)
    return Output({**asdict(plan), "applied": not args.dry_run}, _plan_lines(plan, applied=not args.dry_run))


def _plan_lines(plan: MergePlan, *, applied: bool) -> list[str]:
    tasks = plan.tasks_moved + plan.tasks_shared
    head = (f"已将“{plan.merged}”并入“{plan.kept}”" if applied
            else f"将“{plan.merged}”并入“{plan.kept}”（仅预览，未合并）")
    lines = [f"{head}：任务{tasks}项（其中两单位都承担的{plan.tasks_shared}项合为一项），报告{plan.reports_moved}份，"
             f"佐证{plan.evidence_moved}项"]
    if plan.aliases_added:
        lines.append(f"“{plan.kept}”的别名新增：{'、'.join(plan.aliases_added)}")
    if plan.empty_reports_dropped:
        lines.append(f"未填写的空报告{plan.empty_reports_dropped}份不再保留")
    for clash in plan.clashes:
        state = "" if clash.period_open else "（已报送，不能合并）"
        lines.append(f"  两单位都有报告：{clash.task_code}（{clash.period_name}）{state}")
    if plan.clashes and not applied:
        lines.append(f"合并时请选择：--keep-reports kept 保留“{plan.kept}”的报告，--keep-reports merged 保留"
                     f"“{plan.merged}”的报告")
    return lines


COMMANDS = (
    Command(("unit", "merge"), "merge unit FROM into unit INTO (tasks, reports, evidence and names move; FROM goes)",
            run_merge, (
                option("merged", metavar="FROM", help="the unit that goes (name or alias)"),
                option("kept", metavar="INTO", help="the unit that stays (name or alias)"),
                option("--keep-reports", choices=["kept", "merged"], default=None,
                       help="where both units reported on one task for one open period: keep INTO's (kept) or "
                            "FROM's (merged) report; the other is deleted (the audit trail keeps its text)"),
                option("--dry-run", action="store_true", help="say what would move; change nothing"))),
)
