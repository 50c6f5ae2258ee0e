"""Recruitee: golden parse of recorded offers responses, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import NotFoundError, ParseError
from scraper.recruitee import RecruiteeConfig, RecruiteeSource, parse_offers
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "recruitee"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    settings: dict[str, Any] = {
        "type": "recruitee",
        "name": "recruitee:acme",
        "board": "acme",
        **config,
    }
    return run_fetch(RecruiteeSource(RecruiteeConfig(**settings)), handler)


def serve(status: int, body: bytes, content_type: str = "application/json") -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/offers/"
        assert not request.url.params
        return httpx.Response(status, content=body, headers={"Content-Type": content_type})

    return handler


def test_normal_offers_match_expected_listings() -> None:
    listings = parse_offers(
        json.loads(recorded(BOARD, "normal.json")), source="rc", company="acme"
    ).listings
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))


def test_fetch_keeps_only_titles_in_the_keywords() -> None:
    result = fetch(serve(200, recorded(BOARD, "normal.json")))
    assert [item.title for item in result.listings] == [
        "Technical Project Manager – Warehouse Automation",
        "Agile Coach (Part-time)",
    ]
    assert result.complete
    assert all(item.source == "recruitee:acme" for item in result.listings)


def test_empty_keyword_list_keeps_every_listing() -> None:
    assert len(fetch(serve(200, recorded(BOARD, "normal.json")), keywords=()).listings) == 3


def test_offer_without_a_company_name_falls_back_to_the_config() -> None:
    payload = json.loads(recorded(BOARD, "normal.json"))
    payload["offers"][0]["company_name"] = ""
    listings = parse_offers(payload, source="rc", company="acme").listings
    assert [item.company for item in listings] == ["acme", *["Tulip Logistics B.V."] * 2]


def test_salary_amounts_given_as_strings_are_numbers() -> None:
    listings = parse_offers(
        json.loads(recorded(BOARD, "normal.json")), source="rc", company="acme"
    ).listings
    assert listings[0].salary is not None
    assert (listings[0].salary.min, listings[0].salary.max) == (5250.0, 6500.0)


def test_empty_careers_site_is_a_complete_empty_fetch() -> None:
    result = fetch(serve(200, recorded(BOARD, "empty.json")))
    assert result.listings == [] and result.complete


def test_unknown_company_is_a_not_found_error() -> None:
    with pytest.raises(NotFoundError, match=r"acme\.recruitee\.com/api/offers/.*HTTP 404"):
        fetch(serve(404, recorded(BOARD, "not_found.json")))


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(
        ParseError, match="recruitee:acme: expected an object with an 'offers' list"
    ):
        fetch(serve(200, recorded(BOARD, "unexpected_shape.json")))


def test_base_url_replaces_the_whole_company_host() -> None:
    server = golden.Recording(serve(200, recorded(BOARD, "empty.json")))
    fetch(server)
    fetch(server, base_url="http://127.0.0.1:8000")
    assert server.urls == [
        "https://acme.recruitee.com/api/offers/",
        "http://127.0.0.1:8000/api/offers/",
    ]


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, serve(200, recorded(BOARD, "normal.json")))
    result = fetch(server)
    assert server.calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))


def test_one_malformed_offer_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.json with the second offer replaced by a string.
    result = fetch(serve(200, recorded(BOARD, "malformed_item.json")), keywords=())
    assert [item.title for item in result.listings] == [
        "Technical Project Manager – Warehouse Automation",
        "Agile Coach (Part-time)",
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(r"item 1: no id or title", result.skipped[0])
    assert result.complete and not result.closes
