"""Keka Hire career portal: every active job of one portal in one JSON list.

GET /careers/api/jobs/{portal}/active on the company's Keka host, https://{board}.keka.com
(portal "default" unless the company runs a named one at /careers/{portal}), so a
`base_url` replaces the whole host. It is the request the careers page itself makes, not
Keka's documented API (that one is OAuth and partner-only), so robots.txt is obeyed.

It needs no portal identifier, unlike the embed widget's
`/careers/api/embedjobs/{portal}/active/{uuid}`, whose uuid must first be dug out of the
careers page: that two-step path answers the same jobs with the same fields, and finds no
uuid at all on some portals. An unknown company answers 200 with an "Invalid Tenant" HTML
page, a switched-off portal with "Forbidden Access" (or a redirect to it); both are a
NotFoundError, as is a 404.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import NotFoundError, ParseError
from scraper.http import Page, PoliteClient
from scraper.listing import Listing, Salary
from scraper.normalise import join_nonempty, make_salary, unique_nonempty
from scraper.text import html_to_text

# The pages Keka serves at HTTP 200 instead of the jobs list.
_DEAD_MARKERS = ("Invalid Tenant", "Forbidden Access")
# `jobType`: the two values seen across tenants; 0 appears only on a demo tenant.
_JOB_TYPES = {1: "part-time", 2: "full-time"}
# `salaryRange.salaryPeriod`: 0 is "not available" (amounts of any scale), 2 bi-weekly.
_PERIODS = {1: "hour", 3: "month", 4: "year"}


class KekaConfig(SourceConfig):
    board: str = Field(min_length=1, description="the company subdomain, as in {board}.keka.com")
    portal: str = Field(
        default="default",
        min_length=1,
        description="a named careers portal, as in {board}.keka.com/careers/{portal}",
    )


class KekaSource(Source):
    type = "keka"
    config_model = KekaConfig
    default_base_url = "https://{board}.keka.com"  # a template: the host is per company
    lists_whole_board = True
    one_employer = True
    # An unofficial feed of a company's own careers page: a few reads a day are plenty.
    default_min_interval = "6h"
    config: KekaConfig

    @property
    def careers_url(self) -> str:
        """The portal's real careers page; job links hang off it even with a `base_url`."""
        host = self.board_url
        portal = "" if self.config.portal == "default" else f"/{self.config.portal}"
        return f"{host}/careers{portal}"

    async def fetch(self, http: PoliteClient) -> FetchResult:
        url = self.url(f"/careers/api/jobs/{self.config.portal}/active")
        page = await http.get(url, robots=True, conditional=True)
        parsed = parse_jobs(
            _payload(page, url),
            source=self.name,
            company=self.config.company or self.config.board,
            careers_url=self.careers_url,
        )
        return self.result(parsed, complete=True)


def _payload(page: Page, url: str) -> Any:
    try:
        return json.loads(page.text)
    except json.JSONDecodeError:
        marker = next((m for m in _DEAD_MARKERS if m in page.text), None)
        if marker:
            raise NotFoundError(
                f"{url}: Keka answered {marker!r}: no public careers portal there "
                "(check board and portal)",
                url=url,
                status=page.status,
            ) from None
        return page.json()  # raises the usual ParseError naming what came instead


def parse_jobs(payload: Any, *, source: str, company: str, careers_url: str) -> Parsed:
    """Pure parse of a `/careers/api/jobs/{portal}/active` list. `careers_url` is the
    portal's careers page ({host}/careers[/{portal}]) job links are built on."""
    if not isinstance(payload, list):
        raise ParseError(f"{source}: expected a JSON list of jobs")
    return parse_each(
        payload, lambda job: _parse_job(job, source=source, company=company, url=careers_url)
    )


def _parse_job(job: Any, *, source: str, company: str, url: str) -> Listing:
    if not isinstance(job, dict):
        raise ParseError("not an object")
    job_id, title = _job_id(job.get("id")), job.get("title")
    if not job_id or not isinstance(title, str) or not title.strip():
        raise ParseError("no id or title")
    description_html = job.get("description") or job.get("excerpt") or ""
    if not isinstance(description_html, str):
        raise ParseError("description is not text")
    location = _location(job.get("jobLocations"))
    job_type = job.get("jobType")
    experience = job.get("experience")
    return Listing(
        source=source,
        external_id=job_id,
        url=f"{url}/jobdetails/{job_id}",
        title=title.strip(),
        company=company,
        location=location,
        # No work-mode field; "Remote" as a place is the portal's only hint.
        remote=True if "remote" in location.lower() else None,
        description=html_to_text(description_html),
        description_html=description_html,
        salary=_salary(job.get("salaryRange")),
        posted_at=parse_datetime(job.get("publishedOn")),
        employment_type=_JOB_TYPES.get(job_type) if type(job_type) is int else None,
        tags=unique_nonempty(
            job.get("departmentName"),
            f"{experience.strip()} experience" if isinstance(experience, str) else None,
            *(job.get("skillNames") or []),
        ),
    )


def _job_id(value: object) -> str:
    # A positive integer; bool is an int to Python but never an id.
    if type(value) is int and value > 0:
        return str(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return value.strip()
    return ""


def _location(places: object) -> str:
    """Every place the job lists ("Bengaluru, Karnataka, India"), joined with "; "."""
    if not isinstance(places, list):
        return ""
    return join_nonempty(*(_place(p) for p in places if isinstance(p, dict)), sep="; ")


def _place(place: dict[str, Any]) -> str:
    geography = join_nonempty(place.get("city"), place.get("state"), place.get("countryName"))
    # `name` is the office's own label ("HQ", "Europa Bangalore"): used when it is all there
    # is, or when it says the job is remote, which no other field does.
    label = place.get("name")
    name = label.strip() if isinstance(label, str) else ""
    if "remote" in name.lower():
        return name
    return geography or name


def _salary(salary_range: object) -> Salary | None:
    if not isinstance(salary_range, dict):
        return None
    period = salary_range.get("salaryPeriod")
    return make_salary(
        salary_range.get("minimum"),
        salary_range.get("maximum"),
        salary_range.get("currency"),
        _PERIODS.get(period) if type(period) is int else None,
    )
