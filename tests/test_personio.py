"""Personio: golden parse of recorded XML feeds, and fetches through MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest

from scraper.base import FetchResult
from scraper.errors import NotModified, ParseError
from scraper.http import Validators
from scraper.listing import Listing
from scraper.personio import PersonioConfig, PersonioSource, parse_positions
from tests import golden
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "personio"
BOARD_URL = "https://kranich.jobs.personio.de"


def parse(name: str) -> list[Listing]:
    return parse_positions(
        recorded(BOARD, name).decode("utf-8"),
        source="personio",
        company="kranich",
        board_url=BOARD_URL,
    ).listings


def source(**config: Any) -> PersonioSource:
    settings: dict[str, Any] = {"type": "personio", "name": "personio:kranich", "board": "kranich"}
    return PersonioSource(PersonioConfig(**{**settings, **config}))


def fetch(handler: Handler, **config: Any) -> FetchResult:
    return run_fetch(source(**config), handler)


def serve(body: bytes, *, language: str | None = None) -> Handler:
    """A fake Personio serving the feed at /xml, asserting the documented query."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/xml"
        assert dict(request.url.params) == ({"language": language} if language else {})
        return httpx.Response(200, content=body, headers={"Content-Type": "text/xml"})

    return handler


def test_normal_feed_matches_expected_listings() -> None:
    listings = parse("normal.xml")
    assert_matches_expected(listings, json.loads(recorded(BOARD, "normal.expected.json")))
    assert all(item.source == "personio" for item in listings)


def test_fetch_keeps_tpm_titles_and_sees_the_whole_board() -> None:
    result = fetch(serve(recorded(BOARD, "normal.xml")))
    assert [item.title for item in result.listings] == [
        "Technical Project Manager (m/w/d) – Payments & Compliance",
        "Scrum Master",
    ]
    assert result.complete
    assert PersonioSource.lists_whole_board
    assert all(item.source == "personio:kranich" for item in result.listings)


def test_umlauts_survive_a_content_type_without_charset() -> None:
    result = fetch(serve(recorded(BOARD, "normal.xml")), keywords=())
    assert "Sie übernehmen die Verantwortung" in result.listings[0].description
    assert "fließendes Deutsch" in result.listings[0].description


def test_language_is_sent_when_configured() -> None:
    result = fetch(serve(recorded(BOARD, "empty.xml"), language="en"), language="en")
    assert result.listings == [] and result.complete


def test_empty_board_is_a_complete_empty_fetch() -> None:
    result = fetch(serve(recorded(BOARD, "empty.xml")))
    assert result.listings == [] and result.complete


def test_base_url_replaces_the_whole_host_but_job_links_keep_the_real_one() -> None:
    server = golden.Recording(serve(recorded(BOARD, "normal.xml")))
    result = fetch(server, base_url="http://127.0.0.1:8000/")
    fetch(server, domain="com")
    assert server.urls == ["http://127.0.0.1:8000/xml", "https://kranich.jobs.personio.com/xml"]
    assert result.listings[0].url == "https://kranich.jobs.personio.de/job/1482913"


def test_com_domain_builds_com_job_links() -> None:
    result = fetch(serve(recorded(BOARD, "normal.xml")), domain="com")
    assert result.listings[0].url == "https://kranich.jobs.personio.com/job/1482913"


def test_subcompany_wins_over_config_company() -> None:
    result = fetch(serve(recorded(BOARD, "normal.xml")), keywords=(), company="Kranich Group")
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
        fetch(serve(recorded(BOARD, "malformed.xml")))


def test_a_position_without_a_name_is_skipped_and_named() -> None:
    # Once a ParseError for the whole feed; now one bad position costs only itself.
    parsed = parse_positions(
        "<workzag-jobs><position><id>7</id></position></workzag-jobs>",
        source="personio",
        company="k",
        board_url=BOARD_URL,
    )
    assert parsed.listings == []
    assert parsed.skipped == (
        "item 0: a position without id or name: '<position><id>7</id></position>'",
    )


def test_one_malformed_position_is_skipped_and_the_fetch_closes_nothing() -> None:
    # normal.xml with the second position's <name> removed.
    result = fetch(serve(recorded(BOARD, "malformed_item.xml")), keywords=())
    assert [item.title for item in result.listings] == [
        "Technical Project Manager (m/w/d) – Payments & Compliance",
        "Scrum Master",
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(
        r"item 1: a position without id or name: '<position> <id>1482977</id> .*",
        result.skipped[0],
    )
    assert result.complete and not result.closes


def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    server = golden.rate_limited_once(BOARD, serve(recorded(BOARD, "normal.xml")))
    result = fetch(server)
    assert server.calls == 2
    assert len(result.listings) == 2


def test_persistent_429_fails_after_the_configured_retries() -> None:
    golden.assert_fails_with_429(fetch, golden.rate_limited(BOARD))


def test_304_to_a_conditional_request_propagates_not_modified() -> None:
    url = "https://kranich.jobs.personio.de/xml"
    key = str(httpx.URL(url, params={"language": "en"}))

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.params["language"] == "en"
        if request.headers.get("If-None-Match") == '"abc"':
            return httpx.Response(304)
        return serve(recorded(BOARD, "normal.xml"), language="en")(request)

    with pytest.raises(NotModified):
        run_fetch(source(language="en"), handler, known={key: Validators(etag='"abc"')})
