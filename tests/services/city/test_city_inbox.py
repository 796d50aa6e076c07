"""The city's inbox: counties' packages verified against their own county's certificates only, accepted or rejected
with the exact reason, resubmissions superseding, every file kept unchanged, nothing half-recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from city_world import CityWorld, city, city_world  # noqa: F401 - fixtures
from sqlalchemy import func, select, update

from hpdesk.domain.errors import OperationCancelled, UserError
from hpdesk.services.city import inbox as inbox_module
from hpdesk.services.city.inbox import receive_packages, received_store
from hpdesk.services.city.inbox_queries import inbox_rows
from hpdesk.services.city.registry import add_county, trust_certificate, untrust_certificate
from hpdesk.services.identity import CERTIFICATE_FILE
from hpdesk.services.progress import CancelToken
from hpdesk.services.workspace import Workspace
from hpdesk.storage.city_records import ReceivedPackageRecord
from hpdesk.storage.records import TaskRecord
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


def statuses(workspace: Workspace) -> dict[str, int]:
    with workspace.database.read_only() as session:
        rows = session.execute(select(ReceivedPackageRecord.status, func.count())
                               .group_by(ReceivedPackageRecord.status)).all()
    return {status: count for status, count in rows}


def test_fifteen_county_packages_are_all_accepted(city: Workspace, city_world: CityWorld) -> None:
    report = receive_packages(city, city_world.packages())
    assert [outcome.status for outcome in report.outcomes] == ["accepted"] * 15
    assert [outcome.county for outcome in report.outcomes] == [county.office for county in city_world.counties]
    assert {outcome.period for outcome in report.outcomes} == {"2025H1"}
    assert all(not outcome.plan_mismatches and not outcome.reasons for outcome in report.outcomes)
    assert statuses(city) == {"accepted": 15}


def test_a_folder_is_searched_for_packages(city: Workspace, city_world: CityWorld) -> None:
    folder = city_world.counties[0].package.parent.parent  # packages/c00, c01, … and the bad ones
    report = receive_packages(city, [folder])
    assert len(report.outcomes) == 19  # 15 counties, a resubmission, 3 refused (the tampered one is elsewhere)
    assert statuses(city) == {"accepted": 15, "superseded": 1, "rejected": 3}


def test_a_resubmission_supersedes_the_county_earlier_package(city: Workspace, city_world: CityWorld) -> None:
    (first,) = receive_packages(city, [city_world.counties[0].package]).outcomes
    (second,) = receive_packages(city, [city_world.resubmitted]).outcomes
    assert second.status == "accepted" and second.sequence == 2 and second.supersedes == (first.package_id,)
    history = {row.id: row for row in inbox_rows(city)}
    assert history[first.package_id].status == "superseded"
    assert history[first.package_id].superseded_by == second.package_id


def test_an_earlier_submission_arriving_last_does_not_replace_the_later_one(city: Workspace,
                                                                             city_world: CityWorld) -> None:
    later, earlier = receive_packages(city, [city_world.resubmitted, city_world.counties[0].package]).outcomes
    assert later.status == "accepted" and earlier.status == "superseded"
    assert statuses(city) == {"accepted": 1, "superseded": 1}


@pytest.mark.parametrize(("which", "code", "says"), [
    ("unregistered", "signer_unknown", "未登记的密钥"),
    ("impostor", "signer_other_county", "上街区卫生健康委员会"),  # county 3's name, county 4's key
    ("tampered", "package_tampered", "2025H1-报送表.xlsx 的内容与清单不符"),
    ("other_period", "period_unknown", "2025H2"),
])
def test_a_bad_package_is_rejected_with_its_reason_and_adds_nothing(city: Workspace, city_world: CityWorld,
                                                                    which: str, code: str, says: str) -> None:
    receive_packages(city, city_world.packages()[:2])
    (outcome,) = receive_packages(city, [getattr(city_world, which)]).outcomes
    assert outcome.status == "rejected" and outcome.reason_code == code
    assert any(says in reason for reason in outcome.reasons), outcome.reasons
    assert statuses(city) == {"accepted": 2, "rejected": 1}
    with city.database.read_only() as session:
        rejected = session.get_one(ReceivedPackageRecord, outcome.package_id)
        assert rejected.snapshot is None and rejected.superseded_by_id is None
    (row,) = [row for row in inbox_rows(city) if row.id == outcome.package_id]
    assert row.status_label == "已拒收" and row.detail == outcome.reasons[0]


def test_the_impostor_would_pass_a_union_of_all_counties_certificates(city_world: CityWorld) -> None:
    """Why packages are verified per county: every county's certificate in one list accepts the impostor."""
    from hpdesk.services.exporting.verification import verify_package
    from hpdesk.services.identity import load_certificate_file

    union = [cert for county in city_world.counties for cert in load_certificate_file(county.certificate)]
    assert verify_package(city_world.impostor, union).ok


def test_a_key_rotated_out_before_the_package_was_made_is_refused(city: Workspace, city_world: CityWorld) -> None:
    county = city_world.counties[7]
    fingerprint = hashlib.sha256(_der(county.certificate)).hexdigest()
    untrust_certificate(city, county.office, fingerprint[:12], after="2020-01-01")
    (outcome,) = receive_packages(city, [county.package]).outcomes
    assert outcome.reason_code == "signer_not_trusted_then"


def test_a_revoked_key_is_refused(city: Workspace, city_world: CityWorld) -> None:
    county = city_world.counties[8]
    untrust_certificate(city, county.region, hashlib.sha256(_der(county.certificate)).hexdigest())
    (outcome,) = receive_packages(city, [county.package]).outcomes
    assert outcome.reason_code == "signer_not_trusted_then"


def test_a_rejected_package_is_accepted_once_its_county_key_is_trusted(city: Workspace,
                                                                       city_world: CityWorld) -> None:
    (first,) = receive_packages(city, [city_world.unregistered]).outcomes
    rogue_certificate = city_world.unregistered.parent.parent.parent / "rogue" / "identity" / CERTIFICATE_FILE
    trust_certificate(city, city_world.counties[2].office, rogue_certificate)
    (again,) = receive_packages(city, [city_world.unregistered]).outcomes
    assert first.status == "rejected" and again.status == "accepted" and again.package_id == first.package_id


def test_the_same_file_twice_is_a_duplicate(city: Workspace, city_world: CityWorld) -> None:
    package = city_world.counties[1].package
    outcomes = receive_packages(city, [package, package]).outcomes
    assert [outcome.status for outcome in outcomes] == ["accepted", "duplicate"]
    (again,) = receive_packages(city, [package]).outcomes
    assert again.status == "duplicate" and again.package_id == outcomes[0].package_id
    assert statuses(city) == {"accepted": 1}


def test_every_received_package_is_kept_unchanged(city: Workspace, city_world: CityWorld) -> None:
    receive_packages(city, [city_world.counties[3].package, city_world.tampered])
    for row in inbox_rows(city):
        original = city_world.tampered if row.status == "rejected" else city_world.counties[3].package
        kept = received_store(city).path_for(row.package_sha256)
        assert kept.read_bytes() == original.read_bytes()
        assert hashlib.sha256(kept.read_bytes()).hexdigest() == row.package_sha256


def test_a_cancelled_receive_records_nothing(city: Workspace, city_world: CityWorld) -> None:
    token = CancelToken()

    class CancelAfterTwo:
        def update(self, done: int, total: int, message: str = "") -> None:
            if done == 2:
                token.cancel()

    with pytest.raises(OperationCancelled):
        receive_packages(city, city_world.packages()[:5], progress=CancelAfterTwo(), cancel=token)
    assert statuses(city) == {}


def test_a_failure_while_recording_leaves_nothing_half_recorded(city: Workspace, city_world: CityWorld,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real = inbox_module.record_event
    calls = []

    def failing(session, **event):  # type: ignore[no-untyped-def]
        calls.append(event)
        if len(calls) == 3:
            raise OSError("disk gone")
        return real(session, **event)

    monkeypatch.setattr(inbox_module, "record_event", failing)
    with pytest.raises(OSError):
        receive_packages(city, city_world.packages()[:5])
    assert statuses(city) == {}


def test_task_codes_that_differ_from_the_city_plan_are_listed(city: Workspace, city_world: CityWorld) -> None:
    with city.database.unit_of_work() as session:  # the city re-imported another revision of its table
        session.execute(update(TaskRecord).where(TaskRecord.code == "A02-T001").values(code="A02-T009"))
    (outcome,) = receive_packages(city, [city_world.counties[0].package]).outcomes
    assert outcome.status == "accepted"
    assert outcome.plan_mismatches == ("A02-T001：县区报送了市里计划中没有的任务。",
                                       "A02-T009：市里计划中的县区任务（推进学校食堂减盐减油，开展营养健康食堂建设。）在报送包中没有。")


def test_a_package_naming_no_registered_county_is_refused(city: Workspace, city_world: CityWorld) -> None:
    add_county(city, "上街新区卫生健康委员会")  # registered, but not the name in any package
    city_copy_name = city_world.counties[4].office
    with city.database.unit_of_work() as session:
        from hpdesk.storage.city_records import CountyRecord

        session.execute(update(CountyRecord).where(CountyRecord.name == city_copy_name).values(name="改名"))
    (outcome,) = receive_packages(city, [city_world.counties[4].package]).outcomes
    assert outcome.reason_code == "county_unknown" and city_copy_name in outcome.reasons[0]


def test_a_county_workspace_cannot_receive(workspace: Workspace, city_world: CityWorld) -> None:
    with pytest.raises(UserError) as raised:
        receive_packages(workspace, city_world.packages()[:1])
    assert raised.value.code == "city_level_only"


def test_a_certificate_is_pinned_for_one_county_only(city: Workspace, city_world: CityWorld) -> None:
    with pytest.raises(UserError) as raised:
        trust_certificate(city, city_world.counties[0].office, city_world.counties[1].certificate)
    assert raised.value.code == "county_certificate_elsewhere"
    assert city_world.counties[1].office in raised.value.message("zh")


def _der(pem_path: Path) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return x509.load_pem_x509_certificate(pem_path.read_bytes()).public_bytes(serialization.Encoding.DER)
