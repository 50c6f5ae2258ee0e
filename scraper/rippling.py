"""Rippling job boards: the list the board page reads, then one record per wanted job.

GET https://api.rippling.com/platform/api/ats/v1/board/{board}/jobs answers a JSON array
of the whole board, with no paging, one row per job *and work location*: `{uuid, name, url,
department: {id, label}, workLocation: {id, label}}`, so a job in two places comes twice
and is merged here. The list has no description or date, so GET .../jobs/{uuid} follows
(`{uuid, name, description: {company, role}, workLocations, department: {name,
base_department}, employmentType: {label, id}, createdOn, payRangeDetails, companyName}`),
but only for titles the keywords want and only once per job: a job the store holds open is
passed on as still listed, not re-read.

One API host serves every company's board. Rippling's Job Board API reference sits behind
a sign-in, so this is treated as the board page's own JSON and robots.txt is obeyed. An
unknown board, or a slug in the wrong case (slugs are case-sensitive), is a 404
`{"error_code": "RESOURCE_NOT_FOUND", "message": "Job Board not found"}`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import quote

from pydantic import Field

from scraper.base import (
    FetchResult,
    Parsed,
    Source,
    SourceConfig,
    parse_each,
    read_new_details,
)
from scraper.dates import parse_datetime
from scraper.errors import NotFoundError, ParseError
from scraper.http import PoliteClient
from scraper.listing import Listing, Salary
from scraper.normalise import (
    employment_type,
    join_nonempty,
    make_salary,
    unique_nonempty,
)
from scraper.text import html_to_text

# A path segment, so nothing in it can reach another path ("../x", "a/b").
SLUG = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
BOARD_PATH = "/platform/api/ats/v1/board/{board}/jobs"
# The v1 list has no paging; the board page's newer v2 list pages at 1,000 rows. A v1 list
# of that many rows may have been cut there, so it closes nothing.
ROW_CAP = 1000
# employmentType.label, Rippling's enum; `id` carries the words ("Salaried, full-time").
_EMPLOYMENT = {
    "SALARIED_FT": "full-time",
    "HOURLY_FT": "full-time",
    "SALARIED_PT": "part-time",
    "HOURLY_PT": "part-time",
    "CONTRACTOR": "contract",
    "CONTRACT": "contract",
    "INTERN": "internship",
    "TEMP": "temporary",
    "TEMPORARY": "temporary",
}


class RipplingConfig(SourceConfig):
    board: str = Field(
        min_length=1,
        pattern=SLUG,
        description="the board slug, as in ats.rippling.com/{board}/jobs (case-sensitive)",
    )


class RipplingSource(Source):
    type = "rippling"
    config_model = RipplingConfig
    default_base_url = "https://api.rippling.com"
    lists_whole_board = True
    one_employer = True
    # The board page's own JSON on a host shared by every company: a few reads a day.
    default_min_interval = "6h"
    config: RipplingConfig

    async def fetch(self, http: PoliteClient) -> FetchResult:
        # Not conditional: a 304 would also skip retrying records that failed last time.
        path = BOARD_PATH.format(board=self.config.board)
        try:
            page = await http.get(self.url(path), robots=True)
        except NotFoundError as e:
            raise NotFoundError(
                f"{e.url}: HTTP 404: no Rippling job board {self.config.board!r}"
                " (slugs are case-sensitive)",
                url=e.url,
                status=e.status,
            ) from e
        payload = page.json()
        if isinstance(payload, dict) and payload.get("error_code") == "RESOURCE_NOT_FOUND":
            raise NotFoundError(
                f"{page.url}: no Rippling job board {self.config.board!r}", url=page.url
            )
        board = parse_jobs(
            payload,
            source=self.name,
            company=self.config.company or self.config.board,
            board=self.config.board,
        )
        details = await read_new_details(
            self.keep_wanted(board.listings),
            self.known_ids,
            lambda item: self._read_job(http, path, item),
            label="uuid",
            what="record",
        )
        listings, still_listed = details.listings, details.still_listed
        skipped = [*board.skipped, *details.skipped]
        capped = len(payload) >= ROW_CAP
        return self.result(
            Parsed(listings, tuple(skipped)),
            complete=not capped,
            warning=f"the board listed {len(payload)} rows, as many as one list may hold: "
            "nothing closed this time"
            if capped
            else None,
            still_listed=still_listed,
            listed=len(board.listings),
        )

    async def _read_job(self, http: PoliteClient, path: str, summary: Listing) -> Listing:
        """The summary completed from the job's record."""
        url = self.url(f"{path}/{quote(summary.external_id, safe='')}")
        page = await http.get(url, robots=True)
        return parse_job(page.json(), summary)


def parse_jobs(payload: Any, *, source: str, company: str, board: str) -> Parsed:
    """Pure parse of a board's job list (no descriptions); a malformed row is skipped.

    Rows of one job (one per work location) are merged into one listing, in first-seen
    order, with every location.
    """
    if not isinstance(payload, list):
        raise ParseError(f"{source}: expected a JSON array of jobs")
    rows = parse_each(
        payload,
        lambda row: _parse_row(row, source=source, company=company, board=board),
        ident="uuid",
    )
    merged: dict[str, Listing] = {}
    for listing in rows.listings:
        seen = merged.get(listing.external_id)
        if seen is None:
            merged[listing.external_id] = listing
            continue
        merged[listing.external_id] = replace(
            seen,
            location=join_nonempty(seen.location, listing.location, sep="; "),
            remote=_either_remote(seen.remote, listing.remote),
        )
    return Parsed(list(merged.values()), rows.skipped)


def _parse_row(row: Any, *, source: str, company: str, board: str) -> Listing:
    if (
        not isinstance(row, dict)
        or row.get("uuid") in (None, "")
        or not isinstance(row.get("name"), str)
        or not row["name"].strip()
    ):
        raise ParseError("no uuid or name")
    uuid = str(row["uuid"]).strip()
    place = _label(row.get("workLocation"))
    return Listing(
        source=source,
        external_id=uuid,
        url=_text(row.get("url")) or f"https://ats.rippling.com/{board}/jobs/{uuid}",
        title=row["name"].strip(),
        company=company,
        location=place,
        remote=_place_remote(place),
        tags=unique_nonempty(_label(row.get("department"))),
    )


def parse_job(payload: Any, summary: Listing) -> Listing:
    """Pure parse of a job's record (`.../jobs/{uuid}`), completing the list's `summary`."""
    if not isinstance(payload, dict) or not isinstance(payload.get("description"), dict):
        raise ParseError("expected a job object with a 'description' object")
    text = payload["description"]
    # The role first: it is the ad; the company blurb is the same on every job.
    description_html = "".join(_text(text.get(part)) for part in ("role", "company"))
    places = [p.strip() for p in payload.get("workLocations") or [] if isinstance(p, str)]
    location = join_nonempty(*places, sep="; ") or summary.location
    department = payload.get("department")
    return replace(
        summary,
        url=_text(payload.get("url")) or summary.url,
        title=_text(payload.get("name")) or summary.title,
        company=_text(payload.get("companyName")) or summary.company,
        location=location,
        remote=_places_remote(places) if places else summary.remote,
        description=html_to_text(description_html),
        description_html=description_html,
        salary=_salary(payload.get("payRangeDetails")),
        posted_at=parse_datetime(payload.get("createdOn")),
        employment_type=_employment(payload.get("employmentType")),
        tags=unique_nonempty(
            *summary.tags,
            *(
                (department.get("base_department"), department.get("name"))
                if isinstance(department, dict)
                else ()
            ),
        ),
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _label(value: Any) -> str:
    # {id, label} objects; some rows carry a bare string.
    if isinstance(value, dict):
        return _text(value.get("label")) or _text(value.get("id"))
    return _text(value)


def _place_remote(place: str) -> bool | None:
    # Labels read "Remote (United States)", "Hybrid (Toronto, CA)", "On-site (New York,
    # NY)", or just a place with no mode.
    word = place.lower()
    if word.startswith("remote"):
        return True
    if word.startswith(("hybrid", "on-site", "onsite", "on site", "in office")):
        return False
    return None


def _places_remote(places: list[str]) -> bool | None:
    remote: bool | None = None
    for place in places:
        remote = _either_remote(remote, _place_remote(place))
    return remote


def _either_remote(a: bool | None, b: bool | None) -> bool | None:
    # Remote anywhere makes the job open to remote work; otherwise a stated mode wins.
    if a is True or b is True:
        return True
    if a is False or b is False:
        return False
    return None


def _employment(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    label = _text(value.get("label")).upper()
    return _EMPLOYMENT.get(label) or employment_type(value.get("id"))


def _salary(ranges: Any) -> Salary | None:
    """One Salary from the pay tiers (one per location band): lowest start to highest end,
    when every tier is in the same currency and period; otherwise the first tier."""
    tiers = [
        make_salary(
            tier.get("rangeStart", tier.get("minValue")),
            tier.get("rangeEnd", tier.get("maxValue")),
            tier.get("currency"),
            tier.get("frequency"),
        )
        for tier in ranges or []
        if isinstance(tier, dict)
    ]
    found = [tier for tier in tiers if tier is not None]
    if not found:
        return None
    first = found[0]
    if any((t.currency, t.period) != (first.currency, first.period) for t in found):
        return first
    lows = [t.min for t in found if t.min is not None]
    highs = [t.max for t in found if t.max is not None]
    return Salary(
        min=min(lows) if lows else None,
        max=max(highs) if highs else None,
        currency=first.currency,
        period=first.period,
    )
