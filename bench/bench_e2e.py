"""Benchmark end to end: `jobmatch import` of N JSONL listings, then `jobmatch match`.

python bench/bench_e2e.py [--n 100000] [--seed 7] [--no-parts] [--import-only]
python bench/bench_e2e.py --n 20000 --write listings.jsonl    (only write the file, e.g. to profile)

Not a test. Writes N listings (README "Listings JSONL") grown from bench/ingest_replay.py's
templates: varied titles, companies, places, 1-5 KB descriptions (HTML for most, plain
text or a short ad for the rest), a salary line on a third, from four sources. Then runs
the installed CLI as a user would, each command in its own process under /usr/bin/time:

  .venv/bin/jobmatch --config CFG import listings.jsonl
  .venv/bin/jobmatch --config CFG match            (one profile: profiles/example.toml)

into an empty SQLite store, with the default [matcher] workers (one per core). Prints each
command's wall time and peak RSS (the largest process, as wait4 reports it) and the peak
RSS of the whole process tree (match forks workers; sampled from /proc every 0.1 s).
Targets: import + match <= 60 s, peak RSS <= 400 MB.

The CLI prints no timings of its own, so the parts (parse, store, extract, group, score)
are timed in a second, separate process that calls the functions those commands call,
in the same order, on a fresh store: stream_jsonl into store_in_batches (parse is the
time spent reading listings, store the time spent storing them, in batches as the
command does), extract_new_facts, group_duplicates, score_profile. `--no-parts` skips it.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_replay import make_posting  # noqa: E402

if TYPE_CHECKING:
    from scraper.listing import Listing

ROOT = Path(__file__).resolve().parent.parent
JOBMATCH = ROOT / ".venv" / "bin" / "jobmatch"
PROFILE = ROOT / "profiles" / "example.toml"
SOURCES = ("export:linkedin", "export:naukri", "export:indeed", "export:careers")
PAY = ("INR 18,00,000 - 28,00,000 per annum", "₹25-35 LPA", "$140,000 - $175,000 a year",
       "€70k-€90k", "USD 60-75 per hour", "Competitive")  # fmt: skip
TARGET_S, TARGET_MB = 60.0, 400.0


def write_listings(path: Path, n: int, seed: int) -> float:
    """N listings as JSONL; returns the mean description length in KB."""
    rng = random.Random(seed)
    total = 0
    with path.open("w", encoding="utf-8") as out:
        for k in range(n):
            posting = make_posting(rng, k, size=(2000, 5000))
            shape = rng.random()
            if shape < 0.7:
                description = posting.html
            elif shape < 0.85:  # a plain-text export
                description = "\n".join(
                    [posting.title, *posting.duties, "Requirements:", *posting.requirements]
                )
            else:  # a short ad
                description = (
                    posting.intro
                    + "<ul>"
                    + "".join(f"<li>{d}</li>" for d in posting.duties[:4])
                    + "</ul>"
                )
            total += len(description)
            record = {
                "id": f"job-{k}",
                "source": SOURCES[k % len(SOURCES)],
                "title": posting.title,
                "url": f"https://jobs.example/{k}",
                "company": posting.company,
                "location": posting.location,
                "remote": True if posting.remote_type == "Remote" else None,
                "employment_type": "full-time",
                "posted_at": posting.posted.isoformat(),
                "salary_text": rng.choice(PAY) if rng.random() < 0.33 else None,
                "description": description,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return total / n / 1024


def write_config(folder: Path) -> Path:
    path = folder / "config.toml"
    path.write_text(
        "[storage]\n"
        f"url = {json.dumps('sqlite:///' + str(folder / 'jobs.db'))}\n"
        "[[profiles]]\n"
        'name = "example"\n'
        f"path = {json.dumps(str(PROFILE))}\n",
        encoding="utf-8",
    )
    return path


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, from /proc."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines()
                          if line.startswith("VmRSS:"))  # fmt: skip
            for task in Path(f"/proc/{current}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, StopIteration, ValueError):
            continue  # it ended meanwhile
    return total / 1024


def timed_cli(*args: str) -> tuple[float, float, float, str]:
    """Run the installed CLI under /usr/bin/time: (seconds, peak RSS of its largest process
    in MB, peak RSS of its process tree in MB, stderr)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        start = time.perf_counter()
        process = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, str(JOBMATCH), *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        tree = 0.0
        while process.poll() is None:
            tree = max(tree, tree_rss_mb(process.pid))
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        stderr = process.stderr.read() if process.stderr else ""
        if process.returncode != 0:
            raise SystemExit(f"jobmatch {' '.join(args)} exited {process.returncode}: {stderr}")
        largest = int(Path(report.name).read_text().split()[-1]) / 1024
    return seconds, largest, tree, stderr.strip().splitlines()[-1]


def parts(listings: Path, folder: Path) -> None:
    """The same work in phases (a separate process): what `import` and `match` call."""
    from jobmatch.config import load_config
    from jobmatch.importer import store_in_batches, stream_jsonl
    from jobmatch.pipeline import extract_new_facts, group_duplicates, score_profile
    from matcher.profile import load_profile
    from storage.engine import open_engine

    config = load_config(write_config(folder))
    engine = open_engine(config.storage.url)
    workers = config.matcher.worker_count()
    clock = time.perf_counter
    took: list[tuple[str, float, str]] = []
    parsing = 0.0

    def timed_reading() -> Iterator[Listing]:
        nonlocal parsing
        stream = stream_jsonl(listings, lambda problem: print(problem, file=sys.stderr))
        while True:
            start = clock()
            item = next(stream, None)
            parsing += clock() - start
            if item is None:
                return
            yield item

    start = clock()
    counts = store_in_batches(engine, timed_reading())
    took.append(("parse", parsing, f"{counts.fetched:,} listings"))
    took.append(("store", clock() - start - parsing, f"{counts.new:,} new, in batches"))
    start = clock()
    fresh = extract_new_facts(engine, workers=workers)
    took.append(("extract", clock() - start, f"{len(fresh):,} listings, {workers} workers"))
    start = clock()
    changed = group_duplicates(engine, fresh)
    took.append(("group", clock() - start, f"{changed:,} listings changed group"))
    start = clock()
    profile = load_profile(PROFILE)
    scored = score_profile(
        engine,
        profile,
        weights=config.matcher.weights,
        rates_to_usd=config.matcher.rates_to_usd,
        workers=workers,
    )
    took.append(("score", clock() - start, f"{scored:,} listings, {workers} workers"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for name, seconds, what in took:
        print(f"  {name:<8} {seconds:7.2f} s  ({what})")
    print(
        f"  {'total':<8} {sum(s for _, s, _ in took):7.2f} s   (peak RSS of this process {rss:.0f} MB)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="listings (default 100000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-parts", action="store_true", help="skip timing the parts")
    parser.add_argument(
        "--import-only", action="store_true", help="only `jobmatch import` (its time and memory)"
    )
    parser.add_argument(
        "--write", type=Path, metavar="FILE", help="only write the N listings to FILE, and stop"
    )
    parser.add_argument("--parts-of", nargs=2, metavar=("JSONL", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parts_of:  # the child that times the parts
        parts(Path(args.parts_of[0]), Path(args.parts_of[1]))
        return 0
    if args.write:
        mean_kb = write_listings(args.write, args.n, args.seed)
        print(f"{args.n:,} listings written to {args.write}, descriptions {mean_kb:.1f} KB")
        return 0

    with tempfile.TemporaryDirectory(prefix="jobmatch-e2e-") as tmp:
        folder = Path(tmp)
        listings = folder / "listings.jsonl"
        start = time.perf_counter()
        mean_kb = write_listings(listings, args.n, args.seed)
        size_mb = listings.stat().st_size / 1e6
        print(f"{args.n:,} listings written: {size_mb:.0f} MB JSONL, descriptions {mean_kb:.1f} KB"
              f" on average ({time.perf_counter() - start:.1f} s, not timed)")  # fmt: skip
        config = write_config(folder)
        import_s, import_mb, import_tree, said = timed_cli(
            "--config", str(config), "import", str(listings)
        )
        print(f"jobmatch import  {import_s:7.2f} s  peak RSS {import_mb:4.0f} MB"
              f" (tree {import_tree:.0f} MB)   {said}")  # fmt: skip
        if args.import_only:
            return 0
        match_s, match_mb, match_tree, said = timed_cli("--config", str(config), "match")
        print(f"jobmatch match   {match_s:7.2f} s  peak RSS {match_mb:4.0f} MB"
              f" (tree {match_tree:.0f} MB)   {said}")  # fmt: skip
        total, peak, tree = (
            import_s + match_s,
            max(import_mb, match_mb),
            max(import_tree, match_tree),
        )
        print(
            f"end to end       {total:7.2f} s  target <= {TARGET_S:.0f} s   "
            f"{'OK' if total <= TARGET_S else 'MISSED'}"
        )
        print(
            f"peak RSS         {peak:7.0f} MB largest process, {tree:.0f} MB process tree;"
            f" target <= {TARGET_MB:.0f} MB  {'OK' if peak <= TARGET_MB else 'MISSED'}"
        )
        if not args.no_parts:
            parts_folder = folder / "parts"
            parts_folder.mkdir()
            print("parts (a separate process, the same calls in phases, fresh store):", flush=True)
            subprocess.run(
                [sys.executable, __file__, "--parts-of", str(listings), str(parts_folder)],
                check=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
