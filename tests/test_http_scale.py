"""Politeness at registry scale: shared API hosts, host-wide pauses, skipped hosts, offline."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from jobmatch.config import load_config
from jobmatch.errors import ConfigError
from jobmatch.pipeline import fetch_sources
from scraper.base import SourceConfig
from scraper.errors import FetchError
from scraper.greenhouse import GreenhouseConfig
from scraper.http import HttpSettings, Page, PoliteClient
from scraper.recruitee import RecruiteeConfig
from storage.engine import open_engine, sqlite_url

Handler = Callable[[httpx.Request], Coroutine[None, None, httpx.Response]]
SHARED = "https://api.shared.example"


BASE = HttpSettings(
    delay=0.0, backoff=0.0, shared_hosts=("api.shared.example",), shared_host_concurrency=3
)


def settings(**changes: Any) -> HttpSettings:
    return replace(BASE, **changes)


def run(
    config: HttpSettings, handler: Handler, urls: list[str], *, stagger: float = 0.0
) -> list[Page | FetchError]:
    """GET every URL concurrently (the `stagger`-th second apart); errors are returned."""

    async def one(http: PoliteClient, index: int, url: str) -> Page | FetchError:
        await asyncio.sleep(index * stagger)
        try:
            return await http.get(url)
        except FetchError as e:
            return e

    async def go() -> list[Page | FetchError]:
        async with PoliteClient(config, transport=httpx.MockTransport(handler)) as http:
            return await asyncio.gather(*(one(http, i, url) for i, url in enumerate(urls)))

    return asyncio.run(go())


class InFlight:
    """A fake server that answers after `latency` and records, per host, starts and peaks."""

    def __init__(self, latency: float) -> None:
        self.latency = latency
        self.now: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()
        self.starts: dict[str, list[float]] = {}

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        self.starts.setdefault(host, []).append(time.monotonic())
        self.now[host] += 1
        self.peak[host] = max(self.peak[host], self.now[host])
        await asyncio.sleep(self.latency)
        self.now[host] -= 1
        return httpx.Response(200, text="ok")


def test_a_shared_host_gets_its_own_concurrency_and_tenants_keep_per_host() -> None:
    server = InFlight(latency=0.05)
    urls = [f"{SHARED}/boards/{i}" for i in range(12)]
    urls += [f"https://acme.tenant.example/jobs/{i}" for i in range(4)]
    urls += [f"https://globex.tenant.example/jobs/{i}" for i in range(4)]
    results = run(settings(), server, urls)
    assert all(isinstance(r, Page) for r in results)
    assert server.peak == {
        "api.shared.example": 3,
        "acme.tenant.example": 1,
        "globex.tenant.example": 1,
    }


def test_a_shared_host_sees_starts_spaced_by_delay_over_its_concurrency() -> None:
    server = InFlight(latency=0.01)
    delay, concurrency, n = 0.2, 4, 12
    config = settings(delay=delay, shared_host_concurrency=concurrency)
    started = time.monotonic()
    run(config, server, [f"{SHARED}/boards/{i}" for i in range(n)])
    elapsed = time.monotonic() - started
    starts = server.starts["api.shared.example"]
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= 0.5 * delay / concurrency - 0.01  # 0.5x-1.5x of 0.05 s, less loop lag
    # The lower bound the docs promise, (n - 1) gaps of delay / concurrency on average.
    assert 0.5 * (n - 1) * delay / concurrency <= elapsed < 1.5 * n * delay / concurrency + 0.2


def test_a_busy_event_loop_keeps_the_rate_but_never_bunches_starts() -> None:
    stamps: list[float] = []

    async def busy(request: httpx.Request) -> httpx.Response:
        stamps.append(time.monotonic())
        time.sleep(0.02)  # parsing a big board: the event loop is blocked, timers run late
        return httpx.Response(200, text="ok")

    delay, concurrency, n = 0.2, 4, 12
    config = settings(delay=delay, shared_host_concurrency=concurrency)
    run(config, busy, [f"{SHARED}/boards/{i}" for i in range(n)])
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    assert min(gaps) >= delay / concurrency / 2 - 0.002  # the shortest randomised gap
    assert stamps[-1] - stamps[0] < 1.5 * (n - 1) * delay / concurrency


def test_retry_after_pauses_every_request_to_that_host() -> None:
    seen: list[tuple[str, float]] = []
    answered = iter([429, 200])

    async def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.path, time.monotonic()))
        if request.url.path == "/limited":
            return httpx.Response(next(answered), headers={"Retry-After": "30"})
        return httpx.Response(200, text="ok")

    # Retry-After 30 is capped at 0.3 s; the other board's request comes 0.05 s later.
    config = settings(max_retry_after=0.3)
    results = run(config, handler, [f"{SHARED}/limited", f"{SHARED}/other"], stagger=0.05)
    assert all(isinstance(r, Page) for r in results)
    limited_at = seen[0][1]
    later = [(path, at - limited_at) for path, at in seen[1:]]
    assert sorted(path for path, _ in later) == ["/limited", "/other"]
    assert all(waited >= 0.3 - 0.01 for _, waited in later)  # the other board waited too


def test_a_run_of_failures_skips_the_host_and_a_success_resets_the_count() -> None:
    calls: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        calls.append(f"{request.url.host}{request.url.path}")
        return httpx.Response(503 if request.url.path == "/down" else 200, text="x")

    async def go() -> list[str]:
        outcomes = []
        config = settings(retries=0, skip_host_after=3)
        async with PoliteClient(config, transport=httpx.MockTransport(handler)) as http:
            for path in ["/down", "/down", "/ok", "/down", "/down", "/down", "/ok"]:
                try:
                    outcomes.append((await http.get(f"https://flaky.example{path}")).text)
                except FetchError as e:
                    outcomes.append(str(e))
            outcomes.append((await http.get("https://other.example/ok")).text)
        return outcomes

    outcomes = asyncio.run(go())
    assert (
        outcomes[:6]
        == ["https://flaky.example/down: HTTP 503 (x)"] * 2
        + ["x"]
        + ["https://flaky.example/down: HTTP 503 (x)"] * 3
    )
    assert outcomes[6] == (
        "https://flaky.example/ok: host flaky.example skipped after 3 consecutive failures"
        " (last: HTTP 503 (x))"
    )
    assert outcomes[7] == "x"  # other hosts carry on
    assert calls.count("flaky.example/ok") == 1  # the skipped host was not asked again


def test_a_skipped_shared_host_fails_its_queued_requests_at_once() -> None:
    calls = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.01)
        return httpx.Response(502, text="bad gateway")

    config = settings(retries=0, skip_host_after=5, delay=0.1)
    results = run(config, handler, [f"{SHARED}/boards/{i}" for i in range(40)])
    skipped = [r for r in results if isinstance(r, FetchError) and "skipped after 5" in str(r)]
    assert calls <= 5 + 2  # the 5 failures, and at most 2 more already in flight
    assert len(skipped) == 40 - calls


def test_connect_failures_do_not_wait_behind_the_delay() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    # Spaced by the 1 s delay these would take 9 s; nothing reached the host, so no wait.
    config = settings(delay=1.0, retries=2, connect_retries=1, skip_host_after=0)
    started = time.monotonic()
    results = run(config, handler, [f"https://down.example/{i}" for i in range(10)])
    assert time.monotonic() - started < 0.5
    assert all(isinstance(r, FetchError) and "cannot connect" in str(r) for r in results)


def test_connect_errors_are_retried_connect_retries_times_only() -> None:
    calls = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        raise httpx.ConnectError("[Errno -2] Name or service not known", request=request)

    run(settings(retries=5, connect_retries=1), handler, ["https://gone.example/x"])
    assert calls == 2


def test_many_boards_offline_fail_fast_through_the_pipeline(tmp_path: Path) -> None:
    """A night with no network: 40 boards on one shared API host, 20 on their own hosts."""
    requested: list[str] = []

    async def offline(request: httpx.Request) -> httpx.Response:
        requested.append(request.url.host)
        raise httpx.ConnectError("[Errno -3] Temporary failure in name resolution", request=request)

    configs: list[SourceConfig] = [
        GreenhouseConfig(type="greenhouse", name=f"greenhouse:b{i}", board=f"b{i}")
        for i in range(40)
    ]
    configs += [
        RecruiteeConfig(type="recruitee", name=f"recruitee:t{i}", board=f"t{i}") for i in range(20)
    ]
    engine = open_engine(sqlite_url(tmp_path / "jobs.db"))
    # The shipped politeness, only the backoff before the one connect retry shortened.
    config = HttpSettings(backoff=0.05)
    started = time.monotonic()
    outcomes = fetch_sources(
        engine, configs, config, transport=httpx.MockTransport(offline), force=True
    )
    elapsed = time.monotonic() - started
    engine.dispose()
    # Queued behind the 1 s delay, the 40 Greenhouse boards alone would take 10 s or more.
    assert elapsed < 3, elapsed
    assert all(o.error for o in outcomes)
    greenhouse = [o.error or "" for o in outcomes[:40]]
    assert sum("skipped after 5 consecutive failures" in e for e in greenhouse) >= 30
    assert all("cannot connect" in (o.error or "") for o in outcomes[40:])
    assert requested.count("boards-api.greenhouse.io") <= 5 + 3  # then skipped


@pytest.mark.parametrize("host", ["api.lever.co", "API.Lever.co:443"])
def test_the_default_shared_hosts_include_the_multi_tenant_apis(host: str) -> None:
    config = HttpSettings()
    assert config.concurrency(f"https://{host}/v0/postings/x") == config.shared_host_concurrency
    assert config.concurrency("https://acme.wd3.myworkdayjobs.com/x") == config.per_host


def test_the_http_section_sets_the_scale_settings(tmp_path: Path) -> None:
    text = (
        '[http]\nshared_hosts = ["API.Example.com", "127.0.0.1:8001"]\n'
        "shared_host_concurrency = 6\nconnect_retries = 0\nskip_host_after = 0\n"
    )
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    http = load_config(tmp_path / "config.toml").http.settings()
    assert http.shared_hosts == ("api.example.com", "127.0.0.1:8001")
    assert http.concurrency("https://api.example.com/x") == 6
    assert http.concurrency("http://127.0.0.1:8001/x") == 6
    assert http.concurrency("http://127.0.0.1:8002/x") == 1
    assert (http.connect_retries, http.skip_host_after) == (0, 0)


def test_a_shared_host_given_as_a_url_is_one_line_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[http]\nshared_hosts = ["https://api.lever.co/v0"]\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"config.toml: http.shared_hosts: .*'api.lever.co'"):
        load_config(tmp_path / "config.toml")
