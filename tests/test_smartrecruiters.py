"""SmartRecruiters: golden parse of recorded pages and details, and fetches through
MockTransport (paging by offset, detail calls for wanted titles only)."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import ParseError
from scraper.smartrecruiters import (
    SmartRecruitersConfig,
    SmartRecruitersSource,
    parse_posting,
    parse_postings,
)
from tests import golden
from tests.conftest import FIXTURES
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "smartrecruiters"
LIST_PATH = "/v1/companies/acme/postings"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    settings: dict[str, Any] = {
        "type": "smartrecruiters",
        "name": "smartrecruiters:acme",
        "board": "acme",
        **config,
    }
    return run_fetch(SmartRecruitersSource(SmartRecruitersConfig(**settings)), handler)


def company(pages: list[bytes], *, seen: list[str] | None = None) -> Handler:
    """A fake SmartRecruiters: list pages by `offset`, details from `posting_<id>.json`."""

    def handler(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request.url.raw_path.decode())  # path and query
        if request.url.path == LIST_PATH:
            assert request.url.params["limit"] == "100"
            offset = int(request.url.params["offset"])
            assert offset % 100 == 0
            return httpx.Response(200, content=pages[offset // 100])
        assert request.url.path.startswith(LIST_PATH + "/")
        assert not request.url.params
        detail = FIXTURES / BOARD / f"posting_{request.url.path.rsplit('/', 1)[1]}.json"
        if not detail.exists():
            return httpx.Response(404, content=recorded(BOARD, "posting_not_found.json"))
        return httpx.Response(200, content=detail.read_bytes())

    return handler


def test_details_match_expected_listings() -> None:
    expected = json.loads(recorded(BOARD, "normal.expected.json"))
    for want in expected:
        payload = json.loads(recorded(BOARD, f"posting_{want['external_id']}.json"))
        got = parse_posting(payload, source="sr", company="acme")
        assert got is not None
        assert_matches_expected([got], [want])


def test_list_page_gives_titles_and_total_without_descriptions() -> None:
    page = parse_postings(json.loads(recorded(BOARD, "normal.json")), source="sr", company="acme")
    assert page.total == 3
    assert page.size == 3
    assert [item.title for item in page.parsed.listings] == [
        "Technical Project Manager - Payments",
        "Senior Java Developer",
        "PMO Analyst",
    ]
    assert all(item.description == "" for item in page.parsed.listings)


def test_fetch_requests_details_only_for_wanted_titles() -> None:
    seen: list[str] = []
    result = fetch(company([recorded(BOARD, "normal.json")], seen=seen))
    assert seen == [
        f"{LIST_PATH}?offset=0&limit=100",
        f"{LIST_PATH}/744000061234567",
        f"{LIST_PATH}/744000061234601",
    ]
    assert_matches_expected(result.listings, json.loads(recorded(BOARD, "normal.expected.json")))
    for got in result.listings:
        assert got.source == "smartrecruiters:acme"
    assert result.complete


def test_pages_by_offset_until_total_found() -> None:
    seen: list[str] = []
    result = fetch(
        company([recorded(BOARD, "page1.json"), recorded(BOARD, "page2.json")], seen=seen)
    )
    assert [url for url in seen if "?" in url] == [
        f"{LIST_PATH}?offset=0&limit=100",
        f"{LIST_PATH}?offset=100&limit=100",
    ]
    assert len(seen) == 4  # two pages, two wanted details
    assert [item.title for item in result.listings] == ["Scrum Master", "Release Train Engineer"]
    assert all(item.description for item in result.listings)
    assert result.complete


def test_max_pages_caps_the_fetch_and_marks_it_incomplete() -> None:
    seen: list[str] = []
    result = fetch(
        company([recorded(BOARD, "page1.json"), recorded(BOARD, "page2.json")], seen=seen),
        max_pages=1,
    )
    assert [url for url in seen if "?" in url] == [f"{LIST_PATH}?offset=0&limit=100"]
    assert [item.title for item in result.listings] == ["Scrum Master"]
    assert not result.complete


@pytest.mark.parametrize("fixture", ["empty.json", "not_found.json"])
def test_a_board_with_no_postings_at_all_closes_nothing_and_warns(fixture: str) -> None:
    # The API answers an unknown company id as it answers an empty board: 200, totalFound 0.
    result = fetch(company([recorded(BOARD, fixture)]))
    assert result.listings == [] and not result.complete
    assert result.warning is not None and "unknown company id" in result.warning


def test_a_board_without_wanted_titles_is_complete_and_quiet() -> None:
    result = fetch(company([recorded(BOARD, "normal.json")]), keywords=["Chief Astronaut"])
    assert result.listings == [] and result.complete and result.warning is None


def test_posting_closed_before_its_detail_call_is_skipped() -> None:
    page = json.loads(recorded(BOARD, "normal.json"))
    page["content"][0]["id"] = "744000069999999"  # no detail file: the fake answers 404
    result = fetch(company([json.dumps(page).encode()]))
    assert [item.title for item in result.listings] == ["PMO Analyst"]
    assert result.complete


def test_inactive_detail_is_not_a_listing() -> None:
    payload = json.loads(recorded(BOARD, "posting_744000061234567.json"))
    payload["active"] = False
    assert parse_posting(payload, source="sr", company="acme") is None


def test_page_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(
        ParseError, match="smartrecruiters:acme: expected an object with 'totalFound'"
    ):
        fetch(company([recorded(BOARD, "unexpected_shape.json")]))


def test_base_url_replaces_the_documented_host() -> None:
    server = golden.Recording(company([recorded(BOARD, "empty.json")]))
    fetch(server)
    fetch(server, base_url="http://127.0.0.1:8000")
    origins = [
        f"{request.url.scheme}://{request.url.netloc.decode()}" for request in server.requests
    ]
    assert origins == ["https://api.smartrecruiters.com", "http://127.0.0.1:8000"]


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, company([recorded(BOARD, "normal.json")]))
    result = fetch(server)
    assert server.calls == 4  # the 429, its retry, two details
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))


def test_one_malformed_list_item_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.json with the second item's name (its title) removed.
    seen: list[str] = []
    result = fetch(company([recorded(BOARD, "malformed_item.json")], seen=seen))
    assert seen == [
        f"{LIST_PATH}?offset=0&limit=100",
        f"{LIST_PATH}/744000061234567",
        f"{LIST_PATH}/744000061234601",
    ]
    assert_matches_expected(result.listings, json.loads(recorded(BOARD, "normal.expected.json")))
    assert len(result.skipped) == 1
    assert re.fullmatch(r"item 1 \(id '744000061234599'\): no id or name", result.skipped[0])
    assert result.complete and not result.closes
    assert result.listed == 2
