"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from storage.engine import open_engine, sqlite_url
from storage.migrate import upgrade

FIXTURES = Path(__file__).parent / "fixtures"
PG_URL = os.environ.get("JOBMATCH_TEST_POSTGRES_URL")
PG_SKIP_REASON = (
    "JOBMATCH_TEST_POSTGRES_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1/test)"
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        eng = open_engine(sqlite_url(tmp_path / "test.db"))
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    eng = open_engine(PG_URL, create=False)
    reset_postgres(eng)
    upgrade(eng)
    yield eng
    reset_postgres(eng)
    eng.dispose()


def reset_postgres(eng: Engine) -> None:
    """Drop every jobmatch table, the migration version included."""
    SQLModel.metadata.drop_all(eng)
    with eng.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
