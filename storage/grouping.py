"""Duplicate grouping's reads and marks: the open listings it compares, and which of
them are still waiting to be compared."""

from __future__ import annotations

from collections.abc import Collection
from typing import NamedTuple

from sqlalchemy import select as sa_select
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.common import chunks
from storage.models import ListingRow


class ToGroup(NamedTuple):
    id: int
    company: str
    title: str
    location: str
    description: str
    city: str | None  # from the listing's facts
    country: str | None
    work_mode: str | None
    group_id: int | None  # as stored by the last grouping


def listings_for_grouping(engine: Engine) -> list[ToGroup]:
    """Open listings with facts, oldest first: the columns duplicate grouping compares. The
    three facts it needs are read in SQL, not by decoding every listing's facts."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    facts = table.c.facts
    statement = (
        sa_select(
            table.c.id,
            table.c.company,
            table.c.title,
            table.c.location,
            table.c.description,
            facts["city"].as_string(),
            facts["country"].as_string(),
            facts["work_mode"].as_string(),
            table.c.group_id,
        )
        .where(table.c.closed_at.is_(None), facts.is_not(None))
        .order_by(table.c.id)
    )
    with engine.connect() as connection:
        return [ToGroup(*row) for row in connection.execute(statement)]


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
