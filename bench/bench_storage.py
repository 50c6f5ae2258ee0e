"""Benchmark storage at scale: N stored listings with facts and a score for one profile.

python bench/bench_storage.py [--n 1000000] [--seed 7] [--repeat 5] [--profile] [--db PATH]

Not a test. Fills a temporary SQLite file with N synthetic listings (20 sources, facts,
15% closed, 20% in cross-board groups of two), one stored score per listing for one
profile and a few hundred statuses. Setup runs in a child process through a fast bulk
path (Core executemany INSERTs of the values upsert_listings would store); its time is
reported, not a target, and its memory does not count against this process. Then times,
each a few times (median and min):
  1. find_matches(engine, profile, MatchFilter(), limit=20)            target < 50 ms
  2. a nightly upsert_listings of 10k listings of one source, 1k changed (title and
     salary), 9k identical to the stored ones, close_missing_from=None  target < 5 s
  3. set_status(engine, id, "applied", note="x")                      reported
and memory: this process's peak RSS (ru_maxrss), target < 300 MB, and the tracemalloc
peak of each step (in a separate run of it, since tracing slows Python down).

Prints EXPLAIN QUERY PLAN of every statement find_matches issues, with its raw SQLite
time, so a missing index shows. A step that misses its target is cProfiled (top functions
by cumulative and own time); `--profile` profiles every step.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing
import pstats
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event, func  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from sqlmodel import Session, col, select  # noqa: E402

from bench.bench_score import CERTS, METHODS, PAY, PLACES, SENTENCES, SKILLS, TITLES  # noqa: E402
from matcher import MATCHER_VERSION  # noqa: E402
from matcher.facts import ROLE_VARIANTS, SENIORITIES, WORK_MODES, Facts, SalaryRange  # noqa: E402
from scraper.listing import Listing, Salary  # noqa: E402
from storage import queries  # noqa: E402
from storage.engine import open_engine, sqlite_url  # noqa: E402
from storage.listings import listing_values  # noqa: E402
from storage.matches import MatchFilter, find_matches, set_status  # noqa: E402
from storage.models import STATUSES, ListingRow, MatchRow, StatusRow  # noqa: E402

T = TypeVar("T")
NOW = datetime(2030, 6, 1, tzinfo=UTC)
PROFILE = "bench"
SOURCES = 20
CHUNK = 10_000  # listings per generated and inserted chunk (a multiple of 10: groups)
NIGHTLY_SOURCE = "bench:3"
NIGHTLY, NIGHTLY_CHANGED = 10_000, 1_000
TARGET_FIND_MS, TARGET_UPSERT_S, TARGET_RSS_MB = 50.0, 5.0, 300.0


# --- synthetic data ---------------------------------------------------------------------


def _listing_and_facts(rng: random.Random, i: int) -> tuple[Listing, Facts]:
    variant = rng.choice(ROLE_VARIANTS)
    city, country, location = rng.choice(PLACES)
    mode = rng.choice(WORK_MODES)
    years = rng.choice([None, 0, 2, 3, 5, 8, 10])
    certs = tuple(rng.sample(CERTS, rng.randint(0, 3)))
    skills = tuple(rng.sample(SKILLS, rng.randint(0, 8)))
    pay = None
    salary_text = None
    if rng.random() < 0.5:
        currency, period, (lo, hi) = rng.choice(PAY)
        low = round(rng.uniform(lo, hi))
        pay = SalaryRange(min=low, max=round(low * 1.3), currency=currency, period=period)
        salary_text = f"{currency} {low:,} - {round(low * 1.3):,} per {period}"
    facts = Facts(
        role_variant=variant,
        seniority=rng.choice(SENIORITIES),
        years_min=years,
        certifications=certs,
        skills=skills,
        methodologies=tuple(rng.sample(METHODS, rng.randint(0, 3))),
        degree_level=rng.choice([None, "bachelor", "master"]),
        salary=pay,
        work_mode=mode,
        country=country,
        city=city if mode != "remote" else None,
    )
    description = " ".join(rng.choices(SENTENCES, k=rng.randint(5, 12)))
    listing = Listing(
        source=f"bench:{i % SOURCES}",
        external_id=f"b-{i:07d}",
        url=f"https://jobs.example.org/{i}",
        title=rng.choice(TITLES[variant]),
        company=f"Company {i % 997}",
        location=location,
        remote=mode == "remote",
        description=description,
        description_html=f"<p>{description}</p>",
        salary_text=salary_text,
        salary=Salary(pay.min, pay.max, pay.currency, pay.period) if pay else None,
        posted_at=NOW - timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 23)),
        employment_type="full-time",
        tags=tuple(skills[:3]),
    )
    return listing, facts


def _facts_dict(facts: Facts) -> dict[str, Any]:
    """Facts.to_dict() without dataclasses.asdict's deep copies (checked equal in setup)."""
    data = {name: getattr(facts, name) for name in _FACT_FIELDS}
    if facts.salary is not None:
        pay = facts.salary
        data["salary"] = {"min": pay.min, "max": pay.max, "currency": pay.currency,
                          "period": pay.period}  # fmt: skip
    return data


_FACT_FIELDS = tuple(Facts.__dataclass_fields__)


def _score(rng: random.Random) -> float:
    return 0.0 if rng.random() < 0.3 else round(rng.uniform(0.5, 99.0), 1)


def _chunk_rows(
    seed: int, start: int, count: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[int]]:
    """Listing and match rows for listing ids start+1 … start+count, and the ids scoring 95+.

    Listing rows carry what upsert_listings + save_facts would store (same values, same
    column types through SQLAlchemy Core), plus an explicit id. Ids i, i+1 (i % 10 == 0)
    are one job on two boards: a group, the copy scoring within a point of the original.
    """
    rng = random.Random(seed * 1_000_003 + start)
    listings: list[dict[str, Any]] = []
    matches: list[dict[str, Any]] = []
    best: list[int] = []
    score = 0.0
    for i in range(start, start + count):
        row_id = i + 1
        listing, facts = _listing_and_facts(rng, i)
        first_seen = NOW - timedelta(days=rng.randint(0, 120), seconds=rng.randint(0, 86_399))
        row = listing_values(listing, first_seen)
        grouped = i % 10 in (0, 1)
        row.update(
            id=row_id,
            last_seen=NOW,
            closed_at=first_seen + timedelta(days=3) if rng.random() < 0.15 else None,
            facts=_facts_dict(facts),
            facts_hash=row["content_hash"],
            facts_version=MATCHER_VERSION,
            group_id=(row_id if i % 10 == 0 else row_id - 1) if grouped else None,
        )
        listings.append(row)
        if i % 10 != 1:
            score = _score(rng)
        elif score > 0:  # the group's copy
            score = max(0.5, round(score - rng.uniform(0, 1), 1))
        if score >= 95:
            best.append(row_id)
        matches.append(
            {
                "listing_id": row_id,
                "profile": PROFILE,
                "profile_hash": "bench-profile-hash",
                "content_hash": row["content_hash"],
                "matcher_version": MATCHER_VERSION,
                "score": score,
                "reasons": [
                    f"title ≈ {listing.title} ({rng.randint(60, 100)})",
                    "level senior = yours",
                    f"skills {rng.randint(0, 6)}/6",
                ],
                "components": {
                    name: {"points": round(rng.uniform(0, 20), 1), "max": 20.0, "notes": []}
                    for name in ("role", "seniority", "skills", "salary", "location")
                },
                "scored_at": NOW,
            }
        )
    return listings, matches, best


def _chunk_job(job: tuple[int, int, int]) -> tuple[list[Any], list[Any], list[int]]:
    return _chunk_rows(*job)


def _setup(path: str, n: int, seed: int) -> None:
    """Runs in a child process: fills the database, two workers generating the rows."""
    _, sample = _listing_and_facts(random.Random(seed), 0)
    assert _facts_dict(sample) == sample.to_dict(), "_facts_dict drifted from Facts.to_dict"
    engine = open_engine(sqlite_url(path))
    listing_table = ListingRow.__table__  # type: ignore[attr-defined]
    match_table = MatchRow.__table__  # type: ignore[attr-defined]
    start_time = time.perf_counter()
    best: list[int] = []
    jobs = [(seed, start, min(CHUNK, n - start)) for start in range(0, n, CHUNK)]
    done = 0
    with multiprocessing.get_context("fork").Pool(2) as pool:
        # map a few chunks at a time: imap would run ahead of the inserts and hold GBs
        results = (r for k in range(0, len(jobs), 4) for r in pool.map(_chunk_job, jobs[k : k + 4]))
        for listings, matches, top in results:
            best.extend(top)
            with engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA cache_size=-131072")  # 128 MB, setup only
                connection.execute(listing_table.insert(), listings)
                connection.execute(match_table.insert(), matches)
            done += len(listings)
            if done % 100_000 == 0 or done == n:
                rate = done / (time.perf_counter() - start_time)
                print(f"  setup: {done:>9,} listings stored ({rate:,.0f}/s)", flush=True)
    # A few hundred statuses, a third of them on top-scoring jobs (some hidden).
    rng = random.Random(seed)
    marked = set(rng.sample(best, min(100, len(best))))
    marked.update(rng.randint(1, n) for _ in range(200))
    rows = [
        {
            "listing_id": listing_id,
            "status": rng.choice(STATUSES),
            "note": None,
            "updated_at": NOW - timedelta(minutes=k),
        }
        for k, listing_id in enumerate(sorted(marked))
    ]
    with engine.begin() as connection:
        connection.execute(StatusRow.__table__.insert(), rows)  # type: ignore[attr-defined]
    engine.dispose()


# --- measuring ----------------------------------------------------------------------------


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms" if seconds < 1 else f"{seconds:8.2f} s "


def repeat(label: str, fns: Iterator[Callable[[], Any]], times: int) -> list[float]:
    """Run `times` callables (fresh arguments each), print each run, return the seconds."""
    seconds = []
    for k in range(times):
        fn = next(fns)
        start = time.perf_counter()
        fn()
        seconds.append(time.perf_counter() - start)
        print(f"  {label} run {k + 1}: {_fmt(seconds[-1])}", flush=True)
    print(
        f"  {label}: median {_fmt(statistics.median(seconds)).strip()}, "
        f"min {_fmt(min(seconds)).strip()}",
        flush=True,
    )
    return seconds


def traced_peak_mb(fn: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def profile_call(label: str, fn: Callable[[], Any], top: int = 18) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(fn)
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(top)
        print(f"\n--- cProfile of {label}, by {key} ---")
        print(out.getvalue().split("\n\n", 1)[-1].rstrip())


def capture_sql(engine: Engine, fn: Callable[[], T]) -> tuple[T, list[tuple[str, Any, float]]]:
    """Run fn, recording each statement it sends: (sql, parameters, seconds to execute)."""
    records: list[tuple[str, Any, float]] = []

    def before(conn: Any, _cursor: Any, _sql: str, _params: Any, _ctx: Any, _many: bool) -> None:
        conn.info.setdefault("bench_t0", []).append(time.perf_counter())

    def after(conn: Any, _cursor: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        records.append((sql, params, time.perf_counter() - conn.info["bench_t0"].pop()))

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        return fn(), records
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def explain(engine: Engine, records: list[tuple[str, Any, float]]) -> None:
    """EXPLAIN QUERY PLAN and the raw SQLite time (all rows fetched) of each statement; a
    slow one (over 10 ms) is tried with what_if's changes too."""
    database = engine.url.database
    with engine.connect() as connection:
        for number, (sql, params, _) in enumerate(records, 1):
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()
            raw = []
            for _ in range(3):
                start = time.perf_counter()
                rows = connection.exec_driver_sql(sql, params).all()
                raw.append(time.perf_counter() - start)
            flat = " ".join(sql.split())
            print(f"\n[{number}] {flat[:150]}{' …' if len(flat) > 150 else ''}")
            if "ORDER BY" in flat:
                print(f"    … {flat[flat.index('ORDER BY') :]}")
            print(f"    params {params!r}")
            print(f"    raw SQLite: {min(raw) * 1000:.1f} ms for {len(rows)} rows (min of 3)")
            _print_plan(plan)
            if min(raw) > 0.010 and database is not None:
                what_if(database, sql, params)


def _print_plan(plan: Any, indent: str = "    ") -> None:
    depth: dict[int, int] = {0: 0}
    for node, parent, _unused, detail in plan:
        depth[node] = depth.get(parent, 0) + 1
        print(f"{indent}{'  ' * depth[node]}{detail}")


def what_if(database: str, sql: str, params: Any) -> None:
    """A slow statement again: with the planner given table statistics (ANALYZE, rolled
    back afterwards), and, for an inner join, as a LEFT JOIN that SQLite may not reorder."""
    variants = [("after ANALYZE (rolled back)", sql, True)]
    if " JOIN " in sql and "LEFT OUTER JOIN" not in sql:
        variants.append(
            ("as a LEFT OUTER JOIN", sql.replace(" JOIN ", " LEFT OUTER JOIN ", 1), False)
        )
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        for label, variant, analyze in variants:
            connection.execute("BEGIN")
            if analyze:
                connection.execute("ANALYZE")
            plan = connection.execute(f"EXPLAIN QUERY PLAN {variant}", params).fetchall()
            start = time.perf_counter()
            rows = connection.execute(variant, params).fetchall()
            seconds = time.perf_counter() - start
            connection.execute("ROLLBACK")
            print(f"    what if, {label}: {seconds * 1000:.1f} ms for {len(rows)} rows")
            _print_plan(plan, "      ")
    finally:
        connection.close()


def nightly_batch(engine: Engine, seed: int) -> list[Listing]:
    """NIGHTLY open listings of one source exactly as stored, read back from the database."""
    with Session(engine) as session:
        rows = session.exec(
            select(ListingRow)
            .where(ListingRow.source == NIGHTLY_SOURCE, col(ListingRow.closed_at).is_(None))
            .order_by(col(ListingRow.id))
            .limit(NIGHTLY)
        ).all()
    batch = [
        Listing(
            source=r.source,
            external_id=r.external_id,
            url=r.url,
            title=r.title,
            company=r.company,
            location=r.location,
            remote=r.remote,
            description=r.description,
            description_html=r.description_html,
            salary_text=r.salary_text,
            salary=Salary(**r.salary) if r.salary else None,
            posted_at=queries.as_utc(r.posted_at),
            employment_type=r.employment_type,
            tags=tuple(r.tags),
        )
        for r in rows
    ]
    stored = {r.external_id: r.content_hash for r in rows}
    assert all(item.content_hash() == stored[item.external_id] for item in batch), (
        "read-back listings do not hash as stored"
    )
    random.Random(seed).shuffle(batch)  # a board's order is not id order
    return batch


def with_changes(batch: list[Listing], revision: int, changed: int) -> list[Listing]:
    """The batch with its first `changed` listings retitled and repriced (again)."""
    retitled = [
        replace(
            item,
            title=f"{item.title.split(' (rev ')[0]} (rev {revision})",
            salary_text=f"INR {1_000_000 + revision * 1000:,} per year",
        )
        for item in batch[:changed]
    ]
    return retitled + batch[changed:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="listings (default 1000000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="runs per step (default 5)")
    parser.add_argument("--profile", action="store_true", help="cProfile every step")
    parser.add_argument(
        "--db", type=Path, help="use (and keep) this database file; filled only if absent"
    )
    args = parser.parse_args(argv)
    n, times = args.n, max(1, args.repeat)
    with tempfile.TemporaryDirectory(prefix="jobmatch-bench-") as tmp:
        path = args.db or Path(tmp) / "bench.db"
        setup_seconds = None
        if not path.exists():
            print(f"setup: {n:,} listings with facts and a '{PROFILE}' score → {path}")
            start = time.perf_counter()
            # A child process: its memory is not this one's, and no engine crosses a fork.
            child = multiprocessing.get_context("fork").Process(
                target=_setup, args=(str(path), n, args.seed)
            )
            child.start()
            child.join()
            if child.exitcode != 0:
                print(f"setup failed (exit code {child.exitcode})", file=sys.stderr)
                return 1
            setup_seconds = time.perf_counter() - start
            child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"setup: {setup_seconds:.1f} s, child peak RSS {child_rss:.0f} MB")
        engine = open_engine(sqlite_url(path))
        with Session(engine) as session:
            stored = session.exec(select(func.count()).select_from(ListingRow)).one()
            scored = session.exec(select(func.count()).select_from(MatchRow)).one()
        size_gb = path.stat().st_size / 1e9
        print(f"database: {stored:,} listings, {scored:,} scores, {size_gb:.2f} GB")
        rss_before = rss_mb()
        print(f"peak RSS before the timed steps: {rss_before:.0f} MB\n")
        results: dict[str, Any] = {}

        # 1. top-20 matches -------------------------------------------------------------
        print("1. find_matches(engine, profile, MatchFilter(), limit=20)")
        views, records = capture_sql(
            engine, lambda: find_matches(engine, PROFILE, MatchFilter(), limit=20)
        )
        assert len(views) == 20, f"found {len(views)} matches"
        print(f"  first call (cold): {_fmt(sum(s for _, _, s in records)).strip()} in SQL")
        find_s = repeat(
            "find_matches",
            iter(lambda: lambda: find_matches(engine, PROFILE, MatchFilter(), limit=20), None),
            times,
        )
        print(
            f"  top scores: {[v.match.score for v in views[:5]]} … "
            f"{views[-1].match.score}; {sum(1 for v in views if v.also_on)} with other boards"
        )
        print("\n  statements find_matches issued (EXPLAIN QUERY PLAN):")
        explain(engine, records)
        results["find_peak"] = traced_peak_mb(
            lambda: find_matches(engine, PROFILE, MatchFilter(), limit=20)
        )
        if args.profile or statistics.median(find_s) * 1000 > TARGET_FIND_MS:
            profile_call(
                "find_matches", lambda: find_matches(engine, PROFILE, MatchFilter(), limit=20)
            )

        # 2. nightly upsert -------------------------------------------------------------
        batch = nightly_batch(engine, args.seed)  # fewer than NIGHTLY at a small --n
        changed_n = NIGHTLY_CHANGED if len(batch) == NIGHTLY else len(batch) // 10
        print(
            f"\n2. upsert_listings: {len(batch):,} listings of {NIGHTLY_SOURCE}, "
            f"{changed_n:,} changed, close_missing_from=None"
        )
        revisions = iter(range(1, 1000))

        def nightly() -> Callable[[], Any]:
            listings = with_changes(batch, next(revisions), changed_n)

            def run() -> None:
                counts = queries.upsert_listings(engine, listings, close_missing_from=None)
                expected = (0, changed_n, len(batch) - changed_n)
                assert (counts.new, counts.updated, counts.unchanged) == expected, counts

            return run

        upsert_s = repeat("upsert_listings", iter(nightly, None), min(times, 3))
        results["upsert_peak"] = traced_peak_mb(nightly())
        if args.profile or statistics.median(upsert_s) > TARGET_UPSERT_S:
            profile_call("upsert_listings", nightly())

        # 3. set_status -----------------------------------------------------------------
        print('\n3. set_status(engine, id, "applied", note="x")')
        ids = iter(random.Random(args.seed).sample(range(1, stored + 1), times + 2))

        def marking() -> Callable[[], Any]:
            listing_id = next(ids)
            return lambda: set_status(engine, listing_id, "applied", note="x")

        status_s = repeat("set_status", iter(marking, None), times)
        results["status_peak"] = traced_peak_mb(marking())
        if args.profile:
            profile_call("set_status", marking())
        rss_after = rss_mb()
        engine.dispose()

    def line(label: str, seconds: list[float], target: str, ok: bool | None) -> str:
        verdict = "" if ok is None else ("OK" if ok else "MISSED")
        return (
            f"{label:<34} median {_fmt(statistics.median(seconds))}  "
            f"min {_fmt(min(seconds))}  {target:<16} {verdict}"
        )

    find_ms = statistics.median(find_s) * 1000
    print(f"\n==== summary: {stored:,} listings, SQLite {size_gb:.2f} GB ====")
    if setup_seconds is not None:
        print(f"{'setup (not a target)':<34} {setup_seconds:8.1f} s")
    print(line("1. find_matches top-20", find_s, "target < 50 ms", find_ms < TARGET_FIND_MS))
    print(
        line(
            f"2. upsert {len(batch):,} ({changed_n:,} changed)",
            upsert_s,
            "target < 5 s",
            statistics.median(upsert_s) < TARGET_UPSERT_S,
        )
    )
    print(line("3. set_status", status_s, "(reported)", None))
    print(
        f"{'peak RSS, this process':<34} {rss_after:8.0f} MB "
        f"(before timed steps {rss_before:.0f} MB)   target < 300 MB "
        f"{'OK' if rss_after < TARGET_RSS_MB else 'MISSED'}"
    )
    print(
        f"{'tracemalloc peak per step':<34} find_matches {results['find_peak']:.1f} MB, "
        f"upsert {results['upsert_peak']:.1f} MB, set_status {results['status_peak']:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
