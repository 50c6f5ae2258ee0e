"""Breezy HR portals: the JSON list the portal reads, then each wanted posting's own page.

GET https://{board}.breezy.hr/json answers a JSON array of every published position, with
no paging: `{id, friendly_id, name, url, published_date, type: {id, name}, location:
{country: {id, name}, state: {id, name}, city, name, is_remote}, locations: [...],
department, salary (text), company: {name, friendly_id}}`. It has no description, so the
position page /p/{friendly_id} follows, but only for titles the keywords want and only once
per posting (a posting the store holds open is passed on as still listed). The page carries
a schema.org JobPosting (description, sometimes a structured `baseSalary`) and the same ad
in `<div class="description">`, read when the JSON-LD has none.

Neither is a documented API (Breezy's API is OAuth), so robots.txt is obeyed; requests go
one at a time through the HTTP layer, as Breezy's edge answers bursts with 403. A company
without a portal is redirected to breezy.hr. Some unknown subdomains answer `[]` instead,
so an empty list closes nothing and warns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field
from selectolax.lexbor import LexborHTMLParser

from scraper import jsonld
from scraper.base import (
    FetchResult,
    Parsed,
    Source,
    SourceConfig,
    parse_each,
    read_new_details,
)
from scraper.dates import parse_datetime
from scraper.errors import ParseError
from scraper.http import PoliteClient, json_where_asked
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty, unique_nonempty
from scraper.text import html_to_text

# A subdomain, so nothing in it can move the request to another host ("evil.com/x").
HOST_LABEL = r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$"

EMPTY_BOARD = (
    "the portal lists no positions at all (some unknown subdomains answer the same):"
    " its stored listings are kept open"
)


class BreezyConfig(SourceConfig):
    board: str = Field(
        min_length=1,
        pattern=HOST_LABEL,
        description="the company subdomain, as in {board}.breezy.hr",
    )


class BreezySource(Source):
    type = "breezy"
    config_model = BreezyConfig
    default_base_url = "https://{board}.breezy.hr"  # a template: per company
    lists_whole_board = True
    one_employer = True
    # The portal's own JSON and pages, not a documented API: a few reads a day are plenty.
    default_min_interval = "6h"
    config: BreezyConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        # Not conditional: a 304 would also skip retrying pages that failed last time.
        list_url = self.url("/json")
        page = await http.get(list_url, robots=True)
        board = parse_positions(
            json_where_asked(page, list_url, missing="no Breezy HR portal there"),
            source=self.name,
            company=self.config.company or self.config.board,
            board_url=self.board_url,
        )
        if not board.listings and not board.skipped:
            # Closing every stored listing on a typo'd subdomain would be worse than
            # keeping a really emptied board's listings open a while.
            return FetchResult([], complete=False, warning=EMPTY_BOARD)
        details = await read_new_details(
            self.keep_wanted(board.listings),
            self.known_ids,
            lambda item: self._read_page(http, item),
            label="id",
            what="page",
        )
        listings, still_listed = details.listings, details.still_listed
        skipped = [*board.skipped, *details.skipped]
        return self.result(
            Parsed(listings, tuple(skipped)),
            complete=True,
            still_listed=still_listed,
            listed=len(board.listings),
        )

    async def _read_page(self, http: PoliteClient, summary: Listing) -> Listing:
        """The summary completed from its position page."""
        # The position's path on the portal host (or on `base_url`), however it was linked.
        url = self.url(urlsplit(summary.url).path)
        page = await http.get(url, robots=True)
        return parse_position_page(page.text, summary, source=self.name)


def parse_positions(payload: Any, *, source: str, company: str, board_url: str) -> Parsed:
    """Pure parse of a `/json` answer (no descriptions); a malformed position is skipped.

    `board_url` builds a position's link when it has only a `friendly_id`.
    """
    if not isinstance(payload, list):
        raise ParseError(f"{source}: expected a JSON array of positions")
    return parse_each(
        payload,
        lambda item: _parse_position(item, source=source, company=company, board_url=board_url),
    )


def _parse_position(item: Any, *, source: str, company: str, board_url: str) -> Listing:
    if (
        not isinstance(item, dict)
        or item.get("id") in (None, "")
        or not isinstance(item.get("name"), str)
        or not item["name"].strip()
    ):
        raise ParseError("no id or name")
    url = _text(item.get("url"))
    if not url:
        friendly_id = _text(item.get("friendly_id"))
        if not friendly_id:
            raise ParseError("no url or friendly_id")
        url = f"{board_url}/p/{friendly_id}"
    places = [item.get("location")]
    if isinstance(item.get("locations"), list):
        places.extend(item["locations"])
    owner = item.get("company")
    return Listing(
        source=source,
        external_id=str(item["id"]).strip(),
        url=url,
        title=item["name"].strip(),
        company=(_text(owner.get("name")) if isinstance(owner, dict) else "") or company,
        location=join_nonempty(*(_place(p) for p in places), sep="; "),
        remote=_remote(places),
        salary_text=_text(item.get("salary")) or None,
        posted_at=parse_datetime(item.get("published_date")),
        employment_type=_employment(item.get("type")),
        tags=unique_nonempty(item.get("department")),
    )


def parse_position_page(html: str, summary: Listing, *, source: str) -> Listing:
    """Pure parse of a position page, completing the list's `summary` with its ad."""
    found = jsonld.parse_page(html, page_url=summary.url, source=source).parsed.listings
    posting = found[0] if found else None
    description_html = posting.description_html if posting else ""
    if not description_html:
        block = LexborHTMLParser(html).css_first("div.description")
        description_html = (block.inner_html or "").strip() if block is not None else ""
    if not description_html:
        raise ParseError("no JobPosting JSON-LD and no div.description on the page")
    return replace(
        summary,
        description=html_to_text(description_html),
        description_html=description_html,
        salary=posting.salary if posting else None,
        salary_text=summary.salary_text or (posting.salary_text if posting else None),
        posted_at=summary.posted_at or (posting.posted_at if posting else None),
        employment_type=summary.employment_type or (posting.employment_type if posting else None),
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _place(place: Any) -> str:
    if isinstance(place, str):
        return place.strip()
    if not isinstance(place, dict):
        return ""
    name = _text(place.get("name"))
    if name:
        return name
    state, country = place.get("state"), place.get("country")
    return join_nonempty(
        place.get("city"),
        state.get("name") if isinstance(state, dict) else state,
        country.get("name") if isinstance(country, dict) else country,
    )


def _remote(places: list[Any]) -> bool | None:
    # Any remote location makes the posting open to remote work; an explicit false on
    # every flagged one says it is not.
    flags = [p.get("is_remote") for p in places if isinstance(p, dict)]
    if any(flag is True for flag in flags):
        return True
    return False if any(flag is False for flag in flags) else None


def _employment(kind: Any) -> str | None:
    # {"id": "fullTime", "name": "Full-Time"}
    if not isinstance(kind, dict):
        return None
    return employment_type(kind.get("name")) or employment_type(kind.get("id"))
