"""RSS/Atom and We Work Remotely: golden parses of recorded feeds, fetches via MockTransport."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from scraper.errors import NotModified, ParseError
from scraper.feeds import (
    RssConfig,
    RssSource,
    WeWorkRemotelyConfig,
    WeWorkRemotelySource,
    parse_feed,
    parse_weworkremotely,
)
from scraper.http import Validators
from tests import golden
from tests.conftest import FIXTURES
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

FEED_URL = "https://careers.northwind.example/jobs.atom?team=all"


def text(board: str, name: str) -> str:
    return recorded(board, name).decode("utf-8")


def wwr(**config: Any) -> WeWorkRemotelySource:
    return WeWorkRemotelySource(
        WeWorkRemotelyConfig(**{"type": "weworkremotely", "name": "wwr", **config})
    )


def rss(**config: Any) -> RssSource:
    return RssSource(
        RssConfig(**{"type": "rss", "name": "rss:northwind", "url": FEED_URL, **config})
    )


def serve(body: bytes, *, path: str, query: dict[str, str] | None = None) -> Handler:
    """A fake feed host, asserting the path and query asked for."""

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == path
        assert dict(request.url.params) == (query or {})
        return httpx.Response(200, content=body, headers={"Content-Type": "application/rss+xml"})

    return handler


# --- We Work Remotely -------------------------------------------------------------------


def test_wwr_category_feed_matches_expected_listings() -> None:
    listings = parse_weworkremotely(text("weworkremotely", "category.rss"), source="wwr").listings
    assert_matches_expected(
        listings, json.loads(recorded("weworkremotely", "category.expected.json")), html=False
    )
    assert all(
        item.posted_at is None or item.posted_at.utcoffset() is not None for item in listings
    )


def test_wwr_fetch_reads_the_category_feed_and_keeps_tpm_titles() -> None:
    handler = serve(
        recorded("weworkremotely", "category.rss"),
        path="/categories/remote-management-and-finance-jobs.rss",
    )
    result = run_fetch(wwr(category="remote-management-and-finance-jobs"), handler)
    assert [item.title for item in result.listings] == [
        "Technical Program Manager",
        "Scrum Master / Agile Delivery Lead",
    ]
    assert not result.complete
    assert not WeWorkRemotelySource.lists_whole_board
    assert all(item.source == "wwr" for item in result.listings)


def test_wwr_without_category_reads_all_jobs_and_base_url_replaces_the_host() -> None:
    server = golden.Recording(
        serve(recorded("weworkremotely", "category.rss"), path="/remote-jobs.rss")
    )
    run_fetch(wwr(), server)
    run_fetch(wwr(base_url="http://127.0.0.1:8000/"), server)
    assert server.urls == [
        "https://weworkremotely.com/remote-jobs.rss",
        "http://127.0.0.1:8000/remote-jobs.rss",
    ]


def test_wwr_config_company_names_titles_without_a_company() -> None:
    listings = parse_weworkremotely(
        text("weworkremotely", "category.rss"), source="wwr", company="(unknown)"
    ).listings
    assert [item.company for item in listings] == ["Kestrel Analytics", "Birchline", "(unknown)"]


def test_wwr_title_splits_on_the_first_colon_only() -> None:
    feed = (
        '<rss version="2.0"><channel><title>WWR</title><item>'
        "<title>Acme: Project Manager: Platform</title><guid>g1</guid>"
        "</item></channel></rss>"
    )
    [listing] = parse_weworkremotely(feed, source="wwr").listings
    assert (listing.company, listing.title) == ("Acme", "Project Manager: Platform")


def test_wwr_one_malformed_entry_is_skipped_and_the_fetch_closes_nothing() -> None:
    # category.rss with the second item's <title> removed.
    handler = serve(recorded("weworkremotely", "malformed_item.rss"), path="/remote-jobs.rss")
    result = run_fetch(wwr(keywords=()), handler)
    assert [item.title for item in result.listings] == [
        "Technical Program Manager",
        "Scrum Master / Agile Delivery Lead",
    ]
    assert len(result.skipped) == 1
    assert re.fullmatch(
        r"item 1 \(id 'https://weworkremotely\.com/remote-jobs/b'\): "
        r"no guid/link or title: "
        r"'https://weworkremotely\.com/remote-jobs/birchline-finance-operations-lead'",
        result.skipped[0],
    )
    assert not result.complete and not result.closes


def test_wwr_304_to_a_conditional_request_propagates_not_modified() -> None:
    url = "https://weworkremotely.com/remote-jobs.rss"

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/remote-jobs.rss"
        if request.headers.get("If-None-Match") == '"abc"':
            return httpx.Response(304)
        return httpx.Response(200, content=recorded("weworkremotely", "category.rss"))

    with pytest.raises(NotModified):
        run_fetch(wwr(), handler, known={str(httpx.URL(url)): Validators(etag='"abc"')})


# --- generic RSS / Atom -------------------------------------------------------------------


def test_atom_feed_matches_expected_listings() -> None:
    listings = parse_feed(text("rss", "atom.xml"), source="rss").listings
    assert_matches_expected(listings, json.loads(recorded("rss", "atom.expected.json")), html=False)
    assert all(item.remote is None for item in listings)


def test_config_company_wins_over_the_feed_title() -> None:
    listings = parse_feed(
        text("rss", "atom.xml"), source="rss", company="Northwind Robotics"
    ).listings
    assert {item.company for item in listings} == {"Northwind Robotics"}


def test_bozo_feed_with_entries_is_still_parsed() -> None:
    listings = parse_feed(text("rss", "bozo.rss"), source="rss").listings
    assert_matches_expected(listings, json.loads(recorded("rss", "bozo.expected.json")), html=False)


def test_rss_fetch_keeps_path_and_query_and_tpm_titles() -> None:
    handler = serve(recorded("rss", "atom.xml"), path="/jobs.atom", query={"team": "all"})
    result = run_fetch(rss(), handler)
    assert [item.title for item in result.listings] == ["Technical Program Manager, Autonomy"]
    assert not result.complete
    assert not RssSource.lists_whole_board
    assert result.listings[0].source == "rss:northwind"


def test_rss_base_url_replaces_scheme_and_host_only() -> None:
    server = golden.Recording(
        lambda request: httpx.Response(200, content=recorded("rss", "atom.xml"))
    )
    run_fetch(rss(base_url="http://127.0.0.1:8000"), server)
    assert server.urls == ["http://127.0.0.1:8000/jobs.atom?team=all"]


def test_rss_url_must_be_http() -> None:
    with pytest.raises(ValidationError, match="must be an http"):
        RssConfig(type="rss", name="rss:bad", url="file:///etc/passwd")


def test_garbage_body_is_a_parse_error_naming_the_source_and_reason() -> None:
    handler = serve(recorded("rss", "garbage.html"), path="/jobs.atom", query={"team": "all"})
    with pytest.raises(ParseError, match=r"rss:northwind: not a readable RSS or Atom feed \(.+\)"):
        run_fetch(rss(), handler)


@pytest.mark.parametrize("body", ["", "  \n", '{"jobs": []}', "<html><body>Hi</body></html>"])
def test_bodies_that_are_no_feed_are_parse_errors(body: str) -> None:
    with pytest.raises(ParseError, match="rss: .*(feed|empty response)"):
        parse_feed(body, source="rss")


def test_a_body_that_looks_like_a_url_or_path_is_never_fetched_or_opened() -> None:
    # feedparser.parse(str) would GET the URL or read the file; we only ever parse bytes.
    # The path is a real feed: opened, it would parse into listings instead of failing.
    calls: list[str] = []
    bodies = [FEED_URL, str(FIXTURES / "rss" / "atom.xml")]

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return httpx.Response(200, text=bodies[len(calls) - 1])

    for _ in range(2):
        with pytest.raises(ParseError, match="not a readable RSS or Atom feed"):
            run_fetch(rss(), handler)
    assert calls == [FEED_URL, FEED_URL]


def test_empty_but_valid_feed_is_an_empty_result() -> None:
    feed = '<rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    parsed = parse_feed(feed, source="rss")
    assert parsed.listings == [] and parsed.skipped == ()


def test_entry_without_guid_or_link_is_skipped_and_named() -> None:
    # Once a ParseError for the whole feed; now one bad entry costs only itself.
    feed = (
        '<rss version="2.0"><channel><title>T</title><item><title>PM</title></item></channel></rss>'
    )
    parsed = parse_feed(feed, source="rss")
    assert parsed.listings == []
    assert parsed.skipped == ("item 0: no guid/link or title: 'PM'",)


def test_rss_one_malformed_entry_is_skipped_and_the_fetch_closes_nothing() -> None:
    # atom.xml with the second entry's <title> removed.
    handler = serve(recorded("rss", "malformed_item.xml"), path="/jobs.atom", query={"team": "all"})
    result = run_fetch(rss(keywords=()), handler)
    assert [item.title for item in result.listings] == ["Technical Program Manager, Autonomy"]
    assert len(result.skipped) == 1
    assert re.fullmatch(
        r"item 1 \(id 'tag:careers\.northwind\.example,2026:job-8'\): "
        r"no guid/link or title: 'https://careers\.northwind\.example/jobs/8790'",
        result.skipped[0],
    )
    assert not result.complete and not result.closes


def test_rss_304_to_a_conditional_request_propagates_not_modified() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/jobs.atom" and request.url.params["team"] == "all"
        if request.headers.get("If-None-Match") == '"abc"':
            return httpx.Response(304)
        return httpx.Response(200, content=recorded("rss", "atom.xml"))

    with pytest.raises(NotModified):
        run_fetch(rss(), handler, known={str(httpx.URL(FEED_URL)): Validators(etag='"abc"')})


def _feed_with(description: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0" xml:base="https://jobs.example/"><channel>'
        "<title>Example</title><item><title>Technical Project Manager</title>"
        "<link>https://jobs.example/1</link><guid>1</guid>"
        f"<description>{description}</description></item></channel></rss>"
    )


def test_relative_links_in_an_entry_are_resolved_against_the_feed_and_absolute_ones_kept() -> None:
    relative = parse_feed(
        _feed_with("&lt;a href=&quot;/apply/1&quot;&gt;Apply&lt;/a&gt;"), source="rss:x"
    )
    absolute = parse_feed(
        _feed_with("&lt;a href=&quot;https://x.example/a&quot;&gt;A&lt;/a&gt;"), source="rss:x"
    )
    assert 'href="https://jobs.example/apply/1"' in relative.listings[0].description_html
    assert 'href="https://x.example/a"' in absolute.listings[0].description_html
