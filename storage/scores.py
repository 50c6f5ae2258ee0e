"""Scores: the listings a profile has no current score for, the scores written back
in bulk (COPY on PostgreSQL, the driver's executemany on SQLite), and the best of them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy import JSON, String, and_, func, type_coerce
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from storage.common import as_datetime, as_json, chunks, id_page, upsert_statement
from storage.models import ListingRow, MatchRow


class ToScore(NamedTuple):
    id: int
    title: str
    description: str
    posted_at: datetime | None
    content_hash: str
    facts: dict[str, Any]


def _unscored(profile: str, profile_hash: str, matcher_version: str) -> Any:
    """Listings with facts but no current score for this profile and matcher version."""
    current = and_(
        col(MatchRow.listing_id) == col(ListingRow.id),
        col(MatchRow.profile) == profile,
        col(MatchRow.profile_hash) == profile_hash,
        col(MatchRow.content_hash) == col(ListingRow.content_hash),
        col(MatchRow.matcher_version) == matcher_version,
    )
    table = ListingRow.__table__  # type: ignore[attr-defined]
    return (
        sa_select(table)
        .outerjoin(MatchRow, current)
        .where(col(MatchRow.id).is_(None), table.c.facts.is_not(None))
    )


def count_to_score(engine: Engine, profile: str, profile_hash: str, matcher_version: str) -> int:
    statement = _unscored(profile, profile_hash, matcher_version)
    with engine.connect() as connection:
        count: int = connection.execute(
            statement.with_only_columns(func.count(), maintain_column_froms=True)
        ).scalar_one()
    return count


def listings_to_score(
    engine: Engine,
    profile: str,
    profile_hash: str,
    matcher_version: str,
    *,
    shard: tuple[int, int] = (0, 1),
    after: int = 0,
    limit: int | None = None,
) -> list[ToScore]:
    """Listings with facts but no current score for this profile and matcher version: only
    the columns scoring reads, in id order. `shard=(k, n)`: only the k-th of n disjoint
    parts (by id); `after`, `limit`: a page of them, those with an id above `after`."""
    table = ListingRow.__table__  # type: ignore[attr-defined]
    statement = _unscored(profile, profile_hash, matcher_version).with_only_columns(
        table.c.id,
        table.c.title,
        table.c.description,
        # Raw values, decoded below: SQLAlchemy's per-row result processing (a regex per
        # SQLite datetime) costs more than the query itself at 100k rows.
        type_coerce(table.c.posted_at, String),
        table.c.content_hash,
        type_coerce(table.c.facts, String),
        maintain_column_froms=True,
    )
    statement = id_page(statement, table.c.id, shard=shard, after=after, limit=limit)
    with engine.connect() as connection:
        return [
            ToScore(id, title, text, as_datetime(posted), content_hash, as_json(facts))
            for id, title, text, posted, content_hash, facts in connection.execute(statement)
        ]


def pages_to_score(
    engine: Engine,
    profile: str,
    profile_hash: str,
    matcher_version: str,
    *,
    shard: tuple[int, int] = (0, 1),
    page: int = 5000,
) -> Iterator[list[ToScore]]:
    """`listings_to_score` a page at a time (by id), so that 100k descriptions are never
    held at once; a page scored and stored in between is not read again."""
    after = 0
    while rows := listings_to_score(
        engine, profile, profile_hash, matcher_version, shard=shard, after=after, limit=page
    ):
        yield rows
        after = rows[-1].id


def save_matches(engine: Engine, rows: Sequence[dict[str, Any]]) -> None:
    """Upsert scores by (listing_id, profile)."""
    if not rows:
        return
    table = MatchRow.__table__  # type: ignore[attr-defined]
    refreshed = ("profile_hash", "content_hash", "matcher_version", "score", "reasons",
                 "components", "scored_at")  # fmt: skip
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            _copy_upsert(connection, table, ("listing_id", "profile"), refreshed, rows)
            return
        statement = upsert_statement("sqlite", table, ("listing_id", "profile"), refreshed)
        _driver_executemany(connection, table, statement, rows)


def _copy_upsert(
    connection: Connection,
    table: Any,
    keys: Sequence[str],
    refreshed: Sequence[str],
    rows: Sequence[dict[str, Any]],
) -> None:
    """PostgreSQL: COPY the rows into a temporary table, then one INSERT … SELECT … ON
    CONFLICT. Row-by-row upserts cost the server several times more at 100k rows."""
    columns = list(rows[0])
    as_json = {c for c in columns if isinstance(table.c[c].type, JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in refreshed)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(
            f'CREATE TEMPORARY TABLE _staged ON COMMIT DROP AS SELECT {names} FROM "{table.name}"'
            " WITH NO DATA"
        )
        with cursor.copy(f"COPY _staged ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_json_text(row[c]) if c in as_json else row[c] for c in columns])
        cursor.execute(
            f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM _staged'
            f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {updates}"
        )
        cursor.execute("DROP TABLE _staged")  # several saves may share one transaction
    finally:
        cursor.close()


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def _driver_executemany(
    connection: Connection, table: Any, statement: Any, rows: Sequence[dict[str, Any]]
) -> None:
    """Run one statement for many rows through the driver's own executemany: compiled once,
    each value converted by its column type's bind processor, and nothing else per row.
    SQLAlchemy's per-row parameter handling costs as much as the database's work at 100k rows."""
    keys = list(rows[0])
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect, column_keys=keys)
    order = list(compiled.positiontup or keys)
    convert = [table.c[key].type.dialect_impl(dialect).bind_processor(dialect) for key in order]
    processed = [(i, _converting_once(c)) for i, c in enumerate(convert) if c is not None]
    for chunk in chunks(rows, 5000):
        params: list[Any] = []
        for row in chunk:
            values = [row[key] for key in order]
            for i, processor in processed:
                values[i] = processor(values[i])
            params.append(
                tuple(values) if compiled.positional else dict(zip(order, values, strict=True))
            )
        connection.exec_driver_sql(compiled.string, params)


def _converting_once(processor: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A batch often holds one value for a whole column (scored_at): convert it once. By
    identity, so equal but distinct values (each row's own dict) are still each converted."""
    last_in: Any = object()
    last_out: Any = None

    def convert(value: Any) -> Any:
        nonlocal last_in, last_out
        if value is not last_in:
            last_in, last_out = value, processor(value)
        return last_out

    return convert


def top_matches(
    engine: Engine,
    profile: str,
    *,
    limit: int | None = 20,
    min_score: float = 0.0,
    seen_since: datetime | None = None,
    include_zero: bool = False,
) -> list[tuple[ListingRow, MatchRow]]:
    """Best open listings for a profile: highest score first, ties by newest then id."""
    with Session(engine) as session:
        statement = (
            select(ListingRow, MatchRow)
            .join(MatchRow, col(MatchRow.listing_id) == ListingRow.id)
            .where(MatchRow.profile == profile, col(ListingRow.closed_at).is_(None))
            .where(MatchRow.score >= min_score)
        )
        if not include_zero:
            statement = statement.where(MatchRow.score > 0)
        if seen_since is not None:
            statement = statement.where(col(ListingRow.first_seen) >= seen_since)
        statement = statement.order_by(
            col(MatchRow.score).desc(), col(ListingRow.first_seen).desc(), col(ListingRow.id)
        )
        if limit is not None:
            statement = statement.limit(limit)
        return [(listing, match) for listing, match in session.exec(statement)]
