"""Remotive: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import ParseError
from scraper.remotive import RemotiveConfig, RemotiveSource, parse_jobs
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "remotive"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    return run_fetch(
        RemotiveSource(RemotiveConfig(type="remotive", name="remotive", **config)), handler
    )


def serve(body: bytes, *, expect: dict[str, str] | None = None) -> Handler:
    """The board ignores its filters (as reported), so every request gets the same body."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/remote-jobs"
        assert dict(request.url.params) == (expect or {})
        return httpx.Response(200, content=body)

    return handler


def test_normal_response_matches_expected_listings() -> None:
    listings = parse_jobs(json.loads(recorded(BOARD, "normal.json")), source="remotive").listings
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))
    assert all(item.source == "remotive" for item in listings)


def test_fetch_without_filters_sends_no_params_and_keeps_tpm_titles() -> None:
    result = fetch(serve(recorded(BOARD, "normal.json")))
    assert [item.title for item in result.listings] == ["Technical Project Manager", "Scrum Master"]
    assert not result.complete
    assert all(item.source == "remotive" and item.remote for item in result.listings)


def test_search_is_sent_and_applied_again_on_the_client() -> None:
    # The frontend job mentions "project manager" in its description, so the search keeps
    # it and the keyword filter drops it; the Scrum Master job fails the search itself.
    result = fetch(
        serve(recorded(BOARD, "normal.json"), expect={"search": "project manager"}),
        search="project manager",
    )
    assert [item.title for item in result.listings] == ["Technical Project Manager"]


def test_category_is_sent_and_matched_by_name_or_slug_on_the_client() -> None:
    result = fetch(
        serve(recorded(BOARD, "normal.json"), expect={"category": "project-management"}),
        category="project-management",
        keywords=(),
    )
    assert [item.title for item in result.listings] == ["Technical Project Manager", "Scrum Master"]


def test_client_side_filters_in_the_pure_parse() -> None:
    payload = json.loads(recorded(BOARD, "normal.json"))
    by_name = parse_jobs(payload, source="remotive", category="Software Development").listings
    assert [item.external_id for item in by_name] == ["2094388"]
    assert parse_jobs(payload, source="remotive", search="FACILITATE") == parse_jobs(
        payload, source="remotive", category="project management", search="ceremonies"
    )


def test_empty_result_is_an_incomplete_empty_fetch() -> None:
    result = fetch(serve(recorded(BOARD, "empty.json")))
    assert result.listings == [] and not result.complete


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="remotive: expected an object with a 'jobs' list"):
        fetch(serve(recorded(BOARD, "unexpected_shape.json")))


def test_a_job_without_id_is_skipped_and_named() -> None:
    # Once a ParseError for the whole response; now one bad job costs only itself.
    parsed = parse_jobs({"jobs": [{"title": "Scrum Master"}]}, source="remotive")
    assert parsed.listings == []
    assert parsed.skipped == ("item 0: no id or title",)


def test_one_malformed_job_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.json with the second job replaced by a string.
    result = fetch(serve(recorded(BOARD, "malformed_item.json")), keywords=())
    assert [item.title for item in result.listings] == ["Technical Project Manager", "Scrum Master"]
    assert len(result.skipped) == 1
    assert re.fullmatch(r"item 1: no id or title", result.skipped[0])
    assert not result.complete and not result.closes


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, serve(recorded(BOARD, "normal.json")))
    result = fetch(server)
    assert server.calls == 2
    assert [item.title for item in result.listings] == ["Technical Project Manager", "Scrum Master"]


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))


def test_config_rejects_unknown_keys() -> None:
    with pytest.raises(ValueError, match="limit"):
        RemotiveConfig(type="remotive", name="remotive", limit=5)  # type: ignore[call-arg]
