"""Workable: golden parse of recorded widget responses, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import NotFoundError, ParseError
from scraper.workable import WorkableConfig, WorkableSource, parse_account
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "workable"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    settings: dict[str, Any] = {
        "type": "workable",
        "name": "workable:acme",
        "board": "acme",
        **config,
    }
    return run_fetch(WorkableSource(WorkableConfig(**settings)), handler)


def serve(status: int, body: bytes, content_type: str = "application/json") -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/v1/widget/accounts/acme"
        assert request.url.params["details"] == "true"
        return httpx.Response(status, content=body, headers={"Content-Type": content_type})

    return handler


def test_normal_account_matches_expected_listings() -> None:
    listings = parse_account(
        json.loads(recorded(BOARD, "normal.json")), source="wk", company="acme"
    ).listings
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))


def test_fetch_keeps_only_titles_in_the_keywords() -> None:
    result = fetch(serve(200, recorded(BOARD, "normal.json")))
    assert [item.title for item in result.listings] == [
        "Technical Project Manager (EHR Integrations)",
        "IT Project Coordinator",
    ]
    assert result.complete
    assert all(item.source == "workable:acme" for item in result.listings)


def test_empty_keyword_list_keeps_every_listing() -> None:
    assert len(fetch(serve(200, recorded(BOARD, "normal.json")), keywords=()).listings) == 3


def test_account_without_a_name_falls_back_to_the_config() -> None:
    payload = json.loads(recorded(BOARD, "normal.json"))
    payload["name"] = None
    assert {
        item.company for item in parse_account(payload, source="wk", company="acme").listings
    } == {"acme"}


def test_empty_account_is_a_complete_empty_fetch() -> None:
    result = fetch(serve(200, recorded(BOARD, "empty.json")))
    assert result.listings == [] and result.complete


def test_unknown_slug_is_a_not_found_error() -> None:
    with pytest.raises(
        NotFoundError, match=r"/api/v1/widget/accounts/acme.*HTTP 404 \(Not Found\)"
    ):
        fetch(serve(404, recorded(BOARD, "not_found.txt"), "text/plain"))


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="workable:acme: expected an object with a 'jobs' list"):
        fetch(serve(200, recorded(BOARD, "unexpected_shape.json")))


def test_base_url_replaces_the_documented_host() -> None:
    server = golden.Recording(serve(200, recorded(BOARD, "empty.json")))
    fetch(server)
    fetch(server, base_url="http://127.0.0.1:8000")
    assert server.urls == [
        "https://apply.workable.com/api/v1/widget/accounts/acme?details=true",
        "http://127.0.0.1:8000/api/v1/widget/accounts/acme?details=true",
    ]


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, serve(200, recorded(BOARD, "normal.json")))
    result = fetch(server)
    assert server.calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))


def test_one_malformed_job_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.json with the second job's title removed.
    result = fetch(serve(200, recorded(BOARD, "malformed_item.json")), keywords=())
    assert [item.title for item in result.listings] == [
        "Technical Project Manager (EHR Integrations)",
        "IT Project Coordinator",
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(
        r"item 1 \(shortcode '0F9E8D7C6B'\): no shortcode or title", result.skipped[0]
    )
    assert result.complete and not result.closes
