"""The writes and reads the pipeline and CLI need, under the one name callers use
(`queries.upsert_listings`, `queries.utcnow`, …). Each write is one transaction.

The code lives in the modules by what it is about: listings (upsert, closing, validators),
runs (fetch runs), facts, scores, grouping, maintenance (counts, stats, pruning), digest,
and common (time, decoding, chunking). This module only re-exports their public names.
"""

from __future__ import annotations

from storage.common import as_datetime, as_json, as_utc, chunks, utcnow
from storage.digest import record_sent, sent_listing_ids
from storage.facts import (
    count_without_facts,
    count_without_words,
    listings_without_facts,
    listings_without_words,
    save_facts,
    save_words,
)
from storage.grouping import (
    ToGroup,
    iter_for_grouping,
    listings_for_grouping,
    mark_grouped,
    pending_grouping,
)
from storage.listings import (
    SUDDEN_DROP_FROM,
    UpsertCounts,
    load_validators,
    open_external_ids,
    record_fetch,
    sudden_drop,
    touch_open_listings,
    upsert_listings,
)
from storage.maintenance import (
    Stats,
    count_listings,
    forget_listing,
    iter_listings,
    open_listings_per_source,
    optimize,
    prune_closed,
    source_names,
    stats,
)
from storage.runs import (
    close_abandoned_runs,
    finish_run,
    interrupt_runs,
    last_run_per_source,
    last_successful_fetch,
    latest_round_start,
    recent_runs,
    start_run,
)
from storage.scores import (
    ToScore,
    count_to_score,
    listings_to_score,
    pages_to_score,
    save_matches,
    top_matches,
)

__all__ = [
    "SUDDEN_DROP_FROM",
    "Stats",
    "ToGroup",
    "ToScore",
    "UpsertCounts",
    "as_datetime",
    "as_json",
    "as_utc",
    "chunks",
    "close_abandoned_runs",
    "count_listings",
    "count_to_score",
    "count_without_facts",
    "count_without_words",
    "finish_run",
    "forget_listing",
    "interrupt_runs",
    "iter_for_grouping",
    "iter_listings",
    "last_run_per_source",
    "last_successful_fetch",
    "latest_round_start",
    "listings_for_grouping",
    "listings_to_score",
    "pages_to_score",
    "listings_without_facts",
    "listings_without_words",
    "load_validators",
    "mark_grouped",
    "open_external_ids",
    "open_listings_per_source",
    "optimize",
    "pending_grouping",
    "prune_closed",
    "recent_runs",
    "record_fetch",
    "record_sent",
    "save_facts",
    "save_matches",
    "save_words",
    "sent_listing_ids",
    "source_names",
    "start_run",
    "stats",
    "sudden_drop",
    "top_matches",
    "touch_open_listings",
    "upsert_listings",
    "utcnow",
]
