"""Workable public widget: the whole account in one response.

GET /api/v1/widget/accounts/{slug}?details=true on apply.workable.com. The endpoint is
undocumented (Workable's official API needs a token); `details=true` adds each job's
`description`. An unknown slug is a 404 with a text/plain "Not Found" body.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty, unique_nonempty
from scraper.text import html_to_text


class WorkableConfig(SourceConfig):
    board: str = Field(
        min_length=1, description="the account slug, as in apply.workable.com/{board}"
    )


class WorkableSource(Source):
    type = "workable"
    config_model = WorkableConfig
    default_base_url = "https://apply.workable.com"
    lists_whole_board = True
    one_employer = True
    config: WorkableConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        page = await http.get(
            self.url(f"/api/v1/widget/accounts/{self.config.board}"),
            params={"details": "true"},
            conditional=True,
        )
        parsed = parse_account(
            page.json(), source=self.name, company=self.config.company or self.config.board
        )
        return self.result(parsed, complete=True)


def parse_account(payload: Any, *, source: str, company: str) -> Parsed:
    """Pure parse of a `/api/v1/widget/accounts/{slug}?details=true` response; a malformed
    job is skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ParseError(f"{source}: expected an object with a 'jobs' list")
    name = payload.get("name")
    display = name.strip() if isinstance(name, str) and name.strip() else company
    return parse_each(
        payload["jobs"],
        lambda job: _parse_job(job, source=source, company=display),
        ident="shortcode",
    )


def _parse_job(job: Any, *, source: str, company: str) -> Listing:
    if (
        not isinstance(job, dict)
        or not job.get("shortcode")
        or not isinstance(job.get("title"), str)
        or not job["title"].strip()
    ):
        raise ParseError("no shortcode or title")
    description_html = job.get("description") or ""
    telecommuting = job.get("telecommuting")
    return Listing(
        source=source,
        external_id=str(job["shortcode"]),
        url=job.get("url") or job.get("shortlink") or "",
        title=job["title"].strip(),
        company=company,
        location=_location(job),
        remote=telecommuting if isinstance(telecommuting, bool) else None,
        description=html_to_text(description_html),
        description_html=description_html,
        # published_on is a date only; created_at can be much older than the posting.
        posted_at=parse_datetime(job.get("published_on")),
        employment_type=employment_type(job.get("employment_type")),
        tags=unique_nonempty(job.get("department")),
    )


def _location(job: dict[str, Any]) -> str:
    primary = join_nonempty(job.get("city"), job.get("state"), job.get("country"))
    if primary:
        return primary
    # Older accounts leave the flat fields blank and fill `locations` instead.
    shown = [
        join_nonempty(place.get("city"), place.get("region"), place.get("country"))
        for place in job.get("locations") or []
        if isinstance(place, dict) and not place.get("hidden")
    ]
    return join_nonempty(*shown, sep="; ")
