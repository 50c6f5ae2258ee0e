"""Duplicate grouping's reads and marks: the open listings it compares, and which of
them are still waiting to be compared."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, NamedTuple

import orjson
from sqlalchemy import String, case, type_coerce, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.common import chunks
from storage.facts import words_current
from storage.models import ListingRow

_PAGE = 2000  # rows fetched at a time


class ToGroup(NamedTuple):
    id: int
    company: str
    title: str
    location: str
    description: str  # empty when `words` are stored
    city: str | None  # from the listing's facts
    country: str | None
    work_mode: str | None
    group_id: int | None  # as stored by the last grouping
    words: str | None  # description_words, when stored for the current version
    years_min: int | None = None  # from the listing's facts
    remote_scope: tuple[str, ...] = ()  # from the listing's facts
    employment: str | None = None  # from the listing's facts
    source: str = ""  # the source it was fetched from (or imported as)


def iter_for_grouping(engine: Engine, version: str) -> Iterator[ToGroup]:
    """Open listings with facts, oldest first: the columns duplicate grouping compares. The
    facts it needs are read in SQL, not by decoding every listing's facts. Of the
    description, only its words where those are stored with facts of extractor `version`
    from the current content (descriptions are most of a store: a few KB a listing).
    Streamed a page at a time in one statement, so the caller holds only what it keeps."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    facts = table.c.facts
    stored = words_current(version)
    statement = (
        sa_select(
            table.c.id,
            table.c.company,
            table.c.title,
            table.c.location,
            case((stored, ""), else_=table.c.description),
            facts["city"].as_string(),
            facts["country"].as_string(),
            facts["work_mode"].as_string(),
            table.c.group_id,
            case((stored, table.c.description_words), else_=None),
            facts["years_min"].as_integer(),
            type_coerce(facts["remote_scope"], String),
            facts["employment"].as_string(),
            table.c.source,
        )
        .where(table.c.closed_at.is_(None), facts.is_not(None))
        .order_by(table.c.id)
        .execution_options(yield_per=_PAGE)
    )
    with engine.connect() as connection:
        for row in connection.execute(statement):
            yield ToGroup._make((*row[:-3], _scope(row[-3]), row[-2], row[-1]))


def _scope(value: Any) -> tuple[str, ...]:
    """The stored remote scope (JSON text on SQLite and, coerced, on PostgreSQL)."""
    if value is None:
        return ()
    decoded = orjson.loads(value) if isinstance(value, str | bytes) else value
    return tuple(decoded) if isinstance(decoded, list) else ()


def listings_for_grouping(engine: Engine, version: str) -> list[ToGroup]:
    """`iter_for_grouping`, as a list."""
    return list(iter_for_grouping(engine, version))


def pending_grouping(engine: Engine) -> list[int]:
    """Open listings whose facts have not been compared for duplicates yet."""
    with Session(engine) as session:
        statement = select(ListingRow.id).where(
            col(ListingRow.group_pending),
            col(ListingRow.closed_at).is_(None),
            col(ListingRow.facts).is_not(None),
        )
        return [i for i in session.exec(statement) if i is not None]


def mark_grouped(engine: Engine, listing_ids: Collection[int]) -> None:
    """These listings have been compared for duplicates."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    with engine.begin() as connection:
        for ids in chunks(sorted(listing_ids)):
            connection.execute(update(table).where(table.c.id.in_(ids)).values(group_pending=False))
