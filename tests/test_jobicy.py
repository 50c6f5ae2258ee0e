"""Jobicy: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import ParseError
from scraper.jobicy import JobicyConfig, JobicySource, parse_jobs
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "jobicy"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    return run_fetch(JobicySource(JobicyConfig(type="jobicy", name="jobicy", **config)), handler)


def serve(body: bytes, *, expect: dict[str, str] | None = None) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/v2/remote-jobs"
        assert dict(request.url.params) == (expect or {"count": "50"})
        return httpx.Response(200, content=body)

    return handler


def test_normal_response_matches_expected_listings() -> None:
    listings = parse_jobs(json.loads(recorded(BOARD, "normal.json")), source="jobicy").listings
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))


def test_fetch_sends_the_default_count_and_keeps_tpm_titles() -> None:
    result = fetch(serve(recorded(BOARD, "normal.json")))
    assert [item.title for item in result.listings] == [
        "Technical Program Manager – Platform",
        "Scrum Master – Payments",
    ]
    assert not result.complete
    assert all(item.source == "jobicy" and item.remote for item in result.listings)


def test_fetch_sends_tag_geo_and_count() -> None:
    expect = {"count": "100", "tag": "project manager", "geo": "usa"}
    result = fetch(
        serve(recorded(BOARD, "normal.json"), expect=expect),
        tag="project manager",
        geo="usa",
        count=100,
    )
    assert len(result.listings) == 2


@pytest.mark.parametrize("count", [0, 101])
def test_count_outside_1_to_100_is_rejected(count: int) -> None:
    with pytest.raises(ValueError, match="count"):
        JobicyConfig(type="jobicy", name="jobicy", count=count)


def test_job_type_as_a_plain_string_is_accepted() -> None:
    payload = json.loads(recorded(BOARD, "normal.json"))
    payload["jobs"][0]["jobType"] = "Full-Time"
    payload["jobs"][0]["jobIndustry"] = "Business &amp; Management"
    listing = parse_jobs(payload, source="jobicy").listings[0]
    assert listing.employment_type == "full-time"
    assert listing.tags == ("Business & Management",)


def test_empty_result_is_an_incomplete_empty_fetch() -> None:
    expect = {"count": "50", "tag": "quantum basket weaving"}
    result = fetch(
        serve(recorded(BOARD, "empty.json"), expect=expect), tag="quantum basket weaving"
    )
    assert result.listings == [] and not result.complete


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="jobicy: expected an object with a 'jobs' list"):
        fetch(serve(recorded(BOARD, "unexpected_shape.json")))


def test_a_job_without_title_is_skipped_and_named() -> None:
    # Once a ParseError for the whole response; now one bad job costs only itself.
    parsed = parse_jobs({"jobs": [{"id": 1}]}, source="jobicy")
    assert parsed.listings == []
    assert parsed.skipped == ("item 0 (id '1'): no id or jobTitle",)


def test_one_malformed_job_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.json with the second job's jobTitle removed.
    result = fetch(serve(recorded(BOARD, "malformed_item.json")), keywords=())
    assert [item.title for item in result.listings] == [
        "Technical Program Manager – Platform",
        "Scrum Master – Payments",
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(r"item 1 \(id '141189'\): no id or jobTitle", result.skipped[0])
    assert not result.complete and not result.closes


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, serve(recorded(BOARD, "normal.json")))
    result = fetch(server)
    assert server.calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))
