"""Personio: golden parse of recorded XML feeds, and fetches through MockTransport."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import FetchError, NotModified, ParseError
from scraper.http import HttpSettings, PoliteClient, Validators
from scraper.listing import Listing, Salary
from scraper.personio import PersonioConfig, PersonioSource, parse_positions
from tests.conftest import FIXTURES

CASES = FIXTURES / "personio"
FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)
BOARD_URL = "https://kranich.jobs.personio.de"
Handler = Callable[[httpx.Request], httpx.Response]


def recorded(name: str) -> bytes:
    return (CASES / name).read_bytes()


def replay(name: str) -> httpx.Response:
    """A recorded non-200 response: {status, headers, body}."""
    record = json.loads(recorded(name))
    return httpx.Response(record["status"], headers=record["headers"], text=record["body"])


def parse(name: str) -> list[Listing]:
    return parse_positions(
        recorded(name).decode("utf-8"), source="personio", company="kranich", board_url=BOARD_URL
    )


def source(**config: Any) -> PersonioSource:
    settings: dict[str, Any] = {"type": "personio", "name": "personio:kranich", "board": "kranich"}
    return PersonioSource(PersonioConfig(**{**settings, **config}))


def fetch(handler: Handler, **config: Any) -> FetchResult:
    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            return await source(**config).fetch(http)

    return asyncio.run(go())


def serve(body: bytes, *, language: str | None = None) -> Handler:
    """A fake Personio serving the feed at /xml, asserting the documented query."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/xml"
        assert dict(request.url.params) == ({"language": language} if language else {})
        return httpx.Response(200, content=body, headers={"Content-Type": "text/xml"})

    return handler


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
        assert got.employment_type == want["employment_type"]
        assert got.salary == (Salary(**want["salary"]) if want["salary"] else None)
        assert got.salary_text == want["salary_text"]
        assert got.tags == tuple(want["tags"])
        assert got.description.startswith(want["description_startswith"])
        for phrase in want["description_contains"]:
            assert phrase in got.description
        for fragment in want["description_excludes"]:
            assert fragment not in got.description
        assert got.description_html.lstrip().startswith("<")


def test_normal_feed_matches_expected_listings() -> None:
    listings = parse("normal.xml")
    assert_matches_expected(listings, json.loads(recorded("normal.expected.json")))
    assert all(item.source == "personio" for item in listings)


def test_fetch_keeps_tpm_titles_and_sees_the_whole_board() -> None:
    result = fetch(serve(recorded("normal.xml")))
    assert [item.title for item in result.listings] == [
        "Technical Project Manager (m/w/d) – Payments & Compliance",
        "Scrum Master",
    ]
    assert result.complete
    assert PersonioSource.lists_whole_board
    assert all(item.source == "personio:kranich" for item in result.listings)


def test_umlauts_survive_a_content_type_without_charset() -> None:
    result = fetch(serve(recorded("normal.xml")), keywords=())
    assert "Sie übernehmen die Verantwortung" in result.listings[0].description
    assert "fließendes Deutsch" in result.listings[0].description


def test_language_is_sent_when_configured() -> None:
    result = fetch(serve(recorded("empty.xml"), language="en"), language="en")
    assert result.listings == [] and result.complete


def test_empty_board_is_a_complete_empty_fetch() -> None:
    result = fetch(serve(recorded("empty.xml")))
    assert result.listings == [] and result.complete


def test_base_url_replaces_the_whole_host_but_job_links_keep_the_real_one() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return serve(recorded("normal.xml"))(request)

    result = fetch(handler, base_url="http://127.0.0.1:8000/")
    fetch(handler, domain="com")
    assert seen == ["http://127.0.0.1:8000/xml", "https://kranich.jobs.personio.com/xml"]
    assert result.listings[0].url == "https://kranich.jobs.personio.de/job/1482913"


def test_com_domain_builds_com_job_links() -> None:
    result = fetch(serve(recorded("normal.xml")), domain="com")
    assert result.listings[0].url == "https://kranich.jobs.personio.com/job/1482913"


def test_subcompany_wins_over_config_company() -> None:
    result = fetch(serve(recorded("normal.xml")), keywords=(), company="Kranich Group")
    assert [item.company for item in result.listings] == [
        "Kranich Logistik GmbH",
        "Kranich Group",
        "Kranich Fulfilment GmbH",
    ]


def test_entity_expansion_attack_is_refused_before_parsing() -> None:
    with pytest.raises(ParseError, match="personio: .*DOCTYPE or ENTITY declaration"):
        parse("entity_attack.xml")


def test_external_entity_is_refused() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<workzag-jobs><position><id>1</id><name>&xxe;</name></position></workzag-jobs>"
    )
    with pytest.raises(ParseError, match="DOCTYPE or ENTITY"):
        parse_positions(xxe, source="personio", company="k", board_url=BOARD_URL)


def test_an_html_page_after_a_redirect_is_a_parse_error() -> None:
    # An unknown company redirects to personio.de's home page [obs].
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "kranich.jobs.personio.de":
            return httpx.Response(301, headers={"Location": "https://www.personio.de/"})
        return httpx.Response(200, text="<html><body><p>Personio</p></body></html>")

    with pytest.raises(ParseError, match="expected a <workzag-jobs> feed, got <html>"):
        fetch(handler)


def test_malformed_xml_is_a_parse_error_naming_the_source() -> None:
    with pytest.raises(ParseError, match=r"personio:kranich: malformed XML \(.*line \d+"):
        fetch(serve(recorded("malformed.xml")))


def test_a_position_without_a_name_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="personio: a position without id or name"):
        parse_positions(
            "<workzag-jobs><position><id>7</id></position></workzag-jobs>",
            source="personio",
            company="k",
            board_url=BOARD_URL,
        )


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return replay("rate_limited.json") if calls == 1 else serve(recorded("normal.xml"))(request)

    result = fetch(handler)
    assert calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    with pytest.raises(FetchError, match="HTTP 429") as raised:
        fetch(lambda request: replay("rate_limited.json"))
    assert raised.value.status == 429


def test_304_to_a_conditional_request_propagates_not_modified() -> None:
    url = "https://kranich.jobs.personio.de/xml"
    key = str(httpx.URL(url, params={"language": "en"}))

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["language"] == "en"
        if request.headers.get("If-None-Match") == '"abc"':
            return httpx.Response(304)
        return serve(recorded("normal.xml"), language="en")(request)

    async def go() -> None:
        async with PoliteClient(FAST, transport=httpx.MockTransport(handler)) as http:
            scoped = http.scoped({key: Validators(etag='"abc"')})
            await source(language="en").fetch(scoped)

    with pytest.raises(NotModified):
        asyncio.run(go())
