"""The writes and reads the pipeline and CLI need. Each write is one transaction."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any, NamedTuple

import orjson
from sqlalchemy import JSON, String, and_, bindparam, delete, func, or_, type_coerce, update
from sqlalchemy import select as sa_select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col, select

from scraper.listing import Listing
from storage.models import (
    DigestSent,
    FetchRun,
    HttpValidator,
    ListingChange,
    ListingRow,
    MatchRow,
    StatusRow,
)

_CHUNK = 500  # rows per statement: stays under SQLite's bound-parameter limit


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    held: int = 0  # closures held back: the board shrank suddenly (see `sudden_drop`)


def _upsert_statement(
    dialect: str, table: Any, keys: Sequence[str], refreshed: Sequence[str]
) -> Any:
    """INSERT … ON CONFLICT (keys) DO UPDATE: one statement, compiled once, run with many
    parameter sets (executemany), on SQLite and PostgreSQL alike."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=list(keys), set_={name: statement.excluded[name] for name in refreshed}
    )


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _listing_values(item: Listing, now: datetime) -> dict[str, Any]:
    return {
        "source": item.source,
        "external_id": item.external_id,
        "url": item.url,
        "title": item.title,
        "company": item.company,
        "location": item.location,
        "remote": item.remote,
        "description": item.description,
        "description_html": item.description_html,
        "salary_text": item.salary_text,
        "salary": asdict(item.salary) if item.salary else None,
        "employment_type": item.employment_type,
        "tags": list(item.tags),
        "posted_at": item.posted_at,
        "first_seen": now,
        "last_seen": now,
        "closed_at": None,
        "content_hash": item.content_hash(),
    }


# Columns a refetch refreshes; first_seen and extracted facts are kept.
_REFRESHED = (
    "url", "title", "company", "location", "remote", "description", "description_html",
    "salary_text", "salary", "employment_type", "tags", "posted_at", "last_seen",
    "closed_at", "content_hash",
)  # fmt: skip


def upsert_listings(
    engine: Engine,
    listings: Sequence[Listing],
    *,
    now: datetime | None = None,
    close_missing_from: str | None = None,
) -> UpsertCounts:
    """Insert or refresh listings by (source, external_id), all in one transaction.

    Idempotent: the same listing twice is stored once, with `last_seen` moved on; a
    closed listing that reappears reopens. `close_missing_from` names a source whose
    fetch was complete and successful: its open listings absent from this batch close.
    """
    with Session(engine) as session, session.begin():
        return _upsert(session, listings, now or utcnow(), close_missing_from)


# A board that had at least this many open listings and now shows none, or lost more than
# half of them at once, is more likely broken (a renamed token, an empty error page) than
# emptied: its closures wait for a second such fetch in a row.
SUDDEN_DROP_FROM = 5


def sudden_drop(open_before: int, gone: int) -> bool:
    """Whether losing `gone` of `open_before` open listings in one fetch looks like a fault."""
    return open_before >= SUDDEN_DROP_FROM and (gone == open_before or gone * 2 > open_before)


def record_fetch(
    engine: Engine,
    source: str,
    listings: Sequence[Listing],
    *,
    complete: bool,
    validators: Mapping[str, tuple[str | None, str | None]],
    still_listed: Collection[str] = (),
    now: datetime | None = None,
) -> UpsertCounts:
    """A source's fetched listings and the validators of the pages they came from, stored
    together: a validator is never kept for a page whose listings were not.

    `still_listed`: external ids the board still lists but whose content was not re-read;
    they stay open (last_seen moves on) and keep their stored content.
    """
    now = now or utcnow()
    with Session(engine) as session, session.begin():
        touched = _touch(session, source, still_listed, now)
        present = {item.external_id for item in listings} | set(still_listed)
        held = 0
        closing = complete
        if complete:
            open_before, gone = _open_and_gone(session, source, present)
            if gone and sudden_drop(open_before, gone) and not _held_last_time(session, source):
                held, closing = gone, False
        counts = _upsert(session, listings, now, source if closing else None, still_listed)
        if touched or held:
            counts = replace(
                counts,
                fetched=counts.fetched + touched,
                unchanged=counts.unchanged + touched,
                held=held,
            )
        if validators:  # one upsert for all of them: a board of detail pages has hundreds
            table = HttpValidator.__table__  # type: ignore[attr-defined]
            insert = (
                postgresql.insert
                if session.get_bind().dialect.name == "postgresql"
                else sqlite.insert
            )
            statement = insert(table)
            statement = statement.on_conflict_do_update(
                index_elements=["source", "url"],
                set_={
                    "etag": statement.excluded.etag,
                    "last_modified": statement.excluded.last_modified,
                },
                # The same validators again (a page fetched without asking): nothing written.
                where=or_(
                    table.c.etag.is_distinct_from(statement.excluded.etag),
                    table.c.last_modified.is_distinct_from(statement.excluded.last_modified),
                ),
            )
            session.execute(
                statement,
                [
                    {"source": source, "url": url, "etag": etag, "last_modified": modified}
                    for url, (etag, modified) in validators.items()
                ],
            )
        return counts


def open_external_ids(engine: Engine, source: str) -> frozenset[str]:
    """The external ids of `source`'s open listings."""
    with Session(engine) as session:
        rows = session.exec(
            select(ListingRow.external_id).where(
                ListingRow.source == source, col(ListingRow.closed_at).is_(None)
            )
        )
        return frozenset(rows)


def load_validators(engine: Engine, source: str) -> dict[str, tuple[str | None, str | None]]:
    with Session(engine) as session:
        rows = session.exec(select(HttpValidator).where(HttpValidator.source == source))
        return {row.url: (row.etag, row.last_modified) for row in rows}


def touch_open_listings(engine: Engine, source: str, *, now: datetime | None = None) -> int:
    """The board answered 'not modified': every open listing of it is still there."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(ListingRow)
            .where(col(ListingRow.source) == source, col(ListingRow.closed_at).is_(None))
            .values(last_seen=now or utcnow())
        )
        return int(getattr(result, "rowcount", 0) or 0)


def last_successful_fetch(engine: Engine, source: str) -> datetime | None:
    with Session(engine) as session:
        statement = select(func.max(FetchRun.finished)).where(
            FetchRun.source == source, FetchRun.status == "ok"
        )
        return as_utc(session.exec(statement).one())


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything is stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _upsert(
    session: Session,
    listings: Sequence[Listing],
    now: datetime,
    close_missing_from: str | None,
    still_listed: Collection[str] = (),
) -> UpsertCounts:
    latest: dict[tuple[str, str], Listing] = {}
    for item in listings:  # a board listing a job twice: the last copy wins
        latest[(item.source, item.external_id)] = item
    closed = 0
    if close_missing_from is not None:
        present = set(latest) | {(close_missing_from, ext) for ext in still_listed}
        closed = _close_missing(session, close_missing_from, present, now)
    if not latest:
        return UpsertCounts(closed=closed)
    values = [_listing_values(item, now) for item in latest.values()]
    known = _known_hashes(session, list(latest))
    new = 0
    changed: dict[int, dict[str, Any]] = {}
    same: list[int] = []  # stored exactly as fetched: only last_seen (and a reopening) to write
    written = []
    for value in values:
        old = known.get((value["source"], value["external_id"]))
        if old is None:
            new += 1
        elif old[1] != value["content_hash"]:
            changed[old[0]] = value
        elif old[2] == value["description_html"]:  # the markup is not in the hash
            same.append(old[0])
            continue
        written.append(value)
    _record_changes(session, changed, now)
    updated = len(changed)
    table = ListingRow.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    statement = _upsert_statement(dialect, table, ("source", "external_id"), _REFRESHED)
    for chunk in chunks(written, 2000):
        session.execute(statement, list(chunk))
    # A board that is not fetched conditionally (paged APIs) sends its unchanged listings
    # every night: they are touched, not rewritten (no description copied into the WAL).
    for ids in chunks(same):
        session.execute(
            update(ListingRow)
            .where(col(ListingRow.id).in_(ids))
            .values(last_seen=now, closed_at=None)
        )
    return UpsertCounts(len(values), new, updated, len(values) - new - updated, closed)


def _touch(session: Session, source: str, external_ids: Collection[str], now: datetime) -> int:
    touched = 0
    for chunk in chunks(list(external_ids)):
        result = session.execute(
            update(ListingRow)
            .where(
                ListingRow.source == source,  # type: ignore[arg-type]
                col(ListingRow.external_id).in_(chunk),
                col(ListingRow.closed_at).is_(None),
            )
            .values(last_seen=now)
        )
        touched += int(getattr(result, "rowcount", 0) or 0)
    return touched


def _open_and_gone(session: Session, source: str, present: set[str]) -> tuple[int, int]:
    """How many listings of `source` are open, and how many of those `present` lacks."""
    open_ids = session.exec(
        select(ListingRow.external_id).where(
            ListingRow.source == source, col(ListingRow.closed_at).is_(None)
        )
    ).all()
    return len(open_ids), sum(1 for external_id in open_ids if external_id not in present)


def _held_last_time(session: Session, source: str) -> bool:
    """Whether this source's last finished fetch held its closures back."""
    last = session.exec(
        select(FetchRun.held)
        .where(FetchRun.source == source, FetchRun.status == "ok")
        .order_by(col(FetchRun.finished).desc())
        .limit(1)
    ).first()
    return bool(last)


def _close_missing(
    session: Session, source: str, present: set[tuple[str, str]], now: datetime
) -> int:
    open_rows = session.exec(
        select(ListingRow.id, ListingRow.external_id).where(
            ListingRow.source == source, col(ListingRow.closed_at).is_(None)
        )
    )
    gone = [row_id for row_id, external_id in open_rows if (source, external_id) not in present]
    for chunk in chunks(gone):
        session.execute(
            update(ListingRow).where(col(ListingRow.id).in_(chunk)).values(closed_at=now)
        )
    return len(gone)


# What `show` reports as a listing's history; description changes are noted, not copied.
_TRACKED = ("title", "location", "salary_text", "salary", "description")


def _record_changes(session: Session, changed: Mapping[int, dict[str, Any]], now: datetime) -> None:
    """A ListingChange per tracked field that differs between the stored and new version."""
    ids = list(changed)
    for chunk in chunks(ids):
        rows = session.exec(select(ListingRow).where(col(ListingRow.id).in_(chunk)))
        for row in rows:
            assert row.id is not None
            value = changed[row.id]
            for name in _TRACKED:
                before, after = getattr(row, name), value[name]
                if before == after:
                    continue
                if name == "description":
                    before = after = None
                session.add(
                    ListingChange(
                        listing_id=row.id,
                        changed_at=now,
                        field=name,
                        old=_as_text(before),
                        new=_as_text(after),
                    )
                )


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


def _known_hashes(
    session: Session, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, str, str]]:
    """(source, external_id) → (listing id, content hash, description_html) for listings
    already stored."""
    known: dict[tuple[str, str], tuple[int, str, str]] = {}
    by_source: dict[str, list[str]] = {}
    for source, external_id in keys:
        by_source.setdefault(source, []).append(external_id)
    for source, ids in by_source.items():
        for chunk in chunks(ids):
            rows = session.exec(
                select(
                    ListingRow.id,
                    ListingRow.external_id,
                    ListingRow.content_hash,
                    ListingRow.description_html,
                ).where(ListingRow.source == source, col(ListingRow.external_id).in_(chunk))
            )
            known.update(
                {(source, ext): (row_id, h, markup) for row_id, ext, h, markup in rows if row_id}
            )
    return known


def start_run(engine: Engine, source: str, *, now: datetime | None = None) -> int:
    with Session(engine) as session, session.begin():
        run = FetchRun(source=source, started=now or utcnow())
        session.add(run)
        session.flush()
        assert run.id is not None
        return run.id


def interrupt_runs(engine: Engine, run_ids: Sequence[int], why: str) -> int:
    """Close `run_ids` that are still running as interrupted (Ctrl-C, SIGTERM)."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(FetchRun)
            .where(col(FetchRun.id).in_(list(run_ids)), col(FetchRun.status) == "running")
            .values(status="interrupted", finished=utcnow(), error=why)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def close_abandoned_runs(engine: Engine) -> int:
    """Runs a dead process left `running` (killed, machine off): closed as interrupted.
    Only called under the run lock, so no live run can be among them."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(FetchRun)
            .where(col(FetchRun.status) == "running")
            .values(
                status="interrupted",
                finished=utcnow(),
                error="the process running it ended before it finished",
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)


def finish_run(
    engine: Engine, run_id: int, *, counts: UpsertCounts | None = None, error: str | None = None
) -> None:
    with Session(engine) as session, session.begin():
        run = session.get(FetchRun, run_id)
        if run is None:
            return
        run.finished = utcnow()
        run.status = "failed" if error else "ok"
        run.error = error
        if counts:
            run.fetched, run.new = counts.fetched, counts.new
            run.updated, run.unchanged = counts.updated, counts.unchanged
            run.closed, run.held = counts.closed, counts.held


def _without_facts(version: str) -> Any:
    return or_(
        col(ListingRow.facts_hash).is_(None),
        col(ListingRow.facts_hash) != col(ListingRow.content_hash),
        col(ListingRow.facts_version).is_(None),
        col(ListingRow.facts_version) != version,
    )


def listings_without_facts(
    engine: Engine, version: str, *, shard: tuple[int, int] = (0, 1)
) -> list[ListingRow]:
    """Listings whose current version has no facts from this extractor version yet.
    `shard=(k, n)`: only the k-th of n disjoint parts (by id)."""
    statement = select(ListingRow).where(_without_facts(version))
    k, n = shard
    if n > 1:
        statement = statement.where(col(ListingRow.id) % n == k)
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
) -> list[ToScore]:
    """Listings with facts but no current score for this profile and matcher version: only
    the columns scoring reads. `shard=(k, n)`: only the k-th of n disjoint parts (by id)."""
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
    k, n = shard
    if n > 1:
        statement = statement.where(table.c.id % n == k)
    with engine.connect() as connection:
        return [
            ToScore(id, title, text, as_datetime(posted), content_hash, as_json(facts))
            for id, title, text, posted, content_hash, facts in connection.execute(statement)
        ]


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
        statement = _upsert_statement("sqlite", table, ("listing_id", "profile"), refreshed)
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


def count_listings(engine: Engine, source: str | None = None) -> int:
    with Session(engine) as session:
        statement = select(func.count()).select_from(ListingRow)
        if source:
            statement = statement.where(ListingRow.source == source)
        return session.exec(statement).one()


def recent_runs(engine: Engine, limit: int = 20) -> list[FetchRun]:
    with Session(engine) as session:
        statement = select(FetchRun).order_by(col(FetchRun.id).desc()).limit(limit)
        return list(session.exec(statement))


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


def latest_round_start(engine: Engine) -> datetime | None:
    """When the last fetch round began: every listing it found was first seen after it."""
    with Session(engine) as session:
        return as_utc(session.exec(select(func.max(FetchRun.started))).one())


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


def sent_listing_ids(engine: Engine, profile: str) -> frozenset[int]:
    """Listings the digest has already delivered to `profile`."""
    with Session(engine) as session:
        rows = session.exec(select(DigestSent.listing_id).where(DigestSent.profile == profile))
        return frozenset(rows)


def record_sent(engine: Engine, profile: str, listing_ids: Sequence[int]) -> None:
    with Session(engine) as session, session.begin():
        now = utcnow()
        known = set(
            session.exec(select(DigestSent.listing_id).where(DigestSent.profile == profile))
        )
        for listing_id in set(listing_ids) - known:
            session.add(DigestSent(profile=profile, listing_id=listing_id, sent_at=now))


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


def last_run_per_source(engine: Engine) -> list[FetchRun]:
    with Session(engine) as session:
        latest = (
            select(FetchRun.source, func.max(FetchRun.id).label("last_id"))
            .group_by(FetchRun.source)
            .subquery()
        )
        statement = select(FetchRun).join(latest, col(FetchRun.id) == latest.c.last_id)
        return list(session.exec(statement))


def optimize(engine: Engine) -> None:
    """Let SQLite refresh its planner statistics after a night's writes (cheap when
    nothing changed); without them it can pick a full scan over an index."""
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA optimize")
