"""Ashby: golden parse of recorded boards, and fetches through MockTransport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

import httpx
import pytest

from scraper.ashby import AshbyConfig, AshbySource, parse_job_board
from scraper.base import FetchResult
from scraper.errors import FetchError, NotFoundError, ParseError
from scraper.http import HttpSettings, PoliteClient
from scraper.listing import Listing
from tests.conftest import FIXTURES

CASES = FIXTURES / "ashby"
FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)
Handler = Callable[[httpx.Request], httpx.Response]


def recorded(name: str) -> bytes:
    return (CASES / name).read_bytes()


def fetch(handler: Handler, **config: Any) -> FetchResult:
    settings: dict[str, Any] = {"type": "ashby", "name": "ashby:acme", "board": "acme", **config}

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            return await AshbySource(AshbyConfig(**settings)).fetch(http)

    return asyncio.run(go())


def serve(status: int, body: bytes) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/posting-api/job-board/acme"
        assert request.url.params["includeCompensation"] == "true"
        return httpx.Response(status, content=body)

    return handler


def assert_matches(got: Listing, want: dict[str, Any]) -> None:
    assert got.external_id == want["external_id"]
    assert got.title == want["title"]
    assert got.company == want["company"]
    assert got.location == want["location"]
    assert got.url == want["url"]
    assert got.remote is want["remote"]
    assert got.posted_at == datetime.fromisoformat(want["posted_at"])
    assert got.employment_type == want["employment_type"]
    assert (None if got.salary is None else asdict(got.salary)) == want["salary"]
    assert got.salary_text == want["salary_text"]
    assert list(got.tags) == want["tags"]
    assert got.description.startswith(want["description_startswith"])
    for phrase in want["description_contains"]:
        assert phrase in got.description
    for fragment in want["description_excludes"]:
        assert fragment not in got.description
    assert got.description_html.lstrip().startswith("<") is want["description_html"]


def test_normal_board_matches_expected_listings() -> None:
    listings = parse_job_board(json.loads(recorded("normal.json")), source="ab", company="acme")
    expected = json.loads(recorded("normal.expected.json"))
    assert len(listings) == len(expected)
    for got, want in zip(listings, expected, strict=True):
        assert_matches(got, want)


def test_unlisted_jobs_are_dropped() -> None:
    listings = parse_job_board(json.loads(recorded("normal.json")), source="ab", company="acme")
    assert "Program Manager, Internal Tools" not in [item.title for item in listings]


def test_pay_hidden_by_the_company_is_not_republished() -> None:
    listings = parse_job_board(json.loads(recorded("normal.json")), source="ab", company="acme")
    hidden = next(item for item in listings if item.title.startswith("Account Executive"))
    assert hidden.salary is None and hidden.salary_text is None


def test_fetch_keeps_only_titles_in_the_keywords() -> None:
    result = fetch(serve(200, recorded("normal.json")))
    assert [item.title for item in result.listings] == [
        "Senior Technical Program Manager",
        "Delivery Manager",
    ]
    assert result.complete
    assert all(item.source == "ashby:acme" for item in result.listings)


def test_configured_company_is_the_display_name() -> None:
    result = fetch(serve(200, recorded("normal.json")), company="Kestrel Pay")
    assert {item.company for item in result.listings} == {"Kestrel Pay"}


def test_empty_keyword_list_keeps_every_listed_job() -> None:
    assert len(fetch(serve(200, recorded("normal.json")), keywords=()).listings) == 3


def test_empty_board_is_a_complete_empty_fetch() -> None:
    result = fetch(serve(200, recorded("empty.json")))
    assert result.listings == [] and result.complete


def test_unknown_board_is_a_not_found_error() -> None:
    with pytest.raises(NotFoundError, match=r"/posting-api/job-board/acme.*HTTP 404"):
        fetch(serve(404, recorded("not_found.json")))


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="ashby:acme: expected an object with a 'jobs' list"):
        fetch(serve(200, recorded("unexpected_shape.json")))


def test_base_url_replaces_the_documented_host() -> None:
    urls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return serve(200, recorded("empty.json"))(request)

    fetch(handler, base_url="http://127.0.0.1:8000")
    assert urls == ["http://127.0.0.1:8000/posting-api/job-board/acme?includeCompensation=true"]


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    limited = json.loads(recorded("rate_limited.json"))
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            return httpx.Response(
                limited["status"], headers=limited["headers"], text=limited["body"]
            )
        return serve(200, recorded("normal.json"))(request)

    result = fetch(handler)
    assert calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    limited = json.loads(recorded("rate_limited.json"))

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(limited["status"], headers=limited["headers"], text=limited["body"])

    with pytest.raises(FetchError, match="HTTP 429") as raised:
        fetch(handler)
    assert raised.value.status == 429
