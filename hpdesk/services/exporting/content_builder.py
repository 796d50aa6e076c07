"""`build_packet_content`: read one period of the workspace into the frozen PacketContent that every output renders.

What goes in (decided here, once, so the PDF and the Excel cannot disagree):
- county tasks: active tasks that fall to the county, in the city's order; each with every confirmed unit;
- the county's answer for a task is built from the **approved** unit reports only; a part that is a draft, waiting
  for review or returned is listed with its state but its text is left out (the city gets what the office vetted);
- evidence of the included parts, numbered E001… in task order, with the path each file gets in the package;
- completeness and "overdue" as of the export day (for a locked period: as its last submission measured them);
- indicator verdicts for the latest year up to the period's end that has values (annual figures are usually
  reported in the following half-year);
- the city's imported tables (header rows, row cells verbatim), so the Excel can rebuild the city's own layout.

Each kind of data is read by one small function, so a better service can replace it in one place. Reads only;
evaluate_all() may cache parsed targets, as it always does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from hpdesk import __version__
from hpdesk.domain import reporting
from hpdesk.domain.errors import UserError, register_messages
from hpdesk.domain.evidence import EVIDENCE_KINDS, normalise_doc_number, safe_file_name
from hpdesk.domain.measure_units import format_number
from hpdesk.domain.reporting import REVIEW_LABELS, ROLE_LABELS, STATUS_LABELS, combine_figures, combined_status
from hpdesk.domain.target_judging import VERDICT_LABELS, Verdict
from hpdesk.domain.task_text import TaskText
from hpdesk.services.completeness import completeness
from hpdesk.services.exporting.packet_content import (
    CONTENT_FORMAT, CONTENT_FORMAT_VERSION, CityRow, CityTable, CountLine, CoverLetter, EvidenceFile, EvidenceItem,
    Figure, IndicatorLine, LabelCount, OfficeInfo, OverdueLine, PacketContent, PeriodInfo, PlanInfo, SignOff, Summary,
    TaskSection, UnitPart,
)
from hpdesk.services.indicator_evaluation import evaluate_all
from hpdesk.services.reports import ReportSummary, list_reports
from hpdesk.services.workspace import Workspace, get_setting, office_profile
from hpdesk.storage.evidence_store import evidence_of_period, files_of_evidence
from hpdesk.storage.indicator_store import indicator_year, serial_labels, value_sources
from hpdesk.storage.period_store import find_period
from hpdesk.storage.plan_store import action_labels, current_sources, plans_in_order, source_rows
from hpdesk.storage.report_store import task_ids, tasks_in_order
from hpdesk.storage.submission_store import last_snapshot
from hpdesk.storage.task_store import units_by_task

if TYPE_CHECKING:
    from hpdesk.storage.records import ReportingPeriodRecord

SIGN_OFF_SETTING = "export.sign_off"
EVIDENCE_FOLDER = "佐证材料"
OVERDUE_LISTED = 200
NOT_REPORTED = "未报送"
LEFT_OUT_LABELS = {"draft": "草稿，未纳入", "submitted": "待审核，未纳入", "returned": "已退回，未纳入"}

register_messages(
    {
        "export_no_office": ("工作区还没有设置本单位信息，无法生成报送材料。",
                             "The workspace has no office yet; cannot build a submission."),
        "export_no_plan": ("工作区还没有导入行动计划，无法生成报送材料。",
                           "No action plan has been imported; cannot build a submission."),
        # The examples are built from the clerk's own serial and year, never another county's 机关代字.
        "export_doc_prefix_missing": (
            "只给了文号序号“{text}”，但还没有设置本单位的文号前缀（机关代字）。请在“设置 → 本单位”中填写，"
            "或写完整文号：机关代字〔{year}〕{serial}号。",
            "Only the serial “{text}” was given and the office has no document number prefix; set one in Settings "
            "→ Office, or give the full number: prefix〔{year}〕{serial}号.",
        ),
        "export_doc_number_invalid": (
            "文号“{text}”无法识别。请只填序号（如 12），或写完整文号：机关代字〔{year}〕序号号。",
            "Cannot read the document number “{text}”. Give the serial alone (12) or in full: prefix〔{year}〕serial号.",
        ),
    }
)


def build_packet_content(workspace: Workspace, period_label: str, *, doc_number: str | None = None,
                         now: datetime | None = None, signer_fingerprint: str = "") -> PacketContent:
    """The period's submission content as of `now` (default: this moment, local time).

    `doc_number` is the serial ("12", giving 管卫健〔2025〕12号 with the office's prefix and the export year) or a
    full document number. `signer_fingerprint` (64 hex digits) is printed in the cover letter, so that the paper and
    the signed files vouch for each other. Raises UserError for a missing office, plan or period, or an unreadable doc number.
    """
    moment = (now or datetime.now()).astimezone().replace(microsecond=0)
    profile = office_profile(workspace)
    if profile is None:
        raise UserError("export_no_office")
    with workspace.database.read_only() as session:
        period_record = find_period(session, period_label)
        plans = _plans(session)
        if not plans:
            raise UserError("export_no_plan")
        year = indicator_year(session, period_record)
        measured_on = _measured_on(session, period_record, moment.date())
        period = PeriodInfo(period_record.label, period_record.name, period_record.start_date.isoformat(),
                            period_record.end_date.isoformat(), period_record.due_date.isoformat(), year)
        task_rows = _county_tasks(session)
        units = {task_id: [(name, role) for name, role, _confirmed in parts]
                 for task_id, parts in units_by_task(session, None, confirmed_only=True).items()}
        evidence_by_report = _period_evidence(session, period_record.id)
        city_tables = _city_tables(session)
        value_details = value_sources(session, year)
    office = OfficeInfo(profile.region, profile.name, profile.short_name, profile.doc_prefix)
    reports = _reports_by_task(workspace, period.label)
    tasks = _task_sections(task_rows, units, reports, evidence_by_report)
    indicators = _indicator_lines(workspace, year, value_details)
    summary = _summary(workspace, period.label, measured_on, tasks, indicators)
    cover = _cover_letter(office, profile.addressee, period, plans, summary, moment.date(),
                          document_number(doc_number, profile.doc_prefix, moment.year), signer_fingerprint)
    return PacketContent(
        format=CONTENT_FORMAT, format_version=CONTENT_FORMAT_VERSION, software_version=__version__,
        generated_at=moment.isoformat(), office=office, period=period, plans=plans, cover=cover,
        sign_off=_sign_off(workspace, moment.date()), summary=summary, tasks=tasks, indicators=indicators,
        city_tables=city_tables)


def chinese_date(day: date) -> str:
    """2025年6月14日: GB/T 9704 writes dates in Arabic numerals without leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


# --- one function per kind of data ---------------------------------------------------------------------------------


def _plans(session: Session) -> tuple[PlanInfo, ...]:
    return tuple(PlanInfo(p.code, p.title, p.issuer, p.doc_number) for p in plans_in_order(session))


def _measured_on(session: Session, period: ReportingPeriodRecord, today: date) -> date:
    """The day completeness and "overdue" are measured on: the export day while the period is open. Once it is
    locked (its data frozen as it was sent), the day its last submission measured on — else the day it was locked —
    so exporting it again later gives the same counts, not more overdue items."""
    if period.state != "locked":
        return today
    snapshot = last_snapshot(session, period.id)
    for read in (lambda: date.fromisoformat(snapshot["summary"]["as_of"]),
                 lambda: datetime.fromisoformat(period.locked_at or "").date()):
        try:
            return min(today, read())
        except (TypeError, KeyError, ValueError):
            continue
    return today


@dataclass(frozen=True)
class _TaskFacts:
    id: int
    code: str
    action_label: str
    serial_label: str
    text: TaskText


@dataclass(frozen=True)
class _EvidenceFacts:
    kind: str
    title: str
    event_date: str
    doc_number: str
    description: str
    files: tuple[tuple[str, str, int, str, str], ...]  # (name, sha256, size, media type, taken on)


def _county_tasks(session: Session) -> list[_TaskFacts]:
    labels = action_labels(session)
    return [_TaskFacts(t.id, t.code, labels.get(t.action_id or 0, ""), t.serial_label, t.text)
            for t in tasks_in_order(session, task_ids())]


def _reports_by_task(workspace: Workspace, period_label: str) -> dict[tuple[str, str], ReportSummary]:
    return {(report.task_code, report.unit): report for report in list_reports(workspace, period_label)}


def _period_evidence(session: Session, period_id: int) -> dict[int, list[_EvidenceFacts]]:
    """report id → the evidence of that report in the period, in the order it was entered."""
    evidence = evidence_of_period(session, period_id)
    files: dict[int, list[tuple[str, str, int, str, str]]] = {}
    for link, attachment in files_of_evidence(session, [item.id for item in evidence]):
        files.setdefault(link.evidence_id, []).append(
            (link.file_name, attachment.sha256, attachment.size, attachment.media_type,
             link.taken_on.isoformat() if link.taken_on else ""))
    result: dict[int, list[_EvidenceFacts]] = {}
    for item in evidence:
        result.setdefault(item.report_id, []).append(_EvidenceFacts(
            item.kind, item.title, item.event_date.isoformat() if item.event_date else "", item.doc_number,
            item.description, tuple(files.get(item.id, []))))
    return result


def _city_tables(session: Session) -> tuple[CityTable, ...]:
    return tuple(CityTable(
        source.table_kind, source.file_name, source.sheet_name,
        tuple(tuple(_cell_text(cell) for cell in row) for row in source.header_rows or ()),
        tuple(_cell_text(name) for name in source.column_fields or ()),
        tuple(CityRow(code, tuple(_cell_text(cell) for cell in cells or ()))
              for code, cells in source_rows(session, source))) for source in current_sources(session))


def _indicator_lines(workspace: Workspace, year: int, details: dict[str, tuple[str, str]]) -> tuple[IndicatorLine, ...]:
    with workspace.database.read_only() as session:
        serials = serial_labels(session)
    return tuple(IndicatorLine(
        item.code, serials.get(item.code, ""), item.action, item.name, item.unit, item.nature, item.baseline_text,
        item.target_year, item.target_text, item.value_text, *details.get(item.code, ("", "")),  # as of, source
        Verdict(item.verdict).value, VERDICT_LABELS[Verdict(item.verdict)],
        item.reason.text("zh")) for item in evaluate_all(workspace, year))  # the packet is Chinese whatever the UI says


def _sign_off(workspace: Workspace, day: date) -> SignOff:
    stored = get_setting(workspace, SIGN_OFF_SETTING, {}) or {}
    names = stored if isinstance(stored, dict) else {}
    return SignOff(**{key: str(names.get(key, "") or "") for key in ("filled_by", "reviewer", "head", "phone")},
                   date_text=chinese_date(day))


# --- assembling ----------------------------------------------------------------------------------------------------


def _task_sections(task_rows, units_by_task, reports, evidence_by_report) -> tuple[TaskSection, ...]:
    sections = []
    used_paths: set[str] = set()
    serial = 0
    for task in task_rows:
        parts: list[UnitPart] = []
        included: list[ReportSummary] = []
        evidence: list[EvidenceItem] = []
        for unit, role in units_by_task.get(task.id, []):
            report = reports.get((task.code, unit))
            if report is not None and report.review_state == "approved":
                included.append(report)
                parts.append(UnitPart(unit, ROLE_LABELS[role], True, REVIEW_LABELS["approved"], report.status_label,
                                      report.narrative, _figures(report.figures), report.problems, report.next_steps,
                                      report.filled_by, report.changed_after_lock))
                for facts in evidence_by_report.get(report.id, []):
                    serial += 1
                    evidence.append(_evidence_item(f"E{serial:03d}", task.code, unit, facts, used_paths))
            else:
                state = LEFT_OUT_LABELS.get(report.review_state, NOT_REPORTED) if report else NOT_REPORTED
                parts.append(UnitPart(unit, ROLE_LABELS[role], False, state, report.status_label if report else "",
                                      "", (), "", "", report.filled_by if report else "",
                                      report.changed_after_lock if report else False))
        status = STATUS_LABELS[combined_status(r.status for r in included)] if included else NOT_REPORTED

        def joined(field: str, parts_in: list[ReportSummary] = included) -> str:
            return "\n".join(f"【{r.unit}（{ROLE_LABELS[r.role]}）】{getattr(r, field).strip()}"
                             for r in parts_in if getattr(r, field).strip())

        sections.append(TaskSection.of(
            task.code, task.action_label, task.serial_label, task.text, status_label=status,
            narrative=joined("narrative"), figures=_figures(combine_figures(r.figures for r in included)),
            problems=joined("problems"), next_steps=joined("next_steps"), units=tuple(parts), evidence=tuple(evidence)))
    return tuple(sections)


def _evidence_item(number: str, task_code: str, unit: str, facts: _EvidenceFacts, used_paths: set[str]) -> EvidenceItem:
    packaged = []
    for index, (name, sha256, size, media_type, taken_on) in enumerate(facts.files, start=1):
        stem = f"{number}-{index}" if len(facts.files) > 1 else number
        path = f"{EVIDENCE_FOLDER}/{stem}-{safe_file_name(name, max_length=100)}"
        while path.casefold() in used_paths:  # same name twice in one item; Windows folders ignore case
            path = path.replace(f"/{stem}-", f"/{stem}x-", 1)
        used_paths.add(path.casefold())
        packaged.append(EvidenceFile(name, path, sha256, size, media_type, taken_on))
    return EvidenceItem(number, task_code, unit, EVIDENCE_KINDS.get(facts.kind, facts.kind), facts.title,
                        facts.event_date, facts.doc_number, facts.description, tuple(packaged))


def _figures(figures: Iterable[reporting.Figure]) -> tuple[Figure, ...]:
    """The packet's figures: each with its number written out in its unit ("1420人")."""
    return tuple(Figure(figure.name, float(figure.value), figure.unit, format_number(float(figure.value), figure.unit))
                 for figure in figures)


def _summary(workspace: Workspace, period_label: str, today: date, tasks: tuple[TaskSection, ...],
             indicators: tuple[IndicatorLine, ...]) -> Summary:
    counts = completeness(workspace, period_label, today)

    def line(row) -> CountLine:
        return CountLine(row.key, row.expected, row.reported, row.approved, row.returned, row.overdue)

    overdue = tuple(OverdueLine(item.task_code, item.task_text, item.unit, REVIEW_LABELS.get(item.review_state,
                                                                                           item.review_state))
                    for item in counts.overdue[:OVERDUE_LISTED])
    statuses = Counter(task.status_label for task in tasks)
    status_order = [*STATUS_LABELS.values(), NOT_REPORTED]
    verdicts = Counter(line.verdict for line in indicators)
    return Summary(
        as_of=today.isoformat(), task_count=len(tasks),
        status_counts=tuple(LabelCount(label, statuses[label]) for label in status_order if statuses[label]),
        total=line(counts.total), by_action=tuple(line(row) for row in counts.by_action),
        by_unit=tuple(line(row) for row in counts.by_unit), overdue=overdue,
        overdue_more=max(0, counts.total.overdue - len(overdue)),
        verdict_counts=tuple(LabelCount(VERDICT_LABELS[v], verdicts[v.value]) for v in Verdict),
        indicator_count=len(indicators), evidence_count=sum(len(task.evidence) for task in tasks),
        file_count=sum(len(item.files) for task in tasks for item in task.evidence),
        changed_after_lock=sum(1 for task in tasks if any(part.changed_after_lock for part in task.units)))


def _cover_letter(office: OfficeInfo, addressee: str, period: PeriodInfo, plans: tuple[PlanInfo, ...],
                  summary: Summary, day: date, doc_number: str, signer_fingerprint: str = "") -> CoverLetter:
    plan = plans[0]
    plan_title = plan.title.strip("《》") or "健康城市行动"
    # 我区 / 我县 / 我市 / 我旗 from the region's last character
    ours = {"区": "我区", "县": "我县", "市": "我市", "旗": "我旗"}.get(office.region.strip()[-1:], "我单位")
    reference = f"《{plan_title}》" + (f"（{plan.doc_number}）" if plan.doc_number else "")
    statuses = "，".join(f"{item.label}{item.count}项" for item in summary.status_counts)
    total = summary.total
    paragraphs = [
        f"根据{reference}有关要求，现将{office.region}{period.name}工作进展情况报送如下。",
        f"本期{ours}承担县区任务{summary.task_count}项" + (f"，其中{statuses}" if statuses else "") + "。"
        f"各责任单位应报{total.expected}项，审核通过{total.approved}项"
        + (f"，退回修改{total.returned}项" if total.returned else "")
        + (f"，逾期未报{total.overdue}项" if total.overdue else "") + "。",
    ]
    verdicts = "，".join(f"{item.label}{item.count}项" for item in summary.verdict_counts if item.count)
    if summary.indicator_count:
        paragraphs.append(f"{period.year}年{summary.indicator_count}项监测指标中，{verdicts}，逐项情况见附件3。")
    paragraphs.append(f"随函附佐证材料{summary.evidence_count}项（文件{summary.file_count}个），原始电子文件、本期数据"
                      "及报送表均在同名电子报送包中，已加电子签名。")
    if summary.changed_after_lock:
        paragraphs.append(f"本期锁定后有{summary.changed_after_lock}项任务的填报作了修改，已在附件2中逐项注明。")
    if signer_fingerprint:
        digits = signer_fingerprint.upper()
        grouped = " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))  # as Settings and the stamp show it
        paragraphs.append(f"本函所附电子文件的签名证书指纹（SHA-256）为：{grouped}，请与电子报送包核对。")
    paragraphs.append("特此报送。")
    return CoverLetter(
        authority=office.name, doc_number=doc_number,
        title=f"关于报送{office.region}{period.name}{plan_title}工作进展情况的函",
        addressee=(addressee or plan.issuer or "市推进委员会办公室").strip().rstrip("：:"),
        paragraphs=tuple(paragraphs),
        attachments=(f"{period.name}工作进展情况汇总", "任务完成情况明细", f"{period.year}年指标监测情况",
                     "佐证材料目录及材料"),
        issuer=office.name, date_text=chinese_date(day))


def document_number(text: str | None, prefix: str, year: int) -> str:
    """The 文号 a clerk typed, written the GB/T 9704 way: 机关代字〔年份〕序号号 — six-cornered brackets, no leading
    zeros, no 第; a bare serial ("12") takes the office's `prefix` and `year`. "" for none. UserError
    (export_doc_number_invalid, export_doc_prefix_missing) for text that is no complete 文号. The county's letter and
    the city's summary letter alike."""
    text = (text or "").strip()
    if not text:
        return ""
    serial = re.fullmatch(r"第?\s*(\d{1,6})\s*号?", text)
    if serial:
        if not prefix.strip():
            raise UserError("export_doc_prefix_missing", text=text, year=year, serial=int(serial.group(1)))
        return f"{prefix.strip()}〔{year}〕{int(serial.group(1))}号"
    normalised = normalise_doc_number(text)
    # the whole form: 机关代字, the year, the serial — "管卫健〔2025〕" alone (the serial forgotten) would print an
    # incomplete 文号 on the official letter
    if not re.fullmatch(r"[^〔〕\s][^〔〕]*〔\d{4}〕\s*第?\s*\d+\s*号?", normalised):
        raise UserError("export_doc_number_invalid", text=text, year=year)
    return re.sub(r"〕\s*第?\s*0*(\d+)\s*号?$", r"〕\1号", normalised)


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)

