"""Scoring in forked shards: the same stored scores as one process, on both databases;
a failing or dying child's shard is redone in the parent."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from jobmatch import pipeline
from jobmatch.config import MatcherSection
from jobmatch.parallel import run_sharded
from matcher.profile import MinSalary, Profile
from scraper.listing import Listing, Salary
from storage import queries
from storage.engine import is_shared, open_engine, sqlite_url

NOW = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
TITLES = ["Technical Project Manager", "Scrum Master", "Construction Project Manager",
          "Senior Technical Program Manager", "DevOps Engineer", "IT Project Manager"]  # fmt: skip
PLACES = ["Bengaluru, India", "Pune, India", "Remote", "London, UK", "Hyderabad, India"]
DESCRIPTIONS = [
    "Lead delivery across teams. PMP required, CSM a plus. 8+ years. Jira, AWS, Scrum.",
    "Run sprints and remove blockers. Kanban, Confluence. Night shift allowance applies.",
    "Oversee site work and subcontractors for a bridge project. 10+ years in construction.",
    "Own release planning and risk management for a cloud migration. Hybrid, 3 days a week.",
]
PROFILE = Profile(
    name="priya",
    target_roles=("Technical Project Manager", "Technical Program Manager"),
    years_experience=8,
    certifications=("PMP",),
    skills=("Jira", "AWS", "risk management"),
    methodologies=("Scrum", "Kanban"),
    locations=("Bengaluru",),
    remote_ok=True,
    min_salary=MinSalary(amount=2_500_000, currency="INR", period="year"),
    exclude_keywords=("night shift",),
)


def listings(n: int) -> list[Listing]:
    return [
        Listing(
            source="greenhouse:acme",
            external_id=str(i),
            url=f"https://job-boards.greenhouse.io/acme/jobs/{i}",
            title=TITLES[i % len(TITLES)],
            company="Acme",
            location=PLACES[i % len(PLACES)],
            description=DESCRIPTIONS[i % len(DESCRIPTIONS)],
            salary=Salary(min=1_800_000 + 10_000 * i, max=3_000_000, currency="INR", period="year")
            if i % 3
            else None,
            posted_at=NOW - timedelta(days=i % 40),
        )
        for i in range(n)
    ]


def stored_scores(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text(
                    "SELECT listing_id, profile, profile_hash, content_hash, matcher_version,"
                    " score, reasons, components FROM match ORDER BY listing_id"
                )
            )
        ]


def score(engine: Engine, workers: int) -> int:
    matcher = MatcherSection()
    return pipeline.score_profile(
        engine,
        PROFILE,
        weights=matcher.weights,
        rates_to_usd=matcher.rates_to_usd,
        now=NOW,
        workers=workers,
    )


def test_sharded_scoring_stores_what_one_process_stores(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10)  # shard even a small test batch
    monkeypatch.setattr(pipeline, "SAVE_EVERY", 7)  # several writes per shard
    queries.upsert_listings(engine, listings(60), now=NOW)
    pipeline.extract_new_facts(engine)

    assert score(engine, workers=1) == 60
    alone = stored_scores(engine)
    assert len(alone) == 60 and len({row[5] for row in alone}) > 3  # varied scores

    with engine.begin() as connection:
        connection.execute(text("DELETE FROM match"))
    seen: list[int] = []
    matcher = MatcherSection()
    done = pipeline.score_profile(
        engine, PROFILE, weights=matcher.weights, rates_to_usd=matcher.rates_to_usd,
        now=NOW, workers=3, progress=seen.append,
    )  # fmt: skip
    assert done == 60
    assert stored_scores(engine) == alone
    assert sum(seen) == 60 and len(seen) > 1  # the parent's batches, then the children's
    assert score(engine, workers=3) == 0  # nothing left to score: nothing rescored


@pytest.fixture
def shard_counts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many shards each score_profile call asked for."""
    counts: list[int] = []
    real = pipeline.run_sharded

    def spy(task, shards, **kwargs):  # type: ignore[no-untyped-def]
        counts.append(shards)
        return real(task, shards, **kwargs)

    monkeypatch.setattr(pipeline, "run_sharded", spy)
    return counts


def test_few_listings_are_scored_in_one_process(engine: Engine, shard_counts: list[int]) -> None:
    queries.upsert_listings(engine, listings(12), now=NOW)
    pipeline.extract_new_facts(engine)
    shard_counts.clear()
    assert score(engine, workers=4) == 12
    assert shard_counts == [1]  # below PARALLEL_FROM a fork costs more than it saves


def test_shards_partition_the_listings_to_score(engine: Engine) -> None:
    queries.upsert_listings(engine, listings(25), now=NOW)
    pipeline.extract_new_facts(engine)
    every = queries.listings_to_score(engine, "p", "h", "v")
    parts = [queries.listings_to_score(engine, "p", "h", "v", shard=(k, 3)) for k in range(3)]
    assert sorted(r.id for part in parts for r in part) == sorted(r.id for r in every)
    assert all(len(part) >= 7 for part in parts)
    assert queries.count_to_score(engine, "p", "h", "v") == 25
    posted = {item.posted_at for item in listings(25)}
    for row in every:  # decoded from each backend's raw values
        assert isinstance(row.facts, dict) and row.facts["role_variant"]
        assert row.posted_at is not None and row.posted_at.replace(tzinfo=UTC) in posted


def test_pages_cover_a_shard_in_id_order_once(engine: Engine) -> None:
    queries.upsert_listings(engine, listings(25), now=NOW)
    pipeline.extract_new_facts(engine)
    whole = queries.listings_to_score(engine, "p", "h", "v", shard=(1, 2))
    pages = list(queries.pages_to_score(engine, "p", "h", "v", shard=(1, 2), page=4))
    assert [len(p) for p in pages] == [4, 4, 4, 1]  # 13 of 25 ids are odd
    assert [r.id for p in pages for r in p] == [r.id for r in whole]
    assert [r.id for r in whole] == sorted(r.id for r in whole)


def test_scoring_page_by_page_scores_each_listing_once(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries.upsert_listings(engine, listings(25), now=NOW)
    pipeline.extract_new_facts(engine)
    monkeypatch.setattr(pipeline, "SAVE_EVERY", 4)  # pages stored while later ones are read
    assert score(engine, workers=1) == 25
    assert score(engine, workers=1) == 0


def _square_unless(fail_in: int, how: str) -> object:
    parent = os.getpid()

    def task(k: int, n: int) -> tuple[int, int, bool]:
        if k == fail_in and os.getpid() != parent:
            if how == "raise":
                raise RuntimeError("boom")
            os._exit(3)  # as if killed
        return (k, n, os.getpid() == parent)

    return task


@pytest.mark.parametrize("how", ["raise", "die"])
def test_a_failed_child_shard_is_redone_in_the_parent(how: str) -> None:
    results = run_sharded(_square_unless(2, how), 3)  # type: ignore[arg-type]
    assert [(k, n) for k, n, _ in results] == [(0, 3), (1, 3), (2, 3)]
    assert [here for _, _, here in results] == [True, False, True]


def test_an_error_in_a_shard_is_raised_as_in_one_process() -> None:
    def task(k: int, n: int) -> int:
        if k == 1:
            raise ValueError(f"shard {k} of {n}: bad facts")
        return k

    with pytest.raises(ValueError, match="shard 1 of 2: bad facts"):
        run_sharded(task, 2)


def test_workers_default_to_the_cores_available() -> None:
    assert MatcherSection().worker_count() >= 1
    assert MatcherSection(workers=3).worker_count() == 3
    with pytest.raises(ValueError):
        MatcherSection(workers=-1)


def test_an_in_memory_database_is_scored_in_one_process(
    monkeypatch: pytest.MonkeyPatch, shard_counts: list[int]
) -> None:
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 5)
    engine = open_engine("sqlite://")  # a child process would open an empty database
    queries.upsert_listings(engine, listings(20), now=NOW)
    monkeypatch.setattr(pipeline, "EXTRACT_PARALLEL_FROM", 5)
    assert len(pipeline.extract_new_facts(engine, workers=4)) == 20
    assert score(engine, workers=4) == 20
    assert shard_counts == [1, 1]  # extraction and scoring alike
    assert not is_shared(engine)
    assert is_shared(open_engine(sqlite_url("jobs.db"), create=False))


def stored_facts(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT id, facts_hash, facts_version, facts FROM listing ORDER BY id")
        )
        return [tuple(row) for row in rows]


def test_sharded_extraction_stores_what_one_process_stores(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, shard_counts: list[int]
) -> None:
    queries.upsert_listings(engine, listings(40), now=NOW)
    alone = sorted(pipeline.extract_new_facts(engine, workers=1))
    assert len(alone) == 40
    expected = stored_facts(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE listing SET facts = NULL, facts_hash = NULL"))

    monkeypatch.setattr(pipeline, "EXTRACT_PARALLEL_FROM", 5)
    assert sorted(pipeline.extract_new_facts(engine, workers=3)) == alone
    assert stored_facts(engine) == expected
    assert shard_counts == [1, 3]
    assert pipeline.extract_new_facts(engine, workers=3) == []  # nothing left


def test_extraction_reads_and_stores_a_page_at_a_time(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries.upsert_listings(engine, listings(23), now=NOW)
    alone = sorted(pipeline.extract_new_facts(engine, workers=1))
    expected = stored_facts(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE listing SET facts = NULL, facts_hash = NULL"))
    pages: list[int] = []
    read = queries.listings_without_facts

    def paged(*args: Any, **kwargs: Any) -> list[Any]:
        rows = read(*args, **kwargs)
        pages.append(len(rows))
        return rows

    monkeypatch.setattr(queries, "listings_without_facts", paged)
    monkeypatch.setattr(pipeline, "EXTRACT_PAGE", 5)
    monkeypatch.setattr(pipeline, "EXTRACT_PARALLEL_FROM", 5)
    assert sorted(pipeline.extract_new_facts(engine, workers=1)) == alone
    assert pages == [5, 5, 5, 5, 3, 0]  # each page stored before the next is read
    assert stored_facts(engine) == expected
