"""Benchmark scoring: N synthetic stored listings with facts, scored for one profile.

python bench/bench_score.py [--n 100000] [--seed 7] [--workers N] [--db URL] [--profile]

Not a test. Builds varied Facts directly (no extraction), stores the listings with
storage.queries.upsert_listings + save_facts in a temporary SQLite database, then times
  - pipeline.score_profile end to end (load rows, score, save matches) with the configured
    number of worker processes (default one per core), and in one process,
  - its parts in one process: loading the rows, the pure scoring loop without DB I/O,
    saving matches (the cyclic GC off, as score_profile has it).
Target: 100k listings in under 3 s on a 2-core machine. `--profile` adds a cProfile of
score_profile in one process (top functions by cumulative and by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from sqlmodel import Session, SQLModel, select  # noqa: E402

from jobmatch.config import MatcherSection  # noqa: E402
from jobmatch.pipeline import profile_hash, score_profile, skill_rarity  # noqa: E402
from matcher import MATCHER_VERSION  # noqa: E402
from matcher.context import scoring_context  # noqa: E402
from matcher.dedupe import description_words  # noqa: E402
from matcher.facts import ROLE_VARIANTS, SENIORITIES, WORK_MODES, Facts, SalaryRange  # noqa: E402
from matcher.profile import MinSalary, Profile  # noqa: E402
from matcher.score import score_listing  # noqa: E402
from scraper.listing import Listing  # noqa: E402
from storage import queries  # noqa: E402
from storage.engine import open_engine, sqlite_url  # noqa: E402
from storage.models import ListingRow  # noqa: E402

T = TypeVar("T")
NOW = datetime(2030, 6, 1, tzinfo=UTC)

TITLES = {
    "technical_project_manager": ["Technical Project Manager", "Senior Technical Project Manager"],
    "technical_program_manager": ["Technical Program Manager", "Staff Technical Program Manager"],
    "it_project_manager": ["IT Project Manager", "Project Manager - IT Infrastructure"],
    "agile_project_manager": ["Agile Project Manager", "Release Train Engineer"],
    "scrum_master": ["Scrum Master", "Senior Scrum Master"],
    "devops_project_manager": ["DevOps Project Manager"],
    "delivery_manager": ["Delivery Manager", "Software Delivery Manager"],
    "technical_project_assistant": ["Project Coordinator", "Associate Technical Project Manager"],
    "product_manager": ["Product Manager", "Technical Product Manager"],
    "non_technical_project_manager": ["Construction Project Manager", "Marketing Project Manager"],
    "engineering_role": ["Backend Engineer", "DevOps Engineer", "Data Engineer"],
    "other": ["Account Executive", "Customer Support Associate", "Recruiter"],
}
CERTS = ["PMP", "CAPM", "PRINCE2", "CSM", "PSM", "PMI-ACP", "SAFe", "CSPO", "ITIL", "AWS Certified"]
SKILLS = [
    "Jira", "Confluence", "AWS", "Azure", "GCP", "Gantt charts", "MS Project", "Smartsheet",
    "Asana", "Trello", "Miro", "Excel", "budgeting", "risk management",
    "stakeholder management", "release planning", "dependency management",
    "vendor management", "REST APIs", "CI/CD", "SQL", "Python", "Kubernetes", "Docker",
    "Terraform", "Git", "ServiceNow", "data analysis",
]  # fmt: skip
METHODS = ["Agile", "Scrum", "Kanban", "Waterfall", "Lean", "DevOps", "SAFe"]
PLACES = [  # (city, country, location text)
    ("Bengaluru", "IN", "Bengaluru, Karnataka, India"),
    ("Hyderabad", "IN", "Hyderabad, Telangana, India"),
    ("Pune", "IN", "Pune, Maharashtra, India"),
    ("Mumbai", "IN", "Mumbai, India"),
    (None, "IN", "India"),
    ("London", "GB", "London, UK"),
    ("Berlin", "DE", "Berlin, Germany"),
    ("Amsterdam", "NL", "Amsterdam, Netherlands"),
    (None, "US", "United States"),
    (None, None, "Remote"),
]
PAY = [  # currency, period, low bound range
    ("INR", "year", (600_000, 6_000_000)),
    ("USD", "year", (60_000, 220_000)),
    ("EUR", "year", (45_000, 140_000)),
    ("GBP", "year", (40_000, 120_000)),
    ("USD", "hour", (30, 120)),
    ("INR", "month", (50_000, 400_000)),
]
SENTENCES = [
    "You will own delivery plans across several engineering teams and keep stakeholders aligned.",
    "Run sprint planning, daily stand-ups and retrospectives, and keep the backlog healthy.",
    "Track risks, dependencies and budgets, and report status to leadership every week.",
    "Work closely with product, design and QA to ship releases on a predictable cadence.",
    "Experience with Jira, Confluence and cloud platforms such as AWS or Azure is expected.",
    "We offer health insurance, a learning budget and flexible hours.",
    "Coordinate vendors and contractors, and keep contracts and invoices in order.",
    "Drive migration of legacy services to Kubernetes with the platform team.",
    "Strong written communication; you will write clear plans and decision records.",
    "Our office has a cafeteria, a gym and free parking; night shift allowance where applicable.",
    "Help hiring managers run interviews and onboard new engineers.",
    "A bachelor's degree in computer science or a related field is preferred.",
]


def _sample(rng: random.Random, items: list[T], low: int, high: int) -> tuple[T, ...]:
    return tuple(rng.sample(items, rng.randint(low, high)))


def synthetic(rng: random.Random, n: int) -> tuple[list[Listing], list[Facts]]:
    listings, facts = [], []
    for i in range(n):
        variant = rng.choice(ROLE_VARIANTS)
        title = rng.choice(TITLES[variant])
        city, country, location = rng.choice(PLACES)
        mode = rng.choice(WORK_MODES)
        if mode == "remote" and rng.random() < 0.5:
            city = None
        years = rng.choice([None, 0, 1, 2, 3, 5, 6, 8, 10, 12, 15])
        certs = _sample(rng, CERTS, 0, 3)
        skills = _sample(rng, SKILLS, 0, 8)
        methods = _sample(rng, METHODS, 0, 3)
        preferred = tuple(x for x in (*certs, *skills) if rng.random() < 0.3)
        salary = None
        if rng.random() < 0.6:
            currency, period, (lo, hi) = rng.choice(PAY)
            low = rng.uniform(lo, hi)
            salary = SalaryRange(
                min=round(low) if rng.random() < 0.9 else None,
                max=round(low * rng.uniform(1.1, 1.6)),
                currency=currency,
                period=period,
            )
        facts.append(
            Facts(
                role_variant=variant,
                seniority=rng.choice(SENIORITIES),
                years_min=years,
                years_max=None if years is None or rng.random() < 0.7 else years + 3,
                certifications=certs,
                skills=skills,
                methodologies=methods,
                preferred=preferred,
                degree_level=rng.choice([None, "bachelor", "master"]),
                salary=salary,
                work_mode=mode,
                country=country,
                city=city,
            )
        )
        description = " ".join(rng.choices(SENTENCES, k=rng.randint(5, 12)))
        listings.append(
            Listing(
                source=f"bench:{i % 20}",
                external_id=f"b-{i:06d}",
                url=f"https://jobs.example.org/{i}",
                title=title,
                company=f"Company {i % 997}",
                location=location,
                remote=mode == "remote",
                description=description,
                salary_text=None,
                posted_at=NOW - timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 23)),
                employment_type="full-time",
            )
        )
    return listings, facts


def bench_profile(name: str = "bench") -> Profile:
    return Profile(
        name=name,
        target_roles=("Technical Project Manager", "Technical Program Manager", "Scrum Master"),
        years_experience=8,
        seniority="senior",
        certifications=("PMP", "CSM"),
        skills=("Jira", "Confluence", "AWS", "risk management", "stakeholder management", "SQL"),
        methodologies=("Agile", "Scrum", "Kanban"),
        locations=("Bengaluru",),
        remote_ok=True,
        min_salary=MinSalary(amount=3_000_000, currency="INR", period="year"),
        exclude_keywords=("night shift", "service bond"),
    )


def timed(label: str, fn: Callable[[], T], n: int | None = None) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    rate = f"  ({n / seconds:,.0f} listings/s)" if n and seconds > 0 else ""
    print(f"{label:<44} {seconds:8.2f} s{rate}", flush=True)
    return result, seconds


def store(engine: Engine, listings: list[Listing], facts: list[Facts]) -> None:
    """Store the listings with their facts as if extracted (facts_version current, and the
    description words extraction stores with them)."""
    queries.upsert_listings(engine, listings, now=NOW)
    by_key = {(i.source, i.external_id): f for i, f in zip(listings, facts, strict=True)}
    with Session(engine) as session:
        rows = session.exec(
            select(
                ListingRow.source,
                ListingRow.external_id,
                ListingRow.id,
                ListingRow.content_hash,
                ListingRow.description,
            )
        ).all()
    payload: dict[int, tuple[str, dict[str, Any]]] = {}
    words: dict[int, str] = {}
    for source, external_id, row_id, content_hash, description in rows:
        found = by_key.get((source, external_id))
        if found is not None and row_id is not None:
            payload[row_id] = (content_hash, found.to_dict())
            words[row_id] = description_words(description)
    queries.save_facts(engine, payload, MATCHER_VERSION, words)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="listings (default 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="cProfile score_profile too")
    parser.add_argument("--workers", type=int, default=0, help="0: one per core (the default)")
    parser.add_argument(
        "--db", help="an empty database URL (e.g. PostgreSQL) instead of a temporary SQLite file"
    )
    args = parser.parse_args(argv)
    n = args.n
    matcher = MatcherSection(workers=args.workers)
    workers = matcher.worker_count()
    weights, rates = dict(matcher.weights), dict(matcher.rates_to_usd)
    profile = bench_profile()

    with tempfile.TemporaryDirectory(prefix="jobmatch-bench-") as tmp:
        engine = open_engine(args.db or sqlite_url(Path(tmp) / "bench.db"))
        if args.db and queries.count_listings(engine):
            print(f"{args.db} holds listings: give an empty database", file=sys.stderr)
            return 2
        print(f"{n:,} synthetic listings, matcher {MATCHER_VERSION}")
        (listings, facts), _ = timed(
            "setup: generate", lambda: synthetic(random.Random(args.seed), n)
        )
        timed("setup: upsert_listings + save_facts", lambda: store(engine, listings, facts), n)
        # The skills' document frequencies are counted once and stored (recounted when the
        # store changes a lot): a night's scoring finds them there. Timed apart.
        timed(
            "setup: skill count for rarity weights (stored)",
            lambda: skill_rarity(engine, now=NOW),
            n,
        )
        print()

        count, total = timed(
            f"score_profile (end to end, {workers} workers)",
            lambda: score_profile(
                engine, profile, weights=weights, rates_to_usd=rates, now=NOW, workers=workers
            ),
            n,
        )
        assert count == n, f"scored {count}, expected {n}"
        alone = bench_profile("bench-one-process")
        count, _ = timed(
            "score_profile (end to end, 1 process)",
            lambda: score_profile(engine, alone, weights=weights, rates_to_usd=rates, now=NOW),
            n,
        )
        assert count == n, f"scored {count}, expected {n}"
        gc.disable()  # as score_profile runs its parts

        # Its parts. A second profile name has nothing scored yet, so the same rows load.
        other = bench_profile("bench-parts")
        rows, _ = timed(
            "  part: listings_to_score (load rows)",
            lambda: queries.listings_to_score(
                engine, other.name, profile_hash(other), MATCHER_VERSION
            ),
            n,
        )
        plain = [(r.facts or {}, r.title, r.description, r.posted_at) for r in rows]
        context = scoring_context(other, weights=weights, rates_to_usd=rates, now=NOW)

        def loop() -> list[float]:
            return [
                score_listing(
                    Facts.from_dict(f), other, title=t, text=d, posted_at=p, context=context
                ).score
                for f, t, d, p in plain
            ]

        timed("  part: pure scoring loop (no DB I/O)", loop, n)
        built = [Facts.from_dict(f) for f, _, _, _ in plain]
        timed(
            "    of which score_listing alone",
            lambda: [
                score_listing(b, other, title=t, text=d, posted_at=p, context=context).score
                for b, (_, t, d, p) in zip(built, plain, strict=True)
            ],
            n,
        )
        records = [
            {
                "listing_id": r.id,
                "profile": other.name,
                "profile_hash": "x",
                "content_hash": r.content_hash,
                "matcher_version": MATCHER_VERSION,
                "score": 50.0,
                "reasons": ["title ≈ Technical Project Manager (100)", "level senior = yours"],
                "components": {"role": {"points": 35.0, "max": 35.0, "notes": []}},
                "scored_at": NOW,
            }
            for r in rows
        ]
        timed("  part: save_matches", lambda: queries.save_matches(engine, records), n)

        gc.enable()
        projected = total * 100_000 / n
        verdict = "meets" if projected < 3.0 else "misses"
        print(
            f"\nscore_profile, {workers} workers: {total:.2f} s for {n:,} = "
            f"{n / total:,.0f} listings/s; "
            f"{projected:.1f} s for 100k ({verdict} the 3 s target)"
        )

        if args.profile:
            third = bench_profile("bench-profiled")
            profiler = cProfile.Profile()
            profiler.enable()
            score_profile(engine, third, weights=weights, rates_to_usd=rates, now=NOW)
            profiler.disable()
            for key in ("cumulative", "tottime"):
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(25)
                print(f"\n--- cProfile of score_profile, by {key} ---")
                print(out.getvalue().split("\n\n", 1)[-1].rstrip())
        if args.db:  # leave the database as empty as it was given
            SQLModel.metadata.drop_all(engine)
            with engine.begin() as connection:
                connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
