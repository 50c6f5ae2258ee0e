"""Lever: golden parse of recorded pages, and paged fetches through MockTransport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import FetchError, NotFoundError, ParseError
from scraper.http import HttpSettings, PoliteClient
from scraper.lever import LeverConfig, LeverSource, parse_postings
from scraper.listing import Listing
from tests.conftest import FIXTURES

CASES = FIXTURES / "lever"
FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)
Handler = Callable[[httpx.Request], httpx.Response]


def recorded(name: str) -> bytes:
    return (CASES / name).read_bytes()


def fetch(handler: Handler, **config: Any) -> FetchResult:
    settings: dict[str, Any] = {"type": "lever", "name": "lever:acme", "board": "acme", **config}

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            return await LeverSource(LeverConfig(**settings)).fetch(http)

    return asyncio.run(go())


def board(pages: list[bytes], *, status: int = 200, seen: list[int] | None = None) -> Handler:
    """A fake Lever serving `pages` by `skip`, asserting the documented query."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v0/postings/acme"
        assert request.url.params["mode"] == "json"
        assert request.url.params["limit"] == "100"
        skip = int(request.url.params["skip"])
        assert skip % 100 == 0
        if seen is not None:
            seen.append(skip)
        body = pages[skip // 100] if skip // 100 < len(pages) else b"[]"
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
    assert got.description_html.lstrip().startswith("<")


def test_normal_page_matches_expected_listings() -> None:
    listings = parse_postings(json.loads(recorded("normal.json")), source="lv", company="acme")
    expected = json.loads(recorded("normal.expected.json"))
    assert len(listings) == len(expected)
    for got, want in zip(listings, expected, strict=True):
        assert_matches(got, want)
        assert got.source == "lv"
        assert got.posted_at is not None and got.posted_at.utcoffset() is not None


def test_fetch_keeps_only_titles_in_the_keywords() -> None:
    result = fetch(board([recorded("normal.json")]))
    assert [item.title for item in result.listings] == [
        "Technical Program Manager, Fleet Software",
        "Scrum Master (Contract)",
    ]
    assert result.complete
    assert all(item.source == "lever:acme" for item in result.listings)


def test_empty_keyword_list_keeps_every_listing() -> None:
    assert len(fetch(board([recorded("normal.json")]), keywords=()).listings) == 3


def test_pages_until_a_short_page() -> None:
    seen: list[int] = []
    result = fetch(board([recorded("page1.json"), recorded("page2.json")], seen=seen))
    assert seen == [0, 100]
    assert [item.title for item in result.listings] == [
        "Technical Project Manager",
        "Release Train Engineer",
        "Program Manager, Safety",
    ]
    assert result.complete


def test_max_pages_caps_the_fetch_and_marks_it_incomplete() -> None:
    seen: list[int] = []
    result = fetch(board([recorded("page1.json"), recorded("page2.json")], seen=seen), max_pages=1)
    assert seen == [0]
    assert [item.title for item in result.listings] == ["Technical Project Manager"]
    assert not result.complete


def test_empty_board_is_a_complete_empty_fetch() -> None:
    result = fetch(board([recorded("empty.json")]))
    assert result.listings == [] and result.complete


def test_unknown_site_is_a_not_found_error() -> None:
    with pytest.raises(NotFoundError, match=r"/v0/postings/acme.*HTTP 404.*Document not found"):
        fetch(board([recorded("not_found.json")], status=404))


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="lever:acme: expected a JSON array of postings"):
        fetch(board([recorded("unexpected_shape.json")]))


def test_eu_region_uses_the_eu_host_and_base_url_replaces_either() -> None:
    hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hosts.append(str(request.url.copy_with(query=None)))
        return httpx.Response(200, content=recorded("empty.json"))

    fetch(handler, region="eu")
    fetch(handler)
    fetch(handler, region="eu", base_url="http://127.0.0.1:8000")
    assert hosts == [
        "https://api.eu.lever.co/v0/postings/acme",
        "https://api.lever.co/v0/postings/acme",
        "http://127.0.0.1:8000/v0/postings/acme",
    ]


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
        return board([recorded("normal.json")])(request)

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
