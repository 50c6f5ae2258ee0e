"""Store faults against the installed `jobmatch`, in real processes (issue #14): a run
SIGKILLed in the middle of its work, two runs at once, `mark` during a run, a read-only
database folder, PostgreSQL restarted mid-run (a proxy in front of the shared server drops
every connection and refuses new ones for a moment). What must hold: `PRAGMA
integrity_check` is ok, the next run completes and leaves what an uninterrupted run leaves;
an overlapping run exits at once; a failure is one line, never a traceback, and nothing
stored is lost.

A kill during the fetch is tests/test_crash_safety.py's; 20 random kills, a database locked
past the busy timeout, a full disk, and PostgreSQL restarted during extraction and at random
moments are bench/chaos.py's (each takes too long here).
"""

from __future__ import annotations

import os
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobmatch.replay import Reply, serve
from tests.conftest import PG_SKIP_REASON, PG_URL
from tests.faults import copy_database
from tests.store_faults import (
    BOARD_PATH,
    RESTART_MOMENTS,
    Counts,
    Moment,
    counts,
    grown_board,
    integrity,
    jobmatch,
    kill_when,
    postgres_night,
    restart_mid_run,
    rows,
    scalar,
    start,
    write_config,
)

pytestmark = pytest.mark.cli


def finished(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


SIZE = 250  # postings: reading their facts takes the run about a second


@pytest.fixture(scope="module")
def board() -> Iterator[tuple[str, dict[str, Reply]]]:
    routes = {BOARD_PATH: Reply(200, grown_board(SIZE))}
    with serve(routes) as (url, _):
        yield url, routes


@pytest.fixture(scope="module")
def night(
    board: tuple[str, dict[str, Reply]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Counts, Path]:
    """An uninterrupted run: what it leaves, and its database."""
    folder = tmp_path_factory.mktemp("uninterrupted")
    write_config(folder, board[0])
    done = jobmatch(folder, "run", "--quiet")
    assert done.returncode == 0, done.stderr
    found = counts(folder / "jobs.db")
    assert (found.listings, found.facts, found.scores) == (SIZE, SIZE, SIZE)
    return found, folder / "jobs.db"


@pytest.mark.parametrize(
    "moment", ["reading facts", "grouping and scoring"], ids=["extraction", "scoring"]
)
def test_a_run_killed_in_the_middle_is_finished_by_the_next(
    board: tuple[str, dict[str, Reply]], night: tuple[Counts, Path], tmp_path: Path, moment: str
) -> None:
    uninterrupted, _ = night
    write_config(tmp_path, board[0])
    db = tmp_path / "jobs.db"
    run = start(tmp_path, "run", "--quiet")
    if moment == "reading facts":  # the board is stored; its facts are being read
        killed = kill_when(run, lambda: scalar(db, "SELECT count(*) FROM listing") == SIZE)
    else:  # the facts are stored (in one write); grouping and scoring follow
        killed = kill_when(
            run, lambda: scalar(db, "SELECT count(*) FROM listing WHERE facts IS NOT NULL") > 0
        )
    assert killed, "the run ended before the kill"
    left = counts(db)
    assert integrity(db) == "ok"
    assert left.listings == SIZE and left.scores < SIZE  # killed before its scores were stored

    again = jobmatch(tmp_path, "run", "--quiet")
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr
    assert counts(db) == uninterrupted
    assert integrity(db) == "ok"


def test_an_overlapping_run_exits_at_once_and_mark_goes_through(
    board: tuple[str, dict[str, Reply]], night: tuple[Counts, Path], tmp_path: Path
) -> None:
    url, routes = board
    write_config(tmp_path, url)
    db = tmp_path / "jobs.db"
    copy_database(night[1], db)
    before = counts(db)
    routes[BOARD_PATH] = Reply(200, grown_board(SIZE), delay=6)  # a slow board holds the run
    try:
        running = start(tmp_path, "run", "--quiet", "--force")
        lock = tmp_path / ".jobmatch.lock"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
            lock.exists() and lock.read_text().strip() == str(running.pid)
        ):
            time.sleep(0.05)
        others = [
            start(tmp_path, "run", "--quiet"),
            start(tmp_path, "mark", "1", "applied", "--note", "during the run"),
        ]
        second, marked = (finished(process) for process in others)
        # Both ended while the first run still waited on its board: neither waited for it.
        assert running.poll() is None, "the first run ended before the others did"
        _, stderr = running.communicate(timeout=120)
    finally:
        routes[BOARD_PATH] = Reply(200, grown_board(SIZE))
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"error: another jobmatch run is in progress (pid {running.pid}, lock {lock}); not starting"
    ]
    assert marked.returncode == 0, marked.stderr
    assert running.returncode == 0, stderr
    assert rows(db, "SELECT listing_id, status, note FROM listing_status") == [
        (1, "applied", "during the run")
    ]
    after = counts(db)
    assert (after.listings, after.open, after.duplicates) == (before.listings, before.open, 0)
    assert after.scores == SIZE


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes through folder permissions (chaos.py mounts one ro)"
)
def test_a_read_only_database_folder_is_one_line_and_loses_nothing(
    board: tuple[str, dict[str, Reply]], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write_config(folder, board[0])
    assert jobmatch(folder, "fetch").returncode == 0
    before = counts(folder / "jobs.db")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        (folder / "jobs.db").chmod(stat.S_IRUSR)
        failed = jobmatch(folder, "fetch", "--force")
    finally:
        folder.chmod(stat.S_IRWXU)
        (folder / "jobs.db").chmod(stat.S_IRUSR | stat.S_IWUSR)
    lines = failed.stderr.strip().splitlines()
    assert failed.returncode in (1, 2) and len(lines) == 1, failed.stderr
    assert lines[0].startswith("error: ") and "Traceback" not in failed.stderr
    assert counts(folder / "jobs.db") == before


PG_SIZE = 100  # postings: each run takes about two seconds


@pytest.fixture(scope="module")
def postgres() -> str:
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    return PG_URL


@pytest.fixture(scope="module")
def pg_night(postgres: str, tmp_path_factory: pytest.TempPathFactory) -> Counts:
    """What an uninterrupted run leaves on PostgreSQL."""
    found, _ = postgres_night(postgres, tmp_path_factory.mktemp("pg-night"), size=PG_SIZE)
    assert (found.listings, found.facts, found.scores) == (PG_SIZE, PG_SIZE, PG_SIZE)
    return found


# The extraction's write is cut like the store's and the scores': bench/chaos.py restarts there.
FAST = [m for m in RESTART_MOMENTS if m.name in ("fetch", "store", "scoring")]


@pytest.mark.postgres
@pytest.mark.parametrize("moment", FAST, ids=[m.name for m in FAST])
def test_postgres_restarted_mid_run_loses_nothing_and_the_next_run_finishes(
    postgres: str, pg_night: Counts, tmp_path: Path, moment: Moment
) -> None:
    restarted = restart_mid_run(postgres, moment, tmp_path, size=PG_SIZE)
    assert restarted.restarts == 1, f"the run ended before the restart: {restarted.run.stderr}"
    assert restarted.problems(pg_night) == [], restarted.run.stderr
