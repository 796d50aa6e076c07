"""Fixtures for the submission export tests.

`export_data` (function scope) is the ORM-level test world of tests/export_fixture.py in a fresh workspace. `sent`
(session scope) is that world exported once, with the package, the workspace folder and the trusted certificate:
tests that only read the package share it (copy before changing anything).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from missing_input import missing
from pg_fixtures import workspace_copy
from cryptography import x509
from export_fixture import EXPORT_TIME, PASSPHRASE, PERIOD, ExportFixture, build_export_data
from export_fixture import export_data as export_data  # noqa: F401 - a fixture, re-exported for these tests

from hpdesk.services.exporting.packet_content import PacketContent
from hpdesk.services.exporting.submission import ExportResult, export_submission
from hpdesk.services.identity import CERTIFICATE_FILE, load_certificate_file
from hpdesk.services.workspace import open_workspace

DOC_NUMBER = "12"
FULL_DOC_NUMBER = "管卫健〔2025〕12号"


@dataclass(frozen=True)
class Sent:
    """A package exported once from the test world, shared by the tests that only read it."""

    root: Path  # the workspace folder (closed)
    result: ExportResult
    trusted: list[x509.Certificate]
    originals: dict[str, Path]

    @property
    def package(self) -> Path:
        return self.result.package_path

    def members(self) -> dict[str, bytes]:
        return read_members(self.package)

    def content(self) -> PacketContent:
        import json

        return PacketContent.from_json(json.loads(self.members()["data.json"]))


def read_members(package: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(package) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def member_name(members: dict[str, bytes], suffix: str) -> str:
    """The one top-level member whose name ends with `suffix` (".pdf", ".xlsx")."""
    (name,) = [name for name in members if "/" not in name and name.endswith(suffix)]
    return name


@pytest.fixture(scope="session")
def sent(session_backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Sent:
    base = tmp_path_factory.mktemp("sent")
    root = workspace_copy(request, session_backend, base)
    with open_workspace(root, actor="tester") as workspace:
        world = build_export_data(workspace, base / "originals")
        result = export_submission(workspace, PERIOD, base / "out", PASSPHRASE, DOC_NUMBER, now=EXPORT_TIME)
        trusted = load_certificate_file(workspace.identity_dir / CERTIFICATE_FILE)
    return Sent(root, result, trusted, world.files)


@pytest.fixture
def trusted(export_data: ExportFixture) -> list[x509.Certificate]:
    return load_certificate_file(export_data.workspace.identity_dir / CERTIFICATE_FILE)


def pdf_pages(data_or_path: bytes | Path) -> list[str]:
    """The text of every page as laid out (pdftotext -layout: a table row stays on one line), one string a page."""
    if shutil.which("pdftotext") is None:
        missing("pdftotext (poppler-utils) is not installed")
    data = data_or_path if isinstance(data_or_path, bytes) else data_or_path.read_bytes()
    run = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return run.stdout.decode("utf-8").split("\f")[:-1]


def squeezed_lines(pages: list[str]) -> list[str]:
    """Every non-empty line of `pages`, without whitespace."""
    return [squeezed(line) for page in pages for line in page.splitlines() if line.strip()]


def line_with(pages: list[str], needle: str) -> str:
    """The first (squeezed) line that holds `needle`; fails the test when there is none."""
    found = [line for line in squeezed_lines(pages) if needle in line]
    assert found, f"no line holds {needle!r}"
    return found[0]


def squeezed(text: str) -> str:
    """`text` without any whitespace: pdftotext breaks lines and spaces glyphs as the layout does."""
    return "".join(text.split())


def pdf_page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
