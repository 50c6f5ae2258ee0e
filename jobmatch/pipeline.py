"""The nightly job: fetch → store → extract facts → score → stored matches.

One failing board never stops the night: its error is recorded on its FetchRun and
reported, and the exit code tells cron something needs attention.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

import httpx
from sqlalchemy.engine import Engine

from jobmatch.employer_boards import employer_board
from jobmatch.parallel import run_in_child, run_sharded
from matcher import MATCHER_VERSION
from matcher.collector import collector_paused
from matcher.context import scoring_context
from matcher.dedupe import (
    DedupeItem,
    ItemId,
    description_words,
    group,
    group_incremental,
    word_hashes,
)
from matcher.extract import extract_facts
from matcher.facts import Facts, SalaryRange
from matcher.profile import Profile
from matcher.rarity import count_listings_asking, needs_recount, rarity_weights
from matcher.score import ScoringContext, score_listing
from scraper.base import FetchResult, Source, SourceConfig
from scraper.errors import NotFoundError, NotModified, SourceError
from scraper.http import HttpSettings, PoliteClient, Validators
from scraper.listing import with_safe_html
from scraper.registry import build_source
from storage import queries, skills
from storage.engine import is_shared
from storage.matches import assign_groups, mark_not_duplicate, not_duplicate_pairs
from storage.models import ListingRow

log = logging.getLogger(__name__)
T = TypeVar("T")

# Below this many listings one process scores faster than forking another would.
PARALLEL_FROM = 5000
SAVE_EVERY = 5000  # scored listings per write
# Extraction costs a few milliseconds a listing: worth a second process from a few hundred.
EXTRACT_PARALLEL_FROM = 500
EXTRACT_PAGE = 2000  # listings read, extracted and stored at a time


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    name: str
    counts: queries.UpsertCounts | None = None
    error: str | None = None
    note: str | None = None  # "not modified", "skipped: fetched 2h ago (min_interval 6h)"
    warning: str | None = None  # the fetch worked, but the user should look

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class _Fetched:
    result: FetchResult | SourceError
    seen: dict[str, Validators]


async def _fetch_one(source: Source, http: PoliteClient) -> _Fetched:
    try:
        return _Fetched(await source.fetch(http), http.seen)
    except SourceError as e:
        return _Fetched(e, http.seen)


async def _fetch_all(
    sources: Sequence[Source],
    known: Sequence[dict[str, Validators]],
    settings: HttpSettings,
    transport: httpx.AsyncBaseTransport | None,
    store: Callable[[int, _Fetched], None],
) -> None:
    """Fetch concurrently (boards live on different hosts; the client keeps each host
    polite) and store each board as soon as it arrives, so a run killed half way keeps
    the boards it finished and a slow board holds nothing up."""

    async def one(index: int, source: Source, validators: dict[str, Validators]) -> None:
        store(index, await _fetch_one(source, http.scoped(validators)))

    async with PoliteClient(settings, transport=transport) as http:
        await asyncio.gather(
            *(one(i, s, k) for i, (s, k) in enumerate(zip(sources, known, strict=True)))
        )


def _too_soon(engine: Engine, source: Source, now: datetime) -> str | None:
    interval = source.min_interval
    last = queries.last_successful_fetch(engine, source.name) if interval else None
    if interval is None or last is None or now - last >= interval:
        return None
    hours = (now - last).total_seconds() / 3600
    return f"skipped: fetched {hours:.1f}h ago (min_interval {source.min_interval_text})"


def describe_error(name: str, error: SourceError) -> str:
    """One line a user can act on, without repeating the source's name."""
    if isinstance(error, NotFoundError) and error.status == 404:
        return f"board not found (HTTP 404) at {error.url}"
    return str(error).removeprefix(f"{name}: ")


def fetch_sources(
    engine: Engine,
    configs: Sequence[SourceConfig],
    settings: HttpSettings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    force: bool = False,
    on_done: Callable[[str], None] | None = None,
) -> list[SourceOutcome]:
    """Fetch each source and store its listings in one transaction per source.

    A source fetched more recently than its `min_interval` is skipped unless `force`.
    """
    now = queries.utcnow()
    outcomes: dict[str, SourceOutcome] = {}
    due: list[Source] = []
    for source in (build_source(c) for c in configs):
        reason = None if force else _too_soon(engine, source, now)
        if reason:
            outcomes[source.name] = SourceOutcome(source.name, note=reason)
        else:
            due.append(source)
    known = [
        {url: Validators(*pair) for url, pair in queries.load_validators(engine, s.name).items()}
        for s in due
    ]
    for source in due:
        source.known_ids = queries.open_external_ids(engine, source.name)
    run_ids = [queries.start_run(engine, s.name) for s in due]

    def store(index: int, fetched: _Fetched) -> None:
        # A short synchronous write inside the event loop: one transaction per board.
        source = due[index]
        outcomes[source.name] = _store(engine, source, run_ids[index], fetched)
        if on_done:
            on_done(source.name)

    try:
        asyncio.run(_fetch_all(due, known, settings, transport, store))
    except BaseException as e:  # Ctrl-C or SIGTERM: what was stored stays; the rest is said
        how = (str(e) or "Ctrl-C") if isinstance(e, KeyboardInterrupt) else type(e).__name__
        why = f"interrupted ({how})"
        queries.interrupt_runs(engine, run_ids, why)
        raise
    return [outcomes[c.name] for c in configs]


def _store(engine: Engine, source: Source, run_id: int, fetched: _Fetched) -> SourceOutcome:
    result = fetched.result
    if isinstance(result, NotModified):
        touched = queries.touch_open_listings(engine, source.name)
        counts = queries.UpsertCounts(unchanged=touched)
        queries.finish_run(engine, run_id, counts=counts)
        return SourceOutcome(source.name, counts=counts, note="not modified")
    if isinstance(result, SourceError):
        message = describe_error(source.name, result)
        log.info("%s failed: %s", source.name, message)  # the console line is the warning
        queries.finish_run(engine, run_id, error=message)
        return SourceOutcome(source.name, error=message)
    # Only a complete, successful fetch of a whole board may close vanished listings.
    counts = queries.record_fetch(
        engine,
        source.name,
        [with_safe_html(item) for item in result.listings],
        complete=result.closes and source.lists_whole_board,
        validators={url: (v.etag, v.last_modified) for url, v in fetched.seen.items()},
        still_listed=result.still_listed,
    )
    queries.finish_run(engine, run_id, counts=counts)
    log.info(
        "%s: %d listings (%d new, %d updated, %d closed)",
        source.name, counts.fetched, counts.new, counts.updated, counts.closed,
    )  # fmt: skip
    warning = "; ".join(w for w in (result.warnings, _held_warning(counts)) if w) or None
    if warning:
        log.info("%s: warning: %s", source.name, warning)
    return SourceOutcome(source.name, counts=counts, warning=warning)


def _held_warning(counts: queries.UpsertCounts) -> str | None:
    if not counts.held:
        return None
    return (
        f"{counts.held} of its open listings vanished at once; nothing closed tonight "
        "(if the board still lacks them on the next fetch, they close then)"
    )


def facts_for_row(row: ListingRow) -> Facts:
    structured = SalaryRange(**row.salary) if row.salary and row.salary.get("currency") else None
    return extract_facts(
        title=row.title,
        description=row.description,
        location=row.location,
        salary_text=row.salary_text,
        remote=row.remote,
        structured_salary=structured,
        employment_type=row.employment_type,
        company=row.company or "",
    )


def extract_new_facts(engine: Engine, *, workers: int = 1) -> list[int]:
    """Extract facts for every listing version that has none yet; returns their ids.
    Many at once (a matcher upgrade rereads every listing) are split among `workers`
    processes, each extracting and storing its share. With the facts goes the description's
    fingerprint, which grouping reads instead of the text; listings whose facts were stored
    before there were fingerprints get theirs too (once, after the upgrade)."""
    todo = queries.count_without_facts(engine, MATCHER_VERSION)
    shards = _shard_count(engine, workers, todo, EXTRACT_PARALLEL_FROM)

    def extract_shard(k: int, n: int) -> list[int]:
        # A page at a time, each stored before the next is read: memory stays flat however
        # many listings a matcher upgrade rereads, and a killed run keeps what it stored.
        done: list[int] = []
        after = 0
        while rows := queries.listings_without_facts(
            engine, MATCHER_VERSION, shard=(k, n), after_id=after, limit=EXTRACT_PAGE
        ):
            extracted, words = {}, {}
            for row in rows:
                assert row.id is not None
                extracted[row.id] = (row.content_hash, facts_for_row(row).to_dict())
                words[row.id] = description_words(row.description)
            queries.save_facts(engine, extracted, MATCHER_VERSION, words)
            done += extracted
            after = max(extracted)
        return done

    parts = _in_shards(engine, extract_shard, shards)
    _backfill_words(engine, workers)
    return [listing_id for part in parts for listing_id in part]


def _backfill_words(engine: Engine, workers: int) -> None:
    """Fingerprints for listings whose current facts have none (stored by a release before
    there were any): grouping would otherwise read their whole descriptions each time."""

    def backfill_shard(k: int, n: int) -> None:
        after = 0
        while rows := queries.listings_without_words(
            engine, MATCHER_VERSION, shard=(k, n), after_id=after, limit=EXTRACT_PAGE
        ):
            found = {row.id: (row.content_hash, description_words(row.description)) for row in rows}
            queries.save_words(engine, found)
            after = rows[-1].id

    todo = queries.count_without_words(engine, MATCHER_VERSION)
    if todo:
        _in_shards(
            engine, backfill_shard, _shard_count(engine, workers, todo, EXTRACT_PARALLEL_FROM)
        )


def group_duplicates(engine: Engine, fresh: Collection[int] | None = None) -> int:
    """Group open listings that are one job (across boards, or reposted); returns how many
    listings changed group.

    With `fresh` (the listings whose facts are new), only those are compared, with each
    other and with the rest, whose stored groups stand: a night's new listings cost what
    they add, not what the database holds. Without it, everything is compared afresh.

    In a child process where the database allows: grouping holds every open listing's
    word hashes (150 MB for 100k), and what a process frees it mostly keeps, so scoring
    after it would start that much larger.
    """
    if not is_shared(engine):
        return _group_duplicates(engine, fresh)
    return run_in_child(
        lambda: _group_duplicates(engine, fresh), in_child=lambda: engine.dispose(close=False)
    )


def _group_duplicates(engine: Engine, fresh: Collection[int] | None) -> int:
    apart = not_duplicate_pairs(engine)
    # Rows are streamed and only their items kept: of a description, its word hashes.
    items: list[DedupeItem] = []
    stored_groups: dict[ItemId, ItemId] = {}
    for row in queries.iter_for_grouping(engine, MATCHER_VERSION):
        items.append(_dedupe_item(row))
        if row.group_id is not None:
            stored_groups[row.id] = row.group_id
    if fresh is None:
        found = group(items, apart=apart)
    else:
        new = set(fresh)
        found = group_incremental(
            stored_groups,
            [item for item in items if item.id not in new],
            [item for item in items if item.id in new],
            apart=apart,
        )
    return assign_groups(engine, {int(k): int(v) for k, v in found.items()})


def _dedupe_item(row: queries.ToGroup) -> DedupeItem:
    # Stored words stand for the description, which was then not read: the same hashes.
    return DedupeItem(
        row.id, row.company, row.title, row.location, row.description,
        city=row.city, country=row.country, work_mode=row.work_mode,
        words=None if row.words is None else word_hashes(row.words), years_min=row.years_min,
        remote_scope=row.remote_scope, employment=row.employment,
        board=employer_board(row.source),
    )  # fmt: skip


def split_duplicates(engine: Engine, first: int, second: int) -> int:
    """Two listings are different jobs, a person says: kept apart from now on, and the group
    they shared is regrouped under that rule. Returns how many listings changed group."""
    members = set(mark_not_duplicate(engine, first, second))
    if not members:
        return 0
    apart = not_duplicate_pairs(engine)
    items = [
        _dedupe_item(row)
        for row in queries.iter_for_grouping(engine, MATCHER_VERSION)
        if row.id in members
    ]
    found = group(items, apart=apart)
    for listing_id in members - set(found):  # closed since: alone now
        found[listing_id] = listing_id
    return assign_groups(engine, {int(k): int(v) for k, v in found.items()})


def _shard_count(engine: Engine, workers: int, todo: int, per_shard: int) -> int:
    """At most `workers` shards of at least `per_shard` listings each; one where a child
    process could not see the database (in-memory SQLite)."""
    return max(1, min(workers, todo // per_shard)) if is_shared(engine) else 1


def _in_shards(engine: Engine, task: Callable[[int, int], T], shards: int) -> list[T]:
    # A forked child must not use the connections it inherited: it opens its own.
    return run_sharded(task, shards, in_child=lambda: engine.dispose(close=False))


def profile_hash(profile: Profile, salt: str = "") -> str:
    """What a stored score was computed for: the profile, and `salt` (the skill counts the
    rarity weights came from), so that either changing rescores."""
    return hashlib.sha256((profile.model_dump_json() + salt).encode()).hexdigest()[:16]


def stored_skill_rarity(engine: Engine) -> dict[str, float]:
    """The rarity weights of the last count, as the stored scores were computed with them
    (scoring recounts first when the store changed a lot, then rescores): no recount."""
    counts, counted, _ = skills.skill_counts(engine)
    return rarity_weights(counts, counted)


def skill_rarity(engine: Engine, *, now: datetime | None = None) -> tuple[dict[str, float], str]:
    """The rarity weights of the stored listings' skills, and a tag naming the count they
    come from. Recounted only when the store has changed a lot since the last count."""
    counts, counted, version = skills.skill_counts(engine)
    current = skills.count_with_facts(engine, MATCHER_VERSION)
    if version != MATCHER_VERSION or needs_recount(counted, current):
        found, counted = count_listings_asking(skills.asked_skills(engine, MATCHER_VERSION))
        counts = dict(found)
        skills.save_skill_counts(engine, counts, counted, MATCHER_VERSION, now or queries.utcnow())
    weights = rarity_weights(counts, counted)
    return weights, f"skills:{counted}" if weights else ""


def refresh_scores(
    engine: Engine,
    profiles: Sequence[Profile],
    *,
    weights: dict[str, float],
    rates_to_usd: dict[str, float],
    progress_for: Callable[[Profile], Callable[[int], None] | None] | None = None,
    workers: int = 1,
) -> None:
    """After new listings: extract facts for new versions, regroup duplicates when there
    were any, and score what changed for each profile."""
    extract_new_facts(engine, workers=workers)
    # Every listing whose facts are new since it was last grouped, this run's and those of a
    # run killed before it grouped them.
    pending = queries.pending_grouping(engine)
    if pending:
        group_duplicates(engine, pending)
        queries.mark_grouped(engine, pending)
    for profile in profiles:
        score_profile(
            engine,
            profile,
            weights=weights,
            rates_to_usd=rates_to_usd,
            progress=progress_for(profile) if progress_for else None,
            workers=workers,
        )


def score_profile(
    engine: Engine,
    profile: Profile,
    *,
    weights: dict[str, float],
    rates_to_usd: dict[str, float],
    now: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> int:
    """Score every listing version not yet scored for this profile; returns how many.
    A large batch (a new profile, a new matcher version) is split among `workers` processes,
    each scoring and storing its own share of the listings."""
    now = now or queries.utcnow()
    rarity, counted = skill_rarity(engine, now=now)
    context = scoring_context(
        profile, weights=weights, rates_to_usd=rates_to_usd, now=now, skill_weights=rarity
    )
    phash = profile_hash(profile, counted)
    todo = queries.count_to_score(engine, profile.name, phash, MATCHER_VERSION)
    shards = _shard_count(engine, workers, todo, PARALLEL_FROM)

    def score_shard(k: int, n: int) -> int:
        with collector_paused():
            # Read and stored page by page: memory stays flat (a page's descriptions, not a
            # shard's), another shard's writes fit between this one's, and an interrupted
            # run keeps what it scored.
            done = 0
            for batch in queries.pages_to_score(
                engine, profile.name, phash, MATCHER_VERSION, shard=(k, n), page=SAVE_EVERY
            ):
                queries.save_matches(
                    engine, [_score_record(row, profile, context, phash, now) for row in batch]
                )
                done += len(batch)
                if progress and k == 0:  # children report when they are done
                    progress(len(batch))
        return done

    counts = _in_shards(engine, score_shard, shards)
    if progress:
        progress(sum(counts[1:]))
    return sum(counts)


def _score_record(
    row: queries.ToScore, profile: Profile, context: ScoringContext, phash: str, now: datetime
) -> dict[str, Any]:
    match = score_listing(
        Facts.from_dict(row.facts),
        profile,
        title=row.title,
        text=row.description,
        posted_at=row.posted_at,
        context=context,
    )
    return {
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
