"""What every feed and page source shares with the API boards: a 429 with Retry-After is
waited out and retried, an empty feed or page is an empty result, a 404 is one clear error."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from scraper.base import FetchResult, SourceConfig
from scraper.errors import NotFoundError
from scraper.http import HttpSettings, PoliteClient
from scraper.registry import build_source, source_class

FAST = HttpSettings(delay=0.0, backoff=0.0, max_retry_after=0.01)
EMPTY_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title></channel></rss>'
EMPTY_PAGE = b"<html><head><title>Careers</title></head><body><p>No openings.</p></body></html>"

CASES = {
    "rss": ({"url": "https://feeds.example/jobs.rss"}, EMPTY_RSS),
    "weworkremotely": ({"category": "remote-devops-sysadmin-jobs"}, EMPTY_RSS),
    "jsonld": ({"urls": ["https://careers.example/jobs/1"]}, EMPTY_PAGE),
    "html": (
        {"url": "https://careers.example/jobs", "item": ".job", "title": ".t", "link": "a"},
        EMPTY_PAGE,
    ),
}


def fetch(kind: str, handler: httpx.MockTransport) -> FetchResult:
    keys, _ = CASES[kind]
    model = source_class(kind).config_model
    config: SourceConfig = model.model_validate({"type": kind, "name": kind, **keys})

    async def go() -> FetchResult:
        async with PoliteClient(FAST, transport=handler) as http:
            return await build_source(config).fetch(http)

    return asyncio.run(go())


@pytest.mark.parametrize("kind", sorted(CASES))
def test_429_with_retry_after_is_retried_and_an_empty_feed_is_empty(kind: str) -> None:
    _, empty = CASES[kind]
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        seen.append(request.url.path)
        if len(seen) == 1:
            return httpx.Response(429, headers={"Retry-After": "30"}, text="slow down")
        return httpx.Response(200, content=empty)

    result = fetch(kind, httpx.MockTransport(handler))
    assert result.listings == []
    assert len(seen) == 2 and seen[0] == seen[1]


@pytest.mark.parametrize("kind", sorted(CASES))
def test_a_missing_feed_or_page_is_a_not_found_error(kind: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, text="Not Found")

    with pytest.raises(NotFoundError, match=r"HTTP 404"):
        fetch(kind, httpx.MockTransport(handler))
