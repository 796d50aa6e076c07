"""The city level's commands: the county registry, the inbox, returns and receipts (and, on the county side,
importing the city's receipts). Each command's synopsis: docs/cli.md, "City level"."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from hpdesk.cli.identity_commands import PASSPHRASE_FILE, read_passphrase
from hpdesk.cli.registry import Command, Context, Output, option

GROUPS = {"county": "city level: the counties and their signing certificates",
          "receipt": "receipts between the city and a county",
          "city": "city level: consolidation of the accepted packages, and the city's 汇总表"}


# --- county registry ------------------------------------------------------------------------------------------------


def county_add(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.registry import add_county

    county = add_county(context.workspace(), args.name, args.region, args.contact)
    return Output(asdict(county), [f"已登记县区：{county.name}（编号 {county.id}）"])


def county_list(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.registry import list_counties

    counties = list_counties(context.workspace())
    lines = []
    for county in counties:
        lines.append(f"{county.id:>3}  {county.name}  {county.region}  {county.contact}")
        for cert in county.certificates:
            window = f"{cert.valid_from[:10]} 至 {cert.valid_to[:10] or '长期'}"
            lines.append(f"       证书 {cert.fingerprint_short}  {window}{'  已停用' if cert.revoked else ''}")
        if not county.certificates:
            lines.append("       （尚未登记签名证书）")
    return Output([asdict(county) for county in counties], lines or ["尚未登记县区。"])


def county_trust(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.registry import trust_certificate

    cert = trust_certificate(context.workspace(), args.county, args.certificate, valid_from=args.valid_from,
                             valid_to=args.valid_to)
    return Output(asdict(cert), [f"已登记证书 {cert.fingerprint_short}（{args.county}），"
                                f"自 {cert.valid_from[:10]} 起{'至 ' + cert.valid_to[:10] if cert.valid_to else '长期'}有效。"])


def county_untrust(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.registry import untrust_certificate

    cert = untrust_certificate(context.workspace(), args.county, args.fingerprint, after=args.after)
    text = (f"证书 {cert.fingerprint_short} 只用于 {cert.valid_to} 之前生成的报送包。" if not cert.revoked
            else f"证书 {cert.fingerprint_short} 已停用：其签署的报送包一律不再接收。")
    return Output(asdict(cert), [text])


# --- inbox ----------------------------------------------------------------------------------------------------------

STATUS_LABELS = {"accepted": "已接收", "superseded": "已被替代", "returned": "已退回", "rejected": "已拒收",
                 "duplicate": "重复"}


def receive(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.inbox import receive_packages

    result = receive_packages(context.workspace(), args.sources)
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
    return Output({"outcomes": [asdict(outcome) for outcome in result.outcomes]}, lines,
                  exit_code=1 if result.count("rejected") else 0)


def inbox(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.inbox_queries import inbox_rows

    rows = [row for row in inbox_rows(context.workspace()) if (not args.period or row.period == args.period.upper())
            and (not args.status or row.status == args.status)]
    lines = [f"{row.id:>4}  {_when(row.received_at)}  {row.county or row.office or row.file_name}  {row.period}  "
             + (f"第 {row.sequence} 次  " if row.sequence else "") + row.status_label
             + (f"：{row.detail}" if row.detail else "") for row in rows]
    return Output([asdict(row) for row in rows], lines or ["收件箱为空。"])


def return_package(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.receipts import return_submission

    passphrase = read_passphrase(args.passphrase_file, prompt="签名口令 / signing passphrase: ")
    receipt = return_submission(context.workspace(), args.id, args.reason, args.out, passphrase)
    return Output(asdict(receipt), [f"已退回 {receipt.county} {receipt.period} 的报送，回执：{receipt.path}"])


def receipt_issue(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.receipts import issue_receipt

    passphrase = read_passphrase(args.passphrase_file, prompt="签名口令 / signing passphrase: ")
    receipt = issue_receipt(context.workspace(), args.id, args.state, args.out, passphrase)
    return Output(asdict(receipt), [f"回执（{receipt.state_label}）已生成：{receipt.path}"])


def receipt_import(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.receipts import import_receipt

    receipt = import_receipt(context.workspace(), args.file, args.trust)
    lines = [f"{'此回执已导入过' if receipt.already_imported else '已导入回执'}：{receipt.period} {receipt.state_label}"
             + (f"，理由：{receipt.reason}" if receipt.reason else "")]
    if receipt.state == "returned":
        lines.append("市里退回了本期报送：请按理由修改后重新导出（hpdesk export）。")
    return Output(asdict(receipt), lines)


def receipt_list(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.receipts import list_receipts

    found = list_receipts(context.workspace())
    lines = [f"{_when(r.issued_at)}  {r.period}  {r.state_label}" + (f"：{r.reason}" if r.reason else "") for r in found]
    return Output([asdict(r) for r in found], lines or ["尚未收到市里的回执。"])


def _when(iso: str) -> str:
    """2026-12-06T00:08:31 → 2026-12-06 00:08, as a clerk reads it."""
    return iso[:16].replace("T", " ")


# --- consolidation and outputs ---------------------------------------------------------------------------------------


def city_summary(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.consolidation import consolidate

    result = consolidate(context.workspace(), args.period)
    lines = [f"{result.period_name}（{result.period}）：{len(result.accepted)}/{len(result.counties)} 个县区的报送已接收，"
             f"截止 {result.due}。",
             f"未报送或已退回：{'、'.join(result.missing) or '无'}；逾期：{'、'.join(result.late) or '无'}。",
             "县区  报送状态  收到日期  任务数  已报送  已完成  推进中  未报送"]
    cells = {cell.county: cell for cell in result.by_period if cell.period == result.period}
    for county in result.counties:
        cell = cells[county]
        counts = ("  ".join(str(getattr(result.county_total(county), name)) for name in
                            ("tasks", "reported", "done", "in_progress", "not_reported"))
                  if county in result.accepted else "-")
        lines.append(f"{county}  {cell.state_label}{'（逾期）' if cell.late else ''}  {cell.received_on or '-'}  {counts}")
    total = result.city_total
    lines.append(f"合计  {total.tasks}  {total.reported}  {total.done}  {total.in_progress}  {total.not_reported}")
    lines.append("指标（目标值；已填报县区数；达标县区数）：")
    lines.extend(f"  {row.code} {row.name}：{row.target_text or '-'}；{row.reported}；{row.met}"
                 for row in result.indicators)
    lines.extend(f"与市里计划不一致（{county}）：{line}" for county, line in result.mismatches)
    return Output(asdict(result), lines)


def city_task(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.consolidation import task_view

    view = task_view(context.workspace(), args.period, args.code)
    lines = [f"{view.code} {view.label}（{view.action}）"]
    for answer in view.answers:
        lines.append(f"【{answer.county}】{answer.status_label}" + ("" if answer.has_package else "（未收到报送）"))
        lines.extend(f"  {title}：{text}" for title, text in (("工作开展情况", answer.narrative), ("主要数据", answer.figures),
                                                             ("存在问题", answer.problems),
                                                             ("下一步计划", answer.next_steps)) if text)
        lines.extend(f"  佐证材料 {item.number} {item.kind_label} {item.title}（{len(item.files)} 个文件）"
                     for item in answer.evidence)
    return Output(asdict(view), lines)


def city_search(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.consolidation import search_answers

    hits = search_answers(context.workspace(), args.text, args.period)
    lines = [f"{hit.county}  {hit.period}  {hit.task_code}  {hit.where}：{hit.text}" for hit in hits]
    return Output([asdict(hit) for hit in hits], lines or [f"没有包含“{args.text}”的答复。"])


def city_report(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.services.city.city_outputs import write_city_outputs

    written = write_city_outputs(context.workspace(), args.period, args.out, doc_number=args.doc_number)
    return Output({"workbook": str(written.workbook), "pdf": str(written.pdf)},
                  [f"汇总表：{written.workbook}", f"汇总报告：{written.pdf}"])


PERIOD = option("--period", required=True, help="the reporting period, e.g. 2025H1")

COMMANDS = (
    Command(("county", "add"), "register a county by its office name", county_add,
            (option("name"), option("--region", default=""), option("--contact", default=""))),
    Command(("county", "list"), "counties and their pinned certificates", county_list),
    Command(("county", "trust"), "pin a county's signing certificate", county_trust, (
        option("certificate", type=Path, metavar="CERT.pem"),
        option("--county", required=True),
        option("--from", dest="valid_from", help="trusted for packages made from (ISO date/time)"),
        option("--to", dest="valid_to", help="… until (ISO date/time; default open-ended)"))),
    Command(("county", "untrust"), "stop trusting a county's certificate", county_untrust, (
        option("fingerprint", help="its SHA-256 fingerprint, or enough leading digits"),
        option("--county", required=True),
        option("--after", help="only for packages made after this time (key rotation); default: revoke"))),
    Command(("receive",), "city level: verify and record counties' packages", receive,
            (option("sources", type=Path, nargs="+", metavar="FILE_OR_FOLDER"),)),
    Command(("inbox",), "city level: every package received", inbox,
            (option("--period"), option("--status", choices=sorted(STATUS_LABELS)))),
    Command(("return",), "city level: return (退回) a submission with a signed receipt", return_package, (
        option("id", type=int, help="the received package's id (hpdesk inbox)"),
        option("--reason", required=True),
        option("--out", type=Path, required=True, help="folder for the receipt"),
        PASSPHRASE_FILE)),
    Command(("receipt", "issue"), "city level: a signed receipt (received or accepted)", receipt_issue, (
        option("id", type=int),
        option("--state", choices=["received", "accepted"], default="received"),
        option("--out", type=Path, required=True),
        PASSPHRASE_FILE)),
    Command(("receipt", "import"), "county side: import the city's receipt", receipt_import, (
        option("file", type=Path),
        option("--trust", type=Path, metavar="CITY.pem", help="the city's certificate (pinned)"))),
    Command(("receipt", "list"), "county side: the city's receipts", receipt_list),
    Command(("city", "summary"), "completeness, late counties and indicators for a period", city_summary, (PERIOD,)),
    Command(("city", "task"), "one task: every county's answer side by side", city_task,
            (option("code", help="the task's code in the city's plan"), PERIOD)),
    Command(("city", "search"), "search every accepted answer", city_search,
            (option("text"), option("--period"))),
    Command(("city", "report"), "write the city's 汇总表 (xlsx) and PDF summary", city_report, (
        PERIOD, option("--out", type=Path, required=True, help="folder for the two files"),
        option("--doc-number", default="", help="the summary letter's document number"))),
)
