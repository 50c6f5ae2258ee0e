"""Ashby public posting API: every published job in one response.

GET /posting-api/job-board/{board}?includeCompensation=true. Unlisted posts still appear
(`isListed: false`) and are dropped. Pay is published only when the company shows it on
its own postings (`shouldDisplayCompensationOnJobPostings`).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing, Salary
from scraper.normalise import employment_type, make_salary, unique_nonempty, workplace_remote
from scraper.text import html_to_text


class AshbyConfig(SourceConfig):
    board: str = Field(
        min_length=1, description="the job board name, as in jobs.ashbyhq.com/{board}"
    )


class AshbySource(Source):
    type = "ashby"
    config_model = AshbyConfig
    default_base_url = "https://api.ashbyhq.com"
    lists_whole_board = True
    one_employer = True
    config: AshbyConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        page = await http.get(
            self.url(f"/posting-api/job-board/{self.config.board}"),
            params={"includeCompensation": "true"},
            conditional=True,
        )
        parsed = parse_job_board(
            page.json(), source=self.name, company=self.config.company or self.config.board
        )
        return self.result(parsed, complete=True)


def parse_job_board(payload: Any, *, source: str, company: str) -> Parsed:
    """Pure parse of a `/posting-api/job-board/{board}` response, unlisted jobs dropped and
    a malformed job skipped."""
    # apiVersion has been seen as "1" and "v0.1", so it is not checked.
    if not isinstance(payload, dict) or not isinstance(payload.get("jobs"), list):
        raise ParseError(f"{source}: expected an object with a 'jobs' list")
    return parse_each(payload["jobs"], lambda job: _parse_job(job, source=source, company=company))


def _parse_job(job: Any, *, source: str, company: str) -> Listing | None:
    if isinstance(job, dict) and job.get("isListed") is False:
        return None
    if (
        not isinstance(job, dict)
        or not job.get("id")
        or not isinstance(job.get("title"), str)
        or not job["title"].strip()
    ):
        raise ParseError("no id or title")
    description_html = job.get("descriptionHtml") or ""
    description = (
        html_to_text(description_html)
        if description_html
        else (job.get("descriptionPlain") or "").strip()
    )
    shows_pay = job.get("shouldDisplayCompensationOnJobPostings") is not False
    compensation = job.get("compensation") if shows_pay else None
    if not isinstance(compensation, dict):
        compensation = {}
    return Listing(
        source=source,
        external_id=str(job["id"]),
        url=job.get("jobUrl") or "",
        title=job["title"].strip(),
        company=company,
        location=(job.get("location") or "").strip(),
        remote=_remote(job),
        description=description,
        description_html=description_html,
        salary_text=_salary_text(compensation),
        salary=_salary(compensation),
        posted_at=parse_datetime(job.get("publishedAt")),
        employment_type=employment_type(job.get("employmentType")),
        tags=unique_nonempty(job.get("department"), job.get("team")),
    )


def _remote(job: dict[str, Any]) -> bool | None:
    if job.get("isRemote") is True:
        return True
    mode = workplace_remote(job.get("workplaceType"))
    if mode is not None:
        return mode
    is_remote = job.get("isRemote")
    return is_remote if isinstance(is_remote, bool) else None


def _salary(compensation: dict[str, Any]) -> Salary | None:
    # Equity, bonus and commission components are not pay; a Salary with no minimum is
    # a placeholder tier.
    for component in compensation.get("summaryComponents") or []:
        if (
            isinstance(component, dict)
            and component.get("compensationType") == "Salary"
            and component.get("minValue") is not None
        ):
            return make_salary(
                component.get("minValue"),
                component.get("maxValue"),
                component.get("currencyCode"),
                component.get("interval"),
            )
    return None


def _salary_text(compensation: dict[str, Any]) -> str | None:
    for key in ("scrapeableCompensationSalarySummary", "compensationTierSummary"):
        value = compensation.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
