"""Remotive: golden parse of recorded responses, and fetches through MockTransport."""

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
from scraper.listing import Listing, Salary
from scraper.remotive import RemotiveConfig, RemotiveSource, parse_jobs
from tests.conftest import FIXTURES

CASES = FIXTURES / "remotive"
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
    source = RemotiveSource(RemotiveConfig(type="remotive", name="remotive", **config))

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            return await source.fetch(http)

    return asyncio.run(go())


def serve(body: bytes, *, expect: dict[str, str] | None = None) -> Handler:
    """The board ignores its filters (as reported), so every request gets the same body."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/api/remote-jobs"
        assert dict(request.url.params) == (expect or {})
        return httpx.Response(200, content=body)

    return handler


def test_normal_response_matches_expected_listings() -> None:
    listings = parse_jobs(json.loads(recorded("normal.json")), source="remotive")
    assert_matches_expected(listings, json.loads(recorded("normal.expected.json")))
    assert all(item.source == "remotive" for item in listings)


def test_fetch_without_filters_sends_no_params_and_keeps_tpm_titles() -> None:
    result = fetch(serve(recorded("normal.json")))
    assert [item.title for item in result.listings] == ["Technical Project Manager", "Scrum Master"]
    assert not result.complete
    assert all(item.source == "remotive" and item.remote for item in result.listings)


def test_search_is_sent_and_applied_again_on_the_client() -> None:
    # The frontend job mentions "project manager" in its description, so the search keeps
    # it and the keyword filter drops it; the Scrum Master job fails the search itself.
    result = fetch(
        serve(recorded("normal.json"), expect={"search": "project manager"}),
        search="project manager",
    )
    assert [item.title for item in result.listings] == ["Technical Project Manager"]


def test_category_is_sent_and_matched_by_name_or_slug_on_the_client() -> None:
    result = fetch(
        serve(recorded("normal.json"), expect={"category": "project-management"}),
        category="project-management",
        keywords=(),
    )
    assert [item.title for item in result.listings] == ["Technical Project Manager", "Scrum Master"]


def test_client_side_filters_in_the_pure_parse() -> None:
    payload = json.loads(recorded("normal.json"))
    by_name = parse_jobs(payload, source="remotive", category="Software Development")
    assert [item.external_id for item in by_name] == ["2094388"]
    assert parse_jobs(payload, source="remotive", search="FACILITATE") == parse_jobs(
        payload, source="remotive", category="project management", search="ceremonies"
    )


def test_empty_result_is_an_incomplete_empty_fetch() -> None:
    result = fetch(serve(recorded("empty.json")))
    assert result.listings == [] and not result.complete


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="remotive: expected an object with a 'jobs' list"):
        fetch(serve(recorded("unexpected_shape.json")))


def test_a_job_without_id_is_a_parse_error_naming_the_source() -> None:
    with pytest.raises(ParseError, match="remotive: a job without id or title"):
        parse_jobs({"jobs": [{"title": "Scrum Master"}]}, source="remotive")


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
    assert [item.title for item in result.listings] == ["Technical Project Manager", "Scrum Master"]


def test_persistent_429_fails_after_the_configured_retries() -> None:
    with pytest.raises(FetchError, match="HTTP 429") as raised:
        fetch(lambda request: replay("rate_limited.json"))
    assert raised.value.status == 429


def test_config_rejects_unknown_keys() -> None:
    with pytest.raises(ValueError, match="limit"):
        RemotiveConfig(type="remotive", name="remotive", limit=5)  # type: ignore[call-arg]
