"""Workday careers sites: the "cxs" JSON endpoints behind the careers page, one keyword
search per phrase, then one detail request per new wanted posting.

Opt-in per tenant the user lists (`tenant`, `instance`, `site`, as in
https://{tenant}.{instance}.myworkdayjobs.com/en-US/{site}); never swept from a directory.

- List: POST /wday/cxs/{tenant}/{site}/jobs with
  `{"appliedFacets": {}, "limit": 20, "offset": N, "searchText": <phrase>}`, once per
  keyword phrase (no keywords: one search for everything), merged on `externalPath`.
  `limit` 20 is what the careers page sends; larger pages are refused by some tenants.
  `total` is read from page 0 only: later pages may say `total: 0`.
- Detail: GET /wday/cxs/{tenant}/{site}{externalPath} gives `jobPostingInfo` (HTML
  description, `startDate`, `externalUrl`, `remoteType`, `timeType`, locations) and
  `hiringOrganization`. The list has no description, so each wanted posting costs one
  request; a posting already stored (`known_ids`) is not read again but reported as
  `still_listed`, so a night costs one request per *new* posting.
- Closing: the searches are keyword-filtered on the server, so postings outside them are
  never fetched. "The whole board" here is the board as seen through the same searches:
  a stored posting those searches no longer return is closed. A search that hit the cap
  or `max_pages` makes the fetch incomplete, and then nothing is closed.
- The 2,000 cap: some tenants clamp a search at 2,000 results (`total` 2000) and repeat
  page 1 past it. Such a search is read up to the cap and flagged; narrower keywords are
  the fix (facet splitting would multiply the requests). A page that only repeats what
  the search already returned ends it, in any case.
- Errors: a wrong site answers 422 and an unknown tenant 404 (NotFoundError). Workday's
  WAF answers bursts with 429 (the HTTP layer's retries) and sometimes with 403, which is
  waited out here a couple of times before the board fails. A detail that answers 404,
  410 or 403 `{"errorCode": "S22"}` is a posting filled since the list was read: that
  posting is skipped and named, not the board.

Terms and robots: this endpoint is not documented by Workday. Workday's site terms forbid
robots and data extraction "from our Sites" without consent; whether the tenants'
*.myworkdayjobs.com careers sites fall under them is not stated. Hence: opt-in per
tenant, an honest User-Agent, robots.txt obeyed (it rarely mentions /wday/cxs/), keyword
searches instead of the whole board, details only for new wanted titles, and a 12-hour
default interval.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import Field

from scraper.base import FetchResult, Parsed, Source, SourceConfig, parse_each
from scraper.dates import parse_datetime
from scraper.errors import FetchError, NotFoundError, ParseError
from scraper.http import Page, PoliteClient, through_throttling
from scraper.listing import Listing
from scraper.normalise import employment_type, join_nonempty, workplace_remote
from scraper.text import html_to_text

PAGE_SIZE = 20  # what the careers page asks for; some tenants refuse more
RESULT_CAP = 2000  # where capping tenants clamp one search
THROTTLE_RETRIES = 2  # further tries after a 403 before the board fails

# "2 Locations": the list's stand-in for several places; the detail names them.
_ROLLUP = re.compile(r"^\s*\d+\s+locations?\s*$", re.IGNORECASE)
_DAYS_AGO = re.compile(r"(\d+)\+?\s*days?\s+ago", re.IGNORECASE)
# A closed requisition's detail: 403 {"errorCode": "S22", "message": "permission denied"}.
_GONE_403 = re.compile(r'"errorCode"\s*:\s*"S22"')


class WorkdayConfig(SourceConfig):
    tenant: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$",
        description="the tenant, as in {tenant}.wd5.myworkdayjobs.com",
    )
    instance: str = Field(
        pattern=r"^wd\d+$",
        description="the Workday instance, as in nvidia.{instance}.myworkdayjobs.com (wd1, wd5 ...)",
    )
    site: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="the careers site, as in {tenant}.wd5.myworkdayjobs.com/en-US/{site}",
    )


@dataclass(frozen=True, slots=True)
class JobsPage:
    """One page of search results: postings without their descriptions."""

    total: int | None  # as the page says; only page 0's is meaningful
    size: int  # items on the page, malformed ones included
    parsed: Parsed


@dataclass
class _Search:
    """What one keyword search returned, and whether it ran to its end."""

    listings: list[Listing] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    complete: bool = True
    warning: str | None = None


class WorkdaySource(Source):
    type = "workday"
    config_model = WorkdayConfig
    default_base_url = "https://{tenant}.{instance}.myworkdayjobs.com"  # a template
    lists_whole_board = True  # as seen through the keyword searches (module docstring)
    one_employer = True
    default_min_interval = "12h"
    # Seconds before the first retry of a 403; doubles each time. Tests set it to 0.
    throttle_backoff: float = 10.0
    config: WorkdayConfig

    @property
    def origin(self) -> str:
        return self.config.base_url or self.board_url

    @property
    def _cxs(self) -> str:
        return f"/wday/cxs/{self.config.tenant}/{self.config.site}"

    async def fetch(self, http: PoliteClient) -> FetchResult:
        now = datetime.now(UTC)
        found: dict[str, Listing] = {}  # merged on externalPath, in the order first seen
        skipped: list[str] = []
        warnings: list[str] = []
        complete = True
        for phrase in self.config.keywords or ("",):
            search = await self._search(http, phrase, now)
            for item in search.listings:
                found.setdefault(item.external_id, item)
            skipped.extend(search.skipped)
            complete = complete and search.complete
            if search.warning:
                warnings.append(search.warning)

        listings: list[Listing] = []
        still_listed: list[str] = []
        for summary in found.values():
            if not self.wanted(summary.title):
                continue  # no detail request for a title nobody asked for
            if summary.external_id in self.known_ids:
                still_listed.append(summary.external_id)  # read on an earlier night
                continue
            detail = await self._detail(http, summary)
            if isinstance(detail, str):
                skipped.append(detail)
            else:
                listings.append(detail)
        return self.result(
            Parsed(listings, tuple(skipped)),
            complete=complete,
            warning="; ".join(warnings) or None,
            still_listed=still_listed,
            listed=len(found),
        )

    async def _search(self, http: PoliteClient, phrase: str, now: datetime) -> _Search:
        """Page one keyword search to its end, the cap, a repeated page or `max_pages`."""
        label = f"search {phrase!r}" if phrase else "the search for all postings"
        company = self.config.company or self.config.tenant
        job_base = f"{self.origin}/{self.config.site}"
        search = _Search()
        seen: set[str] = set()
        total: int | None = None

        def cut_short(reason: str) -> _Search:
            # A capped search ends short anyway; the cap is what the user can act on.
            search.complete = False
            search.warning = self._cap_warning(label, len(seen)) if _capped(total) else reason
            return search

        for page_number in range(self.config.max_pages):
            offset = page_number * PAGE_SIZE
            payload = (await self._list_page(http, phrase, offset)).json()
            page = parse_jobs(
                payload, source=self.name, company=company, job_base=job_base, now=now
            )
            paths = [item.external_id for item in page.parsed.listings]
            if offset > 0 and paths and seen.issuperset(paths):
                # What a capping tenant does past the cap; from any tenant, not the rest.
                return cut_short(
                    f"{label}: the page at offset {offset} repeats earlier results,"
                    " so the search stopped there; nothing closed this time"
                )
            if offset == 0:
                total = page.total or None  # 0 beside postings on the page: unknown
            search.listings.extend(
                item for item in page.parsed.listings if item.external_id not in seen
            )
            seen.update(paths)
            search.skipped.extend(
                f"{label}, offset {offset}: {line}" for line in page.parsed.skipped
            )
            end = None if total is None else min(total, RESULT_CAP)
            if page.size < PAGE_SIZE or (end is not None and offset + PAGE_SIZE >= end):
                return cut_short("") if _capped(total) else search
        return cut_short(
            f"{label}: stopped at max_pages={self.config.max_pages}"
            f" ({len(seen)} of {total if total is not None else 'more'} postings);"
            " nothing closed this time"
        )

    def _cap_warning(self, label: str, read: int) -> str:
        return (
            f"tenant {self.config.tenant!r} capped results at 2,000 for {label}"
            f" (read {read}): nothing closed tonight; narrower keywords keep each search"
            " under the cap"
        )

    async def _list_page(self, http: PoliteClient, phrase: str, offset: int) -> Page:
        url = self.url(f"{self._cxs}/jobs")
        body = {"appliedFacets": {}, "limit": PAGE_SIZE, "offset": offset, "searchText": phrase}
        try:
            return await self._patiently(lambda: http.post_json(url, body, robots=True))
        except NotFoundError as e:
            raise NotFoundError(
                f"{url}: no Workday tenant {self.config.tenant!r} on {self.config.instance}"
                " (HTTP 404); check `tenant` and `instance` against the careers page URL",
                url=e.url,
                status=404,
            ) from e
        except FetchError as e:
            if e.status != 422:
                raise
            raise NotFoundError(
                f"{url}: site {self.config.site!r} not found on tenant {self.config.tenant!r}"
                " (HTTP 422); check `site` against the careers page URL",
                url=e.url,
                status=422,
            ) from e

    async def _detail(self, http: PoliteClient, summary: Listing) -> Listing | str:
        """The posting read in full, or the line that says why it was skipped."""
        url = self.url(f"{self._cxs}{summary.external_id}")
        try:
            page = await self._patiently(lambda: http.get(url, robots=True))
        except FetchError as e:
            if e.status in (404, 410) or _says_gone(e):
                return (
                    f"posting {summary.external_id!r}: its detail answered HTTP {e.status}"
                    " (filled since the list was read)"
                )
            raise
        try:
            return parse_detail(page.json(), summary, source=self.name, company=self.config.company)
        except ParseError as e:
            return f"posting {summary.external_id!r}: {e}"

    async def _patiently(self, call: Callable[[], Awaitable[Page]]) -> Page:
        """Workday's WAF answers some bursts with 403 rather than 429: wait, ask again
        (a 403 S22 is a filled posting, and means what it says)."""
        return await through_throttling(
            call,
            retries=THROTTLE_RETRIES,
            backoff=self.throttle_backoff,
            explain="the tenant is throttling us (HTTP 403); it should pass by the next run",
            final=_says_gone,
        )


def _capped(total: int | None) -> bool:
    return total is not None and total >= RESULT_CAP


def _says_gone(error: FetchError) -> bool:
    # The HTTP layer keeps the start of the body in the message; S22 comes first in it.
    return error.status == 403 and bool(_GONE_403.search(str(error)))


def parse_jobs(
    payload: Any, *, source: str, company: str, job_base: str, now: datetime
) -> JobsPage:
    """Pure parse of one search page. `job_base` is `{origin}/{site}`, the careers page the
    postings' `externalPath`s hang off; `now` dates "Posted 5 Days Ago"."""
    if not isinstance(payload, dict) or not isinstance(payload.get("jobPostings"), list):
        raise ParseError(f"{source}: expected an object with a 'jobPostings' list")
    total = payload.get("total")
    items = payload["jobPostings"]
    parsed = parse_each(
        items,
        lambda item: _parse_posting(
            item, source=source, company=company, job_base=job_base, now=now
        ),
        ident="externalPath",
    )
    return JobsPage(
        total=total if isinstance(total, int) and not isinstance(total, bool) else None,
        size=len(items),
        parsed=parsed,
    )


def _parse_posting(
    item: Any, *, source: str, company: str, job_base: str, now: datetime
) -> Listing:
    if not isinstance(item, dict):
        raise ParseError("not an object")
    path, title = item.get("externalPath"), item.get("title")
    # The path is appended to our own URLs: only a path, never anything else.
    if not isinstance(path, str) or not path.startswith("/"):
        raise ParseError("no externalPath")
    if not isinstance(title, str) or not title.strip():
        raise ParseError("no title")
    where = item.get("locationsText")
    location = where.strip() if isinstance(where, str) and not _ROLLUP.match(where) else ""
    return Listing(
        source=source,
        external_id=path,
        url=job_base + path,
        title=title.strip(),
        company=company,
        location=location,
        remote=_remote(item.get("remoteType"), location),
        posted_at=posted_on(item.get("postedOn"), now),
        employment_type=employment_type(item.get("timeType")),
    )


def parse_detail(
    payload: Any, summary: Listing, *, source: str, company: str | None = None
) -> Listing:
    """Pure parse of a posting's detail over its search-page `summary`.

    `company` is the config's display name; without one the detail's hiring organisation
    (often the legal entity) is used, and without that the summary's (the tenant).
    """
    info = payload.get("jobPostingInfo") if isinstance(payload, dict) else None
    if not isinstance(info, dict):
        raise ParseError(f"{source}: expected an object with a 'jobPostingInfo' object")
    description_html = _text(info.get("jobDescription"))
    location = _location(info) or summary.location
    external_url = _text(info.get("externalUrl"))
    return replace(
        summary,
        url=external_url if external_url.startswith(("https://", "http://")) else summary.url,
        title=_text(info.get("title")) or summary.title,
        company=company or _organisation(payload) or summary.company,
        location=location,
        remote=_remote(info.get("remoteType"), location, default=summary.remote),
        description=html_to_text(description_html),
        description_html=description_html,
        # startDate is the date the posting went up; "Posted N Days Ago" only approximates it.
        posted_at=parse_datetime(info.get("startDate")) or summary.posted_at,
        employment_type=employment_type(info.get("timeType")) or summary.employment_type,
    )


def posted_on(label: object, now: datetime) -> datetime | None:
    """'Posted Today' / 'Posted Yesterday' / 'Posted 5 Days Ago' / 'Posted 30+ Days Ago'
    (taken as 30) as a UTC day before `now`; an ISO date as itself; otherwise None."""
    if not isinstance(label, str) or not label.strip():
        return None
    text = label.strip().lower()
    today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if "today" in text:
        return today
    if "yesterday" in text:
        return today - timedelta(days=1)
    found = _DAYS_AGO.search(text)
    if found:
        return today - timedelta(days=int(found[1]))
    return parse_datetime(label)


def _location(info: dict[str, Any]) -> str:
    primary = _text(info.get("location"))
    country = info.get("country")
    name = _text(country.get("descriptor")) if isinstance(country, dict) else ""
    # "Hobart (TAS)" says nothing of Australia; the matcher needs the country.
    if primary and name and name.lower() not in primary.lower():
        primary = f"{primary}, {name}"
    others = info.get("additionalLocations")
    extra = [_text(o) for o in others] if isinstance(others, list) else []
    return join_nonempty(primary, *extra, sep="; ")


def _remote(remote_type: object, location: str, *, default: bool | None = None) -> bool | None:
    # remoteType is per tenant: "Remote", "Fully Remote", "Hybrid", "Flexible", "On-Site".
    hint = workplace_remote(remote_type)
    if hint is not None:
        return hint
    if isinstance(remote_type, str):
        word = remote_type.lower()
        if "hybrid" in word or "flexible" in word:
            return False
        if "remote" in word:
            return True
    if "remote" in location.lower():
        return True
    return default


def _organisation(payload: dict[str, Any]) -> str:
    org = payload.get("hiringOrganization")
    return _text(org.get("name")) if isinstance(org, dict) else ""


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
