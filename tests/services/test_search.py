"""Search finds report texts and evidence by its files' names, and names periods as the clerk does."""

from __future__ import annotations

from export_fixture import ExportFixture
from export_fixture import export_data as export_data  # noqa: F401 - a fixture
from sqlalchemy import select

from hpdesk.services.search import search_everything
from hpdesk.storage.records import EvidenceFileRecord
from pg_fixtures import BOTH_BACK_ENDS

pytestmark = BOTH_BACK_ENDS


def test_a_word_from_a_units_progress_text_finds_the_report(export_data: ExportFixture) -> None:
    hits = [hit for hit in search_everything(export_data.workspace, "覆盖居民") if hit.kind == "report"]
    hit, = hits
    assert hit.title == "A01-T001 · 区卫健委 · 2025年上半年" and "覆盖居民" in hit.detail
    assert hit.task_id and hit.unit_id and hit.period_label == "2025H1"


def test_evidence_is_found_by_the_name_of_one_of_its_files(export_data: ExportFixture) -> None:
    with export_data.workspace.database.read_only() as session:
        name = session.scalars(select(EvidenceFileRecord.file_name)).first()
    stem = name.rsplit(".", 1)[0]
    hits = [hit for hit in search_everything(export_data.workspace, stem) if hit.kind == "evidence"]
    assert hits and all("2025年上半年" in hit.detail and "2025H1" not in hit.detail for hit in hits)


def test_one_hit_more_than_the_limit_is_returned_to_say_there_are_more(export_data: ExportFixture) -> None:
    """The search page says "50+" rather than a count of 50 when the extra hit is there."""
    reports = [hit for hit in search_everything(export_data.workspace, "区") if hit.kind == "report"]
    assert len(reports) == 2
    limited = [hit for hit in search_everything(export_data.workspace, "区", limit_per_kind=1) if hit.kind == "report"]
    assert len(limited) == 2  # the one listed, and one that says there are more
