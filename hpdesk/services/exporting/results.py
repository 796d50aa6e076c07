"""What an export answers, kept apart from the export stack: this module imports nothing heavy, so a process that
receives an ExportResult from the export's child process (services/child_process.py) can unpickle it without
loading reportlab, pyHanko or openpyxl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ExportResult:
    package_path: Path
    package_sha256: str
    manifest_sha256: str
    content_sha256: str
    fingerprint: str  # the packet fingerprint printed on every page
    submission_id: int
    sequence: int
    signer_fingerprint: str
    files: tuple[str, ...]  # member names inside the package, manifest and signature first
    evidence_files: int
    pdf_included: bool
    period_locked: bool  # this export locked the period (it was open before)
    pdf_path: Path | None = None  # the signed PDF beside the zip, same base name: what the clerk prints
    xlsx_path: Path | None = None  # the Excel beside the zip, to hand over on its own
