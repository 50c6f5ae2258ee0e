"""The nightly job: fetch → store → extract facts → score → stored matches.

One failing board never stops the night: its error is recorded on its FetchRun and
reported, and the exit code tells cron something needs attention.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy.engine import Engine

from matcher import MATCHER_VERSION
from matcher.context import scoring_context
from matcher.extract import extract_facts
from matcher.facts import Facts, SalaryRange
from matcher.profile import Profile
from matcher.score import score_listing
from scraper.base import FetchResult, Source, SourceConfig
from scraper.errors import SourceError
from scraper.http import HttpSettings, PoliteClient
from scraper.registry import build_source
from storage import queries
from storage.models import ListingRow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    name: str
    counts: queries.UpsertCounts | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


async def _fetch_one(source: Source, http: PoliteClient) -> FetchResult | SourceError:
    try:
        return await source.fetch(http)
    except SourceError as e:
        return e


async def _fetch_all(
    sources: Sequence[Source], settings: HttpSettings, transport: httpx.AsyncBaseTransport | None
) -> list[FetchResult | SourceError]:
    # Boards live on different hosts, so they are fetched concurrently; the client
    # keeps each host polite.
    async with PoliteClient(settings, transport=transport) as http:
        return await asyncio.gather(*(_fetch_one(s, http) for s in sources))


def fetch_sources(
    engine: Engine,
    configs: Sequence[SourceConfig],
    settings: HttpSettings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[SourceOutcome]:
    """Fetch each source and store its listings in one transaction per source."""
    sources = [build_source(c) for c in configs]
    run_ids = [queries.start_run(engine, s.name) for s in sources]
    results = asyncio.run(_fetch_all(sources, settings, transport))
    outcomes = []
    for source, run_id, result in zip(sources, run_ids, results, strict=True):
        if isinstance(result, SourceError):
            message = str(result)
            queries.finish_run(engine, run_id, error=message)
            outcomes.append(SourceOutcome(source.name, error=message))
            continue
        # Only a complete, successful fetch of a whole board may close vanished listings.
        whole = result.complete and source.lists_whole_board
        counts = queries.upsert_listings(
            engine, result.listings, close_missing_from=source.name if whole else None
        )
        queries.finish_run(engine, run_id, counts=counts)
        outcomes.append(SourceOutcome(source.name, counts=counts))
        log.info("%s: %s", source.name, counts)
    return outcomes


def facts_for_row(row: ListingRow) -> Facts:
    structured = SalaryRange(**row.salary) if row.salary and row.salary.get("currency") else None
    return extract_facts(
        title=row.title,
        description=row.description,
        location=row.location,
        salary_text=row.salary_text,
        remote=row.remote,
        structured_salary=structured,
    )


def extract_new_facts(engine: Engine) -> int:
    """Extract facts for every listing version that has none yet; returns how many."""
    rows = queries.listings_without_facts(engine)
    extracted = {}
    for row in rows:
        assert row.id is not None
        extracted[row.id] = (row.content_hash, facts_for_row(row).to_dict())
    queries.save_facts(engine, extracted)
    return len(extracted)


def profile_hash(profile: Profile) -> str:
    return hashlib.sha256(profile.model_dump_json().encode()).hexdigest()[:16]


def score_profile(
    engine: Engine,
    profile: Profile,
    *,
    weights: dict[str, float],
    rates_to_usd: dict[str, float],
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Score every listing version not yet scored for this profile; returns how many."""
    now = now or queries.utcnow()
    context = scoring_context(profile, weights=weights, rates_to_usd=rates_to_usd, now=now)
    phash = profile_hash(profile)
    rows = queries.listings_to_score(engine, profile.name, phash, MATCHER_VERSION)
    records = []
    for row in rows:
        assert row.id is not None and row.facts is not None
        match = score_listing(
            Facts.from_dict(row.facts),
            profile,
            title=row.title,
            text=row.description,
            posted_at=row.posted_at,
            context=context,
        )
        records.append(
            {
                "listing_id": row.id,
                "profile": profile.name,
                "profile_hash": phash,
                "content_hash": row.content_hash,
                "matcher_version": MATCHER_VERSION,
                "score": match.score,
                "reasons": list(match.reasons),
                "components": match.components_dict(),
                "scored_at": now,
            }
        )
        if progress:
            progress(1)
    queries.save_matches(engine, records)
    return len(records)
