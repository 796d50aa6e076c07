"""The shared office database on PostgreSQL (issue 17) from the command line: `init --database`,
`migrate-to-postgresql`, `clerk add|list|remove` (synopses: docs/cli.md, Workspace).

`init --database` is `hpdesk init`'s shared form (workspace_commands hands it to `run_shared_init`). A password is
never taken from the command line, where shell history and the process list would keep it: a URL holding one is
refused; `--password-file F` (first line) or `--ask-password` (asked without echo) give it, and it is stored only in
the workspace's 0600 `pgpass` file. Without either, libpq finds it itself (~/.pgpass, PGPASSFILE) or the server needs
none (peer/trust/GSSAPI on the office LAN).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk.cli.identity_commands import read_passphrase
from hpdesk.cli.registry import Command, Context, Output, mapping_lines, option
from hpdesk.domain.errors import UserError, register_messages

if TYPE_CHECKING:
    from hpdesk.services.clerks import ClerkSummary

register_messages({
    "password_file_unreadable": ("无法读取密码文件 {path}。", "Cannot read the password file {path}."),
    "shared_attachments_needed": ("使用 --database 时还要用 --attachments 给出共享附件文件夹。",
                                  "With --database, give the shared attachment folder with --attachments."),
})
GROUPS = {"clerk": "the clerks of a shared workspace and their roles (审核 reviewer / 填报 filler)"}


def shared_options(parser: argparse.ArgumentParser) -> None:
    """The options `hpdesk init` takes for a shared workspace (added to its parser by workspace_commands)."""
    parser.add_argument("--database", metavar="URL", help="a PostgreSQL URL: create or join a shared workspace")
    parser.add_argument("--attachments", type=Path, metavar="DIR",
                        help="the shared attachment folder (with --database)")
    _password_options(parser)


def _password_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--password-file", type=Path, help="read the database password from this file")
    group.add_argument("--ask-password", action="store_true", help="ask for the database password")


def _password(args: argparse.Namespace) -> str | None:
    """The password from --password-file or --ask-password; None: let libpq find it (or none is needed)."""
    from hpdesk.services.shared_workspace import refuse_password_in_url

    refuse_password_in_url(args.database)
    if args.password_file is None and not args.ask_password:
        return None
    return read_passphrase(args.password_file, prompt="数据库密码 / database password: ",
                           unreadable="password_file_unreadable", option="--password-file")


def _attachments(args: argparse.Namespace) -> Path:
    if args.attachments is None:
        raise UserError("shared_attachments_needed")
    return Path(args.attachments)


def run_shared_init(args: argparse.Namespace, context: Context) -> Output:
    """`hpdesk init --database URL --attachments DIR`: create (with --region/--office) or join a shared workspace."""
    from hpdesk.services.maintenance import count_summary
    from hpdesk.services.shared_workspace import init_shared_workspace

    password = _password(args)
    workspace, joined = init_shared_workspace(
        context.root, url=args.database, attachments=_attachments(args), region=args.region or "",
        office=args.office or "", level=args.level, password=password)
    with workspace:
        summary = count_summary(workspace)
    summary = {**summary, "database": workspace.shared.url if workspace.shared else "", "joined": joined}
    verb = "已加入共享工作区" if joined else "已建立共享工作区"
    return Output(summary, [f"{verb}：{summary['workspace']}（{summary['office']}），数据库 {summary['database']}"])


def run_migrate(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.shared_workspace import migrate_to_postgresql

    moved = migrate_to_postgresql(context.root, url=args.database, attachments=_attachments(args),
                                  password=_password(args))
    rows = sum(moved.rows_per_table.values())
    data = {"rows": rows, "rows_per_table": moved.rows_per_table, "kept_in": str(moved.kept_in),
            "source_sound": moved.source_check.sound, "target_sound": moved.target_check.sound,
            "audit_events_checked": moved.target_check.audit_events_checked}
    return Output(data, [
        f"已迁移到 {args.database}：{rows} 条记录；操作记录 {moved.target_check.audit_events_checked} 条已校验",
        f"迁移前后检查：{'完好' if moved.source_check.sound else '发现问题'} → "
        f"{'完好' if moved.target_check.sound else '发现问题'}",
        f"原 SQLite 数据保留在 {moved.kept_in}"], exit_code=0 if moved.target_check.sound else 1)


def _clerk_data(clerk: ClerkSummary) -> dict[str, object]:
    return {"login": clerk.login, "display_name": clerk.display_name, "role": clerk.role,
            "role_label": clerk.role_label, "units": list(clerk.units), "active": clerk.active}


def run_clerk_add(args: argparse.Namespace, context: Context) -> Output:
    desk = context.desk()
    clerk = desk.add_clerk(args.login, args.role, args.unit, args.name)
    # Registering someone else as the first clerk leaves this login unregistered: from now on it may change nothing
    # checked, clerks included. Said at once, so a mistyped first login (Wang for wang) is caught while it is fresh.
    left_out = [] if desk.current_clerk() is not None else [
        f"注意：您的登录名 {desk.actor} 没有登记为经办人，今后不能再审核、导出或管理经办人；"
        f"如 {clerk.login} 不是您本人，请由 {clerk.login} 登记您（hpdesk clerk add {desk.actor} --role …）。"]
    return Output(_clerk_data(clerk), [f"已登记经办人 {clerk.login}（{clerk.role_label}）"
                                       + (f"：{'、'.join(clerk.units)}" if clerk.units else "")], left_out)


def run_clerk_list(args: argparse.Namespace, context: Context) -> Output:
    clerks = context.desk().clerks()
    return Output([_clerk_data(clerk) for clerk in clerks], mapping_lines({
        clerk.login: f"{clerk.role_label}  {clerk.display_name}  {'、'.join(clerk.units)}" for clerk in clerks})
        or ["（未登记经办人：单人使用，不检查角色）"])


def run_clerk_remove(args: argparse.Namespace, context: Context) -> Output:
    context.desk().remove_clerk(args.login)
    return Output({"removed": args.login}, [f"已注销经办人 {args.login}"])


def _migrate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("database", metavar="URL", help="an empty PostgreSQL database, postgresql://user@server/db")
    parser.add_argument("--attachments", type=Path, required=True, metavar="DIR", help="the shared attachment folder")
    _password_options(parser)


COMMANDS = (
    Command(("migrate-to-postgresql",), "move this SQLite workspace onto an empty PostgreSQL database", run_migrate,
            (_migrate_arguments,)),
    Command(("clerk", "add"), "register a clerk (reviewer 审核 or filler 填报 of some units)", run_clerk_add, (
        option("login", help="the clerk's login name (the OS login by default)"),
        option("--role", choices=["reviewer", "filler"], required=True),
        option("--unit", action="append", default=[], help="a unit the filler reports for (repeatable)"),
        option("--name", default="", help="display name"))),
    Command(("clerk", "list"), "list the clerks and their roles", run_clerk_list),
    Command(("clerk", "remove"), "unregister a clerk (their past changes stay in the audit trail)", run_clerk_remove,
            (option("login"),)),
)
