"""Benchmark `jobmatch insights` on a store of N listings (default 100k).

python bench/bench_insights.py [--n 100000] [--seed 11] [--runs 3] [--keep DIR]

Not a test. The store is built from a small template set, the insights test fixture
(tests/fixtures/insights/listings.jsonl, 27 listings): each template's facts are extracted
once by the real extractor, then N listings are derived from them, each with its own
company, place and work mode, pay, years, posting date, and skills and certifications
drawn around the template's (so the counterfactual has hundreds of thousands of
skill mentions to weigh, as a real store would). They are stored with their facts, first
seen over the last 13 weeks (all inside the default 90-day window: the worst case), and
grouped and scored for the fixture's profile by `pipeline.refresh_scores`, as `jobmatch match`
would (so the timed command finds nothing left to do but the insights).

Then the whole command is timed as a user runs it, in a subprocess, `--runs` times:
  jobmatch --db sqlite:///…/bench.db insights --profile profile.toml --format json
(Python start-up, loading, the five sections and the output included), and once in process
by part. Target: under 10 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlmodel import Session, select  # noqa: E402

from jobmatch import pipeline  # noqa: E402
from jobmatch.config import MatcherSection  # noqa: E402
from jobmatch.importer import read_jsonl  # noqa: E402
from jobmatch.insights import compute_insights, store  # noqa: E402
from jobmatch.insights.render import render_json  # noqa: E402
from matcher import MATCHER_VERSION  # noqa: E402
from matcher.extract import extract_facts  # noqa: E402
from matcher.facts import SENIORITIES, Facts, SalaryRange  # noqa: E402
from matcher.profile import load_profile  # noqa: E402
from scraper.listing import Listing  # noqa: E402
from storage import queries  # noqa: E402
from storage.engine import open_engine, sqlite_url  # noqa: E402
from storage.models import ListingRow  # noqa: E402

T = TypeVar("T")
TEMPLATES = ROOT / "tests" / "fixtures" / "insights" / "listings.jsonl"
PROFILE = ROOT / "tests" / "fixtures" / "insights" / "profile.toml"
JOBMATCH = Path(sys.executable).with_name("jobmatch")

PLACES = [  # (city, country, location text, work mode or None for the template's)
    ("Bengaluru", "IN", "Bengaluru, Karnataka, India", None),
    ("Bengaluru", "IN", "Bengaluru, Karnataka, India", None),
    ("Hyderabad", "IN", "Hyderabad, Telangana, India", None),
    ("Pune", "IN", "Pune, Maharashtra, India", None),
    ("Mumbai", "IN", "Mumbai, Maharashtra, India", None),
    ("Chennai", "IN", "Chennai, Tamil Nadu, India", None),
    (None, "IN", "Remote, India", "remote"),
    (None, "IN", "Remote, India", "remote"),
    (None, None, "Remote", "remote"),
    ("London", "GB", "London, UK", None),
    ("Berlin", "DE", "Berlin, Germany", None),
    (None, "US", "United States", "remote"),
    ("Singapore", "SG", "Singapore", None),
]
SKILL_POOL = [
    "Jira", "Confluence", "AWS", "Azure", "GCP", "Gantt charts", "MS Project", "Smartsheet",
    "Excel", "budgeting", "risk management", "stakeholder management", "release planning",
    "dependency management", "vendor management", "scope management", "resource planning",
    "reporting", "REST APIs", "CI/CD", "SQL", "Python", "Kubernetes", "Docker", "Terraform",
    "Git", "ServiceNow", "data analysis", "Azure DevOps", "Asana",
]  # fmt: skip
METHOD_POOL = ["Agile", "Scrum", "Kanban", "Waterfall", "Lean", "DevOps", "SAFe", "ITIL", "OKRs"]
CERT_POOL = ["PMP", "CSM", "PSM", "PRINCE2", "SAFe", "PMI-ACP", "ITIL", "AWS Certified", "CSPO"]
PAY = {  # currency → (period, scale of a template's INR pay) for listings paid elsewhere
    "INR": ("year", 1.0),
    "USD": ("year", 0.012 * 2.2),
    "GBP": ("year", 0.0094 * 2.0),
    "EUR": ("year", 0.0113 * 2.0),
    "SGD": ("month", 0.016 * 2.0 / 12),
}


def templates() -> list[tuple[Listing, Facts]]:
    report = read_jsonl(TEMPLATES)
    assert not report.problems, report.problems
    return [
        (
            item,
            extract_facts(
                title=item.title,
                description=item.description,
                location=item.location,
                salary_text=item.salary_text,
                remote=item.remote,
                company=item.company,
            ),
        )
        for item in report.listings
    ]


def _drawn(
    rng: random.Random, kept: tuple[str, ...], pool: list[str], most: int
) -> tuple[str, ...]:
    """Most of the template's items, and a few more from the pool."""
    chosen = [x for x in kept if rng.random() < 0.8]
    for extra in rng.sample(pool, rng.randint(0, most)):
        if extra not in chosen:
            chosen.append(extra)
    return tuple(chosen)


def derive(rng: random.Random, n: int, now: datetime) -> list[tuple[Listing, Facts, datetime]]:
    """N listings from the templates: (listing, its facts, when first seen)."""
    base = templates()
    derived = []
    for i in range(n):
        item, facts = base[i % len(base)]
        city, country, location, mode = rng.choice(PLACES)
        work_mode = mode or (facts.work_mode if facts.work_mode != "remote" else "hybrid")
        certs = _drawn(rng, facts.certifications, CERT_POOL, 1 if rng.random() < 0.3 else 0)
        skills = _drawn(rng, facts.skills, SKILL_POOL, 4)
        methods = _drawn(rng, facts.methodologies, METHOD_POOL, 2)
        preferred = tuple(x for x in (*certs, *skills) if rng.random() < 0.25)
        years = facts.years_min
        if years is not None:
            years = max(0, years + rng.choice([-2, -1, 0, 0, 1, 2, 3]))
        seniority = facts.seniority
        if rng.random() < 0.25:
            seniority = SENIORITIES[
                min(
                    len(SENIORITIES) - 1, max(0, SENIORITIES.index(seniority) + rng.choice([-1, 1]))
                )
            ]
        salary = None
        if facts.salary is not None and rng.random() < 0.7:
            currency = (
                "INR" if country in (None, "IN") else rng.choice(["USD", "GBP", "EUR", "SGD"])
            )
            period, scale = PAY[currency]
            factor = scale * rng.uniform(0.7, 1.5)
            salary = SalaryRange(
                min=None if facts.salary.min is None else round(facts.salary.min * factor),
                max=None if facts.salary.max is None else round(facts.salary.max * factor),
                currency=currency,
                period=period,
            )
        first_seen = now - timedelta(days=rng.randint(0, 89), hours=rng.randint(0, 23))
        posted = first_seen - timedelta(days=rng.randint(0, 5)) if rng.random() < 0.8 else None
        derived.append(
            (
                replace(
                    item,
                    source=f"bench:{i % 40}",
                    external_id=f"bi-{i:06d}",
                    url=f"https://jobs.example.org/{i}",
                    company=f"Company {i % 1499}",
                    location=location,
                    remote=work_mode == "remote",
                    posted_at=posted,
                ),
                replace(
                    facts,
                    seniority=seniority,
                    years_min=years,
                    certifications=certs,
                    skills=skills,
                    methodologies=methods,
                    preferred=preferred,
                    salary=salary,
                    work_mode=work_mode,
                    country=country,
                    city=city,
                    remote_scope=(),
                ),
                first_seen,
            )
        )
    return derived


def build(url: str, n: int, seed: int) -> None:
    engine = open_engine(url)
    now = queries.utcnow()
    rows = derive(random.Random(seed), n, now)
    by_day: dict[datetime, list[Listing]] = {}
    for item, _, seen in rows:  # first seen on its own day: upsert stamps the batch's time
        by_day.setdefault(seen.replace(hour=0, minute=0, second=0, microsecond=0), []).append(item)
    for day, items in sorted(by_day.items()):
        queries.upsert_listings(engine, items, now=day)
    facts_by_key = {(i.source, i.external_id): f for i, f, _ in rows}
    with Session(engine) as session:
        stored = session.exec(
            select(
                ListingRow.source, ListingRow.external_id, ListingRow.id, ListingRow.content_hash
            )
        ).all()
    payload: dict[int, tuple[str, dict[str, Any]]] = {}
    for source, external_id, row_id, content_hash in stored:
        found = facts_by_key.get((source, external_id))
        if found is not None and row_id is not None:
            payload[row_id] = (content_hash, found.to_dict())
    queries.save_facts(engine, payload, MATCHER_VERSION)
    matcher = MatcherSection()
    # What `jobmatch match` does: group the duplicates, count the skills, score. Left to
    # the timed command, the one-time grouping of 100k new listings would be timed with it.
    pipeline.refresh_scores(
        engine,
        [load_profile(PROFILE)],
        weights=matcher.weights,
        rates_to_usd=matcher.rates_to_usd,
        workers=matcher.worker_count(),
    )
    engine.dispose()


def timed(label: str, fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<52} {seconds:7.2f} s", flush=True)
    return result, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="listings (default 100000)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--runs", type=int, default=3, help="timed runs of the command")
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jobmatch-bench-insights-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        database = folder / "bench.db"
        url = sqlite_url(database)
        if not database.exists():
            timed(
                f"setup: derive, store and score {args.n:,} listings",
                lambda: build(url, args.n, args.seed),
            )
        command = [
            str(JOBMATCH),
            "--db",
            url,
            "insights",
            "--profile",
            str(PROFILE),
            "--format",
            "json",
        ]
        figures, cpu = [], []
        for run in range(1, args.runs + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done, seconds = timed(
                f"jobmatch insights (whole command), run {run}",
                lambda: subprocess.run(
                    command, cwd=folder, capture_output=True, text=True, check=False
                ),
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            print(f"  CPU time of the command and its worker: {used:.2f} s", flush=True)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            figures.append(seconds)
            cpu.append(used)
        found = json.loads(done.stdout)
        openings = found["openings"]
        print(
            f"  {found['listings']:,} listings in the window; pay groups {len(found['pay']['groups'])}; "
            f"counterfactual: {openings['candidates']} candidates, {openings['evaluated']} rescored, "
            f"{openings['rescored']:,} listings rescored"
        )

        # The parts, in process.
        engine = open_engine(url)
        profile = load_profile(PROFILE)
        now = queries.utcnow()
        since = now - timedelta(days=90)
        timed(
            "  part: load the window (one query + statuses)",
            lambda: store.load(engine, profile.name, since),
        )
        matcher = MatcherSection()
        insights, _ = timed(
            "  part: compute_insights (load + five sections)",
            lambda: compute_insights(
                engine, profile, since=since, now=now, threshold=60.0,
                weights=matcher.weights, rates_to_usd=matcher.rates_to_usd,
            ),
        )  # fmt: skip
        timed("  part: render JSON", lambda: render_json(insights))
        engine.dispose()
        best = min(figures)
        verdict = "meets" if max(figures) < 10 else "misses"
        print(
            f"\njobmatch insights on {args.n:,} listings: {best:.2f} s best, {max(figures):.2f} s "
            f"worst of {len(figures)} runs ({verdict} the 10 s target); CPU {min(cpu):.1f} s; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
