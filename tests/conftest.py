"""Shared fixtures: databases (SQLite always, PostgreSQL when configured) and paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from storage.engine import open_engine, sqlite_url

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
    SQLModel.metadata.drop_all(eng)
    SQLModel.metadata.create_all(eng)
    yield eng
    SQLModel.metadata.drop_all(eng)
    eng.dispose()
