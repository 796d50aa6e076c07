"""The large demo: a workspace at the scale a busy county reaches after five years, written with bulk inserts.

Default size (`LargeDemoSize()`): about 300 tasks, 40 units, 10 semiannual periods, 100,000 progress reports and
50,000 evidence files (small JPEGs and PDFs, each one distinct). The plan still goes through the real importer (a
300-row workbook in the Zhengzhou layout plus the Zhengzhou indicator sample); everything after it is written with
batched Core inserts (storage.bulk_store) in one unit of work per step, and each step records one summarising audit
event in the chain. Blobs are written straight into the attachment store without a per-file fsync: this is
disposable demo data, and 50,000 fsyncs would dominate the run. The oldest period is marked submitted and locked
through the periods service but not exported (a 10,000-report packet is the export benchmark's business).
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from hpdesk.domain.messages import register_messages
from hpdesk.services.audit import record_event
from hpdesk.services.demo import demo_content as content
from hpdesk.services.demo.demo_indicators import VALUE_SOURCES, load_indicator_facts, plan_values, value_years
from hpdesk.services.demo.demo_media import TinyPhotoFactory, notice_pdf
from hpdesk.services.demo.demo_periods import DemoOutcome, DemoPeriod, demo_periods, report_states_for
from hpdesk.services.demo.demo_task_table import samples_dir, write_task_table
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.periods import set_period_state
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import Workspace
from hpdesk.storage import bulk_store as bulk
from hpdesk.storage.clock import now_iso

register_messages({
    "progress_demo_reports_of": ("进展报告 {period}", "Progress reports {period}"),
    "progress_demo_files": ("生成佐证文件", "Generating the evidence files"),
    "progress_demo_import": ("导入任务表和指标表", "Importing the task and indicator tables"),
    "progress_demo_assign": ("责任单位与任务分派", "Units and task assignments"),
    "progress_demo_reports": ("进展报告", "Progress reports"),
    "progress_demo_evidence": ("佐证材料", "Evidence"),
    "progress_demo_values": ("指标数值", "Indicator values"),
    "progress_demo_lock": ("锁定已报送的报告期", "Locking the periods already sent"),
})


@dataclass(frozen=True)
class LargeDemoSize:
    """How big the large demo is. Reports = assignments × periods; assignments are spread evenly over tasks."""

    tasks: int = 300
    units: int = 40
    periods: int = 10
    reports: int = 100_000
    evidence_files: int = 50_000


def _event_time(rng: random.Random, day: date) -> str:
    moment = datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59)))
    return moment.astimezone().isoformat()


def import_large_plan(workspace: Workspace, size: LargeDemoSize, *, scratch: Path) -> None:
    """Import a `size.tasks`-row task workbook and the Zhengzhou indicator sample through the importer."""
    table = write_task_table(scratch / "健康郑州行动重点任务.xlsx", size.tasks, county_wide=True)
    for path in (table, samples_dir() / "zhengzhou_indicators.xlsx"):
        apply_import(workspace, analyse_workbook(workspace, path))


def insert_units(workspace: Workspace, count: int) -> dict[str, int]:
    """The first `count` demo units with aliases and counterparts; returns unit id by name."""
    chosen = content.DEMO_UNITS[:count]
    now = now_iso()
    with workspace.database.unit_of_work() as session:
        bulk.insert_many(session, "unit", [
            {"name": unit.name, "unit_type": unit.unit_type, "sort_order": index, "active": True, "created_at": now,
             "contact": ""}
            for index, unit in enumerate(chosen)
        ])
        ids = bulk.ids_by(session, "unit", "name")
        aliases = [{"unit_id": ids[unit.name], "alias": alias} for unit in chosen for alias in unit.aliases]
        counterparts = [{"unit_id": ids[unit.name], "city_department": name} for unit in chosen
                        for name in unit.counterparts]
        bulk.insert_many(session, "unit_alias", aliases)
        bulk.insert_many(session, "unit_counterpart", counterparts)
        record_event(session, actor=workspace.actor, action="bulk_create", entity_type="unit",
                     summary=f"演示数据：批量建立责任单位 {len(chosen)} 个",
                     after={"units": len(chosen), "aliases": len(aliases), "counterparts": len(counterparts)})
    return ids


def insert_assignments(workspace: Workspace, unit_ids: dict[str, int], total: int, rng: random.Random) -> int:
    """About `total` assignments spread evenly over the active tasks: the lead is the county counterpart of the
    city's lead department (区卫健委 when none), then the counterparts of the responsible departments, then other
    units drawn at random until the task has its share."""
    counterparts = {department: unit.name for unit in content.DEMO_UNITS for department in unit.counterparts}
    office_unit = content.DEMO_UNITS[0].name
    now = now_iso()
    with workspace.database.unit_of_work() as session:
        tasks = bulk.active_task_departments(session)
        share, extra = divmod(total, max(1, len(tasks)))
        rows: list[dict[str, object]] = []
        names = list(unit_ids)
        for index, (task_id, leads, responsible) in enumerate(tasks):
            wanted = min(len(names), share + (1 if index < extra else 0))
            mapped = [counterparts[name] for name in (leads or []) + (responsible or []) if name in counterparts]
            lead = mapped[0] if mapped else office_unit
            chosen = list(dict.fromkeys([lead, *mapped[1:]]))[:wanted]
            others = [name for name in names if name not in chosen]
            chosen += rng.sample(others, k=max(0, wanted - len(chosen)))
            rows += [{"task_id": task_id, "unit_id": unit_ids[name], "role": "lead" if name == lead else "co",
                      "confirmed": True, "created_at": now} for name in chosen]
        bulk.insert_many(session, "assignment", rows)
        record_event(session, actor=workspace.actor, action="bulk_create", entity_type="assignment",
                     summary=f"演示数据：批量分派任务 {len(rows)} 项（{len(tasks)} 项任务）",
                     after={"assignments": len(rows), "tasks": len(tasks)})
    return len(rows)


def insert_periods(workspace: Workspace, periods: list[DemoPeriod]) -> dict[str, int]:
    with workspace.database.unit_of_work() as session:
        bulk.insert_many(session, "reporting_period", [
            {"label": p.label, "kind": "semiannual", "name": p.name, "start_date": p.start, "end_date": p.end,
             "due_date": p.due, "state": "open", "locked_at": None}
            for p in periods
        ])
        record_event(session, actor=workspace.actor, action="bulk_create", entity_type="reporting_period",
                     summary=f"演示数据：建立报告期 {len(periods)} 个（{periods[0].name}至{periods[-1].name}）",
                     after={"labels": [p.label for p in periods]})
        return bulk.ids_by(session, "reporting_period", "label")


def insert_reports(
    workspace: Workspace, periods: list[DemoPeriod], period_ids: dict[str, int], rng: random.Random,
    progress: ProgressSink | None, cancel: CancelToken | None,
) -> int:
    """One report per assignment and period, its review state drawn from the period's mix (see demo_periods)."""
    with workspace.database.read_only() as session:
        assignments = bulk.assignments_with_context(session)
    themes = {row.id: content.theme_for(row.title or "", row.task_text) for row in assignments}
    total = len(assignments) * len(periods)
    written = 0
    with workspace.database.unit_of_work() as session:
        for period in periods:
            check_cancelled(cancel)
            rows = [_report_row(rng, period, period_ids[period.label], assignment_id, unit_name, themes[assignment_id],
                                report_states_for(period, rng))
                    for assignment_id, unit_name, _title, _text in assignments]
            bulk.insert_many(session, "progress_report", rows)
            written += len(rows)
            report(progress, written, total, "progress_demo_reports_of", period=period.name)
        record_event(session, actor=workspace.actor, action="bulk_create", entity_type="progress_report",
                     summary=f"演示数据：批量写入进展报告 {written} 份（{len(periods)} 个报告期）",
                     after={"reports": written, "periods": [p.label for p in periods]})
    return written


def _report_row(rng, period, period_id, assignment_id, unit_name, theme, state):
    status, review_state = state
    row: dict[str, object] = {
        "assignment_id": assignment_id, "period_id": period_id, "status": status, "narrative": "", "figures": [],
        "problems": "", "next_steps": "", "filled_by": "", "filled_at": None, "review_state": review_state,
        "review_comment": "", "reviewed_by": "", "reviewed_at": None, "changed_after_lock": False,
        "updated_at": _event_time(rng, min(period.due, period.end)),
    }
    if status == "not_started":
        return row
    text = content.report_text(rng, period, theme=theme, unit_name=unit_name, status=status,
                               thin=review_state == "draft")
    filled_on = content.date_within(rng, period.due - timedelta(days=25), period.due - timedelta(days=1))
    row.update(narrative=text.narrative, figures=[figure.to_json() for figure in text.figures],
               problems=text.problems, next_steps=text.next_steps,
               filled_by=text.filled_by, filled_at=_event_time(rng, filled_on), updated_at=_event_time(rng, filled_on))
    if review_state in {"approved", "returned"}:
        reviewed_on = min(period.due + timedelta(days=3), filled_on + timedelta(days=rng.randint(1, 6)))
        comments = content.APPROVE_COMMENTS if review_state == "approved" else content.RETURN_COMMENTS
        row.update(review_comment=rng.choice(comments), reviewed_by=content.person_name(rng),
                   reviewed_at=_event_time(rng, reviewed_on), updated_at=_event_time(rng, reviewed_on))
    return row


def insert_evidence(
    workspace: Workspace, periods: list[DemoPeriod], file_count: int, rng: random.Random,
    progress: ProgressSink | None, cancel: CancelToken | None,
) -> tuple[int, int]:
    """Evidence on reports that were sent in: per report a notice (one PDF) and event photos (2–4 JPEGs), until
    `file_count` files exist. Returns (evidence items, files)."""
    by_label = {period.label: period for period in periods}
    with workspace.database.read_only() as session:
        period_by_id = {period_id: by_label[label]
                        for label, period_id in bulk.ids_by(session, "reporting_period", "label").items()}
        candidates = list(bulk.sent_reports(session))  # shuffled in place
    rng.shuffle(candidates)
    units = {unit.name: unit for unit in content.DEMO_UNITS}
    photos = TinyPhotoFactory(rng.randint(0, 10**6))
    now = now_iso()
    evidence_rows: list[dict[str, object]] = []
    # Blobs go to disk as they are made, so memory holds only their hashes: (evidence index, sha256, name, taken).
    links: list[tuple[int, str, str, date | None]] = []
    attachment_rows: dict[str, dict[str, object]] = {}

    def keep(data: bytes, name: str, media_type: str, taken: date | None) -> None:
        sha256 = hashlib.sha256(data).hexdigest()
        _write_blob(workspace.attachments.path_for(sha256), data)
        attachment_rows.setdefault(sha256, {"sha256": sha256, "size": len(data), "media_type": media_type,
                                            "original_name": name, "created_at": now})
        links.append((len(evidence_rows) - 1, sha256, name, taken))
        if len(links) % 2500 == 0:
            check_cancelled(cancel)
            report(progress, len(links), file_count, "progress_demo_files")

    serials: dict[tuple[str, int], int] = {}
    for report_id, period_id, unit_name, task_text in candidates:
        if len(links) >= file_count:
            break
        period = period_by_id[period_id]
        unit = units[unit_name]
        theme = content.theme_for(task_text)
        key = (unit.name, period.year)
        serials[key] = serials.get(key, 0) + 1
        number = content.doc_number(unit.doc_prefix, period.year, serials[key] + 2)
        issued = content.date_within(rng, period.start, period.start + timedelta(days=40))
        title = f"关于印发《{content.REGION}{period.year}年{theme.name}工作实施方案》的通知"
        evidence_rows.append(_evidence_row(report_id, "document", title, issued, number, unit.name, now))
        keep(notice_pdf(issuer=unit.name, doc_number=number, title=title, paragraphs=[], issued_on=issued,
                        signer=unit.name, font_path=None), f"{number}.pdf", "application/pdf", None)
        event_day = content.date_within(rng, period.start + timedelta(days=20), period.end - timedelta(days=5))
        banner = rng.choice(theme.banners)
        evidence_rows.append(_evidence_row(report_id, "photo", f"{banner}现场照片", event_day, "", unit.name, now))
        for shot in range(rng.randint(2, 4)):
            if len(links) >= file_count:
                break
            taken = datetime.combine(event_day, time(9, 10 + shot * 7, rng.randint(0, 59)))
            keep(photos.photo(len(links), taken), f"IMG_{taken:%Y%m%d_%H%M%S}.jpg", "image/jpeg", event_day)
    with workspace.database.unit_of_work() as session:
        first_id = bulk.next_id(session, "evidence")
        bulk.insert_many(session, "evidence", evidence_rows)
        bulk.insert_many(session, "attachment", list(attachment_rows.values()))
        attachment_ids = bulk.ids_by(session, "attachment", "sha256")
        file_rows = [{"evidence_id": first_id + evidence_index, "attachment_id": attachment_ids[sha256],
                      "file_name": name, "taken_on": taken_on, "sort_order": order, "added_at": now}
                     for evidence_index, files in groupby(links, key=itemgetter(0))  # links are in evidence order
                     for order, (_, sha256, name, taken_on) in enumerate(files)]
        bulk.insert_many(session, "evidence_file", file_rows)
        record_event(session, actor=workspace.actor, action="bulk_create", entity_type="evidence",
                     summary=f"演示数据：批量添加佐证材料 {len(evidence_rows)} 项、附件 {len(attachment_rows)} 个",
                     after={"evidence": len(evidence_rows), "files": len(file_rows),
                            "attachments": len(attachment_rows)})
    return len(evidence_rows), len(file_rows)


def _evidence_row(report_id, kind, title, event_date, number, unit_name, now):
    return {"report_id": report_id, "kind": kind, "title": title, "event_date": event_date, "doc_number": number,
            "description": "", "created_by": unit_name, "created_at": now}


def _write_blob(path: Path, data: bytes) -> None:
    """Temp file + rename, like the store, but without fsync (see the module docstring)."""
    if path.is_file():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_bytes(data)
    os.replace(partial, path)


def insert_indicator_values(workspace: Workspace, years: list[int], rng: random.Random) -> int:
    """Values for every indicator and year, chosen to land in every verdict (see demo_indicators)."""
    planned = [value for facts in load_indicator_facts(workspace) for value in plan_values(facts, years, rng)]
    rows = [{
        "indicator_id": item.indicator_id, "year": item.year, "value": item.value, "value_text": item.value_text,
        "as_of": date(item.year, 12, 31), "source": rng.choice(VALUE_SOURCES), "note": "", "judgement": item.judgement,
        "judgement_reason": item.judgement_reason, "judged_by": content.person_name(rng) if item.judgement else "",
        "judged_at": _event_time(rng, date(item.year + 1, 3, 20)) if item.judgement else None,
        "updated_by": workspace.actor, "updated_at": _event_time(rng, date(item.year + 1, 3, 10)),
    } for item in planned]
    with workspace.database.unit_of_work() as session:
        bulk.insert_many(session, "indicator_value", rows)
        record_event(session, actor=workspace.actor, action="bulk_create", entity_type="indicator_value",
                     summary=f"演示数据：批量录入指标数值 {len(rows)} 条（{years[0]}—{years[-1]}年）" if years else
                     "演示数据：无指标数值", after={"values": len(rows), "years": years})
    return len(rows)


def build_large_demo(
    workspace: Workspace, *, seed: int = 1, size: LargeDemoSize | None = None, today: date | None = None,
    progress: ProgressSink | None = None, cancel: CancelToken | None = None,
) -> DemoOutcome:
    """Fill an office-only workspace with the large demo (see the module docstring). Writes the database and blobs."""
    size = size or LargeDemoSize()
    rng = random.Random(seed)
    periods = demo_periods(size.periods, today)
    with tempfile.TemporaryDirectory(prefix="hpdesk-demo-") as scratch:
        report(progress, 0, 6, "progress_demo_import")
        import_large_plan(workspace, size, scratch=Path(scratch))
    check_cancelled(cancel)
    report(progress, 1, 6, "progress_demo_assign")
    unit_ids = insert_units(workspace, size.units)
    insert_assignments(workspace, unit_ids, max(1, size.reports // max(1, size.periods)), rng)
    period_ids = insert_periods(workspace, periods)
    report(progress, 2, 6, "progress_demo_reports")
    insert_reports(workspace, periods, period_ids, rng, progress, cancel)
    report(progress, 3, 6, "progress_demo_evidence")
    insert_evidence(workspace, periods, size.evidence_files, rng, progress, cancel)
    report(progress, 4, 6, "progress_demo_values")
    insert_indicator_values(workspace, value_years((today or date.today()).year), rng)
    report(progress, 5, 6, "progress_demo_lock")
    locked = next(p.label for p in periods if p.role == "locked")
    set_period_state(workspace, locked, "submitted")
    set_period_state(workspace, locked, "locked")
    report(progress, 6, 6, "")
    return DemoOutcome(locked_period=locked)
