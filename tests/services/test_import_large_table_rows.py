"""A table larger than one insert batch (plan_import_store.BATCH_ROWS) stores exactly what the code before the
issue-13 "speed-rows" changes stored: every row of the plan's tables, the audit events the import wrote, the preview
and the codes handed out.

The digests below were taken with the code at c0d0a64 (before those changes). Timestamps, the hash chain (it covers
the timestamps) and the hash of a workbook openpyxl wrote (its properties hold the time) vary by run and are left
out; everything else counts.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import text
from test_import_stored_rows import _preview_json, _stored  # this folder is on the path (rootdir-relative imports)

from hpdesk.services.demo.demo_task_table import write_task_table
from hpdesk.services.importing.plan_import import analyse_workbook, apply_import
from hpdesk.services.workspace import Workspace

ROWS_DIGEST_BEFORE = "cbae6bb3051f62854f952a74000e32cf584b041c02ccc4ba67d157b0f2938d49"
EVENTS_DIGEST_BEFORE = "549b4d8d46ea4764a3deaddeb062c6748ceb7b408dc95a76ba10311866258888"
_EVENT_VARYING = {"id", "at", "prev_hash", "hash"}


def _digest(document: Any) -> str:
    return hashlib.sha256(json.dumps(document, ensure_ascii=False, sort_keys=True, default=str)
                          .encode("utf-8")).hexdigest()


def _events(workspace: Workspace) -> list[dict[str, Any]]:
    with workspace.database.read_only() as session:
        rows = session.execute(text("SELECT * FROM audit_event ORDER BY id")).mappings().all()
    events = []
    for row in rows:
        event = {key: value for key, value in row.items() if key not in _EVENT_VARYING}
        after = json.loads(event["after"]) if isinstance(event["after"], str) else event["after"]
        if isinstance(after, dict):
            after.pop("sha256", None)
        event["after"] = after
        events.append(event)
    return events


def test_a_table_of_several_batches_stores_the_same_rows_events_preview_and_codes(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = write_task_table(tmp_path / "large.xlsx", 4500)
    preview = analyse_workbook(workspace, path)
    report = apply_import(workspace, preview)
    assert report.created == 4500
    rows = _digest({"preview": _preview_json(preview), "codes": sorted(report.codes_by_row.items()),
                    "stored": _stored(workspace)})
    events = _events(workspace)
    assert [event["action"] for event in events].count("import") == 1
    assert (rows, _digest(events)) == (ROWS_DIGEST_BEFORE, EVENTS_DIGEST_BEFORE)
