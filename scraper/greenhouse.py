"""Greenhouse Job Board API: the whole board in one response.

GET /v1/boards/{token}/jobs?content=true. `content` is HTML escaped once more
(`&lt;p&gt;`), so it is unescaped before it is turned into text.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.text import html_to_text, unescape_html


class GreenhouseConfig(SourceConfig):
    board: str = Field(
        min_length=1, description="the board token, as in boards.greenhouse.io/{board}"
    )


class GreenhouseSource(Source):
    type = "greenhouse"
    config_model = GreenhouseConfig
    default_base_url = "https://boards-api.greenhouse.io"
    lists_whole_board = True
    one_employer = True
    config: GreenhouseConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        page = await http.get(
            self.url(f"/v1/boards/{self.config.board}/jobs"),
            params={"content": "true"},
            conditional=True,
        )
        parsed = parse_jobs(
            page.json(), source=self.name, company=self.config.company or self.config.board
        )
        return self.result(parsed, complete=True)


def parse_jobs(payload: Any, *, source: str, company: str) -> Parsed:
    """Pure parse of a `/jobs?content=true` response; a malformed job is skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ParseError(f"{source}: expected an object with a 'jobs' list")
    return parse_each(payload["jobs"], lambda job: _parse_job(job, source=source, company=company))


def _parse_job(job: Any, *, source: str, company: str) -> Listing:
    if not isinstance(job, dict) or "id" not in job or not job.get("title"):
        raise ParseError("no id or title")
    description_html = unescape_html(job.get("content") or "")
    location = job.get("location") or {}
    location_name = location.get("name", "") if isinstance(location, dict) else ""
    return Listing(
        source=source,
        external_id=str(job["id"]),
        url=job.get("absolute_url") or "",
        title=job["title"].strip(),
        company=job.get("company_name") or company,
        location=location_name.strip(),
        remote=_remote_hint(location_name),
        description=html_to_text(description_html),
        description_html=description_html,
        posted_at=parse_datetime(job.get("first_published") or job.get("updated_at")),
        tags=tuple(
            d["name"] for d in job.get("departments") or [] if isinstance(d, dict) and d.get("name")
        ),
    )


def _remote_hint(location: str) -> bool | None:
    # Greenhouse has no work-mode field; "Remote" in the location is the board's only hint.
    return True if "remote" in location.lower() else None
