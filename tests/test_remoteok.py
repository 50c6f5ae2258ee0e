"""RemoteOK: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import ParseError
from scraper.remoteok import RemoteOkConfig, RemoteOkSource, parse_jobs
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "remoteok"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    return run_fetch(
        RemoteOkSource(RemoteOkConfig(type="remoteok", name="remoteok", **config)), handler
    )


def serve(body: bytes) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api"
        assert not request.url.params  # none work reliably, so none are sent
        return httpx.Response(200, content=body)

    return handler


def test_normal_response_matches_expected_listings() -> None:
    listings = parse_jobs(json.loads(recorded(BOARD, "normal.json")), source="remoteok").listings
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))


def test_mojibake_is_repaired_in_the_kept_html_too() -> None:
    listings = parse_jobs(json.loads(recorded(BOARD, "normal.json")), source="remoteok").listings
    assert "we’re building" in listings[0].description_html
    assert "\u00e2\u0080" not in listings[0].description_html


def test_fetch_skips_the_legal_notice_and_keeps_tpm_titles() -> None:
    result = fetch(serve(recorded(BOARD, "normal.json")))
    assert [item.title for item in result.listings] == [
        "Technical Project Manager & Delivery Lead",
        "Agile Coach",
    ]
    assert not result.complete
    assert all(item.source == "remoteok" and item.remote for item in result.listings)


def test_empty_keyword_list_keeps_every_job_but_not_the_notice() -> None:
    result = fetch(serve(recorded(BOARD, "normal.json")), keywords=())
    assert [item.external_id for item in result.listings] == ["1130457", "1130431", "1130402"]


def test_legal_notice_only_is_an_empty_result() -> None:
    result = fetch(serve(recorded(BOARD, "legal_only.json")))
    assert result.listings == [] and not result.complete


def test_base_url_replaces_the_boards_host() -> None:
    server = golden.Recording(serve(recorded(BOARD, "legal_only.json")))
    fetch(server, base_url="http://127.0.0.1:8000/")
    assert server.urls == ["http://127.0.0.1:8000/api"]


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="remoteok: expected a JSON array of jobs"):
        fetch(serve(recorded(BOARD, "unexpected_shape.json")))


def test_a_job_without_position_is_skipped_and_named() -> None:
    # Once a ParseError for the whole response; now one bad job costs only itself.
    parsed = parse_jobs([{"legal": "notice"}, {"id": "1", "company": "X"}], source="remoteok")
    assert parsed.listings == []
    assert parsed.skipped == ("item 1 (id '1'): no id or position",)


def test_one_malformed_job_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.json with the second job (array item 2, after the notice) lacking its position.
    result = fetch(serve(recorded(BOARD, "malformed_item.json")), keywords=())
    assert [item.external_id for item in result.listings] == ["1130457", "1130402"]
    assert len(result.skipped) == 1
    assert re.fullmatch(r"item 2 \(id '1130431'\): no id or position", result.skipped[0])
    assert not result.complete and not result.closes


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, serve(recorded(BOARD, "normal.json")))
    result = fetch(server)
    assert server.calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))
