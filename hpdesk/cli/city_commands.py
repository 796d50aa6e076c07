"""The city level's commands: the county registry, the inbox, returns and receipts (and, on the county side,
importing the city's receipts).

    hpdesk county add NAME [--region R] [--contact C]        register a county by its office name
    hpdesk county list                                        counties and their pinned certificates
    hpdesk county trust CERT.pem --county X [--from T] [--to T]
    hpdesk county untrust FINGERPRINT --county X [--after T]   close the window (rotation) or, without --after, revoke
    hpdesk receive FILE_OR_FOLDER…                            verify and record packages (exit 1 if any is rejected)
    hpdesk inbox [--period P] [--status S]                    every package received, with its history
    hpdesk return ID --reason TEXT --out DIR                  退回 + a signed receipt for the county
    hpdesk receipt issue ID --state received|accepted --out DIR
    hpdesk receipt import FILE [--trust CITY.pem]             county side
    hpdesk receipt list                                       county side

Each handler takes (args, workspace) and answers a `Reply` (JSON data, text lines, exit code); `register` wraps them
the way this package's commands are registered.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from hpdesk.cli.output import print_json, print_lines


@dataclass(frozen=True)
class Reply:
    data: Any
    lines: Sequence[str]
    exit_code: int = 0


Handler = Callable[[argparse.Namespace, Any], Reply]


def _run(handler: Handler) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from hpdesk.services.workspace import open_workspace

        with open_workspace(args.workspace) as workspace:
            reply = handler(args, workspace)
        if args.json:
            print_json(reply.data)
        else:
            print_lines(*reply.lines)
        return reply.exit_code

    return run


# --- county registry ------------------------------------------------------------------------------------------------


def county_add(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.services.city.registry import add_county

    county = add_county(workspace, args.name, args.region, args.contact)
    return Reply(asdict(county), [f"已登记县区：{county.name}（编号 {county.id}）"])


def county_list(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.services.city.registry import list_counties

    counties = list_counties(workspace)
    lines = []
    for county in counties:
        lines.append(f"{county.id:>3}  {county.name}  {county.region}  {county.contact}")
        for cert in county.certificates:
            window = f"{cert.valid_from[:10]} 至 {cert.valid_to[:10] or '长期'}"
            lines.append(f"       证书 {cert.fingerprint_short}  {window}{'  已停用' if cert.revoked else ''}")
        if not county.certificates:
            lines.append("       （尚未登记签名证书）")
    return Reply([asdict(county) for county in counties], lines or ["尚未登记县区。"])


def county_trust(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.services.city.registry import trust_certificate

    cert = trust_certificate(workspace, args.county, args.certificate, valid_from=args.valid_from,
                             valid_to=args.valid_to)
    return Reply(asdict(cert), [f"已登记证书 {cert.fingerprint_short}（{args.county}），"
                                f"自 {cert.valid_from[:10]} 起{'至 ' + cert.valid_to[:10] if cert.valid_to else '长期'}有效。"])


def county_untrust(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.services.city.registry import untrust_certificate

    cert = untrust_certificate(workspace, args.county, args.fingerprint, after=args.after)
    text = (f"证书 {cert.fingerprint_short} 只用于 {cert.valid_to} 之前生成的报送包。" if not cert.revoked
            else f"证书 {cert.fingerprint_short} 已停用：其签署的报送包一律不再接收。")
    return Reply(asdict(cert), [text])


# --- inbox ----------------------------------------------------------------------------------------------------------

STATUS_LABELS = {"accepted": "已接收", "superseded": "已被替代", "returned": "已退回", "rejected": "已拒收",
                 "duplicate": "重复"}


def receive(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.services.city.inbox import receive_packages

    result = receive_packages(workspace, args.sources)
    lines = []
    for outcome in result.outcomes:
        where = f"{outcome.county} {outcome.period}".strip()
        lines.append(f"{STATUS_LABELS[outcome.status]}：{outcome.file_name}" + (f"（{where}，第 {outcome.sequence} 次）"
                                                                              if where else ""))
        lines.extend(f"  - {reason}" for reason in outcome.reasons)
        lines.extend(f"  - 与市里计划不一致：{line}" for line in outcome.plan_mismatches)
        if outcome.supersedes:
            lines.append(f"  - 替代此前的报送（收件编号 {', '.join(map(str, outcome.supersedes))}）")
    lines.append(f"共 {len(result.outcomes)} 个文件：接收 {result.count('accepted')}，被替代 {result.count('superseded')}，"
                 f"拒收 {result.count('rejected')}，重复 {result.count('duplicate')}。")
    return Reply({"outcomes": [asdict(outcome) for outcome in result.outcomes]}, lines,
                 1 if result.count("rejected") else 0)


def inbox(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.services.city.inbox_queries import inbox_rows

    rows = [row for row in inbox_rows(workspace) if (not args.period or row.period == args.period.upper())
            and (not args.status or row.status == args.status)]
    lines = [f"{row.id:>4}  {row.received_at[:16]}  {row.county or row.office or '?'}  {row.period}  第 {row.sequence} 次  "
             f"{row.status_label}" + (f"：{row.detail}" if row.detail else "") for row in rows]
    return Reply([asdict(row) for row in rows], lines or ["收件箱为空。"])


def return_package(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.cli.identity_commands import read_passphrase
    from hpdesk.services.city.receipts import return_submission

    passphrase = read_passphrase(args.passphrase_file, prompt="签名口令 / signing passphrase: ")
    receipt = return_submission(workspace, args.id, args.reason, args.out, passphrase)
    return Reply(_receipt_data(receipt), [f"已退回 {receipt.county} {receipt.period} 的报送，回执：{receipt.path}"])


def receipt_issue(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.cli.identity_commands import read_passphrase
    from hpdesk.services.city.receipts import issue_receipt

    passphrase = read_passphrase(args.passphrase_file, prompt="签名口令 / signing passphrase: ")
    receipt = issue_receipt(workspace, args.id, args.state, args.out, passphrase)
    return Reply(_receipt_data(receipt), [f"回执（{receipt.state_label}）已生成：{receipt.path}"])


def receipt_import(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.services.city.receipts import import_receipt

    receipt = import_receipt(workspace, args.file, args.trust)
    lines = [f"{'此回执已导入过' if receipt.already_imported else '已导入回执'}：{receipt.period} {receipt.state_label}"
             + (f"，理由：{receipt.reason}" if receipt.reason else "")]
    if receipt.state == "returned":
        lines.append("市里退回了本期报送：请按理由修改后重新导出（hpdesk export）。")
    return Reply(_receipt_data(receipt), lines)


def receipt_list(args: argparse.Namespace, workspace: Any) -> Reply:
    from hpdesk.services.city.receipts import list_receipts

    found = list_receipts(workspace)
    lines = [f"{r.issued_at[:16]}  {r.period}  {r.state_label}" + (f"：{r.reason}" if r.reason else "") for r in found]
    return Reply([_receipt_data(r) for r in found], lines or ["尚未收到市里的回执。"])


def _receipt_data(receipt: Any) -> dict[str, Any]:
    data = asdict(receipt)
    data["path"] = str(receipt.path) if receipt.path else None
    return data


# --- registration -------------------------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    county = subparsers.add_parser("county", help="city level: the counties and their signing certificates")
    actions = county.add_subparsers(dest="county_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register a county by its office name")
    add.add_argument("name")
    add.add_argument("--region", default="")
    add.add_argument("--contact", default="")
    add.set_defaults(handler=_run(county_add))
    listing = actions.add_parser("list", help="counties and their pinned certificates")
    listing.set_defaults(handler=_run(county_list))
    trust = actions.add_parser("trust", help="pin a county's signing certificate")
    trust.add_argument("certificate", type=Path, metavar="CERT.pem")
    trust.add_argument("--county", required=True)
    trust.add_argument("--from", dest="valid_from", help="trusted for packages made from (ISO date/time)")
    trust.add_argument("--to", dest="valid_to", help="… until (ISO date/time; default open-ended)")
    trust.set_defaults(handler=_run(county_trust))
    untrust = actions.add_parser("untrust", help="stop trusting a county's certificate")
    untrust.add_argument("fingerprint", help="its SHA-256 fingerprint, or enough leading digits")
    untrust.add_argument("--county", required=True)
    untrust.add_argument("--after", help="only for packages made after this time (key rotation); default: revoke")
    untrust.set_defaults(handler=_run(county_untrust))
    for parser in (add, listing, trust, untrust):
        parser.add_argument("--json", action="store_true")

    receive_parser = subparsers.add_parser("receive", help="city level: verify and record counties' packages")
    receive_parser.add_argument("sources", type=Path, nargs="+", metavar="FILE_OR_FOLDER")
    receive_parser.set_defaults(handler=_run(receive))
    inbox_parser = subparsers.add_parser("inbox", help="city level: every package received")
    inbox_parser.add_argument("--period")
    inbox_parser.add_argument("--status", choices=sorted(STATUS_LABELS))
    inbox_parser.set_defaults(handler=_run(inbox))
    returning = subparsers.add_parser("return", help="city level: return (退回) a submission with a signed receipt")
    returning.add_argument("id", type=int, help="the received package's id (hpdesk inbox)")
    returning.add_argument("--reason", required=True)
    returning.add_argument("--out", type=Path, required=True, help="folder for the receipt")
    returning.add_argument("--passphrase-file", type=Path)
    returning.set_defaults(handler=_run(return_package))
    for parser in (receive_parser, inbox_parser, returning):
        parser.add_argument("--json", action="store_true")

    receipt = subparsers.add_parser("receipt", help="receipts between the city and a county")
    receipt_actions = receipt.add_subparsers(dest="receipt_command", metavar="ACTION", required=True)
    issue = receipt_actions.add_parser("issue", help="city level: a signed receipt (received or accepted)")
    issue.add_argument("id", type=int)
    issue.add_argument("--state", choices=["received", "accepted"], default="received")
    issue.add_argument("--out", type=Path, required=True)
    issue.add_argument("--passphrase-file", type=Path)
    issue.set_defaults(handler=_run(receipt_issue))
    importing = receipt_actions.add_parser("import", help="county side: import the city's receipt")
    importing.add_argument("file", type=Path)
    importing.add_argument("--trust", type=Path, metavar="CITY.pem", help="the city's certificate (pinned)")
    importing.set_defaults(handler=_run(receipt_import))
    receipts_list = receipt_actions.add_parser("list", help="county side: the city's receipts")
    receipts_list.set_defaults(handler=_run(receipt_list))
    for parser in (issue, importing, receipts_list):
        parser.add_argument("--json", action="store_true")
