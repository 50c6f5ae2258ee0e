"""Benchmark duplicate grouping: a full regroup of N open listings, then one night's.

python bench/bench_grouping.py [--n 100000] [--new 1000] [--seed 7]

Not a test. Stores N synthetic listings with facts (bench_score's generator) in a temporary
SQLite database, times pipeline.group_duplicates comparing everything, then stores `--new`
more listings (half of them copies of stored ones on another board) and times the nightly
call, which compares only those; checks that it stores what a full regroup would.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_score import store, synthetic  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from jobmatch.pipeline import group_duplicates  # noqa: E402
from storage.engine import open_engine, sqlite_url  # noqa: E402


def groups(engine: Engine) -> dict[int, int | None]:
    with engine.connect() as connection:
        return dict(connection.execute(text("SELECT id, group_id FROM listing")).all())  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    listings, facts = synthetic(rng, args.n + args.new)
    old, new = listings[: args.n], listings[args.n :]
    # Half of the night's listings are stored jobs seen again on another board.
    for i in range(0, len(new), 2):
        original = rng.randrange(args.n)
        new[i] = replace(old[original], source="copies", external_id=f"copy-{i}")
        facts[args.n + i] = facts[original]
    with tempfile.TemporaryDirectory(prefix="jobmatch-bench-") as tmp:
        engine = open_engine(sqlite_url(Path(tmp) / "bench.db"))
        store(engine, old, facts[: args.n])
        start = time.perf_counter()
        group_duplicates(engine)
        full = time.perf_counter() - start
        print(f"full regroup of {args.n:,} open listings        {full:7.2f} s")

        store(engine, new, facts[args.n :])
        fresh = [row_id for row_id in groups(engine) if row_id > args.n]
        start = time.perf_counter()
        changed = group_duplicates(engine, fresh)
        nightly = time.perf_counter() - start
        print(f"one night: {len(fresh):,} new among {args.n + len(fresh):,}            "
              f"{nightly:7.2f} s  ({changed} listings changed group)")  # fmt: skip
        after_night = groups(engine)
        group_duplicates(engine)
        agree = groups(engine) == after_night
        print(f"nightly result equals a full regroup: {agree}")
        engine.dispose()
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
