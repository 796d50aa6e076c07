"""`hpdesk forms export | import`: fill-in workbooks out to the units of a period, and the returned ones back in
(what `forms import` shows, applies and refuses: docs/cli.md, "Fill-in forms for the units")."""

from __future__ import annotations

import argparse
from dataclasses import asdict, fields, is_dataclass
from pathlib import Path

from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.messages import Message

GROUPS = {"forms": "fill-in workbooks for the units: export, import"}


def run_export(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.forms.export import export_forms

    result = export_forms(context.workspace(), args.period, args.out, args.unit, zip_each=args.zip)
    lines = [f"{form.unit}：{form.path}（{form.rows} 项任务）" for form in result.forms]
    if result.without_tasks:
        lines.append(f"本期没有任务、未生成填报表的单位：{'、'.join(result.without_tasks)}")
    return Output(asdict(result), lines)


def run_import(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.forms import analyse_files, apply_files, discard
    from hpdesk.services.forms.apply import chosen_rows

    analysis = analyse_files(context.workspace(), args.paths, period=args.period, reason=args.reason)
    accepted = None
    if args.accept_changed_text:
        accepted = {p.path: {row.row_key for row in p.rows if row.applicable} for p in analysis.previews}
    if args.dry_run:
        discard(analysis)
        results = None
    else:
        results = apply_files(context.workspace(), analysis, accepted=accepted)
    lines: list[str] = []
    for preview in analysis.previews:
        # by row, not row key: a row the unit copied below shares its key and is never applied
        picked = {row.sheet_row for row in chosen_rows(preview, None if accepted is None else accepted[preview.path])}
        lines.append(f"{preview.file}：{preview.unit} {preview.period_name}（表单 {preview.form_code}）"
                     + ("，此文件已导入过，没有变化" if preview.already_imported else "")
                     + (f"，取代之前的 {preview.supersedes}" if preview.supersedes else ""))
        lines.extend(f"  提醒：{warning.text()}" for warning in preview.warnings)
        for row in preview.rows:
            mark = "导入" if row.sheet_row in picked and not preview.already_imported else "不导入"
            lines.append(f"  第{row.sheet_row}行 {row.task_code} {_STATES[row.state]}（{mark}）")
            lines.extend(f"    {change.label}：{_short(change.before)} → {_short(change.after)}"
                         for change in row.changes)
            lines.extend(f"    锁定内容“{change.label}”被改为：{_short(change.after)}" for change in row.locked_changes)
            lines.extend(f"    {problem.text()}" for problem in row.problems)
            lines.extend(f"    佐证材料：{Path(path).name}" for path in row.evidence_found)
            lines.extend(f"    缺少佐证材料：{name}" for name in row.evidence_missing)
    for result in results or []:
        lines.append(f"{result.file}：新增 {result.new_reports} 份、更新 {result.changed_reports} 份报告（已提交待审核），"
                     f"添加佐证文件 {len(result.evidence_added)} 个")
        lines.extend(f"  {warning.text()}" for warning in result.warnings)
    if args.dry_run:
        lines.append("（试运行：没有写入任何内容）")
    return Output({"files": [_plain(preview) for preview in analysis.previews],
                   "applied": None if results is None else [_plain(result) for result in results]}, lines)


_STATES = {"new": "新报告", "changed": "有修改", "unchanged": "无变化", "unfilled": "未填写", "blocked": "不能导入"}


def _short(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def _plain(value: object) -> object:
    """A result as JSON values, every message rendered as text in the process language."""
    if isinstance(value, Message):
        return value.text()
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


COMMANDS = (
    Command(("forms", "export"), "one workbook per unit with tasks in the period", run_export, (
        option("--period", required=True, help="period label, e.g. 2026H1"),
        option("--out", required=True, type=Path, help="folder for the workbooks"),
        option("--unit", action="append", default=[], help="only this unit (repeatable; default: all)"),
        option("--zip", action="store_true", help="one zip per unit (workbook + an evidence folder)"))),
    Command(("forms", "import"), "read returned workbooks (files, folders, zips) with a diff", run_import, (
        option("paths", nargs="+", type=Path, metavar="FILE_OR_FOLDER"),
        option("--period", help="refuse forms of any other period"),
        option("--dry-run", action="store_true", help="show the changes, write nothing"),
        option("--accept-changed-text", action="store_true",
               help="also apply rows whose locked city text the unit changed"),
        option("--reason", default="", help="required to import into a locked period"))),
)
