"""The small demo: one county's real-looking year and a half, written through hpdesk's own services.

Every step calls the service the app calls (import, units, assignments, periods, reports and review, evidence,
indicator values, signing identity, export), so the demo exercises the real code paths and leaves a full audit
trail. The story (see demo_periods): the plan 健康郑州行动 was imported; 40 units were set up and the county tasks
handed out (a few suggestions are still unconfirmed); of four half-years the oldest was exported, signed and
locked, the next is approved and ready to send, the one after is under review, and the current one is being filled.
"""

from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from hpdesk.domain.messages import register_messages
from hpdesk.domain.reporting import ReportKey
from hpdesk.services.assignments import assign_task, suggest_assignments
from hpdesk.services.demo import demo_content as content
from hpdesk.services.demo.demo_indicators import VALUE_SOURCES, load_indicator_facts, plan_values, value_years
from hpdesk.services.demo.demo_media import event_photo_jpeg, notice_pdf, table_pdf
from hpdesk.services.demo.demo_periods import DemoOutcome, DemoPeriod, demo_periods, report_states_for
from hpdesk.services.demo.demo_task_table import samples_dir
from hpdesk.services.evidence import add_evidence
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.indicator_values import record_judgement, set_indicator_value
from hpdesk.services.periods import create_periods
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.reports import ReportChanges, set_report
from hpdesk.services.review import review_report
from hpdesk.services.units import add_unit
from hpdesk.services.workspace import Workspace, office_profile
from hpdesk.storage.task_store import confirmed_units_in_task_order

register_messages({
    "progress_demo_import_zhengzhou": ("导入健康郑州行动任务表和指标表",
                                       "Importing the Healthy Zhengzhou task and indicator tables"),
    "progress_demo_units": ("建立责任单位并分派任务", "Setting up the units and assigning the tasks"),
    "progress_demo_period": ("进展报告和佐证材料：{period}", "Progress reports and evidence: {period}"),
    "progress_demo_county_values": ("全区指标数值", "The county's indicator values"),
})

# The demo identity's passphrase, fixed by the issue and printed by `hpdesk demo`; shorter than the identity
# service's minimum (MIN_PASSPHRASE_LENGTH), so the demo lowers that minimum for it alone.
DEMO_PASSPHRASE = "demo"
SMALL_PERIODS = 4
MAX_CO_UNITS = 2
UNCONFIRMED_TASKS = 4  # suggestions left for the clerk to confirm
EVIDENCE_SHARE = 0.12  # share of lead units' handed-in reports that carry evidence files (the lead compiles them)


@dataclass(frozen=True)
class _Assignment:
    task_code: str
    unit: content.DemoUnit
    role: str
    theme: content.Theme


def _import_plan(workspace: Workspace) -> None:
    for name in ("zhengzhou_tasks.xlsx", "zhengzhou_indicators.xlsx"):
        apply_import(workspace, analyse_workbook(workspace, samples_dir() / name))


def _add_units(workspace: Workspace, rng: random.Random) -> None:
    for unit in content.DEMO_UNITS:
        add_unit(workspace, unit.name, unit.unit_type, aliases=list(unit.aliases), counterparts=list(unit.counterparts),
                 contact=f"{content.person_name(rng)} {content.phone_number(rng)}")


def _assign(workspace: Workspace, rng: random.Random) -> None:
    """Confirm the counterpart suggestions (co-units trimmed, a street or health unit added where the work is
    local), leaving the last few as unconfirmed suggestions."""
    suggestions = list(suggest_assignments(workspace).items())
    local_units = list(content.STREET_UNITS + content.HEALTH_UNITS)
    for index, (code, (lead, co)) in enumerate(suggestions):
        chosen = co[:MAX_CO_UNITS] + rng.sample(local_units, k=rng.randint(0, 1))
        confirmed = index < len(suggestions) - UNCONFIRMED_TASKS
        assign_task(workspace, code, lead, list(dict.fromkeys(u for u in chosen if u != lead)), confirmed=confirmed)


def _confirmed_assignments(workspace: Workspace) -> list[_Assignment]:
    units = {unit.name: unit for unit in content.DEMO_UNITS}
    with workspace.database.read_only() as session:
        rows = confirmed_units_in_task_order(session)
    return [_Assignment(code, units[unit], role, content.theme_for(title or "", text))
            for code, text, title, unit, role in rows]


def _write_report(workspace: Workspace, rng: random.Random, period: DemoPeriod, item: _Assignment) -> str | None:
    """One unit's report for one period, taken through review to the state the period's mix draws.
    Returns the review state, or None when the unit has not started (no report exists)."""
    status, review_state = report_states_for(period, rng)
    if status == "not_started":
        return None
    text = content.report_text(rng, period, theme=item.theme, unit_name=item.unit.name, status=status,
                               thin=review_state == "draft")
    key = (item.task_code, item.unit.name, period.label)
    set_report(workspace, *key, ReportChanges(
        status=status, narrative=text.narrative, figures=text.figures, problems=text.problems,
        next_steps=text.next_steps, filled_by=text.filled_by))
    if review_state == "draft":
        return review_state
    review_report(workspace, *key, "submit")
    if review_state == "approved" and rng.random() < 0.12:
        # Sent back once, completed by the unit, then approved: the audit trail shows the whole round.
        review_report(workspace, *key, "return", comment=rng.choice(content.RETURN_COMMENTS))
        set_report(workspace, *key, ReportChanges(narrative=text.narrative + "（已按审核意见补充佐证材料和具体数据。）"))
        review_report(workspace, *key, "submit")
    if review_state == "approved":
        review_report(workspace, *key, "approve", comment=rng.choice(content.APPROVE_COMMENTS))
    elif review_state == "returned":
        review_report(workspace, *key, "return", comment=rng.choice(content.RETURN_COMMENTS))
    return review_state


def _evidence_files(rng: random.Random, period: DemoPeriod, item: _Assignment, serial: int,
                    scratch: Path) -> list[tuple[content.EvidenceText, date, list[Path]]]:
    """The evidence a report carries, as (texts, event date, files written into `scratch`)."""
    made = []
    for number, text in enumerate(content.evidence_texts(rng, period, theme=item.theme, unit=item.unit, serial=serial)):
        folder = scratch / f"{serial:04d}-{number}"
        folder.mkdir(parents=True)
        if text.kind == "document":
            issued = content.date_within(rng, period.start, period.start + timedelta(days=40))
            path = folder / f"{text.doc_number}.pdf"
            issuer = content.issuer_name(item.unit)
            path.write_bytes(notice_pdf(
                issuer=issuer, doc_number=text.doc_number, title=text.title, issued_on=issued, signer=issuer,
                paragraphs=content.notice_body(rng, theme=item.theme, unit=item.unit, year=period.year),
            ))
            made.append((text, issued, [path]))
            continue
        day = content.date_within(rng, period.start + timedelta(days=20), period.due - timedelta(days=3))
        if text.kind == "photo":
            paths = []
            for shot in range(rng.randint(1, 3)):
                taken = datetime.combine(day, time(9, 5 + shot * 11, rng.randint(0, 59)))
                path = folder / f"IMG_{taken:%Y%m%d_%H%M%S}.jpg"
                path.write_bytes(event_photo_jpeg(
                    scene=item.theme.scene, banner=text.caption, taken_at=taken, seed=rng.randint(0, 10**6),
                    location=f"郑州市·{content.REGION}{item.unit.name if item.unit.unit_type == 'street' else ''}",
                    size=(1280, 960),
                ))
                paths.append(path)
            made.append((text, day, paths))
            continue
        header, rows = (["序号", "姓名", "单位", "联系电话"],
                        [[str(i + 1), content.person_name(rng), item.unit.name, content.phone_number(rng)]
                         for i in range(rng.randint(8, 16))])
        if text.kind == "ledger":
            header, rows = (["日期", "活动内容", "参加人数", "负责人"],
                            [[f"{period.year}-{month:02d}-{rng.randint(1, 28):02d}", text.caption,
                              str(rng.randint(20, 200)), content.person_name(rng)]
                             for month in range(period.start.month, period.start.month + 5)])
        path = folder / f"{text.title}.pdf"
        path.write_bytes(table_pdf(title=text.title, subtitle=f"{item.unit.name}　{day.year}年{day.month}月{day.day}日",
                                   header=header, rows=rows))
        made.append((text, day, [path]))
    return made


def _add_evidence(workspace: Workspace, rng: random.Random, period: DemoPeriod, item: _Assignment, serial: int,
                  scratch: Path) -> None:
    for text, day, paths in _evidence_files(rng, period, item, serial, scratch):
        add_evidence(workspace, ReportKey(item.task_code, item.unit.name, period.label), kind=text.kind,
                     title=text.title, files=paths, event_date=day, doc_number=text.doc_number, description=text.description)


def _indicator_values(workspace: Workspace, rng: random.Random, today: date) -> None:
    for facts in load_indicator_facts(workspace):
        for item in plan_values(facts, value_years(today.year), rng):
            set_indicator_value(workspace, item.code, item.year, item.value_text, as_of=date(item.year, 12, 31),
                                source=rng.choice(VALUE_SOURCES))
            if item.judgement:
                record_judgement(workspace, item.code, item.year, item.judgement, item.judgement_reason)


def build_small_demo(
    workspace: Workspace, *, seed: int = 1, today: date | None = None, progress: ProgressSink | None = None,
    cancel: CancelToken | None = None,
) -> DemoOutcome:
    """Fill an office-only workspace with the small demo (see the module docstring). Writes the database, blobs,
    the identity folder and one export under exports/."""
    from hpdesk.services.exporting.submission import export_submission  # the signing stack: only when building
    from hpdesk.services.identity import create_identity

    today = today or date.today()
    rng = random.Random(seed)
    periods = demo_periods(SMALL_PERIODS, today)
    steps = 7
    report(progress, 0, steps, "progress_demo_import_zhengzhou")
    _import_plan(workspace)
    report(progress, 1, steps, "progress_demo_units")
    _add_units(workspace, rng)
    _assign(workspace, rng)
    create_periods(workspace, periods[0].year, periods[-1].year)
    assignments = _confirmed_assignments(workspace)
    profile = office_profile(workspace)
    create_identity(workspace.identity_dir, profile.name if profile else "演示单位", DEMO_PASSPHRASE,
                    minimum_length=len(DEMO_PASSPHRASE))
    serial = 0
    with tempfile.TemporaryDirectory(prefix="hpdesk-demo-") as scratch:
        for index, period in enumerate(periods):
            report(progress, 2 + index, steps, "progress_demo_period", period=period.name)
            for item in assignments:
                check_cancelled(cancel)
                state = _write_report(workspace, rng, period, item)
                handed_in = state in {"submitted", "approved", "returned"}
                if handed_in and item.role == "lead" and rng.random() < EVIDENCE_SHARE:
                    serial += 1
                    _add_evidence(workspace, rng, period, item, serial, Path(scratch))
            if period.role == "locked":  # exported into exports/, signed with the demo identity: that locks it
                cover_letter = content.doc_number(content.OFFICE_DOC_PREFIX, period.due.year, 12 + index)
                export_submission(workspace, period.label, workspace.exports_dir, DEMO_PASSPHRASE,
                                  doc_number=cover_letter)
    report(progress, 6, steps, "progress_demo_county_values")
    _indicator_values(workspace, rng, today)
    report(progress, steps, steps, "")
    locked = next(p.label for p in periods if p.role == "locked")
    return DemoOutcome(locked_period=locked, identity_passphrase=DEMO_PASSPHRASE)
