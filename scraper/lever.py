"""Lever Postings API: a bare JSON array, paged with `skip` and `limit`.

GET /v0/postings/{site}?mode=json&skip=N&limit=100 on api.lever.co (api.eu.lever.co for EU
accounts). A page shorter than `limit` is the last. There is no company field, so the
display name comes from the config. An empty board is `200 []`; an unknown site is a 404.
"""

from __future__ import annotations

import html
from typing import Any, Literal

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import (
    employment_type,
    join_nonempty,
    make_salary,
    unique_nonempty,
    workplace_remote,
)
from scraper.text import html_to_text

PAGE_SIZE = 100
_HOSTS = {"global": "https://api.lever.co", "eu": "https://api.eu.lever.co"}


class LeverConfig(SourceConfig):
    board: str = Field(min_length=1, description="the site name, as in jobs.lever.co/{board}")
    region: Literal["global", "eu"] = Field(
        default="global", description="'eu' for accounts hosted on api.eu.lever.co"
    )


class LeverSource(Source):
    type = "lever"
    config_model = LeverConfig
    default_base_url = _HOSTS["global"]
    lists_whole_board = True
    one_employer = True
    config: LeverConfig

    def url(self, path: str) -> str:
        # EU accounts live on another host; `base_url` (a replay server) still wins.
        return (self.config.base_url or _HOSTS[self.config.region]) + path

    async def fetch(self, http: PoliteClient) -> FetchResult:
        company = self.config.company or self.config.board
        pages: list[Parsed] = []
        for page_number in range(self.config.max_pages):
            page = await http.get(
                self.url(f"/v0/postings/{self.config.board}"),
                params={"mode": "json", "skip": page_number * PAGE_SIZE, "limit": PAGE_SIZE},
            )
            payload = page.json()
            pages.append(parse_postings(payload, source=self.name, company=company))
            # The page length, not the postings kept: a skipped item still filled the page.
            if len(payload) < PAGE_SIZE:
                return self.result(pages, complete=True)
        # max_pages full pages: there may be more we did not ask for.
        return self.result(pages, complete=False)


def parse_postings(payload: Any, *, source: str, company: str) -> Parsed:
    """Pure parse of one `/v0/postings/{site}?mode=json` page; a malformed posting is skipped."""
    if not isinstance(payload, list):
        raise ParseError(f"{source}: expected a JSON array of postings")
    return parse_each(
        payload, lambda posting: _parse_posting(posting, source=source, company=company)
    )


def _parse_posting(posting: Any, *, source: str, company: str) -> Listing:
    if (
        not isinstance(posting, dict)
        or not posting.get("id")
        or not isinstance(posting.get("text"), str)
        or not posting["text"].strip()
    ):
        raise ParseError("no id or text")
    categories = posting.get("categories")
    if not isinstance(categories, dict):
        categories = {}
    description_html = _description_html(posting)
    salary_range = posting.get("salaryRange")
    salary = (
        make_salary(
            salary_range.get("min"),
            salary_range.get("max"),
            salary_range.get("currency"),
            salary_range.get("interval"),
        )
        if isinstance(salary_range, dict)
        else None
    )
    return Listing(
        source=source,
        external_id=str(posting["id"]),
        url=posting.get("hostedUrl") or "",
        title=posting["text"].strip(),
        company=company,
        location=_location(categories),
        remote=workplace_remote(posting.get("workplaceType")),
        description=html_to_text(description_html),
        description_html=description_html,
        salary_text=_salary_text(posting),
        salary=salary,
        posted_at=parse_datetime(posting.get("createdAt")),
        employment_type=employment_type(categories.get("commitment")),
        tags=unique_nonempty(categories.get("department"), categories.get("team")),
    )


def _description_html(posting: dict[str, Any]) -> str:
    # Lever splits the ad: opening+body, then titled lists of bare <li>s, then a closing.
    parts = [posting.get("description") or ""]
    for item in posting.get("lists") or []:
        if not isinstance(item, dict):
            continue
        heading = (item.get("text") or "").strip()
        if heading:
            parts.append(f"<h3>{html.escape(heading, quote=False)}</h3>")
        if item.get("content"):
            parts.append(f"<ul>{item['content']}</ul>")
    parts.append(posting.get("additional") or "")
    return "".join(part for part in parts if isinstance(part, str))


def _location(categories: dict[str, Any]) -> str:
    location = categories.get("location")
    if isinstance(location, str) and location.strip():
        return location.strip()
    others = categories.get("allLocations")
    return join_nonempty(*others, sep="; ") if isinstance(others, list) else ""


def _salary_text(posting: dict[str, Any]) -> str | None:
    plain = posting.get("salaryDescriptionPlain")
    text = plain.strip() if isinstance(plain, str) else ""
    if not text and isinstance(posting.get("salaryDescription"), str):
        text = html_to_text(posting["salaryDescription"])
    return text or None
