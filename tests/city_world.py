"""A city and its counties built in code, for the city level's tests (issue 15).

Fifteen county workspaces hold the export test world of tests/export_fixture.py (same plan, period 2025H1), each
under its own office name and signing key, varied so their counts differ: in every odd county the 区教育局's part
on A02-T001 is still a draft (the task goes 未报送), and in every third county 居民健康素养水平 is 20 (below the 2022
target of 25). Each exports its package once. Besides them, packages that must be refused:
- `unregistered`: named for county 2 but signed by a key no county registered;
- `impostor`: named for county 3 but signed with county 4's key;
- `other_period`: county 5's package for 2025H2, a period the city does not have;
- `resubmitted`: county 0's second export (sequence 2), which supersedes its first.
The city workspace (level city, the same plan and period, its own signing key) registers the fifteen counties and
trusts each county's certificate. `build_city_world` does all of it once (session fixture); tests copy the city.

The packets' PDFs are small signed one-page documents (the GB/T 9704 packet itself is tested with the county
export): verification checks their signatures all the same, and the fixture stays fast.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from export_fixture import EXPORT_TIME, PASSPHRASE, PERIOD, build_export_data
from pg_fixtures import workspace_clone, workspace_copy
from reportlab.pdfgen import canvas
from sqlalchemy import select

from hpdesk.services import fonts
from hpdesk.services.city.registry import add_county, trust_certificate
from hpdesk.services.exporting.submission import export_submission
from hpdesk.services.identity import CERTIFICATE_FILE, IDENTITY_FILE, create_identity
from hpdesk.services.signing import sign_pdf
from hpdesk.services.workspace import (
    DATABASE_NAME, OfficeChanges, Workspace, open_workspace, update_office_profile,
)
from hpdesk.storage.records import (
    AssignmentRecord, IndicatorRecord, IndicatorValueRecord, ProgressReportRecord, ReportingPeriodRecord, UnitRecord,
)

REGIONS = ("中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区", "巩义市", "荥阳市", "新密市", "新郑市",
           "登封市", "中牟县", "郑东新区", "经开区", "高新区")
CITY_REGION, CITY_OFFICE = "郑州市", "郑州市卫生健康委员会"
CITY_PASSPHRASE = "市卫健委签章口令"


def office_of(region: str) -> str:
    return f"{region}卫生健康委员会"


@dataclass(frozen=True)
class County:
    region: str
    office: str
    root: Path  # its workspace (closed)
    package: Path  # its exported package
    certificate: Path


@dataclass(frozen=True)
class CityWorld:
    city: Path  # the city workspace template (closed); copy it with `copy_city`
    counties: tuple[County, ...]
    unregistered: Path
    impostor: Path
    other_period: Path
    resubmitted: Path
    tampered: Path

    def packages(self) -> list[Path]:
        return [county.package for county in self.counties]


def _small_signed_pdf(workspace, content, unlocked, scratch, progress, cancel):  # type: ignore[no-untyped-def]
    """A one-page PDF signed by the county (the packet's stand-in; see the module docstring)."""
    fonts.register_pdf_fonts()
    unsigned = scratch / "packet-unsigned.pdf"
    pdf = canvas.Canvas(str(unsigned), invariant=1)
    pdf.setFont(fonts.pdf_font_name(fonts.FontRole.SANS), 14)
    pdf.drawString(72, 700, f"{content.office.name} {content.period.name}报送材料")
    pdf.showPage()
    pdf.save()
    return sign_pdf(unlocked, unsigned, scratch / "packet.pdf", office_name=content.office.name,
                    location=content.office.region, reason="报送材料").path


def _copy_template(template: Path, root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy2(template / DATABASE_NAME, root / DATABASE_NAME)
    return root


def _vary(workspace: Workspace, index: int) -> None:
    """Make county `index` differ from the others (see the module docstring)."""
    with workspace.database.unit_of_work() as session:
        if index % 2:
            report = session.scalars(select(ProgressReportRecord).join(AssignmentRecord).join(UnitRecord)
                                     .where(UnitRecord.name == "区教育局")).one()
            report.review_state = "draft"
        if index % 3 == 0:
            value = session.scalars(select(IndicatorValueRecord).join(IndicatorRecord)
                                    .where(IndicatorRecord.code == "I001")).one()
            value.value, value.value_text = 20.0, "20"


def _export(workspace: Workspace, out: Path, number: int, period: str = PERIOD) -> Path:
    return export_submission(workspace, period, out, PASSPHRASE, str(number), now=EXPORT_TIME,
                             pdf_builder=_small_signed_pdf).package_path


def _county_workspace(template: Path, base: Path, name: str, region: str, index: int) -> Workspace:
    workspace = open_workspace(_copy_template(template, base / name), actor="tester")
    update_office_profile(workspace, OfficeChanges(region=region, name=office_of(region)))
    build_export_data(workspace, base / name / "originals", identity=False)
    _vary(workspace, index)
    return workspace


def build_city_world(template: Path, base: Path) -> CityWorld:
    """Everything the module docstring lists, under `base` (template: a migrated county workspace folder)."""
    counties = []
    out = base / "packages"
    for index, region in enumerate(REGIONS):
        with _county_workspace(template, base, f"county-{index:02d}", region, index) as workspace:
            create_identity(workspace.identity_dir, office_of(region), PASSPHRASE)
            package = _export(workspace, out / f"c{index:02d}", index + 1)
            counties.append(County(region, office_of(region), workspace.root, package,
                                   workspace.identity_dir / CERTIFICATE_FILE))
    with open_workspace(counties[0].root, actor="tester") as first:
        resubmitted = _export(first, out / "resubmitted", 99)
    with _county_workspace(template, base, "rogue", REGIONS[2], 2) as rogue:
        create_identity(rogue.identity_dir, office_of(REGIONS[2]), PASSPHRASE)
        unregistered = _export(rogue, out / "unregistered", 1)
    with _county_workspace(template, base, "impostor", REGIONS[3], 3) as impostor:
        for name in (IDENTITY_FILE, CERTIFICATE_FILE):  # county 4's key, not its audit key
            shutil.copy2(counties[4].root / "identity" / name, impostor.identity_dir / name)
        impostor_package = _export(impostor, out / "impostor", 1)
    with open_workspace(counties[5].root, actor="tester") as fifth:
        with fifth.database.unit_of_work() as session:
            session.add(ReportingPeriodRecord(label="2025H2", kind="semiannual", name="2025年下半年",
                                              start_date=date(2025, 7, 1), end_date=date(2025, 12, 31),
                                              due_date=date(2025, 12, 15), state="open"))
        other_period = _export(fifth, out / "other-period", 1, period="2025H2")
    tampered = flip_member(counties[6].package, base / "tampered" / counties[6].package.name,
                           next(name for name in _names(counties[6].package) if name.endswith(".xlsx")))
    city = _build_city(_copy_template(template, base / "city"), counties)
    return CityWorld(city, tuple(counties), unregistered, impostor_package, other_period, resubmitted, tampered)


def _build_city(root: Path, counties: Sequence[County]) -> Path:
    """Make the fresh workspace at `root` the city (see the module docstring)."""
    with open_workspace(root, actor="city-clerk") as city:
        update_office_profile(city, OfficeChanges(region=CITY_REGION, name=CITY_OFFICE, level="city"))
        build_export_data(city, root / "originals", identity=False)  # the same plan and period as the counties
        update_office_profile(city, OfficeChanges(short_name="市卫健委", doc_prefix="郑卫",
                                                  addressee="郑州市健康城市行动推进委员会"))
        create_identity(city.identity_dir, CITY_OFFICE, CITY_PASSPHRASE)
        for county in counties:
            add_county(city, county.office, county.region, contact="0371-00000000")
            trust_certificate(city, county.office, county.certificate)
    return root


def copy_city(request: pytest.FixtureRequest, world: CityWorld, target: Path) -> Path:
    """A private copy of the city workspace (database, identity, blobs) at `target`/ws, to receive packages into."""
    return workspace_clone(request, world.city, target)


def _names(package: Path) -> list[str]:
    with zipfile.ZipFile(package) as archive:
        return archive.namelist()


def flip_member(source: Path, target: Path, member: str) -> Path:
    """A copy of the package with one byte of `member` flipped (the zip itself stays readable)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == member:
                middle = len(data) // 2
                data = data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]
            new.writestr(info, data)
    return target


_BUILT: dict[str, CityWorld] = {}


@pytest.fixture(scope="session")
def city_world(session_backend: str, request: pytest.FixtureRequest, workspace_template: Path,
               tmp_path_factory: pytest.TempPathFactory) -> CityWorld:
    """The world above, built once per test run however many modules import this fixture (a module-level cache:
    pytest would build a session fixture imported into two modules twice). The counties are SQLite workspaces on
    either back end (they only produce packages; the county export runs on both in tests/services/exporting); the
    city, which receives and consolidates, is on `session_backend`: a city office may share a PostgreSQL database
    among its clerks as a county office does. The PostgreSQL city is built per module (no cache: its database is
    dropped when pytest ends the fixture)."""
    if "world" not in _BUILT:
        _BUILT["world"] = build_city_world(workspace_template, tmp_path_factory.mktemp("city-world"))
    world = _BUILT["world"]
    if session_backend == "sqlite":
        return world
    root = workspace_copy(request, session_backend, tmp_path_factory.mktemp(f"city-{session_backend}"))
    return replace(world, city=_build_city(root, world.counties))


@pytest.fixture
def city(city_world: CityWorld, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A fresh copy of the city workspace, open, with nothing received yet."""
    with open_workspace(copy_city(request, city_world, tmp_path / "city"), actor="city-clerk") as workspace:
        yield workspace
