"""SmartRecruiters Posting API: a paged list, then one detail call per wanted posting.

GET /v1/companies/{id}/postings?offset=N&limit=100 until `offset` reaches `totalFound`.
List items carry no description, so GET /v1/companies/{id}/postings/{postingId} follows,
but only for titles the keywords want: one request per unwanted job would be impolite.
An unknown company is not an error: `200 {"totalFound":0,"content":[]}`, as for a board
with no postings. So a board that lists nothing closes nothing and warns.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import NotFoundError, ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty, unique_nonempty
from scraper.text import html_to_text

PAGE_SIZE = 100  # the documented maximum
_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


class SmartRecruitersConfig(SourceConfig):
    board: str = Field(
        min_length=1, description="the company identifier, as in jobs.smartrecruiters.com/{board}"
    )


@dataclass(frozen=True, slots=True)
class PostingsPage:
    total: int
    size: int  # items on the page, skipped ones too: the offset advances by these
    parsed: Parsed  # from list items: everything but the description and URL


EMPTY_BOARD = (
    "the board lists no postings at all (an unknown company id looks the same):"
    " its stored listings are kept open"
)


class SmartRecruitersSource(Source):
    type = "smartrecruiters"
    config_model = SmartRecruitersConfig
    default_base_url = "https://api.smartrecruiters.com"
    lists_whole_board = True
    one_employer = True
    config: SmartRecruitersConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        company = self.config.company or self.config.board
        postings_path = f"/v1/companies/{self.config.board}/postings"
        summaries: list[Listing] = []
        skipped: list[str] = []
        offset, complete = 0, False
        for _ in range(self.config.max_pages):
            page = await http.get(
                self.url(postings_path), params={"offset": offset, "limit": PAGE_SIZE}
            )
            parsed = parse_postings(page.json(), source=self.name, company=company)
            if parsed.total == 0 and offset == 0:
                # The API answers an unknown company id exactly as an empty board: closing
                # every stored listing on a typo'd id would be worse than keeping them open.
                return FetchResult([], complete=False, warning=EMPTY_BOARD)
            summaries.extend(parsed.parsed.listings)
            skipped.extend(parsed.parsed.skipped)
            # Advance by what came back, not by `limit`, in case the server caps it lower.
            offset += parsed.size
            if offset >= parsed.total:
                complete = True
                break
            if not parsed.size:
                break  # short of totalFound: not the whole board, so not complete

        listings: list[Listing] = []
        for summary in self.keep_wanted(summaries):
            try:
                detail = await http.get(self.url(f"{postings_path}/{summary.external_id}"))
            except NotFoundError:
                continue  # closed between the list call and this one
            listing = parse_posting(detail.json(), source=self.name, company=company)
            if listing is not None:
                listings.append(listing)
        # The list pages' skipped items ride along with the details; `listed` is the list's.
        return self.result(
            Parsed(listings, tuple(skipped)), complete=complete, listed=len(summaries)
        )


def parse_postings(payload: Any, *, source: str, company: str) -> PostingsPage:
    """Pure parse of one `/postings?offset=&limit=` page (no descriptions on the list); a
    malformed item is skipped."""
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("content"), list)
        or not isinstance(payload.get("totalFound"), int)
    ):
        raise ParseError(f"{source}: expected an object with 'totalFound' and a 'content' list")
    content = payload["content"]
    parsed = parse_each(content, lambda item: _parse_common(item, source=source, company=company))
    return PostingsPage(total=payload["totalFound"], size=len(content), parsed=parsed)


def parse_posting(payload: Any, *, source: str, company: str) -> Listing | None:
    """Pure parse of a `/postings/{postingId}` detail; None when it says it is inactive."""
    if not isinstance(payload, dict):
        raise ParseError(f"{source}: expected a posting object")
    if payload.get("active") is False:
        return None
    try:
        listing = _parse_common(payload, source=source, company=company)
    except ParseError as e:
        # A detail is the whole response: name the source, as a page-shape error does.
        raise ParseError(f"{source}: expected a posting detail: {e}") from e
    job_ad = payload.get("jobAd")
    sections = job_ad.get("sections") if isinstance(job_ad, dict) else None
    if not isinstance(sections, dict):
        raise ParseError(f"{source}: expected 'jobAd.sections' in posting {listing.external_id}")
    description_html = _description_html(sections)
    return replace(
        listing,
        url=payload.get("postingUrl") or listing.url,
        description=html_to_text(description_html),
        description_html=description_html,
    )


def _parse_common(item: Any, *, source: str, company: str) -> Listing:
    # The fields a list item and a detail share.
    if (
        not isinstance(item, dict)
        or not item.get("id")
        or not isinstance(item.get("name"), str)
        or not item["name"].strip()
    ):
        raise ParseError("no id or name")
    owner = item.get("company")
    owner_name = owner.get("name") if isinstance(owner, dict) else None
    location = item.get("location")
    if not isinstance(location, dict):
        location = {}
    return Listing(
        source=source,
        external_id=str(item["id"]),
        url="",
        title=item["name"].strip(),
        company=owner_name.strip()
        if isinstance(owner_name, str) and owner_name.strip()
        else company,
        location=_location(location),
        remote=_remote(location),
        posted_at=parse_datetime(item.get("releasedDate")),
        employment_type=employment_type(_label(item.get("typeOfEmployment"))),
        tags=unique_nonempty(_label(item.get("department")), _label(item.get("function"))),
    )


def _label(value: Any) -> str | None:
    # {id, label} objects; `department` may be `{}`.
    return value.get("label") if isinstance(value, dict) else None


def _location(location: dict[str, Any]) -> str:
    full = location.get("fullLocation")
    if isinstance(full, str) and full.strip():
        return full.strip()
    country = location.get("country")
    return join_nonempty(
        location.get("city"),
        location.get("region"),
        country.upper() if isinstance(country, str) else None,
    )


def _remote(location: dict[str, Any]) -> bool | None:
    if location.get("remote") is True:
        return True
    if location.get("hybrid") is True or location.get("remote") is False:
        return False
    return None


def _description_html(sections: dict[str, Any]) -> str:
    parts = []
    for key in _SECTIONS:
        section = sections.get(key)
        if not isinstance(section, dict) or not (section.get("text") or "").strip():
            continue
        title = (section.get("title") or "").strip()
        if title:
            parts.append(f"<h3>{html.escape(title, quote=False)}</h3>")
        parts.append(section["text"])
    return "".join(parts)
