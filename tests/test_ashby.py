"""Ashby: golden parse of recorded boards, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.ashby import AshbyConfig, AshbySource, parse_job_board
from scraper.base import FetchResult
from scraper.errors import NotFoundError, ParseError
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "ashby"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    settings: dict[str, Any] = {"type": "ashby", "name": "ashby:acme", "board": "acme", **config}
    return run_fetch(AshbySource(AshbyConfig(**settings)), handler)


def serve(status: int, body: bytes) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/posting-api/job-board/acme"
        assert request.url.params["includeCompensation"] == "true"
        return httpx.Response(status, content=body)

    return handler


def test_normal_board_matches_expected_listings() -> None:
    listings = parse_job_board(
        json.loads(recorded(BOARD, "normal.json")), source="ab", company="acme"
    ).listings
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))


def test_unlisted_jobs_are_dropped() -> None:
    listings = parse_job_board(
        json.loads(recorded(BOARD, "normal.json")), source="ab", company="acme"
    ).listings
    assert "Program Manager, Internal Tools" not in [item.title for item in listings]


def test_pay_hidden_by_the_company_is_not_republished() -> None:
    listings = parse_job_board(
        json.loads(recorded(BOARD, "normal.json")), source="ab", company="acme"
    ).listings
    hidden = next(item for item in listings if item.title.startswith("Account Executive"))
    assert hidden.salary is None and hidden.salary_text is None


def test_fetch_keeps_only_titles_in_the_keywords() -> None:
    result = fetch(serve(200, recorded(BOARD, "normal.json")))
    assert [item.title for item in result.listings] == [
        "Senior Technical Program Manager",
        "Delivery Manager",
    ]
    assert result.complete
    assert all(item.source == "ashby:acme" for item in result.listings)


def test_configured_company_is_the_display_name() -> None:
    result = fetch(serve(200, recorded(BOARD, "normal.json")), company="Kestrel Pay")
    assert {item.company for item in result.listings} == {"Kestrel Pay"}


def test_empty_keyword_list_keeps_every_listed_job() -> None:
    assert len(fetch(serve(200, recorded(BOARD, "normal.json")), keywords=()).listings) == 3


def test_empty_board_is_a_complete_empty_fetch() -> None:
    result = fetch(serve(200, recorded(BOARD, "empty.json")))
    assert result.listings == [] and result.complete


def test_unknown_board_is_a_not_found_error() -> None:
    with pytest.raises(NotFoundError, match=r"/posting-api/job-board/acme.*HTTP 404"):
        fetch(serve(404, recorded(BOARD, "not_found.json")))


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="ashby:acme: expected an object with a 'jobs' list"):
        fetch(serve(200, recorded(BOARD, "unexpected_shape.json")))


def test_base_url_replaces_the_documented_host() -> None:
    server = golden.Recording(serve(200, recorded(BOARD, "empty.json")))
    fetch(server, base_url="http://127.0.0.1:8000")
    assert server.urls == [
        "http://127.0.0.1:8000/posting-api/job-board/acme?includeCompensation=true"
    ]


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, serve(200, recorded(BOARD, "normal.json")))
    result = fetch(server)
    assert server.calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))


def test_one_malformed_job_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.json with the second job's title removed; the unlisted one is still dropped.
    result = fetch(serve(200, recorded(BOARD, "malformed_item.json")), keywords=())
    assert [item.title for item in result.listings] == [
        "Senior Technical Program Manager",
        "Delivery Manager",
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(
        r"item 1 \(id '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'\): no id or title", result.skipped[0]
    )
    assert result.complete and not result.closes
