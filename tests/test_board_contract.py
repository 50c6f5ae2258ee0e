"""The board contract: every source type with a `tests/fixtures/<type>/contract.json` is run
through the same golden cases against its recorded responses, served by MockTransport.

A new source adds its fixtures, its `contract.json` and one registry entry; no test code.

`contract.json`:

    {"config": {...keys beyond type and name...},
     "cases": {"<case>": CASE, ...}}

Required cases: `normal`, `paging`, `empty`, `not_found`, `unexpected_shape`,
`malformed_item` (`paging` may be `{"not_applicable": "why"}` for a board that answers with
everything at once). Others may be added (`cap`, `detail_once`, ...). A CASE is

    {"routes": [ROUTE, ...],             # the fake server; an unrouted request fails the case
     "config": {...},                    # optional: keys merged over the contract's config
     "expected": "file.expected.json" | [...],   # golden listings (tests/golden.py keys)
     "complete": true | false,           # FetchResult.complete
     "skipped": ["regex", ...],          # one regex per skipped item, in order (default none)
     "warning": "regex" | null,          # FetchResult.warning (default: no warning)
     "html": true | false,               # every listing keeps HTML (default true)
     "error": "NotFoundError" | "ParseError" | "FetchError", "match": "regex"}

and a ROUTE is

    {"method": "GET", "path": "/x", "query": {"k": "v"}, "json": {"offset": 0},
     "status": 200, "file": "page0.json" | "body": "text", "headers": {...}}

`query` and `json` match a subset of the request's query string and JSON body. Keywords
default to none (every title kept) unless the case's config sets them. The `normal` case is
also replayed behind one 429 with Retry-After (retried, same result) and behind a 429 that
never ends (a FetchError saying HTTP 429).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from jobmatch.replay import routes_from_records
from scraper import errors
from scraper.base import FetchResult, SourceConfig
from scraper.registry import SOURCES, build_source, source_class
from tests.conftest import FIXTURES
from tests.golden import FAST, assert_matches_expected, run_fetch

REQUIRED = ("normal", "paging", "empty", "not_found", "unexpected_shape", "malformed_item")
ERRORS: dict[str, type[Exception]] = {
    "NotFoundError": errors.NotFoundError,
    "ParseError": errors.ParseError,
    "FetchError": errors.FetchError,
    "RobotsDisallowed": errors.RobotsDisallowed,
}
TESTS = Path(__file__).parent
# The older boards' own test files, where the name is not test_<type>.py.
OWN_TESTS = {
    "rss": "test_feeds.py",
    "weworkremotely": "test_feeds.py",
    "html": "test_html_source.py",
}
# The older boards' own test files, where the name is not test_<type>.py.
OWN_TESTS = {
    "rss": "test_feeds.py",
    "weworkremotely": "test_feeds.py",
    "html": "test_html_source.py",
}


def contracts() -> list[str]:
    return sorted(p.parent.name for p in FIXTURES.glob("*/contract.json"))


def load(board: str) -> dict[str, Any]:
    contract: dict[str, Any] = json.loads((FIXTURES / board / "contract.json").read_text())
    return contract


def cases() -> list[tuple[str, str]]:
    found = []
    for board in contracts():
        for name, case in load(board)["cases"].items():
            if "not_applicable" not in case:
                found.append((board, name))
    return found


@dataclass
class Server:
    """The fake board: answers each request from the first route that matches it (the
    same matching `jobmatch demo`'s real server uses)."""

    board: str
    records: list[dict[str, Any]]
    requests: list[httpx.Request] = field(default_factory=list)
    unrouted: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.routes = routes_from_records(FIXTURES / self.board, self.records)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt" and not any(
            r.path == "/robots.txt" for r in self.routes
        ):
            return httpx.Response(404)
        self.requests.append(request)
        query = dict(request.url.params)
        for route in self.routes:
            if route.matches(request.method, request.url.path, query, request.content):
                reply = route.reply
                return httpx.Response(reply.status, content=reply.body, headers=reply.headers)
        self.unrouted.append(f"{request.method} {request.url}")
        return httpx.Response(418, text="no route in contract.json")


def source_for(board: str, case: dict[str, Any]) -> Any:
    contract = load(board)
    keys = {"keywords": [], **contract.get("config", {}), **case.get("config", {})}
    model = source_class(board).config_model
    config: SourceConfig = model.model_validate({"type": board, "name": f"{board}:test", **keys})
    return build_source(config)


def expected_of(board: str, case: dict[str, Any]) -> list[dict[str, Any]]:
    expected = case.get("expected", [])
    if isinstance(expected, str):
        loaded: list[dict[str, Any]] = json.loads((FIXTURES / board / expected).read_text())
        return loaded
    return list(expected)


def check_result(board: str, case: dict[str, Any], result: FetchResult) -> None:
    assert_matches_expected(result.listings, expected_of(board, case), html=case.get("html", True))
    assert result.complete is case.get("complete", True), f"complete is {result.complete}"
    patterns = case.get("skipped", [])
    assert len(result.skipped) == len(patterns), f"skipped: {result.skipped!r}"
    for line, pattern in zip(result.skipped, patterns, strict=True):
        assert re.search(pattern, line), f"skipped line {line!r} does not match {pattern!r}"
    if result.skipped:
        assert not result.closes, "a fetch that skipped an item must close nothing"
    warning = case.get("warning")
    if warning is None:
        assert result.warning is None, f"unexpected warning {result.warning!r}"
    else:
        assert result.warning and re.search(warning, result.warning), result.warning


def test_every_source_type_is_held_to_golden_tests() -> None:
    """A registered type has a contract.json, or (the older boards) a test file of its own."""
    missing = [
        kind
        for kind in SOURCES
        if not (FIXTURES / kind / "contract.json").exists()
        and not (TESTS / OWN_TESTS.get(kind, f"test_{kind}.py")).exists()
    ]
    assert not missing, f"source types with no golden tests: {missing}"


@pytest.mark.parametrize("board", contracts())
def test_contract_has_every_required_case(board: str) -> None:
    contract = load(board)
    assert board in SOURCES, f"{board}: contract.json for a type the registry lacks"
    assert not set(REQUIRED) - set(contract["cases"]), f"{board}: missing cases"
    for name, case in contract["cases"].items():
        if "not_applicable" in case:
            assert name == "paging", f"{board}: only paging may be not_applicable"
            assert case["not_applicable"].strip(), f"{board}: say why paging does not apply"
        else:
            assert case["routes"], f"{board}/{name}: no routes"


@pytest.mark.parametrize(("board", "name"), cases())
def test_golden_case(board: str, name: str) -> None:
    case = load(board)["cases"][name]
    server = Server(board, case["routes"])
    source = source_for(board, case)
    if "error" in case:
        with pytest.raises(ERRORS[case["error"]], match=case["match"]):
            run_fetch(source, server)
    else:
        check_result(board, case, run_fetch(source, server))
    assert not server.unrouted, f"requests no route answers: {server.unrouted}"
    agents = {request.headers.get("user-agent", "") for request in server.requests}
    assert all(agent.startswith("jobmatch/") for agent in agents), agents


@pytest.mark.parametrize("board", contracts())
def test_429_with_retry_after_is_retried_then_succeeds(board: str) -> None:
    case = load(board)["cases"]["normal"]
    server = Server(board, case["routes"])
    limited: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if not limited and request.url.path != "/robots.txt":
            limited.append(str(request.url))
            return httpx.Response(429, headers={"Retry-After": "30"}, text="slow down")
        return server(request)

    check_result(board, case, run_fetch(source_for(board, case), handler))
    assert limited and limited[0] == str(server.requests[0].url), "the 429 was not retried"


@pytest.mark.parametrize("board", contracts())
def test_persistent_429_fails_after_the_configured_retries(board: str) -> None:
    case = load(board)["cases"]["normal"]
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        calls.append(str(request.url))
        return httpx.Response(429, headers={"Retry-After": "1"}, text="rate limited")

    with pytest.raises(errors.FetchError, match="HTTP 429"):
        run_fetch(source_for(board, case), handler)
    assert len(calls) == FAST.retries + 1, calls
