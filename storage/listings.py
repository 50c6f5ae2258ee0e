"""Listings as fetched: the upsert of a source's batch, closing what a complete fetch
no longer shows (held back when a board shrinks suddenly), the history of changed fields,
and the HTTP validators of the pages they came from. Each write is one transaction."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from scraper.listing import Listing
from storage.common import chunks, upsert_statement, utcnow
from storage.models import FetchRun, HttpValidator, ListingChange, ListingRow


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0
    held: int = 0  # closures held back: the board shrank suddenly (see `sudden_drop`)


def listing_values(item: Listing, now: datetime) -> dict[str, Any]:
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
    values = [listing_values(item, now) for item in latest.values()]
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
    statement = upsert_statement(dialect, table, ("source", "external_id"), _REFRESHED)
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
