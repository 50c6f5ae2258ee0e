"""Arbeitnow: a Europe-wide (mostly German) board, about 100 jobs a page, newest first.

GET /api/job-board-api?page=N, then follow `links.next` until it is null or `data` is
empty (`meta` has no `last_page` or `total`). There is no keyword search. Descriptions
are sometimes entity-encoded twice. Terms: free, "do not abuse", link back.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type
from scraper.text import html_to_text, unescape_html

_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
# An entity whose own `&` was escaped again: `&amp;amp;`, `&amp;uuml;`, `&amp;#8211;`.
_DOUBLE_ENTITY = re.compile(r"&amp;(#[0-9]+;|#[xX][0-9a-fA-F]+;|[a-zA-Z][a-zA-Z0-9]*;)")


class ArbeitnowConfig(SourceConfig):
    pass


class ArbeitnowSource(Source):
    type = "arbeitnow"
    config_model = ArbeitnowConfig
    default_base_url = "https://www.arbeitnow.com"
    lists_whole_board = False
    config: ArbeitnowConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        pages: list[Parsed] = []
        page = await http.get(self.url("/api/job-board-api"), params={"page": 1})
        for number in range(1, self.config.max_pages + 1):
            parsed, next_url = parse_page(page.json(), source=self.name)
            pages.append(parsed)
            # An empty `data` ends the walk; a page of only skipped items was not empty.
            empty = not parsed.listings and not parsed.skipped
            if empty or not next_url or number == self.config.max_pages:
                break
            page = await http.get(self._follow(next_url))
        return self.result(pages, complete=False)

    def _follow(self, next_url: str) -> str:
        # The board's `next` names its own host; a configured base_url (a replay server)
        # takes its place, keeping the path and query.
        if self.config.base_url is None:
            return next_url
        parts = urlsplit(next_url)
        return self.url(parts.path) + (f"?{parts.query}" if parts.query else "")


def parse_page(payload: Any, *, source: str) -> tuple[Parsed, str | None]:
    """Pure parse of one `/api/job-board-api` page: its listings (a malformed job skipped)
    and `links.next`."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise ParseError(f"{source}: expected an object with a 'data' list")
    links = payload.get("links")
    if links is not None and not isinstance(links, dict):
        raise ParseError(f"{source}: expected 'links' to be an object")
    next_url = (links or {}).get("next")
    parsed = parse_each(payload["data"], lambda job: _parse_job(job, source=source), ident="slug")
    return parsed, next_url if isinstance(next_url, str) and next_url else None


def _parse_job(job: Any, *, source: str) -> Listing:
    if not isinstance(job, dict) or not job.get("slug") or not job.get("title"):
        raise ParseError("no slug or title")
    description_html = _clean_html(job.get("description") or "")
    job_types = [t for t in job.get("job_types") or [] if isinstance(t, str)]
    remote = job.get("remote")
    return Listing(
        source=source,
        external_id=job["slug"],
        url=job.get("url") or "",
        title=unescape_html(job["title"]).strip(),
        company=unescape_html(job.get("company_name") or "").strip(),
        location=(job.get("location") or "").strip(),
        remote=remote if isinstance(remote, bool) else None,
        description=html_to_text(description_html),
        description_html=description_html,
        posted_at=parse_datetime(job.get("created_at")),
        employment_type=next((e for e in map(employment_type, job_types) if e), None),
        tags=tuple(t.strip() for t in job.get("tags") or [] if isinstance(t, str) and t.strip()),
    )


def _clean_html(raw: str) -> str:
    """The description as HTML, whichever way the board escaped it."""
    if not _LOOKS_LIKE_HTML.search(raw):
        return unescape_html(raw)  # escaped markup (`&lt;p&gt;` or `&amp;lt;p&amp;gt;`)
    # Real tags, but entities inside them escaped a second time.
    return _DOUBLE_ENTITY.sub(r"&\1", raw)
