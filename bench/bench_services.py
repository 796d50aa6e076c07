"""How the benchmarks call hpdesk's services (kept apart so a changed signature is fixed in one place)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hpdesk.services.demo.demo_small import DEMO_PASSPHRASE  # the small demo's identity (export benchmark)


def completeness_call(workspace: Any) -> tuple[Callable[[], object], str]:
    """The dashboard's query on the latest past-due period (so the overdue list is computed too)."""
    from hpdesk.services.completeness import completeness
    from hpdesk.services.periods import list_periods

    periods = list_periods(workspace)
    today = date.today()
    past_due = [period for period in periods if period.due_date < today]
    label = (past_due or periods)[-1].label
    return (lambda: completeness(workspace, label, today=today)), f"completeness({label}) by unit, by action, overdue"


def prepare_export_workspace(
    data_dir: Path, make_photos: Callable[[date, date], list[Path]]
) -> tuple[Path, str, list[Path]]:
    """A small demo workspace whose approved, not yet exported period carries the photos `make_photos(start, end)`
    makes (dated inside that period) as evidence; made once and kept as a template (exporting locks the period, so
    each run exports a fresh copy: see `fresh_copy`). Returns (template root, period label, photos)."""
    from hpdesk.domain.reporting import ReportKey
    from hpdesk.services.demo.demo_builder import build_demo
    from hpdesk.services.evidence import add_evidence
    from hpdesk.services.periods import list_periods
    from hpdesk.services.reports import list_reports
    from hpdesk.services.workspace import open_workspace

    root = data_dir / "export-template"
    marker = root / "bench-photos-added.json"
    if marker.is_file():
        saved = json.loads(marker.read_text())
        return root, saved["period"], [Path(path) for path in saved["photos"]]
    shutil.rmtree(root, ignore_errors=True)
    build_demo(root, size="small", seed=1, actor="bench")
    with open_workspace(root, actor="bench") as workspace:
        period = next(p for p in list_periods(workspace) if p.state == "open")  # approved, ready to send
        photos = make_photos(period.start_date, period.end_date)
        reports = [r for r in list_reports(workspace, period.label) if r.review_state == "approved"]
        per_report = -(-len(photos) // min(len(reports), 60))
        for index, start in enumerate(range(0, len(photos), per_report)):
            target = reports[index]
            add_evidence(workspace, ReportKey(target.task_code, target.unit, period.label), kind="photo",
                         title="活动现场照片（原图）", files=photos[start:start + per_report],
                         event_date=period.start_date + timedelta(days=30))
    marker.write_text(json.dumps({"period": period.label, "photos": [str(path) for path in photos]}))
    return root, period.label, photos


def fresh_copy(template: Path, destination: Path) -> Path:
    """A copy of the template workspace to export from: the database and small folders copied, the immutable blobs
    hard-linked (falling back to copies), so the template's period stays unexported for the next run."""
    import os

    def link_or_copy(source: str, target: str) -> None:
        if "/blobs/" in Path(source).as_posix():
            try:
                os.link(source, target)
                return
            except OSError:
                pass
        shutil.copy2(source, target)

    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(template, destination, copy_function=link_or_copy,
                    ignore=shutil.ignore_patterns("exports", "backups", "logs"))
    return destination


def period_state(workspace_root: Path, period_label: str) -> tuple[str, int]:
    """(the period's state, how many submissions it has) — to confirm that exporting locked it."""
    from hpdesk.services.periods import list_periods
    from hpdesk.services.workspace import open_workspace
    from hpdesk.storage.records import ReportingPeriodRecord, SubmissionRecord
    from sqlalchemy import func, select

    with open_workspace(workspace_root, actor="bench") as workspace:
        state = next(p.state for p in list_periods(workspace) if p.label == period_label)
        with workspace.database.read_only() as session:
            submissions = session.scalar(
                select(func.count()).select_from(SubmissionRecord)
                .join(ReportingPeriodRecord, ReportingPeriodRecord.id == SubmissionRecord.period_id)
                .where(ReportingPeriodRecord.label == period_label))
    return state, int(submissions or 0)


def export_period(workspace_root: Path, period_label: str, out_dir: Path) -> Any:
    """hpdesk's export of one period, signed with the demo identity; returns its ExportResult."""
    from hpdesk.services.exporting.submission import export_submission
    from hpdesk.services.workspace import open_workspace

    out_dir.mkdir(parents=True, exist_ok=True)
    with open_workspace(workspace_root, actor="bench") as workspace:
        return export_submission(workspace, period_label, out_dir, DEMO_PASSPHRASE)


def sign_and_verify_calls(scratch: Path, members: list[Path]) -> dict[str, Any]:
    """The calls timed for a submission package of `members`, with a fresh identity made in `scratch`.

    sign_and_write = unlock the identity, then `write_signed_package`: every member read once and zipped, its
    SHA-256 taken from the zip on a second thread, the manifest of those hashes signed (detached CMS) and added, the
    zip's own SHA-256 taken on a third thread as it is written (the package half of `export_submission`); verify =
    `verify_package`.
    """
    from hpdesk.services.exporting.package import file_member, manifest_bytes, write_signed_package
    from hpdesk.services.exporting.verification import verify_package
    from hpdesk.services.identity import create_identity, unlock_identity
    from hpdesk.services.signing import sign_detached_cms

    identity_dir = scratch / "identity"
    create_identity(identity_dir, "管城回族区卫生健康委员会", DEMO_PASSPHRASE, minimum_length=4)
    package = scratch / "package.zip"
    made: dict[str, Any] = {}

    def sign_and_write() -> Path:
        unlocked = unlock_identity(identity_dir, DEMO_PASSPHRASE)
        header = {"office": {"name": unlocked.info.subject}, "period": {"label": "bench"}}
        write_signed_package(package, [file_member(f"evidence/{path.name}", path) for path in members],
                             lambda hashed: manifest_bytes(header, hashed),
                             lambda manifest: sign_detached_cms(unlocked, manifest))
        made["certificate"] = unlocked.certificate
        return package

    def discard() -> None:
        """Untimed before each sign_and_write: an export writes a new file, it does not delete the last one. (Not
        keeping every run's 100 MB either: on this VM, page cache in memory not touched before costs the writer
        half as much CPU again, which a desktop does not see.)"""
        package.unlink(missing_ok=True)

    def verify() -> None:
        result = verify_package(package, [made["certificate"]])
        if not result.ok:
            raise RuntimeError(f"verification failed: {result.problems}")

    def unlock() -> None:
        unlock_identity(identity_dir, DEMO_PASSPHRASE)

    return {"sign_and_write": sign_and_write, "discard": discard, "unlock": unlock, "verify": verify,
            "how": ("sign_and_write: unlock + one pass over the members (read, zip) with their SHA-256 on a second "
                    "thread + manifest + detached CMS + the zip's SHA-256 on a third thread; verify: verify_package")}
