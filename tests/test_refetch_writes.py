"""A refetch of unchanged listings touches them (last_seen, a reopening) and rewrites
nothing else; a change, even one only in the kept HTML, is still stored."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from scraper.listing import Listing
from storage import queries
from storage.models import ListingRow

T0 = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)


def board(n: int = 3) -> list[Listing]:
    return [
        Listing(
            source="lever:acme",
            external_id=f"job-{k}",
            url=f"https://jobs.example/{k}",
            title=f"Technical Program Manager {k}",
            company="Acme",
            description=f"Run releases for team {k}.",
            description_html=f"<p>Run releases for team {k}.</p>",
        )
        for k in range(n)
    ]


@contextmanager
def listing_writes(engine: Engine) -> Iterator[list[str]]:
    """The INSERT and UPDATE statements sent for the listing table."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        words = " ".join(sql.split()[:3]).upper()
        if words.startswith(("INSERT INTO LISTING ", "UPDATE LISTING ")):
            seen.append(sql)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def rows(engine: Engine) -> dict[str, ListingRow]:
    with Session(engine) as session:
        return {row.external_id: row for row in session.exec(select(ListingRow))}


def as_utc(value: datetime | None) -> datetime | None:
    return queries.as_utc(value)


def test_an_unchanged_refetch_only_touches_last_seen_in_one_statement(engine: Engine) -> None:
    queries.record_fetch(engine, "lever:acme", board(), complete=True, validators={}, now=T0)
    before = rows(engine)
    later = T0 + timedelta(days=1)
    with listing_writes(engine) as writes:
        counts = queries.record_fetch(
            engine, "lever:acme", board(), complete=True, validators={}, now=later
        )
    assert (counts.fetched, counts.new, counts.updated, counts.unchanged) == (3, 0, 0, 3)
    assert len(writes) == 1 and writes[0].lstrip().upper().startswith("UPDATE LISTING SET")
    after = rows(engine)
    for key, row in after.items():
        assert as_utc(row.last_seen) == later
        assert as_utc(row.first_seen) == T0
        assert row.content_hash == before[key].content_hash
        assert row.description_html == before[key].description_html


def test_an_unchanged_listing_that_returns_reopens(engine: Engine) -> None:
    queries.record_fetch(engine, "lever:acme", board(), complete=True, validators={}, now=T0)
    day2, day3 = T0 + timedelta(days=1), T0 + timedelta(days=2)
    queries.record_fetch(engine, "lever:acme", board()[:2], complete=True, validators={}, now=day2)
    assert as_utc(rows(engine)["job-2"].closed_at) == day2
    counts = queries.record_fetch(
        engine, "lever:acme", board(), complete=True, validators={}, now=day3
    )
    assert (counts.new, counts.updated, counts.unchanged) == (0, 0, 3)
    reopened = rows(engine)["job-2"]
    assert reopened.closed_at is None
    assert as_utc(reopened.last_seen) == day3


def test_a_change_only_in_the_kept_html_is_still_stored(engine: Engine) -> None:
    queries.record_fetch(engine, "lever:acme", board(), complete=True, validators={}, now=T0)
    restyled = [
        replace(item, description_html=f"<div>{item.description}</div>") for item in board()
    ]
    assert all(a.content_hash() == b.content_hash() for a, b in zip(board(), restyled, strict=True))
    counts = queries.upsert_listings(engine, restyled, now=T0 + timedelta(days=1))
    assert counts.unchanged == 3  # what a reader sees did not change
    assert rows(engine)["job-1"].description_html == "<div>Run releases for team 1.</div>"


def test_a_changed_listing_is_rewritten_beside_touched_ones(engine: Engine) -> None:
    queries.record_fetch(engine, "lever:acme", board(), complete=True, validators={}, now=T0)
    fetched = board()
    fetched[0] = replace(fetched[0], title="Senior Technical Program Manager 0")
    counts = queries.record_fetch(
        engine, "lever:acme", fetched, complete=True, validators={}, now=T0 + timedelta(days=1)
    )
    assert (counts.new, counts.updated, counts.unchanged) == (0, 1, 2)
    stored = rows(engine)
    assert stored["job-0"].title == "Senior Technical Program Manager 0"
    assert stored["job-0"].content_hash == fetched[0].content_hash()
    assert all(as_utc(r.last_seen) == T0 + timedelta(days=1) for r in stored.values())


def test_validators_are_stored_once_and_replaced_when_they_change(engine: Engine) -> None:
    def stored() -> dict[str, tuple[str | None, str | None]]:
        return queries.load_validators(engine, "lever:acme")

    url = "https://api.lever.co/v0/postings/acme?skip=0"
    for etag in ('"v1"', '"v1"', '"v2"'):
        queries.record_fetch(
            engine, "lever:acme", board(), complete=True, validators={url: (etag, None)}
        )
        assert stored() == {url: (etag, None)}
    queries.record_fetch(
        engine, "lever:acme", board(), complete=True, validators={url: (None, "Mon, 7 Dec")}
    )
    assert stored() == {url: (None, "Mon, 7 Dec")}
