"""Benchmark ingest: `jobmatch fetch` of N listings against the raw floor, then a night
with nothing new.

python bench/bench_ingest.py [--n 10000] [--seed 7] [--nights 2] [--profile]

Not a test. A child process serves on 127.0.0.1 N postings across ~1 board per 90
listings (bench/ingest_replay.py: Greenhouse, Lever, Ashby on three shared API hosts,
Workday tenants and RSS feeds on their own hosts, 2-6 KB of HTML per posting, ETag and
Last-Modified on every GET, 304 to a matching conditional request). This process writes
a config.toml with one [[sources]] per board (base_url: the replay; keywords = []: every
posting kept) and [http] delay = 0, creates the empty SQLite store (`jobmatch db upgrade`,
not timed), and runs the real CLI in this process (typer's command, as the console script
calls it):

  night 1  `jobmatch fetch`, timed, beside the raw floor for the same bytes: every response
           decoded (json / ElementTree), each description HTML-to-text with selectolax, and
           one executemany of the same number of rows into an empty store in one
           transaction. Prints both, their parts and the ratio (target <= 1.5).
  between  `jobmatch match` (facts, duplicate groups, scores for profiles/example.toml):
           timed, not a target.
  night 2  `jobmatch run --force` against the unchanged replay (--force: Workday's 12 h
           min_interval would skip it): requests made and answered 304, rows written per
           statement kind (only last_seen touches wanted, one statement per board),
           listings re-extracted (0 wanted) and rescored (0 wanted), wall time.

Politeness delays are 0 for the benchmark ([http] delay = 0); concurrency stays the
default (4 in flight per shared host, 1 per other host). `--profile` adds a cProfile of
night 1 (top functions by cumulative and own time).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import html
import io
import json
import multiprocessing
import os
import pstats
import re
import sqlite3
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_replay import SHARED, Replay, build_replay, serve  # noqa: E402
from selectolax.lexbor import LexborHTMLParser  # noqa: E402
from sqlalchemy import event  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from typer.main import get_command  # noqa: E402

from jobmatch.cli import app  # noqa: E402
from storage.engine import open_engine, sqlite_url  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "profiles" / "example.toml"
RATIO_TARGET = 1.5

# --- the config a user would write for these boards -----------------------------------------


def write_config(folder: Path, replay: Replay, ports: list[int]) -> Path:
    def q(value: str) -> str:
        return json.dumps(value)  # a TOML basic string

    lines = [
        "[storage]",
        f"url = {q(sqlite_url(folder / 'jobs.db'))}",
        "[http]",
        "delay = 0.0  # the benchmark's only change to politeness",
        f"shared_hosts = [{', '.join(q(f'127.0.0.1:{ports[i]}') for i in range(len(SHARED)))}]",
        "[[profiles]]",
        'name = "example"',
        f"path = {q(str(PROFILE))}",
    ]
    for board in replay.boards:
        base = f"http://127.0.0.1:{ports[board.host]}"
        lines += [
            "[[sources]]",
            f"type = {q(board.kind)}",
            f"name = {q(board.kind + ':' + board.name)}",
        ]
        lines.append("keywords = []")
        if board.kind == "workday":
            lines += [f"tenant = {q(board.name)}", 'instance = "wd5"', 'site = "External"',
                      f"base_url = {q(base)}"]  # fmt: skip
        elif board.kind == "rss":
            lines.append(f"url = {q(f'{base}/feeds/{board.name}.xml')}")
        else:
            lines += [f"board = {q(board.name)}", f"base_url = {q(base)}"]
    path = folder / "config.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CPU: dict[str, float] = {}  # the last jobmatch() call's CPU seconds in this process


def jobmatch(*args: str) -> tuple[int, float]:
    """Run the CLI in this process as the console script does; (exit code, seconds). Its
    CPU seconds go to CPU["last"]: on a shared machine, wall time also counts waiting."""
    command = get_command(app)
    start, cpu = time.perf_counter(), time.process_time()
    code = command.main(args=list(args), prog_name="jobmatch", standalone_mode=False)
    CPU["last"] = time.process_time() - cpu
    return int(code or 0), time.perf_counter() - start


# --- what the database was asked to write ---------------------------------------------------

_WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?(?:\s+SET\s+"?(\w+))?', re.I)


class Writes:
    """Write statements per kind ('UPDATE listing SET last_seen'), with the rows they changed."""

    def __init__(self) -> None:
        self.statements: Counter[str] = Counter()
        self.rows: Counter[str] = Counter()

    def __call__(self, _conn: Any, cursor: Any, sql: str, *_args: Any) -> None:
        found = _WRITE.match(sql)
        if not found:
            return
        verb, table, column = found.groups()
        kind = f"{verb.upper()} {table}" + (f" SET {column}" if column else "")
        self.statements[kind] += 1
        self.rows[kind] += max(cursor.rowcount, 0)

    def lines(self) -> list[str]:
        return [f"    {kind:<34} {self.statements[kind]:>6} statements {self.rows[kind]:>8} rows"
                for kind in sorted(self.statements)]  # fmt: skip


def count(database: Path, sql: str, *params: Any) -> int:
    with sqlite3.connect(database) as connection:
        return int(connection.execute(sql, params).fetchone()[0])


# --- the raw floor ----------------------------------------------------------------------------


def floor(replay: Replay, database: Path) -> dict[str, float]:
    """Decode every response night 1 received, HTML-to-text each description, and insert
    the rows with one executemany in one transaction. Seconds per part, and rows."""
    parts = {"decode": 0.0, "html to text": 0.0, "executemany": 0.0}
    cpu = time.process_time()
    untimed = 0.0
    now = datetime.now(UTC).isoformat(sep=" ")
    pending: list[tuple[str, str, str, str, str, str]] = []  # source, id, url, title, where, html
    clock = time.perf_counter
    start = clock()
    for (_method, path, _key), reply in replay.routes.items():
        kind, token = _board_of(path)
        source = f"{kind}:{token}"
        if kind == "greenhouse":
            for job in orjson.loads(reply.body)["jobs"]:
                pending.append((source, str(job["id"]), job["absolute_url"], job["title"],
                                job["location"]["name"], html.unescape(job["content"])))  # fmt: skip
        elif kind == "lever":
            for post in orjson.loads(reply.body):
                markup = (
                    post["description"]
                    + "".join(f"<h3>{x['text']}</h3><ul>{x['content']}</ul>" for x in post["lists"])
                    + post["additional"]
                )
                pending.append((source, post["id"], post["hostedUrl"], post["text"],
                                post["categories"]["location"], markup))  # fmt: skip
        elif kind == "ashby":
            for job in orjson.loads(reply.body)["jobs"]:
                pending.append((source, job["id"], job["jobUrl"], job["title"], job["location"],
                                job["descriptionHtml"]))  # fmt: skip
        elif kind == "workday" and path.endswith("/jobs"):
            orjson.loads(reply.body)  # a search page: ids only, the details carry the rows
        elif kind == "workday":
            info = orjson.loads(reply.body)["jobPostingInfo"]
            pending.append((source, path.split("/External", 1)[1], info["externalUrl"],
                            info["title"], info["location"], info["jobDescription"]))  # fmt: skip
        else:
            for item in ET.fromstring(reply.body).iter("item"):
                pending.append((source, item.findtext("guid") or "", item.findtext("link") or "",
                                item.findtext("title") or "", "",
                                item.findtext("description") or ""))  # fmt: skip
    parts["decode"] = clock() - start
    start = clock()
    rows = []
    for source, external_id, url, title, where, markup in pending:
        tree = LexborHTMLParser(markup)
        text = tree.body.text(separator="\n") if tree.body else ""
        digest = hashlib.sha256(text.encode()).hexdigest()
        rows.append((source, external_id, url, title, "", where, None, text, markup, None, None,
                     None, "[]", None, now, now, None, digest))  # fmt: skip
    parts["html to text"] = clock() - start
    schema = time.process_time()
    open_engine(sqlite_url(database)).dispose()  # the same schema and indexes, not timed
    untimed = time.process_time() - schema
    start = clock()
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO listing (source, external_id, url, title, company, location, remote,"
        " description, description_html, salary_text, salary, employment_type, tags,"
        " posted_at, first_seen, last_seen, closed_at, content_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.execute("COMMIT")
    connection.close()
    parts["executemany"] = clock() - start
    parts["rows"] = len(rows)
    parts["cpu"] = time.process_time() - cpu - untimed
    return parts


def _board_of(path: str) -> tuple[str, str]:
    pieces = path.split("/")
    if path.startswith("/v1/boards/"):
        return "greenhouse", pieces[3]
    if path.startswith("/v0/postings/"):
        return "lever", pieces[3]
    if path.startswith("/posting-api/"):
        return "ashby", pieces[3]
    if path.startswith("/wday/"):
        return "workday", pieces[3]
    return "rss", pieces[2].removesuffix(".xml")


# --- reporting --------------------------------------------------------------------------------


def profiled(fn: Callable[[], Any], top: int = 30) -> Any:
    profiler = cProfile.Profile()
    result = profiler.runcall(fn)
    for key in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(top)
        print(f"\n--- cProfile of night 1, by {key} ---")
        print(out.getvalue().split("\n\n", 1)[-1].rstrip())
    return result


def served(stats: dict[str, Any]) -> str:
    requests, not_modified = Counter(stats["requests"]), Counter(stats["not_modified"])
    per_kind = ", ".join(
        f"{kind} {requests[kind]}" + (f" ({not_modified[kind]} 304)" if not_modified[kind] else "")
        for kind in sorted(requests)
    )
    return (f"{sum(requests.values())} requests, {sum(not_modified.values())} answered 304,"
            f" {stats['bytes'] / 1e6:.1f} MB sent ({per_kind})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="listings (default 10000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--nights", type=int, choices=(1, 2), default=2,
                        help="2: also score, then a night with nothing new")  # fmt: skip
    parser.add_argument("--profile", action="store_true", help="cProfile night 1")
    args = parser.parse_args()

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    server = context.Process(target=serve, args=(theirs, args.n, args.seed), daemon=True)
    server.start()
    replay = build_replay(args.n, args.seed)  # the same responses, for configs and the floor
    kinds = Counter(board.kind for board in replay.boards)
    size = sum(len(r.body) for r in replay.routes.values()) / 1e6
    print(f"replay: {replay.n:,} listings on {len(replay.boards)} boards "
          f"({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}), {replay.hosts} hosts, "
          f"{len(replay.routes):,} responses, {size:.1f} MB")  # fmt: skip
    print("politeness: [http] delay = 0 for the benchmark (concurrency as default: 4 in flight"
          " per shared host, 1 per other host)")  # fmt: skip
    writes = Writes()
    try:
        ports: list[int] = ours.recv()
        with tempfile.TemporaryDirectory(prefix="jobmatch-ingest-") as tmp:
            folder = Path(tmp)
            config = write_config(folder, replay, ports)
            database = folder / "jobs.db"
            code, seconds = jobmatch("--config", str(config), "db", "upgrade")
            assert code == 0, f"db upgrade exited {code}"
            print(f"empty store created (`jobmatch db upgrade`, not timed): {seconds:.2f} s")

            event.listen(Engine, "after_cursor_execute", writes)
            run = lambda: jobmatch("--config", str(config), "fetch")  # noqa: E731
            code, night1 = profiled(run) if args.profile else run()
            night1_cpu = CPU["last"]
            event.remove(Engine, "after_cursor_execute", writes)
            ours.send("stats")
            stats1 = ours.recv()
            stored = count(database, "SELECT count(*) FROM listing")
            print(f"\nnight 1: `jobmatch fetch` exit {code}: {stored:,} listings stored")
            print(f"  server saw: {served(stats1)}")
            print("  writes:")
            print("\n".join(writes.lines()))
            raw = floor(replay, folder / "floor.db")
            floor_s = raw["decode"] + raw["html to text"] + raw["executemany"]
            print(f"\n  jobmatch fetch    {night1:7.2f} s  ({stored / night1:,.0f} listings/s)")
            print(f"  raw floor         {floor_s:7.2f} s  (decode {raw['decode']:.2f} s, selectolax "
                  f"{raw['html to text']:.2f} s, executemany {raw['executemany']:.2f} s;"
                  f" {int(raw['rows']):,} rows)")  # fmt: skip
            ratio = night1 / floor_s
            verdict = "OK" if ratio <= RATIO_TARGET else "MISSED"
            print(f"  ratio             {ratio:7.2f}    target <= {RATIO_TARGET}  {verdict}")
            print(f"  CPU seconds in this process: fetch {night1_cpu:.2f} s, floor {raw['cpu']:.2f} s,"
                  f" ratio {night1_cpu / raw['cpu']:.2f} (load average {os.getloadavg()[0]:.1f}"
                  f" on {os.cpu_count()} cores)")  # fmt: skip
            if stored != raw["rows"] or code != 0:
                print("  the fetch did not store every listing the floor wrote", file=sys.stderr)
                return 1
            if args.nights == 1:
                return 0

            code, between = jobmatch("--config", str(config), "match")
            print(f"\nbetween the nights: `jobmatch match` exit {code}: {between:.2f} s "
                  "(facts, duplicate groups, scores; not a target)")  # fmt: skip
            writes = Writes()
            event.listen(Engine, "after_cursor_execute", writes)
            before = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
            code, night2 = jobmatch("--config", str(config), "run", "--force", "--quiet")
            event.remove(Engine, "after_cursor_execute", writes)
            ours.send("stats")
            stats2 = ours.recv()
            rescored = count(database, "SELECT count(*) FROM match WHERE scored_at >= ?", before)
            extracted = writes.rows["UPDATE listing SET facts"]
            changed = count(database, "SELECT count(*) FROM listing_change")
            print(
                f"\nnight 2: `jobmatch run --force --quiet` exit {code}, nothing changed on the boards"
            )
            print(f"  server saw: {served(stats2)}")
            print(f"  writes ({sum(writes.statements.values())} statements, "
                  f"{sum(writes.rows.values()):,} rows; {len(replay.boards)} boards):")  # fmt: skip
            print("\n".join(writes.lines()))
            print(f"  listings re-extracted {extracted}, rescored {rescored}, "
                  f"history rows {changed}")  # fmt: skip
            print(f"  wall time {night2:.2f} s ({CPU['last']:.2f} s CPU in this process)")
    finally:
        ours.send("stop")
        server.join(timeout=5)
        if server.is_alive():
            server.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
