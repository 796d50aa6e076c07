"""The small demo's steps that span several services: the signing identity, and sending a period to the city."""

from __future__ import annotations

from hpdesk.services.exporting.submission import export_submission
from hpdesk.services.identity import create_identity
from hpdesk.services.workspace import Workspace, office_profile


def create_demo_identity(workspace: Workspace, passphrase: str) -> str:
    """The office's signing identity under workspace/identity, protected by `passphrase`; returns the passphrase."""
    profile = office_profile(workspace)
    create_identity(workspace.identity_dir, profile.name if profile else "演示单位", passphrase,
                    minimum_length=len(passphrase))  # the published demo passphrase "demo" is shorter than allowed
    return passphrase


def submit_and_lock(workspace: Workspace, period_label: str, passphrase: str, doc_number: str) -> None:
    """Export the period into workspace/exports (signed with the demo identity, under the cover letter's
    `doc_number`); exporting locks the period, as it does for a clerk."""
    export_submission(workspace, period_label, workspace.exports_dir, passphrase, doc_number=doc_number)
