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

from hpdesk.cli.output import print_json, print_lines
from hpdesk.domain.errors import UserError
from hpdesk.domain.evidence import EVIDENCE_KINDS, describe_size, parse_event_date
from hpdesk.services.evidence import (
    MAX_ATTACHMENT_BYTES, EvidenceResult, EvidenceSummary, add_evidence, list_evidence, prune_unreferenced_blobs,
    remove_evidence,
)
from hpdesk.services.workspace import open_workspace

_KIND_HELP = "、".join(f"{code}={label}" for code, label in EVIDENCE_KINDS.items())


def register(subparsers: argparse._SubParsersAction) -> None:
    evidence = subparsers.add_parser("evidence", help="evidence (佐证材料) with files")
    actions = evidence.add_subparsers(dest="evidence_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add evidence with files to a unit's report")
    _report_arguments(add)
    add.add_argument("--kind", required=True, help=f"the kind, as code or Chinese label: {_KIND_HELP}")
    add.add_argument("--title", required=True)
    add.add_argument("--date", default=None, help="the event's date, not today's (2025-05-10 or 2025年5月10日)")
    add.add_argument("--doc-number", default="", help="文号, e.g. 管卫健〔2025〕12号 ([] and () are accepted)")
    add.add_argument("--description", default="")
    add.add_argument("--reason", default="", help="required when the period is locked; kept in the audit trail")
    add.add_argument("--max-mb", type=int, default=MAX_ATTACHMENT_BYTES // 1024 ** 2,
                     help="largest file accepted, in MB (default %(default)s)")
    add.add_argument("files", nargs="*", metavar="FILE", type=Path)
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="a report's evidence with its files")
    _report_arguments(listing)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_list)

    remove = actions.add_parser("remove", help="delete an evidence item (its stored files stay until prune)")
    remove.add_argument("evidence_id", type=int, metavar="ID")
    remove.add_argument("--reason", default="", help="required when the period is locked")
    remove.add_argument("--json", action="store_true")
    remove.set_defaults(handler=run_remove)

    prune = actions.add_parser("prune", help="delete stored files no evidence uses (never those sent in a submission)")
    prune.add_argument("--json", action="store_true")
    prune.set_defaults(handler=run_prune)


def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--task", required=True, help="task code, e.g. A01-T001")
    parser.add_argument("--unit", required=True, help="county unit name or alias")
    parser.add_argument("--period", required=True, help="period label, e.g. 2025H1")


def _event_date(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return parse_event_date(text)
    except ValueError:
        raise UserError("evidence_date_invalid", text=text) from None


def run_add(args: argparse.Namespace) -> int:
    event_date = _event_date(args.date)
    with open_workspace(args.workspace) as workspace:
        result = add_evidence(workspace, args.task, args.unit, args.period, kind=args.kind, title=args.title,
                              files=args.files, event_date=event_date, doc_number=args.doc_number,
                              description=args.description, reason=args.reason, max_bytes=args.max_mb * 1024 ** 2)
    if args.json:
        print_json(_result_json(result))
    else:
        item = result.evidence
        print_lines(f"已添加佐证 #{item.id}“{item.title}”（{item.kind_label}，{len(item.files)} 个文件）",
                    *(f"提醒：{notice.text()}" for notice in result.notices))
    return 0


def _result_json(result: EvidenceResult) -> dict[str, object]:
    return {"evidence": asdict(result.evidence), "warnings": [notice.text() for notice in result.notices],
            "notices": [{"code": n.code, "params": dict(n.params)} for n in result.notices]}


def run_list(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        items = list_evidence(workspace, args.task, args.unit, args.period)
    if args.json:
        print_json([asdict(item) for item in items])
        return 0
    if not items:
        print_lines("（没有佐证材料）")
    for item in items:
        print_lines(*_item_lines(item))
    return 0


def _item_lines(item: EvidenceSummary) -> list[str]:
    head = "\t".join(str(part) for part in (f"#{item.id}", item.kind_label, item.title, item.event_date or "",
                                            item.doc_number) if part != "")
    return [head, *(f"\t{file.file_name}\t{describe_size(file.size)}\t{file.media_type}"
                    + (f"\t拍摄于 {file.taken_on}" if file.taken_on else "") for file in item.files)]


def run_remove(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        remove_evidence(workspace, args.evidence_id, args.reason)
    if args.json:
        print_json({"removed": args.evidence_id})
    else:
        print_lines(f"已删除佐证 #{args.evidence_id}（文件仍保留在工作区，可用 hpdesk evidence prune 清理）")
    return 0


def run_prune(args: argparse.Namespace) -> int:
    with open_workspace(args.workspace) as workspace:
        result = prune_unreferenced_blobs(workspace)
    if args.json:
        print_json(asdict(result))
    else:
        print_lines(f"已清理 {result.blobs_removed} 个不再使用的文件，释放 {describe_size(result.bytes_freed)}")
    return 0
