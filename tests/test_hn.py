"""Hacker News "Who is hiring?": golden parse of recorded responses, header heuristics,
and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from scraper.base import FetchResult
from scraper.errors import ParseError
from scraper.hn import (
    GENERIC_TITLE,
    HackerNewsConfig,
    HackerNewsSource,
    Header,
    parse_comment,
    parse_header,
    parse_search,
    parse_thread,
)
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "hn"
NOVEMBER, OCTOBER = "45800001", "45500001"


def fetch(handler: Handler, **config: Any) -> FetchResult:
    return run_fetch(HackerNewsSource(HackerNewsConfig(type="hn", name="hn", **config)), handler)


def serve(*, host: str = "hn.algolia.com", log: list[str] | None = None) -> Handler:
    """The Algolia API: the search, and the two recorded threads."""
    items = {
        NOVEMBER: recorded(BOARD, "item_november.json"),
        OCTOBER: recorded(BOARD, "item_october.json"),
    }

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == host
        if log is not None:
            log.append(request.url.path)
        if request.url.path == "/api/v1/search_by_date":
            assert request.url.params["tags"] == "story,author_whoishiring"
            assert int(request.url.params["hitsPerPage"]) >= 3
            return httpx.Response(200, content=recorded(BOARD, "search.json"))
        story_id = request.url.path.removeprefix("/api/v1/items/")
        if story_id in items:
            return httpx.Response(200, content=items[story_id])
        return httpx.Response(404, json={"error": "Not Found"})

    return handler


def test_thread_matches_expected_listings() -> None:
    listings = parse_thread(json.loads(recorded(BOARD, "item_november.json")), source="hn").listings
    expected = json.loads(recorded(BOARD, "item_november.expected.json"))
    assert_matches_expected(listings, expected, html=False)
    for got in listings:
        # The expected items carry no `salary` key: a comment never yields one. The kept
        # HTML is the comment's own, which starts with text, not a tag: it must be there.
        assert got.salary is None
        assert got.description_html


def test_deleted_dead_empty_and_nested_comments_are_not_listings() -> None:
    listings = parse_thread(json.loads(recorded(BOARD, "item_november.json")), source="hn").listings
    ids = {item.external_id for item in listings}
    assert not ids & {"45800102", "45800108", "45800110"}  # deleted, dead, empty
    assert "45800201" not in ids  # a reply to a post, not a post


def test_shortened_link_text_is_replaced_by_the_full_href() -> None:
    listings = parse_thread(json.loads(recorded(BOARD, "item_november.json")), source="hn").listings
    acme = listings[0]
    assert "https://acme-robotics.example/careers/tpm-2026-berlin-hardware-platform" in (
        acme.description
    )
    assert "rel=" in acme.description_html  # the board's HTML is kept as it came


def test_search_keeps_only_the_hiring_threads_newest_first() -> None:
    payload = json.loads(recorded(BOARD, "search.json"))
    assert parse_search(payload, source="hn", months=1) == [NOVEMBER]
    assert parse_search(payload, source="hn", months=2) == [NOVEMBER, OCTOBER]
    assert parse_search(payload, source="hn", months=12) == [NOVEMBER, OCTOBER]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Acme | Technical Project Manager | London, UK | REMOTE (UK) | £70k | https://acme.example/j",
            Header(
                company="Acme",
                title="Technical Project Manager",
                location="London, UK; REMOTE (UK)",
                remote=True,
                salary_text="£70k",
                link="https://acme.example/j",
            ),
        ),
        (
            "https://beta.example | Beta Corp | ONSITE | Berlin | Program Manager | Full-time",
            Header(
                company="Beta Corp",
                title="Program Manager",
                location="Berlin",
                remote=False,
                link="https://beta.example",
                employment_type="full-time",
            ),
        ),
        (
            "Lead Bank | Kansas City, MO | Hybrid | Visa sponsorship",
            Header(
                company="Lead Bank", title=GENERIC_TITLE, location="Kansas City, MO", remote=False
            ),
        ),
        (
            "Lead Bank | Senior Engineer | No remote",
            Header(company="Lead Bank", title="Senior Engineer", remote=False),
        ),
        (
            "Gamma | Engineering Manager / TPM | Remote or onsite | 45-60 LPA",
            Header(company="Gamma", title=GENERIC_TITLE, remote=True, salary_text="45-60 LPA"),
        ),
        (
            "Delta Labs · Head of Delivery · Amsterdam",
            Header(company="Delta Labs", title="Head of Delivery", location="Amsterdam"),
        ),
        (
            "We are a small team building tools for scientists and would love to hear from you",
            Header(company="", title=GENERIC_TITLE),
        ),
    ],
)
def test_header_heuristic(line: str, expected: Header) -> None:
    assert parse_header(line) == expected


def test_comment_uses_created_at_when_created_at_i_is_missing() -> None:
    comment = {
        "id": 7,
        "author": "a",
        "text": "Acme | Scrum Master",
        "created_at": "2026-11-02T15:00:00.000Z",
    }
    listing = parse_comment(comment, source="hn")
    assert listing is not None
    assert listing.posted_at == datetime.fromisoformat("2026-11-02T15:00:00+00:00")


def test_generic_title_is_kept_when_the_body_names_a_keyword_but_a_specific_one_is_not() -> None:
    source = HackerNewsSource(HackerNewsConfig(type="hn", name="hn"))
    body = "We also need a technical program manager."
    assert source.wanted(GENERIC_TITLE, body)
    assert not source.wanted("Senior Unity Developer", "Work with a project manager.")
    assert not source.wanted(GENERIC_TITLE, "Backend engineers only.")
    assert source.wanted("Scrum Master")


def test_fetch_reads_the_latest_thread_and_keeps_wanted_posts() -> None:
    log: list[str] = []
    result = fetch(serve(log=log))
    assert log == ["/api/v1/search_by_date", f"/api/v1/items/{NOVEMBER}"]
    assert [(item.company, item.title) for item in result.listings] == [
        ("Acme Robotics", "Technical Program Manager"),
        ("Lumen Health (YC W22)", GENERIC_TITLE),  # the body names a TPM role
        ("Kestrel Payments", "Scrum Master"),
        ("Northwind Data", GENERIC_TITLE),
        ("Tidewater Energy", "Delivery Manager"),
        ("Quill Labs", "Senior Technical Program Manager"),
    ]
    assert not result.complete
    assert all(item.source == "hn" for item in result.listings)


def test_months_reads_that_many_threads() -> None:
    log: list[str] = []
    result = fetch(serve(log=log), months=2)
    assert log[1:] == [f"/api/v1/items/{NOVEMBER}", f"/api/v1/items/{OCTOBER}"]
    assert result.listings[-1].title == "Project Manager (IT)"


def test_base_url_takes_the_place_of_the_algolia_host() -> None:
    log: list[str] = []
    fetch(serve(host="127.0.0.1", log=log), base_url="http://127.0.0.1:8000")
    assert len(log) == 2


@pytest.mark.parametrize("months", [0, 13])
def test_months_outside_one_to_twelve_is_a_config_error(months: int) -> None:
    with pytest.raises(ValidationError, match="months"):
        HackerNewsConfig(type="hn", name="hn", months=months)


def test_search_in_an_unexpected_shape_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="hn: expected an object with a 'hits' list"):
        fetch(lambda request: httpx.Response(200, json={"results": []}))


def test_429_on_the_thread_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(
        BOARD, serve(), when=lambda request: request.url.path.startswith("/api/v1/items/")
    )
    result = fetch(server)
    assert server.limited and len(result.listings) == 6


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))


def test_comment_that_is_not_an_object_with_an_id_is_a_parse_error() -> None:
    # Once silently dropped like a deleted comment; now named by the thread's parse.
    with pytest.raises(ParseError, match="not a comment with an id"):
        parse_comment({"author": "a", "text": "Acme | Scrum Master"}, source="hn")
    with pytest.raises(ParseError, match="not a comment with an id"):
        parse_comment("Acme | Scrum Master", source="hn")


def test_one_malformed_comment_is_skipped_and_the_fetch_closes_nothing() -> None:
    # item_november.json with the Kestrel Payments post (child 3) lacking its id.
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == f"/api/v1/items/{NOVEMBER}":
            return httpx.Response(200, content=recorded(BOARD, "malformed_item.json"))
        return serve()(request)

    result = fetch(handler)
    assert [(item.company, item.title) for item in result.listings] == [
        ("Acme Robotics", "Technical Program Manager"),
        ("Lumen Health (YC W22)", GENERIC_TITLE),
        ("Northwind Data", GENERIC_TITLE),
        ("Tidewater Energy", "Delivery Manager"),
        ("Quill Labs", "Senior Technical Program Manager"),
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(r"item 3: not a comment with an id", result.skipped[0])
    assert not result.complete and not result.closes
