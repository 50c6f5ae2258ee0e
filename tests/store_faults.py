"""The store fault rig: a night big enough to be killed in the middle (a Greenhouse board of
a few hundred postings served on 127.0.0.1, a profile to score them for), run by the
installed `jobmatch` in a subprocess, and what the database holds afterwards (SQLite, or
PostgreSQL in a database of its own, whose server a proxy can restart under the run).

Used by tests/test_faults_store.py and bench/chaos.py.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from jobmatch.demo import demo_boards, sample_profile_path
from jobmatch.replay import Reply, serve
from tests.restarting_proxy import RestartingProxy

JOBMATCH = str(Path(sys.executable).with_name("jobmatch"))
BOARD = "acme"
BOARD_PATH = f"/v1/boards/{BOARD}/jobs"


def grown_board(size: int) -> bytes:
    """A Greenhouse answer of `size` postings grown from the demo boards' (ids and titles
    made distinct, so each is its own listing)."""
    jobs = [job for body in demo_boards().values() for job in json.loads(body)["jobs"]]
    grown = []
    for index in range(size):
        job = dict(jobs[index % len(jobs)])
        job["id"] = 10_000_000 + index
        job["title"] = f"{job['title']} {index // len(jobs) + 1}"
        grown.append(job)
    return json.dumps({"jobs": grown}).encode()


def write_config(folder: Path, url: str, *, database: str = "sqlite:///jobs.db") -> Path:
    profile = folder / "me.toml"
    profile.write_text(sample_profile_path().read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "config.toml"
    path.write_text(
        f'[storage]\nurl = "{database}"\n[http]\ndelay = 0\nretries = 0\ntimeout = 60\n'
        '[matcher]\nworkers = 1\n[[profiles]]\nname = "me"\npath = "me.toml"\n'
        f'[[sources]]\ntype = "greenhouse"\nname = "greenhouse:{BOARD}"\nboard = "{BOARD}"\n'
        f'base_url = "{url}"\nkeywords = []\n',
        encoding="utf-8",
    )
    return path


def jobmatch(folder: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [JOBMATCH, *args], cwd=folder, capture_output=True, text=True, timeout=timeout, check=False
    )


def start(folder: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [JOBMATCH, *args], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


Database = Path | str  # an SQLite file, or a database URL (PostgreSQL)


def rows(db: Database, sql: str) -> list[tuple[Any, ...]]:
    if isinstance(db, str):
        with _engine(db).connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    lite = sqlite3.connect(db, timeout=30)
    try:
        return lite.execute(sql).fetchall()
    finally:
        lite.close()


def scalar(db: Database, sql: str) -> int:
    try:
        return int(rows(db, sql)[0][0])
    except (sqlite3.OperationalError, DBAPIError):  # no schema yet
        return 0


@cache
def _engine(url: str) -> Engine:
    return create_engine(url, poolclass=NullPool)  # no connection outlives its query


@contextmanager
def fresh_postgres(url: str) -> Iterator[str]:
    """The URL of a new, empty database on `url`'s server, dropped afterwards: the shared
    database `url` names is left as it was, and tests running at once don't meet."""
    name = f"jobmatch_fault_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def via(url: str, port: int) -> str:
    """`url` with its server reached through 127.0.0.1:`port` (a proxy)."""
    return make_url(url).set(host="127.0.0.1", port=port).render_as_string(hide_password=False)


def upstream(url: str) -> tuple[str, int]:
    parsed = make_url(url)
    return parsed.host or "127.0.0.1", parsed.port or 5432


@dataclass(frozen=True)
class Counts:
    """What a night leaves: listings (open), facts read, scores, groups, duplicates, runs
    still marked running."""

    listings: int
    open: int
    facts: int
    scores: int
    grouped: int
    duplicates: int
    running: int

    def __str__(self) -> str:
        return (
            f"{self.listings} listings ({self.open} open), {self.facts} facts, "
            f"{self.scores} scores, {self.grouped} grouped"
        )


def counts(db: Database) -> Counts:
    return Counts(
        listings=scalar(db, "SELECT count(*) FROM listing"),
        open=scalar(db, "SELECT count(*) FROM listing WHERE closed_at IS NULL"),
        facts=scalar(db, "SELECT count(*) FROM listing WHERE facts IS NOT NULL"),
        scores=scalar(db, "SELECT count(*) FROM match"),
        grouped=scalar(db, "SELECT count(*) FROM listing WHERE group_id IS NOT NULL"),
        duplicates=scalar(
            db,
            "SELECT count(*) FROM (SELECT source, external_id FROM listing"
            " GROUP BY 1, 2 HAVING count(*) > 1) AS twice",  # PostgreSQL 15 wants the alias
        ),
        running=scalar(db, "SELECT count(*) FROM fetch_run WHERE status = 'running'"),
    )


def integrity(db: Path) -> str:
    return str(rows(db, "PRAGMA integrity_check")[0][0])


def wait_for(process: subprocess.Popen[str], ready: Callable[[], bool]) -> bool:
    """Wait until `ready()` holds; False if `process` ended first."""
    deadline = time.monotonic() + 120
    while process.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.02)
    return process.poll() is None


def kill_when(
    process: subprocess.Popen[str], ready: Callable[[], bool], *, after: float = 0.0
) -> bool:
    """SIGKILL `process` `after` seconds once `ready()` holds; False if it ended first."""
    wait_for(process, ready)
    if after:
        time.sleep(after)
    if process.poll() is not None:
        process.communicate(timeout=30)  # closes its pipes
        return False
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    return True


# --- PostgreSQL restarted mid-run (through tests/restarting_proxy.py) ----------------


@dataclass(frozen=True)
class Moment:
    """When the server restarts under a run: as the run sends `statement` (its write is cut
    mid-transaction), or `after` seconds once `ready(db)` holds. `board_delay` slows the
    board, so that the run waits on it with its database connections idle; `recovers`: the
    run must then reconnect and complete, not fail."""

    name: str
    statement: bytes | None = None
    ready: Callable[[str], bool] = lambda db: True
    after: float = 0.0
    board_delay: float = 0.0
    recovers: bool = False


def run_started(db: str) -> bool:
    return scalar(db, "SELECT count(*) FROM fetch_run") > 0


RESTART_MOMENTS = (
    # Down and back (1 s) while the run waits 2 s on its board: it must reconnect.
    Moment("fetch", ready=run_started, board_delay=2.0, recovers=True),
    Moment("store", statement=b"INSERT INTO listing"),  # the board's one write
    Moment("extraction", statement=b"UPDATE listing SET facts"),  # the facts' one write
    Moment("scoring", statement=b"COPY _staged"),  # the scores' write
)


@dataclass(frozen=True)
class Restarted:
    """A run whose server restarted under it, and the next run, with the server back."""

    moment: Moment
    port: int  # the proxy's: what a one-line error must name
    run: subprocess.CompletedProcess[str]
    restarts: int
    at_restart: Counts  # what was stored when the server went down
    left: Counts  # what the run left
    again: subprocess.CompletedProcess[str]
    after: Counts

    @property
    def lines(self) -> list[str]:
        return [line for line in self.run.stderr.splitlines() if line.strip()]

    def problems(self, want: Counts) -> list[str]:
        """Which of the fault suite's invariants failed (none: survived); `want` is what an
        uninterrupted run leaves."""
        run, at, left = self.run, self.at_restart, self.left
        found: list[str] = []
        if "Traceback" in run.stderr or "(hung" in run.stderr:
            found.append("a traceback or a hang")
        if run.returncode != 0 and (self.moment.recovers or not self._one_line_error()):
            found.append(f"exit {run.returncode}, not 0 or one line naming 127.0.0.1:{self.port}")
        if not (
            left.listings >= at.listings and left.facts >= at.facts and left.scores >= at.scores
        ):
            found.append(f"lost what was stored: {at} then {left}")
        if left.open != left.listings or left.duplicates:
            found.append(f"closed or duplicated: {left}")
        if self.again.returncode != 0:
            found.append(f"the next run exited {self.again.returncode}")
        if self.after != want:
            found.append(f"the next run left {self.after!r}, not {want!r}")
        return found

    def _one_line_error(self) -> bool:
        named = f"error: the database at 127.0.0.1:{self.port}/"
        return self.run.returncode == 1 and len(self.lines) == 1 and self.lines[0].startswith(named)


def postgres_night(base_url: str, folder: Path, *, size: int) -> tuple[Counts, float]:
    """What an uninterrupted run leaves in a fresh database on `base_url`'s server, and
    how many seconds it took."""
    board = {BOARD_PATH: Reply(200, grown_board(size))}
    with serve(board) as (url, _), fresh_postgres(base_url) as db:
        write_config(folder, url, database=db)
        started = time.monotonic()
        done = jobmatch(folder, "run", "--quiet")
        assert done.returncode == 0, done.stderr
        return counts(db), time.monotonic() - started


def restart_mid_run(
    base_url: str, moment: Moment, folder: Path, *, size: int, down: float = 1.0
) -> Restarted:
    """`jobmatch run` on a board of `size` postings and a fresh database on `base_url`'s
    server, reached through a proxy that restarts at `moment` (`down` seconds refusing);
    then, the server back, the next run."""
    board = {BOARD_PATH: Reply(200, grown_board(size), delay=moment.board_delay)}
    with (
        serve(board) as (url, _),
        fresh_postgres(base_url) as db,
        RestartingProxy(upstream(db), down=down) as proxy,
    ):
        write_config(folder, url, database=via(db, proxy.port))
        run, at_restart = _restarted_run(folder, db, proxy, moment)
        left = counts(db)
        proxy.wait_listening()
        again = jobmatch(folder, "run", "--quiet")
        after = counts(db)
    return Restarted(moment, proxy.port, run, proxy.restarts, at_restart, left, again, after)


def _restarted_run(
    folder: Path, db: str, proxy: RestartingProxy, moment: Moment
) -> tuple[subprocess.CompletedProcess[str], Counts]:
    """The run, and what was stored when the server went down."""
    if moment.statement is not None:
        proxy.restart_on(moment.statement)
    process = start(folder, "run", "--quiet")
    if moment.statement is not None:
        wait_for(process, lambda: proxy.restarts > 0)
    elif wait_for(process, lambda: moment.ready(db)):
        time.sleep(moment.after)
        if process.poll() is None:
            proxy.restart()
    at_restart = counts(db)
    try:
        stdout, stderr = process.communicate(timeout=60)  # longer is a hang
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
        stderr += "\n(hung: killed after 60 s)"
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), at_restart
