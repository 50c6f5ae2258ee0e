"""Jobicy: golden parse of recorded responses, and fetches through MockTransport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import FetchError, ParseError
from scraper.http import HttpSettings, PoliteClient
from scraper.jobicy import JobicyConfig, JobicySource, parse_jobs
from scraper.listing import Listing, Salary
from tests.conftest import FIXTURES

CASES = FIXTURES / "jobicy"
FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)
Handler = Callable[[httpx.Request], httpx.Response]


def recorded(name: str) -> bytes:
    return (CASES / name).read_bytes()


def replay(name: str) -> httpx.Response:
    """A recorded non-200 response: {status, headers, body}."""
    record = json.loads(recorded(name))
    return httpx.Response(record["status"], headers=record["headers"], text=record["body"])


def assert_matches_expected(listings: list[Listing], expected: list[dict[str, Any]]) -> None:
    assert len(listings) == len(expected)
    for got, want in zip(listings, expected, strict=True):
        assert got.external_id == want["external_id"]
        assert got.title == want["title"]
        assert got.company == want["company"]
        assert got.location == want["location"]
        assert got.url == want["url"]
        assert got.remote is want["remote"]
        assert got.posted_at == datetime.fromisoformat(want["posted_at"])
        assert got.salary == (Salary(**want["salary"]) if want["salary"] else None)
        assert got.salary_text == want["salary_text"]
        assert got.employment_type == want["employment_type"]
        assert got.tags == tuple(want["tags"])
        assert got.description.startswith(want["description_startswith"])
        for phrase in want["description_contains"]:
            assert phrase in got.description
        for fragment in want["description_excludes"]:
            assert fragment not in got.description
        assert got.description_html.lstrip().startswith("<")


def fetch(handler: Handler, **config: Any) -> FetchResult:
    source = JobicySource(JobicyConfig(type="jobicy", name="jobicy", **config))

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            return await source.fetch(http)

    return asyncio.run(go())


def serve(body: bytes, *, expect: dict[str, str] | None = None) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/v2/remote-jobs"
        assert dict(request.url.params) == (expect or {"count": "50"})
        return httpx.Response(200, content=body)

    return handler


def test_normal_response_matches_expected_listings() -> None:
    listings = parse_jobs(json.loads(recorded("normal.json")), source="jobicy")
    assert_matches_expected(listings, json.loads(recorded("normal.expected.json")))


def test_fetch_sends_the_default_count_and_keeps_tpm_titles() -> None:
    result = fetch(serve(recorded("normal.json")))
    assert [item.title for item in result.listings] == [
        "Technical Program Manager – Platform",
        "Scrum Master – Payments",
    ]
    assert not result.complete
    assert all(item.source == "jobicy" and item.remote for item in result.listings)


def test_fetch_sends_tag_geo_and_count() -> None:
    expect = {"count": "100", "tag": "project manager", "geo": "usa"}
    result = fetch(
        serve(recorded("normal.json"), expect=expect), tag="project manager", geo="usa", count=100
    )
    assert len(result.listings) == 2


@pytest.mark.parametrize("count", [0, 101])
def test_count_outside_1_to_100_is_rejected(count: int) -> None:
    with pytest.raises(ValueError, match="count"):
        JobicyConfig(type="jobicy", name="jobicy", count=count)


def test_job_type_as_a_plain_string_is_accepted() -> None:
    payload = json.loads(recorded("normal.json"))
    payload["jobs"][0]["jobType"] = "Full-Time"
    payload["jobs"][0]["jobIndustry"] = "Business &amp; Management"
    listing = parse_jobs(payload, source="jobicy")[0]
    assert listing.employment_type == "full-time"
    assert listing.tags == ("Business & Management",)


def test_empty_result_is_an_incomplete_empty_fetch() -> None:
    expect = {"count": "50", "tag": "quantum basket weaving"}
    result = fetch(serve(recorded("empty.json"), expect=expect), tag="quantum basket weaving")
    assert result.listings == [] and not result.complete


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="jobicy: expected an object with a 'jobs' list"):
        fetch(serve(recorded("unexpected_shape.json")))


def test_a_job_without_title_is_a_parse_error_naming_the_source() -> None:
    with pytest.raises(ParseError, match="jobicy: a job without id or jobTitle"):
        parse_jobs({"jobs": [{"id": 1}]}, source="jobicy")


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return (
            replay("rate_limited.json") if calls == 1 else serve(recorded("normal.json"))(request)
        )

    result = fetch(handler)
    assert calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    with pytest.raises(FetchError, match="HTTP 429") as raised:
        fetch(lambda request: replay("rate_limited.json"))
    assert raised.value.status == 429
