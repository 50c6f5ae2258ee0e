"""Migrations: a database made by an earlier release upgrades in place, nothing lost."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from storage import queries
from storage.engine import open_engine, sqlite_url
from storage.errors import StorageError
from storage.migrate import current_revision, head_revision, upgrade
from tests.conftest import PG_SKIP_REASON, PG_URL, reset_postgres


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def blank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty database with no schema at all."""
    if request.param == "sqlite":
        engine = create_engine(sqlite_url(tmp_path / "old.db"))
        yield engine
        engine.dispose()
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    engine = create_engine(PG_URL)
    reset_postgres(engine)
    yield engine
    reset_postgres(engine)
    engine.dispose()


def fill_first_release(engine: Engine) -> None:
    """Rows as jobmatch 0.1 wrote them, in its own schema."""
    listing = {
        "source": "greenhouse:acme", "external_id": "1", "url": "https://x/1",
        "title": "Technical Project Manager", "company": "Acme", "location": "Pune",
        "remote": False, "description": "Lead delivery.", "description_html": "",
        "salary_text": "₹20–30 LPA", "salary": None, "employment_type": None, "tags": "[]",
        "posted_at": "2026-11-01 00:00:00", "first_seen": "2026-11-02 02:30:00",
        "last_seen": "2026-11-20 02:30:00", "closed_at": None, "content_hash": "abc",
        "facts": json.dumps({"role_variant": "technical_project_manager"}), "facts_hash": "abc",
    }  # fmt: skip
    with engine.begin() as connection:
        columns = ", ".join(listing)
        values = ", ".join(f":{key}" for key in listing)
        connection.execute(text(f"INSERT INTO listing ({columns}) VALUES ({values})"), listing)
        connection.execute(
            text(
                "INSERT INTO match (listing_id, profile, profile_hash, content_hash, "
                "matcher_version, score, reasons, components, scored_at) VALUES "
                "(1, 'me', 'h', 'abc', '0.1', 88.5, '[\"why\"]', '{}', '2026-11-20 02:31:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO fetch_run (source, started, finished, status, fetched, new, "
                "updated, unchanged, closed, error) VALUES ('greenhouse:acme', "
                "'2026-11-20 02:30:00', '2026-11-20 02:31:00', 'ok', 1, 1, 0, 0, 0, NULL)"
            )
        )


def test_first_release_database_upgrades_in_place_with_nothing_lost(blank: Engine) -> None:
    upgrade(blank, "0001")
    fill_first_release(blank)
    upgrade(blank)
    assert current_revision(blank) == head_revision()
    (row,) = list(queries.iter_listings(blank))
    assert (row.title, row.salary_text, row.group_id, row.facts_version) == (
        "Technical Project Manager",
        "₹20–30 LPA",
        None,
        None,
    )
    assert row.facts == {"role_variant": "technical_project_manager"}
    (top,) = queries.top_matches(blank, "me", include_zero=True)
    assert top[1].score == 88.5 and top[1].reasons == ["why"]
    assert [run.source for run in queries.recent_runs(blank)] == ["greenhouse:acme"]
    # The upgraded database works as a new one does.
    assert queries.listings_without_facts(blank, "0.2") == [row]


def test_a_database_from_before_migrations_is_stamped_then_upgraded(blank: Engine) -> None:
    upgrade(blank, "0001")
    fill_first_release(blank)
    with blank.begin() as connection:
        connection.execute(text("DROP TABLE alembic_version"))  # 0.1 had no version table
    upgrade(blank)
    assert current_revision(blank) == head_revision()
    assert queries.count_listings(blank) == 1


def test_models_and_migrations_agree(blank: Engine) -> None:
    upgrade(blank)
    with blank.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_a_schema_newer_than_this_release_is_refused(blank: Engine) -> None:
    upgrade(blank)
    with blank.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError, match=r"schema version 9999 is newer than this jobmatch"):
        upgrade(blank)


def test_a_corrupt_database_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "jobs.db"
    path.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(
        StorageError, match=r"jobs.db: cannot open database \(file is not a database\)"
    ):
        open_engine(sqlite_url(path))
    assert path.read_bytes().startswith(b"this is not a database")  # left as it was
