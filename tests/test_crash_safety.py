"""A run killed at any moment leaves the database consistent; two writers lose nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jobmatch.demo import demo_boards
from jobmatch.replay import Reply, serve
from storage.engine import sqlite_url
from tests.conftest import PG_SKIP_REASON, PG_URL, reset_postgres
from tests.test_cli import JOBMATCH, jobmatch

pytestmark = pytest.mark.cli


def config_for(folder: Path, url: str, boards: list[str]) -> None:
    sources = "".join(
        f'[[sources]]\ntype = "greenhouse"\nname = "greenhouse:{board}"\nboard = "{board}"\n'
        f'base_url = "{url}"\nkeywords = []\n'
        for board in boards
    )
    (folder / "config.toml").write_text(
        f'[storage]\nurl = "sqlite:///jobs.db"\n[http]\ndelay = 0\nretries = 0\n'
        f"timeout = 60\n{sources}",
        encoding="utf-8",
    )


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db, timeout=30) as connection:
        return connection.execute(sql).fetchall()


def stored_some(db: Path) -> bool:
    try:
        return db.exists() and rows(db, "SELECT count(*) FROM listing")[0][0] > 0
    except sqlite3.OperationalError:  # the schema is still being created
        return False


def test_sigkill_mid_fetch_leaves_a_consistent_database_and_the_next_run_completes(
    tmp_path: Path,
) -> None:
    boards = demo_boards()
    routes = {
        "/v1/boards/northwind/jobs": Reply(200, boards["northwind"]),
        "/v1/boards/harbourline/jobs": Reply(200, boards["harbourline"], delay=30),
    }
    with serve(routes) as (url, requested):
        config_for(tmp_path, url, ["northwind", "harbourline"])
        first = subprocess.Popen(
            [JOBMATCH, "fetch"], cwd=tmp_path, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        db = tmp_path / "jobs.db"
        deadline = time.monotonic() + 60

        # Kill once the fast board is stored and the slow one is still downloading.
        def slow_board_requested() -> bool:
            return any("harbourline" in path for path in requested)

        while time.monotonic() < deadline and not (stored_some(db) and slow_board_requested()):
            time.sleep(0.05)
        assert slow_board_requested()
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        assert first.returncode == -signal.SIGKILL

        assert rows(db, "PRAGMA integrity_check") == [("ok",)]
        stored = rows(db, "SELECT source, count(*) FROM listing GROUP BY source")
        assert stored == [("greenhouse:northwind", 7)]  # the whole board, or nothing
        assert rows(db, "SELECT status FROM fetch_run WHERE source LIKE '%harbourline'") == [
            ("running",)
        ]

        routes["/v1/boards/harbourline/jobs"] = Reply(200, boards["harbourline"])
        second = jobmatch("fetch", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "greenhouse:harbourline — 5 listings (5 new" in second.stderr
    counts = dict(rows(db, "SELECT source, count(*) FROM listing GROUP BY source"))
    assert counts == {"greenhouse:northwind": 7, "greenhouse:harbourline": 5}
    duplicates = rows(
        db, "SELECT source, external_id FROM listing GROUP BY 1, 2 HAVING count(*) > 1"
    )
    assert duplicates == []
    # The run the killed process left running is closed by the next one, under the lock.
    assert rows(
        db, "SELECT status, error FROM fetch_run WHERE source LIKE '%harbourline' ORDER BY id"
    ) == [("interrupted", "the process running it ended before it finished"), ("ok", None)]


@pytest.mark.parametrize(
    ("sig", "code", "how"), [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")]
)
def test_ctrl_c_or_sigterm_closes_the_run_as_interrupted_in_one_line(
    tmp_path: Path, sig: int, code: int, how: str
) -> None:
    boards = demo_boards()
    routes = {
        "/v1/boards/northwind/jobs": Reply(200, boards["northwind"]),
        "/v1/boards/harbourline/jobs": Reply(200, boards["harbourline"], delay=30),
    }
    with serve(routes) as (url, requested):
        config_for(tmp_path, url, ["northwind", "harbourline"])
        first = subprocess.Popen(
            [JOBMATCH, "fetch"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        db = tmp_path / "jobs.db"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (
            stored_some(db) and any("harbourline" in path for path in requested)
        ):
            time.sleep(0.05)
        first.send_signal(sig)
        _, stderr = first.communicate(timeout=20)
    assert first.returncode == code
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines[-1] == (
        f"interrupted ({how}): unfinished fetch runs are closed as interrupted; "
        "what was stored is kept"
    ), stderr
    assert "Traceback" not in stderr
    assert rows(db, "SELECT source, status, error FROM fetch_run ORDER BY source") == [
        ("greenhouse:harbourline", "interrupted", f"interrupted ({how})"),
        ("greenhouse:northwind", "ok", None),
    ]
    assert rows(db, "SELECT source, count(*) FROM listing GROUP BY source") == [
        ("greenhouse:northwind", 7)
    ]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for the jobmatch processes: SQLite, or the test PostgreSQL, emptied."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "shared.db")
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    engine = create_engine(PG_URL)
    reset_postgres(engine)
    engine.dispose()
    yield PG_URL


def test_a_fetch_and_marks_at_the_same_time_lose_nothing(tmp_path: Path, database: str) -> None:
    boards = demo_boards()
    routes = {f"/v1/boards/{name}/jobs": Reply(200, body) for name, body in boards.items()}
    engine = create_engine(database)

    def query(sql: str) -> list[tuple[object, ...]]:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]

    with serve(routes) as (url, _):
        config_for(tmp_path, url, sorted(boards))
        assert jobmatch("--db", database, "fetch", cwd=tmp_path).returncode == 0
        ids = [row[0] for row in query("SELECT id FROM listing ORDER BY id")]
        # A changed board arrives while the user marks jobs: both write at once.
        routes["/v1/boards/northwind/jobs"] = Reply(
            200, boards["northwind"].replace(b"Senior DevOps", b"Staff DevOps"), delay=0.5
        )
        commands = [["fetch", "--force"]] + [
            ["mark", str(listing_id), "saved", "--note", f"n{listing_id}"] for listing_id in ids[:6]
        ]
        processes = [
            subprocess.Popen(
                [JOBMATCH, "--db", database, *command],
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )  # fmt: skip
            for command in commands
        ]
        for process in processes:
            _, stderr = process.communicate(timeout=120)
            assert process.returncode == 0, stderr
    try:
        saved = query("SELECT listing_id, note FROM listing_status ORDER BY listing_id")
        assert saved == [(i, f"n{i}") for i in ids[:6]]
        assert query("SELECT count(*) FROM listing WHERE title LIKE 'Staff DevOps%'") == [(1,)]
        assert query("SELECT count(*) FROM listing")[0][0] == len(ids)
    finally:
        engine.dispose()
