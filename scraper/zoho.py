"""Zoho Recruit career site: every published opening of one company in one JSON feed.

GET /recruit/v2/public/Job_Openings?pagename={page}&source=CareerSite on the company's
career host, https://{board}.zohorecruit.{datacenter}, so a `base_url` replaces the whole
host. This is the feed Zoho's own "embed careers site" widget reads, not Zoho's documented
Recruit API (that one needs OAuth), so robots.txt is obeyed. The answer is
`{"code": "success", "data": [...], "info": {"page_name": ..., ...}}` with no paging; a
feed that says `info.more_records` is read but closes nothing.

Unpublished and locked openings come in the same list and are hidden, as the career site
hides them. `Date_Opened` is in the company's display format: ISO, or MM/DD/YYYY, or
DD/MM/YYYY, so the order of day and month is read off the whole feed. An unknown company
is redirected to Zoho's marketing site (HTML); that, a 404, or an error object is a
NotFoundError.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import NotFoundError, ParseError
from scraper.http import Page, PoliteClient
from scraper.listing import Listing, Salary
from scraper.normalise import employment_type, join_nonempty, make_salary, unique_nonempty
from scraper.text import html_to_text

FEED_PATH = "/recruit/v2/public/Job_Openings"
# Fields a career site may leave out of the feed unless asked for by name (a JSON list in
# the query string), as Zoho's own careers host does for Remote_Job.
EXTRA_FIELDS = json.dumps(
    ["Job_Description", "Date_Opened", "Work_Experience", "Remote_Job"], separators=(",", ":")
)

_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)"
_SALARY_RANGE = re.compile(rf"^\s*{_AMOUNT}\s*(?:-|–|to)\s*{_AMOUNT}\s*$", re.IGNORECASE)
_SALARY_ONE = re.compile(rf"^\s*{_AMOUNT}\s*$")

MORE_RECORDS = (
    "the feed says it holds more openings than it returned (info.more_records) and offers "
    "no way to ask for them: nothing closed"
)


class ZohoConfig(SourceConfig):
    board: str = Field(
        min_length=1, description="the company subdomain, as in {board}.zohorecruit.com"
    )
    datacenter: Literal["com", "in", "eu", "com.au"] = Field(
        default="com", description="the Zoho data centre: {board}.zohorecruit.{datacenter}"
    )
    page: str = Field(
        default="Careers",
        min_length=1,
        description="the career site's page name, as in {board}.zohorecruit.com/jobs/{page}",
    )


class ZohoSource(Source):
    type = "zoho"
    config_model = ZohoConfig
    default_base_url = "https://{board}.zohorecruit.{datacenter}"  # a template: per company
    lists_whole_board = True
    one_employer = True
    # An unofficial feed of a company's own career site: a few reads a day are plenty.
    default_min_interval = "6h"
    config: ZohoConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        url = self.url(FEED_PATH)
        page = await http.get(
            url,
            params={
                "pagename": self.config.page,
                "source": "CareerSite",
                "extra_fields": EXTRA_FIELDS,
            },
            robots=True,
            conditional=True,
        )
        payload = _payload(page, url)
        parsed = parse_openings(
            payload,
            source=self.name,
            company=self.config.company or self.config.board,
            jobs_url=f"{self.board_url}/jobs/{self.config.page}",
        )
        if more_records(payload):
            return self.result(parsed, complete=False, warning=MORE_RECORDS)
        return self.result(parsed, complete=True)


def _payload(page: Page, url: str) -> Any:
    """The feed's JSON. 204 is an empty feed; a foreign HTML page or an error object
    means there is no such career site."""
    if page.status == 204:
        # How Zoho's record APIs say "no records"; an empty 200 stays an error.
        return {"code": "success", "data": []}
    try:
        payload = json.loads(page.text)
    except json.JSONDecodeError:
        if urlsplit(page.url).netloc != urlsplit(url).netloc:
            # An unknown company is sent to Zoho's marketing site.
            raise NotFoundError(
                f"{url}: redirected to {page.url}: no Zoho Recruit career site there "
                "(check board and datacenter)",
                url=url,
                status=page.status,
            ) from None
        return page.json()  # raises the usual ParseError naming what came instead
    if isinstance(payload, dict) and payload.get("status") == "error":
        # Zoho's error object: {"code", "message", "status": "error", "details"}.
        raise NotFoundError(
            f"{url}: Zoho answered {payload.get('code')}: {payload.get('message')} "
            "(check board, datacenter and page)",
            url=url,
            status=page.status,
        )
    return payload


def more_records(payload: Any) -> bool:
    info = payload.get("info") if isinstance(payload, dict) else None
    return isinstance(info, dict) and info.get("more_records") is True


def parse_openings(payload: Any, *, source: str, company: str, jobs_url: str) -> Parsed:
    """Pure parse of a public `Job_Openings` feed. `jobs_url` is the career site's jobs page
    ({host}/jobs/{page}) that links are built on when an opening carries no `$url`."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise ParseError(f"{source}: expected an object with a 'data' list")
    openings = payload["data"]
    day_first = _day_first(item.get("Date_Opened") for item in openings if isinstance(item, dict))
    return parse_each(
        openings,
        lambda item: _parse_opening(
            item, source=source, company=company, jobs_url=jobs_url, day_first=day_first
        ),
    )


def _parse_opening(
    item: Any, *, source: str, company: str, jobs_url: str, day_first: bool
) -> Listing | None:
    if not isinstance(item, dict):
        raise ParseError("not an object")
    if item.get("Publish") is False or item.get("Is_Locked") is True:
        return None  # kept in the feed, hidden on the career site
    job_id, title = _text(item.get("id")), _text(item.get("Posting_Title"))
    title = title or _text(item.get("Job_Opening_Name"))
    if not job_id or not title:
        raise ParseError("no id or title")
    remote = item.get("Remote_Job") if isinstance(item.get("Remote_Job"), bool) else None
    description = item.get("Job_Description")
    if description is not None and not isinstance(description, str):
        raise ParseError("Job_Description is not text")
    description = description or ""
    salary = _salary(item.get("Salary"), item.get("Currency"))
    return Listing(
        source=source,
        external_id=job_id,
        url=_url(item.get("$url")) or f"{jobs_url}/{job_id}?source=CareerSite",
        title=title,
        company=company,
        # A remote opening often leaves City, State and Country empty.
        location=join_nonempty(item.get("City"), item.get("State"), item.get("Country"))
        or ("Remote" if remote else ""),
        remote=remote,
        description=html_to_text(description),
        # Some companies type the ad as plain text: then there is no board HTML to keep.
        description_html=description if _LOOKS_LIKE_HTML.search(description) else "",
        salary=salary,
        salary_text=None if salary else _salary_text(item.get("Salary"), item.get("Currency")),
        posted_at=_opened(item.get("Date_Opened"), day_first=day_first),
        employment_type=employment_type(item.get("Job_Type")),
        tags=unique_nonempty(item.get("Department"), item.get("Industry"), _experience(item)),
    )


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _url(value: object) -> str:
    text = _text(value)
    return text if text.startswith(("https://", "http://")) else ""


def _experience(item: dict[str, Any]) -> str:
    # "5-8 years" or just "5-8": a tag a reader can place either way.
    years = _text(item.get("Work_Experience"))
    return f"{years} experience" if years else ""


def _day_first(values: Iterable[object]) -> bool:
    """Whether the feed's numeric dates are DD/MM/YYYY: one date with a first part over 12
    says so for the whole feed (one company, one display format). MM/DD/YYYY otherwise, the
    format the recorded feeds show."""
    for value in values:
        found = _NUMERIC_DATE.match(value) if isinstance(value, str) else None
        if found and int(found[1]) > 12:
            return True
        if found and int(found[2]) > 12:
            return False
    return False


def _opened(value: object, *, day_first: bool) -> datetime | None:
    found = _NUMERIC_DATE.match(value) if isinstance(value, str) else None
    if not found:
        return parse_datetime(value)
    first, second, year = int(found[1]), int(found[2]), int(found[3])
    day, month = (first, second) if day_first else (second, first)
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def _salary(value: object, currency: object) -> Salary | None:
    # `Salary` is free text; only a bare amount or "min - max" is read as numbers. No field
    # says per what, so the period stays unknown.
    text = _text(value)
    found = _SALARY_RANGE.match(text) or _SALARY_ONE.match(text)
    if not found:
        return None
    groups = found.groups()
    return make_salary(groups[0], groups[1] if len(groups) > 1 else None, currency, None)


def _salary_text(value: object, currency: object) -> str | None:
    text = _text(value)
    return join_nonempty(text, currency, sep=" ") if text else None
