"""The whole data model as SQLAlchemy 2 typed ORM classes (`*Record`). Never handed to the UI or across threads.

Conventions:
- every constraint and index is named through the naming convention, so Alembic batch migrations can alter them;
- texts from the city are stored verbatim next to anything parsed from them (`*_text` beside parsed columns);
- JSON columns hold plain lists/dicts (parsed targets, figures, source cells), never pickled objects;
- county data (assignments, reports, evidence, values) hangs off tasks and indicators by id; a re-import never deletes
  tasks or indicators, it marks them `withdrawn`, so that data stays attached (`status`).
- timestamps are ISO-8601 strings in local time with offset (`hpdesk.storage.clock.now_iso`), dates are `date`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, composite, mapped_column, relationship

from hpdesk.domain.task_text import TEXT_FIELDS, TaskText
from hpdesk.storage.record_base import Base, JsonDocument

# The city level's tables live in their own module; importing it here puts them in Base.metadata wherever the
# records are loaded (migrations, schema checks).
from hpdesk.storage import city_records as _city_records  # noqa: F401  isort: skip

# --------------------------------------------------------------------------------------------------------------------
# The office and its settings


class OfficeRecord(Base):
    """The one office that owns this workspace (a county/district health office, or a city office)."""

    __tablename__ = "office"

    id: Mapped[int] = mapped_column(primary_key=True)
    region: Mapped[str] = mapped_column(String(100))  # 管城回族区
    name: Mapped[str] = mapped_column(String(200))  # 管城回族区卫生健康委员会
    level: Mapped[str] = mapped_column(String(10), default="county")  # county | city
    short_name: Mapped[str] = mapped_column(String(50), default="")  # 区卫健委
    doc_prefix: Mapped[str] = mapped_column(String(50), default="")  # 管卫健 → 管卫健〔2025〕12号
    addressee: Mapped[str] = mapped_column(String(200), default="")  # 主送机关 of the cover letter
    created_at: Mapped[str] = mapped_column(String(40))


class SettingRecord(Base):
    """Small key/value settings that belong to the workspace (cadence, signer names, UI-independent choices)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JsonDocument)


# --------------------------------------------------------------------------------------------------------------------
# The city's plan


class PlanRecord(Base):
    """The city's action plan document (title, issuer, document number, span)."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)  # stable fingerprint: same plan re-imported → same code
    title: Mapped[str] = mapped_column(String(300))
    issuer: Mapped[str] = mapped_column(String(200), default="")
    doc_number: Mapped[str] = mapped_column(String(100), default="")  # 泰爱卫发〔2020〕8号
    issued_on: Mapped[date | None] = mapped_column(Date)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))

    sources: Mapped[list[PlanSourceRecord]] = relationship(back_populates="plan")
    actions: Mapped[list[ActionRecord]] = relationship(back_populates="plan")


class PlanSourceRecord(Base):
    """One imported sheet of a city workbook, kept so exports can rebuild the city's own layout."""

    __tablename__ = "plan_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="RESTRICT"), index=True)
    table_kind: Mapped[str] = mapped_column(String(20))  # tasks | indicators
    file_name: Mapped[str] = mapped_column(String(300))
    file_sha256: Mapped[str] = mapped_column(String(64))
    sheet_name: Mapped[str] = mapped_column(String(100))
    layout_signature: Mapped[str] = mapped_column(String(64))
    header_rows: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)  # the header rows' cell texts, verbatim
    column_fields: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)  # field name per column ("" if unmapped)
    imported_at: Mapped[str] = mapped_column(String(40))
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)  # the latest import of this kind for the plan

    plan: Mapped[PlanRecord] = relationship(back_populates="sources")


class ColumnMappingRecord(Base):
    """A column mapping the clerk confirmed by hand, remembered for files with the same header layout."""

    __tablename__ = "column_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    layout_signature: Mapped[str] = mapped_column(String(64), unique=True)
    table_kind: Mapped[str] = mapped_column(String(20))
    column_fields: Mapped[list[Any]] = mapped_column(JsonDocument)
    created_at: Mapped[str] = mapped_column(String(40))


class ActionRecord(Base):
    """A special action (专项行动) of the plan."""

    __tablename__ = "action"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="RESTRICT"), index=True)
    code: Mapped[str] = mapped_column(String(32))  # A01 …
    number: Mapped[int | None] = mapped_column(Integer)
    number_label: Mapped[str] = mapped_column(String(20), default="")  # verbatim: "1.", "（一）", "(十一)"
    title: Mapped[str] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | withdrawn

    plan: Mapped[PlanRecord] = relationship(back_populates="actions")


class TaskRecord(Base):
    """One task row of the city's breakdown table, with its text columns verbatim and its source cell range."""

    __tablename__ = "task"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="RESTRICT"), index=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id", ondelete="RESTRICT"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("plan_source.id", ondelete="SET NULL"), index=True)
    code: Mapped[str] = mapped_column(String(32))  # A03-T007 …
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    serial_label: Mapped[str] = mapped_column(String(20), default="")  # the 序号 cell verbatim
    # The city's text columns (basic_content, task_text, … note), one per field of the domain's TaskText, which
    # `text` reads and writes whole; each column is also an attribute of its own for queries.
    text: Mapped[TaskText] = composite(*(mapped_column(name, Text, default="") for name in TEXT_FIELDS))
    if TYPE_CHECKING:  # the columns of `text` that queries name (made above from TEXT_FIELDS)
        task_text: Mapped[str]
        lead_text: Mapped[str]
    lead_departments: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)  # normalised names
    responsible_departments: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)
    falls_to_county: Mapped[bool] = mapped_column(Boolean, default=False)
    cadence: Mapped[str] = mapped_column(String(20), default="semiannual")
    source_sheet: Mapped[str] = mapped_column(String(100), default="")
    source_first_row: Mapped[int | None] = mapped_column(Integer)
    source_last_row: Mapped[int | None] = mapped_column(Integer)
    source_range: Mapped[str] = mapped_column(String(40), default="")  # "A5:H7"
    source_cells: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)  # the row's cells verbatim, in column order
    flags: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)  # import issue codes kept on the row
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")  # active | withdrawn
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))


class IndicatorRecord(Base):
    """An indicator of the plan: name, unit, direction, baseline, nature; targets per year live in IndicatorTarget."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="RESTRICT"), index=True)
    action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id", ondelete="RESTRICT"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("plan_source.id", ondelete="SET NULL"), index=True)
    code: Mapped[str] = mapped_column(String(32))  # I017 …
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    serial_label: Mapped[str] = mapped_column(String(20), default="")
    area: Mapped[str] = mapped_column(String(200), default="")  # 领域 verbatim
    name: Mapped[str] = mapped_column(Text)
    name_text: Mapped[str] = mapped_column(Text, default="")  # the name cell verbatim, unit included
    unit: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str] = mapped_column(String(10), default="")  # higher | lower | "" (unknown)
    direction_source: Mapped[str] = mapped_column(String(10), default="")  # inferred | clerk
    nature: Mapped[str] = mapped_column(String(10), default="")  # 预期性 | 约束性 | 倡导性
    baseline_text: Mapped[str] = mapped_column(String(200), default="")
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_note: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    source_sheet: Mapped[str] = mapped_column(String(100), default="")
    source_first_row: Mapped[int | None] = mapped_column(Integer)
    source_last_row: Mapped[int | None] = mapped_column(Integer)
    source_range: Mapped[str] = mapped_column(String(40), default="")
    source_cells: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)
    flags: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)
    content_hash: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))

    targets: Mapped[list[IndicatorTargetRecord]] = relationship(back_populates="indicator")


class IndicatorTargetRecord(Base):
    """The target of an indicator for one year: the city's text verbatim and its parsed form (cached JSON)."""

    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(300))
    parsed: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)

    indicator: Mapped[IndicatorRecord] = relationship(back_populates="targets")


class DepartmentAliasRecord(Base):
    """Clerk-extensible alias table for city department names (市卫健委 → 市卫生健康委员会)."""

    __tablename__ = "department_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(100), unique=True)
    canonical: Mapped[str] = mapped_column(String(100), index=True)


# --------------------------------------------------------------------------------------------------------------------
# The county's units and who does what


class UnitRecord(Base):
    """A responsible unit of the county: a bureau, street, township, hospital, community health centre …"""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    unit_type: Mapped[str] = mapped_column(String(40), default="department")  # community_health_centre: 23
    contact: Mapped[str] = mapped_column(String(200), default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(40))


class UnitAliasRecord(Base):
    """Other ways the same county unit is written (区卫健委 = 区卫生健康委员会)."""

    __tablename__ = "unit_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(100), unique=True)


class UnitCounterpartRecord(Base):
    """A city department that a county unit mirrors (市卫生健康委 → 区卫健委), used to suggest assignments."""

    __tablename__ = "unit_counterpart"
    __table_args__ = (UniqueConstraint("unit_id", "city_department"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    city_department: Mapped[str] = mapped_column(String(100), index=True)


class AssignmentRecord(Base):
    """A county task handed to one unit as lead (牵头) or co-responsible (配合)."""

    __tablename__ = "assignment"
    __table_args__ = (UniqueConstraint("task_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="RESTRICT"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(10))  # lead | co
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True)  # False while only suggested
    created_at: Mapped[str] = mapped_column(String(40))


# --------------------------------------------------------------------------------------------------------------------
# Periods, reports and evidence


class ReportingPeriodRecord(Base):
    """A reporting period (2025年上半年 = 2025H1) with its due date and state open → submitted → locked."""

    __tablename__ = "reporting_period"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(20), unique=True)  # 2025H1, 2025Q3, 2025
    kind: Mapped[str] = mapped_column(String(20))  # semiannual | annual | quarterly
    name: Mapped[str] = mapped_column(String(50))  # 2025年上半年
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(20), default="open")  # open | submitted | locked
    locked_at: Mapped[str | None] = mapped_column(String(40))


class ProgressReportRecord(Base):
    """One unit's report on one assignment for one period."""

    __tablename__ = "progress_report"
    __table_args__ = (UniqueConstraint("assignment_id", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignment.id", ondelete="RESTRICT"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_period.id", ondelete="RESTRICT"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    narrative: Mapped[str] = mapped_column(Text, default="")
    figures: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)  # [{"name": "培训人数", "value": 120, "unit": "人"}]
    problems: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    filled_by: Mapped[str] = mapped_column(String(100), default="")
    filled_at: Mapped[str | None] = mapped_column(String(40))
    review_state: Mapped[str] = mapped_column(String(20), default="draft")  # draft|submitted|returned|approved
    review_comment: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str] = mapped_column(String(100), default="")
    reviewed_at: Mapped[str | None] = mapped_column(String(40))
    changed_after_lock: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[str] = mapped_column(String(40))
    # Optimistic concurrency (issue 17): every ORM update bumps it and is refused by the database when another clerk
    # saved in between (UPDATE … WHERE version = the one read → no row → StaleDataError).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}


Index("ix_progress_report_period_review", ProgressReportRecord.period_id, ProgressReportRecord.review_state)


class EvidenceRecord(Base):
    """A piece of evidence (佐证材料) supporting a report: kind, title, event date, document number, files."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("progress_report.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # document|minutes|sign_in|photo|screenshot|statistics|ledger|media|other
    title: Mapped[str] = mapped_column(String(300))
    event_date: Mapped[date | None] = mapped_column(Date)
    doc_number: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[str] = mapped_column(String(40))


class AttachmentRecord(Base):
    """A stored file, kept once by its SHA-256 under blobs/ab/<sha256>."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(String(300))  # the first name it arrived with
    created_at: Mapped[str] = mapped_column(String(40))


class EvidenceFileRecord(Base):
    """A file of an evidence item: the stored blob plus the name it had when it was added."""

    __tablename__ = "evidence_file"
    __table_args__ = (UniqueConstraint("evidence_id", "attachment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence.id", ondelete="CASCADE"), index=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id", ondelete="RESTRICT"), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    taken_on: Mapped[date | None] = mapped_column(Date)  # a photo's own (EXIF) date, when it has one
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    added_at: Mapped[str] = mapped_column(String(40))


# --------------------------------------------------------------------------------------------------------------------
# Indicator values, submissions, audit


class IndicatorValueRecord(Base):
    """The county's value of an indicator for a year, and a clerk's judgement where the target needs one."""

    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str] = mapped_column(String(200), default="")  # verbatim: "95.25%以上", "近3000万元"
    as_of: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    judgement: Mapped[str] = mapped_column(String(20), default="")  # clerk's verdict for needs_judgement targets
    judgement_reason: Mapped[str] = mapped_column(Text, default="")
    judged_by: Mapped[str] = mapped_column(String(100), default="")
    judged_at: Mapped[str | None] = mapped_column(String(40))
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[str] = mapped_column(String(40))


class SubmissionRecord(Base):
    """An immutable record of what was sent to the city for a period: hashes of the files and the frozen data."""

    __tablename__ = "submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_period.id", ondelete="RESTRICT"), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=1)  # 1st, 2nd … export of the period
    doc_number: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[str] = mapped_column(String(100), default="")
    software_version: Mapped[str] = mapped_column(String(20))
    package_name: Mapped[str] = mapped_column(String(300))
    package_sha256: Mapped[str] = mapped_column(String(64))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    xlsx_sha256: Mapped[str] = mapped_column(String(64), default="")
    content_sha256: Mapped[str] = mapped_column(String(64), default="")  # hash of the frozen data snapshot
    signer_fingerprint: Mapped[str] = mapped_column(String(100), default="")
    snapshot: Mapped[dict[str, Any]] = mapped_column(JsonDocument)  # the period's data exactly as it was sent


class AuditEventRecord(Base):
    """One change: who, when, what, before and after. Hash-chained: `hash` covers the previous event's hash."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))  # create | update | delete | review | lock | import …
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(50), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)
    after: Mapped[dict[str, Any] | None] = mapped_column(JsonDocument)
    reason: Mapped[str] = mapped_column(Text, default="")  # e.g. why a locked period was changed
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


Index("ix_audit_event_entity", AuditEventRecord.entity_type, AuditEventRecord.entity_id)


# --------------------------------------------------------------------------------------------------------------------
# Fill-in forms sent to units and the workbooks they returned (services/forms)


class UnitFormRecord(Base):
    """A fill-in workbook issued to one unit for one period: what it carried, so a returned copy can be matched
    row by row and its locked text compared. `rows` holds per row its key, assignment id and locked texts."""

    __tablename__ = "unit_form"

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[str] = mapped_column(String(36), unique=True)  # UUID
    form_code: Mapped[str] = mapped_column(String(16), index=True)  # printed on the sheet and in the file name
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="RESTRICT"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_period.id", ondelete="RESTRICT"), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    content_sha256: Mapped[str] = mapped_column(String(64))  # of the locked texts (domain.fill_in_forms)
    rows: Mapped[list[Any]] = mapped_column(JsonDocument, default=list)
    software_version: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[str] = mapped_column(String(40))


class UnitFormReturnRecord(Base):
    """A workbook a unit sent back, kept as an attachment by its SHA-256. A later file for the same form supersedes
    it (`superseded_by_id`); the history stays."""

    __tablename__ = "unit_form_return"
    __table_args__ = (UniqueConstraint("form_id", "attachment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("unit_form.id", ondelete="RESTRICT"), index=True)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachment.id", ondelete="RESTRICT"), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    summary: Mapped[dict[str, Any]] = mapped_column(JsonDocument, default=dict)  # what was applied, contacts, warnings
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("unit_form_return.id", ondelete="SET NULL"))
    imported_by: Mapped[str] = mapped_column(String(100), default="")
    imported_at: Mapped[str] = mapped_column(String(40))


# --------------------------------------------------------------------------------------------------------------------
# Clerks of a shared workspace (issue 17)


class ClerkRecord(Base):
    """A clerk who may work in the workspace, by login name, with a role: reviewer (审核: approve, return, lock,
    export, edit every report) or filler (填报: edit the reports of their own units). With no clerk recorded the
    workspace is single-user and everyone may do everything (the default on one PC)."""

    __tablename__ = "clerk"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(20))  # reviewer | filler
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[str] = mapped_column(String(40))


class ClerkUnitRecord(Base):
    """A unit whose reports a filler (填报) clerk may edit."""

    __tablename__ = "clerk_unit"
    __table_args__ = (UniqueConstraint("clerk_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerk.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
