"""Himalayas: remote jobs, browsed by cursor or searched by page.

Without a query: GET /jobs/api?limit=20[&cursor=…], following `nextCursor` until it is
absent or null (`offset` is deprecated; `limit` is at most 20). With a query:
GET /jobs/api/search?q=…&page=N (from 1) until a page comes back empty or
`totalCount` jobs have been seen. `pubDate` is epoch
seconds in live data though the docs say milliseconds; parse_datetime takes either.
Terms: attribution and a link back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type, make_salary
from scraper.text import html_to_text

PAGE_SIZE = 20  # the browse endpoint's maximum `limit`


class HimalayasConfig(SourceConfig):
    query: str | None = None  # set: use the search endpoint (`q`); unset: browse everything


class HimalayasSource(Source):
    type = "himalayas"
    config_model = HimalayasConfig
    default_base_url = "https://himalayas.app"
    lists_whole_board = False
    config: HimalayasConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        if self.config.query:
            pages = await self._search(http, self.config.query)
        else:
            pages = await self._browse(http)
        return self.result(pages, complete=False)

    async def _browse(self, http: PoliteClient) -> list[Parsed]:
        pages: list[Parsed] = []
        cursor: str | None = None
        for _ in range(self.config.max_pages):
            params: dict[str, Any] = {"limit": PAGE_SIZE}
            if cursor:
                params["cursor"] = cursor
            response = await http.get(self.url("/jobs/api"), params=params)
            page = parse_page(response.json(), source=self.name)
            pages.append(page.parsed)
            cursor = page.next_cursor
            if not page.size or not cursor:
                break
        return pages

    async def _search(self, http: PoliteClient, query: str) -> list[Parsed]:
        pages: list[Parsed] = []
        seen = 0
        for number in range(1, self.config.max_pages + 1):
            response = await http.get(
                self.url("/jobs/api/search"), params={"q": query, "page": number}
            )
            page = parse_page(response.json(), source=self.name)
            pages.append(page.parsed)
            seen += page.size
            # Search pages have no cursor; stop at an empty page or once totalCount is seen.
            if not page.size or (page.total is not None and seen >= page.total):
                break
        return pages


@dataclass(frozen=True, slots=True)
class HimalayasPage:
    parsed: Parsed
    size: int  # jobs on the page, skipped ones too: what paging counts
    next_cursor: str | None  # browse only; absent or null on the last page
    total: int | None  # `totalCount`, when the page gives it


def parse_page(payload: Any, *, source: str) -> HimalayasPage:
    """Pure parse of one browse or search page; a malformed job is skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ParseError(f"{source}: expected an object with a 'jobs' list")
    cursor = payload.get("nextCursor")
    total = payload.get("totalCount")
    jobs = payload["jobs"]
    return HimalayasPage(
        parsed=parse_each(jobs, lambda job: _parse_job(job, source=source), ident="guid"),
        size=len(jobs),
        next_cursor=cursor if isinstance(cursor, str) and cursor else None,
        total=total if isinstance(total, int) and not isinstance(total, bool) else None,
    )


def _parse_job(job: Any, *, source: str) -> Listing:
    if not isinstance(job, dict) or not job.get("guid") or not job.get("title"):
        raise ParseError("no guid or title")
    guid = str(job["guid"])
    description_html = job.get("description") or ""
    return Listing(
        source=source,
        external_id=guid,
        # The guid is the job's page on himalayas.app, which the terms ask us to link to.
        url=guid if guid.startswith("http") else job.get("applicationLink") or "",
        title=job["title"].strip(),
        company=(job.get("companyName") or "").strip(),
        location=", ".join(_locations(job.get("locationRestrictions"))),
        remote=True,  # Himalayas lists remote jobs only
        # Some jobs carry only the plain-text `excerpt`; it is text, not HTML to keep.
        description=html_to_text(description_html) or html_to_text(job.get("excerpt") or ""),
        description_html=description_html,
        salary=make_salary(
            job.get("minSalary"), job.get("maxSalary"), job.get("currency"), job.get("salaryPeriod")
        ),
        posted_at=parse_datetime(job.get("pubDate")),
        employment_type=employment_type(job.get("employmentType")),
        tags=tuple(
            c.strip() for c in job.get("categories") or [] if isinstance(c, str) and c.strip()
        ),
    )


def _locations(value: object) -> list[str]:
    # Live data has country names; the docs say Location objects, one consumer reads
    # `{alpha2, name}`: accept both.
    names: list[str] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, dict):
            item = item.get("name") or item.get("alpha2")
        if isinstance(item, str) and item.strip():
            names.append(item.strip())
    return names
