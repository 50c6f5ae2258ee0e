"""Storage on a real database: idempotent bulk upserts, runs, scores, queries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from scraper.listing import Listing, Salary
from storage import queries
from storage.models import FetchRun, ListingRow

T0 = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)


def listing(external_id: str, **changes: object) -> Listing:
    base = Listing(
        source="greenhouse:acme",
        external_id=external_id,
        url=f"https://job-boards.greenhouse.io/acme/jobs/{external_id}",
        title="Technical Project Manager",
        company="Acme",
        location="Bengaluru, India",
        description="Lead delivery.",
        salary=Salary(min=2_800_000, max=3_800_000, currency="INR", period="year"),
        posted_at=T0 - timedelta(days=2),
        tags=("Engineering",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def rows(engine: Engine) -> list[ListingRow]:
    with Session(engine) as session:
        return list(session.exec(select(ListingRow).order_by(ListingRow.external_id)))


def as_utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


def test_first_upsert_inserts_every_listing(engine: Engine) -> None:
    counts = queries.upsert_listings(engine, [listing("1"), listing("2")], now=T0)
    assert counts == queries.UpsertCounts(fetched=2, new=2, updated=0, unchanged=0)
    stored = rows(engine)
    assert [r.external_id for r in stored] == ["1", "2"]
    assert stored[0].salary == {
        "min": 2_800_000,
        "max": 3_800_000,
        "currency": "INR",
        "period": "year",
    }
    assert stored[0].tags == ["Engineering"]
    assert as_utc(stored[0].first_seen) == T0 == as_utc(stored[0].last_seen)


def test_same_listing_twice_is_stored_once_with_last_seen_moved_on(engine: Engine) -> None:
    queries.upsert_listings(engine, [listing("1")], now=T0)
    later = T0 + timedelta(days=1)
    counts = queries.upsert_listings(engine, [listing("1")], now=later)
    assert counts == queries.UpsertCounts(fetched=1, new=0, updated=0, unchanged=1)
    (row,) = rows(engine)
    assert as_utc(row.first_seen) == T0
    assert as_utc(row.last_seen) == later


def test_changed_content_updates_the_row_and_its_hash(engine: Engine) -> None:
    queries.upsert_listings(engine, [listing("1")], now=T0)
    (before,) = rows(engine)
    counts = queries.upsert_listings(engine, [listing("1", title="Senior TPM")], now=T0)
    assert counts.updated == 1 and counts.new == 0
    (after,) = rows(engine)
    assert after.title == "Senior TPM"
    assert after.content_hash != before.content_hash
    assert after.id == before.id


def test_duplicate_ids_within_one_batch_are_stored_once(engine: Engine) -> None:
    counts = queries.upsert_listings(
        engine, [listing("1"), listing("1", title="Later copy")], now=T0
    )
    assert counts.fetched == 1
    assert [r.title for r in rows(engine)] == ["Later copy"]


def test_same_external_id_on_two_sources_is_two_listings(engine: Engine) -> None:
    queries.upsert_listings(engine, [listing("1"), listing("1", source="lever:acme")], now=T0)
    assert sorted(r.source for r in rows(engine)) == ["greenhouse:acme", "lever:acme"]


def test_bulk_upsert_beyond_one_statement_chunk(engine: Engine) -> None:
    batch = [listing(str(i)) for i in range(1234)]
    assert queries.upsert_listings(engine, batch, now=T0).new == 1234
    assert queries.upsert_listings(engine, batch, now=T0).unchanged == 1234
    assert queries.count_listings(engine) == 1234


def test_fetch_runs_record_counts_and_errors(engine: Engine) -> None:
    ok = queries.start_run(engine, "greenhouse:acme")
    queries.finish_run(engine, ok, counts=queries.UpsertCounts(3, 2, 1, 0))
    bad = queries.start_run(engine, "greenhouse:gone")
    queries.finish_run(engine, bad, error="HTTP 404")
    with Session(engine) as session:
        runs = {r.source: r for r in session.exec(select(FetchRun))}
    assert (runs["greenhouse:acme"].status, runs["greenhouse:acme"].new) == ("ok", 2)
    assert (runs["greenhouse:gone"].status, runs["greenhouse:gone"].error) == ("failed", "HTTP 404")
    assert runs["greenhouse:gone"].finished is not None


def _score(engine: Engine, listing_id: int, content_hash: str, score: float) -> dict[str, object]:
    return {
        "listing_id": listing_id, "profile": "p", "profile_hash": "h", "content_hash": content_hash,
        "matcher_version": "v", "score": score, "reasons": ["why"], "components": {}, "scored_at": T0,
    }  # fmt: skip


def test_scores_are_stored_per_version_and_rescored_only_when_changed(engine: Engine) -> None:
    queries.upsert_listings(engine, [listing("1"), listing("2")], now=T0)
    assert queries.listings_to_score(engine, "p", "h", "v") == []  # no facts yet
    facts = {
        r.id: (r.content_hash, {"role_variant": "x"})
        for r in queries.listings_without_facts(engine, "v")
    }
    queries.save_facts(engine, facts, "v")  # type: ignore[arg-type]
    assert queries.listings_without_facts(engine, "v") == []
    todo = queries.listings_to_score(engine, "p", "h", "v")
    assert len(todo) == 2
    queries.save_matches(
        engine, [_score(engine, r.id, r.content_hash, 50.0 + i) for i, r in enumerate(todo)]
    )  # type: ignore[arg-type]
    assert queries.listings_to_score(engine, "p", "h", "v") == []
    assert len(queries.listings_to_score(engine, "p", "h", "v2")) == 2  # new matcher version
    queries.upsert_listings(engine, [listing("2", title="Changed")], now=T0)
    assert [r.external_id for r in queries.listings_without_facts(engine, "v")] == ["2"]
    assert len(queries.listings_without_facts(engine, "v2")) == 2  # a new extractor rereads all
    top = queries.top_matches(engine, "p")
    assert [(row.external_id, m.score) for row, m in top] == [("2", 51.0), ("1", 50.0)]


def test_sqlite_runs_in_wal_mode_with_foreign_keys(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_complete_fetch_closes_vanished_listings_and_reopens_returning_ones(
    engine: Engine,
) -> None:
    queries.upsert_listings(engine, [listing("1"), listing("2")], now=T0)
    later = T0 + timedelta(days=1)
    counts = queries.upsert_listings(
        engine, [listing("1")], now=later, close_missing_from="greenhouse:acme"
    )
    assert counts.closed == 1
    closed = {r.external_id: as_utc(r.closed_at) for r in rows(engine)}
    assert closed == {"1": None, "2": later}
    queries.upsert_listings(engine, [listing("2")], now=later, close_missing_from=None)
    assert all(r.closed_at is None for r in rows(engine))


def test_a_partial_fetch_closes_nothing(engine: Engine) -> None:
    queries.upsert_listings(engine, [listing("1"), listing("2")], now=T0)
    counts = queries.upsert_listings(engine, [listing("1")], now=T0)
    assert counts.closed == 0
    assert all(r.closed_at is None for r in rows(engine))


def test_closing_touches_only_the_named_source(engine: Engine) -> None:
    queries.upsert_listings(engine, [listing("1"), listing("9", source="lever:acme")], now=T0)
    queries.upsert_listings(engine, [], now=T0, close_missing_from="greenhouse:acme")
    closed = {r.source: r.closed_at is not None for r in rows(engine)}
    assert closed == {"greenhouse:acme": True, "lever:acme": False}
