"""`receive_packages`: the city's inbox. Each county package is kept unchanged, verified against the certificates of
the county it names, and accepted, or rejected with the exact reason; all of one call is recorded in one transaction.

Per file, in order:
1. the file is copied into received/ab/<sha256> (content-addressed, like evidence blobs) and everything after reads
   that copy, so what was verified is what is kept; a file received before is reported as a duplicate;
2. the (still unverified) manifest names the office, the period, the sequence and when it was made; the office must
   be a registered county (else `county_unknown`);
3. `verify_package` checks it against that county's certificates trusted at the package's creation time only — the
   same verifier as `hpdesk verify`. A failure is classified by the signer: a key of no county (`signer_unknown`), a
   key registered for another county (`signer_other_county`), the county's own key outside its trusted window or
   revoked (`signer_not_trusted_then`); with a trusted signer, any other finding means the content was changed after
   signing or is damaged (`package_tampered`). The verifier's own lines are kept as the reasons;
4. the period must be one of the city's (`period_unknown`), and data.json must be a content snapshot this version
   reads (`data_unreadable`); task codes that differ from the city's plan are listed (accepted all the same);
5. the newest submission (sequence, then creation time) of a county for a period is the accepted one; any earlier
   one still counting (accepted or returned) becomes superseded by it.
The records of every file (accepted, superseded and rejected alike) and their audit events are written in one unit
of work after all files are checked: a cancel or an error before then records nothing (copies already kept under
received/ are content-addressed and harmless). Rejected packages contribute nothing to consolidation.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.audit import record_event
from hpdesk.services.city.inbox_queries import STATUS_LABELS
from hpdesk.services.city.registry import parse_time, trusted_at
from hpdesk.services.exporting.package import DATA_NAME
from hpdesk.services.exporting.packet_content import PacketContent
from hpdesk.services.exporting.verification import read_package_manifest, read_package_member, verify_package
from hpdesk.services.progress import CancelToken, ProgressSink, check_cancelled, report
from hpdesk.services.workspace import Workspace, office_profile
from hpdesk.storage.attachment_store import AttachmentStore
from hpdesk.storage.city_records import ReceivedPackageRecord
from hpdesk.storage.city_store import (
    all_counties, certificate_by_fingerprint, certificates_of, county_named, county_task_codes, current_of,
    period_labels, received_by_sha256,
)
from hpdesk.storage.clock import now_iso

RECEIVED_FOLDER = "received"
MAX_DATA_BYTES = 64 * 1024 * 1024

register_messages({
    "city_level_only": ("这是县区工作区：接收报送包需要市级工作区（hpdesk init --level city）。",
                        "This is a county workspace: receiving packages needs a city workspace (init --level city)."),
    "receive_nothing": ("{path} 中没有报送包（.zip 文件）。", "No package (.zip file) found in {path}."),
    "receive_missing": ("找不到文件或文件夹：{path}。", "No such file or folder: {path}."),
})

# reason code → the line shown before the verifier's own findings
REASON_TEXTS = {
    "county_unknown": "报送包署名单位“{office}”不是本市登记的县区。",
    "signer_unknown": "签名证书不是任何登记县区的证书（未登记的密钥）。",
    "signer_other_county": "签名证书登记给“{owner}”，不是“{office}”的证书（其他县区的密钥）。",
    "signer_not_trusted_then": "签名证书是“{office}”的，但在报送包生成时（{made}）已不受信任（已更换或已停用）。",
    "package_tampered": "报送包内容与签名清单不符或已损坏（签名后被修改）。",
    "period_unknown": "报送期 {period} 不是本市设定的报送期。",
    "data_unreadable": "报送包中的 data.json 无法识别（格式或版本不符）。",
    "package_unreadable": "文件不是可识别的报送包（无法读取清单 manifest.json）。",
}


@dataclass(frozen=True)
class ReceiveOutcome:
    """What became of one file. status: accepted | superseded | rejected | duplicate."""

    file_name: str
    status: str
    package_id: int | None = None
    county: str = ""
    period: str = ""
    sequence: int = 0
    reason_code: str = ""
    reasons: tuple[str, ...] = ()
    plan_mismatches: tuple[str, ...] = ()
    supersedes: tuple[int, ...] = ()  # ids of packages this one replaced


@dataclass(frozen=True)
class ReceiveReport:
    outcomes: tuple[ReceiveOutcome, ...]

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


@dataclass
class _Checked:
    """One file after its checks, before anything is recorded."""

    path: Path
    sha256: str
    size: int
    office: str = ""
    period: str = ""
    sequence: int = 0
    created_at: str = ""
    content_sha256: str = ""
    signer: str = ""
    county_id: int | None = None
    reason_code: str = ""
    reasons: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    snapshot: dict | None = None
    retry_of: int | None = None  # the record of this same file, rejected when it was received before


def received_store(workspace: Workspace) -> AttachmentStore:
    """Where every received package is kept unchanged, by SHA-256."""
    return AttachmentStore(workspace.root / RECEIVED_FOLDER)


def package_files(sources: Sequence[Path | str]) -> list[Path]:
    """The .zip files named, or found (recursively, sorted) in the folders named. UserError for a missing path or a
    folder without any package."""
    files: list[Path] = []
    for source in map(Path, sources):
        if source.is_dir():
            found = sorted(p for p in source.rglob("*") if p.suffix.lower() == ".zip" and p.is_file())
            if not found:
                raise UserError("receive_nothing", path=str(source))
            files.extend(found)
        elif source.exists():
            files.append(source)
        else:
            raise UserError("receive_missing", path=str(source))
    return files


def require_city(workspace: Workspace) -> None:
    profile = office_profile(workspace)
    if profile is None or profile.level != "city":
        raise UserError("city_level_only")


def receive_packages(workspace: Workspace, sources: Sequence[Path | str], progress: ProgressSink | None = None,
                     cancel: CancelToken | None = None) -> ReceiveReport:
    """Receive the packages in `sources` (files or folders; see the module docstring). Raises UserError for a county
    workspace or a missing path, OperationCancelled when `cancel` fires (then nothing is recorded)."""
    require_city(workspace)
    files = package_files(sources)
    store = received_store(workspace)
    checked: list[_Checked] = []
    duplicates: dict[int, ReceiveOutcome] = {}
    seen: set[str] = set()
    for index, path in enumerate(files):
        check_cancelled(cancel)
        report(progress, index, len(files), "progress_file", file=path.name)
        blob = store.add_file(path)
        with workspace.database.read_only() as session:
            earlier = received_by_sha256(session, blob.sha256)
            retry = earlier.id if earlier is not None and earlier.status == "rejected" else None
            earlier_outcome = None if earlier is None or retry is not None else ReceiveOutcome(
                path.name, "duplicate", earlier.id, earlier.office_name, earlier.period_label, earlier.sequence,
                reasons=(f"此前已收到同一文件（收件编号 {earlier.id}，"
                         f"{STATUS_LABELS.get(earlier.status, earlier.status)}）。",))
        if earlier_outcome is not None or blob.sha256 in seen:
            duplicates[index] = earlier_outcome or ReceiveOutcome(path.name, "duplicate",
                                                                  reasons=("本次接收中出现了两次同一文件。",))
            continue
        seen.add(blob.sha256)
        item = _check(workspace, path, store.path_for(blob.sha256), blob.sha256, blob.size)
        item.retry_of = retry  # a package rejected before is checked again (e.g. once its county's key is trusted)
        checked.append(item)
    check_cancelled(cancel)
    report(progress, len(files), len(files), "")
    recorded = iter(_record(workspace, checked))  # in file order, around the duplicates
    return ReceiveReport(tuple(duplicates[index] if index in duplicates else next(recorded)
                               for index in range(len(files))))


def _check(workspace: Workspace, original: Path, stored: Path, sha256: str, size: int) -> _Checked:
    item = _Checked(original, sha256, size)
    manifest = read_package_manifest(stored)
    if manifest is None:
        return _reject(item, "package_unreadable")
    item.office = _text(manifest, "office", "name")
    item.period = _text(manifest, "period", "label")
    item.created_at = _text(manifest, "created_at")
    item.content_sha256 = _text(manifest, "content_sha256")
    sequence = manifest.get("sequence")
    item.sequence = sequence if isinstance(sequence, int) and not isinstance(sequence, bool) else 0
    with workspace.database.read_only() as session:
        county = county_named(session, item.office) if item.office else None
        if county is None:
            return _reject(item, "county_unknown")
        item.county_id = county.id
        own = certificates_of(session, county.id)
        trusted = trusted_at(own, item.created_at)
        result = verify_package(stored, trusted)
        item.signer = result.signer_fingerprint
        if not result.ok:
            trusted_prints = {c.fingerprint_sha256 for c in own if trusted_at([c], item.created_at)}
            if item.signer and item.signer in trusted_prints:
                return _reject(item, "package_tampered", result.problems)
            owner = certificate_by_fingerprint(session, item.signer) if item.signer else None
            if owner is None:
                return _reject(item, "signer_unknown", result.problems)
            if owner.county_id != county.id:
                other = next((c.name for c in all_counties(session) if c.id == owner.county_id), "")
                return _reject(item, "signer_other_county", result.problems, owner=other)
            return _reject(item, "signer_not_trusted_then", result.problems, made=item.created_at or "未知")
        if item.period not in period_labels(session):
            return _reject(item, "period_unknown")
        city_codes = county_task_codes(session)
    data = read_package_member(stored, DATA_NAME, MAX_DATA_BYTES)
    try:
        content = PacketContent.from_json(json.loads(data or b""))
    except (ValueError, RecursionError):
        return _reject(item, "data_unreadable")
    item.snapshot = content.to_json()
    item.mismatches = plan_mismatches({task.code for task in content.tasks}, city_codes)
    return item


def plan_mismatches(county_codes: set[str], city_codes: dict[str, str]) -> list[str]:
    """Which task codes differ between a county's package and the city's plan (another revision of the table)."""
    lines = [f"{code}：县区报送了市里计划中没有的任务。" for code in sorted(county_codes - set(city_codes))]
    lines += [f"{code}：市里计划中的县区任务（{city_codes[code][:30]}）在报送包中没有。"
              for code in sorted(set(city_codes) - county_codes)]
    return lines


def _reject(item: _Checked, code: str, problems: Sequence[str] = (), **params: str) -> _Checked:
    item.reason_code = code
    item.reasons = [REASON_TEXTS[code].format(office=item.office, period=item.period, **params), *problems]
    return item


def _text(manifest: dict, *keys: str) -> str:
    value: object = manifest
    for key in keys:
        value = value.get(key, "") if isinstance(value, dict) else ""
    return value if isinstance(value, str) else ""


def _newer(a: ReceivedPackageRecord, b: ReceivedPackageRecord) -> bool:
    """Whether submission `a` is later than `b`: a higher sequence, or the same sequence made later."""
    if a.sequence != b.sequence:
        return a.sequence > b.sequence
    try:
        return parse_time(a.created_at) > parse_time(b.created_at)
    except UserError:
        return a.created_at > b.created_at


def _record(workspace: Workspace, checked: list[_Checked]) -> list[ReceiveOutcome]:
    """Every checked file recorded, supersession settled and audited, in one unit of work."""
    outcomes = []
    now = now_iso()
    with workspace.database.unit_of_work() as session:
        for item in checked:
            accepted = not item.reason_code
            fields = dict(
                package_sha256=item.sha256, file_name=item.path.name, size=item.size, received_at=now,
                received_by=workspace.actor, county_id=item.county_id, office_name=item.office,
                period_label=item.period, sequence=item.sequence, created_at=item.created_at,
                content_sha256=item.content_sha256, signer_fingerprint=item.signer,
                status="accepted" if accepted else "rejected", reason_code=item.reason_code, reasons=item.reasons,
                plan_mismatches=item.mismatches, snapshot=item.snapshot if accepted else None)
            record = session.get(ReceivedPackageRecord, item.retry_of) if item.retry_of is not None else None
            if record is None:
                record = ReceivedPackageRecord(**fields)
                session.add(record)
            else:
                for name, value in fields.items():
                    setattr(record, name, value)
            session.flush()
            replaced: list[int] = []
            if accepted and item.county_id is not None:
                for other in current_of(session, item.county_id, item.period):
                    if other.id == record.id:
                        continue
                    if _newer(record, other):
                        other.status, other.superseded_by_id = "superseded", record.id
                        replaced.append(other.id)
                    else:
                        record.status, record.superseded_by_id = "superseded", other.id
                session.flush()
            record_event(session, actor=workspace.actor, action="receive", entity_type="received_package",
                         entity_id=record.id, summary=f"收到{item.office or item.path.name}的报送包"
                         f"（{item.period or '报送期未知'}，第 {item.sequence} 次）：{record.status}",
                         after={"file": item.path.name, "sha256": item.sha256, "status": record.status,
                                "reason": item.reason_code, "supersedes": replaced})
            outcomes.append(ReceiveOutcome(item.path.name, record.status, record.id, item.office, item.period,
                                           item.sequence, item.reason_code, tuple(item.reasons),
                                           tuple(item.mismatches), tuple(replaced)))
    return outcomes
