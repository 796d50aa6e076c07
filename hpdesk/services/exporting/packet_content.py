"""The content of a submission as frozen dataclasses: what the PDF, the Excel and data/submission.json all show.

The content is built once from the workspace (`content_builder.build_packet_content`) and then only rendered, so
every output of one export agrees, and an export can be reproduced years later from the stored snapshot
(`SubmissionRecord.snapshot = content.to_json()`, read back with `PacketContent.from_json`). Everything a renderer
needs is in here, already worded in Chinese and formatted (dates, numbers), so rendering makes no decisions and
reads no clock: the same content gives the same PDF pages and the same cells.

`canonical_bytes()` is the one serialisation that is hashed (`content_sha256`) and shipped in the package; its
first 64 bits, grouped, are the packet fingerprint printed on every page.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from hpdesk.domain.task_text import TEXT_FIELDS, TaskText

CONTENT_FORMAT = "hpdesk-submission-content"
CONTENT_FORMAT_VERSION = 1


@dataclass(frozen=True)
class OfficeInfo:
    region: str
    name: str
    short_name: str
    doc_prefix: str


@dataclass(frozen=True)
class PeriodInfo:
    label: str  # 2025H1
    name: str  # 2025年上半年
    start: str  # ISO dates
    end: str
    due: str
    year: int  # the year whose indicator values the packet reports


@dataclass(frozen=True)
class PlanInfo:
    code: str
    title: str
    issuer: str
    doc_number: str


@dataclass(frozen=True)
class CoverLetter:
    """The 报送函 as words; cover_letter.py lays it out per GB/T 9704."""

    authority: str  # 发文机关标志 (printed red)
    doc_number: str  # 管卫健〔2025〕12号, or "" when the clerk gave none
    title: str
    addressee: str  # without the trailing colon
    paragraphs: tuple[str, ...]
    attachments: tuple[str, ...]  # names only; numbering is layout
    issuer: str  # 署名
    date_text: str  # 2025年6月14日


@dataclass(frozen=True)
class SignOff:
    filled_by: str  # 填报人 ("" → a blank to sign by hand)
    reviewer: str  # 审核人
    head: str  # 单位负责人
    phone: str  # 联系电话
    date_text: str


@dataclass(frozen=True)
class CountLine:
    """One row of the completeness tables: an action, a unit, or the total."""

    key: str
    expected: int
    reported: int
    approved: int
    returned: int
    overdue: int


@dataclass(frozen=True)
class OverdueLine:
    task_code: str
    task_text: str
    unit: str
    review_label: str


@dataclass(frozen=True)
class LabelCount:
    label: str
    count: int


@dataclass(frozen=True)
class Summary:
    as_of: str  # the day completeness and "overdue" were measured (the export day)
    task_count: int
    status_counts: tuple[LabelCount, ...]  # county answers per status label
    total: CountLine
    by_action: tuple[CountLine, ...]
    by_unit: tuple[CountLine, ...]
    overdue: tuple[OverdueLine, ...]
    overdue_more: int  # overdue items beyond those listed
    verdict_counts: tuple[LabelCount, ...]
    indicator_count: int
    evidence_count: int
    file_count: int
    changed_after_lock: int  # tasks with a part changed after the period was locked


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    text: str  # "1420人"


@dataclass(frozen=True)
class UnitPart:
    """One unit's report on a task. Only approved parts make up the county's answer (`included`)."""

    unit: str
    role_label: str  # 牵头 | 配合
    included: bool
    review_label: str  # 已通过, or why it is left out (草稿、已提交待审、已退回、未填报)
    status_label: str
    narrative: str
    figures: tuple[Figure, ...]
    problems: str
    next_steps: str
    filled_by: str
    changed_after_lock: bool


@dataclass(frozen=True)
class EvidenceFile:
    name: str  # as it arrived
    package_path: str  # where it is inside the package (unique, safe on Windows)
    sha256: str
    size: int
    media_type: str
    taken_on: str  # a photo's own date, ISO, or ""


@dataclass(frozen=True)
class EvidenceItem:
    number: str  # E001: how the PDF, the Excel and the index refer to it
    task_code: str
    unit: str
    kind_label: str
    title: str
    event_date: str
    doc_number: str
    description: str
    files: tuple[EvidenceFile, ...]


@dataclass(frozen=True)
class TaskSection:
    """A county task: the city's words, the county's combined answer, each unit's part and the evidence."""

    code: str
    action_label: str
    serial_label: str
    basic_content: str
    task_text: str
    measures: str
    work_plan: str
    reporting_note: str
    lead_text: str
    responsible_text: str
    status_label: str
    narrative: str  # combined from the included parts, each tagged 【单位（角色）】
    figures: tuple[Figure, ...]
    problems: str
    next_steps: str
    units: tuple[UnitPart, ...]
    evidence: tuple[EvidenceItem, ...]

    @classmethod
    def of(cls, code: str, action_label: str, serial_label: str, text: TaskText, **answer: Any) -> TaskSection:
        """The section of a task with the city's `text` (its 备注 stays out of the packet) and the county's answer
        (status_label, narrative, figures, problems, next_steps, units, evidence)."""
        city = {name: getattr(text, name) for name in _SECTION_TEXT_FIELDS}
        return cls(code=code, action_label=action_label, serial_label=serial_label, **city, **answer)

    @property
    def text(self) -> TaskText:
        return TaskText(**{name: getattr(self, name) for name in _SECTION_TEXT_FIELDS})

    @property
    def label(self) -> str:
        """The task's title, by the rule of every other screen (`TaskText.label`)."""
        return self.text.label


# The frozen format keeps the city's texts as fields of TaskSection: all of TaskText's but the note.
_SECTION_TEXT_FIELDS = tuple(name for name in TEXT_FIELDS if name != "note")


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    serial_label: str
    action_label: str
    name: str
    unit: str
    nature: str
    baseline_text: str
    target_year: int | None
    target_text: str
    value_text: str
    as_of: str
    source: str
    verdict: str  # met | not_met | on_track | off_track | needs_judgement
    verdict_label: str
    reason: str


@dataclass(frozen=True)
class CityRow:
    """One row of the city's table as imported: its cells verbatim, and the code of the task/indicator it became."""

    code: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CityTable:
    kind: str  # tasks | indicators
    file_name: str
    sheet_name: str
    header_rows: tuple[tuple[str, ...], ...]
    column_fields: tuple[str, ...]
    rows: tuple[CityRow, ...]


@dataclass(frozen=True)
class PacketContent:
    format: str
    format_version: int
    software_version: str
    generated_at: str  # ISO time the content was frozen; the PDF's and the Excel's creation dates come from here
    office: OfficeInfo
    period: PeriodInfo
    plans: tuple[PlanInfo, ...]
    cover: CoverLetter
    sign_off: SignOff
    summary: Summary
    tasks: tuple[TaskSection, ...]
    indicators: tuple[IndicatorLine, ...]
    city_tables: tuple[CityTable, ...] = field(default=())

    # --- derived views --------------------------------------------------------------------------------------------

    @property
    def evidence(self) -> tuple[EvidenceItem, ...]:
        return tuple(item for task in self.tasks for item in task.evidence)

    @property
    def evidence_files(self) -> tuple[EvidenceFile, ...]:
        return tuple(file for item in self.evidence for file in item.files)

    # --- serialisation --------------------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (dicts, lists, str, int, float, bool, None)."""
        return dataclasses.asdict(self)

    def canonical_bytes(self) -> bytes:
        """The one serialisation that is hashed and shipped: sorted keys, UTF-8, two-space indent, final newline."""
        return (json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")

    @functools.cached_property
    def sha256(self) -> str:
        """Computed once per content (it serialises everything; the export, the PDF and the record all ask)."""
        return hashlib.sha256(self.canonical_bytes()).hexdigest()

    @property
    def fingerprint(self) -> str:
        """The packet fingerprint printed on every page: the first 64 bits of `sha256`, "ABCD EF01 2345 6789"."""
        return packet_fingerprint(self.sha256)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PacketContent:
        """Rebuild content from `to_json()` output. ValueError when it is not a content snapshot this version reads."""
        if not isinstance(data, dict) or data.get("format") != CONTENT_FORMAT:
            raise ValueError("not an hpdesk submission content snapshot")
        if data.get("format_version") != CONTENT_FORMAT_VERSION:
            raise ValueError(f"unsupported content format version {data.get('format_version')!r}")
        return _from_plain(cls, data)


def packet_fingerprint(sha256_hex: str) -> str:
    head = sha256_hex[:16].upper()
    return " ".join(head[i:i + 4] for i in range(0, 16, 4))


def map_strings(content: PacketContent, transform: typing.Callable[[str], str]) -> PacketContent:
    """A copy of `content` with every string passed through `transform` (e.g. marking undrawable characters)."""
    return typing.cast(PacketContent, _map(content, transform))


def iter_strings(value: Any, location: tuple[str, ...] = ()) -> typing.Iterator[tuple[tuple[str, ...], str]]:
    """Every string in the content tree with the path of field names (and item codes) that leads to it."""
    if isinstance(value, str):
        yield location, value
    elif dataclasses.is_dataclass(value):
        label = getattr(value, "number", None) or getattr(value, "code", None) or \
            (value.unit if isinstance(value, UnitPart) else None)
        here = location + (str(label),) if isinstance(label, str) and label else location
        for item in dataclasses.fields(value):
            yield from iter_strings(getattr(value, item.name), here + (item.name,))
    elif isinstance(value, tuple):
        for element in value:
            yield from iter_strings(element, location)


def _map(value: Any, transform: typing.Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return transform(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _map(getattr(value, f.name), transform)
                                             for f in dataclasses.fields(value)})
    if isinstance(value, tuple):
        return tuple(_map(element, transform) for element in value)
    return value


@functools.cache
def _type_hints(kind: type) -> dict[str, Any]:
    """The resolved annotations of a content dataclass, once per class: resolving them evaluates every annotation
    string, and reading a snapshot back (a city consolidates twenty) asks for them once per object."""
    return typing.get_type_hints(kind)


def _from_plain(kind: Any, data: Any) -> Any:
    """Convert plain JSON `data` into the annotated type `kind` (dataclasses, tuple[X, ...], unions, scalars)."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if data is None and type(None) in typing.get_args(kind):
            return None
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return _from_plain(options[0], data)
    if origin is tuple:
        (element, *_rest) = typing.get_args(kind)
        if not isinstance(data, list | tuple):
            raise ValueError(f"expected a list, got {type(data).__name__}")
        return tuple(_from_plain(element, item) for item in data)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        if not isinstance(data, dict):
            raise ValueError(f"expected an object for {kind.__name__}")
        hints = _type_hints(kind)
        values = {}
        for item in dataclasses.fields(kind):
            if item.name in data:
                values[item.name] = _from_plain(hints[item.name], data[item.name])
            elif item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING:
                raise ValueError(f"{kind.__name__}.{item.name} is missing")
        return kind(**values)
    if kind is float:
        if isinstance(data, bool) or not isinstance(data, int | float):
            raise ValueError("expected a number")
        return float(data)
    if kind in (str, int, bool):
        if not isinstance(data, kind) or (kind is int and isinstance(data, bool)):
            raise ValueError(f"expected {kind.__name__}, got {type(data).__name__}")
        return data
    raise ValueError(f"cannot read type {kind!r}")
