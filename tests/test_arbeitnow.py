"""Arbeitnow: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.arbeitnow import ArbeitnowConfig, ArbeitnowSource, parse_page
from scraper.base import FetchResult
from scraper.errors import ParseError
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "arbeitnow"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    return run_fetch(
        ArbeitnowSource(ArbeitnowConfig(type="arbeitnow", name="arbeitnow", **config)), handler
    )


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


TWO_PAGES = {"1": recorded(BOARD, "page1.json"), "2": recorded(BOARD, "page2.json")}


@pytest.mark.parametrize("case", ["page1", "page2"])
def test_pages_match_expected_listings(case: str) -> None:
    parsed, _ = parse_page(json.loads(recorded(BOARD, f"{case}.json")), source="arbeitnow")
    assert_matches_expected(parsed.listings, json.loads(recorded(BOARD, f"{case}.expected.json")))


def test_parse_page_returns_links_next() -> None:
    _, first_next = parse_page(json.loads(recorded(BOARD, "page1.json")), source="arbeitnow")
    _, last_next = parse_page(json.loads(recorded(BOARD, "page2.json")), source="arbeitnow")
    assert first_next == "https://www.arbeitnow.com/api/job-board-api?page=2"
    assert last_next is None


def test_double_escaped_description_is_clean_text_and_real_html() -> None:
    listings = parse_page(json.loads(recorded(BOARD, "page1.json")), source="arbeitnow")[0].listings
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
    empty = json.loads(recorded(BOARD, "empty.json"))
    empty["links"]["next"] = "https://www.arbeitnow.com/api/job-board-api?page=2"
    log: list[str] = []
    result = fetch(serve_pages({"1": json.dumps(empty).encode()}, log=log))
    assert log == ["1"]
    assert result.listings == [] and not result.complete


def test_empty_result_is_an_incomplete_empty_fetch() -> None:
    result = fetch(serve_pages({"1": recorded(BOARD, "empty.json")}))
    assert result.listings == [] and not result.complete


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="arbeitnow: expected an object with a 'data' list"):
        fetch(serve_pages({"1": recorded(BOARD, "unexpected_shape.json")}))


def test_a_job_without_slug_is_skipped_and_named() -> None:
    # Once a ParseError for the whole page; now one bad job costs only itself.
    parsed, _ = parse_page({"data": [{"title": "Scrum Master"}], "links": {}}, source="arbeitnow")
    assert parsed.listings == []
    assert parsed.skipped == ("item 0: no slug or title",)


def test_one_malformed_job_is_skipped_and_the_fetch_closes_nothing() -> None:
    # page1.json with its second job's title removed; page 2 is still followed.
    log: list[str] = []
    pages = {"1": recorded(BOARD, "malformed_item.json"), "2": recorded(BOARD, "page2.json")}
    result = fetch(serve_pages(pages, log=log), keywords=())
    assert log == ["1", "2"]
    assert [item.title for item in result.listings] == [
        "Technical Project Manager (m/w/d)",
        "Scrum Master (m/w/d)",
        "Senior PHP Developer (m/w/d)",
    ]
    assert len(result.skipped) == 1
    # The slug is cut at 40 characters in the line.
    assert re.fullmatch(
        r"item 1 \(slug 'werkstudent-marketing-mwd-muenchen-blauf'\): no slug or title",
        result.skipped[0],
    )
    assert not result.complete and not result.closes


def test_429_on_the_second_page_is_retried_then_succeeds() -> None:
    log: list[str] = []
    server = golden.rate_limited_once(
        BOARD,
        serve_pages(TWO_PAGES, log=log),
        when=lambda request: request.url.params["page"] == "2",
    )
    result = fetch(server)
    assert server.limited and log == ["1", "2"]
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))
