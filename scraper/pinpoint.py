"""Pinpoint career sites: every open posting of one company in one JSON document.

GET /postings.json on the company's careers host, https://{board}.pinpointhq.com, so a
`base_url` replaces the whole host. The answer is `{"data": [...]}` with no paging (`page`
and `per_page` are ignored). Each posting carries its ad in four HTML sections
(`description`, then `key_responsibilities`, `skills_knowledge_expertise` and `benefits`,
each under a heading the company chose), `workplace_type`, `employment_type`, a
`location` object and structured pay that is public only when `compensation_visible`.
There is no posting date in the feed.

This is the JSON the careers page itself loads, not Pinpoint's keyed API, so robots.txt
is obeyed, and some tenants disallow crawlers. An unknown company is a 404 (HTML); a
tenant without a careers site redirects elsewhere, which is a NotFoundError too.
"""

from __future__ import annotations

import html
from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.errors import ParseError, RobotsDisallowed
from scraper.http import PoliteClient, json_where_asked
from scraper.listing import Listing, Salary
from scraper.normalise import (
    employment_type,
    make_salary,
    unique_nonempty,
    workplace_remote,
)
from scraper.text import html_to_text

FEED_PATH = "/postings.json"
# The ad's sections after `description`, in the order the posting page shows them, each
# under its `{section}_header`.
_SECTIONS = ("key_responsibilities", "skills_knowledge_expertise", "benefits")
# Pinpoint's pay periods beyond year/month/hour (week, day, two_weeks) have no Salary
# period; those stay text rather than becoming a figure read at the wrong period.
_PERIODS = {"year": "year", "yearly": "year", "month": "month", "hour": "hour"}


class PinpointConfig(SourceConfig):
    board: str = Field(
        min_length=1, description="the company subdomain, as in {board}.pinpointhq.com"
    )


class PinpointSource(Source):
    type = "pinpoint"
    config_model = PinpointConfig
    default_base_url = "https://{board}.pinpointhq.com"  # a template: per company
    lists_whole_board = True
    one_employer = True
    # The careers page's own feed, not a documented API: a few reads a day are plenty.
    default_min_interval = "6h"
    config: PinpointConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        url = self.url(FEED_PATH)
        try:
            page = await http.get(url, robots=True, conditional=True)
        except RobotsDisallowed as e:
            raise RobotsDisallowed(
                f"{self.name}: the tenant's robots.txt asks crawlers to keep away from its "
                f"job feed ({e}); jobmatch obeys it, so this board cannot be read",
                url=e.url,
            ) from e
        parsed = parse_postings(
            json_where_asked(page, url, missing="no Pinpoint careers site there", same_host=False),
            source=self.name,
            company=self.config.company or self.config.board,
            board_url=self.board_url,
        )
        return self.result(parsed, complete=True)


def parse_postings(payload: Any, *, source: str, company: str, board_url: str) -> Parsed:
    """Pure parse of a `/postings.json` answer; a malformed posting is skipped.

    `board_url` builds a posting's link when it has only a `path`.
    """
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise ParseError(f"{source}: expected an object with a 'data' list")
    return parse_each(
        payload["data"],
        lambda posting: _parse_posting(
            posting, source=source, company=company, board_url=board_url
        ),
    )


def _parse_posting(posting: Any, *, source: str, company: str, board_url: str) -> Listing:
    if (
        not isinstance(posting, dict)
        or posting.get("id") in (None, "")
        or not isinstance(posting.get("title"), str)
        or not posting["title"].strip()
    ):
        raise ParseError("no id or title")
    description_html = _description_html(posting)
    salary, salary_text = _pay(posting)
    url = posting.get("url") or ""
    if not url and isinstance(posting.get("path"), str):
        url = board_url + posting["path"]
    return Listing(
        source=source,
        external_id=str(posting["id"]),
        url=url,
        title=" ".join(posting["title"].split()),
        company=company,
        location=_location(posting.get("location")),
        remote=workplace_remote(posting.get("workplace_type")),
        description=html_to_text(description_html),
        description_html=description_html,
        salary_text=salary_text,
        salary=salary,
        employment_type=employment_type(
            posting.get("employment_type") or posting.get("employment_type_text")
        ),
        tags=unique_nonempty(*_departments(posting)),
    )


def _description_html(posting: dict[str, Any]) -> str:
    parts = [posting.get("description") or ""]
    for section in _SECTIONS:
        body = posting.get(section)
        if not isinstance(body, str) or not body.strip():
            continue
        heading = posting.get(f"{section}_header")
        if isinstance(heading, str) and heading.strip():
            parts.append(f"<h3>{html.escape(heading.strip(), quote=False)}</h3>")
        parts.append(body)
    return "".join(part for part in parts if isinstance(part, str))


def _location(location: Any) -> str:
    """`name` (the company's own label, often a site name), then city, province and
    country, each left out when what comes before already says it."""
    if not isinstance(location, dict):
        return ""
    parts: list[str] = []
    for key in ("name", "city", "province", "country"):
        value = location.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        value = " ".join(value.split())
        if value.lower() not in ", ".join(parts).lower():
            parts.append(value)
    return ", ".join(parts)


def _pay(posting: dict[str, Any]) -> tuple[Salary | None, str | None]:
    """(structured salary, salary text): only what the company chose to show."""
    if not posting.get("compensation_visible"):
        return None, None  # hidden bands may hold internal figures
    shown = posting.get("compensation")
    text = " ".join(shown.split()) if isinstance(shown, str) and shown.strip() else None
    frequency = posting.get("compensation_frequency")
    word = frequency.strip().lower() if isinstance(frequency, str) else ""
    if not word or word in _PERIODS:  # an unstated period is left unknown, not guessed
        salary = make_salary(
            posting.get("compensation_minimum"),
            posting.get("compensation_maximum"),
            posting.get("compensation_currency"),
            _PERIODS.get(word),
        )
        if salary is not None:
            return salary, None
    return None, text


def _departments(posting: dict[str, Any]) -> list[object]:
    job = posting.get("job")
    if not isinstance(job, dict):
        job = {}
    names: list[object] = []
    for value in (job.get("department"), job.get("division"), posting.get("department")):
        names.append(value.get("name") if isinstance(value, dict) else value)
    return names
