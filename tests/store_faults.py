"""The store fault rig: a night big enough to be killed in the middle (a Greenhouse board of
a few hundred postings served on 127.0.0.1, a profile to score them for), run by the
installed `jobmatch` in a subprocess, and what the database holds afterwards.

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobmatch.demo import demo_boards, sample_profile_path

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


def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db, timeout=30)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def scalar(db: Path, sql: str) -> int:
    try:
        return int(rows(db, sql)[0][0])
    except sqlite3.OperationalError:  # no schema yet
        return 0


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


def counts(db: Path) -> Counts:
    return Counts(
        listings=scalar(db, "SELECT count(*) FROM listing"),
        open=scalar(db, "SELECT count(*) FROM listing WHERE closed_at IS NULL"),
        facts=scalar(db, "SELECT count(*) FROM listing WHERE facts IS NOT NULL"),
        scores=scalar(db, "SELECT count(*) FROM match"),
        grouped=scalar(db, "SELECT count(*) FROM listing WHERE group_id IS NOT NULL"),
        duplicates=scalar(
            db,
            "SELECT count(*) FROM (SELECT source, external_id FROM listing"
            " GROUP BY 1, 2 HAVING count(*) > 1)",
        ),
        running=scalar(db, "SELECT count(*) FROM fetch_run WHERE status = 'running'"),
    )


def integrity(db: Path) -> str:
    return str(rows(db, "PRAGMA integrity_check")[0][0])


def kill_when(
    process: subprocess.Popen[str], ready: Callable[[], bool], *, after: float = 0.0
) -> bool:
    """SIGKILL `process` `after` seconds once `ready()` holds; False if it ended first."""
    deadline = time.monotonic() + 120
    while process.poll() is None and not ready() and time.monotonic() < deadline:
        time.sleep(0.02)
    if after:
        time.sleep(after)
    if process.poll() is not None:
        process.communicate(timeout=30)  # closes its pipes
        return False
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    return True
