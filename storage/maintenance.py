"""Whole-store reads and upkeep: counts and stats, every listing for export, pruning
closed listings, forgetting one, and letting SQLite refresh its planner statistics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from storage.common import chunks
from storage.models import ListingChange, ListingRow, MatchRow, StatusRow


def count_listings(engine: Engine, source: str | None = None) -> int:
    with Session(engine) as session:
        statement = select(func.count()).select_from(ListingRow)
        if source:
            statement = statement.where(ListingRow.source == source)
        return session.exec(statement).one()


def iter_listings(engine: Engine, *, batch: int = 1000) -> Iterator[ListingRow]:
    """Every stored listing in id order, read in batches so memory stays flat."""
    last_id = 0
    while True:
        with Session(engine) as session:
            rows = list(
                session.exec(
                    select(ListingRow)
                    .where(col(ListingRow.id) > last_id)
                    .order_by(col(ListingRow.id))
                    .limit(batch)
                )
            )
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id or last_id


@dataclass(frozen=True, slots=True)
class Stats:
    open: int
    closed: int
    by_source: list[tuple[str, int, int]]  # source, open, closed
    scores: list[tuple[str, int]]  # profile, scored listings
    groups: int


def stats(engine: Engine) -> Stats:
    with Session(engine) as session:
        is_closed = col(ListingRow.closed_at).is_not(None)
        per_source: dict[str, list[int]] = {}
        rows = session.exec(
            select(ListingRow.source, is_closed, func.count()).group_by(
                ListingRow.source, is_closed
            )
        )
        for source, closed, count in rows:
            per_source.setdefault(source, [0, 0])[1 if closed else 0] += count
        scores = session.exec(
            select(MatchRow.profile, func.count())
            .group_by(MatchRow.profile)
            .order_by(MatchRow.profile)
        ).all()
        groups = session.exec(
            select(func.count(func.distinct(ListingRow.group_id))).where(
                col(ListingRow.group_id).is_not(None)
            )
        ).one()
    by_source = sorted((s, o, c) for s, (o, c) in per_source.items())
    return Stats(
        open=sum(o for _, o, _ in by_source),
        closed=sum(c for _, _, c in by_source),
        by_source=by_source,
        scores=[(p, n) for p, n in scores],
        groups=groups,
    )


def prune_closed(engine: Engine, before: datetime) -> int:
    """Delete listings closed before `before`; scores, statuses and history go with them."""
    with Session(engine) as session, session.begin():
        ids = list(
            session.exec(
                select(ListingRow.id).where(
                    col(ListingRow.closed_at).is_not(None), col(ListingRow.closed_at) < before
                )
            )
        )
        for chunk in chunks(ids):
            # Explicit deletes: SQLite enforces ON DELETE CASCADE only with foreign_keys on.
            session.execute(delete(MatchRow).where(col(MatchRow.listing_id).in_(chunk)))
            session.execute(delete(ListingChange).where(col(ListingChange.listing_id).in_(chunk)))
            session.execute(delete(StatusRow).where(col(StatusRow.listing_id).in_(chunk)))
            session.execute(delete(ListingRow).where(col(ListingRow.id).in_(chunk)))
        return len(ids)


def forget_listing(engine: Engine, listing_id: int) -> bool:
    """Delete one listing with its scores, status and history (they cascade); False when
    there is no such listing. A board that still lists it brings it back as new."""
    with Session(engine) as session, session.begin():
        row = session.get(ListingRow, listing_id)
        if row is None:
            return False
        for model in (MatchRow, StatusRow, ListingChange):
            session.execute(delete(model).where(col(model.listing_id) == listing_id))
        session.delete(row)
        return True


def source_names(engine: Engine) -> frozenset[str]:
    """Every source a stored listing came from."""
    with Session(engine) as session:
        return frozenset(session.exec(select(ListingRow.source).distinct()))


def open_listings_per_source(engine: Engine) -> dict[str, int]:
    """How many open listings each source has stored."""
    with Session(engine) as session:
        rows = session.exec(
            select(ListingRow.source, func.count())
            .where(col(ListingRow.closed_at).is_(None))
            .group_by(ListingRow.source)
        )
        return {source: int(count) for source, count in rows}


def optimize(engine: Engine) -> None:
    """Let SQLite refresh its planner statistics after a night's writes (cheap when
    nothing changed); without them it can pick a full scan over an index."""
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA optimize")
