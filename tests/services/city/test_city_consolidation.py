"""Consolidation of the accepted packages: the city's counts are the sums of the counties' own (as their packets
state them), indicators show each county's value and verdict with the count meeting the target, a task shows every
county's answer side by side, and the answers are searchable."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from city_world import CityWorld, city, city_world  # noqa: F401 - fixtures
from sqlalchemy import update

from hpdesk.domain.errors import UserError
from hpdesk.services.city.consolidation import TOTAL, consolidate, search_answers, task_view
from hpdesk.services.city.inbox import receive_packages
from hpdesk.services.exporting.packet_content import PacketContent
from hpdesk.services.workspace import Workspace
from hpdesk.storage.records import ReportingPeriodRecord
from pg_fixtures import BOTH_BACK_ENDS

# Each test here receives all fifteen packages (~9 s): only the representative ones run on PostgreSQL too (sums,
# side-by-side answers, search, supersession); the rest read the same rows through the same queries.


def county_content(package: Path) -> PacketContent:
    with zipfile.ZipFile(package) as archive:
        return PacketContent.from_json(json.loads(archive.read("data.json")))


@pytest.fixture
def received(city: Workspace, city_world: CityWorld) -> Workspace:
    receive_packages(city, city_world.packages())
    return city


@BOTH_BACK_ENDS
def test_the_city_counts_are_the_sums_of_the_counties_own(received: Workspace, city_world: CityWorld) -> None:
    result = consolidate(received, "2025H1")
    contents = [county_content(package) for package in city_world.packages()]
    expected: Counter[str] = Counter()
    for content in contents:
        expected.update({item.label: item.count for item in content.summary.status_counts})
    assert dict(result.status_totals) == dict(expected)
    assert result.city_total.tasks == sum(content.summary.task_count for content in contents) == 30
    assert result.city_total.not_reported == expected["未报送"] == 7  # the seven odd counties' A02-T001
    for county, content in zip(city_world.counties, contents, strict=True):
        line = result.county_total(county.office)
        assert (line.tasks, line.not_reported) == (content.summary.task_count, Counter(
            task.status_label for task in content.tasks)["未报送"])
    assert result.accepted == tuple(county.office for county in city_world.counties)
    assert result.missing == () and result.mismatches == ()


def test_counties_by_action_add_up_to_each_county_total(received: Workspace) -> None:
    result = consolidate(received, "2025H1")
    assert result.actions == ("（一）健康知识普及行动", "（二）合理膳食行动")
    for county in result.accepted:
        parts = [line for line in result.by_action if line.county == county and line.action != TOTAL]
        total = result.county_total(county)
        assert sum(line.tasks for line in parts) == total.tasks
        assert total.reported + total.not_reported == total.tasks


def test_a_county_without_an_accepted_package_is_missing_and_late(city: Workspace, city_world: CityWorld) -> None:
    receive_packages(city, city_world.packages()[1:])
    result = consolidate(city, "2025H1")
    first = city_world.counties[0].office
    assert result.missing == (first,) and first in result.late
    (cell,) = [c for c in result.by_period if c.county == first and c.period == "2025H1"]
    assert cell.state_label == "未报送" and cell.received_on == ""


def test_lateness_is_measured_against_the_due_date(received: Workspace) -> None:
    assert len(consolidate(received, "2025H1").late) == 15  # received today, due 2025-06-15
    with received.database.unit_of_work() as session:
        session.execute(update(ReportingPeriodRecord).values(due_date=date(2099, 6, 15)))
    assert consolidate(received, "2025H1").late == ()


def test_indicators_show_every_county_and_count_those_meeting_the_target(received: Workspace) -> None:
    rows = {row.code: row for row in consolidate(received, "2025H1").indicators}
    literacy = rows["I001"]
    assert literacy.target_text and literacy.reported == 15
    assert Counter(cell.value_text for cell in literacy.cells) == {"28.5": 10, "20": 5}  # every third county: 20
    assert literacy.met == sum(1 for cell in literacy.cells if cell.verdict in ("met", "on_track"))
    assert {cell.verdict_label for cell in literacy.cells if cell.value_text == "20"} != \
        {cell.verdict_label for cell in literacy.cells if cell.value_text == "28.5"}


@BOTH_BACK_ENDS
def test_a_task_shows_every_county_answer_side_by_side(received: Workspace, city_world: CityWorld) -> None:
    view = task_view(received, "2025H1", "A02-T001")
    assert [answer.county for answer in view.answers] == [county.office for county in city_world.counties]
    odd = [answer for index, answer in enumerate(view.answers) if index % 2]
    assert {answer.status_label for answer in odd} == {"未报送"}
    even = view.answers[0]
    assert even.status_label == "推进中" and even.evidence and even.evidence[0].title == "食堂检查照片"
    assert even.evidence[0].files == ("损坏的照片.jpg",)


def test_an_unknown_task_or_period_is_a_clear_error(received: Workspace) -> None:
    with pytest.raises(UserError) as raised:
        task_view(received, "2025H1", "A09-T001")
    assert raised.value.code == "consolidation_task_unknown"
    with pytest.raises(UserError) as raised:
        consolidate(received, "2031H1")
    assert raised.value.code == "consolidation_period_unknown"


@BOTH_BACK_ENDS
def test_search_finds_answers_across_counties(received: Workspace) -> None:
    hits = search_answers(received, "健康科普讲座")
    assert len({hit.county for hit in hits}) == 15
    assert {hit.task_code for hit in hits} == {"A01-T001"}
    assert search_answers(received, "不存在的词") == []


@BOTH_BACK_ENDS
def test_a_superseded_package_no_longer_counts(city: Workspace, city_world: CityWorld) -> None:
    receive_packages(city, [city_world.counties[0].package, city_world.resubmitted])
    result = consolidate(city, "2025H1")
    assert result.accepted == (city_world.counties[0].office,)
    assert result.city_total.tasks == 2
