"""Fault injection at length (issue #14): what a night survives, as one table.

python bench/chaos.py [--repeat 2] [--kills 20] [--restarts 10] [--seed 14]
                      [--postgres URL] [--skip-slow | --only network|store|postgres]

Not a test. Every network fault of tests/faults.py against each of its four boards (a JSON
API, a tenant POST API, an RSS feed, JSON-LD career pages) on real servers on 127.0.0.1,
`--repeat` times, through `jobmatch fetch` on a database seeded with a good night; then
the store: `jobmatch run` SIGKILLed at `--kills` random moments (each compared with an
uninterrupted run), a database locked past the 30 s busy timeout, a read-only database
folder and a full disk (small tmpfs mounts; skipped if mount fails), two runs at once and
`mark` during a run; then PostgreSQL (`--postgres`, default $JOBMATCH_TEST_POSTGRES_URL;
skipped without one) restarted under `jobmatch run`, `--repeat` times at each moment of
tests/store_faults.py and at `--restarts` random moments once the run has started: a proxy
on 127.0.0.1 plays the restart, so the shared server itself is never restarted, and each
case has a database of its own.

Prints one row per fault class: how many cases survived (every invariant held), rows
lost, duplicated and wrongly closed, the most requests the failing host received, and the
one line the user got. Exits 1 if any case did not survive.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobmatch.replay import Reply, serve  # noqa: E402
from tests.faults import FAULTS, LINE_MAX, rig, second_night  # noqa: E402
from tests.store_faults import (  # noqa: E402
    BOARD_PATH,
    RESTART_MOMENTS,
    Counts,
    Moment,
    Restarted,
    counts,
    grown_board,
    integrity,
    jobmatch,
    kill_when,
    postgres_night,
    restart_mid_run,
    run_started,
    start,
    write_config,
)

SIZE = 400


@dataclass
class Row:
    name: str
    cases: int = 0
    survived: int = 0
    lost: int = 0
    duplicates: int = 0
    closed: int = 0
    requests: int = 0
    message: str = ""
    notes: list[str] = field(default_factory=list)

    def add(self, ok: bool, *, lost: int = 0, dup: int = 0, closed: int = 0, requests: int = 0,
            message: str = "") -> None:  # fmt: skip
        self.cases += 1
        self.survived += ok
        self.lost += max(lost, 0)
        self.duplicates += dup
        self.closed += closed
        self.requests = max(self.requests, requests)
        if message and not self.message:
            self.message = message


def network(rows: list[Row], repeat: int, work: Path) -> None:
    with rig(work / "rig") as made:
        for fault in FAULTS:
            row = Row(f"net: {fault.name}")
            for attempt in range(repeat):
                for board in made.boards:
                    folder = work / f"n{len(rows)}-{attempt}-{board.type}"
                    night = second_night(made, folder, board, fault)
                    status, error = night.runs[board.name]
                    others_ok = all(
                        run == ("ok", None)
                        for name, run in night.runs.items()
                        if name != board.name
                    )
                    expected = fault.expects(board)
                    right = (night.code, status) == (
                        (1, "failed") if expected == "failed" else (0, "ok")
                    )
                    one_line = error is None or ("\n" not in error and len(error) <= LINE_MAX)
                    ok = (
                        others_ok and right and one_line and night.after == night.before
                        and len(night.requests) <= fault.budget(board)
                        and "Traceback" not in night.stderr
                    )  # fmt: skip
                    row.add(ok, lost=night.lost, dup=night.duplicates, closed=night.wrongly_closed,
                            requests=len(night.requests),
                            message=f"{board.type}: {error}" if error else "")  # fmt: skip
            if not row.message:
                row.message = "(survived: stored as usual)"
            rows.append(row)


def store_kills(rows: list[Row], kills: int, seed: int, work: Path) -> None:
    chance = random.Random(seed)
    with serve({BOARD_PATH: Reply(200, grown_board(SIZE))}) as (url, _):
        reference = work / "reference"
        reference.mkdir()
        write_config(reference, url)
        started = time.monotonic()
        done = jobmatch(reference, "run", "--quiet")
        length = time.monotonic() - started
        assert done.returncode == 0, done.stderr
        want = counts(reference / "jobs.db")
        row = Row(f"store: SIGKILL of run at {kills} random moments")
        for index in range(kills):
            folder = work / f"kill{index}"
            folder.mkdir()
            write_config(folder, url)
            db = folder / "jobs.db"
            at = chance.uniform(0.2, 0.95 * length)
            run = start(folder, "run", "--quiet")
            killed = kill_when(run, lambda: True, after=at)
            sane = integrity(db) == "ok" if db.exists() else True
            again = jobmatch(folder, "run", "--quiet")
            got = counts(db)
            ok = sane and again.returncode == 0 and got == want
            row.add(ok, lost=want.listings - got.listings, dup=got.duplicates,
                    closed=got.listings - got.open, requests=0)  # fmt: skip
            row.notes.append(f"{at:.1f}s{'' if killed else ' (ended first)'}")
        row.message = (
            f"integrity ok, next run = uninterrupted ({want}); kills at "
            + ", ".join(row.notes[:6]) + (" …" if len(row.notes) > 6 else "")
        )  # fmt: skip
        rows.append(row)
        overlap(rows, url, reference / "jobs.db", want, work)
        locked(rows, url, reference / "jobs.db", want, work)
        mounted(rows, url, reference / "jobs.db", want, work)


def _seeded(work: Path, name: str, url: str, seed_db: Path) -> Path:
    folder = work / name
    folder.mkdir()
    write_config(folder, url)
    shutil.copy(seed_db, folder / "jobs.db")
    return folder


def _line(stderr: str) -> str:
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def overlap(rows: list[Row], url: str, seed_db: Path, want: Counts, work: Path) -> None:
    folder = _seeded(work, "overlap", url, seed_db)
    with serve({BOARD_PATH: Reply(200, grown_board(SIZE), delay=6)}) as (slow, _):
        write_config(folder, slow)
        first = start(folder, "run", "--quiet", "--force")
        lock = folder / ".jobmatch.lock"
        while not (lock.exists() and lock.read_text().strip() == str(first.pid)):
            time.sleep(0.05)
        second = jobmatch(folder, "run", "--quiet")
        marked = jobmatch(folder, "mark", "1", "applied")
        still = first.poll() is None
        first.communicate(timeout=120)
    got = counts(folder / "jobs.db")
    row = Row("store: two runs at once")
    row.add(still and second.returncode == 1 and first.returncode == 0 and got == want,
            lost=want.listings - got.listings, dup=got.duplicates, message=_line(second.stderr))  # fmt: skip
    rows.append(row)
    row = Row("store: mark during a run")
    status = (
        sqlite3.connect(folder / "jobs.db").execute("SELECT status FROM listing_status").fetchall()
    )
    row.add(marked.returncode == 0 and status == [("applied",)] and got == want,
            lost=want.listings - got.listings, dup=got.duplicates, message=_line(marked.stderr))  # fmt: skip
    rows.append(row)


def locked(rows: list[Row], url: str, seed_db: Path, want: Counts, work: Path) -> None:
    folder = _seeded(work, "locked", url, seed_db)
    holder = sqlite3.connect(folder / "jobs.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another writer, for longer than the busy timeout
    done = jobmatch(folder, "fetch", "--force", timeout=120)
    holder.rollback()
    holder.close()
    got = counts(folder / "jobs.db")
    lines = done.stderr.strip().splitlines()
    row = Row("store: database locked past the busy timeout")
    row.add(done.returncode == 1 and len(lines) == 1 and got == want,
            lost=want.listings - got.listings, dup=got.duplicates, message=_line(done.stderr))  # fmt: skip
    rows.append(row)


def _mount(path: Path, size: str) -> bool:
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True, check=False)  # fmt: skip
    return done.returncode == 0


def _umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True, check=False)


def mounted(rows: list[Row], url: str, seed_db: Path, want: Counts, work: Path) -> None:
    space = work / "tmpfs"
    if not _mount(space, "64m"):
        rows.append(Row("store: read-only folder / disk full", message="skipped: mount failed"))
        return
    try:
        _read_only(rows, url, seed_db, want, space)
    finally:
        _umount(space)
    if not _mount(space, "64m"):
        return
    try:
        _disk_full(rows, url, seed_db, want, space)
    finally:
        _umount(space)


def _read_only(rows: list[Row], url: str, seed_db: Path, want: Counts, space: Path) -> None:
    folder = _seeded(space, "ro", url, seed_db)
    subprocess.run(["mount", "-o", "remount,ro", str(space)], check=True)
    done = jobmatch(folder, "fetch", "--force")
    subprocess.run(["mount", "-o", "remount,rw", str(space)], check=True)  # to count it
    got = counts(folder / "jobs.db")
    lines = done.stderr.strip().splitlines()
    row = Row("store: read-only database folder")
    row.add(done.returncode in (1, 2) and len(lines) == 1 and "Traceback" not in done.stderr
            and got == want, lost=want.listings - got.listings, message=_line(done.stderr))  # fmt: skip
    rows.append(row)


def _disk_full(rows: list[Row], url: str, seed_db: Path, want: Counts, space: Path) -> None:
    folder = _seeded(space, "full", url, seed_db)
    # A new night of twice as many postings, on a disk with almost nothing left.
    filler = space / "filler"
    free = shutil.disk_usage(space).free
    filler.write_bytes(b"\0" * max(free - 64 * 1024, 0))
    with serve({BOARD_PATH: Reply(200, grown_board(SIZE * 2))}) as (bigger, _):
        write_config(folder, bigger)
        done = jobmatch(folder, "run", "--quiet", "--force")
        got = counts(folder / "jobs.db")
        sane = integrity(folder / "jobs.db") == "ok"
        filler.unlink()  # space again: the next night completes
        again = jobmatch(folder, "run", "--quiet", "--force")
        after = counts(folder / "jobs.db")
    lines = done.stderr.strip().splitlines()
    row = Row("store: disk full during a write")
    row.add(done.returncode == 1 and len(lines) == 1 and sane and got.listings >= want.listings
            and again.returncode == 0 and after.listings == SIZE * 2 and after.scores == SIZE * 2,
            lost=want.listings - got.listings, dup=after.duplicates, message=_line(done.stderr))  # fmt: skip
    rows.append(row)


def postgres_restarts(
    rows: list[Row], url: str | None, repeat: int, restarts: int, seed: int, work: Path
) -> None:
    """PostgreSQL restarted under `jobmatch run`: a row per moment, and one of random ones."""
    if not url:
        reason = "skipped: no PostgreSQL URL (--postgres or JOBMATCH_TEST_POSTGRES_URL)"
        print(f"PostgreSQL restarted mid-run: {reason}", file=sys.stderr)
        rows.append(Row("store: PostgreSQL restarted mid-run", message=reason))
        return
    want, length = postgres_night(url, _folder(work, "pg-night"), size=SIZE)
    for moment in RESTART_MOMENTS:
        row = Row(f"store: PostgreSQL restarted during {moment.name}")
        for attempt in range(repeat):
            _restart_case(row, url, moment, _folder(work, f"pg-{moment.name}{attempt}"), want)
        rows.append(row)
    chance = random.Random(seed)
    row = Row(f"store: PostgreSQL restarted at {restarts} random moments")
    for index in range(restarts):
        at = chance.uniform(0, 0.5 * length)  # from the run's start; `length` has ~2 s of start-up
        moment = Moment(f"{at:.1f}s", ready=run_started, after=at)
        _restart_case(row, url, moment, _folder(work, f"pg-random{index}"), want)
    rows.append(row)


def _folder(work: Path, name: str) -> Path:
    folder = work / name
    folder.mkdir()
    return folder


def _restart_case(row: Row, url: str, moment: Moment, folder: Path, want: Counts) -> None:
    done = restart_mid_run(url, moment, folder, size=SIZE)
    problems = done.problems(want)
    if problems:
        print(f"{row.name} ({moment.name}): " + "; ".join(problems), file=sys.stderr)
    row.add(not problems, lost=done.at_restart.listings - done.left.listings,
            dup=done.left.duplicates + done.after.duplicates,
            closed=done.left.listings - done.left.open)  # fmt: skip
    row.notes.append(_outcome(done))
    row.message = _summary(row.notes)


def _summary(outcomes: list[str]) -> str:
    """How many runs recovered (or ended before the restart), then the first one-line error."""
    counted = [f"{n}/{len(outcomes)} {o}" for o in ("recovered", "ended first")
               if (n := outcomes.count(o))]  # fmt: skip
    said = [o for o in outcomes if o not in ("recovered", "ended first")]
    return "; ".join(counted + said[:1]) if said else f"({'; '.join(counted)}: completed)"


def _outcome(done: Restarted) -> str:
    if not done.restarts:
        return "ended first"
    if done.run.returncode == 0:
        return "recovered"
    return _line(done.run.stderr)


def table(rows: list[Row]) -> str:
    head = ["fault class", "survived", "rows lost", "duplicates", "wrongly closed", "requests",
            "one-line message"]  # fmt: skip
    body = [[r.name, f"{r.survived}/{r.cases}", str(r.lost), str(r.duplicates), str(r.closed),
             str(r.requests), r.message.replace("|", "/")[:150]] for r in rows]  # fmt: skip
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="each network fault × board")
    parser.add_argument("--kills", type=int, default=20, help="random SIGKILL moments")
    parser.add_argument("--restarts", type=int, default=10, help="random PostgreSQL restarts")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--postgres", default=os.environ.get("JOBMATCH_TEST_POSTGRES_URL"),
                        help="a PostgreSQL URL (a fresh database is made per case)")  # fmt: skip
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--skip-slow", action="store_true", help="network faults only")
    group.add_argument("--only", choices=["network", "store", "postgres"])
    args = parser.parse_args()
    rows: list[Row] = []
    started = time.monotonic()
    steps: dict[str, Callable[[Path], None]] = {
        "network": lambda work: network(rows, args.repeat, work),
        "store": lambda work: store_kills(rows, args.kills, args.seed, work),
        "postgres": lambda work: postgres_restarts(
            rows, args.postgres, args.repeat, args.restarts, args.seed, work
        ),
    }
    chosen = ["network"] if args.skip_slow else [args.only] if args.only else list(steps)
    with tempfile.TemporaryDirectory(prefix="chaos-") as tmp:
        for name in chosen:
            steps[name](Path(tmp))
    print(table(rows))
    cases = sum(r.cases for r in rows)
    survived = sum(r.survived for r in rows)
    print(f"\n{survived}/{cases} cases survived in {time.monotonic() - started:.0f} s")
    return 0 if survived == cases else 1


if __name__ == "__main__":
    raise SystemExit(main())
