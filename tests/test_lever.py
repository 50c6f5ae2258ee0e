"""Lever: golden parse of recorded pages, and paged fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import NotFoundError, ParseError
from scraper.lever import LeverConfig, LeverSource, parse_postings
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "lever"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    settings: dict[str, Any] = {"type": "lever", "name": "lever:acme", "board": "acme", **config}
    return run_fetch(LeverSource(LeverConfig(**settings)), handler)


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


def test_normal_page_matches_expected_listings() -> None:
    listings = parse_postings(
        json.loads(recorded(BOARD, "normal.json")), source="lv", company="acme"
    ).listings
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))
    for got in listings:
        assert got.source == "lv"
        assert got.posted_at is not None and got.posted_at.utcoffset() is not None


def test_fetch_keeps_only_titles_in_the_keywords() -> None:
    result = fetch(board([recorded(BOARD, "normal.json")]))
    assert [item.title for item in result.listings] == [
        "Technical Program Manager, Fleet Software",
        "Scrum Master (Contract)",
    ]
    assert result.complete
    assert all(item.source == "lever:acme" for item in result.listings)


def test_empty_keyword_list_keeps_every_listing() -> None:
    assert len(fetch(board([recorded(BOARD, "normal.json")]), keywords=()).listings) == 3


def test_pages_until_a_short_page() -> None:
    seen: list[int] = []
    result = fetch(board([recorded(BOARD, "page1.json"), recorded(BOARD, "page2.json")], seen=seen))
    assert seen == [0, 100]
    assert [item.title for item in result.listings] == [
        "Technical Project Manager",
        "Release Train Engineer",
        "Program Manager, Safety",
    ]
    assert result.complete


def test_max_pages_caps_the_fetch_and_marks_it_incomplete() -> None:
    seen: list[int] = []
    result = fetch(
        board([recorded(BOARD, "page1.json"), recorded(BOARD, "page2.json")], seen=seen),
        max_pages=1,
    )
    assert seen == [0]
    assert [item.title for item in result.listings] == ["Technical Project Manager"]
    assert not result.complete


def test_empty_board_is_a_complete_empty_fetch() -> None:
    result = fetch(board([recorded(BOARD, "empty.json")]))
    assert result.listings == [] and result.complete


def test_unknown_site_is_a_not_found_error() -> None:
    with pytest.raises(NotFoundError, match=r"/v0/postings/acme.*HTTP 404.*Document not found"):
        fetch(board([recorded(BOARD, "not_found.json")], status=404))


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="lever:acme: expected a JSON array of postings"):
        fetch(board([recorded(BOARD, "unexpected_shape.json")]))


def test_eu_region_uses_the_eu_host_and_base_url_replaces_either() -> None:
    server = golden.Recording(
        lambda request: httpx.Response(200, content=recorded(BOARD, "empty.json"))
    )
    fetch(server, region="eu")
    fetch(server)
    fetch(server, region="eu", base_url="http://127.0.0.1:8000")
    hosts = [str(request.url.copy_with(query=None)) for request in server.requests]
    assert hosts == [
        "https://api.eu.lever.co/v0/postings/acme",
        "https://api.lever.co/v0/postings/acme",
        "http://127.0.0.1:8000/v0/postings/acme",
    ]


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, board([recorded(BOARD, "normal.json")]))
    result = fetch(server)
    assert server.calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))


def test_one_malformed_posting_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.json with the second posting's `text` (its title) removed.
    result = fetch(board([recorded(BOARD, "malformed_item.json")]), keywords=())
    assert [item.title for item in result.listings] == [
        "Technical Program Manager, Fleet Software",
        "Scrum Master (Contract)",
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(
        r"item 1 \(id 'a41c77d2-90b3-4f1e-8c2d-6e5f4a3b2c19'\): no id or text", result.skipped[0]
    )
    assert result.complete and not result.closes
