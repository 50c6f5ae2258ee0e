"""RemoteOK: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import FetchError, ParseError
from scraper.http import HttpSettings, PoliteClient
from scraper.listing import Listing, Salary
from scraper.remoteok import RemoteOkConfig, RemoteOkSource, parse_jobs
from tests.conftest import FIXTURES

CASES = FIXTURES / "remoteok"
FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)
Handler = Callable[[httpx.Request], httpx.Response]


def recorded(name: str) -> bytes:
    return (CASES / name).read_bytes()


def replay(name: str) -> httpx.Response:
    """A recorded non-200 response: {status, headers, body}."""
    record = json.loads(recorded(name))
    return httpx.Response(record["status"], headers=record["headers"], text=record["body"])


def assert_matches_expected(listings: list[Listing], expected: list[dict[str, Any]]) -> None:
    assert len(listings) == len(expected)
    for got, want in zip(listings, expected, strict=True):
        assert got.external_id == want["external_id"]
        assert got.title == want["title"]
        assert got.company == want["company"]
        assert got.location == want["location"]
        assert got.url == want["url"]
        assert got.remote is want["remote"]
        assert got.posted_at == datetime.fromisoformat(want["posted_at"])
        assert got.salary == (Salary(**want["salary"]) if want["salary"] else None)
        assert got.salary_text == want["salary_text"]
        assert got.employment_type == want["employment_type"]
        assert got.tags == tuple(want["tags"])
        assert got.description.startswith(want["description_startswith"])
        for phrase in want["description_contains"]:
            assert phrase in got.description
        for fragment in want["description_excludes"]:
            assert fragment not in got.description
        assert got.description_html.lstrip().startswith("<")


def fetch(handler: Handler, **config: Any) -> FetchResult:
    source = RemoteOkSource(RemoteOkConfig(type="remoteok", name="remoteok", **config))

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            return await source.fetch(http)

    return asyncio.run(go())


def serve(body: bytes) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api"
        assert not request.url.params  # none work reliably, so none are sent
        return httpx.Response(200, content=body)

    return handler


def test_normal_response_matches_expected_listings() -> None:
    listings = parse_jobs(json.loads(recorded("normal.json")), source="remoteok")
    assert_matches_expected(listings, json.loads(recorded("normal.expected.json")))


def test_mojibake_is_repaired_in_the_kept_html_too() -> None:
    listings = parse_jobs(json.loads(recorded("normal.json")), source="remoteok")
    assert "we’re building" in listings[0].description_html
    assert "\u00e2\u0080" not in listings[0].description_html


def test_fetch_skips_the_legal_notice_and_keeps_tpm_titles() -> None:
    result = fetch(serve(recorded("normal.json")))
    assert [item.title for item in result.listings] == [
        "Technical Project Manager & Delivery Lead",
        "Agile Coach",
    ]
    assert not result.complete
    assert all(item.source == "remoteok" and item.remote for item in result.listings)


def test_empty_keyword_list_keeps_every_job_but_not_the_notice() -> None:
    result = fetch(serve(recorded("normal.json")), keywords=())
    assert [item.external_id for item in result.listings] == ["1130457", "1130431", "1130402"]


def test_legal_notice_only_is_an_empty_result() -> None:
    result = fetch(serve(recorded("legal_only.json")))
    assert result.listings == [] and not result.complete


def test_base_url_replaces_the_boards_host() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return serve(recorded("legal_only.json"))(request)

    fetch(handler, base_url="http://127.0.0.1:8000/")
    assert seen == ["http://127.0.0.1:8000/api"]


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="remoteok: expected a JSON array of jobs"):
        fetch(serve(recorded("unexpected_shape.json")))


def test_a_job_without_position_is_a_parse_error_naming_the_source() -> None:
    with pytest.raises(ParseError, match="remoteok: a job without id or position"):
        parse_jobs([{"legal": "notice"}, {"id": "1", "company": "X"}], source="remoteok")


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return (
            replay("rate_limited.json") if calls == 1 else serve(recorded("normal.json"))(request)
        )

    result = fetch(handler)
    assert calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    with pytest.raises(FetchError, match="HTTP 429") as raised:
        fetch(lambda request: replay("rate_limited.json"))
    assert raised.value.status == 429
