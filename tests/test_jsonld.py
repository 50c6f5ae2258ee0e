"""schema.org JobPosting JSON-LD: golden parse of recorded pages, sitemaps, robots.txt,
and fetches through MockTransport."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from scraper.base import FetchResult
from scraper.errors import NotFoundError, ParseError, RobotsDisallowed
from scraper.jsonld import JsonLdConfig, JsonLdSource, parse_page, parse_sitemap
from tests.golden import Handler, assert_matches_expected, recorded, run_fetch

BOARD = "jsonld"
NOW = datetime(2026, 11, 27, tzinfo=UTC)
HOST = "careers.kranich.example"
SITE = f"https://{HOST}"

ROUTES = {
    "/robots.txt": "robots.txt",
    "/sitemap.xml": "sitemap.xml",
    "/sitemap_index.xml": "sitemap_index.xml",
    "/sitemap-jobs.xml": "sitemap.xml",
    "/sitemap-pages.xml": "sitemap_pages.xml",
    "/careers/tpm-berlin": "careers_graph.html",
    "/jobs/remote-scrum-master": "careers_array.html",
    "/jobs/delivery-manager": "careers_escaped.html",
    "/jobs/project-manager": "careers_broken.html",
    "/about": "about.html",
    "/internal/jobs/draft-cto": "careers_graph.html",  # must never be asked for
}
WANTED_FROM_SITEMAP = [
    "Technical Program Manager (m/f/d)",
    "Remote Scrum Master",
    "Delivery Manager",
    "Project Coordinator (temporary)",
    "IT Project Manager",
]


def serve(
    *, host: str = HOST, log: list[str] | None = None, robots: bool = True, **extra: str
) -> Handler:
    """The career site: recorded pages by path, robots.txt (or its 404), 404 otherwise."""
    routes = {**ROUTES, **extra}
    if not robots:
        del routes["/robots.txt"]

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == host
        if log is not None:
            log.append(request.url.path)
        name = routes.get(request.url.path)
        if name is None:
            return httpx.Response(404, text="Not Found")
        content_type = "text/plain" if name.endswith(".txt") else "text/html; charset=utf-8"
        if name.endswith(".xml"):
            content_type = "application/xml"
        return httpx.Response(
            200, content=recorded(BOARD, name), headers={"Content-Type": content_type}
        )

    return handler


def fetch(handler: Handler, **config: Any) -> FetchResult:
    return run_fetch(JsonLdSource(JsonLdConfig(type="jsonld", name="kranich", **config)), handler)


@pytest.mark.parametrize(
    "case", ["careers_graph", "careers_array", "careers_escaped", "careers_broken"]
)
def test_pages_match_expected_listings(case: str) -> None:
    expected = json.loads(recorded(BOARD, f"{case}.expected.json"))
    result = parse_page(
        recorded(BOARD, f"{case}.html").decode(), page_url=expected["page_url"], source="j", now=NOW
    )
    assert result.skipped_blocks == expected["skipped_blocks"]
    assert_matches_expected(result.parsed.listings, expected["listings"])


def test_expired_posting_is_dropped_but_kept_before_its_valid_through() -> None:
    html = recorded(BOARD, "careers_broken.html").decode()
    before = datetime(2025, 1, 1, tzinfo=UTC)
    titles = [
        item.title
        for item in parse_page(html, page_url=SITE, source="j", now=before).parsed.listings
    ]
    assert "Project Manager, Customs (closed)" in titles
    titles = [
        item.title for item in parse_page(html, page_url=SITE, source="j", now=NOW).parsed.listings
    ]
    assert "Project Manager, Customs (closed)" not in titles


def test_sitemap_urlset_and_index() -> None:
    locs, is_index = parse_sitemap(recorded(BOARD, "sitemap.xml").decode(), source="j")
    assert not is_index and len(locs) == 6 and locs[0] == f"{SITE}/careers/tpm-berlin"
    locs, is_index = parse_sitemap(recorded(BOARD, "sitemap_index.xml").decode(), source="j")
    assert is_index and locs == [f"{SITE}/sitemap-jobs.xml", f"{SITE}/sitemap-pages.xml"]


@pytest.mark.parametrize(
    "xml",
    [
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><urlset><url><loc>&lol;</loc></url></urlset>',
        '<?xml version="1.0"?><!doctype urlset SYSTEM "file:///etc/passwd"><urlset/>',
    ],
)
def test_sitemap_with_doctype_or_entities_is_refused(xml: str) -> None:
    with pytest.raises(ParseError, match="DOCTYPE or ENTITY"):
        parse_sitemap(xml, source="j")


def test_malformed_sitemap_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="not well-formed XML"):
        parse_sitemap("<urlset><url><loc>x</url>", source="j")


def test_fetch_from_sitemap_skips_disallowed_and_reports_failed_pages(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log: list[str] = []
    with caplog.at_level(logging.WARNING, logger="scraper.jsonld"):
        result = fetch(serve(log=log), sitemap=f"{SITE}/sitemap.xml")
    assert "/internal/jobs/draft-cto" not in log  # robots.txt said no: never fetched
    assert log[:2] == ["/robots.txt", "/sitemap.xml"]
    assert [item.title for item in result.listings] == WANTED_FROM_SITEMAP
    assert not result.complete
    report = caplog.text
    assert "2 of 6 page(s) failed" in report
    assert "draft-cto: disallowed by" in report
    assert "/jobs/gone: HTTP 404" in report
    assert "skipped 1 JSON-LD block(s)" in report


def test_fetch_follows_a_sitemap_index_one_level(caplog: pytest.LogCaptureFixture) -> None:
    log: list[str] = []
    with caplog.at_level(logging.WARNING, logger="scraper.jsonld"):
        result = fetch(serve(log=log), sitemap=f"{SITE}/sitemap_index.xml")
    assert "2 of 7 page(s) failed" in caplog.text
    assert {"/sitemap-jobs.xml", "/sitemap-pages.xml", "/about"} <= set(log)
    assert [item.title for item in result.listings] == WANTED_FROM_SITEMAP


def test_fetch_from_urls_with_empty_keywords_keeps_everything() -> None:
    urls = (f"{SITE}/jobs/remote-scrum-master", f"{SITE}/careers/tpm-berlin")
    result = fetch(serve(), urls=urls, keywords=())
    assert [item.title for item in result.listings] == [
        "Remote Scrum Master",
        "Senior Backend Engineer",
        "Technical Program Manager (m/f/d)",
    ]


def test_max_urls_caps_the_pages_fetched() -> None:
    log: list[str] = []
    fetch(serve(log=log), sitemap=f"{SITE}/sitemap.xml", max_urls=2)
    assert log == [
        "/robots.txt",
        "/sitemap.xml",
        "/careers/tpm-berlin",
        "/jobs/remote-scrum-master",
    ]


def test_when_every_page_fails_the_first_error_is_raised() -> None:
    with pytest.raises(NotFoundError, match="/jobs/gone: HTTP 404"):
        fetch(serve(), urls=(f"{SITE}/jobs/gone", f"{SITE}/jobs/also-gone"))


def test_a_lone_disallowed_page_is_raised_and_never_fetched() -> None:
    log: list[str] = []
    with pytest.raises(RobotsDisallowed, match="disallowed by https://careers.kranich.example"):
        fetch(serve(log=log), urls=(f"{SITE}/internal/jobs/draft-cto",))
    assert log == ["/robots.txt"]


def test_robots_txt_404_allows_everything() -> None:
    log: list[str] = []
    result = fetch(serve(log=log, robots=False), urls=(f"{SITE}/internal/jobs/draft-cto",))
    assert "/internal/jobs/draft-cto" in log
    assert [item.title for item in result.listings] == ["Technical Program Manager (m/f/d)"]


def test_base_url_takes_the_place_of_the_host_of_urls_and_sitemap_entries() -> None:
    log: list[str] = []
    result = fetch(
        serve(host="127.0.0.1", log=log),
        sitemap=f"{SITE}/sitemap.xml",
        base_url="http://127.0.0.1:8000",
    )
    assert "/careers/tpm-berlin" in log
    assert [item.title for item in result.listings] == WANTED_FROM_SITEMAP


def test_config_needs_urls_or_a_sitemap() -> None:
    with pytest.raises(ValidationError, match="give `urls` .* or `sitemap`"):
        JsonLdConfig(type="jsonld", name="kranich")


@pytest.mark.parametrize(
    "config", [{"urls": ["careers.example/jobs"]}, {"sitemap": "ftp://example.com/sitemap.xml"}]
)
def test_config_rejects_urls_that_are_not_http(config: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="must be an http"):
        JsonLdConfig(type="jsonld", name="kranich", **config)


def test_one_malformed_posting_is_skipped_and_the_fetch_closes_nothing() -> None:
    # careers_array.html with the first posting's title removed.
    site = serve()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/jobs/malformed":
            return httpx.Response(200, content=recorded(BOARD, "malformed_item.html"))
        return site(request)

    result = fetch(handler, urls=(f"{SITE}/jobs/malformed",), keywords=())
    assert [item.title for item in result.listings] == ["Senior Backend Engineer"]
    assert len(result.skipped) == 1
    assert re.fullmatch(
        rf"{re.escape(SITE)}/jobs/malformed: item 0 \(url '/jobs/remote-scrum-master#apply'\): "
        r"a JobPosting with no title or name",
        result.skipped[0],
    )
    assert not result.complete and not result.closes
