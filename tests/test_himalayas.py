"""Himalayas: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import ParseError
from scraper.himalayas import HimalayasConfig, HimalayasSource, parse_page
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "himalayas"


CURSOR = "eyJpZCI6MjA0MTg4LCJwdWJEYXRlIjoxNzk1NTEzNjAwfQ"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    return run_fetch(
        HimalayasSource(HimalayasConfig(type="himalayas", name="himalayas", **config)), handler
    )


def browse(pages: dict[str | None, bytes], log: list[str | None] | None = None) -> Handler:
    """The browse endpoint: `pages` maps the cursor sent (None: no cursor) to a body."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/jobs/api"
        assert request.url.params["limit"] == "20"
        assert set(request.url.params) <= {"limit", "cursor"}
        cursor = request.url.params.get("cursor")
        if log is not None:
            log.append(cursor)
        return httpx.Response(200, content=pages[cursor])

    return handler


def search(pages: dict[str, bytes], log: list[str], query: str = "project manager") -> Handler:
    """The search endpoint: `pages` maps `page` to a body."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/jobs/api/search"
        assert set(request.url.params) == {"q", "page"}
        assert request.url.params["q"] == query
        log.append(request.url.params["page"])
        return httpx.Response(200, content=pages[request.url.params["page"]])

    return handler


BROWSE = {None: recorded(BOARD, "browse_page1.json"), CURSOR: recorded(BOARD, "browse_page2.json")}


@pytest.mark.parametrize("case", ["browse_page1", "browse_page2"])
def test_pages_match_expected_listings(case: str) -> None:
    page = parse_page(json.loads(recorded(BOARD, f"{case}.json")), source="himalayas")
    expected = json.loads(recorded(BOARD, f"{case}.expected.json"))
    assert_matches_expected(page.parsed.listings, expected, html=False)
    for got in page.parsed.listings:
        # A job with only a plain-text excerpt keeps no HTML.
        assert not got.description_html or got.description_html.lstrip().startswith("<")


def test_parse_page_reads_next_cursor_absent_or_null() -> None:
    assert (
        parse_page(json.loads(recorded(BOARD, "browse_page1.json")), source="h").next_cursor
        == CURSOR
    )
    assert (
        parse_page(json.loads(recorded(BOARD, "browse_page2.json")), source="h").next_cursor is None
    )
    assert parse_page(json.loads(recorded(BOARD, "empty.json")), source="h").next_cursor is None


def test_excerpt_stands_in_for_an_empty_description() -> None:
    scrum = parse_page(
        json.loads(recorded(BOARD, "browse_page2.json")), source="h"
    ).parsed.listings[0]
    assert scrum.description == "Orchard Finance needs a Scrum Master for its payments teams."
    assert scrum.description_html == ""


def test_browse_follows_next_cursor_to_the_last_page() -> None:
    log: list[str | None] = []
    result = fetch(browse(BROWSE, log))
    assert log == [None, CURSOR]
    assert [item.title for item in result.listings] == ["Technical Program Manager", "Scrum Master"]
    assert not result.complete
    assert all(item.source == "himalayas" and item.remote for item in result.listings)


def test_browse_respects_max_pages() -> None:
    log: list[str | None] = []
    result = fetch(browse(BROWSE, log), max_pages=1)
    assert log == [None]
    assert [item.title for item in result.listings] == ["Technical Program Manager"]


def test_empty_browse_is_an_incomplete_empty_fetch() -> None:
    log: list[str | None] = []
    result = fetch(browse({None: recorded(BOARD, "empty.json")}, log))
    assert log == [None]
    assert result.listings == [] and not result.complete


def test_query_uses_search_pages_until_total_count_is_seen() -> None:
    log: list[str] = []
    pages = {"1": recorded(BOARD, "search_page1.json"), "2": recorded(BOARD, "search_page2.json")}
    result = fetch(search(pages, log), query="project manager")
    assert log == ["1", "2"]
    assert [item.title for item in result.listings] == [
        "Technical Program Manager",
        "Delivery Manager",
    ]
    salary = result.listings[1].salary
    assert salary is not None and (salary.currency, salary.period) == ("GBP", "year")


def test_query_without_total_count_stops_at_an_empty_page() -> None:
    first = json.loads(recorded(BOARD, "search_page1.json"))
    del first["totalCount"]
    pages = {"1": json.dumps(first).encode(), "2": recorded(BOARD, "empty.json")}
    log: list[str] = []
    result = fetch(search(pages, log), query="project manager")
    assert log == ["1", "2"]
    assert len(result.listings) == 2


def test_query_respects_max_pages() -> None:
    log: list[str] = []
    fetch(
        search({"1": recorded(BOARD, "search_page1.json")}, log),
        query="project manager",
        max_pages=1,
    )
    assert log == ["1"]


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="himalayas: expected an object with a 'jobs' list"):
        fetch(browse({None: recorded(BOARD, "unexpected_shape.json")}))


def test_a_job_without_guid_is_skipped_and_named() -> None:
    # Once a ParseError for the whole page; now one bad job costs only itself.
    page = parse_page({"jobs": [{"title": "Scrum Master"}]}, source="himalayas")
    assert page.parsed.listings == [] and page.size == 1
    assert page.parsed.skipped == ("item 0: no guid or title",)


def test_one_malformed_job_is_skipped_and_the_fetch_closes_nothing() -> None:
    # search_page1.json with its second job's title removed: it still counts toward
    # totalCount, so page 2 is asked for and the walk stops there as before.
    log: list[str] = []
    pages = {"1": recorded(BOARD, "malformed_item.json"), "2": recorded(BOARD, "search_page2.json")}
    result = fetch(search(pages, log), query="project manager", keywords=())
    assert log == ["1", "2"]
    assert [item.title for item in result.listings] == [
        "Technical Program Manager",
        "Machine Learning Engineer",
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(
        r"item 1 \(guid 'https://himalayas\.app/companies/fernhill'\): no guid or title",
        result.skipped[0],
    )
    assert not result.complete and not result.closes


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    log: list[str | None] = []
    server = golden.rate_limited_once(
        BOARD, browse(BROWSE, log), when=lambda request: "cursor" in request.url.params
    )
    result = fetch(server)
    assert server.limited and log == [None, CURSOR]
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))
