"""Extracted facts: the listings whose current version has none from this extractor
version yet, and the facts stored back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, func, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.common import chunks
from storage.models import ListingRow


def _without_facts(version: str) -> Any:
    return or_(
        col(ListingRow.facts_hash).is_(None),
        col(ListingRow.facts_hash) != col(ListingRow.content_hash),
        col(ListingRow.facts_version).is_(None),
        col(ListingRow.facts_version) != version,
    )


def listings_without_facts(
    engine: Engine,
    version: str,
    *,
    shard: tuple[int, int] = (0, 1),
    after_id: int = 0,
    limit: int | None = None,
) -> list[ListingRow]:
    """Listings whose current version has no facts from this extractor version yet, by id.
    `shard=(k, n)`: only the k-th of n disjoint parts (by id); `after_id` and `limit`: the
    next page, so that a large batch is read a page at a time."""
    statement = (
        select(ListingRow)
        .where(_without_facts(version), col(ListingRow.id) > after_id)
        .order_by(col(ListingRow.id))
    )
    k, n = shard
    if n > 1:
        statement = statement.where(col(ListingRow.id) % n == k)
    if limit is not None:
        statement = statement.limit(limit)
    with Session(engine) as session:
        return list(session.exec(statement))


def count_without_facts(engine: Engine, version: str) -> int:
    with Session(engine) as session:
        statement = select(func.count()).select_from(ListingRow).where(_without_facts(version))
        return session.exec(statement).one()


def save_facts(
    engine: Engine, facts_by_id: dict[int, tuple[str, dict[str, Any]]], version: str
) -> None:
    """Store facts per listing id as (content_hash they came from, facts dict), in one
    executemany UPDATE per chunk."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(
            facts=bindparam("b_facts"),
            facts_hash=bindparam("b_hash"),
            facts_version=version,
            group_pending=True,
        )
    )
    rows = [
        {"b_id": listing_id, "b_facts": facts, "b_hash": content_hash}
        for listing_id, (content_hash, facts) in facts_by_id.items()
    ]
    with Session(engine) as session, session.begin():
        for chunk in chunks(rows, 2000):
            session.execute(statement, list(chunk))
