"""Benchmark fact extraction: ms per listing on every labelled set and on long postings.

python bench/bench_extract.py [--rounds 5] [--profile] [--baseline REV]

Not a test. Times `matcher.extract.extract_facts` in one process on the labelled sets
(the shared dev set, bench/sets/holdout-1..7 and dupes-1) and on `long`: 100 postings of 4-8 KB
built from those sets' descriptions wrapped in the boilerplate real boards carry (about
us, benefits, multi-city pay tables, EEO and privacy statements, hiring steps). Each
listing is timed `--rounds` times and its fastest round kept; per set it prints the median
and p95 of those per-listing times, and ("cold") the median of one extraction per listing
with the per-title and per-location caches emptied just before it.

  --profile       adds a cProfile of extraction over every set: the functions that take
                  the time, by own time and by cumulative time.
  --baseline REV  also times the matcher as it was at git revision REV (its `matcher/`
                  package exported to a temporary folder and run in a subprocess, one
                  after the other in the same run), prints both and the speed-up, and
                  checks the facts are identical listing by listing.
  --write-long F  writes the generated long postings to F (JSONL), to read them.
  --write-goldens rewrites tests/fixtures/facts_golden/<set>.json from the current matcher
                  (see tests/test_facts_golden.py for when that is allowed).

Target (issue 13): median <= 0.3 ms on dev, <= 1 ms on long postings.

Figures (2-core dev machine, 2026-12-06, `--baseline HEAD --rounds 5`, one run; the
machine is shared, so runs vary by about 5%):

    set        median ms  p95 ms   cold   before: median    p95   cold  speed-up
    dev            0.378   0.527  0.503            3.059  5.154  3.232      8.1x
    holdout-1      0.343   0.477  0.475            2.613  4.844  2.914      7.6x
    holdout-2      0.357   0.503  0.480            3.086  6.529  3.506      8.6x
    holdout-3      0.367   0.495  0.487            3.749  5.859  4.057     10.2x
    holdout-4      0.393   0.542  0.536            4.100  6.615  4.273     10.4x
    long           1.195   1.699  1.368           20.650 31.925 21.027     17.3x
    facts identical to HEAD: 500/500 listings

Before, `--profile` (3 passes, 13.1 s): certification, skill and methodology mentions
(one regex per name over the whole text, clause splitting three times) 47%; the domain
word counts that tell a construction project from a software one 16%; working conditions
15%; degrees, work mode, html_to_text (run three times per listing), years, salary the
rest. Each was a case-insensitive regex tried at every character of the text. After
(1.8 s): mentions 23%, years 22% (with the text's one automaton pass), work mode 11%,
conditions 10%, salary 7%, degrees 6%; most of what remains is Python bookkeeping around
`re.match` at the few places a pattern can start.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import inspect
import io
import json
import pstats
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# The labelled sets, in the order they are printed; the shared dev set lives beside the repo.
SETS = {
    "dev": REPO.parent / "shared/eval/dev/listings.jsonl",
    **{f"holdout-{n}": REPO / f"bench/sets/holdout-{n}/listings.jsonl" for n in range(1, 8)},
    "dupes-1": REPO / "bench/sets/dupes-1/listings.jsonl",
}
GOLDENS = REPO / "tests/fixtures/facts_golden"
LONG_COUNT = 100
LONG_SEED = 13  # the number: the long set is the same on every run and machine

Listing = dict[str, Any]


def read_listings(path: Path) -> list[Listing]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def labelled_sets() -> dict[str, list[Listing]]:
    """Every labelled set whose file is present (the shared dev set may not be)."""
    return {name: read_listings(path) for name, path in SETS.items() if path.exists()}


# --- long postings -----------------------------------------------------------------------
# Boilerplate as real boards carry it, in the shapes that cost a parser most: money that is
# not pay, places that are not where the job is, level and years words in other senses.

ABOUT = [
    "<h2>About {company}</h2><p>{company} was founded in 2012 by three engineers who were "
    "tired of spreadsheets. Today more than 4,000 companies in 60 countries, from two-person "
    "start-ups to the Fortune 500, run their operations on our platform. We have raised "
    "$180M from Sequoia, Index Ventures and Accel, and we are proud to have been named one "
    "of the Best Places to Work for five years in a row.</p><p>We have offices in London, "
    "Berlin, New York, Toronto and Bengaluru, and more than 1,100 people working across 30 "
    "time zones. Our customers include Spotify, Unilever and the NHS.</p>",
    "<p><strong>Who we are</strong></p><p>At {company}, we believe great software should be "
    "accessible to every business. Since our Series B in 2021 ($65 million led by Insight "
    "Partners) our ARR has grown 4x to over $120M. We are a team of 850+ curious, kind and "
    "driven people headquartered in Amsterdam with hubs in Lisbon, Warsaw and Austin.</p>"
    "<p>Our mission is simple: help teams ship faster, with less chaos. Over 15 years we "
    "have learned that the best products come from diverse teams who trust each other.</p>",
    "<p>{company} is a global leader in digital transformation services. With 25,000+ "
    "professionals across 18 countries, we partner with enterprises in banking, healthcare, "
    "retail and manufacturing to design, build and run the systems that power their "
    "business. Recognised as a Great Place to Work® and a Leader in the Gartner Magic "
    "Quadrant, {company} has delivered more than 3,000 projects since 2004.</p><p>Our "
    "delivery centres in Pune, Hyderabad, Chennai and Noida work around the clock with "
    "clients in North America, Europe and APAC.</p>",
    "<h3>Life at {company}</h3><p>We're a remote-friendly company of about 300 people. Most "
    "of us work from home; some of us like the buzz of our studios in Manchester and "
    "Dublin. We meet in person twice a year for a company offsite, and teams get together "
    "every quarter.</p><p>We are backed by world-class investors and are profitable, which "
    "means we get to make long-term decisions for our customers and our people.</p>",
]
BENEFITS = [
    "<h3>What we offer</h3><ul><li>Competitive salary and equity in a fast-growing company"
    "</li><li>Private medical, dental and vision insurance for you and your dependants</li>"
    "<li>25 days of paid holiday plus public holidays, and your birthday off</li><li>16 "
    "weeks of fully paid parental leave for all parents</li><li>A $1,500 yearly learning "
    "and development budget for courses, books and conferences</li><li>A one-off $500 "
    "home-office set-up allowance and a $75 monthly internet stipend</li><li>Pension "
    "contribution matched up to 5%</li><li>Wellbeing budget of €600 a year, plus free "
    "access to Headspace and Calm</li><li>Cycle-to-work scheme and season ticket loans</li>"
    "</ul>",
    "<p><strong>Benefits &amp; perks</strong></p><ul><li>Comprehensive health coverage "
    "(medical, dental, vision) with 100% of premiums paid for employees</li><li>401(k) "
    "with a 4% company match, vested immediately</li><li>Flexible time off, with a minimum "
    "of 20 days encouraged every year</li><li>Annual bonus and RSUs</li><li>Fertility and "
    "family-forming benefits of up to $20,000</li><li>Commuter benefits and a gym stipend "
    "of $100 per month</li><li>Employee resource groups and volunteering days</li></ul>",
    "<p>Perks:</p><ul><li>Medical insurance cover of INR 5,00,000 for you, your spouse, "
    "children and parents</li><li>Group term life insurance and accident cover</li><li>"
    "Meal cards, cab facility for late hours and a flexible benefits plan</li><li>"
    "Certifications sponsored by the company: AWS, Azure and Scrum courses paid for</li>"
    "<li>Quarterly team outings and annual offsite</li><li>Performance bonus up to 15% of "
    "fixed CTC</li></ul>",
    "<h3>Was wir bieten / What we offer</h3><ul><li>30 days of vacation and flexible "
    "working hours</li><li>Company pension scheme and a Deutschlandticket</li><li>€1,000 "
    "personal development budget per year</li><li>Latest MacBook Pro and equipment of your "
    "choice</li><li>Regular team events in our Berlin office</li></ul>",
]
PAY_TABLES = [
    "<p><strong>Pay transparency</strong></p><p>The base salary range for this role depends "
    "on location. San Francisco Bay Area, New York City and Seattle: $172,000 - $215,000 "
    "USD. Los Angeles, Boston and Washington, D.C.: $158,000 - $198,000 USD. All other US "
    "locations: $142,000 - $178,000 USD. Canada (Toronto, Vancouver): CA$150,000 - "
    "CA$185,000 CAD.</p><p>This range reflects base salary only; total compensation also "
    "includes equity, an annual bonus target of 10% and benefits. Individual pay is "
    "decided on skills, experience and relevant education or training.</p>",
    "<p>Compensation ranges by geographic zone:</p><ul><li>Zone 1 (San Francisco, New "
    "York): $185,000 – $230,000</li><li>Zone 2 (Austin, Chicago, Denver, Seattle): "
    "$166,500 – $207,000</li><li>Zone 3 (all other US locations): $148,000 – $184,000</li>"
    "</ul><p>Our salary ranges are determined by role, level and location. Within the "
    "range, individual pay is determined by work location and job-related skills, "
    "experience and relevant education or training.</p>",
    "<p>For roles based in Colorado, California, New York or Washington, the expected base "
    "pay is $130,000 to $165,000 per year. Hourly contractors on this team are paid $65 to "
    "$90 per hour. In the UK the range is £85,000 – £105,000; in Germany €90,000 – "
    "€112,000; in Poland 28 000 - 35 000 PLN per month (B2B).</p>",
]
EEO = [
    "<p><em>{company} is an equal opportunity employer. We celebrate diversity and are "
    "committed to creating an inclusive environment for all employees. All qualified "
    "applicants will receive consideration for employment without regard to race, color, "
    "religion, sex, sexual orientation, gender identity, national origin, age, disability, "
    "protected veteran status or any other characteristic protected by law.</em></p><p>We "
    "will consider for employment qualified applicants with arrest and conviction records "
    "in accordance with the San Francisco Fair Chance Ordinance.</p>",
    "<p>We are committed to building a diverse team. If you are excited about this role "
    "but your experience doesn't align perfectly with every qualification, we encourage "
    "you to apply anyway: you may be just the right candidate. Studies show that women and "
    "people of colour are less likely to apply unless they meet every single "
    "requirement.</p><p>Reasonable accommodations are available for applicants with "
    "disabilities. Please reach out to accommodations@example.com at any stage of the "
    "process.</p>",
    "<p>{company} provides equal employment opportunities (EEO) to all employees and "
    "applicants without regard to race, colour, caste, religion, gender, age, marital "
    "status, disability or any other protected category. We do not charge any fee at any "
    "stage of the recruitment process; beware of fraudulent offers asking for money.</p>",
]
PROCESS = [
    "<h3>Our hiring process</h3><ol><li>A 30-minute call with our talent team</li><li>A "
    "45-minute conversation with the hiring manager</li><li>A take-home case study (about "
    "2 hours; we pay you for your time)</li><li>A final round with three team members, "
    "including a values interview</li></ol><p>The whole process usually takes 3 to 4 "
    "weeks. We will get back to you within 5 working days after every stage.</p>",
    "<p>Please apply with your CV in English. Applications are reviewed on a rolling "
    "basis; the posting closes on 31 March. Only shortlisted candidates will be contacted. "
    "Notice period: immediate joiners to 30 days preferred.</p>",
    "<p><strong>Privacy notice</strong></p><p>By applying you confirm that you have read "
    "our Candidate Privacy Notice. We keep your data for up to 2 years after the process "
    "ends, in line with the GDPR, and you may ask us to delete it at any time. Recruitment "
    "agencies: we do not accept unsolicited CVs and will not pay fees for them.</p>",
]
BLOCKS = (ABOUT, BENEFITS, PAY_TABLES, EEO, PROCESS)


def _as_html(description: str) -> str:
    """Plain-text descriptions become paragraphs, so every long posting is one HTML page."""
    if description.lstrip().startswith("<"):
        return description
    return "".join(f"<p>{line}</p>" for line in description.splitlines() if line.strip())


def long_postings(sets: dict[str, list[Listing]]) -> list[Listing]:
    """LONG_COUNT postings of 4-8 KB: a labelled listing's own description inside an about-us
    opening and boilerplate blocks drawn (with a fixed seed) until the target size."""
    rng = random.Random(LONG_SEED)
    pool = sorted((listing for rows in sets.values() for listing in rows), key=lambda r: r["id"])
    bases = rng.sample(pool, min(LONG_COUNT, len(pool)))
    postings = []
    for number, base in enumerate(bases, start=1):
        company = base.get("company") or "Acme"
        target = rng.randint(4000, 8000)
        parts = [rng.choice(ABOUT), _as_html(base.get("description") or "")]
        kinds = [kind for kind in BLOCKS if kind is not ABOUT]
        rng.shuffle(kinds)
        while sum(map(len, parts)) < target:
            block = rng.choice(kinds[len(parts) % len(kinds)])
            if sum(map(len, parts)) + len(block) > 8000:
                break
            parts.append(block)
        html = "".join(parts).replace("{company}", company)
        postings.append({**base, "id": f"long-{number:03d}", "description": html})
    return postings


# --- timing ------------------------------------------------------------------------------


def extractor() -> Callable[[Listing], Any]:
    """extract_facts of whichever `matcher` is first on sys.path, taking a set's row."""
    extract_facts = importlib.import_module("matcher.extract").extract_facts
    salary_range = importlib.import_module("matcher.facts").SalaryRange

    # An older matcher (compared by --against) may not read the board's employment type yet.
    takes_employment = "employment_type" in inspect.signature(extract_facts).parameters
    takes_company = "company" in inspect.signature(extract_facts).parameters

    def extract(listing: Listing) -> Any:
        structured = listing.get("structured_salary")
        extra = {"employment_type": listing.get("employment_type")} if takes_employment else {}
        if takes_company:
            extra["company"] = listing.get("company") or ""
        return extract_facts(
            title=listing.get("title") or "",
            description=listing.get("description") or "",
            location=listing.get("location") or "",
            salary_text=listing.get("salary_text"),
            remote=listing.get("remote"),
            structured_salary=salary_range(**structured) if structured else None,
            **extra,
        )

    return extract


def all_sets() -> dict[str, list[Listing]]:
    sets = labelled_sets()
    return {**sets, "long": long_postings(sets)}


def string_caches() -> list[Any]:
    """The per-string caches (functools.lru_cache with a size: titles, locations) of the
    matcher's extraction modules; pattern and taxonomy caches are left warm."""
    found = []
    for name, module in list(sys.modules.items()):
        if name.startswith("matcher.extract"):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if callable(info) and info().maxsize is not None and value not in found:
                    found.append(value)
    return found


def time_sets(sets: dict[str, list[Listing]], rounds: int) -> dict[str, dict[str, list[float]]]:
    """Per set, each listing's fastest of `rounds` extractions ("warm"), and its time with
    the per-string caches emptied just before ("cold"), in ms."""
    extract = extractor()
    for rows in sets.values():  # warm-up: compile the patterns, read the taxonomy
        for listing in rows:
            extract(listing)
    caches = string_caches()
    times: dict[str, dict[str, list[float]]] = {}
    for name, rows in sets.items():
        cold = []
        for listing in rows:
            for cache in caches:
                cache.cache_clear()
            start = time.perf_counter()
            extract(listing)
            cold.append((time.perf_counter() - start) * 1000)
        times[name] = {"warm": [float("inf")] * len(rows), "cold": cold}
    for _ in range(rounds):
        for name, rows in sets.items():
            best = times[name]["warm"]
            for index, listing in enumerate(rows):
                start = time.perf_counter()
                extract(listing)
                best[index] = min(best[index], (time.perf_counter() - start) * 1000)
    return times


def facts_of(sets: dict[str, list[Listing]]) -> dict[str, dict[str, Any]]:
    extract = extractor()
    return {row["id"]: extract(row).to_dict() for rows in sets.values() for row in rows}


def write_goldens(sets: dict[str, list[Listing]]) -> None:
    """Each set's facts per listing id, with the MATCHER_VERSION that extracted them."""
    missing = [name for name in SETS if name not in sets]
    if missing:  # the long set is built from all of them: it would differ too
        raise SystemExit(f"not writing goldens: {', '.join(missing)} not found")
    version = importlib.import_module("matcher").MATCHER_VERSION
    GOLDENS.mkdir(parents=True, exist_ok=True)
    for name, rows in sets.items():
        facts = facts_of({name: rows})
        # One listing a line: a deliberate change shows in review as the listings it moved.
        lines = ",\n".join(
            f"  {json.dumps(key)}: {json.dumps(facts[key], sort_keys=True, ensure_ascii=False)}"
            for key in sorted(facts)
        )
        text = f'{{\n "matcher_version": {json.dumps(version)},\n "facts": {{\n{lines}\n }}\n}}\n'
        (GOLDENS / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"wrote {GOLDENS.relative_to(REPO) / name}.json ({len(rows)} listings)")


def median_p95(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def print_profile(sets: dict[str, list[Listing]], passes: int = 3) -> None:
    extract = extractor()
    rows = [listing for listing in (r for s in sets.values() for r in s)]
    for listing in rows:
        extract(listing)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(passes):
        for listing in rows:
            extract(listing)
    profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(25)
        print(f"\n--- profile, {passes} passes over {len(rows)} listings, by {order} ---")
        print(out.getvalue().split("\n\n", 2)[-1].rstrip())


# --- baseline ------------------------------------------------------------------------------


def run_baseline(revision: str, rounds: int) -> dict[str, Any]:
    """Times and facts of the matcher at `revision`, from a subprocess importing it."""
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", "--format=tar", revision, "matcher"],
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        result = subprocess.run(
            [sys.executable, __file__, "--matcher-path", folder, "--rounds", str(rounds), "--json"],
            check=True,
            capture_output=True,
            text=True,
        )
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def differences(before: dict[str, Any], after: dict[str, Any]) -> Iterator[str]:
    """One line per listing whose facts differ, naming the first field that does."""
    for listing_id, facts in before.items():
        now = after.get(listing_id, {})
        for field, value in facts.items():
            if now.get(field) != value:
                yield f"{listing_id}: {field} was {value!r}, now {now.get(field)!r}"
                break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timings per listing; best kept")
    parser.add_argument("--profile", action="store_true", help="print a cProfile breakdown")
    parser.add_argument("--baseline", metavar="REV", help="also time the matcher at REV")
    parser.add_argument("--write-long", type=Path, metavar="FILE", help="write the long set")
    parser.add_argument("--write-goldens", action="store_true", help="rewrite the facts goldens")
    parser.add_argument("--matcher-path", help=argparse.SUPPRESS)  # the baseline's subprocess
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, args.matcher_path or str(REPO))

    sets = all_sets()
    if args.write_long:
        lines = (json.dumps(row, ensure_ascii=False) for row in sets["long"])
        args.write_long.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.write_goldens:
        write_goldens(sets)
        return 0
    if args.json:
        print(json.dumps({"times": time_sets(sets, args.rounds), "facts": facts_of(sets)}))
        return 0
    before = run_baseline(args.baseline, args.rounds) if args.baseline else None
    times = time_sets(sets, args.rounds)
    header = f"{'set':<10} {'n':>4} {'KB':>5}  {'median ms':>9} {'p95 ms':>7} {'cold':>7}"
    print(header + ("   before: median    p95   cold  speed-up" if before else ""))
    for name, rows in sets.items():
        kb = statistics.median(len(r.get("description") or "") for r in rows) / 1000
        median, p95 = median_p95(times[name]["warm"])
        cold = statistics.median(times[name]["cold"])
        line = f"{name:<10} {len(rows):>4} {kb:>5.1f}  {median:>9.3f} {p95:>7.3f} {cold:>7.3f}"
        if before:
            old_median, old_p95 = median_p95(before["times"][name]["warm"])
            old_cold = statistics.median(before["times"][name]["cold"])
            line += f"   {old_median:>14.3f} {old_p95:>6.3f} {old_cold:>6.3f} {old_median / median:>8.1f}x"
        print(line)
    if before:
        now = json.loads(json.dumps(facts_of(sets)))  # as the subprocess sent them: lists
        changed = list(differences(before["facts"], now))
        total = len(before["facts"])
        print(f"facts identical to {args.baseline}: {total - len(changed)}/{total} listings")
        for difference in changed[:20]:
            print("  " + difference)
    if args.profile:
        print_profile(sets)
    return 0


if __name__ == "__main__":
    sys.exit(main())
