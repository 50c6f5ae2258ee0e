"""HTML career pages read with CSS selectors: golden parse of recorded pages, config
validation, and fetches (paging, robots.txt) through MockTransport."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
from pydantic import ValidationError

from scraper.base import FetchResult
from scraper.errors import NotFoundError, RobotsDisallowed
from scraper.html_source import HtmlConfig, HtmlSource, parse_page
from tests.golden import Handler, recorded, run_fetch

BOARD = "html"
HOST = "jobs.meridian.example"
SELECTORS: dict[str, Any] = {
    "item": "li.job-card",
    "title": ".job-title",
    "link": "a.job-link",
    "company_selector": ".company",
    "location": ".location",
    "description": ".summary",
    "next_page": "a[rel=next]",
    "company": "Meridian Group",
}


def config(**overrides: Any) -> HtmlConfig:
    values = {"url": f"https://{HOST}/jobs", **SELECTORS, **overrides}
    return HtmlConfig(type="html", name="meridian", **values)


def serve(
    *,
    host: str = HOST,
    log: list[str] | None = None,
    robots: bool = True,
    page2: bytes | None = None,
) -> Handler:
    """The site: `/jobs` and `/jobs?page=2`, robots.txt (or its 404), 404 otherwise."""
    pages = {"/jobs": recorded(BOARD, "page1.html"), "/jobs?page=1": recorded(BOARD, "page1.html")}
    pages["/jobs?page=2"] = page2 if page2 is not None else recorded(BOARD, "page2.html")
    if robots:
        pages["/robots.txt"] = recorded(BOARD, "robots.txt")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.url.host == host
        target = request.url.raw_path.decode()
        if log is not None:
            log.append(target)
        if target in pages:
            return httpx.Response(200, content=pages[target])
        return httpx.Response(404, text="<h1>Not found</h1>")

    return handler


def fetch(handler: Handler, **overrides: Any) -> FetchResult:
    return run_fetch(HtmlSource(config(**overrides)), handler)


@pytest.mark.parametrize("case", ["page1", "page2"])
def test_pages_match_expected_listings(case: str) -> None:
    expected = json.loads(recorded(BOARD, f"{case}.expected.json"))
    listings, next_url = parse_page(
        recorded(BOARD, f"{case}.html").decode(),
        page_url=expected["page_url"],
        config=config(),
        source="m",
    )
    assert next_url == expected["next_page"]
    got = [
        {
            "external_id": item.external_id,
            "url": item.url,
            "title": item.title,
            "company": item.company,
            "location": item.location,
            "description": item.description,
        }
        for item in listings
    ]
    assert got == expected["listings"]
    assert all(item.source == "m" for item in listings)


def test_description_html_is_the_selected_element() -> None:
    listings, _ = parse_page(
        recorded(BOARD, "page1.html").decode(),
        page_url=f"https://{HOST}/jobs",
        config=config(),
        source="m",
    )
    assert listings[0].description_html.startswith('<p class="summary">')
    assert "<strong>card-issuing</strong>" in listings[0].description_html


def test_fetch_follows_next_links_and_stops_at_a_disallowed_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log: list[str] = []
    with caplog.at_level(logging.WARNING, logger="scraper.html_source"):
        result = fetch(serve(log=log))
    assert log == ["/robots.txt", "/jobs", "/jobs?page=2"]  # never /jobs/archive
    assert "stopped paging at https://jobs.meridian.example/jobs/archive?page=3" in caplog.text
    assert "disallowed by https://jobs.meridian.example/robots.txt" in caplog.text
    assert [item.title for item in result.listings] == [
        "Technical Project Manager New",  # once, though pinned on both pages
        "Scrum Master (m/f/d)",
        "Programme Manager, Data Centre Migration",
    ]
    assert not result.complete


def test_without_robots_txt_everything_is_allowed() -> None:
    log: list[str] = []
    fetch(serve(log=log, robots=False))
    assert log == ["/robots.txt", "/jobs", "/jobs?page=2", "/jobs/archive?page=3"]


def test_max_pages_stops_early() -> None:
    log: list[str] = []
    result = fetch(serve(log=log), max_pages=1)
    assert log == ["/robots.txt", "/jobs"]
    assert [item.title for item in result.listings] == [
        "Technical Project Manager New",
        "Scrum Master (m/f/d)",
    ]


def test_a_next_link_back_to_a_visited_page_ends_the_walk() -> None:
    loop = b'<li class="job-card"><h3 class="job-title">Scrum Master</h3><a class="job-link" href="/j/9">x</a></li><a rel="next" href="/jobs">again</a>'
    log: list[str] = []
    result = fetch(serve(log=log, page2=loop))
    assert log == ["/robots.txt", "/jobs", "/jobs?page=2"]
    assert "Scrum Master" in [item.title for item in result.listings]


def test_a_disallowed_first_page_is_raised_and_never_fetched() -> None:
    log: list[str] = []
    with pytest.raises(RobotsDisallowed, match="disallowed by"):
        fetch(serve(log=log), url=f"https://{HOST}/jobs/archive")
    assert log == ["/robots.txt"]


def test_a_missing_first_page_is_a_not_found_error() -> None:
    with pytest.raises(NotFoundError, match="HTTP 404"):
        fetch(serve(), url=f"https://{HOST}/careers")


def test_base_url_takes_the_place_of_the_host() -> None:
    log: list[str] = []
    result = fetch(serve(host="127.0.0.1", log=log), base_url="http://127.0.0.1:8000")
    assert log == ["/robots.txt", "/jobs", "/jobs?page=2"]
    # Listing links keep the page's own resolution: the replay server's host.
    assert result.listings[0].url.startswith("http://127.0.0.1:8000/jobs/1042")


@pytest.mark.parametrize("key", ["item", "title", "link", "company_selector", "next_page"])
@pytest.mark.parametrize("selector", ["a[", "div >", "!!", ""])
def test_a_selector_that_is_not_css_is_a_config_error(key: str, selector: str) -> None:
    with pytest.raises(ValidationError) as raised:
        config(**{key: selector})
    [error] = raised.value.errors()
    assert error["loc"] == (key,)
    assert error["msg"] == f"Value error, not a CSS selector: {selector!r}"


def test_optional_selectors_may_be_left_out() -> None:
    minimal = HtmlConfig(
        type="html", name="m", url=f"https://{HOST}/jobs", item="li", title="h3", link="a"
    )
    assert minimal.company_selector is None and minimal.next_page is None


def test_page_url_must_be_http() -> None:
    with pytest.raises(ValidationError, match="must be an http"):
        config(url="jobs.meridian.example/jobs")
