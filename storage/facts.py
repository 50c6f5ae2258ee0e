"""Extracted facts: the listings whose current version has none from this extractor
version yet, and the facts stored back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, func, or_, update
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.common import chunks, id_page
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
    statement = id_page(
        select(ListingRow).where(_without_facts(version)),
        col(ListingRow.id),
        shard=shard,
        after=after_id,
        limit=limit,
    )
    with Session(engine) as session:
        return list(session.exec(statement))


def count_without_facts(engine: Engine, version: str) -> int:
    with Session(engine) as session:
        statement = select(func.count()).select_from(ListingRow).where(_without_facts(version))
        return session.exec(statement).one()


def save_facts(
    engine: Engine,
    facts_by_id: dict[int, tuple[str, dict[str, Any]]],
    version: str,
    words: Mapping[int, str] | None = None,
) -> None:
    """Store facts per listing id as (content_hash they came from, facts dict), and the
    description_words read from the same version (`words`; null where absent, so that no
    earlier version's stay), in one executemany UPDATE per chunk."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"))
        .values(
            facts=bindparam("b_facts"),
            facts_hash=bindparam("b_hash"),
            facts_version=version,
            description_words=bindparam("b_words"),
            group_pending=True,
        )
    )
    words = words or {}
    rows = [
        {"b_id": i, "b_facts": facts, "b_hash": content_hash, "b_words": words.get(i)}
        for i, (content_hash, facts) in facts_by_id.items()
    ]
    with Session(engine) as session, session.begin():
        for chunk in chunks(rows, 2000):
            session.execute(statement, list(chunk))


# --- description words, for listings whose facts were stored before them --------------


def _facts_current(version: str) -> Any:
    """A listing's stored facts are of this extractor version, read from its current
    content."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    return and_(table.c.facts_hash == table.c.content_hash, table.c.facts_version == version)


def words_current(version: str) -> Any:
    """A listing's stored description_words are its current version's: stored with facts
    of this extractor version, read from the current content."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    return and_(table.c.description_words.is_not(None), _facts_current(version))


class Described(NamedTuple):
    id: int
    content_hash: str
    description: str


def _without_words(version: str) -> Any:
    table = ListingRow.__table__  # type: ignore[attr-defined]
    return and_(table.c.description_words.is_(None), _facts_current(version))


def count_without_words(engine: Engine, version: str) -> int:
    """Listings with current facts but no description_words (facts stored by a release
    before there were any)."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    statement = sa_select(func.count()).select_from(table).where(_without_words(version))
    with engine.connect() as connection:
        return int(connection.execute(statement).scalar_one())


def listings_without_words(
    engine: Engine,
    version: str,
    *,
    shard: tuple[int, int] = (0, 1),
    after_id: int = 0,
    limit: int | None = None,
) -> list[Described]:
    """Listings with current facts but no description_words, by id; `shard`, `after_id`
    and `limit` as for `listings_without_facts`."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    statement = id_page(
        sa_select(table.c.id, table.c.content_hash, table.c.description).where(
            _without_words(version)
        ),
        table.c.id,
        shard=shard,
        after=after_id,
        limit=limit,
    )
    with engine.connect() as connection:
        return [Described(*row) for row in connection.execute(statement)]


def save_words(engine: Engine, words_by_id: Mapping[int, tuple[str, str]]) -> None:
    """Store description_words per listing id as (content_hash they were read from, words);
    a listing whose content has changed since keeps none."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.content_hash == bindparam("b_hash"))
        .values(description_words=bindparam("b_words"))
    )
    rows = [
        {"b_id": i, "b_hash": content_hash, "b_words": words}
        for i, (content_hash, words) in words_by_id.items()
    ]
    with engine.begin() as connection:
        for chunk in chunks(rows, 2000):
            connection.execute(statement, list(chunk))
