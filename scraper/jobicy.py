"""Jobicy: the newest remote jobs, up to 100 in one response.

GET /api/v2/remote-jobs?count=1..100[&tag=…][&geo=…]. No paging. Company names and
titles may hold WordPress entities (`&#038;`, `&#8211;`). The four salary fields are
absent when there is no salary. Terms: poll at most hourly (jobs appear with a 6 h
delay); don't redistribute to aggregators such as Google Jobs or LinkedIn.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type, make_salary
from scraper.text import html_to_text, unescape_html


class JobicyConfig(SourceConfig):
    tag: str | None = None  # Jobicy's keyword filter, e.g. "project manager"
    geo: str | None = None  # a region slug from `?get=locations`, e.g. "usa", "europe"
    count: int = Field(default=50, ge=1, le=100)


class JobicySource(Source):
    type = "jobicy"
    config_model = JobicyConfig
    default_base_url = "https://jobicy.com"
    lists_whole_board = False
    default_min_interval = "1h"  # Jobicy asks to poll at most hourly
    config: JobicyConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        params: dict[str, Any] = {"count": self.config.count}
        if self.config.tag:
            params["tag"] = self.config.tag
        if self.config.geo:
            params["geo"] = self.config.geo
        page = await http.get(self.url("/api/v2/remote-jobs"), params=params, conditional=True)
        return self.result(parse_jobs(page.json(), source=self.name), complete=False)


def parse_jobs(payload: Any, *, source: str) -> Parsed:
    """Pure parse of a `/api/v2/remote-jobs` response; a malformed job is skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ParseError(f"{source}: expected an object with a 'jobs' list")
    return parse_each(payload["jobs"], lambda job: _parse_job(job, source=source))


def _parse_job(job: Any, *, source: str) -> Listing:
    if not isinstance(job, dict) or "id" not in job or not job.get("jobTitle"):
        raise ParseError("no id or jobTitle")
    description_html = job.get("jobDescription") or ""
    return Listing(
        source=source,
        external_id=str(job["id"]),
        url=job.get("url") or "",
        title=unescape_html(job["jobTitle"]).strip(),
        company=unescape_html(job.get("companyName") or "").strip(),
        location=unescape_html(job.get("jobGeo") or "").strip(),
        remote=True,  # Jobicy lists remote jobs only
        description=html_to_text(description_html),
        description_html=description_html,
        salary=make_salary(
            job.get("salaryMin"),
            job.get("salaryMax"),
            job.get("salaryCurrency"),
            job.get("salaryPeriod"),
        ),
        posted_at=parse_datetime(job.get("pubDate")),
        employment_type=next(
            (e for e in map(employment_type, _strings(job.get("jobType"))) if e), None
        ),
        tags=tuple(unescape_html(i).strip() for i in _strings(job.get("jobIndustry"))),
    )


def _strings(value: object) -> list[str]:
    # Live data has arrays; the README implies plain strings: accept both.
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, str) and item.strip()]
