"""`hpdesk init | info | check | backup | restore`: creating and looking after a workspace."""

from __future__ import annotations

import argparse
from pathlib import Path

from hpdesk.cli.postgres_commands import shared_options
from hpdesk.cli.registry import Command, Context, Output, mapping_lines, option
from hpdesk.domain.errors import UserError, register_messages

register_messages({
    "init_office_needed": ("请用 --region 和 --office 给出本单位所在县区和名称。",
                           "Give the office's region and name with --region and --office."),
})


def _summary(context: Context) -> dict[str, object]:
    from hpdesk.services.maintenance import count_summary

    return count_summary(context.workspace())


def run_init(args: argparse.Namespace, context: Context) -> Output:
    if args.database is not None:  # a shared workspace on a PostgreSQL server (issue 17)
        from hpdesk.cli.postgres_commands import run_shared_init

        return run_shared_init(args, context)
    if not (args.region or "").strip() or not (args.office or "").strip():  # blank as good as missing: no folder made
        raise UserError("init_office_needed")
    context.desk(create=True).set_up_office(region=args.region, office=args.office, level=args.level)
    summary = _summary(context)
    return Output(summary, [f"已建立工作区：{summary['workspace']}（{summary['office']}）"])


def run_info(args: argparse.Namespace, context: Context) -> Output:
    summary = _summary(context)
    return Output(summary, mapping_lines(summary))


def run_check(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.blob_digests import EarlyBlobCheck

    # The blobs are hashed from here on (in a forked child on Linux, on threads elsewhere) beside the import of the
    # services and the opening of the workspace (a third of the command's time on 50,000 blobs), not after them.
    early = EarlyBlobCheck(context.root)
    try:
        from hpdesk.services.maintenance import check_workspace

        early.hand_over()
        result = check_workspace(context.workspace(), digests=early.digests)
    finally:
        early.close()
    integrity = result.integrity
    schema = "符合" if not integrity.schema_problems else "；".join(integrity.schema_problems[:5])
    return Output(result.to_json(), [
        f"数据库完整性：{result.database_integrity}；外键问题：{result.foreign_key_violations}",
        f"附件：已校验 {result.attachments_checked} 个；缺失 {len(result.attachments_missing)}；"
        f"损坏 {len(result.attachments_corrupt)}；无记录的文件 {len(result.orphaned_blobs)}；"
        f"未完成的临时文件 {len(result.partial_files)}",
        f"操作记录：已校验 {result.audit_events_checked} 条；问题 {len(result.audit_problems)}；"
        f"封签问题 {len(integrity.audit_seal_problems)}；"
        f"未留记录的报告改动 {len(integrity.reports_changed_without_audit)}；"
        f"未留记录的报送期改动 {len(integrity.periods_changed_without_audit)}；"
        f"未留记录的佐证改动 {len(integrity.evidence_changed_without_audit)}；"
        f"未留记录的指标数值改动 {len(integrity.values_changed_without_audit)}",
        f"数据库结构：{schema}",
        f"报送包：已校验 {integrity.packages_checked} 个；缺失 {len(integrity.packages_missing)}；"
        f"被改动 {len(integrity.packages_altered)}",
        f"操作记录与报送包、备份中的记录点对照：已对照 {integrity.anchors_checked} 个；"
        f"之后被截断或改写 {len(integrity.audit_behind_anchor)}"
        + "".join(f"（{item['file']}）" for item in integrity.audit_behind_anchor[:3]),
        *([f"注意：操作记录的密钥曾重新建立（{'、'.join(integrity.audit_rekeyed_at[-3:])}）"]
          if integrity.audit_rekeyed_at else []),
        "结论：完好" if result.sound else "结论：发现问题",
    ], exit_code=0 if result.sound else 1)


def run_backup(args: argparse.Namespace, context: Context) -> Output:
    written = context.desk().backup(args.destination)
    return Output({"backup": str(written), "size": written.stat().st_size}, [f"已备份到 {written}"])


def run_restore(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.restore import restore_workspace

    restored = restore_workspace(args.source, context.root.resolve(), force=args.force)
    summary = _summary(context)  # opening migrates an older backup and proves it opens
    return Output(summary, [f"已从 {args.source} 恢复工作区 {restored}"])


COMMANDS = (
    Command(("init",), "create a workspace for an office", run_init, (
        option("--region", help="e.g. 管城回族区 (needed unless joining a shared workspace)"),
        option("--office", help="e.g. 管城回族区卫生健康委员会 (needed unless joining a shared workspace)"),
        option("--level", choices=["county", "city"], default="county"), shared_options)),
    Command(("info",), "show what the workspace holds", run_info),
    Command(("check",), "verify database, attachments and audit trail (exit 1 if unsound)", run_check),
    Command(("backup",), "write a backup zip of the workspace", run_backup,
            (option("destination", type=Path, help="a new .zip file or an existing folder"),)),
    Command(("restore",), "restore a workspace from a backup zip", run_restore, (
        option("source", type=Path),
        option("--force", action="store_true", help="replace existing data (it is moved to backups/)"))),
)
