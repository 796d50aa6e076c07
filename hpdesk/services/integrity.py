"""The parts of `hpdesk check` that look beyond the database's own consistency (kept apart from maintenance.py):

- the audit trail's keyed seal (services/audit_seal.py): events deleted from its end, a re-hashed forgery;
- audited data changed without an audit event: every progress report must equal the `after` of its last event, and
  every period, evidence item and indicator value what its events' `after`s say in turn (a lock lifted, an
  evidence title or a figure changed with an SQL tool left no trace);
- the schema: nothing hpdesk did not create (a trigger, a view, an index; storage/schema_check.py);
- the record of what was sent: every submission's package in `exports/` must exist and hash as recorded;
- the audit trail against the anchors kept outside the database (audit_seal.chain_anchor): the signed manifest of
  every package in `exports/` and the backup.json of every backup in `backups/` name the trail's length and last
  hash when they were made; a trail cut back below one of them, or rewritten there, is reported by its file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from hpdesk import paths
from hpdesk.services import audit_seal
from hpdesk.services.audit import plain
from hpdesk.services.workspace import Workspace
from hpdesk.storage import pg_check
from hpdesk.storage.attachment_store import file_sha256
from hpdesk.storage.audit_store import afters_in_order, last_after_by_entity
from hpdesk.storage.evidence_store import evidence_by_ids
from hpdesk.storage.indicator_store import values_by_ids
from hpdesk.storage.migrate import current_revision
from hpdesk.storage.period_store import periods_in_order
from hpdesk.storage.report_store import reports_by_ids
from hpdesk.storage.schema_check import compare_schema
from hpdesk.storage.submission_store import package_files

@dataclass
class IntegrityFindings:
    """What the checks here found; `problems` False means all of it holds."""

    audit_seal_problems: list[dict[str, str]] = field(default_factory=list)
    audit_rekeyed_at: list[str] = field(default_factory=list)  # informational: the key was made anew
    reports_changed_without_audit: list[int] = field(default_factory=list)
    periods_changed_without_audit: list[str] = field(default_factory=list)  # labels
    evidence_changed_without_audit: list[int] = field(default_factory=list)
    values_changed_without_audit: list[int] = field(default_factory=list)  # indicator values
    schema_problems: list[str] = field(default_factory=list)
    packages_checked: int = 0
    packages_missing: list[str] = field(default_factory=list)
    packages_altered: list[str] = field(default_factory=list)
    anchors_checked: int = 0
    audit_behind_anchor: list[dict[str, str]] = field(default_factory=list)  # {"file", "problem"}

    @property
    def problems(self) -> bool:
        return bool(self.audit_seal_problems or self.reports_changed_without_audit
                    or self.periods_changed_without_audit or self.evidence_changed_without_audit
                    or self.values_changed_without_audit
                    or self.schema_problems
                    or self.packages_missing or self.packages_altered or self.audit_behind_anchor)


def check_integrity(workspace: Workspace) -> IntegrityFindings:
    findings = IntegrityFindings()
    key = workspace.database.session_info.get(audit_seal.SESSION_KEY)
    with workspace.database.read_only() as session:
        findings.audit_seal_problems = [{"problem": f.problem, "detail": f.detail}
                                        for f in audit_seal.verify_seal(session, key)]  # type: ignore[arg-type]
        findings.audit_rekeyed_at = audit_seal.rekeyed_at(session)
        findings.reports_changed_without_audit = _reports_changed_without_audit(session)
        findings.periods_changed_without_audit = _periods_changed_without_audit(session)
        findings.evidence_changed_without_audit = _items_changed_without_audit(
            session, "evidence", evidence_by_ids, _EVIDENCE_COLUMNS)
        findings.values_changed_without_audit = _items_changed_without_audit(
            session, "indicator_value", values_by_ids, _VALUE_COLUMNS)
        submissions = package_files(session)
    findings.schema_problems = _schema_problems(workspace)
    findings.packages_checked = len(submissions)
    for name, sha256 in submissions:
        path = workspace.exports_dir / name
        if "/" in name or "\\" in name or not path.is_file() or path.is_symlink():
            findings.packages_missing.append(name)
        elif file_sha256(path) != sha256:
            findings.packages_altered.append(name)
    anchors = [(name, _member_json(workspace.exports_dir / name, "manifest.json")) for name, _sha in submissions
               if name not in findings.packages_missing and name not in findings.packages_altered]
    backups = workspace.root / "backups"
    if backups.is_dir() and not backups.is_symlink():
        anchors += [(f"backups/{path.name}", _member_json(path, "backup.json")) for path in sorted(backups.glob("*.zip"))
                    if path.is_file() and not path.is_symlink()]
    with workspace.database.read_only() as session:
        for name, document in anchors:
            if not isinstance(document, dict) or "audit" not in document:
                continue  # made before anchors existed, or not hpdesk's: nothing to compare
            findings.anchors_checked += 1
            problem = audit_seal.anchor_problem(session, document["audit"])
            if problem:
                findings.audit_behind_anchor.append({"file": name, "problem": problem})
    return findings


def _member_json(path, name: str) -> object:
    """The JSON member `name` of the zip at `path` (at most 16 MB), None when it cannot be read."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(name)
            if info.file_size > 16 * 1024 * 1024:
                return None
            return json.loads(archive.read(info).decode("utf-8"))
    except Exception:  # a damaged or foreign zip: not an anchor
        return None


def _canonical(value: Any) -> str:
    return json.dumps(plain(value), sort_keys=True, ensure_ascii=False)


_IDS_PER_QUERY = 900  # SQLite's bound-parameter limit is 999 in older builds


def _reports_changed_without_audit(session) -> list[int]:
    """Reports whose content differs from the `after` of their last audit event (reports no event names, such as
    rows imported by a test fixture, are not judged)."""
    events = last_after_by_entity(session, "report")
    changed: list[int] = []
    # only the reports an event names are loaded (the others are not judged): a workspace whose 100,000 reports
    # came in without events (the large demo) used to build and JSON-decode every one of them to skip it
    judged = sorted(int(entity_id) for entity_id, after in events.items()
                    if isinstance(after, dict) and entity_id.isascii() and entity_id.isdigit())
    for start in range(0, len(judged), _IDS_PER_QUERY):
        chunk = judged[start:start + _IDS_PER_QUERY]
        # the session's identity map holds the records weakly: one chunk at a time stays in memory
        changed.extend(_changed_reports(reports_by_ids(session, chunk), events))
    return changed


# a period's audited fields (services/periods.py's snapshot names) → its columns
_PERIOD_COLUMNS = {"label": "label", "name": "name", "start": "start_date", "end": "end_date", "due": "due_date",
                   "state": "state"}


# the audited fields of an evidence item and of an indicator value (their services' snapshot names, which are the
# columns' names)
_EVIDENCE_COLUMNS = {name: name for name in ("report_id", "kind", "title", "event_date", "doc_number", "description")}
_VALUE_COLUMNS = {name: name for name in ("year", "value", "value_text", "as_of", "source", "note", "judgement",
                                          "judgement_reason")}


def _audited_fields(session, entity_type: str) -> dict[str, dict[str, Any]]:
    """entity id → its fields as its audit events set them, each event's `after` applied in chain order (a lock
    records only the period's state, a new due date only the due date)."""
    audited: dict[str, dict[str, Any]] = {}
    for entity_id, after in afters_in_order(session, entity_type):
        if isinstance(after, dict):
            audited.setdefault(entity_id, {}).update(after)
    return audited


def _differs(record: Any, expected: dict[str, Any], columns: dict[str, str]) -> bool:
    fields = [name for name in expected if name in columns]
    return _canonical({name: getattr(record, columns[name]) for name in fields}) != _canonical(
        {name: expected[name] for name in fields})


def _periods_changed_without_audit(session) -> list[str]:
    """Labels of the periods whose fields differ from what their audit events set. Periods no event names, such as
    the large demo's, are not judged."""
    audited = _audited_fields(session, "period")
    return [period.label for period in periods_in_order(session)
            if _differs(period, audited.get(str(period.id), {}), _PERIOD_COLUMNS)]


def _items_changed_without_audit(session, entity_type: str, by_ids: Callable[[Any, list[int]], dict[int, Any]],
                                 columns: dict[str, str]) -> list[int]:
    """Ids of the rows of `entity_type` (evidence items: title, kind, date …; indicator values: value, source,
    judgement …) whose fields differ from what their audit events set; rows no event names are not judged, and only
    the judged ones are loaded, in chunks."""
    audited = _audited_fields(session, entity_type)
    judged = sorted(int(entity_id) for entity_id in audited if entity_id.isascii() and entity_id.isdigit())
    changed: list[int] = []
    for start in range(0, len(judged), _IDS_PER_QUERY):
        items = by_ids(session, judged[start:start + _IDS_PER_QUERY])
        changed.extend(item_id for item_id, item in sorted(items.items())
                       if _differs(item, audited[str(item_id)], columns))
    return changed


def _changed_reports(reports: list[Any], events: dict[str, Any]) -> list[int]:
    # imported here: only a workspace with audited reports needs it, and `hpdesk check` starts faster without it
    from hpdesk.services.reports import report_snapshot

    changed: list[int] = []
    for report in reports:
        after = events.get(str(report.id))  # an entity_id of '007' names no report, as before
        if not isinstance(after, dict):
            continue
        snapshot = report_snapshot(report)
        snapshot.pop("version", None)  # bookkeeping, not content: a bulk write may audit it before the flush bumps it
        if _canonical({k: snapshot[k] for k in after if k in snapshot}) != _canonical(
                {k: v for k, v in after.items() if k in snapshot}):
            changed.append(report.id)
    return changed


def _schema_problems(workspace: Workspace) -> list[str]:
    if workspace.database.is_postgresql:
        with workspace.database.engine.connect() as connection:
            return pg_check.schema_problems(connection)
    revision = current_revision(workspace.database_file)
    if revision is None:
        return ["no schema revision"]
    database = sqlite3.connect(f"file:{workspace.database_file.as_posix()}?mode=ro", uri=True)
    try:
        difference = compare_schema(database, paths.migrations_dir(), revision)
    finally:
        database.close()
    return [f"unexpected {item.describe()}" for item in difference.unexpected] + \
        [f"missing {item.describe()}" for item in difference.missing]
