"""Optimistic concurrency on reports (issue 17 item 3): what another clerk changed since a report was read.

Every report carries a `version` that each saved change raises (the ORM's version_id_col), and every audit event of a
report records the version in its before/after snapshots. A clerk saving a report read at version v while the stored
one is newer is refused with `report_changed_by_other`, naming who changed it and which fields: the `before` of the
first event past v is exactly what the clerk saw, and the report as stored now is what it became.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from hpdesk.domain.errors import UserError, register_messages
from hpdesk.services.workspace import Workspace
from hpdesk.storage.audit_store import events_on

if TYPE_CHECKING:
    from hpdesk.storage.records import ProgressReportRecord

FIELD_LABELS = {
    "status": "推进状态", "narrative": "工作进展", "figures": "数据", "problems": "存在问题", "next_steps": "下一步打算",
    "filled_by": "填报人", "review_state": "审核状态", "review_comment": "审核意见", "changed_after_lock": "锁定后修改",
}

register_messages(
    {
        "report_changed_by_other": (
            "该报告已被他人修改（{who}，改动：{changes}），您的修改未保存。请重新打开报告，核对后再保存。",
            "This report has been changed by someone else ({who}; changed: {changes}); your change was not saved. "
            "Reopen the report, check it and save again.",
        ),
    }
)


def refuse_if_changed(session: Session, report: ProgressReportRecord, expected_version: int | None) -> None:
    """Raise `report_changed_by_other` when `report` is no longer at `expected_version` (None: no check)."""
    if expected_version is not None and report.version != expected_version:
        raise changed_by_other(session, report.id, expected_version)


def changed_by_other(session: Session, report_id: int, seen_version: int) -> UserError:
    """The refusal for a save based on `seen_version` of report `report_id`, naming who changed what since."""
    later = [(actor, before, after) for actor, before, after in events_on(session, "report", report_id)
             if isinstance(after, dict) and isinstance(after.get("version"), int) and after["version"] > seen_version]
    who = "、".join(dict.fromkeys(actor for actor, _, _ in later)) or "另一位同事"
    changes: list[str] = []
    if later and isinstance(later[0][1], dict):
        seen, now = later[0][1], later[-1][2]
        changes = [FIELD_LABELS.get(key, key) for key in FIELD_LABELS if seen.get(key) != now.get(key)]
    return UserError("report_changed_by_other", who=who, changes="、".join(changes) or "审核或填报信息")


class SeenReport:
    """The report a save read (id and version), for the refusal when its write finds the row changed."""

    def __init__(self) -> None:
        self.report_id: int | None = None
        self.version: int | None = None

    def remember(self, report_id: int, version: int) -> None:
        self.report_id, self.version = report_id, version


@contextmanager
def saving_guard(workspace: Workspace, expected_version: int | None) -> Iterator[SeenReport]:
    """Turn a write that lost the race to another clerk (the ORM's StaleDataError: UPDATE … WHERE version = the
    one read changed no row) into `report_changed_by_other`; the unit of work inside has rolled back by then."""
    seen = SeenReport()
    try:
        yield seen
    except StaleDataError:
        if seen.report_id is None or seen.version is None:
            raise
        with workspace.database.read_only() as session:
            base = expected_version if expected_version is not None else seen.version
            raise changed_by_other(session, seen.report_id, base) from None
