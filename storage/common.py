"""Small helpers the query modules share: the time in UTC, raw column values decoded
the same on SQLite and PostgreSQL, chunked statements and the one upsert statement."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy.dialects import postgresql, sqlite

_CHUNK = 500  # rows per statement: stays under SQLite's bound-parameter limit


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything is stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def as_datetime(value: str | datetime | None) -> datetime | None:
    """SQLite hands back the stored text, PostgreSQL a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def as_json(value: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """SQLite hands back the stored text; a driver that decodes JSON itself, the value."""
    if isinstance(value, str | bytes):
        decoded: dict[str, Any] = orjson.loads(value)
        return decoded
    return value


def upsert_statement(
    dialect: str, table: Any, keys: Sequence[str], refreshed: Sequence[str]
) -> Any:
    """INSERT … ON CONFLICT (keys) DO UPDATE: one statement, compiled once, run with many
    parameter sets (executemany), on SQLite and PostgreSQL alike."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=list(keys), set_={name: statement.excluded[name] for name in refreshed}
    )


def id_page(
    statement: Any, id_column: Any, *, shard: tuple[int, int], after: int, limit: int | None
) -> Any:
    """`statement` narrowed to a page by id: the k-th of n disjoint parts (`shard=(k, n)`),
    ids above `after`, in id order, at most `limit` rows. A large batch is read so, a page
    at a time, and split among workers by shard."""
    k, n = shard
    if n > 1:
        statement = statement.where(id_column % n == k)
    statement = statement.where(id_column > after).order_by(id_column)
    return statement.limit(limit) if limit is not None else statement


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
