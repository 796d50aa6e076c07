"""Read models of the city's inbox: every received package with its fate, for the inbox page and `hpdesk inbox`."""

from __future__ import annotations

from dataclasses import dataclass

from hpdesk.services.workspace import Workspace
from hpdesk.storage.city_store import all_counties, all_received

STATUS_LABELS = {"accepted": "已接收", "superseded": "已被替代", "returned": "已退回", "rejected": "已拒收"}


@dataclass(frozen=True)
class InboxRow:
    id: int
    received_at: str
    file_name: str
    package_sha256: str
    county: str  # the registered county, "" when the package named none
    office: str  # the office the manifest names
    period: str
    sequence: int
    status: str
    status_label: str
    detail: str  # one line: the first reason, the return reason, or what superseded it
    reason_code: str
    reasons: tuple[str, ...]
    plan_mismatches: tuple[str, ...]
    superseded_by: int | None


def inbox_rows(workspace: Workspace) -> list[InboxRow]:
    """Every received package, newest first."""
    with workspace.database.read_only() as session:
        names = {county.id: county.name for county in all_counties(session)}
        rows = []
        for record in reversed(all_received(session)):
            if record.status == "rejected":
                detail = record.reasons[0] if record.reasons else record.reason_code
            elif record.status == "returned":
                detail = f"退回理由：{record.return_reason}"
            elif record.status == "superseded":
                detail = f"已由收件 {record.superseded_by_id} 替代"
            else:
                detail = f"与市里计划有 {len(record.plan_mismatches)} 处不一致" if record.plan_mismatches else ""
            rows.append(InboxRow(
                record.id, record.received_at, record.file_name, record.package_sha256,
                names.get(record.county_id, "") if record.county_id is not None else "", record.office_name,
                record.period_label, record.sequence, record.status, STATUS_LABELS.get(record.status, record.status),
                detail, record.reason_code, tuple(record.reasons), tuple(record.plan_mismatches),
                record.superseded_by_id))
        return rows
