"""Greenhouse: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import json

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import NotFoundError, ParseError
from scraper.greenhouse import GreenhouseConfig, GreenhouseSource, parse_jobs
from tests import golden
from tests.golden import FAST, Handler, assert_matches_expected, recorded, run_fetch

BOARD = "greenhouse"


def fetch(
    handler: httpx.MockTransport | Handler | None, *, keywords: tuple[str, ...] | None = None
) -> FetchResult:
    extra = {} if keywords is None else {"keywords": keywords}
    config = GreenhouseConfig(type="greenhouse", name="greenhouse:acme", board="acme", **extra)
    return run_fetch(GreenhouseSource(config), handler)


def serve(status: int, body: bytes, headers: dict[str, str] | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/v1/boards/acme/jobs"
        assert request.url.params["content"] == "true"
        return httpx.Response(status, content=body, headers=headers)

    return httpx.MockTransport(handler)


def test_normal_board_matches_expected_listings() -> None:
    listings = parse_jobs(json.loads(recorded(BOARD, "normal.json")), source="gh", company="acme")
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))


def test_remote_location_sets_the_boards_hint() -> None:
    listings = parse_jobs(json.loads(recorded(BOARD, "normal.json")), source="gh", company="acme")
    hints = {item.location: item.remote for item in listings}
    assert hints["Remote - US"] is True
    assert all(hint is None for location, hint in hints.items() if "Remote" not in location)


def test_fetch_keeps_only_titles_in_the_keywords() -> None:
    result = fetch(serve(200, recorded(BOARD, "normal.json")))
    assert [item.title for item in result.listings] == ["Technical Project Manager"]
    assert result.complete
    assert all(item.source == "greenhouse:acme" for item in result.listings)


def test_empty_keyword_list_keeps_every_listing() -> None:
    result = fetch(serve(200, recorded(BOARD, "normal.json")), keywords=())
    assert len(result.listings) == 3


def test_empty_board_is_a_complete_empty_fetch() -> None:
    result = fetch(serve(200, recorded(BOARD, "empty.json")))
    assert result.listings == [] and result.complete


def test_unknown_board_is_a_not_found_error_naming_the_url() -> None:
    with pytest.raises(NotFoundError, match=r"/v1/boards/acme/jobs.*HTTP 404"):
        fetch(serve(404, recorded(BOARD, "not_found.json")))


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="greenhouse:acme: expected an object with a 'jobs' list"):
        fetch(serve(200, recorded(BOARD, "unexpected_shape.json")))


def test_html_instead_of_json_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="expected JSON"):
        fetch(serve(200, b"<html>Service Unavailable</html>"))


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.RateLimitedOnce(
        lambda request: httpx.Response(429, headers={"Retry-After": "30"}, text="slow down"),
        lambda request: httpx.Response(200, content=recorded(BOARD, "normal.json")),
    )
    result = fetch(server)
    agents = [request.headers["user-agent"] for request in server.requests]
    assert len(agents) == 2
    assert agents[0].startswith("jobmatch/")
    assert [item.title for item in result.listings] == ["Technical Project Manager"]


def test_persistent_429_fails_after_the_configured_retries() -> None:
    # No recorded 429 for Greenhouse: a made-up one, and the retries counted as well.
    server = golden.Recording(
        lambda request: httpx.Response(429, headers={"Retry-After": "1"}, text="rate limited")
    )
    golden.assert_fails_with_429(fetch, server)
    assert server.calls == FAST.retries + 1
