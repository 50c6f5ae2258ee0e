"""Remotive: every active remote job in one response, newest first.

GET /api/remote-jobs?search=&category=. Third parties report that `search` and
`category` were ignored in 2026, so the same filters are applied again here.
Terms: at most a few calls a day (more than 2 a minute is blocked), link back to
the Remotive URL and name Remotive as the source.
"""

from __future__ import annotations

import re
from typing import Any

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type
from scraper.text import html_to_text


class RemotiveConfig(SourceConfig):
    search: str | None = None  # Remotive's `search`: ilike on title and description
    category: str | None = None  # a category name or slug, e.g. "project-management"


class RemotiveSource(Source):
    type = "remotive"
    config_model = RemotiveConfig
    default_base_url = "https://remotive.com"
    lists_whole_board = False
    default_min_interval = "6h"  # Remotive asks for at most 4 calls a day
    config: RemotiveConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        params = {
            key: value
            for key, value in (("search", self.config.search), ("category", self.config.category))
            if value
        }
        page = await http.get(self.url("/api/remote-jobs"), params=params or None, conditional=True)
        parsed = parse_jobs(
            page.json(),
            source=self.name,
            search=self.config.search,
            category=self.config.category,
        )
        return self.result(parsed, complete=False)


def parse_jobs(
    payload: Any, *, source: str, search: str | None = None, category: str | None = None
) -> Parsed:
    """Pure parse of a `/api/remote-jobs` response, keeping jobs that pass the filters; a
    malformed job is skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ParseError(f"{source}: expected an object with a 'jobs' list")

    def parse_one(job: Any) -> Listing | None:
        listing = _parse_job(job, source=source)
        if category and _slug(job.get("category")) != _slug(category):
            return None
        if search and not _mentions(listing, search):
            return None
        return listing

    return parse_each(payload["jobs"], parse_one)


def _parse_job(job: Any, *, source: str) -> Listing:
    if not isinstance(job, dict) or "id" not in job or not job.get("title"):
        raise ParseError("no id or title")
    description_html = job.get("description") or ""
    salary_text = (job.get("salary") or "").strip()
    return Listing(
        source=source,
        external_id=str(job["id"]),
        url=job.get("url") or "",
        title=job["title"].strip(),
        company=(job.get("company_name") or "").strip(),
        location=(job.get("candidate_required_location") or "").strip(),
        remote=True,  # Remotive lists remote jobs only
        description=html_to_text(description_html),
        description_html=description_html,
        salary_text=salary_text or None,
        posted_at=parse_datetime(job.get("publication_date")),  # naive: taken as UTC
        employment_type=employment_type(job.get("job_type")),
        tags=tuple(t.strip() for t in job.get("tags") or [] if isinstance(t, str) and t.strip()),
    )


def _slug(value: object) -> str:
    # "Project Management" and "project-management" name the same category.
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") if isinstance(value, str) else ""


def _mentions(listing: Listing, search: str) -> bool:
    needle = search.strip().lower()
    return needle in listing.title.lower() or needle in listing.description.lower()
