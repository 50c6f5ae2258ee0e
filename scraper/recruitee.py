"""Recruitee Careers Site API: every published offer in one response.

GET /api/offers/ on the company's own careers host, https://{company}.recruitee.com, so a
`base_url` replaces the whole host including the company. Salary amounts are strings.
An unknown company is a 404 `{"error":"Not Found"}`.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing, Salary
from scraper.normalise import employment_type, join_nonempty, make_salary, unique_nonempty
from scraper.text import html_to_text


class RecruiteeConfig(SourceConfig):
    board: str = Field(
        min_length=1, description="the company subdomain, as in {board}.recruitee.com"
    )


class RecruiteeSource(Source):
    type = "recruitee"
    config_model = RecruiteeConfig
    default_base_url = "https://{board}.recruitee.com"  # a template: the host is per company
    lists_whole_board = True
    one_employer = True
    config: RecruiteeConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        page = await http.get(self.url("/api/offers/"), conditional=True)
        parsed = parse_offers(
            page.json(), source=self.name, company=self.config.company or self.config.board
        )
        return self.result(parsed, complete=True)


def parse_offers(payload: Any, *, source: str, company: str) -> Parsed:
    """Pure parse of an `/api/offers/` response; a malformed offer is skipped."""
    if not isinstance(payload, dict) or not isinstance(payload.get("offers"), list):
        raise ParseError(f"{source}: expected an object with an 'offers' list")
    return parse_each(
        payload["offers"], lambda offer: _parse_offer(offer, source=source, company=company)
    )


def _parse_offer(offer: Any, *, source: str, company: str) -> Listing:
    if (
        not isinstance(offer, dict)
        or "id" not in offer
        or not isinstance(offer.get("title"), str)
        or not offer["title"].strip()
    ):
        raise ParseError("no id or title")
    # The ad is split in two HTML fields; a reader sees them one after the other.
    description_html = "".join(
        part
        for part in (offer.get("description"), offer.get("requirements"))
        if isinstance(part, str)
    )
    tags = [offer.get("department")]
    tags.extend(offer.get("tags") or [])
    return Listing(
        source=source,
        external_id=str(offer["id"]),
        url=offer.get("careers_url") or "",
        title=offer["title"].strip(),
        company=(offer.get("company_name") or "").strip() or company,
        location=_location(offer),
        remote=_remote(offer),
        description=html_to_text(description_html),
        description_html=description_html,
        salary=_salary(offer.get("salary")),
        posted_at=parse_datetime(offer.get("published_at") or offer.get("created_at")),
        employment_type=employment_type(offer.get("employment_type_code")),
        tags=unique_nonempty(*tags),
    )


def _location(offer: dict[str, Any]) -> str:
    location = offer.get("location")
    if isinstance(location, str) and location.strip():
        return location.strip()
    return join_nonempty(offer.get("city"), offer.get("state_name"), offer.get("country"))


def _remote(offer: dict[str, Any]) -> bool | None:
    # Three flags: `remote` wins; hybrid or on-site means not remote; all false means the
    # company did not say.
    if offer.get("remote") is True:
        return True
    if offer.get("hybrid") is True or offer.get("on_site") is True:
        return False
    return None


def _salary(salary: Any) -> Salary | None:
    if not isinstance(salary, dict):
        return None
    return make_salary(
        salary.get("min"), salary.get("max"), salary.get("currency"), salary.get("period")
    )
