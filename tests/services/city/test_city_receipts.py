"""Returning a submission (退回) writes a receipt signed by the city; the county imports it, pinned to the city's
certificate, and sees the reason; receipts about other offices' packages or signed by another key are refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from city_world import CITY_PASSPHRASE, CityWorld, city, city_world  # noqa: F401 - fixtures

from hpdesk.domain.errors import UserError
from hpdesk.services.city.inbox import receive_packages
from hpdesk.services.city.inbox_queries import inbox_rows
from hpdesk.services.city.receipts import (
    city_certificate_pinned, import_receipt, issue_receipt, list_receipts, period_receipt, return_submission,
)
from hpdesk.services.identity import CERTIFICATE_FILE
from hpdesk.services.workspace import DATABASE_NAME, Workspace, open_workspace
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS

REASON = "第二项任务缺少佐证材料，请补充后重新报送。"


def county_copy(world: CityWorld, index: int, target: Path) -> Path:
    source = world.counties[index].root
    target.mkdir(parents=True)
    shutil.copy2(source / DATABASE_NAME, target / DATABASE_NAME)
    shutil.copytree(source / "identity", target / "identity")
    return target


def city_certificate(city: Workspace) -> Path:
    return city.identity_dir / CERTIFICATE_FILE


def test_a_returned_submission_reaches_the_county_with_its_reason(city: Workspace, city_world: CityWorld,
                                                                  tmp_path: Path) -> None:
    (outcome,) = receive_packages(city, [city_world.counties[1].package]).outcomes
    receipt = return_submission(city, outcome.package_id, REASON, tmp_path / "out", CITY_PASSPHRASE)
    assert receipt.path is not None and receipt.path.is_file() and receipt.state == "returned"
    (row,) = inbox_rows(city)
    assert row.status == "returned" and REASON in row.detail
    with open_workspace(county_copy(city_world, 1, tmp_path / "county"), actor="tester") as county:
        assert period_receipt(county, "2025H1") is None and not city_certificate_pinned(county)
        imported = import_receipt(county, receipt.path, trust=city_certificate(city))
        assert imported.state_label == "已退回" and imported.reason == REASON and imported.period == "2025H1"
        assert city_certificate_pinned(county)
        assert import_receipt(county, receipt.path).already_imported  # the city's certificate is pinned now
        (listed,) = list_receipts(county)
        assert listed.reason == REASON and listed.city_office == "郑州市卫生健康委员会"
        shown = period_receipt(county, "2025H1")  # what the county's export dialog shows for the period
        assert shown is not None and shown.state == "returned" and shown.reason == REASON
        assert shown.sequence == shown.latest_sequence == 1 and not shown.exported_since
        assert period_receipt(county, "2025H2") is None


def test_a_resubmission_after_a_return_becomes_the_accepted_one(city: Workspace, city_world: CityWorld,
                                                                tmp_path: Path) -> None:
    (first,) = receive_packages(city, [city_world.counties[0].package]).outcomes
    return_submission(city, first.package_id, REASON, tmp_path, CITY_PASSPHRASE)
    (second,) = receive_packages(city, [city_world.resubmitted]).outcomes
    assert second.status == "accepted" and second.supersedes == (first.package_id,)


def test_an_accepted_receipt_can_be_issued_but_not_for_a_rejected_package(city: Workspace, city_world: CityWorld,
                                                                          tmp_path: Path) -> None:
    good, bad = receive_packages(city, [city_world.counties[2].package, city_world.tampered]).outcomes
    assert issue_receipt(city, good.package_id, "accepted", tmp_path, CITY_PASSPHRASE).state_label == "已接收"
    with pytest.raises(UserError) as raised:
        issue_receipt(city, bad.package_id, "received", tmp_path, CITY_PASSPHRASE)
    assert raised.value.code == "receipt_not_for_rejected"


def test_returning_needs_a_reason(city: Workspace, city_world: CityWorld, tmp_path: Path) -> None:
    (outcome,) = receive_packages(city, [city_world.counties[2].package]).outcomes
    with pytest.raises(UserError) as raised:
        return_submission(city, outcome.package_id, "  ", tmp_path, CITY_PASSPHRASE)
    assert raised.value.code == "return_reason_missing"


def test_a_receipt_checked_against_another_certificate_is_refused(city: Workspace, city_world: CityWorld,
                                                                  tmp_path: Path) -> None:
    (outcome,) = receive_packages(city, [city_world.counties[1].package]).outcomes
    receipt = issue_receipt(city, outcome.package_id, "received", tmp_path / "out", CITY_PASSPHRASE)
    with open_workspace(county_copy(city_world, 1, tmp_path / "county"), actor="tester") as county:
        with pytest.raises(UserError) as raised:
            import_receipt(county, receipt.path, trust=city_world.counties[3].certificate)
        assert raised.value.code == "receipt_invalid"
        assert list_receipts(county) == []


def test_a_receipt_about_another_county_package_is_refused(city: Workspace, city_world: CityWorld,
                                                           tmp_path: Path) -> None:
    (outcome,) = receive_packages(city, [city_world.counties[2].package]).outcomes
    receipt = issue_receipt(city, outcome.package_id, "received", tmp_path / "out", CITY_PASSPHRASE)
    with open_workspace(county_copy(city_world, 1, tmp_path / "county"), actor="tester") as county:
        with pytest.raises(UserError) as raised:
            import_receipt(county, receipt.path, trust=city_certificate(city))
        assert raised.value.code == "receipt_not_ours"


def test_a_receipt_damaged_on_the_way_is_explained_in_words_not_by_a_python_class_name(
        city: Workspace, city_world: CityWorld, tmp_path: Path) -> None:
    (outcome,) = receive_packages(city, [city_world.counties[1].package]).outcomes
    receipt = issue_receipt(city, outcome.package_id, "received", tmp_path / "out", CITY_PASSPHRASE)
    assert receipt.path is not None
    damaged = tmp_path / "damaged.zip"
    raw = bytearray(receipt.path.read_bytes())
    for body in (raw[: len(raw) // 2], b""):
        damaged.write_bytes(bytes(body))
        with open_workspace(county_copy(city_world, 1, tmp_path / f"county{len(body)}"), actor="tester") as county:
            with pytest.raises(UserError) as raised:
                import_receipt(county, damaged, trust=city_certificate(city))
        text = raised.value.message("zh")
        assert raised.value.code == "receipt_unreadable" and "Error" not in text and "截断" in text, text
