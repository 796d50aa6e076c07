"""`hpdesk init | info | check | backup | restore`: creating and looking after a workspace."""

from __future__ import annotations

import argparse
from pathlib import Path

from hpdesk.cli.output import print_json, print_lines, print_mapping
from hpdesk.services.maintenance import backup_workspace, check_workspace, count_summary
from hpdesk.services.restore import restore_workspace
from hpdesk.services.workspace import init_workspace, open_workspace


def register(subparsers: argparse._SubParsersAction) -> None:
    init = subparsers.add_parser("init", help="create a workspace for an office")
    init.add_argument("--region", required=True, help="e.g. 管城回族区")
    init.add_argument("--office", required=True, help="e.g. 管城回族区卫生健康委员会")
    init.add_argument("--level", choices=["county", "city"], default="county")
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=run_init)

    info = subparsers.add_parser("info", help="show what the workspace holds")
    info.add_argument("--json", action="store_true")
    info.set_defaults(handler=run_info)

    check = subparsers.add_parser("check", help="verify database, attachments and audit trail (exit 1 if unsound)")
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=run_check)

    backup = subparsers.add_parser("backup", help="write a backup zip of the workspace")
    backup.add_argument("destination", type=Path, help="a new .zip file or an existing folder")
    backup.add_argument("--json", action="store_true")
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser("restore", help="restore a workspace from a backup zip")
    restore.add_argument("source", type=Path)
    restore.add_argument("--force", action="store_true", help="replace existing data (it is moved to backups/)")
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(handler=run_restore)


def _workspace_arg(args: argparse.Namespace) -> Path | None:
    return args.workspace


def run_init(args: argparse.Namespace) -> int:
    from hpdesk import paths

    root = args.workspace or paths.default_workspace_dir()
    with init_workspace(root, region=args.region, office=args.office, level=args.level) as workspace:
        summary = count_summary(workspace)
    if args.json:
        print_json(summary)
    else:
        print_lines(f"已建立工作区：{summary['workspace']}（{summary['office']}）")
    return 0


def run_info(args: argparse.Namespace) -> int:
    with open_workspace(_workspace_arg(args)) as workspace:
        summary = count_summary(workspace)
    if args.json:
        print_json(summary)
    else:
        print_mapping(summary)
    return 0


def run_check(args: argparse.Namespace) -> int:
    with open_workspace(_workspace_arg(args)) as workspace:
        result = check_workspace(workspace)
    if args.json:
        print_json(result.to_json())
    else:
        print_lines(
            f"数据库完整性：{result.database_integrity}；外键问题：{result.foreign_key_violations}",
            f"附件：已校验 {result.attachments_checked} 个；缺失 {len(result.attachments_missing)}；"
            f"损坏 {len(result.attachments_corrupt)}；无记录的文件 {len(result.orphaned_blobs)}；"
            f"未完成的临时文件 {len(result.partial_files)}",
            f"操作记录：已校验 {result.audit_events_checked} 条；问题 {len(result.audit_problems)}；"
            f"封签问题 {len(result.integrity.audit_seal_problems)}；"
            f"未留记录的报告改动 {len(result.integrity.reports_changed_without_audit)}",
            f"数据库结构：{'符合' if not result.integrity.schema_problems else '；'.join(result.integrity.schema_problems[:5])}",
            f"报送包：已校验 {result.integrity.packages_checked} 个；缺失 {len(result.integrity.packages_missing)}；"
            f"被改动 {len(result.integrity.packages_altered)}",
            *([f"注意：操作记录的密钥曾重新建立（{'、'.join(result.integrity.audit_rekeyed_at[-3:])}）"]
              if result.integrity.audit_rekeyed_at else []),
            "结论：完好" if result.sound else "结论：发现问题",
        )
    return 0 if result.sound else 1


def run_backup(args: argparse.Namespace) -> int:
    with open_workspace(_workspace_arg(args)) as workspace:
        written = backup_workspace(workspace, args.destination)
    if args.json:
        print_json({"backup": str(written), "size": written.stat().st_size})
    else:
        print_lines(f"已备份到 {written}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from hpdesk import paths

    root = (args.workspace or paths.default_workspace_dir()).expanduser().resolve()
    restored = restore_workspace(args.source, root, force=args.force)
    with open_workspace(restored) as workspace:  # migrates an older backup and proves it opens
        summary = count_summary(workspace)
    if args.json:
        print_json(summary)
    else:
        print_lines(f"已从 {args.source} 恢复工作区 {restored}")
    return 0
