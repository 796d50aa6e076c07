"""The same Alembic migrations build the same schema on SQLite and PostgreSQL, and the models agree with it on both
(issue 17 item 2); the differences between the two back ends that hpdesk relies on are handled."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, func, select, text

from hpdesk import paths
from hpdesk.storage.database import create_postgresql_engine, create_sqlite_engine, is_postgresql_url
from hpdesk.storage.migrate import DatabaseNewerThanApp, head_revision, schema_revision, upgrade_postgresql, upgrade_to_latest
from hpdesk.storage.records import Base, TaskRecord


def _migrated_engine(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Engine:
    if backend == "sqlite":
        upgrade_to_latest(tmp_path / "db.sqlite", paths.migrations_dir(), tmp_path / "backups")
        return create_sqlite_engine(tmp_path / "db.sqlite")
    engine = create_postgresql_engine(request.getfixturevalue("pg_url"))
    upgrade_postgresql(engine, paths.migrations_dir())
    return engine


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_models_and_migrations_agree_on_both_back_ends(backend: str, tmp_path: Path,
                                                       request: pytest.FixtureRequest) -> None:
    engine = _migrated_engine(backend, tmp_path, request)
    try:
        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        assert schema_revision(engine) == head_revision(paths.migrations_dir())
    finally:
        engine.dispose()


def test_json_columns_are_jsonb_on_postgresql(pg_url: str) -> None:
    engine = create_postgresql_engine(pg_url)
    upgrade_postgresql(engine, paths.migrations_dir())
    with engine.connect() as connection:
        kinds = dict(connection.execute(text(
            "SELECT table_name || '.' || column_name, data_type FROM information_schema.columns "
            "WHERE data_type IN ('json', 'jsonb')")).all())
    engine.dispose()
    assert kinds["task.flags"] == "jsonb"
    assert set(kinds.values()) == {"jsonb"}


def test_migrating_postgresql_twice_changes_nothing_and_a_newer_revision_is_refused(pg_url: str) -> None:
    engine = create_postgresql_engine(pg_url)
    first = upgrade_postgresql(engine, paths.migrations_dir())
    again = upgrade_postgresql(engine, paths.migrations_dir())
    assert first.previous_revision != first.head_revision and again.previous_revision == again.head_revision
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(DatabaseNewerThanApp):
        upgrade_postgresql(engine, paths.migrations_dir())
    engine.dispose()


def test_postgresql_urls_are_recognised_and_get_the_psycopg_driver() -> None:
    assert is_postgresql_url("postgresql://clerk@server/hpdesk")
    assert is_postgresql_url("postgres://clerk@server/hpdesk")
    assert not is_postgresql_url("/home/clerk/hpdesk.sqlite")
    engine = create_postgresql_engine("postgres://clerk@server:5433/hpdesk")
    assert engine.url.drivername == "postgresql+psycopg" and engine.url.port == 5433
    engine.dispose()


def test_json_documents_compare_for_equality_on_postgresql(pg_url: str) -> None:
    """Plain JSON has no equality operator on PostgreSQL; JSONB does (DISTINCT over a JSON column needs it)."""
    engine = create_postgresql_engine(pg_url)
    upgrade_postgresql(engine, paths.migrations_dir())
    with engine.connect() as connection:
        distinct = connection.execute(select(func.count()).select_from(
            select(TaskRecord.flags).distinct().subquery())).scalar()
    engine.dispose()
    assert distinct == 0


def test_every_word_of_each_vocabulary_fits_its_column_which_postgresql_enforces() -> None:
    from hpdesk.domain.calendar import KIND_LABELS, STATE_LABELS
    from hpdesk.domain.evidence import EVIDENCE_KINDS
    from hpdesk.domain.reporting import REVIEW_LABELS, ROLE_LABELS, STATUS_LABELS, UNIT_TYPES
    from hpdesk.services.clerks import ROLE_LABELS as CLERK_ROLES
    from hpdesk.storage import records

    vocabularies = [(records.UnitRecord.unit_type, UNIT_TYPES), (records.ProgressReportRecord.status, STATUS_LABELS),
                    (records.ProgressReportRecord.review_state, REVIEW_LABELS),
                    (records.AssignmentRecord.role, ROLE_LABELS), (records.ReportingPeriodRecord.kind, KIND_LABELS),
                    (records.ReportingPeriodRecord.state, STATE_LABELS), (records.EvidenceRecord.kind, EVIDENCE_KINDS),
                    (records.ClerkRecord.role, CLERK_ROLES)]
    too_long = [(str(column), word) for column, words in vocabularies for word in words
                if len(word) > column.type.length]
    assert too_long == []  # 'community_health_centre' (23) in unit_type String(20) was one (SQLite never said)
