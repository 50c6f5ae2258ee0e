"""One row per job, statuses kept and shared by a group, filters, change history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from storage import queries
from storage.errors import StorageError
from storage.matches import (
    MatchFilter,
    assign_groups,
    find_matches,
    listing_details,
    set_status,
)
from tests.test_storage import listing

T0 = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)


def store(engine: Engine, items: dict[str, tuple[float, dict[str, object]]]) -> dict[str, int]:
    """Listings with facts and a score for profile 'p'; returns external id → listing id."""
    queries.upsert_listings(engine, [listing(ext, source=f"s{ext}") for ext in items], now=T0)
    rows = {r.external_id: r for r in queries.listings_without_facts(engine, "v")}
    queries.save_facts(
        engine,
        {r.id: (r.content_hash, items[ext][1]) for ext, r in rows.items()},
        "v",  # type: ignore[misc]
    )
    queries.save_matches(
        engine,
        [
            {
                "listing_id": r.id,
                "profile": "p",
                "profile_hash": "h",
                "content_hash": r.content_hash,
                "matcher_version": "v",
                "score": items[ext][0],
                "reasons": [f"why {ext}"],
                "components": {},
                "scored_at": T0,
            }
            for ext, r in rows.items()
        ],  # fmt: skip
    )
    return {ext: r.id for ext, r in rows.items() if r.id is not None}


REMOTE = {"role_variant": "technical_project_manager", "work_mode": "remote", "country": None}
PUNE = {"role_variant": "scrum_master", "work_mode": "hybrid", "country": "IN"}


def titles(engine: Engine, filters: MatchFilter | None = None) -> list[str]:
    return [
        view.listing.external_id for view in find_matches(engine, "p", filters or MatchFilter())
    ]


def test_one_row_per_group_with_the_other_boards_listed(engine: Engine) -> None:
    ids = store(engine, {"a": (90, REMOTE), "b": (80, REMOTE), "c": (70, PUNE)})
    assign_groups(engine, {ids["a"]: ids["a"], ids["b"]: ids["a"], ids["c"]: ids["c"]})
    views = find_matches(engine, "p")
    assert [v.listing.external_id for v in views] == ["a", "c"]
    assert views[0].also_on == (("sb", "https://job-boards.greenhouse.io/acme/jobs/b"),)
    assert views[1].also_on == ()


def test_status_is_kept_shared_by_the_group_and_hides_ignored(engine: Engine) -> None:
    ids = store(engine, {"a": (90, REMOTE), "b": (80, REMOTE), "c": (70, PUNE)})
    assign_groups(engine, {ids["a"]: ids["a"], ids["b"]: ids["a"], ids["c"]: ids["c"]})
    set_status(engine, ids["b"], "applied", note="referral from Anu")
    set_status(engine, ids["c"], "ignored")
    (view,) = find_matches(engine, "p")
    assert view.listing.external_id == "a"
    assert view.status is not None and (view.status.status, view.status.note) == (
        "applied",
        "referral from Anu",
    )
    assert titles(engine, MatchFilter(statuses=frozenset({"ignored"}))) == ["c"]
    queries.upsert_listings(engine, [listing("b", source="sb", title="TPM (reposted)")], now=T0)
    assert find_matches(engine, "p")[0].status is not None  # a refetch keeps the status


def test_filters_by_facts_source_score_and_closed(engine: Engine) -> None:
    store(engine, {"a": (90, REMOTE), "c": (70, PUNE), "z": (0, PUNE)})
    assert titles(engine) == ["a", "c"]
    assert titles(engine, MatchFilter(include_zero=True)) == ["a", "c", "z"]
    assert titles(engine, MatchFilter(work_mode="hybrid")) == ["c"]
    assert titles(engine, MatchFilter(role="technical_project_manager")) == ["a"]
    assert titles(engine, MatchFilter(country="IN")) == ["c"]
    assert titles(engine, MatchFilter(sources=frozenset({"sc"}))) == ["c"]
    assert titles(engine, MatchFilter(min_score=80)) == ["a"]
    queries.upsert_listings(engine, [], now=T0, close_missing_from="sa")
    assert titles(engine) == ["c"]
    assert titles(engine, MatchFilter(include_closed=True)) == ["a", "c"]


def test_limit_counts_groups_not_rows(engine: Engine) -> None:
    items = {str(i): (100.0 - i, REMOTE) for i in range(30)}
    ids = store(engine, items)
    first = ids["0"]
    assign_groups(engine, {ids[str(i)]: first if i < 20 else ids[str(i)] for i in range(30)})
    assert titles(engine, MatchFilter()) == ["0", *[str(i) for i in range(20, 30)]]
    assert len(find_matches(engine, "p", limit=5)) == 5


def test_changes_are_recorded_for_show(engine: Engine) -> None:
    ids = store(engine, {"a": (90, REMOTE)})
    later = T0 + timedelta(days=3)
    queries.upsert_listings(
        engine, [listing("a", source="sa", salary_text="₹40 LPA", description="New text.")],
        now=later,
    )  # fmt: skip
    _, _, changes, status = listing_details(engine, ids["a"])
    assert status is None
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("salary_text", None, "₹40 LPA"),
        ("description", None, None),
    ]
    assert all(queries.as_utc(c.changed_at) == later for c in changes)


def test_bad_status_or_id_is_a_clear_error(engine: Engine) -> None:
    ids = store(engine, {"a": (90, REMOTE)})
    with pytest.raises(StorageError, match="unknown status 'maybe'; one of: saved, applied"):
        set_status(engine, ids["a"], "maybe")
    with pytest.raises(StorageError, match="no listing with id 999"):
        set_status(engine, 999, "saved")


def test_grouping_reads_open_listings_with_the_facts_it_needs(engine: Engine) -> None:
    ids = store(engine, {"a": (90, REMOTE), "b": (80, PUNE), "c": (70, PUNE)})
    queries.upsert_listings(engine, [], now=T0, close_missing_from="sc")  # c's board: gone
    rows = queries.listings_for_grouping(engine, "v")
    assert [row.id for row in rows] == [ids["a"], ids["b"]]  # oldest first, open only
    assert [(r.city, r.country, r.work_mode) for r in rows] == [
        (None, None, "remote"),
        (None, "IN", "hybrid"),
    ]
    assert rows[0].company == "Acme" and rows[0].description == "Lead delivery."
    assert assign_groups(engine, {ids["a"]: ids["a"], ids["b"]: ids["a"]}) == 2
    assert assign_groups(engine, {ids["a"]: ids["a"], ids["b"]: ids["a"]}) == 0  # unchanged
    assert assign_groups(engine, {ids["a"]: ids["a"], ids["b"]: ids["b"]}) == 2  # apart again


def test_a_job_open_long_or_reposted_carries_a_flag_with_its_evidence(engine: Engine) -> None:
    # Each listing on its own board (source s<ext>): a, b and c are one job that board "s"
    # reposted under new ids (same source); d is fresh.
    queries.upsert_listings(
        engine,
        [
            listing("a", source="s", posted_at=T0 - timedelta(days=80)),
            listing("b", source="s"),
            listing("c", source="s"),
            listing("d", source="t", posted_at=T0 - timedelta(days=3)),
        ],
        now=T0,
    )
    rows = {r.external_id: r for r in queries.listings_without_facts(engine, "v")}
    queries.save_facts(engine, {r.id: (r.content_hash, REMOTE) for r in rows.values()}, "v")  # type: ignore[misc]
    queries.save_matches(
        engine,
        [
            {"listing_id": r.id, "profile": "p", "profile_hash": "h", "content_hash": r.content_hash,
             "matcher_version": "v", "score": 90 - i, "reasons": [], "components": {}, "scored_at": T0}
            for i, r in enumerate(rows.values())
        ],
    )  # fmt: skip
    assign_groups(
        engine, {rows["a"].id: rows["a"].id, rows["b"].id: rows["a"].id, rows["c"].id: rows["a"].id}
    )  # type: ignore[dict-item]
    now = queries.utcnow()
    stale_days = (now - T0).days + 10  # past it: a (posted 80 days before T0); not d (3 days)
    views = find_matches(engine, "p", MatchFilter(stale_days=stale_days, reposted_from=2))
    flags = {v.listing.external_id: v.flags for v in views}
    days = (now - (T0 - timedelta(days=80))).days
    assert flags["a"] == (f"open {days} days", f"reposted 2× since {T0:%d %b}")
    assert flags["d"] == ()
    hidden = find_matches(
        engine, "p", MatchFilter(stale_days=None, reposted_from=2, hide_flagged=True)
    )
    assert [v.listing.external_id for v in hidden] == ["d"]
    assert (
        find_matches(engine, "p", MatchFilter(stale_days=None, reposted_from=None))[0].flags == ()
    )
