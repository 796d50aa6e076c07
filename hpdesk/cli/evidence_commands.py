"""`hpdesk evidence add | list | remove | prune`: evidence (佐证材料) with its files for a unit's report.

The report is named by --task CODE --unit NAME --period LABEL (it is created on the first evidence). Warnings (a
photo taken outside the period, a file stored under another type than its name says) are printed after the result
and do not change the exit code; refusals exit 2 with nothing stored.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from hpdesk.cli.registry import Command, Context, Output, option
from hpdesk.domain.errors import UserError

if TYPE_CHECKING:
    from hpdesk.services.evidence import EvidenceSummary

MAX_ATTACHMENT_MB = 1024  # services.evidence.MAX_ATTACHMENT_BYTES in MB, written out for --help (tested)
GROUPS = {"evidence": "evidence (佐证材料) with files"}
REPORT_KEY = (option("--task", required=True, help="task code, e.g. A01-T001"),
              option("--unit", required=True, help="county unit name or alias"),
              option("--period", required=True, help="period label, e.g. 2025H1"))
# domain.evidence.EVIDENCE_KINDS as --help shows them, written out so --help does not load the domain (tested)
KIND_HELP = ("document=文件/方案、minutes=会议纪要、sign_in=签到表、photo=照片、screenshot="
             "截图、statistics=统计表、ledger=台账、media=媒体报道、other=其他")


def _event_date(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    from hpdesk.domain.evidence import parse_event_date

    try:
        return parse_event_date(text)
    except ValueError:
        raise UserError("evidence_date_invalid", text=text) from None


def run_add(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.domain.reporting import ReportKey
    from hpdesk.services.evidence import add_evidence

    event_date = _event_date(args.date)
    result = add_evidence(context.workspace(), ReportKey(args.task, args.unit, args.period), kind=args.kind,
                          title=args.title, files=args.files, event_date=event_date, doc_number=args.doc_number,
                          description=args.description, reason=args.reason, max_bytes=args.max_mb * 1024 ** 2)
    item = result.evidence
    return Output({"evidence": asdict(item), "warnings": [notice.text() for notice in result.notices],
                   "notices": [{"code": n.code, "params": dict(n.params)} for n in result.notices]},
                  [f"已添加佐证 #{item.id}“{item.title}”（{item.kind_label}，{len(item.files)} 个文件）",
                   *(f"提醒：{notice.text()}" for notice in result.notices)])


def run_list(args: argparse.Namespace, context: Context) -> Output:
    items = context.desk().evidence(args.task, args.unit, args.period)
    return Output([asdict(item) for item in items],
                  [line for item in items for line in _item_lines(item)] or ["（没有佐证材料）"])


def _item_lines(item: EvidenceSummary) -> list[str]:
    from hpdesk.domain.evidence import describe_size

    head = "\t".join(str(part) for part in (f"#{item.id}", item.kind_label, item.title, item.event_date or "",
                                            item.doc_number) if part != "")
    return [head, *(f"\t{file.file_name}\t{describe_size(file.size)}\t{file.media_type}"
                    + (f"\t拍摄于 {file.taken_on}" if file.taken_on else "") for file in item.files)]


def run_remove(args: argparse.Namespace, context: Context) -> Output:
    context.desk().remove_evidence(args.evidence_id, args.reason)
    return Output({"removed": args.evidence_id},
                  [f"已删除佐证 #{args.evidence_id}（文件仍保留在工作区，可用 hpdesk evidence prune 清理）"])


def run_prune(args: argparse.Namespace, context: Context) -> Output:
    from hpdesk.domain.evidence import describe_size
    from hpdesk.services.evidence import prune_unreferenced_blobs

    result = prune_unreferenced_blobs(context.workspace())
    return Output(asdict(result),
                  [f"已清理 {result.blobs_removed} 个不再使用的文件，释放 {describe_size(result.bytes_freed)}"])


COMMANDS = (
    Command(("evidence", "add"), "add evidence with files to a unit's report", run_add, (
        *REPORT_KEY,
        option("--kind", required=True, help=f"the kind, as code or Chinese label: {KIND_HELP}"),
        option("--title", required=True),
        option("--date", default=None, help="the event's date, not today's (2025-05-10 or 2025年5月10日)"),
        option("--doc-number", default="", help="文号, e.g. 管卫健〔2025〕12号 ([] and () are accepted)"),
        option("--description", default=""),
        option("--reason", default="", help="required when the period is locked; kept in the audit trail"),
        option("--max-mb", type=int, default=MAX_ATTACHMENT_MB,
               help="largest file accepted, in MB (default %(default)s)"),
        option("files", nargs="*", metavar="FILE", type=Path))),
    Command(("evidence", "list"), "a report's evidence with its files", run_list, REPORT_KEY),
    Command(("evidence", "remove"), "delete an evidence item (its stored files stay until prune)", run_remove, (
        option("evidence_id", type=int, metavar="ID"),
        option("--reason", default="", help="required when the period is locked"))),
    Command(("evidence", "prune"), "delete stored files no evidence uses (never those sent in a submission)",
            run_prune),
)
