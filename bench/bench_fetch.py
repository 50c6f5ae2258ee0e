"""Benchmark a night's fetch at registry scale against local servers.

python bench/bench_fetch.py [--boards 500] [--tenants 100] [--delay 0.2] [--concurrency 4]

Not a test. A child process serves, on 127.0.0.1, one port per host (the host is
host:port): 3 shared API hosts (Greenhouse, Lever and Ashby paths) and `--tenants`
per-company hosts (Recruitee's path), each answer after 50-150 ms, a board of `--jobs`
postings grown from the recorded fixtures. Of `--boards` boards, `--tenants` live on
their own host and the rest are spread over the shared hosts. This process runs the real
`jobmatch.pipeline.fetch_sources` (one PoliteClient, every board concurrently, each
parsed and stored in a temporary SQLite file) with `delay = --delay`, and prints:

  - per host kind, what the servers saw: requests, connections, peak in flight, the
    shortest gap between request arrivals;
  - the night's wall time (and when its first request came: fetch_sources' own set-up),
    beside its politeness lower bound: the largest over hosts of requests x delay /
    allowed in flight (HttpSettings' rules), and their ratio, target <= 1.25: the night
    lasts as long as politeness makes it, not longer;
  - this process's peak RSS (ru_maxrss), target < 300 MB.

Exits 1 if a board failed or a target was missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass, field
from itertools import pairwise
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobmatch.pipeline import fetch_sources  # noqa: E402
from scraper.ashby import AshbyConfig  # noqa: E402
from scraper.base import SourceConfig  # noqa: E402
from scraper.greenhouse import GreenhouseConfig  # noqa: E402
from scraper.http import HttpSettings  # noqa: E402
from scraper.lever import LeverConfig  # noqa: E402
from scraper.recruitee import RecruiteeConfig  # noqa: E402
from storage.engine import open_engine, sqlite_url  # noqa: E402

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SHARED_KINDS = ("greenhouse", "lever", "ashby")  # one shared host each
RSS_TARGET_MB = 300
RATIO_TARGET = 1.25


# --- the servers (a child process, so their work doesn't share this one's GIL) --------


def board_payloads(jobs: int) -> dict[str, bytes]:
    """Path prefix -> a board of `jobs` postings, grown from each recorded fixture."""

    def grow(items: list[Any]) -> list[Any]:
        grown = []
        for k in range(jobs):
            item = dict(items[k % len(items)])
            if isinstance(item["id"], int):
                item["id"] = item["id"] * 1000 + k
            else:
                item["id"] = f"{item['id']}-{k}"
            grown.append(item)
        return grown

    def load(board: str) -> Any:
        return json.loads((FIXTURES / board / "normal.json").read_text(encoding="utf-8"))

    greenhouse, ashby, recruitee = load("greenhouse"), load("ashby"), load("recruitee")
    return {
        "/v1/boards/": json.dumps({**greenhouse, "jobs": grow(greenhouse["jobs"])}).encode(),
        "/v0/postings/": json.dumps(grow(load("lever"))).encode(),
        "/posting-api/job-board/": json.dumps({**ashby, "jobs": grow(ashby["jobs"])}).encode(),
        "/api/offers/": json.dumps({**recruitee, "offers": grow(recruitee["offers"])}).encode(),
    }


@dataclass
class PortStats:
    starts: list[float] = field(default_factory=list)
    in_flight: int = 0
    peak: int = 0
    connections: int = 0


def serve(conn: Connection, ports: int, latency: tuple[float, float], jobs: int) -> None:
    """Serve `ports` ports until told to stop; send the ports, then each port's stats."""
    asyncio.run(_serve(conn, ports, latency, board_payloads(jobs)))


async def _serve(
    conn: Connection, ports: int, latency: tuple[float, float], payloads: dict[str, bytes]
) -> None:
    stats: dict[int, PortStats] = {}

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        port = writer.get_extra_info("sockname")[1]
        seen = stats.setdefault(port, PortStats())
        seen.connections += 1
        try:
            while True:  # HTTP/1.1 keep-alive: one request after another
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
                seen.starts.append(time.monotonic())
                seen.in_flight += 1
                seen.peak = max(seen.peak, seen.in_flight)
                for line in head.split("\r\n"):
                    if line.lower().startswith("content-length:"):
                        await reader.readexactly(int(line.split(":", 1)[1]))
                path = head.split(" ", 2)[1]
                body = next((b for p, b in payloads.items() if path.startswith(p)), None)
                await asyncio.sleep(random.uniform(*latency))
                status = "200 OK" if body is not None else "404 Not Found"
                body = body if body is not None else b'{"error": "not found"}'
                writer.write(
                    f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
                seen.in_flight -= 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass  # the client closed the connection
        finally:
            writer.close()

    servers = [await asyncio.start_server(answer, "127.0.0.1", 0) for _ in range(ports)]
    conn.send([s.sockets[0].getsockname()[1] for s in servers])
    await asyncio.get_running_loop().run_in_executor(None, conn.recv)  # "stop"
    for server in servers:
        server.close()
    conn.send({port: vars(s) for port, s in stats.items()})  # plain data across processes


# --- the night ------------------------------------------------------------------------


def board_configs(
    boards: int, tenants: int, shared_ports: list[int], tenant_ports: list[int]
) -> list[SourceConfig]:
    """Boards on the shared hosts in turn, then one per tenant host; default keywords."""
    model = {"greenhouse": GreenhouseConfig, "lever": LeverConfig, "ashby": AshbyConfig}
    configs: list[SourceConfig] = []
    for i in range(boards - tenants):
        kind, port = SHARED_KINDS[i % 3], shared_ports[i % 3]
        base = {"type": kind, "name": f"{kind}:b{i}", "board": f"b{i}"}
        configs.append(model[kind](**base, base_url=f"http://127.0.0.1:{port}"))
    for i, port in enumerate(tenant_ports):
        configs.append(
            RecruiteeConfig(
                type="recruitee",
                name=f"recruitee:t{i}",
                board=f"t{i}",
                base_url=f"http://127.0.0.1:{port}",
            )
        )
    return configs


def lower_bound(requests: dict[int, int], settings: HttpSettings) -> float:
    """The politeness floor: the busiest host's requests x delay / allowed in flight."""
    return max(
        n * settings.delay / settings.concurrency(f"http://127.0.0.1:{port}")
        for port, n in requests.items()
    )


def describe(name: str, ports: list[int], seen: dict[int, dict[str, Any]]) -> str:
    """What the servers of one kind of host saw."""
    got = [seen.get(p, {"starts": [], "peak": 0, "connections": 0}) for p in ports]
    counts = [len(g["starts"]) for g in got]
    gaps = [b - a for g in got for a, b in pairwise(sorted(g["starts"]))]
    shortest = f"{min(gaps) * 1000:.0f} ms" if gaps else "-"
    return (
        f"  {name:<6} {len(ports):>3} hosts {sum(counts):>4} requests"
        f" (busiest {max(counts, default=0)}), {sum(g['connections'] for g in got)}"
        f" connections; peak in flight {max((g['peak'] for g in got), default=0)},"
        f" shortest start gap {shortest}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=500, help="boards in the night")
    parser.add_argument("--tenants", type=int, default=100, help="of them, on their own host")
    parser.add_argument("--delay", type=float, default=0.2, help="HttpSettings.delay")
    parser.add_argument("--concurrency", type=int, default=4, help="shared_host_concurrency")
    parser.add_argument("--jobs", type=int, default=20, help="postings per board")
    args = parser.parse_args()
    if not 0 <= args.tenants < args.boards:
        parser.error("--tenants must be at least 0 and fewer than --boards")

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    server = context.Process(
        target=serve, args=(theirs, 3 + args.tenants, (0.05, 0.15), args.jobs), daemon=True
    )
    server.start()
    try:
        ports: list[int] = ours.recv()
        shared_ports, tenant_ports = ports[:3], ports[3:]
        settings = HttpSettings(
            delay=args.delay,
            per_host=1,
            shared_hosts=tuple(f"127.0.0.1:{p}" for p in shared_ports),
            shared_host_concurrency=args.concurrency,
        )
        configs = board_configs(args.boards, args.tenants, shared_ports, tenant_ports)
        with tempfile.TemporaryDirectory() as folder:
            engine = open_engine(sqlite_url(Path(folder) / "bench.db"))
            started = time.monotonic()  # the servers' clock too (CLOCK_MONOTONIC)
            outcomes = fetch_sources(engine, configs, settings, force=True)
            wall = time.monotonic() - started
            engine.dispose()
        ours.send("stop")
        seen: dict[int, dict[str, Any]] = ours.recv()
    finally:
        server.join(timeout=5)
        if server.is_alive():
            server.terminate()

    failed = [o for o in outcomes if not o.ok]
    bound = lower_bound({p: len(seen[p]["starts"]) for p in seen}, settings)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"{args.boards} boards: {args.boards - args.tenants} on 3 shared hosts"
        f" ({args.concurrency} in flight), {args.tenants} on their own host (1 in flight);"
        f" delay {args.delay} s, 50-150 ms per answer, {args.jobs} postings a board"
    )
    print(describe("shared", shared_ports, seen))
    print(describe("tenant", tenant_ports, seen))
    stored = sum(o.counts.new for o in outcomes if o.counts)
    print(f"listings stored: {stored} (the boards' default keywords keep the TPM family)")
    print(f"boards failed: {len(failed)}" + (f" (first: {failed[0].error})" if failed else ""))
    first = min((min(g["starts"]) for g in seen.values() if g["starts"]), default=started)
    print(f"wall time       {wall:7.2f} s  (first request after {first - started:.2f} s)")
    print(f"lower bound     {bound:7.2f} s  (busiest host: requests x delay / in flight)")
    ratio = wall / bound
    print(f"ratio           {ratio:7.2f}    target <= {RATIO_TARGET}")
    print(f"peak RSS        {rss_mb:7.0f} MB  target < {RSS_TARGET_MB} MB")
    if failed or ratio > RATIO_TARGET or rss_mb >= RSS_TARGET_MB:
        sys.exit(1)


if __name__ == "__main__":
    main()
