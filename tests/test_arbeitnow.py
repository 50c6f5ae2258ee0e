"""Arbeitnow: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from scraper.arbeitnow import ArbeitnowConfig, ArbeitnowSource, parse_page
from scraper.base import FetchResult
from scraper.errors import FetchError, ParseError
from scraper.http import HttpSettings, PoliteClient
from scraper.listing import Listing, Salary
from tests.conftest import FIXTURES

CASES = FIXTURES / "arbeitnow"
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
    source = ArbeitnowSource(ArbeitnowConfig(type="arbeitnow", name="arbeitnow", **config))

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            return await source.fetch(http)

    return asyncio.run(go())


def serve_pages(
    pages: dict[str, bytes], *, host: str = "www.arbeitnow.com", log: list[str] | None = None
) -> Handler:
    """Serve `?page=N` from `pages`; record each page asked for in `log`."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == host
        assert request.url.path == "/api/job-board-api"
        assert set(request.url.params) == {"page"}
        number = request.url.params["page"]
        if log is not None:
            log.append(number)
        return httpx.Response(200, content=pages[number])

    return handler


TWO_PAGES = {"1": recorded("page1.json"), "2": recorded("page2.json")}


@pytest.mark.parametrize("case", ["page1", "page2"])
def test_pages_match_expected_listings(case: str) -> None:
    listings, _ = parse_page(json.loads(recorded(f"{case}.json")), source="arbeitnow")
    assert_matches_expected(listings, json.loads(recorded(f"{case}.expected.json")))


def test_parse_page_returns_links_next() -> None:
    _, first_next = parse_page(json.loads(recorded("page1.json")), source="arbeitnow")
    _, last_next = parse_page(json.loads(recorded("page2.json")), source="arbeitnow")
    assert first_next == "https://www.arbeitnow.com/api/job-board-api?page=2"
    assert last_next is None


def test_double_escaped_description_is_clean_text_and_real_html() -> None:
    listings, _ = parse_page(json.loads(recorded("page1.json")), source="arbeitnow")
    assert listings[0].description_html.startswith("<p><strong>Über uns</strong></p>")
    assert "&amp;amp;" not in listings[1].description_html


def test_fetch_follows_links_next_until_null() -> None:
    log: list[str] = []
    result = fetch(serve_pages(TWO_PAGES, log=log))
    assert log == ["1", "2"]
    assert [item.title for item in result.listings] == [
        "Technical Project Manager (m/w/d)",
        "Scrum Master (m/w/d)",
    ]
    assert not result.complete
    assert all(item.source == "arbeitnow" for item in result.listings)
    assert [item.remote for item in result.listings] == [True, False]


def test_base_url_takes_the_place_of_the_host_in_links_next() -> None:
    log: list[str] = []
    fetch(serve_pages(TWO_PAGES, host="127.0.0.1", log=log), base_url="http://127.0.0.1:8000")
    assert log == ["1", "2"]


def test_max_pages_stops_early() -> None:
    log: list[str] = []
    result = fetch(serve_pages(TWO_PAGES, log=log), max_pages=1)
    assert log == ["1"]
    assert [item.title for item in result.listings] == ["Technical Project Manager (m/w/d)"]


def test_an_empty_page_ends_the_walk_even_with_a_next_link() -> None:
    empty = json.loads(recorded("empty.json"))
    empty["links"]["next"] = "https://www.arbeitnow.com/api/job-board-api?page=2"
    log: list[str] = []
    result = fetch(serve_pages({"1": json.dumps(empty).encode()}, log=log))
    assert log == ["1"]
    assert result.listings == [] and not result.complete


def test_empty_result_is_an_incomplete_empty_fetch() -> None:
    result = fetch(serve_pages({"1": recorded("empty.json")}))
    assert result.listings == [] and not result.complete


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="arbeitnow: expected an object with a 'data' list"):
        fetch(serve_pages({"1": recorded("unexpected_shape.json")}))


def test_a_job_without_slug_is_a_parse_error_naming_the_source() -> None:
    with pytest.raises(ParseError, match="arbeitnow: a job without slug or title"):
        parse_page({"data": [{"title": "Scrum Master"}], "links": {}}, source="arbeitnow")


def test_429_on_the_second_page_is_retried_then_succeeds() -> None:
    log: list[str] = []
    pages = serve_pages(TWO_PAGES, log=log)
    limited = False

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal limited
        if request.url.params["page"] == "2" and not limited:
            limited = True
            return replay("rate_limited.json")
        return pages(request)

    result = fetch(handler)
    assert limited and log == ["1", "2"]
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    with pytest.raises(FetchError, match="HTTP 429") as raised:
        fetch(lambda request: replay("rate_limited.json"))
    assert raised.value.status == 429
